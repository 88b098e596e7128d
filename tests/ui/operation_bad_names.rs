use odata::{ODataOperation, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataOperation)]
#[odata(function = "get Report()", binding = User)]
pub struct GetReport {
    #[odata(rename = "a/b")]
    pub scope: String,
    #[odata(rename = "since")]
    pub from: String,
    pub since: String,
}

fn main() {}
