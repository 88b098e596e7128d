//! The generated crates compile against this workspace's `odata`: every path, type and name
//! resolves and every derive accepts what the generator writes, without a warning. The whole
//! Graph v1.0 model is built; the smaller crates are type-checked and documented.

mod common;
mod generated_crate;

use std::path::{Path, PathBuf};

use common::{document, graph_metadata_path, schema, scratch};
use generated_crate::{cargo_run, write_checker};
use odata_codegen::Config;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `cargo COMMAND --quiet` in a generated crate, as [`generated_crate::cargo`] runs it;
/// `doc` documents the crate alone.
fn cargo(command: &str, crate_dir: &Path) {
    let mut arguments = vec![command, "--quiet", "--message-format=short"];
    if command == "doc" {
        arguments.push("--no-deps");
    }
    generated_crate::cargo(crate_dir, &arguments, &[]);
}

fn odata_path() -> PathBuf {
    manifest_dir().join("..")
}

fn check_with_odata(config: Config, name: &str, document: bool) {
    let dir = scratch(name);
    let out = dir.join("crate");
    config.odata_path(odata_path()).generate_to_dir(&out).unwrap();
    cargo("check", &out);
    if document {
        // The schema's descriptions, escaped, give rustdoc nothing to warn about.
        cargo("doc", &out);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_user_selection_type_checks_and_documents() {
    check_with_odata(Config::new().metadata_file(graph_metadata_path()).types(["user"]), "check-user", true);
}

#[test]
fn a_selection_of_an_abstract_entity_type_type_checks() {
    // Its base and it are abstract, and no type derived from it is selected: there is no
    // hierarchy to read, and no `Any` enum with only its `Other` variant, which the derive rejects.
    check_with_odata(
        Config::new().metadata_file(graph_metadata_path()).types(["deviceEnrollmentConfiguration"]),
        "check-abstract",
        false,
    );
}

#[test]
fn the_naming_traps_type_check() {
    let xml = document(&[
        schema(
            "test.ns",
            Some("t"),
            r#"<EntityType Name="item"><Key><PropertyRef Name="id"/></Key>
                 <Property Name="id" Type="Edm.String"/><Property Name="self" Type="Edm.String"/>
                 <Property Name="type" Type="Edm.String"/><Property Name="base" Type="Edm.String"/>
                 <Property Name="option" Type="t.Option"/><Property Name="severity" Type="self.alertSeverity"/>
                 <NavigationProperty Name="twin" Type="t.itemPatch"/>
               </EntityType>
               <EntityType Name="itemPatch" BaseType="t.item"/>
               <Annotations Target="t.item/self">
                 <Annotation Term="Org.OData.Core.V1.Description" String="See https://example.com/a_(b) or [the docs](x), &lt;br&gt; &lt;/p&gt; `code` *a* _b_ #1 Collection&lt;String&gt;.&#10;&#10;    indented&#10;```&#10;not code&#10;```&#10;| a | b |"/>
               </Annotations>
               <ComplexType Name="Option"><Property Name="next" Type="t.Option"/></ComplexType>
               <EnumType Name="alertSeverity"><Member Name="low"/><Member Name="Low"/><Member Name="other"/></EnumType>
               <Function Name="find" IsBound="true"><Parameter Name="b" Type="Collection(t.item)"/><ReturnType Type="Collection(t.item)"/></Function>
               <EntityContainer Name="c"><EntitySet Name="items" EntityType="t.item"/><EntitySet Name="type" EntityType="t.item"/><Singleton Name="root" Type="t.itemPatch"/><Singleton Name="self" Type="t.item"/></EntityContainer>"#,
        ),
        schema(
            "test.ns.security",
            Some("self"),
            r#"<EnumType Name="alertSeverity"><Member Name="high"/></EnumType>
               <EntityType Name="item" BaseType="t.item"><Property Name="crate" Type="self.alertSeverity"/></EntityType>
               <Action Name="escalate" IsBound="true"><Parameter Name="b" Type="t.item"/><Parameter Name="to" Type="self.alertSeverity"/><ReturnType Type="self.item"/></Action>"#,
        ),
    ]);
    check_with_odata(Config::new().metadata_text(xml.clone()), "check-traps", true);

    // The same as one file of modules, included as a build script's output would be.
    let dir = scratch("check-module-file");
    let generated = Config::new().metadata_text(xml).generate().unwrap();
    generated.write_module_file(dir.join("src/generated.rs")).unwrap();
    let odata = odata_path();
    let manifest = format!(
        "[package]\nname = \"included\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nodata = {{ path = {:?} }}\n\n[workspace]\n",
        odata.to_str().unwrap()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "//! Included.\n\ninclude!(\"generated.rs\");\n").unwrap();
    cargo("check", &dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The README's program against the generated Graph crate: its entry points, a filter, `/me`,
/// a user's messages and an action, as the README shows them.
fn readme_program() -> String {
    let readme = std::fs::read_to_string(manifest_dir().join("../README.md")).unwrap();
    let start = readme.find("```rust,ignore\nuse microsoft_graph::").expect("the README's Graph program");
    let body = &readme[start + "```rust,ignore\n".len()..];
    body[..body.find("```").unwrap()].to_owned()
}

#[test]
fn the_whole_graph_model_builds_with_odata() {
    let dir = scratch("build-graph");
    let out = dir.join("crate");
    Config::new()
        .metadata_file(graph_metadata_path())
        .odata_path(odata_path())
        .generate_to_dir(&out)
        .unwrap();
    cargo("build", &out);

    // The README's program compiles against it (reusing the build) and builds its requests.
    let main = format!(
        "fn main() -> Result<(), odata::Error> {{\n{}\n{}\n    Ok(())\n}}\n",
        readme_program(),
        r#"    let root = "https://graph.microsoft.com/v1.0";
    assert_eq!(adeles.http().uri(), &*format!("{root}/users?$filter=displayName%20eq%20'Adele'"));
    assert_eq!(me.http().uri(), &*format!("{root}/me"));
    assert_eq!(messages.http().uri(), &*format!("{root}/users/adele%40contoso.com/messages"));
    assert_eq!(revoked.http().method(), odata::http::Method::POST);
    assert_eq!(revoked.http().uri(), &*format!("{root}/me/revokeSignInSessions"));
    println!("readme: ok");"#
    );
    let checker = dir.join("readme");
    write_checker(&checker, "microsoft-graph", &out, "", &main);
    assert_eq!(cargo_run(&checker, &[]).trim(), "readme: ok");
    std::fs::remove_dir_all(&dir).unwrap();
}
