//! CSDL enumeration types: members by name, unknown members kept and written back, flags
//! values as sets written `"a,b"`, and members as URL literals.

use odata::{Flags, ODataEnum, ODataLiteral, ODataResource};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Hash, ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    #[odata(rename = "hidden")]
    Concealed,
    UnknownFutureValue,
    #[odata(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "Trippin.PersonGender", rename_all = "PascalCase")]
pub enum PersonGender {
    Male,
    Female,
    Unknown,
    #[odata(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.dayOfWeek")]
pub enum DayOfWeek {
    Monday,
    Tuesday,
    Wednesday,
    #[odata(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.riskyUser", collection = "/identityProtection/riskyUsers")]
pub struct RiskyUser {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub risk_level: Option<RiskLevel>,
    pub history: Option<Vec<RiskLevel>>,
    pub days: Option<Flags<DayOfWeek>>,
}

#[test]
fn members_are_written_by_name_under_the_rename_rules() {
    let names = |levels: &[RiskLevel]| serde_json::to_value(levels).unwrap();
    assert_eq!(
        names(&[RiskLevel::Low, RiskLevel::Concealed, RiskLevel::UnknownFutureValue]),
        json!(["low", "hidden", "unknownFutureValue"])
    );
    assert_eq!(serde_json::to_value(PersonGender::Female).unwrap(), json!("Female"));
    assert_eq!(<RiskLevel as ODataEnum>::MEMBERS, ["low", "medium", "high", "hidden", "unknownFutureValue"]);
    assert_eq!(<PersonGender as ODataEnum>::TYPE_NAME, "Trippin.PersonGender");
}

#[test]
fn every_member_reads_back_and_an_unknown_one_is_kept_unchanged() {
    for level in [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::Concealed] {
        let text = serde_json::to_string(&level).unwrap();
        assert_eq!(serde_json::from_str::<RiskLevel>(&text).unwrap(), level);
        assert!(level.is_known());
    }
    let newer: RiskLevel = serde_json::from_str(r#""atRisk""#).unwrap();
    assert_eq!(newer, RiskLevel::Other("atRisk".into()));
    assert!(!newer.is_known());
    assert_eq!(serde_json::to_string(&newer).unwrap(), r#""atRisk""#);
    // Member names are case-sensitive on the wire: another case is another (unknown) member.
    assert_eq!(serde_json::from_str::<RiskLevel>(r#""High""#).unwrap(), RiskLevel::Other("High".into()));
}

#[test]
fn a_member_that_is_not_a_string_is_an_error_naming_the_property() {
    let error = serde_json::from_value::<RiskyUser>(json!({"id": "1", "riskLevel": 3})).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("riskLevel"), "{message}");
    assert!(message.contains("microsoft.graph.riskLevel"), "{message}");
}

#[test]
fn an_entity_with_enum_and_flags_properties_round_trips() {
    let text = json!({
        "@odata.type": "#microsoft.graph.riskyUser",
        "id": "1",
        "riskLevel": "sideways",
        "history": ["low", "high", "unknownFutureValue"],
        "days": "monday,wednesday,someday"
    });
    let user: RiskyUser = serde_json::from_value(text.clone()).unwrap();
    assert_eq!(user.risk_level, Some(RiskLevel::Other("sideways".into())));
    let days = user.days.as_ref().unwrap();
    assert_eq!(
        days.iter().cloned().collect::<Vec<_>>(),
        [DayOfWeek::Monday, DayOfWeek::Wednesday, DayOfWeek::Other("someday".into())]
    );
    assert_eq!(serde_json::to_value(&user).unwrap(), text);
}

#[test]
fn flags_are_a_set() {
    let mut days: Flags<DayOfWeek> = serde_json::from_str(r#"" tuesday , monday,tuesday ""#).unwrap();
    assert_eq!(days.len(), 2, "{days:?}");
    assert!(days.contains(&DayOfWeek::Monday));
    days.insert(DayOfWeek::Monday);
    assert_eq!(days.to_string(), "tuesday,monday");
    assert!(days.remove(&DayOfWeek::Tuesday));
    assert!(!days.remove(&DayOfWeek::Tuesday));
    assert_eq!(serde_json::to_string(&days).unwrap(), r#""monday""#);
    let none: Flags<DayOfWeek> = serde_json::from_str(r#""""#).unwrap();
    assert!(none.is_empty());
    let error = serde_json::from_str::<Flags<DayOfWeek>>(r#""monday,,tuesday""#).unwrap_err();
    assert!(error.to_string().contains("empty member"), "{error}");
}

#[test]
fn members_and_flags_are_url_literals() {
    assert_eq!(RiskLevel::High.to_literal(), "microsoft.graph.riskLevel'high'");
    assert_eq!(RiskLevel::Other("it's".into()).to_literal(), "microsoft.graph.riskLevel'it''s'");
    let days: Flags<DayOfWeek> = [DayOfWeek::Monday, DayOfWeek::Tuesday].into_iter().collect();
    assert_eq!(days.to_literal(), "microsoft.graph.dayOfWeek'monday,tuesday'");
}
