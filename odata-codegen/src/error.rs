//! What can go wrong: a bad document (every problem at once, each with its element and line),
//! a bad setting, or the file system.

use std::fmt;
use std::path::PathBuf;

/// One problem in the metadata document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The 1-based line of the element at fault.
    pub line: u32,
    /// The element, such as `<Property Name="manager">`.
    pub element: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.element, self.message)
    }
}

/// Why nothing was generated. Nothing is written unless generation succeeds as a whole.
///
/// ```
/// let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
///   <Schema Namespace="contoso.hr" xmlns="http://docs.oasis-open.org/odata/ns/edm">
///     <ComplexType Name="badge"><Property Name="owner" Type="contoso.hr.person"/></ComplexType>
///   </Schema></edmx:DataServices></edmx:Edmx>"#;
/// let error = odata_codegen::Config::new().metadata_text(xml).generate().unwrap_err();
/// let odata_codegen::Error::Invalid { diagnostics, .. } = &error else { panic!("{error}") };
/// assert_eq!(diagnostics[0].to_string(), r#"line 3: <Property Name="owner">: undefined type `contoso.hr.person`"#);
/// ```
#[derive(Debug)]
pub enum Error {
    /// The document is not well-formed XML (a cut-off document, for example).
    Xml {
        /// The file, when the document was read from one.
        file: Option<PathBuf>,
        /// The 1-based line where parsing stopped.
        line: u32,
        /// The XML parser's message.
        message: String,
    },
    /// The document is XML but not valid CSDL: every problem found, in document order.
    Invalid {
        /// The file, when the document was read from one.
        file: Option<PathBuf>,
        /// The problems.
        diagnostics: Vec<Diagnostic>,
    },
    /// A setting of [`crate::Config`] is wrong (a `--types` name that is not in the document,
    /// a crate name Cargo would refuse, no metadata given).
    Config(String),
    /// Reading the document or writing the crate failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    pub(crate) fn with_file(self, path: &std::path::Path) -> Error {
        match self {
            Error::Xml { line, message, .. } => Error::Xml { file: Some(path.to_owned()), line, message },
            Error::Invalid { diagnostics, .. } => Error::Invalid { file: Some(path.to_owned()), diagnostics },
            other => other,
        }
    }
}

fn file_prefix(file: &Option<PathBuf>) -> String {
    file.as_ref().map(|path| format!("{}: ", path.display())).unwrap_or_default()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Xml { file, line, message } => {
                write!(f, "{}line {line}: not well-formed XML: {message}", file_prefix(file))
            }
            Error::Invalid { file, diagnostics } => {
                let count = diagnostics.len();
                write!(
                    f,
                    "{}invalid CSDL ({count} error{}):",
                    file_prefix(file),
                    if count == 1 { "" } else { "s" }
                )?;
                for diagnostic in diagnostics {
                    write!(f, "\n  {diagnostic}")?;
                }
                Ok(())
            }
            Error::Config(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
