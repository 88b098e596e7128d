use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(navigation)]
    pub manager: Option<Box<User>>,
    // A navigation property is never the key, and never needs `read_only`.
    #[odata(navigation, key)]
    pub photo: Option<String>,
    #[odata(navigation, read_only)]
    pub member_of: Option<Vec<String>>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups")]
pub struct Group {
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(navigation)]
    pub owners: Option<Vec<Group>>,
}

fn main() {
    // Binding navigation properties is not part of a PATCH: the patch has no field for it.
    let _ = GroupPatch { owners: odata::Change::Null, ..Default::default() };
}
