use odata::ODataEnum;

// Without an `other` variant, a member added to the service later would be lost.
#[derive(ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low,
    High,
}

#[derive(ODataEnum)]
#[odata(type = "microsoft.graph.riskState")]
pub enum RiskState {
    Remediated,
    #[odata(other)]
    Other(Box<str>),
}

#[derive(ODataEnum)]
pub struct NotAnEnum {
    pub name: String,
}

fn main() {}
