//! The misuse suite: every `tests/ui/*.rs` must fail to compile with exactly the errors in its
//! `.stderr` file, each on the token at fault.
//!
//! The `.stderr` files were recorded with rustc 1.95.0 (59807616e 2026-04-14). Compiler
//! releases change the wording and layout of diagnostics, so on any other compiler the test
//! is ignored rather than failing a local run; `.ci/run` fails instead, as CI must not pass
//! without the suite. When moving to a new compiler, re-record with
//! `TRYBUILD=overwrite cargo test --test ui -- --include-ignored` (`--include-ignored`, as the
//! test is still ignored there), read every diff, then update the version here and below.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "the .stderr files were recorded with rustc 1.95; re-record them on this compiler"
)]
#[test]
fn misuse_is_a_compile_error_on_the_token_at_fault() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
