#!/usr/bin/env bash
# Copies the Graph corpus into tests/data/graph-corpus and regenerates
# tests/corpus/generated.rs from it, then runs the conformance suite.
#
#   scripts/sync-corpus.sh [corpus-dir]    (default: ../shared/graph-corpus from the repo root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source="${1:-$root/../shared/graph-corpus}"
target="$root/tests/data/graph-corpus"

for file in create-examples.jsonl types.txt; do
    if [[ ! -f "$source/$file" ]]; then
        echo "sync-corpus: $source/$file not found" >&2
        exit 1
    fi
done
mkdir -p "$target"
for file in create-examples.jsonl types.txt; do
    # Written, not copied with the source's mode: the shared copy is read-only.
    cat "$source/$file" > "$target/$file"
done

cd "$root"
UPDATE_CORPUS=1 cargo test --test corpus generated_code_is_current
cargo test --test corpus -- --nocapture
