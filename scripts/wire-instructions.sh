#!/usr/bin/env bash
# Instructions per read of the wide entity (benches/models/wide.rs, 293 properties): the odata
# model against the plain serde model, counted by callgrind. Unlike the times of
# `cargo bench --bench wire`, the counts do not move with the load of a shared machine, so the
# ratio can be compared between commits measured on different days.
#
#   scripts/wire-instructions.sh            # the working tree
#   scripts/wire-instructions.sh dc7873f    # the working tree, then each commit given
#
# For each checkout it writes a small program (release profile) that reads the documented
# response `READS` times into one model, runs it under
# `valgrind --tool=callgrind --toggle-collect=...` (only the reads are counted) and prints the
# instructions per read of each model and their ratio.
#
# Environment:
#   WORK    where the programs and exported commits go; default target/wire-instructions
#           (below CARGO_TARGET_DIR when that is set)
#   READS   reads per model; default 100
# Needs cargo, git, valgrind and python3 (standard library only).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/user-program.sh
source "$ROOT/scripts/user-program.sh"
WORK="${WORK:-${CARGO_TARGET_DIR:-$ROOT/target}/wire-instructions}"
READS="${READS:-100}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR
mkdir -p "$WORK"

# Writes the counting program for the odata checkout at $2 into $1.
write_program() { # dir checkout
    write_odata_crate "$1" wire-instructions "$2"
    cat >"$1/src/main.rs" <<RUST
#[path = "$2/benches/models/wide.rs"]
mod wide;

use std::hint::black_box;

#[inline(never)]
fn read_odata(input: &[u8]) -> wide::model::Windows10GeneralConfiguration {
    serde_json::from_slice(input).expect("the odata model reads the response")
}

#[inline(never)]
fn read_plain(input: &[u8]) -> wide::plain::Windows10GeneralConfiguration {
    serde_json::from_slice(input).expect("the plain model reads the response")
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    let reads: usize = arguments[2].parse().expect("a number of reads");
    let input = wide::RESPONSE.as_bytes();
    for _ in 0..reads {
        match arguments[1].as_str() {
            "odata" => drop(black_box(read_odata(black_box(input)))),
            _ => drop(black_box(read_plain(black_box(input)))),
        }
    }
}
RUST
}

# Prints the instructions that callgrind counted inside `read_$2` of the program $1.
count() { # program model
    local out="$WORK/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
        --toggle-collect="wire_instructions::read_$2" "$1" "$2" "$READS" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

rows=()
measure() { # label checkout
    local dir="$WORK/program-$1"
    write_program "$dir" "$2"
    echo "$1: building..." >&2
    cargo build --quiet --release --manifest-path "$dir/Cargo.toml" --target-dir "$dir/target"
    local program="$dir/target/release/wire-instructions"
    rows+=("$1 $(count "$program" odata) $(count "$program" plain)")
}

measure "working-tree" "$ROOT"
for ref in "$@"; do
    export_dir="$WORK/checkout-$ref"
    rm -rf "$export_dir"
    mkdir -p "$export_dir"
    git -C "$ROOT" archive "$ref" | tar -x -C "$export_dir"
    measure "$ref" "$export_dir"
done

python3 - "$READS" "${rows[@]}" <<'PY'
import sys
reads = int(sys.argv[1])
print(f"Instructions per read of the wide entity (callgrind, release, {reads} reads per model):")
print()
print("| checkout | odata | plain serde | odata / plain |")
print("|---|---:|---:|---:|")
for row in sys.argv[2:]:
    label, odata, plain = row.split()
    odata, plain = int(odata) / reads, int(plain) / reads
    print(f"| {label} | {odata:,.0f} | {plain:,.0f} | {odata / plain:.3f}x |")
PY
