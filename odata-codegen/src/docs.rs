//! Schema descriptions as rustdoc text that rustdoc reads as the schema meant it: bare URLs
//! become autolinks, Markdown that would turn into links, HTML or code (brackets, angle
//! brackets, backticks, indentation) is escaped, so that `cargo doc` stays warning-free and
//! no description becomes a doctest.

/// The lines of a `///` comment for a description (empty lines separate paragraphs).
pub fn description_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if lines.last().is_some_and(|last| !last.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        lines.push(escape_line(line));
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min();
        let Some(start) = url_start else {
            escape_text(rest, &mut out);
            break;
        };
        escape_text(&rest[..start], &mut out);
        let tail = &rest[start..];
        let end =
            tail.find(|c: char| c.is_whitespace() || "<>\"'`[]{}|\\^".contains(c)).unwrap_or(tail.len());
        let url = trim_url(&tail[..end]);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &tail[url.len()..];
    }
    out
}

/// A URL without the punctuation that ends its sentence; a `)` stays when it closes a `(` of
/// the URL (`.../Foo_(bar)`).
fn trim_url(mut url: &str) -> &str {
    loop {
        let unbalanced_paren = url.ends_with(')') && url.matches('(').count() < url.matches(')').count();
        if url.ends_with(['.', ',', ';', ':', '!', '?', '(']) || unbalanced_paren {
            url = &url[..url.len() - 1];
        } else {
            return url;
        }
    }
}

fn escape_text(text: &str, out: &mut String) {
    for ch in text.chars() {
        if matches!(ch, '\\' | '[' | ']' | '<' | '>' | '`' | '*' | '_' | '#') {
            out.push('\\');
        }
        // A tab or other control character would survive into the comment as is.
        out.push(if ch.is_control() { ' ' } else { ch });
    }
}

/// Writes `///` lines at `indent` for each line (`///` alone for an empty one).
pub fn write_doc(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        out.push_str(indent);
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str("/// ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_autolinks_and_markdown_is_escaped() {
        let lines = description_lines("See https://aka.ms/x. Values [a] <b> `c`");
        assert_eq!(lines, ["See <https://aka.ms/x>. Values \\[a\\] \\<b\\> \\`c\\`"]);
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(description_lines("a\tb\u{7}c"), ["a b c"]);
    }

    #[test]
    fn urls_keep_their_own_parentheses_only() {
        assert_eq!(
            description_lines("(see https://a.example/x_(y)).")[0],
            "(see <https://a.example/x_(y)>)."
        );
        assert_eq!(description_lines("(see https://a.example/x).")[0], "(see <https://a.example/x>).");
    }

    #[test]
    fn indentation_never_makes_a_code_block() {
        let lines = description_lines("First\n\n        let x = 1;\n\n\n  last  ");
        assert_eq!(lines, ["First", "", "let x = 1;", "", "last"]);
    }
}
