//! The retry policy: when a second attempt is safe, how long to wait, and request pacing.
//!
//! RebalanceReadOnlyGroup is not idempotent (every call interrupts the replicas' connections)
//! and has no idempotency token, so tcpg retries only where the service certainly did not act:
//! - `RequestLimitExceeded` and its sub-codes (the request was refused before any work);
//! - transport failures before any byte of the request was sent (DNS, connect, TLS handshake).
//!
//! Anything after which the request may have reached the service (a read timeout, a gateway's
//! 502/503/504, `InternalError*`, `ServiceUnavailable`, the "try again later" codes) is reported,
//! never retried automatically. Waits are exponential with full jitter and a cap, and every
//! attempt is re-signed with a fresh timestamp by the caller. The loop stops at the first
//! success (unlike the official Python SDK's retryer, which can repeat successful calls).

use crate::error::{Delivery, Error};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// The default number of retries after the first attempt.
pub const DEFAULT_RETRIES: u32 = 3;
/// The first backoff ceiling; doubles with every retry.
pub const BASE_DELAY: Duration = Duration::from_millis(250);
/// The largest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(8);
/// The API allows 100 requests per second; one process stays under it.
pub const MIN_INTERVAL: Duration = Duration::from_millis(10);
/// The API's limit: at most this many requests in one window of [`RATE_WINDOW`].
pub const RATE_LIMIT: usize = 100;
/// One second, plus a millisecond for the server's clock.
pub const RATE_WINDOW: Duration = Duration::from_millis(1001);

/// Whether `error` proves the service did not act, so that sending again is safe.
pub fn is_safe_to_retry(error: &Error) -> bool {
    match error {
        Error::Api { code, .. } => crate::error::is_throttled(code),
        Error::Network { delivery, .. } => *delivery == Delivery::NotSent,
        _ => false,
    }
}

/// Exponential backoff with full jitter: a random wait in `[0, min(cap, base * 2^(n-1))]`
/// before retry `n` (1-based).
pub struct Backoff {
    base: Duration,
    cap: Duration,
    rng: u64,
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration, seed: u64) -> Self {
        Backoff { base, cap, rng: seed | 1 }
    }

    /// Seeded from the clock and the process ID: jitter only needs to differ between processes.
    pub fn from_entropy() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        Self::new(BASE_DELAY, MAX_DELAY, nanos ^ (u64::from(std::process::id()) << 32))
    }

    /// The ceiling of the wait before retry `n`.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32.checked_shl(retry.saturating_sub(1).min(20)).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// The wait before retry `n` (1-based).
    pub fn delay(&mut self, retry: u32) -> Duration {
        // xorshift64*: plenty for jitter.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let random = self.rng.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let ceiling = self.ceiling(retry).as_micros() as u64;
        Duration::from_micros(if ceiling == 0 { 0 } else { random % (ceiling + 1) })
    }
}

/// Keeps request starts at least [`MIN_INTERVAL`] apart, and at most [`RATE_LIMIT`] requests in
/// any [`RATE_WINDOW`] *as the server sees them*.
///
/// Spacing starts 10 ms apart is not enough on its own: the server counts arrivals, and the
/// first request of a connection arrives a TCP and TLS handshake late while the next ones do not,
/// so 101 arrivals can fall within one second (a real network's handshake of two round trips,
/// say 100 ms, makes that likely for any batch over 100). A request arrives before its attempt
/// ends, so request `k + 100` starts no earlier than one window after attempt `k` *ended*
/// ([`Pacer::finished`]): any 101 arrivals then span more than a window, whatever the latency.
/// This costs about one round trip per 100 requests.
pub struct Pacer {
    min_interval: Duration,
    limit: usize,
    window: Duration,
    last: Option<Instant>,
    /// When each of the last `limit` attempts ended (its start, until it ends).
    recent: VecDeque<Instant>,
}

impl Default for Pacer {
    fn default() -> Self {
        Pacer::new(MIN_INTERVAL, RATE_LIMIT, RATE_WINDOW)
    }
}

impl Pacer {
    pub fn new(min_interval: Duration, limit: usize, window: Duration) -> Self {
        Pacer { min_interval, limit: limit.max(1), window, last: None, recent: VecDeque::new() }
    }

    /// Wait, if needed, until the next request may start.
    pub fn wait(&mut self) {
        let mut ready = self.last.map(|last| last + self.min_interval);
        if self.recent.len() >= self.limit {
            if let Some(oldest_end) = self.recent.pop_front() {
                ready = ready.max(Some(oldest_end + self.window));
            }
        }
        if let Some(ready) = ready {
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
        let now = Instant::now();
        self.last = Some(now);
        self.recent.push_back(now);
    }

    /// The attempt started by the last [`Pacer::wait`] is over (answered or failed): the request
    /// reached the server, if at all, before now.
    pub fn finished(&mut self) {
        if let Some(end) = self.recent.back_mut() {
            *end = Instant::now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: &str) -> Error {
        Error::Api { code: code.into(), message: String::new(), request_id: None }
    }

    #[test]
    fn only_provably_unapplied_failures_are_retried() {
        assert!(is_safe_to_retry(&api("RequestLimitExceeded")));
        assert!(is_safe_to_retry(&api("RequestLimitExceeded.UinLimitExceeded")));
        assert!(is_safe_to_retry(&Error::Network { message: String::new(), delivery: Delivery::NotSent }));
        for code in [
            "InternalError",
            "ServiceUnavailable",
            "ResourceInUse",
            "FailedOperation.DatabaseAccessError",
            "RequestLimitExceededX",
        ] {
            assert!(!is_safe_to_retry(&api(code)), "{code}");
        }
        assert!(!is_safe_to_retry(&Error::Network { message: String::new(), delivery: Delivery::MaybeSent }));
        assert!(!is_safe_to_retry(&Error::HttpStatus {
            status: 503,
            host: String::new(),
            snippet: String::new()
        }));
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered_within_bounds() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(1000), 42);
        assert_eq!(b.ceiling(1), Duration::from_millis(100));
        assert_eq!(b.ceiling(2), Duration::from_millis(200));
        assert_eq!(b.ceiling(4), Duration::from_millis(800));
        assert_eq!(b.ceiling(5), Duration::from_millis(1000));
        assert_eq!(b.ceiling(100), Duration::from_millis(1000));
        let mut distinct = std::collections::BTreeSet::new();
        for retry in 1..50 {
            let d = b.delay(retry);
            assert!(d <= b.ceiling(retry), "{d:?}");
            distinct.insert(d);
        }
        assert!(distinct.len() > 40, "full jitter varies");
    }

    #[test]
    fn pacer_spaces_starts_and_counts_the_window_from_the_end_of_each_attempt() {
        // Lower bounds only (sleep never wakes early), so this cannot flake on a slow machine.
        let (interval, window) = (Duration::from_millis(2), Duration::from_millis(40));
        let mut pacer = Pacer::new(interval, 3, window);
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for _ in 0..8 {
            pacer.wait();
            starts.push(Instant::now());
            std::thread::sleep(Duration::from_millis(3));
            ends.push(Instant::now());
            pacer.finished();
        }
        for i in 1..starts.len() {
            assert!(starts[i] - starts[i - 1] >= interval, "spacing at {i}");
        }
        for i in 3..starts.len() {
            assert!(starts[i] >= ends[i - 3] + window, "window at {i}");
        }
    }
}
