//! Generates a crate of typed OData v4 resources from a CSDL `$metadata` document, such as
//! Microsoft Graph's: one module per schema namespace, an `ODataResource` struct per entity
//! type, an `ODataComplex` struct per complex type, an `ODataEnum` per enum type, an `Any...`
//! enum per type hierarchy and an `ODataOperation` struct per bound action or function. The
//! generated crate depends on `odata` only.
//!
//! Use it from the command line (`odata-codegen --metadata FILE --out DIR`, see `--help`), or
//! from a `build.rs`, the way `prost-build` is used:
//!
//! ```
//! # fn main() -> Result<(), odata_codegen::Error> {
//! # let dir = std::env::temp_dir().join(format!("odata-codegen-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let metadata = dir.join("metadata.xml");
//! # std::fs::write(&metadata, r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//! #  <edmx:DataServices><Schema Namespace="contoso.hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//! #   <EntityType Name="employee"><Key><PropertyRef Name="id"/></Key>
//! #    <Property Name="id" Type="Edm.String" Nullable="false"/><Property Name="displayName" Type="Edm.String"/>
//! #   </EntityType>
//! #   <EntityContainer Name="HR"><EntitySet Name="employees" EntityType="contoso.hr.employee"/></EntityContainer>
//! #  </Schema></edmx:DataServices></edmx:Edmx>"#).unwrap();
//! # let out_dir = dir.join("out");
//! // In build.rs, `out_dir` would be `std::env::var("OUT_DIR")`.
//! let generated = odata_codegen::Config::new()
//!     .metadata_file(&metadata)
//!     .crate_name("contoso-hr")
//!     .generate()?;
//! // One file of nested modules for `include!(concat!(env!("OUT_DIR"), "/contoso.rs"))` ...
//! generated.write_module_file(out_dir.join("contoso.rs"))?;
//! // ... or a whole crate, as the command line writes it.
//! generated.write_crate(out_dir.join("contoso-hr"))?;
//!
//! let module = std::fs::read_to_string(out_dir.join("contoso.rs")).unwrap();
//! assert!(module.contains("pub struct Employee {"));
//! let lib = generated.file("src/contoso/hr.rs").unwrap();
//! assert!(lib.contains(r#"#[odata(type = "contoso.hr.employee", collection = "/employees")]"#));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok(())
//! # }
//! ```
//!
//! Nothing is written unless the whole document is valid: every problem is reported at once,
//! each with its element and line ([`Error::Invalid`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The derive's `rename_all` rules, shared as one file (serde_derive_internals does the same
// with serde_derive's): the generator renames a field exactly when the derive's rule would not
// give its wire name back.
#[path = "../../odata-derive/src/case.rs"]
#[allow(dead_code)]
mod case;
mod csdl;
mod docs;
mod emit;
mod error;
mod flat_serde;
mod flavor;
mod generated;
mod layout;
mod manifest;
pub mod model;
mod modules;
mod naming;
mod plain_serde;
mod plan;
mod read_only;
mod select;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use csdl::parse_metadata;
pub use error::{Diagnostic, Error};
#[doc(hidden)]
pub use flavor::Flavor;
pub use generated::GeneratedCrate;
pub use manifest::{GENERATED_MARKER, ODATA_VERSION};
pub use model::Model;
#[doc(hidden)]
pub use naming::field_names;
pub use read_only::ReadOnlyConvention;

use manifest::{cargo_toml, check_crate_name, crate_doc, odata_dependency, readme, OdataDependency};

#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text(String),
}

/// What to generate from which document. Build it with the methods, then call
/// [`Config::generate`].
#[derive(Debug, Clone)]
pub struct Config {
    source: Option<Source>,
    crate_name: Option<String>,
    odata: OdataDependency,
    read_only: ReadOnlyConvention,
    types: Option<Vec<String>>,
    flavor: Flavor,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// A configuration without a document: the Graph read-only convention, every type, `odata`
    /// by version.
    pub fn new() -> Config {
        Config {
            source: None,
            crate_name: None,
            odata: OdataDependency::Version,
            read_only: ReadOnlyConvention::Graph,
            types: None,
            flavor: Flavor::Odata,
        }
    }

    /// Writes the code in another flavor: only for the build-time comparison.
    #[doc(hidden)]
    pub fn flavor(mut self, flavor: Flavor) -> Config {
        self.flavor = flavor;
        self
    }

    /// Reads the metadata from a file.
    pub fn metadata_file(mut self, path: impl Into<PathBuf>) -> Config {
        self.source = Some(Source::File(path.into()));
        self
    }

    /// Takes the metadata as text.
    pub fn metadata_text(mut self, text: impl Into<String>) -> Config {
        self.source = Some(Source::Text(text.into()));
        self
    }

    /// The generated crate's name (default: the default namespace with `-` for `.`, such as
    /// `microsoft-graph`).
    pub fn crate_name(mut self, name: impl Into<String>) -> Config {
        self.crate_name = Some(name.into());
        self
    }

