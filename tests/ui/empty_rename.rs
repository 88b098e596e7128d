use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Address")]
pub struct Address {
    #[odata(rename = "")]
    pub street: String,
}

fn main() {}
