#!/usr/bin/env bash
# Bounded random and mutation fuzzing on the stable toolchain (proptest-driven; cargo-fuzz
# needs nightly). CASES sets the executions per target (default 1,000,000; the corpus target
# runs a tenth of that, its inputs being 30 times larger). ONLY=seed, corpus or polymorphic
# runs one group of targets. Prints each target's result.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${CASES:-1000000}"
only="${ONLY:-}"
if [ -z "$only" ] || [ "$only" = seed ]; then
    PROPTEST_CASES="$cases" cargo test --release --test properties -- \
        mutated_responses_never_panic reading_arbitrary_bytes_never_panics reading_arbitrary_text_never_panics
fi
if [ -z "$only" ] || [ "$only" = corpus ]; then
    PROPTEST_CASES="$((cases / 10))" cargo test --release --test corpus -- fuzz
fi
# The device enrollment hierarchy through AnyDeviceEnrollmentConfiguration: the mutated mixed
# list, arbitrary bytes, token sequences and member sequences (tests/polymorphic_properties.rs).
if [ -z "$only" ] || [ "$only" = polymorphic ]; then
    PROPTEST_CASES="$cases" cargo test --release --test polymorphic_properties -- fuzz_
fi