    /// Depends on `odata` by path (written as given, so a relative path is relative to the
    /// generated crate), instead of by version ([`ODATA_VERSION`]).
    pub fn odata_path(mut self, path: impl Into<PathBuf>) -> Config {
        self.odata = OdataDependency::Path(path.into());
        self
    }

    /// Which properties are read-only.
    pub fn read_only_convention(mut self, convention: ReadOnlyConvention) -> Config {
        self.read_only = convention;
        self
    }

    /// Generates only these types and what they need: their base types, the types of their
    /// structural properties (transitively), every type derived from a complex type among
    /// those (a property of the base type may hold it), and the operations bound to them whose
    /// parameter and return types are all generated. Navigation is not followed: a navigation
    /// property to a type left out is left out (and listed in a comment on the struct).
    ///
    /// A name is qualified (`microsoft.graph.user`, or with the schema's alias, `graph.user`)
    /// or a name of the default namespace (the schema holding the entity container): `user`.
    ///
    /// ```
    /// # let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
    /// #   <Schema Namespace="contoso.hr" Alias="hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
    /// #     <EntityType Name="employee"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
    /// #       <Property Name="badge" Type="Edm.String"/><NavigationProperty Name="team" Type="hr.team"/></EntityType>
    /// #     <EntityType Name="team"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
    /// #     <Annotations Target="hr.employee/badge"><Annotation Term="Org.OData.Core.V1.Description" String="Read-only."/></Annotations>
    /// #   </Schema></edmx:DataServices></edmx:Edmx>"#;
    /// let generated = odata_codegen::Config::new().metadata_text(xml).types(["employee"]).generate()?;
    /// let module = generated.file("src/contoso/hr.rs").unwrap();
    /// assert!(module.contains("pub struct Employee {"));
    /// assert!(!module.contains("pub struct Team {"));
    /// assert!(module.contains("// - `team` (`contoso.hr.team`)"));
    /// # Ok::<(), odata_codegen::Error>(())
    /// ```
    pub fn types<I, S>(mut self, names: I) -> Config
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.types = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Parses the document and generates the crate in memory.
    pub fn generate(&self) -> Result<GeneratedCrate, Error> {
        if let Some(name) = &self.crate_name {
            check_crate_name(name)?;
        }
        let (text, file, source_name) = match &self.source {
            None => {
                return Err(Error::Config(
                    "no metadata document: call `metadata_file` or `metadata_text`".into(),
                ))
            }
            Some(Source::Text(text)) => (text.clone(), None, "a `$metadata` document".to_owned()),
            Some(Source::File(path)) => {
                let text = std::fs::read_to_string(path).map_err(|error| Error::io(path, error))?;
                let name =
                    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
                (text, Some(path.as_path()), format!("`{name}`"))
            }
        };
        let model = csdl::parse(&text).map_err(|error| match file {
            Some(path) => error.with_file(path),
            None => error,
        })?;
        self.generate_from_model(&model, &source_name)
    }

    /// Generates and writes the crate to `dir`, as [`GeneratedCrate::write_crate`] does.
    pub fn generate_to_dir(&self, dir: impl AsRef<Path>) -> Result<GeneratedCrate, Error> {
        let generated = self.generate()?;
        generated.write_crate(dir)?;
        Ok(generated)
    }

    fn generate_from_model(&self, model: &Model, source_name: &str) -> Result<GeneratedCrate, Error> {
        let default_namespace =
            model.schemas.get(model.default_schema).map(|s| s.namespace.as_str()).unwrap_or("odata");
        let crate_name = match &self.crate_name {
            Some(name) => check_crate_name(name)?,
            None => default_namespace.replace('.', "-").to_ascii_lowercase(),
        };
        let selection = match &self.types {
            None => None,
            Some(names) => Some(select::select(model, names)?),
        };
        let plan = plan::Plan::new(model, self.read_only, selection.as_deref());
        let crate_doc = crate_doc(&crate_name, source_name, self.read_only);
        let sources = modules::emit_sources(&plan, &crate_doc, self.flavor);
        let mut files = BTreeMap::new();
        let dependencies = match self.flavor {
            Flavor::Odata => format!(
                "odata = {}\n\n[features]\n# odata's `csdl` feature, for `odata::csdl::Document::add_types(TYPES)`.\ncsdl = [\"odata/csdl\"]\n\
                 # serde_json's reading and writing of every type compiled in this crate, for dev builds\n\
                 # of the crates that use it (see the README).\nprecompiled-json = []\n",
                odata_dependency(&self.odata)
            ),
            Flavor::PlainSerde | Flavor::FlatSerde => plain_serde::DEPENDENCIES.to_owned(),
        };
        files.insert("Cargo.toml".to_owned(), cargo_toml(&crate_name, &dependencies, source_name));
        files.insert("rustfmt.toml".to_owned(), layout::RUSTFMT_TOML.to_owned());
        if self.flavor == Flavor::Odata {
            files.insert("README.md".to_owned(), readme(&crate_name, source_name));
        }
        for (path, text) in sources {
            files.insert(format!("src/{path}"), text);
        }
        Ok(GeneratedCrate { files })
    }
}
