use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    #[odata(key)]
    pub r#type: Option<String>,
    pub value: Option<String>,
}

fn main() {}
