//! The seed end to end: build an Android for Work enrollment profile, print the request that
//! creates it on Microsoft Graph, and read the documented `201 Created` answer back as a
//! typed value. Then call the entity's two bound actions, `createToken` and `revokeToken`,
//! on the created profile, and rename it with a PATCH of exactly what changed.
//!
//! Run with `cargo run --example android_for_work`. No network is used: `Service` only makes
//! requests; send them with the HTTP client of your choice.
//!
//! With `--send` (and the `client` feature), the same requests go to a live service with
//! `odata::client`, and the profile is listed and deleted at the end:
//!
//! ```sh
//! GRAPH_TOKEN=eyJ0... cargo run --example android_for_work --features client -- --send
//! # or the client-credentials flow, and another root:
//! GRAPH_TENANT_ID=contoso.onmicrosoft.com GRAPH_CLIENT_ID=... GRAPH_CLIENT_SECRET=... \
//!     cargo run --example android_for_work --features client -- --send --root https://graph.microsoft.com/beta
//! ```
//!
//! Without credentials in the environment, `--send` stays the dry run.

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

/// The command line: `[--send] [--root URL]`.
struct Options {
    send: bool,
    root: String,
}

fn options() -> Result<Options, String> {
    let mut options = Options { send: false, root: "https://graph.microsoft.com/beta".to_owned() };
    let mut arguments = std::env::args().skip(1);
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--send" => options.send = true,
            "--root" => options.root = arguments.next().ok_or("`--root` needs a URL")?,
            other => return Err(format!("unknown argument `{other}`; expected `--send` or `--root URL`")),
        }
    }
    Ok(options)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if options.send {
        #[cfg(feature = "client")]
        if let Some(tokens) = live::credentials()? {
            let profile = seed_profile()?;
            if let Err(error) = live::send(&options.root, tokens, profile) {
                // The error's own message: status, the service's code and message, the request.
                eprintln!("error: {error}");
                std::process::exit(1);
            }
            return Ok(());
        }
        #[cfg(feature = "client")]
        eprintln!(
            "--send: no credentials (set GRAPH_TOKEN, or GRAPH_TENANT_ID, GRAPH_CLIENT_ID and \
             GRAPH_CLIENT_SECRET); this is the dry run\n"
        );
        #[cfg(not(feature = "client"))]
        {
            eprintln!(
                "--send needs the `client` feature: cargo run --example android_for_work --features client -- --send"
            );
            std::process::exit(2);
        }
    }
    dry_run(&options.root)
}

fn seed_profile() -> Result<AndroidForWorkEnrollmentProfile, Box<dyn std::error::Error>> {
    Ok(AndroidForWorkEnrollmentProfile {
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
    })
}

fn dry_run(root: &str) -> Result<(), Box<dyn std::error::Error>> {
    let profile = seed_profile()?;
    let service = Service::try_new(root)?;
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

/// `--send`: the same steps against a live service.
#[cfg(feature = "client")]
mod live {
    use odata::client::{Client, ClientCredentials, StaticToken, TokenProvider};
    use odata::{Patchable, Service};

    use super::{AndroidForWorkEnrollmentProfile, CreateToken, RevokeToken};

    type Failure = Box<dyn std::error::Error>;

    /// `GRAPH_TOKEN`, or the client-credentials flow from `GRAPH_TENANT_ID`, `GRAPH_CLIENT_ID`,
    /// `GRAPH_CLIENT_SECRET` (and an optional `GRAPH_AUTHORITY`); `None` when neither is set.
    pub fn credentials() -> Result<Option<Box<dyn TokenProvider>>, Failure> {
        let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        if let Some(token) = variable("GRAPH_TOKEN") {
            return Ok(Some(Box::new(StaticToken::new(token))));
        }
        match (variable("GRAPH_TENANT_ID"), variable("GRAPH_CLIENT_ID"), variable("GRAPH_CLIENT_SECRET")) {
            (Some(tenant), Some(id), Some(secret)) => {
                let mut flow = ClientCredentials::new(tenant, id, secret);
                if let Some(authority) = variable("GRAPH_AUTHORITY") {
                    flow = flow.authority(authority);
                }
                Ok(Some(Box::new(flow)))
            }
            (None, None, None) => Ok(None),
            _ => Err("set all three of GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET".into()),
        }
    }

    pub fn send(
        root: &str,
        tokens: Box<dyn TokenProvider>,
        profile: AndroidForWorkEnrollmentProfile,
    ) -> Result<(), Failure> {
        let client = Client::builder(Service::try_new(root)?).token_provider(tokens).build()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(async {
            let created = client.create(&profile).await?;
            let id = created.id.clone().ok_or("the service gave the profile no id")?;
            println!("created {id}: {:?}", created.display_name);

            client.invoke(id.as_str(), &CreateToken { token_validity_in_seconds: 3600 }).await?;
            let with_token: AndroidForWorkEnrollmentProfile = client.get(id.as_str()).await?;
            println!(
                "token expires {:?}",
                with_token.token_expiration_date_time.as_ref().map(ToString::to_string)
            );
            client.invoke(id.as_str(), &RevokeToken).await?;

            let mut renamed = with_token.clone();
            renamed.display_name = Some("Kiosks, floor 2".into());
            client.update(id.as_str(), &with_token.diff(renamed)).await?;

            let mut profiles =
                client.list::<AndroidForWorkEnrollmentProfile>().query([("$top", "50")]).items();
            let mut count = 0;
            while let Some(listed) = profiles.try_next().await? {
                count += 1;
                if listed.id.as_deref() == Some(id.as_str()) {
                    println!("listed {id}: {:?}", listed.display_name);
                }
            }
            println!("{count} profiles in all");

            client.delete::<AndroidForWorkEnrollmentProfile>(id.as_str()).await?;
            println!("deleted {id}");
            Ok::<(), Failure>(())
        })
    }
}
