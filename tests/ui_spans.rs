//! Over the whole misuse suite: every error a `.stderr` file records is spanned on the user's
//! token, never on a `#[derive(...)]` line, where a user could not tell what is wrong.

use std::fs;
use std::path::Path;

/// `(stderr file, line of the error, source line it points at)` of every error whose primary
/// span is on a line of its case that holds `#[derive(`.
fn errors_on_derive_lines(dir: &Path) -> Vec<(String, usize, String)> {
    let mut found = Vec::new();
    let mut stderr_files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "stderr"))
        .collect();
    stderr_files.sort();
    assert!(stderr_files.len() >= 50, "the misuse suite has {} cases", stderr_files.len());
    for stderr in stderr_files {
        let case = fs::read_to_string(stderr.with_extension("rs")).unwrap();
        let case_lines: Vec<&str> = case.lines().collect();
        let text = fs::read_to_string(&stderr).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            if !line.starts_with("error") {
                continue;
            }
            // The primary span is the first `--> file:line:column` after the message.
            let Some(location) =
                lines[index + 1..].iter().take(3).find_map(|next| next.trim().strip_prefix("--> "))
            else {
                continue;
            };
            let mut parts = location.rsplitn(3, ':');
            let (_column, line_number, file) = (parts.next(), parts.next(), parts.next());
            if !file.is_some_and(|file| file.starts_with("tests/ui/")) {
                continue;
            }
            let line_number: usize = line_number.unwrap().parse().unwrap();
            let source = case_lines[line_number - 1];
            if source.contains("#[derive(") {
                found.push((stderr.display().to_string(), index + 1, source.to_owned()));
            }
        }
    }
    found
}

#[test]
fn no_misuse_error_is_spanned_on_a_derive_line() {
    let found = errors_on_derive_lines(Path::new("tests/ui"));
    assert!(found.is_empty(), "errors spanned on #[derive] lines: {found:#?}");
}

#[test]
fn the_check_finds_an_error_on_a_derive_line() {
    let dir = std::env::temp_dir().join(format!("odata-ui-spans-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    for n in 0..50 {
        fs::write(dir.join(format!("case{n}.rs")), "fn main() {}\n").unwrap();
        fs::write(dir.join(format!("case{n}.stderr")), "").unwrap();
    }
    fs::write(
        dir.join("case0.rs"),
        "use odata::ODataResource;\n\n#[derive(ODataResource)]\npub struct User;\n",
    )
    .unwrap();
    fs::write(
        dir.join("case0.stderr"),
        "error[E0277]: the trait bound is not satisfied\n --> tests/ui/case0.rs:3:10\n  |\n",
    )
    .unwrap();
    let found = errors_on_derive_lines(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "#[derive(ODataResource)]");
}
