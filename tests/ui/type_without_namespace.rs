use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "mimeContent")]
pub struct MimeContent {
    pub value: Option<String>,
}

fn main() {}
