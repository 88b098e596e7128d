use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User(#[odata(key)] pub String, pub Option<String>);

fn main() {}
