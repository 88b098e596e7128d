#!/usr/bin/env bash
# What the generated Graph crate costs to build: generates the whole Graph v1.0 model
# (tests/data/graph-metadata/v1.0.xml) three times with odata-codegen, and the same for
# `--types $TYPES`:
#   odata  as it is (the odata derives);
#   serde  the benchmark-only plain-serde flavor (`--flavor plain-serde`): the same types, names
#          and renames as plain `serde` derives, `#[serde(flatten)]` bases,
#          `#[serde(tag = "@odata.type")]` hierarchy enums, unit enums with `#[serde(other)]`,
#          no operations (odata-codegen/src/plain_serde.rs);
#   flat   the flat serde reference (`--flavor flat-serde`): every entity and complex type as
#          one flat struct, inherited properties copied, enums and dates as `String`,
#          collections as `Vec`, every field an `Option` with `skip_serializing_if`, renames
#          where `rename_all = "camelCase"` does not give the wire name, plain
#          `#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]`, no hierarchy enums, no
#          operations (odata-codegen/src/flat_serde.rs);
#   precompiled  the odata crate again, its `precompiled-json` feature on (made a default
#          feature here): serde_json's reading and writing of every type compiled in the crate
#          (odata-codegen/src/emit.rs, `emit_precompiled_json`).
# Builds the dependencies once, then times `cargo build` of each crate alone (its lib.rs
# touched, CARGO_INCREMENTAL=0 so that no incremental cache is reused), interleaved, best of
# RUNS, with the peak memory of the build (the largest resident set of any of its processes:
# rustc's, from `/usr/bin/time -v`).
#
# Then the edit loop, what a user waits for after each edit of a program using the crate:
# `edit-odata`, `edit-precompiled` and `edit-flat`, a small bin crate depending on the odata
# (resp. precompiled, flat) whole-Graph crate (the subset's under SMOKE=1), whose main.rs reads
# one `User` from a JSON string with `serde_json::from_str`, prints a field and writes it back
# with `serde_json::to_string`.
# Each is built once with its generated crate; then its first build alone is timed (its own
# artifacts removed, the generated crate's kept: what every further program, test binary or
# example of a user pays once), and then `touch src/main.rs` and `cargo build`: always the dev
# profile with cargo's default incremental compilation (CARGO_INCREMENTAL unset), as a user
# would have it; best of RUNS, with peak memory, interleaved. They use their own target dir
# (EDIT_TARGET_DIR), since an incremental build of the generated crate is not the one above.
#
# Prints a table of build times, peak memory, generated lines and `.rlib` sizes, then every
# ratio: odata / serde, odata / flat, precompiled / odata (time, memory, .rlib) per model, and
# edit-odata / edit-flat, edit-precompiled / edit-flat, edit-precompiled / edit-odata (time,
# memory, binary size).
#
#   scripts/graph-build-time.sh
#
# Environment:
#   WORK             where the generated crates go; default target/graph-build-time (below
#                    CARGO_TARGET_DIR when that is set)
#   TARGET_DIR       their target dir; default $WORK/target, apart from the workspace's so that
#                    no other build holds its lock
#   EDIT_TARGET_DIR  the edit loop's target dir; default $WORK/target-edit
#   CARGO_TARGET_DIR where odata-codegen itself is built (release); default the workspace's
#                    target
#   RUNS             timed builds per crate; default 2
#   PROFILE          dev or release, for the crates (not the edit loop: always dev); default dev
#   TYPES            the subset; default user (under SMOKE=1 it must hold `user`, which the
#                    edit programs read)
#   SMOKE=1          only the subset (and the edit loop on the subset's crates), one run, no
#                    target: checks that every flavor generates and builds warning-free and
#                    that the edit programs run (what CI could run), not their times
#   MAX_RATIO        the target for the whole model's odata / serde (plain-serde flavor) time
#                    and memory ratios; default 1.0
#   FLAT_MAX_RATIO   the target for the whole model's odata / flat time and memory ratios;
#                    default inf (not checked)
#   EDIT_MAX_RATIO   the target for the edit loop's edit-odata / edit-flat time and memory
#                    ratios; default inf (not checked)
#   Exits 1 when a checked ratio is over its target.
# Needs cargo, python3 (standard library only) and GNU time at /usr/bin/time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/user-program.sh
source "$ROOT/scripts/user-program.sh"
CODEGEN_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="${WORK:-$CODEGEN_TARGET/graph-build-time}"
RUNS="${RUNS:-2}"
PROFILE="${PROFILE:-dev}"
TYPES="${TYPES:-user}"
TARGET="${TARGET_DIR:-$WORK/target}"
EDIT_TARGET="${EDIT_TARGET_DIR:-$WORK/target-edit}"
MAX_RATIO="${MAX_RATIO:-1.0}"
FLAT_MAX_RATIO="${FLAT_MAX_RATIO:-inf}"
EDIT_MAX_RATIO="${EDIT_MAX_RATIO:-inf}"
METADATA="$ROOT/tests/data/graph-metadata/v1.0.xml"
if [[ "${SMOKE:-0}" == 1 ]]; then
    RUNS=1
    MAX_RATIO=inf
    FLAT_MAX_RATIO=inf
    EDIT_MAX_RATIO=inf
