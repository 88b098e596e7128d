use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users/")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/all groups")]
pub struct Group {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
