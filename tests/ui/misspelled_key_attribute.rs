use odata::ODataResource;

// A misspelled `key` is reported once, as a misspelling: not also as a missing key.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(kye)]
    pub id: Option<String>,
    #[odata(readOnly)]
    pub created_date_time: Option<String>,
}

fn main() {}
