use odata::{ODataResource, Service};

// A message has no entity set of its own: it is reached through its user.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.message")]
pub struct Message {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

fn main() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let _ = service.get::<Message>("AAMkAG");
    let _ = Message::COLLECTION_PATH;
}
