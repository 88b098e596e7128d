use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = 5, collection = /users)]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    #[odata(rename = displayName)]
    pub display_name: Option<String>,
}

fn main() {}
