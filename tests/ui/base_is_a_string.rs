use odata::ODataResource;

// A `base` field holds the entity struct this type derives from; a `String` is not one:
// one error on the field's type, not one per trait the expansion needs.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct DeviceEnrollmentLimitConfiguration {
    #[odata(base)]
    pub base: String,
    pub limit: Option<i32>,
}

fn main() {}
