#!/usr/bin/env bash
# Instructions per read and per create payload of the wide entity (benches/models/wide.rs, 293
# properties), counted by callgrind: reading the documented response into the odata model against
# the plain serde model, and writing the odata model's create payload against the hand-written
# floor DTO of the writable properties (`cargo bench --bench wire`'s two comparisons), and reading
# the same response with its properties in reverse order (services write them in declaration
# order, which the odata read expects; the reversed read is what any other order costs). Then the
# mixed list of `cargo bench --bench wire -- polymorphic_list` (50 device enrollment
# configurations, 20 of types the model does not know, kept as raw objects) read as
# `Vec<AnyDeviceEnrollmentConfiguration>` against `Vec<serde_json::Value>`. Unlike the
# times of `cargo bench --bench wire`, the counts do not move with the load of a shared machine,
# so the ratios can be compared between commits measured on different days.
#
#   scripts/wire-instructions.sh            # the working tree
#   scripts/wire-instructions.sh dc7873f    # the working tree, then each commit given
#
# For each checkout it writes a small program (release profile) that reads the documented
# response (or writes the create payload) `READS` times with one model, runs it under
# `valgrind --tool=callgrind --toggle-collect=...` (only the reads or writes are counted) and
# prints the instructions per operation of each model and their ratio.
#
# Environment:
#   WORK    where the programs and exported commits go; default target/wire-instructions
#           (below CARGO_TARGET_DIR when that is set)
#   READS   reads (and writes) per model; default 100
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
    python3 - "$2/benches/data/wide/response.json" "$1/reversed.json" <<'PY'
import json, sys
members = list(json.load(open(sys.argv[1])).items())
annotations = [member for member in members if member[0].startswith("@")]
properties = [member for member in members if not member[0].startswith("@")]
json.dump(dict(annotations + properties[::-1]), open(sys.argv[2], "w"), indent=2)
PY
    cat >"$1/src/main.rs" <<RUST
#[path = "$2/benches/models/wide.rs"]
mod wide;
#[path = "$2/tests/common/enrollment.rs"]
#[allow(dead_code)]
mod enrollment;

use std::hint::black_box;

#[inline(never)]
fn read_odata(input: &[u8]) -> wide::model::Windows10GeneralConfiguration {
    serde_json::from_slice(input).expect("the odata model reads the response")
}

#[inline(never)]
fn read_plain(input: &[u8]) -> wide::plain::Windows10GeneralConfiguration {
    serde_json::from_slice(input).expect("the plain model reads the response")
}

#[inline(never)]
fn read_list_odata(input: &[u8]) -> Vec<enrollment::AnyDeviceEnrollmentConfiguration> {
    serde_json::from_slice(input).expect("the odata model reads the list")
}

#[inline(never)]
fn read_list_value(input: &[u8]) -> Vec<serde_json::Value> {
    serde_json::from_slice(input).expect("the list reads as values")
}

#[inline(never)]
fn write_odata(entity: &wide::model::Windows10GeneralConfiguration, out: &mut Vec<u8>) {
    use odata::ODataResource as _;
    serde_json::to_writer(out, &entity.create_payload()).expect("the odata model writes");
}

#[inline(never)]
fn write_floor(floor: &wide::floor::Windows10GeneralConfiguration, out: &mut Vec<u8>) {
    serde_json::to_writer(out, floor).expect("the floor writes");
}

fn main() {
    let arguments: Vec<String> = std::env::args().collect();
    let times: usize = arguments[2].parse().expect("a number of operations");
    let input = wide::RESPONSE.as_bytes();
    let reversed = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/reversed.json")).as_slice();
    let list = include_bytes!("$2/benches/data/enrollment/list.json").as_slice();
    let entity = read_odata(input);
    let floor: wide::floor::Windows10GeneralConfiguration =
        serde_json::from_str(wide::REQUEST).expect("the floor reads the request");
    let mut out = Vec::with_capacity(64 * 1024);
    for _ in 0..times {
        out.clear();
        match arguments[1].as_str() {
            "read_odata" => drop(black_box(read_odata(black_box(input)))),
            "read_plain" => drop(black_box(read_plain(black_box(input)))),
            "read_odata_reversed" => drop(black_box(read_odata(black_box(reversed)))),
            "read_plain_reversed" => drop(black_box(read_plain(black_box(reversed)))),
            "read_list_odata" => drop(black_box(read_list_odata(black_box(list)))),
            "read_list_value" => drop(black_box(read_list_value(black_box(list)))),
            "write_odata" => write_odata(black_box(&entity), &mut out),
            _ => write_floor(black_box(&floor), &mut out),
        }
        black_box(&out);
    }
}
RUST
}

# Prints the instructions that callgrind counted inside the function `$2` of the program $1, run
# as `$3` (default `$2`).
count() { # program function [mode]
    local out="$WORK/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
        --toggle-collect="wire_instructions::$2" "$1" "${3:-$2}" "$READS" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

rows=()
measure() { # label checkout
    local dir="$WORK/program-$1"
    write_program "$dir" "$2"
    echo "$1: building..." >&2
    cargo build --quiet --release --manifest-path "$dir/Cargo.toml" --target-dir "$dir/target"
    local program="$dir/target/release/wire-instructions"
    rows+=("$1 $(count "$program" read_odata) $(count "$program" read_plain) $(count "$program" write_odata) $(count "$program" write_floor) $(count "$program" read_odata read_odata_reversed) $(count "$program" read_plain read_plain_reversed) $(count "$program" read_list_odata) $(count "$program" read_list_value)")
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
print(f"Instructions per operation on the wide entity (callgrind, release, {reads} of each):")
print()
print("| checkout | read: odata | plain serde | odata / plain | create payload: odata | floor | odata / floor | reversed read: odata | plain serde | odata / plain |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
lists = []
for row in sys.argv[2:]:
    label, *counts = row.split()
    read_odata, read_plain, write_odata, write_floor, reversed_odata, reversed_plain, list_odata, list_value = (
        int(count) / reads for count in counts
    )
    print(
        f"| {label} | {read_odata:,.0f} | {read_plain:,.0f} | {read_odata / read_plain:.3f}x"
        f" | {write_odata:,.0f} | {write_floor:,.0f} | {write_odata / write_floor:.3f}x"
        f" | {reversed_odata:,.0f} | {reversed_plain:,.0f} | {reversed_odata / reversed_plain:.3f}x |"
    )
    lists.append((label, list_odata, list_value))
print()
print("The mixed list of 50 device enrollment configurations (20 of unknown types):")
print()
print("| checkout | `Vec<Any...>` | `Vec<Value>` | odata / value |")
print("|---|---:|---:|---:|")
for label, list_odata, list_value in lists:
    print(f"| {label} | {list_odata:,.0f} | {list_value:,.0f} | {list_odata / list_value:.3f}x |")
PY
