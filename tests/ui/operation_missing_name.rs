use odata::{ODataOperation, ODataResource, Service};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

// Neither `action` nor `function`; code invoking it reports nothing more.
#[derive(ODataOperation)]
#[odata(binding = User)]
pub struct RevokeToken;

fn main() {
    let _ = Service::new("https://graph.microsoft.com/v1.0").invoke("id", &RevokeToken);
}
