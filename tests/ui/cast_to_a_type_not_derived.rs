use odata::{ODataResource, Service};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: String,
    #[odata(navigation)]
    pub member_of: Option<Vec<User>>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups")]
pub struct Group {
    #[odata(key)]
    pub id: String,
}

fn main() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    // A group is no kind of user.
    let _ = service.entity::<User>("1").cast::<Group>();
    let _ = service.entity::<User>("1").nav(User::fields().member_of).cast::<Group>();
}
