//! Sending a [`Batch`] of any size: split into `$batch` requests, throttled items re-sent.

use core::fmt;
use std::collections::HashMap;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant, SystemTime};

use http::{HeaderMap, StatusCode};
use odata_core::batch::{Batch, BatchResponse, ItemResponse};
use odata_core::Error;

use crate::retry::{retry_after, retryable_status};
use crate::Client;

/// Graph's limit: at most 20 requests in one `$batch`.
const DEFAULT_MAX_ITEMS: usize = 20;

/// A [`Batch`] to be sent by [`Client::batch`]: how many items go in one `$batch` request and
/// how many such requests are out at once, then [`send`](Self::send).
///
/// Items linked by `dependsOn` (a chain, or any items that depend on one another) always
/// travel in the same `$batch` request. An item answered `429`, `503` or `504` is sent again,
/// in a later `$batch` request, once its own `Retry-After` has passed (or the policy's
/// backoff, without one), under the client's [`RetryPolicy`](crate::RetryPolicy) and by the
/// same rules as a single request: a `POST` only after `429` or `503`, every item at most
/// `max_attempts` times, and no wait ending past the budget. Its body and id are the same.
/// Items that succeeded, or failed for good, are never sent again; an item whose prerequisite
/// failed for good is not sent and is answered `424 Failed Dependency`. A whole `$batch`
/// request answered `429` or `503` is retried as a single request is; one that fails anyway
/// is the error of each of its items, and of no other.
#[must_use = "a batch does nothing until it is sent"]
pub struct SendBatch<'a> {
    client: Client,
    batch: &'a Batch,
    max_items: usize,
    concurrency: usize,
}

impl fmt::Debug for SendBatch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendBatch")
            .field("items", &self.batch.len())
            .field("max_items", &self.max_items)
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

/// Where each item stands.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// To be sent once the logical clock reaches `ready_at`.
    Pending { ready_at: Duration },
    /// Answered with a success.
    Done,
    /// Failed for good: answered with an error, not answered, or not sent.
    Failed,
}

impl Client {
    /// A [`Batch`] to send: `.max_items(n)`, `.concurrency(n)`, then
    /// [`send`](SendBatch::send).
    pub fn batch<'a>(&self, batch: &'a Batch) -> SendBatch<'a> {
        SendBatch { client: self.clone(), batch, max_items: DEFAULT_MAX_ITEMS, concurrency: 1 }
    }

    /// Sends `batch` in `$batch` requests of at most 20 items, one at a time, as
    /// [`SendBatch::send`] does; each item's [`Handle`](odata_core::batch::Handle) reads its
    /// result from the answer.
    ///
    /// # Errors
    /// As [`SendBatch::send`].
    pub async fn send_batch(&self, batch: &Batch) -> Result<BatchResponse, Error> {
        self.batch(batch).send().await
    }
}

