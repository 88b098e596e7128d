use odata::ODataResource;

#[derive(ODataResource)]
#[odata]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    #[odata = "displayName"]
    pub display_name: Option<String>,
}

fn main() {}
