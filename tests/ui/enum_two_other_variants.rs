use odata::{ODataResource, RawObject};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub enum AnyUser {
    User(User),
    #[odata(other)]
    Unknown(RawObject),
    #[odata(other)]
    Unexpected(RawObject),
}

fn main() {}
