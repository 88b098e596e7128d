use odata::{Change, ODataResource};

#[derive(ODataResource)]
#[odata(type = "microsoft.graph.androidForWorkEnrollmentProfile",
        collection = "/deviceManagement/androidForWorkEnrollmentProfiles")]
pub struct AndroidForWorkEnrollmentProfile {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    #[odata(read_only)]
    pub created_date_time: Option<odata::DateTimeOffset>,
}

fn main() {
    // Read-only properties and the key have no field in the patch.
    let _ = AndroidForWorkEnrollmentProfilePatch {
        display_name: Change::Set("Kiosk".into()),
        created_date_time: Change::Null,
        ..Default::default()
    };
}
