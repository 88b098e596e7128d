use odata::{ODataOperation, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

/// A type of the user's that is neither `Serialize` nor an `ODataLiteral`.
pub struct Opaque;

#[derive(ODataOperation)]
#[odata(action = "assign", binding = User)]
pub struct Assign {
    pub target: Opaque,
    pub fallback: Option<Opaque>,
}

#[derive(ODataOperation)]
#[odata(function = "check", binding = User)]
pub struct Check {
    pub target: Opaque,
    pub since: Option<Opaque>,
}

fn main() {}
