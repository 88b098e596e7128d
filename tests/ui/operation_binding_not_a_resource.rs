use odata::{ODataComplex, ODataOperation};

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub value: Option<String>,
}

#[derive(ODataOperation)]
#[odata(action = "createToken", binding = MimeContent)]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

fn main() {}
