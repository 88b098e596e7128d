#!/usr/bin/env bash
# What the derives cost at compile time: generates one crate of N Graph entity types from the
# corpus (scripts/graph_models.py) twice, with `#[derive(ODataResource)]`/`#[derive(ODataComplex)]`
# and with plain `#[derive(serde::Serialize, serde::Deserialize)]` carrying the same renames and
# `skip_serializing_if`, builds the dependencies once, then times `cargo build` of each crate
# alone (its lib touched, no incremental cache), interleaved, best of RUNS, and prints the ratio.
#
#   scripts/compile-time.sh [N]          # N = 300 entity types by default
#
# Environment:
#   CORPUS      the graph-corpus folder (create-examples.jsonl, types.txt); default
#               tests/data/graph-corpus where the repository has it, else ../shared/graph-corpus
#   WORK        where the generated crates go; default target/compile-time
#   TARGET_DIR  their target dir; default $WORK/target, apart from the workspace's so that no
#               other build holds its lock
#   RUNS        timed builds per crate; default 3
#   PROFILE     dev or release; default dev
#   MAX_RATIO   the target; default 1.5. Exits 1 when the ratio is over it.
#   PATCH_SHARE 1 also builds the odata crate with `patch = false` on every entity, and prints
#               the share of the odata build that the generated patches cost.
# Field names and renames are odata-codegen's (`--field-names`), which this script builds first.
# Needs cargo and python3 (standard library only).
#
# CI runs a smoke test of this script, which checks that both crates still generate and
# build, not their times: RUNS=1 MAX_RATIO=inf TARGET_DIR=target scripts/compile-time.sh 20
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/user-program.sh
source "$ROOT/scripts/user-program.sh"
N="${1:-300}"
if [[ -z "${CORPUS:-}" ]]; then
    if [[ -f "$ROOT/tests/data/graph-corpus/create-examples.jsonl" ]]; then
        CORPUS="$ROOT/tests/data/graph-corpus"
    else
        CORPUS="$ROOT/../shared/graph-corpus"
    fi
fi
WORK="${WORK:-$ROOT/target/compile-time}"
RUNS="${RUNS:-3}"
PROFILE="${PROFILE:-dev}"
TARGET="${TARGET_DIR:-$WORK/target}"
MAX_RATIO="${MAX_RATIO:-1.5}"
# Timed builds compile the crate from scratch: an incremental cache would be reused.
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

for file in create-examples.jsonl types.txt; do
    [[ -f "$CORPUS/$file" ]] || { echo "no $CORPUS/$file: set CORPUS" >&2; exit 2; }
done

echo "building odata-codegen (its naming rule)..." >&2
CODEGEN_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --quiet --release -p odata-codegen --manifest-path "$ROOT/Cargo.toml" --target-dir "$CODEGEN_TARGET"
CODEGEN="$CODEGEN_TARGET/release/odata-codegen"

generate() { # flavor crate-name
    local dir="$WORK/$2"
    # The same dependencies for both flavors, so that they are built once.
    write_odata_crate "$dir" "$2" "$ROOT"
    python3 "$ROOT/scripts/graph_models.py" crate --corpus "$CORPUS/create-examples.jsonl" \
        --types "$CORPUS/types.txt" --count "$N" --flavor "$1" --out "$dir/src/lib.rs" --codegen "$CODEGEN"
}

build() { # crate-name
    cargo build --quiet --profile "$PROFILE" --manifest-path "$WORK/$1/Cargo.toml" --target-dir "$TARGET"
}

seconds() { date +%s.%N; }

crates=(odata-models serde-models)
generate odata odata-models
generate serde serde-models
if [[ "${PATCH_SHARE:-0}" == 1 ]]; then
    generate odata-no-patch odata-no-patch-models
    crates+=(odata-no-patch-models)
fi
echo "building the dependencies (profile $PROFILE)..." >&2
for crate in "${crates[@]}"; do build "$crate"; done

declare -A best
for run in $(seq "$RUNS"); do
    for crate in "${crates[@]}"; do
        touch "$WORK/$crate/src/lib.rs"
        start=$(seconds)
        build "$crate"
        took=$(python3 -c "print(f'{$(seconds) - $start:.2f}')")
        echo "run $run: $crate ${took}s" >&2
        if [[ -z "${best[$crate]:-}" ]] || python3 -c "import sys; sys.exit(not $took < ${best[$crate]})"; then
            best[$crate]=$took
        fi
    done
done

status=0
python3 - "${best[odata-models]}" "${best[serde-models]}" "$MAX_RATIO" "$N" "$PROFILE" "$RUNS" <<'EOF' || status=$?
import sys
odata, serde, most = (float(arg) for arg in sys.argv[1:4])
n, profile, runs = sys.argv[4:]
ratio = odata / serde
print(f"cargo build ({profile}) of {n} entity types, best of {runs}:")
print(f"  odata derives: {odata:.2f} s")
print(f"  serde derives: {serde:.2f} s")
print(f"  ratio: {ratio:.2f}x " + (f"(target <= {most:.2f}x)" if most != float("inf") else "(not checked)"))
sys.exit(0 if ratio <= most else 1)
EOF
if [[ "${PATCH_SHARE:-0}" == 1 ]]; then
    python3 - "${best[odata-models]}" "${best[odata-no-patch-models]}" <<'EOF'
import sys
with_patch, without = (float(arg) for arg in sys.argv[1:3])
print(f"  odata derives with patch = false: {without:.2f} s")
print(f"  the patches' share of the odata build: {(with_patch - without) / with_patch:.1%}")
EOF
fi
exit $status
