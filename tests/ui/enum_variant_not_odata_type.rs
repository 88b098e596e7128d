use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
}

pub struct NotOData {
    pub value: String,
}

// Each variant holds a type derived with `ODataResource` or `ODataComplex`.
#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub enum AnyContent {
    Mime(MimeContent),
    Text(String),
    Other(NotOData),
}

fn main() {}
