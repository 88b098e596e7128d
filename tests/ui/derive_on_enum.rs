use odata::ODataComplex;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.deviceType")]
pub enum DeviceType {
    Android,
    Ios,
}

fn main() {}
