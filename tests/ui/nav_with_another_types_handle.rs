use odata::{ODataResource, Service};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: String,
    #[odata(navigation)]
    pub messages: Option<Vec<Message>>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups")]
pub struct Group {
    #[odata(key)]
    pub id: String,
    #[odata(navigation)]
    pub members: Option<Vec<User>>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.message")]
pub struct Message {
    #[odata(key)]
    pub id: String,
}

fn main() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    // A group's property is no property of a user.
    let _ = service.entity::<User>("1").nav(Group::fields().members);
    // Nor is a user's property one of a group's.
    let _ = service.entity::<Group>("1").nav(User::fields().messages);
}
