use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, readonly)]
    pub id: Option<String>,
    #[odata(skip)]
    pub display_name: Option<String>,
}

fn main() {}
