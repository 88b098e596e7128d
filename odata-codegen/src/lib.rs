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

mod csdl;
mod docs;
mod emit;
mod error;
mod flat_serde;
mod layout;
pub mod model;
mod modules;
mod naming;
mod plain_serde;
mod plan;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error};
pub use model::Model;

/// Parses a CSDL document into the typed model the generator works from, every type reference
/// resolved; every problem is reported at once, each with its element and line.
///
/// ```
/// let error = odata_codegen::parse_metadata("<notes/>").unwrap_err();
/// assert!(error.to_string().contains("line 1: <notes>: not a CSDL document"), "{error}");
/// ```
pub fn parse_metadata(text: &str) -> Result<Model, Error> {
    csdl::parse(text)
}

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

    fn describe(self) -> &'static str {
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

/// What the generated code is written with. Only for the build-time comparison of
/// `scripts/graph-build-time.sh`: not part of the documented interface.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// The `odata` derives: what the generator is for.
    #[default]
    Odata,
    /// The same model as plain `serde` derives, as a careful user would hand-write it (see
    /// `plain_serde.rs`); the crate depends on `serde` and `serde_json` instead of `odata`.
    PlainSerde,
    /// The flat serde reference: every entity and complex type as one flat struct with plain
    /// serde derives, inherited properties copied, enums and dates as `String` (see
    /// `flat_serde.rs`); the crate depends on `serde` and `serde_json` instead of `odata`.
    FlatSerde,
}

/// Where the generated crate finds `odata`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OdataDependency {
    Version,
    Path(PathBuf),
}

/// The version of `odata` a generated crate depends on when no path is given.
pub const ODATA_VERSION: &str = "0.1.0";

/// The first line of every generated `Cargo.toml`: [`GeneratedCrate::write_crate`] replaces a
/// directory only when its `Cargo.toml` starts with it.
pub const GENERATED_MARKER: &str = "# Generated by odata-codegen.";

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
            Some(names) => Some(select(model, names)?),
        };
        let plan = plan::Plan::new(model, self.read_only, selection.as_deref());
        let crate_doc = crate_doc(&crate_name, source_name, self.read_only);
        let sources = modules::emit_sources(&plan, &crate_doc, self.flavor);
        let mut files = BTreeMap::new();
        let dependencies = match self.flavor {
            Flavor::Odata => format!("odata = {}\n", odata_dependency(&self.odata)),
            Flavor::PlainSerde | Flavor::FlatSerde => plain_serde::DEPENDENCIES.to_owned(),
        };
        files.insert("Cargo.toml".to_owned(), cargo_toml(&crate_name, &dependencies, source_name));
        files.insert("rustfmt.toml".to_owned(), layout::RUSTFMT_TOML.to_owned());
        for (path, text) in sources {
            files.insert(format!("src/{path}"), text);
        }
        Ok(GeneratedCrate { files })
    }
}

fn check_crate_name(name: &str) -> Result<String, Error> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(name.to_owned())
    } else {
        Err(Error::Config(format!(
            "invalid crate name `{name}`: use ASCII letters, digits, `-` and `_`, starting with a letter"
        )))
    }
}

/// The types a selection names, every unknown name reported at once.
fn select(model: &Model, names: &[String]) -> Result<Vec<model::TypeId>, Error> {
    let default = &model.schemas[model.default_schema].namespace;
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for name in names.iter().map(|name| name.trim()) {
        let qualified = match name.rsplit_once('.') {
            Some((namespace, simple)) => {
                let namespace = model
                    .schemas
                    .iter()
                    .find(|schema| {
                        schema.namespace == namespace || schema.alias.as_deref() == Some(namespace)
                    })
                    .map(|schema| schema.namespace.as_str())
                    .unwrap_or(namespace);
                format!("{namespace}.{simple}")
            }
            None => format!("{default}.{name}"),
        };
        match model.types.iter().position(|ty| ty.qualified_name == qualified) {
            Some(id) => ids.push(id),
            None => {
                let similar =
                    model.types.iter().find(|ty| ty.qualified_name.eq_ignore_ascii_case(&qualified));
                let hint =
                    similar.map(|ty| format!(" (did you mean `{}`?)", ty.qualified_name)).unwrap_or_default();
                unknown.push(format!("`{name}`{hint}"));
            }
        }
    }
    if ids.is_empty() && unknown.is_empty() {
        return Err(Error::Config("the type selection is empty".into()));
    }
    if !unknown.is_empty() {
        return Err(Error::Config(format!(
            "unknown type{} in the selection: {} (use qualified names such as `{default}.user`, or names of the default namespace `{default}`)",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        )));
    }
    Ok(ids)
}

fn crate_doc(crate_name: &str, source_name: &str, convention: ReadOnlyConvention) -> String {
    format!(
        "//! `{crate_name}`: typed OData resources generated by `odata-codegen` from {source_name}. Do not\n\
         //! edit: regenerate.\n\
         //!\n\
         //! - One module per schema namespace, nested by its dot-separated segments; each namespace's\n\
         //!   bound actions and functions are in its `operations` module.\n\
         //! - Every property is an `Option`, so that a response with `$select` still reads; a\n\
         //!   property the schema declares `Nullable=\"false\"` says so in its documentation. So is\n\
         //!   every operation parameter: a required one is documented as such.\n\
         //! - A property whose type has derived types holds the type's `Any...` enum, so that a\n\
         //!   derived value is never lost; a value of a type this crate does not know is kept whole.\n\
         //! - Read-only (left out of create and update payloads): {}.\n\
         \n\
         #![forbid(unsafe_code)]\n",
        convention.describe()
    )
}

fn toml_string(text: &str) -> String {
    let mut out = String::from('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

fn odata_dependency(odata: &OdataDependency) -> String {
    match odata {
        OdataDependency::Version => toml_string(ODATA_VERSION),
        OdataDependency::Path(path) => format!("{{ path = {} }}", toml_string(&path.to_string_lossy())),
    }
}

fn cargo_toml(crate_name: &str, dependencies: &str, source_name: &str) -> String {
    format!(
        "{GENERATED_MARKER} Source: {source_name}. Do not edit: regenerate.\n\
         [package]\n\
         name = \"{crate_name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         {dependencies}\
         \n\
         # Its own workspace, wherever it is generated.\n\
         [workspace]\n"
    )
}

/// A generated crate, in memory: file paths (relative to the crate's root, `/`-separated)
/// and their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedCrate {
    files: BTreeMap<String, String>,
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
    /// assert_eq!(paths, ["Cargo.toml", "rustfmt.toml", "src/contoso/hr.rs", "src/contoso/mod.rs", "src/lib.rs"]);
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
    /// [`GENERATED_MARKER`]).
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
