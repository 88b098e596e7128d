use odata::ODataResource;

/// A type of the user's that implements neither `Serialize` nor `Deserialize`.
#[derive(Debug)]
pub struct Opaque;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    pub photo: Opaque,
    pub thumbnail: Option<Opaque>,
}

fn main() {}
