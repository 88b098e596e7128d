use odata::ODataResource;

#[derive(ODataResource)]
#[odata(collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {}
