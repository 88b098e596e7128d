//! The benchmark-only flat serde reference (`Config::flavor(Flavor::FlatSerde)`, what
//! `scripts/graph-build-time.sh` compares the odata derives with): one flat struct per entity
//! and complex type with plain serde derives, and the crate builds without a warning.

mod common;
mod generated_crate;

use common::{document, graph_metadata_path, item, schema, scratch};
use generated_crate::{cargo_run, write_checker};
use odata_codegen::{Config, Flavor};

#[test]
fn the_flat_serde_flavor_writes_flat_structs_with_inherited_properties_copied() {
    let xml = document(&[schema(
        "test.ns",
        Some("t"),
        r#"<EntityType Name="item"><Key><PropertyRef Name="id"/></Key>
             <Property Name="id" Type="Edm.String"/><Property Name="self" Type="Edm.String"/>
             <Property Name="iOSVersion" Type="Edm.String"/><Property Name="state" Type="t.state"/>
             <Property Name="when" Type="Edm.DateTimeOffset"/><Property Name="tags" Type="Collection(Edm.String)"/>
             <NavigationProperty Name="owner" Type="t.item"/></EntityType>
           <EntityType Name="special" BaseType="t.item"><Property Name="Extra" Type="Edm.Int64"/>
             <Property Name="inner" Type="t.outer"/></EntityType>
           <ComplexType Name="outer"><Property Name="next" Type="t.outer"/><Property Name="pair" Type="t.pair"/></ComplexType>
           <ComplexType Name="pair"><Property Name="back" Type="t.outer"/><Property Name="count" Type="Edm.Int32"/></ComplexType>
           <EnumType Name="state"><Member Name="on"/><Member Name="OffLine"/></EnumType>
           <EntityContainer Name="c"><EntitySet Name="items" EntityType="t.item"/></EntityContainer>"#,
    )]);
    let generated = Config::new().metadata_text(xml).flavor(Flavor::FlatSerde).generate().unwrap();
    let cargo_toml = generated.file("Cargo.toml").unwrap();
    assert!(cargo_toml.contains("serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n"));
    assert!(!cargo_toml.contains("odata ="), "{cargo_toml}");
    let module = generated.file("src/test/ns.rs").unwrap();
    assert!(!module.contains("odata"), "{module}");
    assert!(!module.contains("pub enum"), "no enum types, no hierarchy enums: {module}");
    assert!(!module.contains("flatten"), "{module}");
    let derives = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n\
                   #[serde(rename_all = \"camelCase\")]\npub struct Special {";
    assert!(module.contains(derives), "{module}");
    let special = item(module, "pub struct Special {");
    // The base's properties first, copied; then its own; then the navigation properties.
    let order = ["pub id:", "pub self_:", "pub i_os_version:", "pub state:", "pub when:", "pub tags:"];
    let order = order.iter().chain(&["pub extra:", "pub inner:", "pub owner:"]);
    let positions: Vec<usize> = order.map(|field| special.find(field).expect(field)).collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{special}");
    assert!(special.contains("    #[serde(rename = \"self\")]\n"), "{special}");
    assert!(special.contains("    #[serde(rename = \"iOSVersion\")]\n"), "{special}");
    assert!(special.contains("    #[serde(rename = \"Extra\")]\n"), "{special}");
    assert!(!special.contains("rename = \"id\""), "{special}");
    let skip = "    #[serde(skip_serializing_if = \"Option::is_none\")]\n";
    assert!(special.contains(&format!("{skip}    pub state: Option<String>,")), "{special}");
    assert!(special.contains(&format!("{skip}    pub when: Option<String>,")), "{special}");
    assert!(special.contains(&format!("{skip}    pub tags: Option<Vec<String>>,")), "{special}");
    assert!(special.contains(&format!("{skip}    pub extra: Option<i64>,")), "{special}");
    assert!(special.contains(&format!("{skip}    pub inner: Option<Outer>,")), "{special}");
    assert!(special.contains(&format!("{skip}    pub owner: Option<Box<Item>>,")), "{special}");
    let item_struct = item(module, "pub struct Item {");
    assert!(!item_struct.contains("extra"), "{item_struct}");
    // A cycle of structs held by value is boxed inside the cycle only.
    let outer = item(module, "pub struct Outer {");
    assert!(outer.contains("pub next: Option<Box<Outer>>,"), "{outer}");
    assert!(outer.contains("pub pair: Option<Box<Pair>>,"), "{outer}");
    let pair = item(module, "pub struct Pair {");
    assert!(pair.contains("pub back: Option<Box<Outer>>,"), "{pair}");
    assert!(pair.contains("pub count: Option<i32>,"), "{pair}");

    // It builds warning-free, reads a value with inherited properties and writes it back.
    let dir = scratch("flat-serde");
    generated.write_crate(dir.join("model")).unwrap();
    let main = r###"
use test_ns::test::ns::Special;
fn main() {
    let text = r##"{"id":"1","self":"s","state":"OffLine","Extra":7,"inner":{"pair":{"count":2}},"beta":true}"##;
    let special: Special = serde_json::from_str(text).unwrap();
    assert_eq!(special.self_.as_deref(), Some("s"));
    assert_eq!(special.state.as_deref(), Some("OffLine"));
    assert_eq!(special.extra, Some(7));
    assert_eq!(special.inner.as_ref().and_then(|inner| inner.pair.as_ref()).and_then(|pair| pair.count), Some(2));
    let written = serde_json::to_string(&special).unwrap();
    assert_eq!(written, r#"{"id":"1","self":"s","state":"OffLine","Extra":7,"inner":{"pair":{"count":2}}}"#);
    println!("flat serde: ok");
}
"###;
    write_checker(&dir.join("checker"), "test-ns", &dir.join("model"), "", main);
    let output = cargo_run(&dir.join("checker"), &[]);
    assert_eq!(output, "flat serde: ok\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_whole_graph_model_generates_in_the_flat_serde_flavor() {
    let generated =
        Config::new().metadata_file(graph_metadata_path()).flavor(Flavor::FlatSerde).generate().unwrap();
    let module = generated.file("src/microsoft/graph/mod.rs").unwrap();
    assert!(!module.contains("odata::"), "the flat flavor uses no odata item");
    assert!(!module.contains("pub enum "), "no enums");
    assert!(!generated.files().any(|(path, _)| path.ends_with("operations.rs")), "no operations");
    let user = item(module, "pub struct User {");
    // `id` of `entity` and `deletedDateTime` of `directoryObject`, copied into `User`.
    assert!(user.contains("    pub id: Option<String>,\n"), "{user}");
    assert!(user.contains("    pub deleted_date_time: Option<String>,\n"), "{user}");
    assert!(user.contains("    pub display_name: Option<String>,\n"), "{user}");
}

#[test]
fn the_command_line_takes_the_flat_flavor_for_the_benchmark_script() {
    let dir = scratch("flat-serde-cli");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .args([
            "--metadata",
            graph_metadata_path().to_str().unwrap(),
            "--types",
            "user",
            "--flavor",
            "flat-serde",
        ])
        .arg("--out")
        .arg(dir.join("crate"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let module = std::fs::read_to_string(dir.join("crate/src/microsoft/graph.rs")).unwrap();
    assert!(module.contains("serde::Deserialize)]\n#[serde(rename_all = \"camelCase\")]\npub struct User {"));
    assert!(!module.contains("pub enum "), "{module}");
    std::fs::remove_dir_all(&dir).unwrap();
}
