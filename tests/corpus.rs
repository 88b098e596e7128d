//! The Microsoft Graph corpus as a conformance suite: the 453 Intune "Create X" pages of the
//! Graph beta docs (`tests/data/graph-corpus`, see its README), each turned into an entity
//! type with `#[derive(ODataResource)]` by the generator in `corpus/codegen.rs`, whose output
//! `corpus/generated.rs` is checked in and kept current by [`generated_code_is_current`].
//!
//! For every page, [`every_page_conforms`] checks that:
//!
//! 1. the documented response reads into the page's type;
//! 2. the value writes back as the documented response: the same members, in the same order,
//!    with the same values;
//! 3. its create payload is the documented request, member order included;
//! 4. `COLLECTION_PATH` is the documented path (templated paths such as
//!    `/deviceAppManagement/mobileApps/{mobileAppId}/assignments` verbatim), and
//!    `Service::create` posts that payload to it (compared after percent-decoding the URI,
//!    which escapes `{` and `}`);
//! 5. `TYPE_NAME` is the page's entity type and the read-only properties are exactly those
//!    of [`SERVICE_SET`] (`id`, `createdDateTime`, `lastModifiedDateTime`, `modifiedDateTime`,
//!    each of the type the list gives it in the page's Properties table) that the response
//!    documents, but for the pages of [`SENT_SERVICE_SET`].
//!
//! **Read-only** is what the docs show. The generator marks a property read-only when the
//! documented response has it and the documented request does not, so checking that rule
//! against itself could not fail; check 5 holds it against another piece of evidence, the
//! fixed list of properties that the service sets and the docs leave out of every request
//! (see the corpus README). A page whose request lacked any other property would fail it.
//! Descriptions that say "read-only" are not used: many such properties are sent in the
//! documented requests.
//!
//! A page that cannot pass is listed in [`EXCEPTIONS`] with the reason; the test fails if a
//! listed page passes or an unlisted one fails. Run with `--nocapture` to see the count.
//!
//! **Shared collections.** Where [`codegen::MIN_SHARED`] or more pages, of distinct entity
//! types, post to one collection path (108 to `/deviceManagement/deviceConfigurations`), the
//! generator also writes a polymorphic enum over their types (`AnyDeviceConfiguration`: base
//! type, name and path rules in [`codegen::shared_collections`] and [`codegen::enum_name`]),
//! with an `#[odata(other)]` variant. For every page of such a collection,
//! [`every_shared_collection_reads_through_its_polymorphic_enum`] checks that:
//!
//! 1. the documented response reads through the enum into the variant of the page's type,
//!    and writes back as the documented response, member order included;
//! 2. so does the response with `@odata.type` moved to the end (written back, it is first
//!    again, as documented);
//! 3. the response with `@odata.type` changed to `#microsoft.graph.notInTheCorpus` lands in
//!    the `other` variant, which keeps and writes it unchanged (as JSON values: `other` does
//!    not keep member order);
//! 4. the enum's `COLLECTION_PATH` is the page's documented path;
//!
//! and, per collection, that a JSON array of the documented responses of all its pages reads
//! as a `Vec` of the enum, each item into its page's variant in order, and writes back as the
//! array. The pages and collections that pass are counted on stderr; a page that cannot pass
//! is listed in [`ENUM_EXCEPTIONS`] with the reason, as for [`EXCEPTIONS`] (none is today).

// The derive's `rename_all` rules, as one file shared with the derive and odata-codegen.
#[path = "../odata-derive/src/case.rs"]
#[allow(dead_code)]
mod case;
#[path = "corpus/codegen.rs"]
mod codegen;
mod common;

mod generated {
    #![allow(dead_code)]

    use odata::{ODataComplex, ODataResource};

    use super::{check, check_list, check_variant, Group, Page, Variants};

    include!("corpus/generated.rs");
}

use std::collections::BTreeSet;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use codegen::{first_difference, Json, Record};
use odata::{ODataResource, Service};

/// One page of the corpus and the check of its generated type (`None` for a page that has
/// no type: see [`EXCEPTIONS`]).
pub struct Page {
    pub page: &'static str,
    pub check: Option<Check>,
    /// The page's entity type, for `csdl_check.rs`'s check against Graph's `$metadata`.
    pub edm: Option<odata::csdl::EdmType>,
}

/// The checks of one page's type: every problem found, joined.
pub type Check = fn(&Record) -> Result<(), String>;

