use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(rename = "displayName")]
    pub name: Option<String>,
}

fn main() {}
