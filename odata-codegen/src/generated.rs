//! A generated crate in memory, and the ways to write it out.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{write, Error};

/// A generated crate, in memory: file paths (relative to the crate's root, `/`-separated)
/// and their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub(crate) files: BTreeMap<String, String>,
}

impl GeneratedCrate {
    /// Every file, by path: `Cargo.toml`, `src/lib.rs`, `src/microsoft/graph/mod.rs`, ...
    ///
    /// ```
    /// # let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
    /// #   <Schema Namespace="contoso.hr" Alias="hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    /// #     <EntityType Name="employee"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    /// #       <Property Name="badge" Type="Edm.String"/><NavigationProperty Name="team" Type="hr.team"/></EntityType>
    /// #     <EntityType Name="team"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    /// #     <Annotations Target="hr.employee/badge"><Annotation Term="Org.OData.Core.V1.Description" String="Read-only."/></Annotations>
    /// #   </Schema></edmx:DataServices></edmx:Edmx>"#;
    /// let generated = odata_codegen::Config::new().metadata_text(xml).generate()?;
    /// let paths: Vec<&str> = generated.files().map(|(path, _)| path).collect();
    /// assert_eq!(
    ///     paths,
    ///     [
    ///         "Cargo.toml",
    ///         "README.md",
    ///         "rustfmt.toml",
    ///         "src/contoso/hr.rs",
    ///         "src/contoso/mod.rs",
    ///         "src/lib.rs",
    ///         "src/precompiled_json.rs",
    ///     ]
    /// );
    /// # Ok::<(), odata_codegen::Error>(())
    /// ```
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(path, text)| (path.as_str(), text.as_str()))
    }

    /// One file's text.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// The number of lines of Rust source.
    pub fn source_lines(&self) -> usize {
        self.files
            .iter()
            .filter(|(path, _)| path.ends_with(".rs"))
            .map(|(_, text)| text.lines().count())
            .sum()
    }

    /// Writes the crate to `dir`: first to a temporary sibling directory, which then replaces
    /// `dir` whole, so that `dir` is never half-written. An existing `dir` is replaced only when
    /// it is empty or a crate this generator wrote (its `Cargo.toml` starts with
    /// [`GENERATED_MARKER`](crate::GENERATED_MARKER)).
    pub fn write_crate(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        write::replace_dir(dir.as_ref(), &self.files)
    }

    /// The crate's modules as one file of nested inline modules, for
    /// `include!(concat!(env!("OUT_DIR"), "/file.rs"))` in a build script's crate. It holds no
    /// crate-level attributes or docs, and is not laid out for rustfmt.
    ///
    /// ```
    /// # let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
    /// #   <Schema Namespace="contoso.hr" Alias="hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    /// #     <EntityType Name="employee"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    /// #       <Property Name="badge" Type="Edm.String"/><NavigationProperty Name="team" Type="hr.team"/></EntityType>
    /// #     <EntityType Name="team"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    /// #     <Annotations Target="hr.employee/badge"><Annotation Term="Org.OData.Core.V1.Description" String="Read-only."/></Annotations>
    /// #   </Schema></edmx:DataServices></edmx:Edmx>"#;
    /// let generated = odata_codegen::Config::new().metadata_text(xml).generate()?;
    /// let module = generated.module_file();
    /// assert!(module.starts_with("pub mod contoso {\n    //! The modules below `contoso`.\n"));
    /// assert!(module.contains("\n    pub mod hr {\n"));
    /// assert!(module.contains("\n        pub struct Employee {\n"));
    /// # Ok::<(), odata_codegen::Error>(())
    /// ```
    pub fn module_file(&self) -> String {
        write::module_file(&self.files)
    }

    /// Writes [`GeneratedCrate::module_file`] to `path` (through a temporary file renamed into
    /// place), creating the parent directory.
    pub fn write_module_file(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        write::replace_file(path.as_ref(), &self.module_file())
    }
}
