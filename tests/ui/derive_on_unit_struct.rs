use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Nothing")]
pub struct Nothing;

fn main() {}
