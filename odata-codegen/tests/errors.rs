//! Bad input is an error naming the element and line, never a panic and never a half-written
//! crate; bad command lines get a clear message.

mod common;

use std::process::Command;

use common::{one_schema, read_tree, scratch};
use odata_codegen::{Config, Error};

fn error_of(xml: &str) -> Error {
    match Config::new().metadata_text(xml).generate() {
        Ok(_) => panic!("generation should fail for:\n{xml}"),
        Err(error) => error,
    }
}

#[test]
fn not_xml_names_the_line() {
    let error = error_of("<a>\n<b></c>\n</a>");
    let Error::Xml { line, .. } = &error else { panic!("{error:?}") };
    assert_eq!(*line, 2, "{error}");
    assert!(error.to_string().starts_with("line 2: not well-formed XML: "), "{error}");
    let error = error_of("{\"this\": \"is JSON\"}");
    assert!(error.to_string().starts_with("line 1: not well-formed XML: "), "{error}");
}

#[test]
fn xml_that_is_not_csdl_names_the_root_element() {
    let error = error_of("<?xml version=\"1.0\"?>\n<html><body/></html>");
    let text = error.to_string();
    assert!(text.contains("line 2: <html>: not a CSDL document"), "{text}");
}

#[test]
fn a_cut_off_document_names_where_it_stops() {
    let full = one_schema(r#"<ComplexType Name="a"><Property Name="b" Type="Edm.String"/></ComplexType>"#);
    let cut = &full[..full.find("Type=\"Edm.String").unwrap() + 8];
    let error = error_of(cut);
    let Error::Xml { line, message, .. } = &error else { panic!("{error:?}") };
    assert_eq!(*line, cut.lines().count() as u32, "{error}");
    let opened = cut.lines().position(|line| line.contains("<Property")).unwrap() + 1;
    assert_eq!(
        message,
        &format!("the document ends inside <Property Name=\"b\"> (opened at line {opened}): it is cut off")
    );
    // Cut between elements: the innermost open element is named.
    let cut = &full[..full.find("</ComplexType>").unwrap()];
    let error = error_of(cut).to_string();
    assert!(error.contains("the document ends inside <ComplexType Name=\"a\">"), "{error}");
}

#[test]
fn every_undefined_reference_is_reported_with_element_and_line() {
    let xml = one_schema(
        "<ComplexType Name=\"a\">\n\
           <Property Name=\"b\" Type=\"t.missing\"/>\n\
           <Property Name=\"c\" Type=\"Collection(graph.alsoMissing)\"/>\n\
           <Property Name=\"d\" Type=\"Edm.Text\"/>\n\
         </ComplexType>\n\
         <EntityType Name=\"e\" BaseType=\"t.nowhere\"><Key><PropertyRef Name=\"nokey\"/></Key></EntityType>",
    );
    let error = error_of(&xml);
    let Error::Invalid { diagnostics, .. } = &error else { panic!("{error:?}") };
    let line_of = |needle: &str| xml.lines().position(|line| line.contains(needle)).unwrap() as u32 + 1;
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            format!("line {}: <Property Name=\"b\">: undefined type `t.missing`", line_of("\"t.missing\"")),
            format!("line {}: <Property Name=\"c\">: undefined type `graph.alsoMissing`", line_of("alsoMissing")),
            format!("line {}: <Property Name=\"d\">: unknown primitive type `Edm.Text`", line_of("Edm.Text")),
            format!("line {}: <EntityType Name=\"e\">: undefined base type `t.nowhere`", line_of("t.nowhere")),
            format!(
                "line {}: <EntityType Name=\"e\">: the key names `nokey`, which is not a property of `test.ns.e`",
                line_of("t.nowhere")
            ),
        ]
    );
}

#[test]
fn missing_attributes_and_wrong_kinds_are_errors() {
    let xml = one_schema(
        r#"<ComplexType Name="c"/>
           <EntityType Name="e"><NavigationProperty Name="n" Type="t.c"/><Property/></EntityType>
           <EntityContainer Name="x"><EntitySet Name="s" EntityType="t.c"/></EntityContainer>"#,
    );
    let text = error_of(&xml).to_string();
    assert!(text.contains("<NavigationProperty Name=\"n\">: a navigation property must have an entity type, not `test.ns.c`"), "{text}");
    assert!(text.contains("<Property>: the required attribute `Name` is missing"), "{text}");
    assert!(text.contains("<EntitySet Name=\"s\">: `t.c` is not an entity type"), "{text}");
}

