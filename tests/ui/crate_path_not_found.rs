use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Address", crate = "my_sdk::odata")]
pub struct Address {
    pub street: String,
}

fn main() {}
