//! The first acceptance test: Microsoft Graph's "Create androidForWorkEnrollmentProfile"
//! page. Its documented response reads into the typed model; the model writes the response
//! back and its create payload is the documented request, to the byte.

mod common;

use common::{member_order, AndroidForWorkEnrollmentProfile, MimeContent, SEED_REQUEST, SEED_RESPONSE};
use odata::{Binary, DateTimeOffset, ODataResource, ODataType};
use serde_json::Value;

fn seed_profile() -> AndroidForWorkEnrollmentProfile {
    serde_json::from_str(SEED_RESPONSE).expect("the seed response reads")
}

#[test]
fn the_seed_response_reads_into_typed_values() {
    let profile = seed_profile();
    assert_eq!(profile.id.as_deref(), Some("e6742553-2553-e674-5325-74e6532574e6"));
    assert_eq!(profile.enrolled_device_count, Some(3));
    assert_eq!(
        profile.created_date_time,
        Some(DateTimeOffset::parse("2017-01-01T00:02:43.5775965-08:00").unwrap())
    );
    assert_eq!(
        profile.qr_code_image,
        Some(MimeContent { r#type: Some("Type value".into()), value: Some(Binary::from(b"value".to_vec())) })
    );
}

#[test]
fn the_full_form_is_the_documented_response() {
    let written = serde_json::to_vec(&seed_profile()).unwrap();
    let expected: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&written).unwrap(), expected);
    assert_eq!(member_order(&written), member_order(SEED_RESPONSE.as_bytes()));
}

#[test]
fn the_create_payload_is_the_documented_request() {
    let written = serde_json::to_vec(&seed_profile().create_payload()).unwrap();
    let expected: Value = serde_json::from_str(SEED_REQUEST).unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&written).unwrap(), expected);
    assert_eq!(member_order(&written), member_order(SEED_REQUEST.as_bytes()));
    assert_eq!(member_order(&written)[0], "@odata.type");
}

#[test]
fn pretty_output_matches_the_documented_bodies_byte_for_byte() {
    let profile = seed_profile();
    let request = serde_json::to_string_pretty(&profile.create_payload()).unwrap();
    assert_eq!(request, SEED_REQUEST.trim_end());
    let response = serde_json::to_string_pretty(&profile).unwrap();
    assert_eq!(response, SEED_RESPONSE.trim_end());
}

#[test]
fn type_annotations_are_written_as_graph_writes_them() {
    let value: Value = serde_json::to_value(seed_profile()).unwrap();
    assert_eq!(value["@odata.type"], "#microsoft.graph.androidForWorkEnrollmentProfile");
    assert_eq!(value["qrCodeImage"]["@odata.type"], "microsoft.graph.mimeContent");
}

#[test]
fn the_collection_path_and_metadata_are_constants() {
    assert_eq!(
        AndroidForWorkEnrollmentProfile::COLLECTION_PATH,
        "/deviceManagement/androidForWorkEnrollmentProfiles"
    );
    assert_eq!(AndroidForWorkEnrollmentProfile::TYPE_NAME, "microsoft.graph.androidForWorkEnrollmentProfile");
    assert_eq!(AndroidForWorkEnrollmentProfile::KEY, "id");
    assert_eq!(MimeContent::TYPE_NAME, "microsoft.graph.mimeContent");
    let read_only: Vec<&str> = AndroidForWorkEnrollmentProfile::PROPERTIES
        .iter()
        .filter(|property| property.read_only)
        .map(|property| property.name)
        .collect();
    assert_eq!(read_only, ["id", "createdDateTime", "lastModifiedDateTime"]);
    let names: Vec<&str> = MimeContent::PROPERTIES.iter().map(|property| property.name).collect();
    assert_eq!(names, ["type", "value"], "`r#` is not part of the wire name");
}

#[test]
fn the_seed_create_request_is_a_post_to_the_collection() {
    let service = odata::Service::new("https://graph.microsoft.com/beta");
    let request = service.create(&seed_profile());
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/deviceManagement/androidForWorkEnrollmentProfiles"
    );
    assert_eq!(request.headers()[http::header::CONTENT_TYPE], "application/json");
    assert_eq!(request.headers()[http::header::ACCEPT], "application/json");
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body, serde_json::from_str::<Value>(SEED_REQUEST).unwrap());
}

#[test]
fn the_documented_201_reads_through_from_response() {
    let response = http::Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .body(SEED_RESPONSE.as_bytes().to_vec())
        .unwrap();
    let profile: AndroidForWorkEnrollmentProfile = odata::from_response(response).unwrap();
    assert_eq!(profile, seed_profile());
}
