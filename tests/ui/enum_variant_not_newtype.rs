use odata::ODataComplex;

// A variant of a polymorphic enum holds one type of the hierarchy.
#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.deviceType")]
pub enum DeviceType {
    Android,
    Ios { version: String },
    Windows(String, String),
}

fn main() {}