/// A polymorphic enum of the corpus (see [`codegen::shared_collections`]) and its pages.
pub struct Group {
    /// The enum's name.
    pub name: &'static str,
    /// Its `TYPE_NAME`: the base type.
    pub type_name: &'static str,
    /// Its `COLLECTION_PATH`.
    pub collection: &'static str,
    /// The pages whose types are its variants, in the corpus's order.
    pub pages: &'static [&'static str],
    /// The checks of one page read through the enum.
    pub check: Check,
    /// The check of a list of the documented responses of these pages, in this order.
    pub check_list: fn(&[&Record]) -> Result<(), String>,
}

/// Which variant a value of a generated polymorphic enum is.
pub trait Variants: odata::EntitySet + serde::de::DeserializeOwned {
    /// The `TYPE_NAME` of the variant's type, or the object kept by the `other` variant.
    fn variant(&self) -> Result<&'static str, &odata::RawObject>;
}

/// The `@odata.type` that no page's type has.
const UNKNOWN_TYPE: &str = "#microsoft.graph.notInTheCorpus";

/// The root the create requests are made against.
const ROOT: &str = "https://graph.microsoft.com/beta";

/// Pages that cannot pass, with the reason. Each must fail.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "intune-partnerintegration-appvulnerabilitymanageddevice-create.md",
        "the page documents no collection path: its request line is `POST ** Collection URI for \
         microsoft.management.services.api.appVulnerabilityManagedDevice not found`, so no entity set \
         can be declared and no create request made",
    ),
    (
        "intune-partnerintegration-appvulnerabilitymobileapp-create.md",
        "the page documents no collection path: its request line is `POST ** Collection URI for \
         microsoft.management.services.api.appVulnerabilityMobileApp not found`, so no entity set \
         can be declared and no create request made",
    ),
    (
        "intune-partnerintegration-vulnerablemanageddevice-create.md",
        "the page documents no collection path: its request line is `POST ** Collection URI for \
         microsoft.management.services.api.vulnerableManagedDevice not found`, so no entity set \
         can be declared and no create request made",
    ),
];

/// What a page without a generated type fails with.
const NO_PATH: &str = "the page documents no collection path";

fn data_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/graph-corpus").join(file)
}

fn load() -> (Vec<Record>, std::collections::HashMap<String, String>) {
    let jsonl = fs::read_to_string(data_path("create-examples.jsonl")).expect("the corpus is in tests/data");
    let types = fs::read_to_string(data_path("types.txt")).expect("types.txt is in tests/data");
    (codegen::parse_records(&jsonl).expect("the corpus parses"), codegen::parse_kinds(&types))
}

/// `%XX` escapes decoded, so that a templated path compares with its documented text.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn written<S: serde::Serialize>(value: &S, what: &str) -> Result<(Vec<u8>, Json), String> {
    let bytes = serde_json::to_vec(value).map_err(|error| format!("{what} does not serialize: {error}"))?;
    let json = serde_json::from_slice(&bytes).map_err(|error| format!("{what} is not JSON: {error}"))?;
    Ok((bytes, json))
}

