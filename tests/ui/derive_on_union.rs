use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "Contoso.Number")]
pub union Number {
    pub int: i32,
    pub float: f32,
}

fn main() {}
