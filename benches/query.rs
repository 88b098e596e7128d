//! What writing a query costs: `render` is `Query::to_query_string` of the typical Graph
//! query of `tests/query/cases.rs` (one allocation, see `tests/query.rs`); `build_and_render`
//! adds building it from the typed handles; `len` is the measuring half of `render`
//! (`Query::encoded_len`, the pass that sizes the one allocation); `format` is the floor, the same query string
//! hand-written with `format!` and `percent-encoding`, as a user without the builder would.
//!
//! Each variant's output is checked against the others before it is measured.

#[path = "../tests/query/cases.rs"]
mod cases;
#[path = "../tests/query/models.rs"]
mod models;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const NAME: &str = "Ann & Bob's";

/// What a hand-written query would leave as it is.
const KEPT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'\'').remove(b'(').remove(b')').remove(b',').remove(b'-').remove(b'.');

/// The typical query, written by hand: the floor.
fn hand_written(name: &str) -> String {
    let literal = name.replace('\'', "''");
    let filter = format!("startswith(displayName,'{literal}') and accountEnabled eq true");
    format!(
        "$filter={}&$select=id,displayName,businessPhones&$expand=manager($select=id,displayName)\
         &$orderby=displayName,createdDateTime%20desc&$top=25&$count=true",
        utf8_percent_encode(&filter, KEPT)
    )
}

fn query(c: &mut Criterion) {
    let query = cases::typical_query(NAME);
    assert_eq!(query.to_query_string(), hand_written(NAME));
    let mut group = c.benchmark_group("query");
    group.bench_function("render", |b| b.iter(|| black_box(&query).to_query_string()));
    group.bench_function("build_and_render", |b| {
        b.iter(|| cases::typical_query(black_box(NAME)).to_query_string())
    });
    group.bench_function("len", |b| b.iter(|| black_box(&query).encoded_len()));
    group.bench_function("format", |b| b.iter(|| hand_written(black_box(NAME))));
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
