#!/usr/bin/env bash
# Where the generated Graph crate's build time goes: generates the whole Graph v1.0 model
# (tests/data/graph-metadata/v1.0.xml) with odata-codegen as it is (`graph-odata`, the odata
# derives) and as the flat serde reference (`graph-flat`, `--flavor flat-serde`, see
# scripts/graph-build-time.sh), then builds each crate (its lib.rs touched, no incremental
# cache; its dependencies first, when they are not built yet) with
#
#   cargo +nightly rustc --lib --profile $PROFILE -- -Z time-passes
#
# and prints a table of the compiler's passes, both crates side by side: the TOP passes by
# the larger of their two times, each pass's seconds in each crate and the ratio, then the
# `.rlib` and `.rmeta` sizes. The passes nest (`codegen_crate` holds the LLVM passes, ...):
# the times do not add up to the total. The raw `-Z time-passes` output is kept in
# $WORK/<crate>.passes.
#
#   scripts/graph-profile.sh
#
# Environment:
#   WORK             where the generated crates go; default target/graph-profile (below
#                    CARGO_TARGET_DIR when that is set)
#   TARGET_DIR       their target dir; default $WORK/target
#   CARGO_TARGET_DIR where odata-codegen itself is built (release); default the workspace's
#                    target
#   PROFILE          dev or release; default dev
#   TYPES            generate only these types (`--types`, such as `user`) instead of the
#                    whole model: a quick check of the script; default empty (everything)
#   TOP              how many passes the table shows; default 25
#   TOOLCHAIN        the toolchain that takes `-Z time-passes`; default nightly
#   LLVM_LINES=1     also prints the top LLVM_LINES_TOP (default 30) functions of graph-odata by
#                    lines of LLVM IR (`cargo llvm-lines`, a third build of the crate; install
#                    it with `cargo install cargo-llvm-lines`)
# Needs cargo, the nightly toolchain (rustup) and python3 (standard library only).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CODEGEN_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="${WORK:-$CODEGEN_TARGET/graph-profile}"
TARGET="${TARGET_DIR:-$WORK/target}"
PROFILE="${PROFILE:-dev}"
TYPES="${TYPES:-}"
TOP="${TOP:-25}"
TOOLCHAIN="${TOOLCHAIN:-nightly}"
LLVM_LINES_TOP="${LLVM_LINES_TOP:-30}"
METADATA="$ROOT/tests/data/graph-metadata/v1.0.xml"
# Each build compiles the crate from scratch: an incremental cache would be reused.
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTFLAGS

echo "building odata-codegen..." >&2
cargo build --quiet --release -p odata-codegen --manifest-path "$ROOT/Cargo.toml" --target-dir "$CODEGEN_TARGET"
CODEGEN="$CODEGEN_TARGET/release/odata-codegen"

crates=(graph-odata graph-flat)
generate() { # crate-name flavor
    local dir="$WORK/$1"
    local arguments=(--metadata "$METADATA" --out "$dir" --crate-name "$1" --flavor "$2" --odata-path "$ROOT")
    if [[ -n "$TYPES" ]]; then arguments+=(--types "$TYPES"); fi
    "$CODEGEN" "${arguments[@]}"
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}
mkdir -p "$WORK"
generate graph-odata odata
generate graph-flat flat-serde

profile_dir="$PROFILE"
[[ "$PROFILE" == dev ]] && profile_dir=debug
sizes=()
for crate in "${crates[@]}"; do
    echo "profiling $crate ($TOOLCHAIN, profile $PROFILE)..." >&2
    touch "$WORK/$crate/src/lib.rs"
    # `-Z time-passes` reaches the crate's own rustc only; its report goes to standard error.
    cargo "+$TOOLCHAIN" rustc --quiet --lib --profile "$PROFILE" --manifest-path "$WORK/$crate/Cargo.toml" \
        --target-dir "$TARGET" -- -Z time-passes >"$WORK/$crate.passes" 2>&1
    library="lib${crate//-/_}"
    rlib=$(stat -c %s "$TARGET/$profile_dir/$library.rlib")
    rmeta=$(stat -c %s "$(ls -t "$TARGET/$profile_dir/deps/$library"-*.rmeta | head -1)")
    sizes+=("$crate $rlib $rmeta")
done

python3 - "$WORK" "$TOP" "$PROFILE" "${sizes[@]}" <<'PY'
import re, sys
work, top, profile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sizes = [row.split() for row in sys.argv[4:]]
crates = [name for name, _, _ in sizes]
# `time:   1.234; rss:  100MB ->  200MB ( +100MB)	pass_name`
line = re.compile(r"time:\s+([\d.]+);\s+rss:\s+\d+\w+\s+->\s+(\d+)(\w+)\s+\(\s*[+-]?\d+\w+\)\s+(\S+)")
units = {"kB": 1 / 1024, "MB": 1, "GB": 1024}
passes, peaks = {}, {}
for crate in crates:
    times, peak = {}, 0.0
    for text in open(f"{work}/{crate}.passes", encoding="utf-8", errors="replace"):
        match = line.search(text)
        if match:
            seconds, rss, unit, name = float(match[1]), int(match[2]), match[3], match[4]
            times[name] = times.get(name, 0.0) + seconds
            peak = max(peak, rss * units.get(unit, 1))
    if not times:
        sys.exit(f"no -Z time-passes output in {work}/{crate}.passes")
    passes[crate], peaks[crate] = times, peak
odata, flat = crates
names = sorted(set(passes[odata]) | set(passes[flat]),
               key=lambda name: -max(passes[odata].get(name, 0.0), passes[flat].get(name, 0.0)))
print(f"`cargo +nightly rustc --lib -- -Z time-passes` ({profile}), the top {top} passes by time (nested: they")
print("do not add up):")
print()
print(f"| pass | {odata} | {flat} | ratio |")
print("|---|---:|---:|---:|")
for name in names[:top]:
    a, b = passes[odata].get(name, 0.0), passes[flat].get(name, 0.0)
    # Below the report's resolution, a ratio means nothing.
    ratio = f"{a / b:.2f}x" if a >= 0.01 and b >= 0.01 else "-"
    print(f"| `{name}` | {a:.2f} s | {b:.2f} s | {ratio} |")
print(f"| peak rss of rustc | {peaks[odata]:.0f} MB | {peaks[flat]:.0f} MB | {peaks[odata] / peaks[flat]:.2f}x |")
print()
print("| crate | .rlib | .rmeta |")
print("|---|---:|---:|")
for name, rlib, rmeta in sizes:
    print(f"| {name} | {int(rlib) / 2**20:.1f} MiB | {int(rmeta) / 2**20:.1f} MiB |")
PY

if [[ "${LLVM_LINES:-0}" == 1 ]]; then
    cargo llvm-lines --version >/dev/null 2>&1 || { echo "needs cargo llvm-lines (cargo install cargo-llvm-lines)" >&2; exit 2; }
    echo >&2
    echo "cargo llvm-lines of graph-odata (a third build of the crate)..." >&2
    echo
    echo "The top $LLVM_LINES_TOP functions of graph-odata by lines of LLVM IR (cargo llvm-lines, $PROFILE):"
    echo
    cargo llvm-lines --lib --profile "$PROFILE" --manifest-path "$WORK/graph-odata/Cargo.toml" \
        --target-dir "$TARGET" 2>/dev/null | head -n $((LLVM_LINES_TOP + 3))
fi
