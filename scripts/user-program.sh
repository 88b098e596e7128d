# Sourced by the measuring scripts: the small program that scripts/graph-build-time.sh and
# scripts/generated-crate-profiles.sh time (reads one `User` of a generated Graph crate from a
# JSON string, prints a field, writes it back), the manifest of a crate on odata that
# scripts/compile-time.sh and scripts/wire-instructions.sh build, and the reader of a GNU time
# report.

# Writes `$1/Cargo.toml` (and makes `$1/src`): the package `$2`, in a workspace of its own, with
# the dependency lines `$3`.
write_manifest() { # dir crate-name dependency-lines
    mkdir -p "$1/src"
    cat >"$1/Cargo.toml" <<TOML
[package]
name = "$2"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$3

[workspace]
TOML
}

# Writes the Cargo.toml of the crate `$2` at `$1`, in a workspace of its own, depending on the
# odata checkout `$3` and on serde and serde_json, and copies that checkout's Cargo.lock (its
# versions of serde, syn, ...).
write_odata_crate() { # dir crate-name checkout
    write_manifest "$1" "$2" "odata = { path = \"$3\" }
serde = { version = \"1\", features = [\"derive\"] }
serde_json = \"1\""
    cp "$3/Cargo.lock" "$1/Cargo.lock"
}

# Writes the program's crate at `$1`, named `$2`, depending on the generated crate `$3` (a
# sibling directory); `$4`, when given, is appended to its Cargo.toml (profile settings).
write_user_program() { # dir crate-name generated-crate-name [cargo-toml-tail]
    local dir="$1"
    write_manifest "$dir" "$2" "graph = { package = \"$3\", path = \"../$3\" }
serde_json = \"1\""
    if [[ -n "${4:-}" ]]; then
        printf '\n%s\n' "$4" >>"$dir/Cargo.toml"
    fi
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    cat >"$dir/src/main.rs" <<'RUST'
use graph::microsoft::graph::User;

fn main() {
    let text = r#"{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Adele Vance","accountEnabled":true}"#;
    let user: User = serde_json::from_str(text).expect("a user");
    println!("{}", user.display_name.as_deref().unwrap_or("(no name)"));
    println!("{}", serde_json::to_string(&user).expect("written"));
}
RUST
}

# Prints `seconds peak-KiB` from the report of `/usr/bin/time -v -o REPORT`.
seconds_and_kib() { # report
    python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in clock.split(":"):
    seconds = seconds * 60 + float(part)
kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
print(f"{seconds:.2f} {kib}")
PY
}
