use odata::{ODataComplex, ODataResource};

// `patch = false` takes a bool, and only an entity struct has a patch to opt out of.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users", patch = "no")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent", patch = false)]
pub struct MimeContent {
    pub r#type: Option<String>,
}

fn main() {}
