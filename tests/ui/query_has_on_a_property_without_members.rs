use odata::query::Query;
use odata::{ODataEnum, ODataResource};

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low,
    High,
    #[odata(other)]
    Other(String),
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: String,
    pub age: Option<i32>,
    pub risk_level: Option<RiskLevel>,
}

fn main() {
    let user = User::fields();
    // `has` is for enumeration and flags properties: an Int32 has no members.
    let _ = Query::<User>::new().filter(user.age.has(RiskLevel::High));
    // Nor does a member's name as a string stand for the member.
    let _ = Query::<User>::new().filter(user.risk_level.has("high"));
}
