//! Listing 10,000 users over 100 pages from a loopback server, three ways, in one run:
//! through `odata::client` (typed items streamed across pages), with plain reqwest and
//! `serde_json::Value` (each item then read into a plain serde struct), and with plain
//! reqwest and a plain serde derive of the page, the floor.
//!
//! `cargo bench -p odata-client --bench listing`; figures in BENCHMARKS.md.

#[path = "../tests/common/pages.rs"]
mod pages;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use odata::client::Client;
use odata::{ODataResource, Service};
use serde::Deserialize;
use serde_json::Value;

const PAGES: usize = 100;
const PER_PAGE: usize = 100;

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub mail: Option<String>,
    pub job_title: Option<String>,
    pub mobile_phone: Option<String>,
    pub office_location: Option<String>,
    pub account_enabled: Option<bool>,
    pub business_phones: Option<Vec<String>>,
    pub created_date_time: Option<String>,
}

/// The same user, as plain serde reads it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainUser {
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub mail: Option<String>,
    pub job_title: Option<String>,
    pub mobile_phone: Option<String>,
    pub office_location: Option<String>,
    pub account_enabled: Option<bool>,
    pub business_phones: Option<Vec<String>>,
    pub created_date_time: Option<String>,
}

#[derive(Deserialize)]
struct PlainPage {
    value: Vec<PlainUser>,
    #[serde(rename = "@odata.nextLink")]
    next_link: Option<String>,
}

async fn through_the_client(client: &Client) -> usize {
    let mut users = client.list::<User>().items();
    let mut seen = 0;
    while let Some(user) = users.try_next().await.unwrap() {
        seen += usize::from(user.mail.is_some());
    }
    seen
}

async fn reqwest_and_serde_derive(http: &reqwest::Client, first: &str) -> usize {
    let mut next = Some(first.to_owned());
    let mut seen = 0;
    while let Some(url) = next {
        let body =
            http.get(url).header("accept", "application/json").send().await.unwrap().bytes().await.unwrap();
        let page: PlainPage = serde_json::from_slice(&body).unwrap();
        for user in page.value {
            seen += usize::from(user.mail.is_some());
        }
        next = page.next_link;
    }
    seen
}

async fn reqwest_and_value(http: &reqwest::Client, first: &str) -> usize {
    let mut next = Some(first.to_owned());
    let mut seen = 0;
    while let Some(url) = next {
        let body =
            http.get(url).header("accept", "application/json").send().await.unwrap().bytes().await.unwrap();
        let mut page: Value = serde_json::from_slice(&body).unwrap();
        let Some(Value::Array(values)) = page.get_mut("value").map(Value::take) else { panic!("no value") };
        for value in values {
            let user: PlainUser = serde_json::from_value(value).unwrap();
            seen += usize::from(user.mail.is_some());
        }
        next = page.get("@odata.nextLink").and_then(Value::as_str).map(str::to_owned);
    }
    seen
}

fn listing(c: &mut Criterion) {
    let listing = pages::serve(PAGES, PER_PAGE);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = Client::new(Service::new(listing.root.clone())).unwrap();
    let http = reqwest::Client::new();
    let all = PAGES * PER_PAGE;
    // Every route sees every user before it is timed.
    assert_eq!(runtime.block_on(through_the_client(&client)), all);
    assert_eq!(runtime.block_on(reqwest_and_serde_derive(&http, &listing.first)), all);
    assert_eq!(runtime.block_on(reqwest_and_value(&http, &listing.first)), all);

    if std::env::var_os("PARSE_ONLY").is_some() {
        let body =
            runtime.block_on(async { http.get(&listing.first).send().await.unwrap().bytes().await.unwrap() });
        let mut group = c.benchmark_group("parse_one_page");
        group.bench_function("odata_collection", |b| {
            b.iter(|| serde_json::from_slice::<odata::Collection<User>>(&body).unwrap().value.len())
        });
        group.bench_function("plain_page", |b| {
            b.iter(|| serde_json::from_slice::<PlainPage>(&body).unwrap().value.len())
        });
        group.finish();
        return;
    }
    let mut group = c.benchmark_group("list_10000_users_100_pages");
    group.throughput(Throughput::Elements(all as u64));
    group.sample_size(30);
    group.bench_function("odata_client", |b| b.iter(|| runtime.block_on(through_the_client(&client))));
    group.bench_function("reqwest_serde_derive", |b| {
        b.iter(|| runtime.block_on(reqwest_and_serde_derive(&http, &listing.first)))
    });
    group.bench_function("reqwest_serde_json_value", |b| {
        b.iter(|| runtime.block_on(reqwest_and_value(&http, &listing.first)))
    });
    group.finish();

    // The machine is shared: the routes also run interleaved, round by round, so that load
    // changes hit all three alike; the medians give the ratios.
    // `cargo bench` passes `--bench`; `cargo test` and `cargo bench -- --test` check one round.
    let arguments: Vec<String> = std::env::args().collect();
    let measuring = arguments.iter().any(|argument| argument == "--bench")
        && !arguments.iter().any(|argument| argument == "--test");
    let rounds = if measuring { 40 } else { 1 };
    let mut times: [Vec<f64>; 3] = Default::default();
    for _ in 0..rounds {
        let mut time = |route: usize, run: &dyn Fn() -> usize| {
            let started = std::time::Instant::now();
            assert_eq!(run(), all);
            times[route].push(started.elapsed().as_secs_f64() * 1e3);
        };
        time(0, &|| runtime.block_on(through_the_client(&client)));
        time(1, &|| runtime.block_on(reqwest_and_serde_derive(&http, &listing.first)));
        time(2, &|| runtime.block_on(reqwest_and_value(&http, &listing.first)));
    }
    let [client_ms, floor_ms, value_ms] = times.map(|mut times| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    });
    println!(
        "interleaved medians of {rounds} rounds: odata_client {client_ms:.1} ms, reqwest_serde_derive {floor_ms:.1} ms, \
         reqwest_serde_json_value {value_ms:.1} ms; client/floor {:.2}x, value/client {:.2}x",
        client_ms / floor_ms,
        value_ms / client_ms
    );
}

criterion_group!(benches, listing);
criterion_main!(benches);
