//! The benchmark-only plain-serde flavor (`Config::flavor(Flavor::PlainSerde)`, what
//! `scripts/graph-build-time.sh` compares the odata derives with) writes the same model as
//! serde derives, and the crate builds without a warning.

mod common;
mod generated_crate;

use common::{document, graph_metadata_path, item, schema, scratch};
use generated_crate::{cargo_run, write_checker};
use odata_codegen::{Config, Flavor};

#[test]
fn the_plain_serde_flavor_writes_serde_derives_with_the_same_names() {
    let xml = document(&[schema(
        "test.ns",
        Some("t"),
        r#"<EntityType Name="item"><Key><PropertyRef Name="id"/></Key>
             <Property Name="id" Type="Edm.String"/><Property Name="self" Type="Edm.String"/>
             <Property Name="iOSVersion" Type="Edm.String"/><Property Name="state" Type="t.state"/>
             <Property Name="when" Type="Edm.DateTimeOffset"/></EntityType>
           <EntityType Name="special" BaseType="t.item"><Property Name="Extra" Type="Edm.Int64"/></EntityType>
           <EnumType Name="state"><Member Name="on"/><Member Name="other"/><Member Name="OffLine"/></EnumType>
           <EntityContainer Name="c"><EntitySet Name="items" EntityType="t.item"/></EntityContainer>"#,
    )]);
    let generated = Config::new().metadata_text(xml).flavor(Flavor::PlainSerde).generate().unwrap();
    let cargo_toml = generated.file("Cargo.toml").unwrap();
    assert!(cargo_toml.contains("serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n"));
    assert!(!cargo_toml.contains("odata ="), "{cargo_toml}");
    let module = generated.file("src/test/ns.rs").unwrap();
    let item_struct = item(module, "pub struct Item {");
    assert!(item_struct.contains("#[serde(rename_all = \"camelCase\")]"), "{item_struct}");
    assert!(item_struct.contains("    #[serde(rename = \"self\")]\n"), "{item_struct}");
    assert!(item_struct.contains("    #[serde(rename = \"iOSVersion\")]\n"), "{item_struct}");
    assert!(!item_struct.contains("rename = \"id\""), "{item_struct}");
    assert!(item_struct
        .contains("    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub when: Option<String>,"));
    assert!(item_struct
        .contains("    #[serde(flatten)]\n    pub undeclared: serde_json::Map<String, serde_json::Value>,"));
    let special = item(module, "pub struct Special {");
    assert!(special.contains("    #[serde(flatten)]\n    pub base: Item,"), "{special}");
    assert!(special.contains("    #[serde(rename = \"Extra\")]\n"), "{special}");
    let any = item(module, "pub enum AnyItem {");
    assert!(any.contains("#[serde(tag = \"@odata.type\")]"), "{any}");
    assert!(
        any.contains("    #[serde(rename = \"#test.ns.special\", alias = \"test.ns.special\")]\n"),
        "{any}"
    );
    assert!(any.contains("    #[serde(other)]\n    Other,"), "{any}");
    let state = item(module, "pub enum State {");
    assert!(state.contains("    #[serde(rename = \"OffLine\")]\n"), "{state}");
    // `other` is a member: the catch-all must not be written with its name.
    assert!(state.contains("    #[serde(other, rename = \"(unknown)\")]\n    Other,"), "{state}");

    // It builds warning-free and reads a derived value through the hierarchy enum.
    let dir = scratch("plain-serde");
    generated.write_crate(dir.join("model")).unwrap();
    let main = r###"
use test_ns::test::ns::{AnyItem, State};
fn main() {
    let text = r##"{"@odata.type":"#test.ns.special","id":"1","self":"s","Extra":7,"state":"other","beta":true}"##;
    let AnyItem::Special(special) = serde_json::from_str::<AnyItem>(text).unwrap() else { panic!("not special") };
    assert_eq!(special.base.state, Some(State::Other1));
    assert_eq!(special.base.self_.as_deref(), Some("s"));
    assert_eq!(special.base.undeclared["beta"], serde_json::json!(true));
    let unknown: State = serde_json::from_str("\"sideways\"").unwrap();
    assert_eq!(unknown, State::Other);
    println!("plain serde: ok");
}
"###;
    write_checker(&dir.join("checker"), "test-ns", &dir.join("model"), "", main);
    let output = cargo_run(&dir.join("checker"), &[]);
    assert_eq!(output, "plain serde: ok\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_whole_graph_model_generates_in_the_plain_serde_flavor() {
    let generated =
        Config::new().metadata_file(graph_metadata_path()).flavor(Flavor::PlainSerde).generate().unwrap();
    let module = generated.file("src/microsoft/graph/mod.rs").unwrap();
    assert!(!module.contains("odata::"), "the plain flavor uses no odata item");
    assert!(!generated.files().any(|(path, _)| path.ends_with("operations.rs")), "no operations");
    assert!(module.contains("pub struct User {"));
}

#[test]
fn the_command_line_takes_the_flavor_for_the_benchmark_script() {
    let dir = scratch("plain-serde-cli");
    let run = |flavor: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
            .args([
                "--metadata",
                graph_metadata_path().to_str().unwrap(),
                "--types",
                "user",
                "--flavor",
                flavor,
            ])
            .arg("--out")
            .arg(dir.join("crate"))
            .output()
            .unwrap()
    };
    let output = run("plain-serde");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let module = std::fs::read_to_string(dir.join("crate/src/microsoft/graph.rs")).unwrap();
    assert!(module.contains("serde::Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct User {"));
    let output = run("sometimes");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`--flavor` must be `odata`, `plain-serde` or `flat-serde`, not `sometimes`"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
