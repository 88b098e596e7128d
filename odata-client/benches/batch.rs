//! 1,000 creates against a loopback server: through `$batch` (50 requests of 20) against the
//! same 1,000 as single requests, both with 4 requests out at once; then, once, how many
//! requests go out when a third of the items are throttled once (`429`, `Retry-After: 0`).
//!
//! `cargo bench -p odata-client --bench batch`; `cargo bench -p odata-client --bench batch --
//! --test` checks each route once. Figures in BENCHMARKS.md.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use odata::batch::Batch;
use odata::client::Client;
use odata::{ODataResource, Service};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ITEMS: usize = 1_000;
const CONCURRENCY: usize = 4;

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.group", collection = "/groups")]
pub struct Group {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub mail_nickname: Option<String>,
    pub mail_enabled: Option<bool>,
    pub security_enabled: Option<bool>,
}

fn group(n: usize) -> Group {
    Group {
        id: None,
        display_name: Some(format!("Group {n}")),
        mail_nickname: Some(format!("group{n}")),
        mail_enabled: Some(false),
        security_enabled: Some(true),
    }
}

/// What the server saw, and whether it throttles a third of the items once.
#[derive(Default)]
struct Server {
    throttle: bool,
    requests: AtomicUsize,
    items: AtomicUsize,
    throttled: Mutex<HashSet<String>>,
}

impl Server {
    /// The answer to one created group.
    fn created(body: &Value, id: usize) -> Value {
        let mut answer = body.clone();
        answer["id"] = json!(format!("{id:08x}-0000-4000-8000-000000000000"));
        answer
    }

    fn answer(&self, target: &str, body: &[u8]) -> (u16, Vec<u8>) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        if target.ends_with("/$batch") {
            let mut answers = Vec::new();
            for item in request["requests"].as_array().into_iter().flatten() {
                let count = self.items.fetch_add(1, Ordering::Relaxed);
                let id = item["id"].as_str().unwrap_or_default().to_owned();
                let number: usize = id.parse().unwrap_or(0);
                if self.throttle && number % 3 == 0 && self.throttled.lock().unwrap().insert(id.clone()) {
                    answers.push(json!({"id": id, "status": 429, "headers": {"retry-after": "0"},
                        "body": {"error": {"code": "TooManyRequests", "message": "Slow down"}}}));
                } else {
                    answers.push(
                        json!({"id": id, "status": 201, "headers": {"content-type": "application/json"},
                        "body": Self::created(&item["body"], count)}),
                    );
                }
            }
            (200, serde_json::to_vec(&json!({"responses": answers})).unwrap())
        } else {
            let count = self.items.fetch_add(1, Ordering::Relaxed);
            (201, serde_json::to_vec(&Self::created(&request, count)).unwrap())
        }
    }
}

/// Starts a keep-alive HTTP/1.1 server on its own thread; its root URL.
fn serve(server: Arc<Server>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let root = format!("http://{}/v1.0", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (connection, _) = listener.accept().await.unwrap();
                connection.set_nodelay(true).unwrap();
                tokio::spawn(connection_loop(connection, server.clone()));
            }
        });
    });
    root
}

async fn connection_loop(mut connection: tokio::net::TcpStream, server: Arc<Server>) {
    let mut buffer = Vec::with_capacity(16 * 1024);
    loop {
        let end = loop {
            if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
                break end + 4;
            }
            let mut chunk = [0; 16 * 1024];
            match connection.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
        let target = head.split(' ').nth(1).unwrap_or("/").to_owned();
        let length: usize = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0);
        while buffer.len() < end + length {
            let mut chunk = [0; 16 * 1024];
            match connection.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            }
        }
        let (status, body) = server.answer(&target, &buffer[end..end + length]);
        buffer.drain(..end + length);
        let reason = if status == 200 { "OK" } else { "Created" };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if connection.write_all(head.as_bytes()).await.is_err() || connection.write_all(&body).await.is_err()
        {
            return;
        }
    }
}

/// 1,000 creates in `$batch` requests of 20, `CONCURRENCY` out at once; how many succeeded.
async fn through_batch(client: &Client) -> usize {
    let mut batch = Batch::new(client.service());
    let handles: Vec<_> =
        (0..ITEMS).map(|n| batch.add::<Group>(client.service().create(&group(n))).unwrap()).collect();
    let responses = client.batch(&batch).concurrency(CONCURRENCY).send().await.unwrap();
    handles.iter().filter(|handle| handle.read(&responses).is_ok_and(|group| group.id.is_some())).count()
}

/// The same 1,000 creates as single requests, `CONCURRENCY` out at once.
async fn one_by_one(client: &Client) -> usize {
    let permits = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..ITEMS {
        let (client, permits) = (client.clone(), permits.clone());
        tasks.spawn(async move {
            let _permit = permits.acquire().await.unwrap();
            client.create(&group(n)).await.is_ok_and(|group| group.id.is_some())
        });
    }
    let mut created = 0;
    while let Some(done) = tasks.join_next().await {
        created += usize::from(done.unwrap());
    }
    created
}

fn batch(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    // A third of the items throttled once: every item is sent at most twice.
    let throttling = Arc::new(Server { throttle: true, ..Server::default() });
    let client = Client::new(Service::new(serve(throttling.clone()))).unwrap();
    assert_eq!(runtime.block_on(through_batch(&client)), ITEMS);
    let (requests, items) =
        (throttling.requests.load(Ordering::Relaxed), throttling.items.load(Ordering::Relaxed));
    let throttled = throttling.throttled.lock().unwrap().len();
    assert!(items <= 2 * ITEMS && items == ITEMS + throttled, "{items} item sends");
    println!(
        "{ITEMS} creates, {throttled} throttled once: {requests} $batch requests ({} without throttling), \
         {items} item sends",
        ITEMS.div_ceil(20)
    );

    let server = Arc::new(Server::default());
    let client = Client::new(Service::new(serve(server.clone()))).unwrap();
    assert_eq!(runtime.block_on(through_batch(&client)), ITEMS);
    assert_eq!(server.requests.swap(0, Ordering::Relaxed), ITEMS.div_ceil(20));
    assert_eq!(runtime.block_on(one_by_one(&client)), ITEMS);
    assert_eq!(server.requests.swap(0, Ordering::Relaxed), ITEMS);

    let mut group = c.benchmark_group("create_1000");
    group.throughput(Throughput::Elements(ITEMS as u64));
    group.sample_size(10);
    group
        .bench_function("batch_of_20_concurrency_4", |b| b.iter(|| runtime.block_on(through_batch(&client))));
    group.bench_function("single_requests_concurrency_4", |b| {
        b.iter(|| runtime.block_on(one_by_one(&client)))
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
