use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    #[odata(rename = "@odata.etag")]
    pub etag: Option<String>,
}

fn main() {}
