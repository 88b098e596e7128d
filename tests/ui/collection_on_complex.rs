use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent", collection = "/mimeContents")]
pub struct MimeContent {
    pub value: Option<String>,
}

fn main() {}
