//! The seed end to end: build an Android for Work enrollment profile, print the request that
//! creates it on Microsoft Graph, and read the documented `201 Created` answer back as a
//! typed value. Then call the entity's two bound actions, `createToken` and `revokeToken`,
//! on the created profile, and rename it with a PATCH of exactly what changed.
//!
//! Run with `cargo run --example android_for_work`. No network is used: `Service` only makes
//! requests; send them with the HTTP client of your choice.

use odata::{
    from_response, Binary, DateTimeOffset, ODataComplex, ODataOperation, ODataResource, ODataType, Patchable,
    Service,
};

/// Microsoft Graph's `androidForWorkEnrollmentProfile` (beta).
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.androidForWorkEnrollmentProfile",
    collection = "/deviceManagement/androidForWorkEnrollmentProfiles"
)]
pub struct AndroidForWorkEnrollmentProfile {
    pub account_id: Option<String>,
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    #[odata(read_only)]
    pub created_date_time: Option<DateTimeOffset>,
    #[odata(read_only)]
    pub last_modified_date_time: Option<DateTimeOffset>,
    pub token_value: Option<String>,
    pub token_expiration_date_time: Option<DateTimeOffset>,
    pub enrolled_device_count: Option<i32>,
    pub qr_code_content: Option<String>,
    pub qr_code_image: Option<MimeContent>,
}

/// Microsoft Graph's `mimeContent`: a typed blob.
#[derive(Debug, Clone, PartialEq, ODataComplex)]
#[odata(type = "microsoft.graph.mimeContent")]
pub struct MimeContent {
    pub r#type: Option<String>,
    pub value: Option<Binary>,
}

/// The bound action `createToken`: a new enrollment token, valid for this many seconds.
#[derive(Debug, ODataOperation)]
#[odata(action = "createToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct CreateToken {
    pub token_validity_in_seconds: i32,
}

/// The bound action `revokeToken`, without parameters.
#[derive(Debug, ODataOperation)]
#[odata(action = "revokeToken", binding = AndroidForWorkEnrollmentProfile)]
pub struct RevokeToken;

/// The answer documented on Graph's "Create androidForWorkEnrollmentProfile" page.
const DOCUMENTED_RESPONSE: &str = include_str!("../tests/data/seed/response.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let profile = AndroidForWorkEnrollmentProfile {
        account_id: Some("Account Id value".into()),
        id: None,
        display_name: Some("Display Name value".into()),
        description: Some("Description value".into()),
        created_date_time: None,
        last_modified_date_time: None,
        token_value: Some("Token Value value".into()),
        token_expiration_date_time: Some("2016-12-31T23:59:54.0590989-08:00".parse()?),
        enrolled_device_count: Some(3),
        qr_code_content: Some("Qr Code Content value".into()),
        qr_code_image: Some(MimeContent {
            r#type: Some("Type value".into()),
            value: Some(Binary::from(b"value".to_vec())),
        }),
    };

    let service = Service::new("https://graph.microsoft.com/beta");
    let request = service.create(&profile);

    print_request(&request)?;
    println!();
    // The body is sent compact; this is the same payload, pretty-printed.
    println!("{}", serde_json::to_string_pretty(&profile.create_payload())?);
    println!();

    let answer = http::Response::builder()
        .status(201)
        .header("content-type", "application/json")
        .body(DOCUMENTED_RESPONSE.as_bytes().to_vec())?;
    println!("{:?} {}", answer.version(), answer.status());
    let created: AndroidForWorkEnrollmentProfile = from_response(answer)?;
    println!("{created:#?}");

    assert_eq!(created.display_name, profile.display_name);
    println!();
    println!(
        "created {} ({})",
        created.id.as_deref().unwrap_or("?"),
        AndroidForWorkEnrollmentProfile::TYPE_NAME
    );

    // The profile's bound actions, on the key the service gave it.
    let id = created.id.as_deref().unwrap_or_default();
    let create_token = service.invoke(id, &CreateToken { token_validity_in_seconds: 3600 });
    let revoke_token = service.invoke(id, &RevokeToken);
    // A rename, sent as a PATCH of exactly what changed: the difference between the profile as
    // read and as modified.
    let mut renamed = created.clone();
    renamed.display_name = Some("Kiosks, floor 2".into());
    renamed.description = None;
    let update = service.update(id, &created.diff(renamed));
    for request in [create_token, revoke_token, update] {
        println!();
        print_request(&request)?;
        if !request.body().is_empty() {
            println!();
            println!("{}", std::str::from_utf8(request.body())?);
        }
    }
    Ok(())
}

fn print_request(request: &http::Request<Vec<u8>>) -> Result<(), Box<dyn std::error::Error>> {
    println!("{} {} {:?}", request.method(), request.uri(), request.version());
    for (name, value) in request.headers() {
        println!("{name}: {}", value.to_str()?);
    }
    if !request.body().is_empty() {
        println!("content-length: {}", request.body().len());
    }
    Ok(())
}