/// The checks of one page (see the module docs), every problem reported.
pub fn check<T: odata::EntitySet>(record: &Record) -> Result<(), String> {
    let mut problems = Vec::new();
    let response = serde_json::to_string(&record.response).map_err(|error| error.to_string())?;
    let value: T = serde_json::from_str(&response)
        .map_err(|error| format!("the documented response does not read: {error}"))?;

    let (_, full) = written(&value, "the value")?;
    if let Some(difference) = first_difference(&record.response, &full) {
        problems.push(format!("written back, the response differs at {difference}"));
    }

    let (payload, create) = written(&value.create_payload(), "the create payload")?;
    if let Some(difference) = first_difference(&record.request, &create) {
        problems.push(format!("the create payload differs from the request at {difference}"));
    }

    match &record.collection_path {
        Some(path) if path == T::COLLECTION_PATH => {}
        documented => {
            problems.push(format!("COLLECTION_PATH is {:?}, documented {documented:?}", T::COLLECTION_PATH))
        }
    }

    let request = Service::new(ROOT).create(&value);
    if request.method() != http::Method::POST {
        problems.push(format!("create sends {}, not POST", request.method()));
    }
    let uri = request.uri().to_string();
    let target = percent_decode(request.uri().path());
    if !uri.starts_with(ROOT)
        || Some(target.strip_prefix("/beta").unwrap_or(&target)) != record.collection_path.as_deref()
    {
        problems.push(format!("create targets {uri} (decoded path {target})"));
    }
    if request.body() != &payload {
        problems.push("create sends another body than the create payload".to_owned());
    }

    let type_name = format!("microsoft.graph.{}", record.entity);
    if T::TYPE_NAME != type_name {
        problems.push(format!("TYPE_NAME is {}, the page's type is {type_name}", T::TYPE_NAME));
    }
    let read_only: BTreeSet<&str> =
        T::PROPERTIES.iter().filter(|property| property.read_only).map(|property| property.name).collect();
    let service_set = service_set_properties(record, &mut problems);
    if read_only != service_set {
        problems.push(format!("read-only properties {read_only:?}, set by the service {service_set:?}"));
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The properties that the service sets on create, with the type the Properties table must
/// give each: Graph's `id` key and the timestamps it keeps. The corpus README finds that the
/// docs leave exactly these out of the documented requests; the generator instead marks what
/// a page's request lacks, so this list is the evidence that its rule is right.
const SERVICE_SET: &[(&str, &str)] = &[
    ("id", "String"),
    ("createdDateTime", "DateTimeOffset"),
    ("lastModifiedDateTime", "DateTimeOffset"),
    ("modifiedDateTime", "DateTimeOffset"),
];

/// Pages whose documented request sends a property of [`SERVICE_SET`], which the page
/// therefore shows writable, with the reason. Each must still do so.
const SENT_SERVICE_SET: &[(&str, &str, &str)] = &[(
    "intune-shared-windowsdomainjoinconfiguration-create.md",
    "lastModifiedDateTime",
    "the page's request sends the response's `lastModifiedDateTime`, the only request of the corpus \
     that keeps a timestamp",
)];

/// The properties of [`SERVICE_SET`] that the page's response documents, but those that
/// [`SENT_SERVICE_SET`] lists for it: what its type must mark read-only. A table row of
/// another type, or a listed exception that no longer applies, is a problem.
fn service_set_properties<'a>(record: &'a Record, problems: &mut Vec<String>) -> BTreeSet<&'a str> {
    let mut expected = BTreeSet::new();
    for &(name, documented_type) in SERVICE_SET {
        let Some((name, _)) = record.response.members().iter().find(|(member, _)| member == name) else {
            continue;
        };
        match record.properties.iter().find(|(row, _)| row == name) {
            Some((_, table_type)) if table_type != documented_type => problems.push(format!(
                "`{name}` has type `{table_type}` in the Properties table, not `{documented_type}`"
            )),
            _ => {}
        }
        expected.insert(name.as_str());
    }
    for &(_, name, _) in SENT_SERVICE_SET.iter().filter(|(page, _, _)| *page == record.page) {
        if !expected.remove(name) || record.request.get(name).is_none() {
            problems.push(format!("SENT_SERVICE_SET lists `{name}`, which the request does not send"));
        }
    }
    expected
}

/// `response` with its `@odata.type` moved to the end, or changed to `annotation`.
fn with_type_annotation(response: &Json, annotation: Option<&str>) -> Result<Json, String> {
    let members = response.members();
    let Some((_, documented)) = members.iter().find(|(name, _)| name == "@odata.type") else {
        return Err("the documented response has no `@odata.type`".to_owned());
    };
    let mut moved: Vec<(String, Json)> =
        members.iter().filter(|(name, _)| name != "@odata.type").cloned().collect();
    match annotation {
        Some(annotation) => {
            moved.insert(0, ("@odata.type".to_owned(), Json::String(annotation.to_owned())));
        }
        None => moved.push(("@odata.type".to_owned(), documented.clone())),
    }
    Ok(Json::Object(moved))
}

/// Reads `json` as `E`: the variant read, or what the `other` variant keeps, and the value
/// written back.
fn read_through<E: Variants>(json: &Json, what: &str) -> Result<(Result<&'static str, Json>, Json), String> {
    let text = serde_json::to_string(json).map_err(|error| error.to_string())?;
    let value: E = serde_json::from_str(&text).map_err(|error| format!("{what} does not read: {error}"))?;
    let variant =
        value.variant().map_err(|raw| serde_json::from_value(serde_json::to_value(raw).unwrap()).unwrap());
    let (_, written) = written(&value, what)?;
    Ok((variant, written))
}

