use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Address", rename_all = "PascalCase")]
pub struct Address {
    pub address_1: String,
    pub address1: String,
}

fn main() {}