fi
# Timed builds of the crates compile them from scratch: an incremental cache would be reused.
# (The edit loop's builds unset it: cargo's default, incremental in dev.)
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
# Every flavor and the edit programs must build without a warning (the lints of dependencies
# are capped by cargo).
export RUSTFLAGS="-D warnings"
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR

[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

echo "building odata-codegen..." >&2
cargo build --quiet --release -p odata-codegen --manifest-path "$ROOT/Cargo.toml" --target-dir "$CODEGEN_TARGET"
CODEGEN="$CODEGEN_TARGET/release/odata-codegen"

generate() { # crate-name flavor [types]
    local dir="$WORK/$1" flavor="$2"
    [[ "$flavor" == precompiled ]] && flavor=odata
    local arguments=(--metadata "$METADATA" --out "$dir" --crate-name "$1" --flavor "$flavor" --odata-path "$ROOT")
    if [[ -n "${3:-}" ]]; then arguments+=(--types "$3"); fi
    "$CODEGEN" "${arguments[@]}"
    if [[ "$2" == precompiled ]]; then
        # The feature on for every build of the crate, the edit program's included.
        sed -i 's/^precompiled-json = \[\]$/&\ndefault = ["precompiled-json"]/' "$dir/Cargo.toml"
        grep -q '^default = \["precompiled-json"\]$' "$dir/Cargo.toml"
    fi
    # The workspace's versions of serde, syn, ... for every flavor.
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}

# A bin crate that reads one `User` of the generated crate `$2`: the same source for every
# flavor (`displayName` is `User`'s own property).
write_edit_program() { # crate-name generated-crate-name
    write_user_program "$WORK/$1" "$1" "$2"
}

build() { # crate-name
    cargo build --quiet --profile "$PROFILE" --manifest-path "$WORK/$1/Cargo.toml" --target-dir "$TARGET"
}


declare -A best_time best_memory
# Runs a build command under GNU time, keeping the crate's best time and peak memory.
timed() { # run crate command...
    local run="$1" crate="$2"
    shift 2
    local report="$WORK/$crate.time"
    /usr/bin/time -v -o "$report" "$@"
    local took memory
    read -r took memory < <(seconds_and_kib "$report")
    echo "run $run: $crate ${took}s, peak $((memory / 1024)) MiB" >&2
    if [[ -z "${best_time[$crate]:-}" ]] || python3 -c "import sys; sys.exit(not $took < ${best_time[$crate]})"; then
        best_time[$crate]=$took
    fi
    if [[ -z "${best_memory[$crate]:-}" ]] || (( memory < best_memory[$crate] )); then
        best_memory[$crate]=$memory
    fi
}

mkdir -p "$WORK"
if [[ "${SMOKE:-0}" == 1 ]]; then
    crates=(subset-odata subset-serde subset-flat subset-precompiled)
    edited=subset
else
    crates=(graph-odata graph-serde graph-flat graph-precompiled subset-odata subset-serde subset-flat subset-precompiled)
    edited=graph
    generate graph-odata odata
    generate graph-serde plain-serde
    generate graph-flat flat-serde
    generate graph-precompiled precompiled
fi
generate subset-odata odata "$TYPES"
generate subset-serde plain-serde "$TYPES"
generate subset-flat flat-serde "$TYPES"
generate subset-precompiled precompiled "$TYPES"
edits=(edit-odata edit-precompiled edit-flat)
write_edit_program edit-odata "$edited-odata"
write_edit_program edit-precompiled "$edited-precompiled"
write_edit_program edit-flat "$edited-flat"

echo "building the dependencies (profile $PROFILE)..." >&2
for crate in "${crates[@]}"; do build "$crate"; done

for run in $(seq "$RUNS"); do
    for crate in "${crates[@]}"; do
        touch "$WORK/$crate/src/lib.rs"
        timed "$run" "$crate" cargo build --quiet --profile "$PROFILE" \
            --manifest-path "$WORK/$crate/Cargo.toml" --target-dir "$TARGET"
    done
done

profile_dir="$PROFILE"
[[ "$PROFILE" == dev ]] && profile_dir=debug
rows=()
for crate in "${crates[@]}"; do
    lines=$(find "$WORK/$crate/src" -name '*.rs' -exec cat {} + | wc -l)
    rlib=$(stat -c %s "$TARGET/$profile_dir/lib${crate//-/_}.rlib")
    rows+=("$crate ${best_time[$crate]} ${best_memory[$crate]} $lines $rlib")
done

echo "edit loop: building the programs and their generated crates (dev, incremental)..." >&2
declare -A first_build
for crate in "${edits[@]}"; do
    env -u CARGO_INCREMENTAL cargo build --quiet --manifest-path "$WORK/$crate/Cargo.toml" --target-dir "$EDIT_TARGET"
    # Only the program's own artifacts: `cargo clean -p` removes its dependencies' too.
    rm -rf "$EDIT_TARGET/debug/$crate" "$EDIT_TARGET/debug/$crate.d" \
        "$EDIT_TARGET"/debug/.fingerprint/"$crate"-* \
        "$EDIT_TARGET"/debug/deps/"${crate//-/_}"-* \
        "$EDIT_TARGET"/debug/incremental/"${crate//-/_}"-*
    /usr/bin/time -v -o "$WORK/$crate.first.time" env -u CARGO_INCREMENTAL cargo build --quiet \
        --manifest-path "$WORK/$crate/Cargo.toml" --target-dir "$EDIT_TARGET"
    first_build[$crate]=$(seconds_and_kib "$WORK/$crate.first.time")
    echo "$crate: first build ${first_build[$crate]% *}s, the generated crate built" >&2
    # It runs: the program reads and writes a `User`.
    "$EDIT_TARGET/debug/$crate" >/dev/null
done
for run in $(seq "$RUNS"); do
    for crate in "${edits[@]}"; do
        touch "$WORK/$crate/src/main.rs"
        timed "$run" "$crate" env -u CARGO_INCREMENTAL cargo build --quiet \
            --manifest-path "$WORK/$crate/Cargo.toml" --target-dir "$EDIT_TARGET"
    done
done
for crate in "${edits[@]}"; do
    lines=$(wc -l <"$WORK/$crate/src/main.rs")
    binary=$(stat -c %s "$EDIT_TARGET/debug/$crate")
    rows+=("$crate ${best_time[$crate]} ${best_memory[$crate]} $lines $binary ${first_build[$crate]}")
done

python3 - "$PROFILE" "$RUNS" "$TYPES" "$MAX_RATIO" "$FLAT_MAX_RATIO" "$EDIT_MAX_RATIO" "$edited" "${rows[@]}" <<'PY'
import sys
profile, runs, types = sys.argv[1:4]
most = {"serde": float(sys.argv[4]), "flat": float(sys.argv[5]), "edit": float(sys.argv[6])}
edited = sys.argv[7]
rows = {}
first = {}
for row in sys.argv[8:]:
    name, seconds, kib, lines, size, *first_build = row.split()
    rows[name] = (float(seconds), int(kib), int(lines), int(size))
    if first_build:
        first[name] = (float(first_build[0]), int(first_build[1]))
labels = {"graph": "whole Graph v1.0", "subset": f"--types {types}"}
print(f"cargo build ({profile}) of the generated crate alone, dependencies built, best of {runs}:")
print()
print("| crate | flavor | build time | peak memory | lines | .rlib |")
print("|---|---|---:|---:|---:|---:|")
for name, (seconds, kib, lines, size) in rows.items():
    model, flavor = name.rsplit("-", 1)
    if model != "edit":
        print(f"| {labels[model]} | {flavor} | {seconds:.1f} s | {kib / 1024:.0f} MiB | {lines:,} | {size / 2**20:.1f} MiB |")
print()
print("Edit loop: `touch src/main.rs && cargo build` (dev profile, cargo's default incremental) of")
print(f"a program reading and writing one `User` of the {labels[edited]} crate, best of {runs}:")
print()
print("| program | build time | peak memory | binary | first build, the generated crate built |")
print("|---|---:|---:|---:|---:|")
for name in ("edit-odata", "edit-precompiled", "edit-flat"):
    seconds, kib, _, size = rows[name]
    first_seconds, first_kib = first[name]
    print(f"| {name} | {seconds:.2f} s | {kib / 1024:.0f} MiB | {size / 2**20:.1f} MiB "
          f"| {first_seconds:.1f} s, {first_kib / 1024:.0f} MiB |")
print()
status = 0


def ratio(label, numerator, denominator, target, size_name=".rlib"):
    global status
    a, b = rows[numerator], rows[denominator]
    time_ratio, memory_ratio, size_ratio = a[0] / b[0], a[1] / b[1], a[3] / b[3]
    text = f"{label}: time {time_ratio:.2f}x, memory {memory_ratio:.2f}x, {size_name} {size_ratio:.2f}x"
    if target != float("inf"):
        met = time_ratio <= target and memory_ratio <= target
        text += f" (target <= {target:.2f}x: {'met' if met else 'missed'})"
        status |= not met
    print(text)


inf = float("inf")
for model in ("graph", "subset"):
    if f"{model}-odata" in rows:
        checked = model == "graph"
        ratio(f"{labels[model]} odata / serde", f"{model}-odata", f"{model}-serde", most["serde"] if checked else inf)
        ratio(f"{labels[model]} odata / flat", f"{model}-odata", f"{model}-flat", most["flat"] if checked else inf)
        ratio(f"{labels[model]} precompiled / odata (what the feature costs)", f"{model}-precompiled", f"{model}-odata", inf)
ratio(f"edit loop on {labels[edited]}, edit-odata / edit-flat", "edit-odata", "edit-flat", most["edit"], "binary")
ratio(f"edit loop on {labels[edited]}, edit-precompiled / edit-flat", "edit-precompiled", "edit-flat", inf, "binary")
ratio(f"edit loop on {labels[edited]}, edit-precompiled / edit-odata", "edit-precompiled", "edit-odata", inf, "binary")
sys.exit(status)
PY
