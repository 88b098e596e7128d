//! When a failed attempt is tried again, and after how long.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};
use odata_core::TransportKind;

/// How throttled and failed requests are retried.
///
/// An answer of `429 Too Many Requests`, `503 Service Unavailable` or `504 Gateway Timeout`
/// is tried again after the wait its `Retry-After` header asks for (seconds or an HTTP
/// date); without one, or with one that does not read, after a capped exponential backoff
/// with jitter. A request is only repeated when that is safe: `GET`, `HEAD`, `PUT`,
/// `DELETE` and `PATCH` on all three statuses and on a timeout or broken connection;
/// `POST` only on 429 and 503, where the service says it did not process the request, and
/// when the connection could not be made at all. The body is sent again whole.
///
/// Retrying stops after [`max_attempts`](Self::max_attempts) attempts, or when the next
/// wait would end past the total [`budget`](Self::budget) since the first attempt; the last
/// answer is then returned as it is.
///
/// ```
/// use std::time::Duration;
/// use odata_client::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(200))
///     .max_delay(Duration::from_secs(10))
///     .budget(Duration::from_secs(60));
/// assert_eq!(policy.attempts(), 5);
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    budget: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, backoff from 500 ms doubling up to 30 s, 2 minutes in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            budget: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// At most this many attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry, when the service does not say how long to wait;
    /// it doubles for each further retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff. A `Retry-After` the service sends is honoured even when longer.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The total time from the first attempt within which every wait must end.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// The maximum number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    pub(crate) fn total_budget(&self) -> Duration {
        self.budget
    }

    /// The wait before retry number `retry` (from 1): the capped exponential backoff, with
    /// "equal jitter" (between half of it and all of it) so that throttled clients spread out.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let doubled = self.base_delay.saturating_mul(1 << retry.saturating_sub(1).min(30));
        let capped = doubled.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// Whether the service said, by this status, that the request may be sent again.
pub(crate) fn retryable_status(method: &Method, status: StatusCode) -> bool {
    match status {
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
            idempotent(method) || *method == Method::POST
        }
        // A gateway timeout says nothing of whether the service processed the request.
        StatusCode::GATEWAY_TIMEOUT => idempotent(method),
        _ => false,
    }
}

/// Whether a request that got no answer may be sent again.
pub(crate) fn retryable_transport(method: &Method, kind: TransportKind) -> bool {
    match kind {
        // The request never left: safe for every method.
        TransportKind::Connect => true,
        _ => idempotent(method),
    }
}

fn idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::PATCH
    )
}

/// The wait that `Retry-After` asks for: delay-seconds, or an HTTP date (a date already
/// past asks for no wait). `None` when absent or malformed.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, retry_after.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:09 GMT"), now), Some(Duration::from_secs(9)));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:27:00 GMT"), now), Some(Duration::ZERO));
        for malformed in ["soon", "-3", "1.5", "Wed, 32 Oct 2015 07:28:09 GMT"] {
            assert_eq!(retry_after(&headers(malformed), now), None, "{malformed}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350));
        for _ in 0..100 {
            for (retry, full) in [(1, 100), (2, 200), (3, 350), (40, 350)] {
                let wait = policy.backoff(retry);
                let full = Duration::from_millis(full);
                assert!(wait >= full / 2 && wait <= full, "retry {retry}: {wait:?}");
            }
        }
    }

    #[test]
    fn only_safe_requests_are_retried() {
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::PATCH] {
            for status in [429, 503, 504] {
                assert!(
                    retryable_status(&method, StatusCode::from_u16(status).unwrap()),
                    "{method} {status}"
                );
            }
            assert!(!retryable_status(&method, StatusCode::INTERNAL_SERVER_ERROR));
            assert!(retryable_transport(&method, TransportKind::Timeout));
        }
        assert!(retryable_status(&Method::POST, StatusCode::TOO_MANY_REQUESTS));
        assert!(retryable_status(&Method::POST, StatusCode::SERVICE_UNAVAILABLE));
        assert!(!retryable_status(&Method::POST, StatusCode::GATEWAY_TIMEOUT));
        assert!(!retryable_status(&Method::POST, StatusCode::INTERNAL_SERVER_ERROR));
        assert!(!retryable_transport(&Method::POST, TransportKind::Timeout));
        assert!(!retryable_transport(&Method::POST, TransportKind::Other));
        assert!(retryable_transport(&Method::POST, TransportKind::Connect));
    }
}