#[test]
fn a_failed_generation_leaves_the_output_directory_as_it_was() {
    let dir = scratch("untouched");
    let out = dir.join("crate");
    let good = one_schema(r#"<ComplexType Name="a"/>"#);
    Config::new().metadata_text(good).generate_to_dir(&out).unwrap();
    let before = read_tree(&out);
    assert!(
        before.iter().any(|(path, _)| path == "src/lib.rs"),
        "{:?}",
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );

    let bad = one_schema(r#"<ComplexType Name="a"><Property Name="b" Type="t.missing"/></ComplexType>"#);
    assert!(Config::new().metadata_text(bad.clone()).generate_to_dir(&out).is_err());
    assert_eq!(read_tree(&out), before, "the previous crate is kept whole");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary directory is left behind");

    let fresh = dir.join("fresh");
    assert!(Config::new().metadata_text(bad).generate_to_dir(&fresh).is_err());
    assert!(!fresh.exists(), "nothing is created for a bad document");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_directory_the_generator_did_not_write_is_never_replaced() {
    let dir = scratch("foreign");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let error = Config::new()
        .metadata_text(one_schema(r#"<ComplexType Name="a"/>"#))
        .generate_to_dir(&dir)
        .unwrap_err();
    assert!(error.to_string().contains("refusing to replace it"), "{error}");
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn regenerating_replaces_a_generated_crate() {
    let dir = scratch("regenerate");
    let out = dir.join("crate");
    Config::new().metadata_text(one_schema(r#"<ComplexType Name="first"/>"#)).generate_to_dir(&out).unwrap();
    Config::new().metadata_text(one_schema(r#"<ComplexType Name="second"/>"#)).generate_to_dir(&out).unwrap();
    let module = std::fs::read_to_string(out.join("src/test/ns.rs")).unwrap();
    assert!(module.contains("pub struct Second {") && !module.contains("pub struct First {"), "{module}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn cli(arguments: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_odata-codegen")).args(arguments).output().unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

#[test]
fn help_lists_every_option() {
    let (code, stdout, _) = cli(&["--help"]);
    assert_eq!(code, 0);
    for option in [
        "--metadata FILE",
        "--out DIR",
        "--crate-name NAME",
        "--odata-path PATH",
        "--types A,B",
        "--read-only",
    ] {
        assert!(stdout.contains(option), "{option} missing from:\n{stdout}");
    }
}

#[test]
fn bad_arguments_are_usage_errors() {
    let cases: [(&[&str], &str); 6] = [
        (&["--metadata"], "`--metadata` needs a value"),
        (&["--frobnicate", "x"], "unknown option `--frobnicate`"),
        (&["stray"], "unexpected argument `stray`"),
        (&["--out", "a", "--out", "b"], "`--out` is given twice"),
        (&["--out", "a"], "`--metadata FILE` and `--out DIR` are required"),
        (&["--read-only", "sometimes"], "`--read-only` must be `graph` or `metadata`, not `sometimes`"),
    ];
    for (arguments, expected) in cases {
        let (code, _, stderr) = cli(arguments);
        assert_eq!(code, 2, "{arguments:?}: {stderr}");
        assert!(stderr.contains(expected), "{arguments:?}: {stderr}");
    }
}

#[test]
fn the_command_writes_a_crate_and_reports_bad_documents() {
    let dir = scratch("cli");
    let metadata = dir.join("metadata.xml");
    std::fs::write(&metadata, one_schema(r#"<ComplexType Name="a"/>"#)).unwrap();
    let out = dir.join("out");
    let (m, o) = (metadata.to_str().unwrap(), out.to_str().unwrap());
    let (code, _, stderr) =
        cli(&["--metadata", m, "--out", o, "--crate-name", "cli-test", "--odata-path=/opt/odata"]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"cli-test\"") && manifest.contains("path = \"/opt/odata\""),
        "{manifest}"
    );

    let xml = one_schema(
        r#"<EntityType Name="a"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/>
             <Property Name="note" Type="Edm.String"/></EntityType>
           <EntityType Name="b"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String"/></EntityType>
           <Annotations Target="t.a/note"><Annotation Term="Org.OData.Core.V1.Description" String="Read-only."/></Annotations>"#,
    );
    std::fs::write(&metadata, xml).unwrap();
    let (code, _, stderr) = cli(&["--metadata", m, "--out", o, "--types", "a", "--read-only", "metadata"]);
    assert_eq!(code, 0, "{stderr}");
    let module = std::fs::read_to_string(out.join("src/test/ns.rs")).unwrap();
    assert!(module.contains("pub struct A {") && !module.contains("pub struct B {"), "{module}");
    assert!(module.contains("    /// Read-only.\n    pub note: Option<String>,"), "{module}");
    let (code, _, stderr) = cli(&["--metadata", m, "--out", o, "--types", "c"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("unknown type in the selection: `c`"), "{stderr}");

    std::fs::write(
        &metadata,
        "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n<edmx:DataServices>",
    )
    .unwrap();
    let (code, _, stderr) = cli(&["--metadata", m, "--out", o]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "metadata.xml: line 2: not well-formed XML: the document ends inside <edmx:DataServices>"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = cli(&["--metadata", m, "--out", o, "--crate-name", "9lives"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error: invalid crate name `9lives`"), "checked before the document: {stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
