use odata::{ODataOperation, ODataResource, Service};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

#[derive(ODataOperation)]
#[odata(function = "delta", binding = User, collection_bound)]
pub struct Delta;

#[derive(ODataOperation)]
#[odata(action = "revokeSignInSessions", binding = User)]
pub struct RevokeSignInSessions;

fn main() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let _ = service.invoke("1", &Delta);
    let _ = service.invoke_on_collection(&RevokeSignInSessions);
}
