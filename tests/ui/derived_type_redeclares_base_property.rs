use odata::ODataResource;

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentConfiguration",
        collection = "/deviceManagement/deviceEnrollmentConfigurations")]
pub struct DeviceEnrollmentConfiguration {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
}

// `displayName` is the base's: declaring it again would write it twice.
#[derive(ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct DeviceEnrollmentLimitConfiguration {
    #[odata(base)]
    pub base: DeviceEnrollmentConfiguration,
    pub limit: Option<i32>,
    #[odata(rename = "displayName")]
    pub name: Option<String>,
}

fn main() {}
