use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", colection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
