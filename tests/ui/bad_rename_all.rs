use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Address", rename_all = "camelcase")]
pub struct Address {
    pub street: String,
}

fn main() {}
