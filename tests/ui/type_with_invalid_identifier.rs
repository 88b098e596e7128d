use odata::{ODataComplex, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.2faMethod", collection = "/methods")]
pub struct TwoFactorMethod {
    #[odata(key)]
    pub id: Option<String>,
}

#[derive(ODataComplex)]
#[odata(type = "microsoft..graph.mimeContent")]
pub struct MimeContent {
    pub value: Option<String>,
}

fn main() {}