impl SendBatch<'_> {
    /// At most this many items in one `$batch` request (20 by default, Graph's limit; at
    /// least 1).
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = max_items.max(1);
        self
    }

    /// At most this many `$batch` requests out at once (1 by default; at least 1).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// Sends every item and gathers their answers, whatever each one's outcome.
    ///
    /// # Errors
    /// Only before anything is sent: [`Error::InvalidRequest`] when items linked by
    /// `dependsOn` are more than [`max_items`](Self::max_items), naming them.
    pub async fn send(self) -> Result<BatchResponse, Error> {
        let batch = self.batch;
        let items = batch.items();
        let groups = linked_groups(batch);
        if let Some(group) = groups.iter().find(|group| group.len() > self.max_items) {
            let ids: Vec<&str> = group.iter().map(|&index| items[index].id()).collect();
            return Err(Error::InvalidRequest {
                url: format!("{}/$batch", self.client.service().root()),
                reason: format!(
                    "batch items `{}` are linked by `dependsOn`: {} items, more than the {} one `$batch` request may hold",
                    ids.join("`, `"),
                    ids.len(),
                    self.max_items
                ),
            });
        }
        let mut group_of = vec![0; items.len()];
        for (number, group) in groups.iter().enumerate() {
            for &index in group {
                group_of[index] = number;
            }
        }
        let index_of = positions(batch);
        let prerequisites: Vec<Vec<usize>> = items
            .iter()
            .map(|item| {
                item.depends_on().iter().filter_map(|id| index_of.get(id.as_str()).copied()).collect()
            })
            .collect();

        let policy = self.client.retry_policy().clone();
        let mut clock = Clock::new();
        let mut states = vec![State::Pending { ready_at: Duration::ZERO }; items.len()];
        let mut attempts = vec![0u32; items.len()];
        let mut responses = BatchResponse::new();
        loop {
            let now = clock.now();
            // Items after a failure are not sent; the others wait for their prerequisites.
            let mut effective = vec![Duration::ZERO; items.len()];
            for index in 0..items.len() {
                let State::Pending { ready_at } = states[index] else { continue };
                if let Some(&failed) = prerequisites[index].iter().find(|&&p| states[p] == State::Failed) {
                    responses
                        .insert(items[index].id(), failed_dependency(items[index].id(), items[failed].id()));
                    states[index] = State::Failed;
                    continue;
                }
                effective[index] = prerequisites[index]
                    .iter()
                    .filter(|&&p| matches!(states[p], State::Pending { .. }))
                    .map(|&p| effective[p])
                    .fold(ready_at, Duration::max);
            }
            let pending: Vec<usize> =
                (0..items.len()).filter(|&index| matches!(states[index], State::Pending { .. })).collect();
            if pending.is_empty() {
                return Ok(responses);
            }
            let ready: Vec<usize> =
                pending.iter().copied().filter(|&index| effective[index] <= now).collect();
            if ready.is_empty() {
                let wake = pending.iter().map(|&index| effective[index]).min().unwrap_or(now);
                clock.sleep(&self.client, wake.saturating_sub(now)).await;
                continue;
            }

            // Ready items, their linked groups kept whole, packed into requests in order.
            let mut chunks: Vec<Vec<usize>> = Vec::new();
            let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
            for &index in &ready {
                by_group[group_of[index]].push(index);
            }
            for members in by_group.into_iter().filter(|members| !members.is_empty()) {
                // First fit among the last four requests, so that packing stays linear in the items.
                let open = chunks.len().saturating_sub(4);
                match chunks[open..].iter_mut().find(|chunk| chunk.len() + members.len() <= self.max_items) {
                    Some(chunk) => chunk.extend(members),
                    None => chunks.push(members),
                }
            }
            for chunk in &chunks {
                for &index in chunk {
                    attempts[index] += 1;
                }
            }
            let sends: Vec<_> = chunks.iter().map(|chunk| self.send_one(chunk.clone())).collect();
            let answers = all_limited(sends, self.concurrency).await;

            let now = clock.now();
            for (chunk, answer) in chunks.iter().zip(answers) {
                let answer = match answer {
                    Ok(answer) => answer,
                    Err(error) => {
                        for &index in chunk {
                            responses.insert_failure(items[index].id(), &error);
                            states[index] = State::Failed;
                        }
                        continue;
                    }
                };
                // In order, so that a dependent sees what became of its prerequisites.
                let mut sorted = chunk.clone();
                sorted.sort_unstable();
                for index in sorted {
                    let item = &items[index];
                    let Some(response) = answer.get(item.id()) else {
                        // Not answered: whether it was processed is unknown, so it is not re-sent.
                        responses.remove(item.id());
                        states[index] = State::Failed;
                        continue;
                    };
                    let status = response.status();
                    let retry =
                        retryable_status(item.method(), status) && attempts[index] < policy.attempts();
                    let wait = retry
                        .then(|| {
                            retry_after(response.headers(), SystemTime::now())
                                .unwrap_or_else(|| policy.backoff(attempts[index]))
                        })
                        .filter(|wait| now + *wait <= policy.total_budget());
                    let waiting_prerequisite = prerequisites[index]
                        .iter()
                        .filter_map(|&p| match states[p] {
                            State::Pending { ready_at } => Some(ready_at),
                            _ => None,
                        })
                        .max();
                    states[index] = match (wait, waiting_prerequisite) {
                        (Some(wait), _) => State::Pending { ready_at: now + wait },
                        // Not run because its prerequisite was throttled: sent again with it,
                        // and this attempt is not counted.
                        (None, Some(ready_at)) if status == StatusCode::FAILED_DEPENDENCY => {
                            attempts[index] -= 1;
                            State::Pending { ready_at }
                        }
                        _ if status.is_success() => State::Done,
                        _ => State::Failed,
                    };
                    responses.insert(item.id(), response.clone().with_attempts(attempts[index]));
                }
            }
        }
    }

    /// One `$batch` request of the items at these indices.
    async fn send_one(&self, chunk: Vec<usize>) -> Result<BatchResponse, Error> {
        let items = self.batch.items();
        let request = self.batch.request_for(chunk.iter().map(|&index| items[index].id()))?;
        let (response, context) = self.client.exchange(request).await?;
        let context = context.with_response(&response);
        BatchResponse::read(response).map_err(|error| error.in_request(context))
    }
}

