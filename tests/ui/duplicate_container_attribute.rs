use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
#[odata(type = "microsoft.graph.group")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
