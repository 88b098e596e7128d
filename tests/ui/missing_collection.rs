use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
