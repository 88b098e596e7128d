use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
    #[odata(read_only)]
    pub value: Option<String>,
}

fn main() {}
