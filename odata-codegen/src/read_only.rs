//! Which properties are read-only: the conventions a generated crate can follow.

/// Which properties are marked `#[odata(read_only)]` (left out of create and update payloads).
///
/// Under both conventions, a property annotated `Org.OData.Core.V1.Computed` or
/// `Org.OData.Core.V1.Permissions` = `Read` is read-only, and so is every `Edm.Stream`
/// property. Only entity types have read-only marks (a complex value is written whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReadOnlyConvention {
    /// Microsoft Graph's habits on top of the annotations: the key of `microsoft.graph.entity`
    /// (`id`, which the service sets but does not mark), and every property whose
    /// `Core.Description` contains the word `read-only` in any case (`Read-only.`, `This
    /// property is read-only.`: the text `read-only` neither preceded nor followed by a letter
    /// or digit).
    #[default]
    Graph,
    /// The annotations only.
    Metadata,
}

impl ReadOnlyConvention {
    /// The convention of a command-line name: `graph` or `metadata`.
    ///
    /// ```
    /// use odata_codegen::{Config, ReadOnlyConvention};
    /// # let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
    /// #   <Schema Namespace="contoso.hr" Alias="hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    /// #     <EntityType Name="employee"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    /// #       <Property Name="badge" Type="Edm.String"/><NavigationProperty Name="team" Type="hr.team"/></EntityType>
    /// #     <EntityType Name="team"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    /// #     <Annotations Target="hr.employee/badge"><Annotation Term="Org.OData.Core.V1.Description" String="Read-only."/></Annotations>
    /// #   </Schema></edmx:DataServices></edmx:Edmx>"#;
    /// let convention = ReadOnlyConvention::from_name("metadata").unwrap();
    /// let strict = Config::new().metadata_text(xml).read_only_convention(convention).generate()?;
    /// assert!(strict.file("src/contoso/hr.rs").unwrap().contains("    /// Read-only.\n    pub badge:"));
    /// let graph = Config::new().metadata_text(xml).generate()?;
    /// assert!(graph.file("src/contoso/hr.rs").unwrap().contains("    #[odata(read_only)]\n    pub badge:"));
    /// assert_eq!(ReadOnlyConvention::from_name("sometimes"), None);
    /// # Ok::<(), odata_codegen::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Option<ReadOnlyConvention> {
        match name {
            "graph" => Some(ReadOnlyConvention::Graph),
            "metadata" => Some(ReadOnlyConvention::Metadata),
            _ => None,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            ReadOnlyConvention::Graph => {
                "`Core.Computed` or `Core.Permissions` = `Read`, `Edm.Stream`, the key of \
                 `microsoft.graph.entity`, and descriptions that say `read-only`"
            }
            ReadOnlyConvention::Metadata => {
                "`Core.Computed` or `Core.Permissions` = `Read`, and `Edm.Stream`"
            }
        }
    }
}
