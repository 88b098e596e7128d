use odata::{ODataOperation, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataOperation)]
#[odata(action = "createToken", binding = "User")]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

fn main() {}
