use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "User", collection = "users", rename_all = "camel", colour = "blue")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    #[odata(key, rename = "@odata.id")]
    pub other_id: Option<String>,
    #[odata(readonly)]
    pub created: Option<String>,
    #[odata(rename = 7)]
    pub display_name: Option<String>,
}

fn main() {}
