use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only, key)]
    pub id: Option<String>,
    #[odata(rename = "displayName")]
    #[odata(rename = "name")]
    pub display_name: Option<String>,
}

fn main() {}
