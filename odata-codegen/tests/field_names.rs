//! `odata-codegen --field-names`, the hidden command through which scripts/graph_models.py
//! names fields with the generator's rule.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn field_names_are_the_generators_with_their_renames() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_odata-codegen"))
        .arg("--field-names")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "displayName\nself\niOSVersion\ntype\nfoo_bar\nfooBar\n\nid\n\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let expected = "display_name\t-\nself_\trename\ni_os_version\trename\nr#type\t-\nfoo_bar\trename\n\
                    foo_bar_\trename\n\nid\t-\n\n";
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
    let library: Vec<(String, bool)> = odata_codegen::field_names(["displayName", "self"]);
    assert_eq!(library, [("display_name".to_owned(), false), ("self_".to_owned(), true)]);
}
