#!/usr/bin/env bash
# What the cargo profile settings a generated crate's README recommends save its user: for each
# variant of the profile settings in the user's workspace (`[profile.dev.package.<generated
# crate>]`, and twice with `[profile.dev]` for the user's own code too: line tables only, or
# full debug info split out of the binary), a small program
# (the edit program of scripts/graph-build-time.sh: reads and writes one `User`) is built from
# scratch after its dependencies (the generated crate included: what a user waits for once),
# then rebuilt after `touch src/main.rs` (what the user waits for after every edit). Prints
# time, peak memory, the binary's size and the target dir's size per variant.
#
#   scripts/generated-crate-profiles.sh
#
# Environment:
#   WORK     where scripts/graph-build-time.sh generated its crates; default
#            target/graph-build-time (run that script first: this one reuses its `graph-odata`,
#            or the subset's `subset-odata` under SMOKE=1)
#   RUNS     timed rebuilds after an edit, per variant; default 2
#   VARIANTS the variants to build, by name, separated by spaces; default all of them
#   SMOKE=1  the subset's crate instead of the whole Graph crate: checks that every variant
#            builds and runs, not the times
# Needs cargo, python3 and GNU time at /usr/bin/time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/user-program.sh
source "$ROOT/scripts/user-program.sh"
WORK="${WORK:-${CARGO_TARGET_DIR:-$ROOT/target}/graph-build-time}"
RUNS="${RUNS:-2}"
generated=graph-odata
[[ "${SMOKE:-0}" == 1 ]] && generated=subset-odata
if [[ ! -f "$WORK/$generated/Cargo.toml" ]]; then
    echo "error: no generated crate at $WORK/$generated: run scripts/graph-build-time.sh first" >&2
    exit 1
fi
unset CARGO_INCREMENTAL

# What the README recommends for the generated crate itself, alone and under each setting for
# the user's own code (PACKAGE: the generated crate).
generated_crate_settings="[profile.dev.package.PACKAGE]
debug = false
incremental = false"
# name | what the user's workspace adds to its Cargo.toml
variants=(
    "default|"
    "debug-off|[profile.dev.package.PACKAGE]
debug = false"
    "debug-off-no-incremental|$generated_crate_settings"
    "debug-off-and-line-tables|[profile.dev]
debug = \"line-tables-only\"

$generated_crate_settings"
    "debug-off-and-split|[profile.dev]
split-debuginfo = \"unpacked\"

$generated_crate_settings"
)

rows=()
for variant in "${variants[@]}"; do
    name="${variant%%|*}"
    settings="${variant#*|}"
    if [[ -n "${VARIANTS:-}" && " $VARIANTS " != *" $name "* ]]; then
        continue
    fi
    dir="$WORK/profile-$name"
    rm -rf "$dir"
    write_user_program "$dir" "profile-$name" "$generated" "${settings//PACKAGE/$generated}"
    target="$dir/target"
    echo "$name: dependencies..." >&2
    cargo build --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target" -p odata -p serde_json
    /usr/bin/time -v -o "$dir/first.time" \
        cargo build --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target"
    read -r first first_kib < <(seconds_and_kib "$dir/first.time")
    echo "$name: first build ${first}s, peak $((first_kib / 1024)) MiB" >&2
    "$target/debug/profile-$name" >/dev/null
    best=""
    best_kib=""
    for run in $(seq "$RUNS"); do
        touch "$dir/src/main.rs"
        /usr/bin/time -v -o "$dir/edit.time" \
            cargo build --quiet --manifest-path "$dir/Cargo.toml" --target-dir "$target"
        read -r took kib < <(seconds_and_kib "$dir/edit.time")
        echo "$name: run $run edit ${took}s, peak $((kib / 1024)) MiB" >&2
        if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(not $took < $best)"; then best=$took; fi
        if [[ -z "$best_kib" ]] || ((kib < best_kib)); then best_kib=$kib; fi
    done
    binary=$(stat -c %s "$target/debug/profile-$name")
    disk=$(du -sb "$target" | cut -f1)
    rows+=("$name $first $first_kib $best $best_kib $binary $disk")
    rm -rf "$target"
done

python3 - "$generated" "$RUNS" "${rows[@]}" <<'PY'
import sys
generated, runs = sys.argv[1:3]
print(f"Profile settings in the user's workspace (`{generated}` the generated crate); a program reading and writing one")
print(f"`User`: its first build after its dependencies, and `touch src/main.rs && cargo build`, best of {runs}:")
print()
print("| settings | first build | peak memory | edit rebuild | peak memory | binary | target dir |")
print("|---|---:|---:|---:|---:|---:|---:|")
base = None
for row in sys.argv[3:]:
    name, first, first_kib, edit, edit_kib, binary, disk = row.split()
    first, edit = float(first), float(edit)
    if base is None:
        base = (first, edit)
    print(
        f"| {name} | {first:.1f} s ({first / base[0]:.2f}x) | {int(first_kib) / 1024:.0f} MiB "
        f"| {edit:.2f} s ({edit / base[1]:.2f}x) | {int(edit_kib) / 1024:.0f} MiB "
        f"| {int(binary) / 2**20:.0f} MiB | {int(disk) / 2**30:.1f} GiB |"
    )
PY
