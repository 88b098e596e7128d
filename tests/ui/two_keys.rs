use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "Contoso.OrderLine", collection = "/OrderLines")]
pub struct OrderLine {
    #[odata(key)]
    pub order_number: String,
    #[odata(key)]
    pub line_number: i32,
}

fn main() {}
