use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentConfiguration",
        collection = "/deviceManagement/deviceEnrollmentConfigurations")]
pub struct DeviceEnrollmentConfiguration {
    #[odata(key, read_only)]
    pub id: Option<String>,
}

// The key is the base's; the base is part of the value, not optional.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct DeviceEnrollmentLimitConfiguration {
    #[odata(base, read_only)]
    pub base: Option<DeviceEnrollmentConfiguration>,
    #[odata(key)]
    pub limit_id: String,
}

fn main() {}