/// The checks of one page read through its polymorphic enum `E` (see the module docs).
pub fn check_variant<E: Variants>(record: &Record) -> Result<(), String> {
    let mut problems = Vec::new();
    let type_name = format!("microsoft.graph.{}", record.entity);
    let expect_variant =
        |variant: &Result<&'static str, Json>, what: &str, problems: &mut Vec<String>| match variant {
            Ok(read) if *read == type_name => {}
            Ok(read) => problems.push(format!("{what} reads as the variant of {read}")),
            Err(_) => problems.push(format!("{what} lands in `other`")),
        };

    let (variant, full) = read_through::<E>(&record.response, "the documented response")?;
    expect_variant(&variant, "the documented response", &mut problems);
    if let Some(difference) = first_difference(&record.response, &full) {
        problems.push(format!("written back, the response differs at {difference}"));
    }

    let moved = with_type_annotation(&record.response, None)?;
    let (variant, full) = read_through::<E>(&moved, "the response with `@odata.type` last")?;
    expect_variant(&variant, "the response with `@odata.type` last", &mut problems);
    // The variant writes its own form: `@odata.type` first again, as documented.
    if let Some(difference) = first_difference(&record.response, &full) {
        problems.push(format!("with `@odata.type` last, written back the response differs at {difference}"));
    }

    let unknown = with_type_annotation(&record.response, Some(UNKNOWN_TYPE))?;
    let (variant, full) = read_through::<E>(&unknown, "the response of an unknown type")?;
    match variant {
        Err(kept) if kept.to_value() == unknown.to_value() => {}
        Err(kept) => problems.push(format!(
            "`other` keeps another object than the response of an unknown type: {:?}",
            first_difference(&unknown, &kept)
        )),
        Ok(read) => problems.push(format!("the response of an unknown type reads as the variant of {read}")),
    }
    if full.to_value() != unknown.to_value() {
        problems.push(format!(
            "written back, the response of an unknown type differs: {:?}",
            first_difference(&unknown, &full)
        ));
    }

    if E::COLLECTION_PATH != record.collection_path.as_deref().unwrap_or_default() {
        problems.push(format!(
            "the enum's COLLECTION_PATH is {:?}, documented {:?}",
            E::COLLECTION_PATH,
            record.collection_path
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// A JSON array of the documented responses of `records` reads as `Vec<E>`, each into its
/// page's variant, in order, and writes back as the array.
pub fn check_list<E: Variants>(records: &[&Record]) -> Result<(), String> {
    let list = Json::Array(records.iter().map(|record| record.response.clone()).collect());
    let text = serde_json::to_string(&list).map_err(|error| error.to_string())?;
    let values: Vec<E> =
        serde_json::from_str(&text).map_err(|error| format!("the list does not read: {error}"))?;
    let mut problems = Vec::new();
    if values.len() != records.len() {
        problems.push(format!("the list of {} reads as {} values", records.len(), values.len()));
    }
    for (index, (value, record)) in values.iter().zip(records).enumerate() {
        let type_name = format!("microsoft.graph.{}", record.entity);
        match value.variant() {
            Ok(read) if read == type_name => {}
            Ok(read) => problems.push(format!("item {index} ({type_name}) reads as the variant of {read}")),
            Err(_) => problems.push(format!("item {index} ({type_name}) lands in `other`")),
        }
    }
    let (_, full) = written(&values, "the list")?;
    if let Some(difference) = first_difference(&list, &full) {
        problems.push(format!("written back, the list differs at {difference}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn every_page_conforms() {
    let (records, _) = load();
    assert_eq!(
        generated::PAGES.len(),
        records.len(),
        "tests/corpus/generated.rs is out of date: run `UPDATE_CORPUS=1 cargo test --test corpus`"
    );
    let mut failures: Vec<(&str, String)> = Vec::new();
    for (page, record) in generated::PAGES.iter().zip(&records) {
        assert_eq!(page.page, record.page, "tests/corpus/generated.rs is out of date");
        let outcome = match page.check {
            Some(check) => catch_unwind(AssertUnwindSafe(|| check(record)))
                .unwrap_or_else(|_| Err("the check panicked (see above)".to_owned())),
            None => Err(format!("{NO_PATH} (collection_path is {:?})", record.collection_path)),
        };
        if let Err(reason) = outcome {
            failures.push((&record.page, reason));
        }
    }

    let passed = records.len() - failures.len();
    println!("corpus: {passed}/{} pages pass", records.len());
    for (page, reason) in &failures {
        match EXCEPTIONS.iter().find(|(listed, _)| listed == page) {
            Some((_, why)) => println!("  excepted {page}: {why}\n    (fails with: {reason})"),
            None => println!("  FAILED {page}: {reason}"),
        }
    }

    let unexpected: Vec<&(&str, String)> =
        failures.iter().filter(|(page, _)| !EXCEPTIONS.iter().any(|(listed, _)| listed == page)).collect();
    // A listed page must still fail: an exception that passes is removed from the list.
    let stale: Vec<&str> = EXCEPTIONS
        .iter()
        .map(|(listed, _)| *listed)
        .filter(|listed| !failures.iter().any(|(page, _)| page == listed))
        .collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "corpus: {passed}/{} pages pass; {} unexpected failures (listed above as FAILED); exceptions that no longer fail as listed: {stale:?}",
        records.len(),
        unexpected.len()
    );
}

/// Pages that cannot read through their polymorphic enum, with the reason. Each must fail.
const ENUM_EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
fn every_shared_collection_reads_through_its_polymorphic_enum() {
    let (records, _) = load();
    let by_page: std::collections::HashMap<&str, &Record> =
        records.iter().map(|record| (record.page.as_str(), record)).collect();

    // The groups, counted here again: every path that MIN_SHARED or more entity types post to.
    let mut expected: std::collections::BTreeMap<&str, BTreeSet<&str>> = Default::default();
    for record in &records {
        if let Some(path) = record.collection_path.as_deref() {
            expected.entry(path).or_default().insert(&record.entity);
        }
    }
    expected.retain(|_, entities| entities.len() >= codegen::MIN_SHARED);
    let generated_paths: BTreeSet<&str> = generated::GROUPS.iter().map(|group| group.collection).collect();
    assert_eq!(
        generated_paths,
        expected.keys().copied().collect(),
        "tests/corpus/generated.rs is out of date: run `UPDATE_CORPUS=1 cargo test --test corpus`"
    );

    let mut failures: Vec<(&str, String)> = Vec::new();
    let mut pages = 0;
    for group in generated::GROUPS {
        let members: Vec<&Record> = group
            .pages
            .iter()
            .map(|page| *by_page.get(page).unwrap_or_else(|| panic!("{page} is not in the corpus")))
            .collect();
        let entities: BTreeSet<&str> = members.iter().map(|record| record.entity.as_str()).collect();
        assert_eq!(entities, expected[group.collection], "{}: not one variant per page type", group.name);
        // The base type is one the pages name: a page's type or one they inherit from.
        let base = group.type_name.strip_prefix("microsoft.graph.").unwrap_or(group.type_name);
        assert!(
            members
                .iter()
                .any(|record| record.entity == base || record.inherited_from.iter().any(|name| name == base)),
            "{}: base type {} is neither a page's type nor inherited from",
            group.name,
            group.type_name
        );

        for record in &members {
            pages += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| (group.check)(record)))
                .unwrap_or_else(|_| Err("the check panicked (see above)".to_owned()));
            if let Err(reason) = outcome {
                failures.push((&record.page, format!("{}: {reason}", group.name)));
            }
        }
        let listed: Vec<&Record> = members
            .iter()
            .copied()
            .filter(|record| !ENUM_EXCEPTIONS.iter().any(|(page, _)| *page == record.page))
            .collect();
        let outcome = catch_unwind(AssertUnwindSafe(|| (group.check_list)(&listed)))
            .unwrap_or_else(|_| Err("the check panicked (see above)".to_owned()));
        if let Err(reason) = outcome {
            failures.push((group.name, format!("the mixed list of its {} pages: {reason}", listed.len())));
        }
    }

    let passed = pages - failures.iter().filter(|(page, _)| page.ends_with(".md")).count();
    eprintln!(
        "corpus: {} shared collections, {passed}/{pages} pages read through their polymorphic enum",
        generated::GROUPS.len()
    );
    for (page, reason) in &failures {
        match ENUM_EXCEPTIONS.iter().find(|(listed, _)| listed == page) {
            Some((_, why)) => eprintln!("  excepted {page}: {why}\n    (fails with: {reason})"),
            None => eprintln!("  FAILED {page}: {reason}"),
        }
    }
    let unexpected =
        failures.iter().filter(|(page, _)| !ENUM_EXCEPTIONS.iter().any(|(listed, _)| listed == page)).count();
    let stale: Vec<&str> = ENUM_EXCEPTIONS
        .iter()
        .map(|(listed, _)| *listed)
        .filter(|listed| !failures.iter().any(|(page, _)| page == listed))
        .collect();
    assert!(
        unexpected == 0 && stale.is_empty(),
        "corpus: {passed}/{pages} pages read through their polymorphic enum; {unexpected} unexpected failures (listed above as FAILED); exceptions that no longer fail as listed: {stale:?}"
    );
}

#[test]
fn generated_code_is_current() {
    let (records, kinds) = load();
    let source = codegen::generate(&records, &kinds);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(codegen::GENERATED_PATH);
    if std::env::var_os("UPDATE_CORPUS").is_some_and(|value| !value.is_empty() && value != "0") {
        fs::write(&path, &source).expect("writes tests/corpus/generated.rs");
        return;
    }
    let current = fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    if current != source {
        let line = current
            .lines()
            .zip(source.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| current.lines().count().min(source.lines().count()) + 1, |index| index + 1);
        panic!(
            "{} is not what the generator writes (first difference at line {line}): run \
             `UPDATE_CORPUS=1 cargo test --test corpus generated_code_is_current`, or scripts/sync-corpus.sh",
            codegen::GENERATED_PATH
        );
    }
}

/// The seed page's entity as the generator would declare it from a request without
/// `displayName`: read-only by the generator's rule, writable in fact.
#[derive(Debug, ODataResource)]
#[odata(
    type = "microsoft.graph.androidForWorkEnrollmentProfile",
    collection = "/deviceManagement/androidForWorkEnrollmentProfiles"
)]
pub struct ProfileWithReadOnlyName {
    pub account_id: Option<String>,
    #[odata(key, read_only)]
    pub id: Option<String>,
    #[odata(read_only)]
    pub display_name: Option<String>,
    pub description: Option<String>,
    #[odata(read_only)]
    pub created_date_time: Option<odata::DateTimeOffset>,
    #[odata(read_only)]
    pub last_modified_date_time: Option<odata::DateTimeOffset>,
    pub token_value: Option<String>,
    pub token_expiration_date_time: Option<odata::DateTimeOffset>,
    pub enrolled_device_count: Option<i32>,
    pub qr_code_content: Option<String>,
    pub qr_code_image: Option<common::MimeContent>,
}

#[test]
fn a_property_a_request_leaves_out_is_not_taken_for_read_only() {
    let (records, _) = load();
    let seed = records
        .iter()
        .find(|record| record.page == "intune-androidforwork-androidforworkenrollmentprofile-create.md")
        .expect("the seed page is in the corpus");
    check::<common::AndroidForWorkEnrollmentProfile>(seed).expect("the seed's model conforms");

    // Docs whose request forgot `displayName`: a type that follows the request passes every
    // other check (the create payload is that request), and only the service-set list tells
    // that the property is not read-only. Compared with the request, as before, it passed.
    let mut forgetful = seed.clone();
    let Json::Object(members) = &mut forgetful.request else { panic!("the request is an object") };
    members.retain(|(name, _)| name != "displayName");
    let problems = check::<ProfileWithReadOnlyName>(&forgetful).unwrap_err();
    assert_eq!(
        problems,
        r#"read-only properties {"createdDateTime", "displayName", "id", "lastModifiedDateTime"}, set by the service {"createdDateTime", "id", "lastModifiedDateTime"}"#
    );
}

#[test]
fn field_names_give_the_wire_names_back() {
    for (wire, snake) in [
        ("displayName", "display_name"),
        ("iOSVersion", "i_os_version"),
        ("cert1PayloadUUID", "cert1_payload_uuid"),
        ("eTag", "e_tag"),
        ("v10_1803", "v10_1803"),
        ("id", "id"),
        ("type", "type"),
    ] {
        assert_eq!(codegen::snake_case(wire), snake, "{wire}");
    }
    // Where the camelCase rule does not give the wire name back, the generator renames.
    assert_eq!(codegen::camel_case("display_name"), "displayName");
    assert_ne!(codegen::camel_case("i_os_version"), "iOSVersion");
    assert_ne!(codegen::camel_case("v10_1803"), "v10_1803");
}

#[test]
fn enum_names_singularise_the_last_segment() {
    for (path, name) in [
        ("/deviceManagement/deviceConfigurations", "AnyDeviceConfiguration"),
        ("/deviceManagement/deviceCompliancePolicies", "AnyDeviceCompliancePolicy"),
        ("/deviceAppManagement/policySets/{policySetId}/items", "AnyItem"),
        ("/x/microsoft.graph.iosVppApp/assignedLicenses", "AnyAssignedLicense"),
        ("/x/accesses", "AnyAccess"),
        ("/x/class", "AnyClass"),
    ] {
        assert_eq!(codegen::enum_name(path), name, "{path}");
    }
}

#[test]
fn placeholders_and_differences_are_reported() {
    assert_eq!(percent_decode("/a/%7Bid%7D/b%2"), "/a/{id}/b%2");
    let documented: Json = serde_json::from_str(r#"{"a": 1, "b": [{"c": "x"}]}"#).unwrap();
    let reordered: Json = serde_json::from_str(r#"{"b": [{"c": "x"}], "a": 1}"#).unwrap();
    let changed: Json = serde_json::from_str(r#"{"a": 1, "b": [{"c": "y"}]}"#).unwrap();
    assert_eq!(first_difference(&documented, &documented), None);
    assert!(first_difference(&documented, &reordered).unwrap().contains("member order differs"));
    assert_eq!(first_difference(&documented, &changed).unwrap(), r#"/b/0/c: documented "x", written "y""#);
}

/// Mutation fuzzing of the widest corpus type, seeded with its documented response: any bytes
/// changed, removed or inserted, reading gives a value or an error, and a value that reads
/// writes back and reads again equal as JSON. 256 cases by default; `PROPTEST_CASES` sets more.
mod fuzz {
    use proptest::prelude::*;

    use super::common::strategies::{byte_edits, mutated};
    use super::generated::Windows10GeneralConfiguration;
    use super::load;

    fn documented_response() -> Vec<u8> {
        static RESPONSE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        RESPONSE
            .get_or_init(|| {
                let (records, _) = load();
                let record = records
                    .iter()
                    .find(|record| {
                        record.page == "intune-deviceconfig-windows10generalconfiguration-create.md"
                    })
                    .expect("the page is in the corpus");
                serde_json::to_vec(&record.response).unwrap()
            })
            .clone()
    }

    proptest! {
        #[test]
        fn mutated_corpus_responses_never_panic(
            edits in byte_edits(),
        ) {
            let bytes = mutated(&documented_response(), &edits);
            if let Ok(value) = serde_json::from_slice::<Windows10GeneralConfiguration>(&bytes) {
                let written: serde_json::Value = serde_json::to_value(&value).unwrap();
                let again: Windows10GeneralConfiguration = serde_json::from_value(written.clone()).unwrap();
                prop_assert_eq!(serde_json::to_value(&again).unwrap(), written);
            }
        }
    }
}

/// Any value of two corpus types, built field by field, round-trips: it writes, reads back and
/// writes again to the same JSON, and its create payload leaves out exactly the read-only
/// properties. Between them the two types hold every Edm kind a corpus entity uses at the top
/// level except Date and TimeOfDay (Guid, Int64, Duration, Binary, DateTimeOffset, Double,
/// Boolean, Int32, String and collections).
mod values {
    use odata::edm::time;
    use odata::{Binary, Duration, Guid, Int64, ODataResource};
    use proptest::option::of;
    use proptest::prelude::*;

    use super::common::strategies::date_time_offset;
    use super::generated::{DeviceLogCollectionResponse, DeviceShellScript};

    fn duration() -> impl Strategy<Value = Duration> {
        (any::<i32>(), 0_i32..1_000_000_000)
            .prop_map(|(seconds, nanos)| Duration::from(time::Duration::new(seconds.into(), nanos)))
    }

    /// The generated types do not derive `Debug` (the corpus stays as lean as a user's crate);
    /// proptest shows a failing value through this wrapper, as its JSON.
    struct Shown<T>(T);

    impl<T: serde::Serialize> std::fmt::Debug for Shown<T> {
        fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str(&serde_json::to_string(&self.0).map_err(|_| std::fmt::Error)?)
        }
    }

    /// Finite doubles only: JSON has no NaN or infinity.
    fn finite() -> impl Strategy<Value = f64> {
        any::<f64>().prop_filter("finite", |value| value.is_finite())
    }

    prop_compose! {
        fn log_collection_response()(
            id in of(".*"),
            status in of(".*"),
            managed_device_id in of(any::<u128>().prop_map(Guid::from)),
            error_code in of(any::<i64>().prop_map(Int64::from)),
            dates in proptest::collection::vec(of(date_time_offset()), 3),
            initiated_by_user_principal_name in of(".*"),
            size in of(finite()),
        ) -> Shown<DeviceLogCollectionResponse> {
            Shown(DeviceLogCollectionResponse {
                id,
                status,
                managed_device_id,
                error_code,
                requested_date_time_utc: dates[0].clone(),
                received_date_time_utc: dates[1].clone(),
                initiated_by_user_principal_name,
                expiration_date_time_utc: dates[2].clone(),
                size,
            })
        }
    }

    prop_compose! {
        fn shell_script()(
            execution_frequency in of(duration()),
            retry_count in of(any::<i32>()),
            block_execution_notifications in of(any::<bool>()),
            strings in proptest::collection::vec(of(".*"), 5),
            script_content in of(proptest::collection::vec(any::<u8>(), 0..64).prop_map(Binary::from)),
            created_date_time in of(date_time_offset()),
            last_modified_date_time in of(date_time_offset()),
            role_scope_tag_ids in of(proptest::collection::vec(".*", 0..4)),
        ) -> Shown<DeviceShellScript> {
            Shown(DeviceShellScript {
                execution_frequency,
                retry_count,
                block_execution_notifications,
                id: strings[0].clone(),
                display_name: strings[1].clone(),
                description: strings[2].clone(),
                script_content,
                created_date_time,
                last_modified_date_time,
                run_as_account: strings[3].clone(),
                file_name: strings[4].clone(),
                role_scope_tag_ids,
            })
        }
    }

    /// Writes, reads back and writes again; both writes must be the same JSON, and the create
    /// payload must be the full form without its read-only members.
    fn check_round_trip<T: ODataResource>(value: &T) -> Result<(), TestCaseError> {
        let written = serde_json::to_value(value).unwrap();
        let read: T = serde_json::from_value(written.clone())
            .map_err(|error| TestCaseError::fail(format!("{error} reading {written}")))?;
        prop_assert_eq!(&serde_json::to_value(&read).unwrap(), &written);

        let mut expected_payload = written.as_object().unwrap().clone();
        for property in T::PROPERTIES.iter().filter(|property| property.read_only) {
            expected_payload.remove(property.name);
        }
        let payload = serde_json::to_value(value.create_payload()).unwrap();
        prop_assert_eq!(payload, serde_json::Value::Object(expected_payload));
        Ok(())
    }

    proptest! {
        #[test]
        fn any_log_collection_response_round_trips(value in log_collection_response()) {
            check_round_trip(&value.0)?;
        }

        #[test]
        fn any_shell_script_round_trips(value in shell_script()) {
            check_round_trip(&value.0)?;
        }
    }
}

/// Every page's entity type (and the types it references) checked against Graph's v1.0
/// `$metadata`. The corpus is written from the beta docs: a type or property that v1.0 does not
/// have is beta-only, counted as such and not a failure; every kind of finding is counted, the
/// counts pinned, so that a change of the models or of the check shows here.
#[test]
fn every_page_type_checked_against_graph_v1() {
    use odata::csdl::{FindingKind, Metadata};
    let xml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/graph-metadata/v1.0.xml"))
            .unwrap();
    let metadata = Metadata::parse(&xml).unwrap();
    let mut by_kind: std::collections::BTreeMap<&str, (usize, Vec<String>)> = Default::default();
    let types: Vec<odata::csdl::EdmType> = generated::PAGES.iter().filter_map(|page| page.edm).collect();
    let report = metadata.check_types(&types);
    {
        for finding in report.findings() {
            let kind = match &finding.kind {
                FindingKind::UnknownType { .. } => "beta-only type",
                FindingKind::UnknownProperty { .. } => "beta-only property",
                FindingKind::LooserType { .. } => "hint: looser type",
                FindingKind::TypeMismatch { .. } => "type mismatch",
                FindingKind::ComputedSentOnCreate => "computed, sent on create",
                FindingKind::RequiredButNullable => "required but nullable",
                FindingKind::WireNameCase { .. } => "wire name case",
                FindingKind::KeyDiffers { .. } => "key differs",
                FindingKind::PathNotInContainer { .. } => "path not in the container",
                FindingKind::NavigationTarget { .. } | FindingKind::NavigationMismatch { .. } => "navigation",
                FindingKind::UnknownMember { .. } => "enum member",
                _ => "other",
            };
            let entry = by_kind.entry(kind).or_default();
            entry.0 += 1;
            if entry.1.len() < 2 {
                entry.1.push(finding.to_string());
            }
        }
    }
    for (kind, (count, examples)) in &by_kind {
        println!("{count:>5} {kind}, e.g. {}", examples.join(" | "));
    }
    let counts: Vec<(&str, usize)> = by_kind.iter().map(|(kind, (count, _))| (*kind, *count)).collect();
    assert_eq!(counts, EXPECTED_V1_FINDINGS, "the findings changed (counts above)");
}

/// The findings of [`every_page_type_checked_against_graph_v1`], by kind, each type checked
/// once. Besides the beta-only parts: 41
/// properties that v1.0 computes and the corpus sends on create (the docs' requests carry
/// them), 24 properties typed with the derived type a page's example holds where the service
/// declares the base type, and hints where a string holds an Edm.Binary, a date or a member.
const EXPECTED_V1_FINDINGS: &[(&str, usize)] = &[
    ("beta-only property", 977),
    ("beta-only type", 426),
    ("computed, sent on create", 41),
    ("hint: looser type", 233),
    ("type mismatch", 24),
];
