use odata::{ODataComplex, ODataResource};

/// A type of the user's, not derived with the odata derives.
pub struct NotOData;

#[derive(ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
}

// The base of an entity type is an entity struct: each mistake is at most three errors,
// all on the base field's type.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct FromAStranger {
    #[odata(base)]
    pub base: NotOData,
    pub limit: Option<i32>,
}

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct FromAComplexType {
    #[odata(base)]
    pub base: MimeContent,
    pub limit: Option<i32>,
}

fn main() {}
