use odata::ODataResource;

// `UserPatch` has an `if_match` field of its own.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub if_match: Option<String>,
}

fn main() {}
