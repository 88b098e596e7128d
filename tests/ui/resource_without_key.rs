use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    pub id: Option<String>,
    pub display_name: Option<String>,
}

fn main() {}
