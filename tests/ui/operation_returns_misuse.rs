use odata::{ODataOperation, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

/// A type of the user's that is no OData type.
pub struct Report;

#[derive(ODataOperation)]
#[odata(function = "report", binding = User, returns = Report)]
pub struct GetReport;

#[derive(ODataOperation)]
#[odata(function = "names", binding = User, returns = "Vec<String>", collection_bound = true)]
pub struct GetNames;

fn main() {}
