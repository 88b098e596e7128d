//! Test models for the query builder; their property handles (`UserFields`, ...) are the
//! derive's.
#![allow(dead_code)]

use odata::{
    Binary, Date, DateTimeOffset, Decimal, Duration, Flags, Guid, Int64, ODataComplex, ODataEnum,
    ODataResource, TimeOfDay,
};

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub age: Option<i32>,
    pub employee_number: Option<Int64>,
    pub score: Option<f64>,
    pub account_enabled: Option<bool>,
    pub created_date_time: Option<DateTimeOffset>,
    pub birthday: Option<Date>,
    pub wake_up_time: Option<TimeOfDay>,
    pub working_time: Option<Duration>,
    pub object_guid: Option<Guid>,
    pub thumbnail: Option<Binary>,
    /// A flags enumeration value.
    pub user_roles: Option<Flags<UserRole>>,
    /// An enumeration value.
    pub risk_level: Option<RiskLevel>,
    /// An enumeration value held as its member's name, as some models do.
    pub risk_name: Option<String>,
    pub salary: Option<Decimal>,
    pub business_phones: Option<Vec<String>>,
    pub address: Option<Address>,
    pub assigned_licenses: Option<Vec<AssignedLicense>>,
    pub manager: Option<Box<User>>,
    pub direct_reports: Option<Vec<User>>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.physicalAddress")]
pub struct Address {
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub geo: Option<GeoCoordinates>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.geoCoordinates")]
pub struct GeoCoordinates {
    pub latitude: Option<f64>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.assignedLicense")]
pub struct AssignedLicense {
    pub sku_id: Option<Guid>,
    pub disabled_plans: Option<Vec<Guid>>,
}

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.employee")]
pub struct Employee {
    #[odata(base)]
    pub base: User,
    pub employee_id: Option<String>,
    pub mentor: Option<Box<User>>,
}

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.userRoles")]
pub enum UserRole {
    Admin,
    Guest,
    #[odata(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, ODataEnum)]
#[odata(type = "microsoft.graph.riskLevel")]
pub enum RiskLevel {
    Low,
    High,
    #[odata(other)]
    Other(String),
}
