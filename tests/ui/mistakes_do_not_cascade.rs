use odata::{ODataResource, ODataType, Service};

// The derive fails, but code that uses the type as an entity sees no further error.
#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

fn main() {
    let user = User { id: None };
    let _ = Service::new("https://graph.microsoft.com/v1.0").create(&user);
    let _ = serde_json::to_string(&user);
    let _ = User::TYPE_NAME;
}
