use odata::{ODataResource, ODataType, Service};

// The derive fails, but code that uses the type as an entity sees no further error.
#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
}

// Nor does a type that derives from it, or an enum over its hierarchy.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.guestUser")]
pub struct GuestUser {
    #[odata(base)]
    pub base: User,
    pub invited_by: Option<String>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub enum AnyUser {
    User(User),
    Guest(GuestUser),
}

fn main() {
    let user = User { id: None };
    let _ = Service::new("https://graph.microsoft.com/v1.0").create(&user);
    let _ = serde_json::to_string(&user);
    let _ = User::TYPE_NAME;
    let _ = serde_json::from_str::<AnyUser>("{}");
}
