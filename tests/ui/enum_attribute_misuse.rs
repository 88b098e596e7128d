use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
}

// `rename_all` means nothing on an enum; `othr` is a near miss; `other` keeps a RawObject.
#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent", rename_all = "PascalCase")]
pub enum AnyContent {
    #[odata(othr)]
    Mime(MimeContent),
}

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub enum AnyContentKeptAsText {
    Mime(MimeContent),
    #[odata(other)]
    Unknown(String),
}

fn main() {}
