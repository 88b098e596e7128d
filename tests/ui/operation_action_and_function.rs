use odata::{ODataOperation, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataOperation)]
#[odata(action = "revokeToken", function = "revokeToken", binding = User)]
pub struct RevokeToken;

fn main() {}
