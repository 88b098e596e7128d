use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
}

// The `other` variant keeps the raw JSON object of a type no other variant declares.
#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub enum AnyContentKeptAsText {
    Mime(MimeContent),
    #[odata(other)]
    Unknown(String),
}

fn main() {}
