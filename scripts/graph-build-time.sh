#!/usr/bin/env bash
# What the generated Graph crate costs to build: generates the whole Graph v1.0 model
# (tests/data/graph-metadata/v1.0.xml) twice with odata-codegen, once as it is (the odata
# derives) and once in the benchmark-only plain-serde flavor (`--flavor plain-serde`: the same
# types, names and renames as plain `serde` derives, `#[serde(flatten)]` bases,
# `#[serde(tag = "@odata.type")]` hierarchy enums, unit enums with `#[serde(other)]`, no
# operations; see odata-codegen/src/plain_serde.rs), and the same for `--types user`. Builds the
# dependencies once, then times `cargo build` of each crate alone (its lib.rs touched, no
# incremental cache), interleaved, best of RUNS, with the peak memory of the build (the largest
# resident set of any of its processes: rustc's, from `/usr/bin/time -v`). Prints a table with
# the generated lines, the `.rlib` size and the ratios odata / serde.
#
#   scripts/graph-build-time.sh
#
# Environment:
#   WORK        where the generated crates go; default target/graph-build-time
#   TARGET_DIR  their target dir; default $WORK/target, apart from the workspace's so that no
#               other build holds its lock
#   RUNS        timed builds per crate; default 2
#   PROFILE     dev or release; default dev
#   TYPES       the subset; default user
#   SMOKE=1     only the subset, one run, no target: checks that both flavors generate and
#               build (what CI could run), not their times
#   MAX_RATIO   the target for the whole model's time and memory ratios; default 1.0. Exits 1
#               when a ratio is over it.
# Needs cargo, python3 (standard library only) and GNU time at /usr/bin/time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-$ROOT/target/graph-build-time}"
RUNS="${RUNS:-2}"
PROFILE="${PROFILE:-dev}"
TYPES="${TYPES:-user}"
TARGET="${TARGET_DIR:-$WORK/target}"
MAX_RATIO="${MAX_RATIO:-1.0}"
METADATA="$ROOT/tests/data/graph-metadata/v1.0.xml"
if [[ "${SMOKE:-0}" == 1 ]]; then
    RUNS=1
    MAX_RATIO=inf
fi
# Timed builds compile the crate from scratch: an incremental cache would be reused.
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
# Both flavors must build without a warning (the lints of dependencies are capped by cargo).
export RUSTFLAGS="-D warnings"

[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

echo "building odata-codegen..." >&2
cargo build --quiet --release -p odata-codegen --manifest-path "$ROOT/Cargo.toml" --target-dir "$ROOT/target"
CODEGEN="$ROOT/target/release/odata-codegen"

generate() { # crate-name flavor [types]
    local dir="$WORK/$1"
    local arguments=(--metadata "$METADATA" --out "$dir" --crate-name "$1" --flavor "$2" --odata-path "$ROOT")
    if [[ -n "${3:-}" ]]; then arguments+=(--types "$3"); fi
    "$CODEGEN" "${arguments[@]}"
    # The workspace's versions of serde, syn, ... for both flavors.
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}

build() { # crate-name
    cargo build --quiet --profile "$PROFILE" --manifest-path "$WORK/$1/Cargo.toml" --target-dir "$TARGET"
}

mkdir -p "$WORK"
if [[ "${SMOKE:-0}" == 1 ]]; then
    crates=(subset-odata subset-serde)
else
    crates=(graph-odata graph-serde subset-odata subset-serde)
    generate graph-odata odata
    generate graph-serde plain-serde
fi
generate subset-odata odata "$TYPES"
generate subset-serde plain-serde "$TYPES"

echo "building the dependencies (profile $PROFILE)..." >&2
for crate in "${crates[@]}"; do build "$crate"; done

declare -A best_time best_memory
for run in $(seq "$RUNS"); do
    for crate in "${crates[@]}"; do
        touch "$WORK/$crate/src/lib.rs"
        report="$WORK/$crate.time"
        /usr/bin/time -v -o "$report" cargo build --quiet --profile "$PROFILE" \
            --manifest-path "$WORK/$crate/Cargo.toml" --target-dir "$TARGET"
        read -r took memory < <(python3 - "$report" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in clock.split(":"):
    seconds = seconds * 60 + float(part)
kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
print(f"{seconds:.2f} {kib}")
EOF
        )
        echo "run $run: $crate ${took}s, peak $((memory / 1024)) MiB" >&2
        if [[ -z "${best_time[$crate]:-}" ]] || python3 -c "import sys; sys.exit(not $took < ${best_time[$crate]})"; then
            best_time[$crate]=$took
        fi
        if [[ -z "${best_memory[$crate]:-}" ]] || (( memory < best_memory[$crate] )); then
            best_memory[$crate]=$memory
        fi
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

python3 - "$PROFILE" "$RUNS" "$TYPES" "$MAX_RATIO" "${rows[@]}" <<'EOF'
import sys
profile, runs, types, most = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
rows = {}
for row in sys.argv[5:]:
    name, seconds, kib, lines, rlib = row.split()
    rows[name] = (float(seconds), int(kib), int(lines), int(rlib))
labels = {"graph": "whole Graph v1.0", "subset": f"--types {types}"}
print(f"cargo build ({profile}) of the generated crate alone, dependencies built, best of {runs}:")
print()
print("| crate | flavor | build time | peak memory | lines | .rlib |")
print("|---|---|---:|---:|---:|---:|")
for name, (seconds, kib, lines, rlib) in rows.items():
    model, flavor = name.rsplit("-", 1)
    print(f"| {labels[model]} | {flavor} | {seconds:.1f} s | {kib / 1024:.0f} MiB | {lines:,} | {rlib / 2**20:.1f} MiB |")
print()
status = 0
for model in ("graph", "subset"):
    if f"{model}-odata" not in rows:
        continue
    odata, serde = rows[f"{model}-odata"], rows[f"{model}-serde"]
    time_ratio, memory_ratio = odata[0] / serde[0], odata[1] / serde[1]
    checked = model == "graph" and most != float("inf")
    target = f" (target <= {most:.2f}x)" if checked else ""
    print(f"{labels[model]}: odata / serde time {time_ratio:.2f}x, memory {memory_ratio:.2f}x{target}")
    if checked and (time_ratio > most or memory_ratio > most):
        status = 1
sys.exit(status)
EOF