/// `424 Failed Dependency` for an item not sent because `prerequisite` failed.
fn failed_dependency(id: &str, prerequisite: &str) -> ItemResponse {
    let body = serde_json::json!({"error": {
        "code": "failedDependency",
        "message": format!("batch item `{id}` was not sent: it depends on `{prerequisite}`, which failed"),
    }});
    ItemResponse::new(StatusCode::FAILED_DEPENDENCY, HeaderMap::new(), body.to_string().into_bytes())
        .with_attempts(0)
}

/// The items linked by `dependsOn`, directly or not (the connected groups), each in order,
/// in the order of their first item.
fn linked_groups(batch: &Batch) -> Vec<Vec<usize>> {
    let items = batch.items();
    let index_of = positions(batch);
    // Union-find over the items, by index.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn root(parent: &mut [usize], mut index: usize) -> usize {
        while parent[index] != index {
            parent[index] = parent[parent[index]];
            index = parent[index];
        }
        index
    }
    for (index, item) in items.iter().enumerate() {
        for id in item.depends_on() {
            if let Some(&other) = index_of.get(id.as_str()) {
                let (a, b) = (root(&mut parent, index), root(&mut parent, other));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    // A group's root is its first item (the smaller index wins), so groups come in order.
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for index in 0..items.len() {
        let group = root(&mut parent, index);
        let number = *group_of_root.entry(group).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[number].push(index);
    }
    groups
}

/// The index of each item, by id.
fn positions(batch: &Batch) -> HashMap<&str, usize> {
    batch.items().iter().enumerate().map(|(index, item)| (item.id(), index)).collect()
}

/// Time as the batch sees it: real time, plus whatever an injected sleep skipped (so that a
/// test's instant sleep still moves throttled items past their `Retry-After`).
struct Clock {
    started: Instant,
    skipped: Duration,
}

impl Clock {
    fn new() -> Self {
        Clock { started: Instant::now(), skipped: Duration::ZERO }
    }

    fn now(&self) -> Duration {
        self.started.elapsed() + self.skipped
    }

    async fn sleep(&mut self, client: &Client, wait: Duration) {
        let before = Instant::now();
        client.pause(wait).await;
        self.skipped += wait.saturating_sub(before.elapsed());
    }
}

/// Runs `futures` with at most `limit` of them polled at once; their outputs in order.
async fn all_limited<F: Future>(futures: impl IntoIterator<Item = F>, limit: usize) -> Vec<F::Output> {
    let mut waiting = futures.into_iter().enumerate();
    let mut running: Vec<(usize, Pin<Box<F>>)> = Vec::new();
    let mut outputs: Vec<Option<F::Output>> = Vec::new();
    poll_fn(|cx| loop {
        while running.len() < limit {
            let Some((index, future)) = waiting.next() else { break };
            running.push((index, Box::pin(future)));
        }
        if running.is_empty() {
            return Poll::Ready(());
        }
        let before = running.len();
        let mut position = 0;
        while position < running.len() {
            if let Poll::Ready(output) = running[position].1.as_mut().poll(cx) {
                let (index, _) = running.swap_remove(position);
                if outputs.len() <= index {
                    outputs.resize_with(index + 1, || None);
                }
                outputs[index] = Some(output);
            } else {
                position += 1;
            }
        }
        if running.len() == before {
            return Poll::Pending;
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use odata_core::Service;

    fn batch_of(links: &[&[&str]]) -> Batch {
        let service = Service::new("https://graph.microsoft.com/v1.0");
        let mut batch = Batch::new(&service);
        for (number, after) in links.iter().enumerate() {
            let request = http::Request::get(format!("https://graph.microsoft.com/v1.0/x/{number}"))
                .body(Vec::new())
                .unwrap();
            batch.add_after::<serde_json::Value>(request, after).unwrap();
        }
        batch
    }

    #[test]
    fn linked_items_form_one_group_whatever_the_direction_of_the_links() {
        let batch = batch_of(&[&[], &[], &["1"], &["2"], &["3", "4"], &[]]);
        assert_eq!(linked_groups(&batch), [vec![0, 1, 2, 3, 4], vec![5]]);
        let batch = batch_of(&[&[], &["1"], &[], &["3"]]);
        assert_eq!(linked_groups(&batch), [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn sending_is_a_send_future() {
        fn is_send<T: Send>(_: &T) {}
        let client = Client::new(Service::new("https://graph.microsoft.com/v1.0")).unwrap();
        let batch = batch_of(&[&[]]);
        is_send(&client.batch(&batch).send());
    }

    #[tokio::test]
    async fn futures_run_at_most_limit_at_once_and_their_outputs_keep_their_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let futures = (0..7).map(|n| {
            let (running, most) = (&running, &most);
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10 * (7 - n))).await;
                running.fetch_sub(1, Ordering::SeqCst);
                n
            }
        });
        assert_eq!(all_limited(futures, 3).await, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(most.load(Ordering::SeqCst), 3);
    }
}
