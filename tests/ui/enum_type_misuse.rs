use odata::ODataEnum;

// A member with data, two members with one wire name, an unknown
// attribute and a second `other`: all reported at once.
#[derive(ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low(u8),
    High,
    #[odata(rename = "high")]
    Severe,
    #[odata(renam = "x")]
    Hidden,
    #[odata(other)]
    Other(String),
    #[odata(other)]
    Unknown(String),
}

// Members are names on the wire, not numbers.
#[derive(ODataEnum)]
#[odata(type = "microsoft.graph.riskState")]
pub enum RiskState {
    Remediated = 2,
    Dismissed,
}

fn main() {}
