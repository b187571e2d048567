//! When to retry and how long to wait, as Stripe's official SDKs do.

use std::time::Duration;

use crate::transport::{HttpResponse, TransportError};

/// Retry configuration. The defaults are those of Stripe's SDKs: 2 retries; before retry `n`,
/// wait `max(0.5 s, min(0.5 s · 2^(n-1), 5 s) · U[0.5, 1])`, so retry 1 waits exactly 0.5 s,
/// retry 2 0.5–1 s, retry 3 1–2 s, retry 4 2–4 s, and any later one 2.5–5 s.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// How many times a failed request is sent again (0 disables retries).
    pub max_retries: u32,
    /// Delay before the first retry, before jitter; also the shortest delay of any retry.
    pub initial_delay: Duration,
    /// Upper bound of any delay, before jitter.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, initial_delay: Duration::from_millis(500), max_delay: Duration::from_secs(5) }
    }
}

impl RetryPolicy {
    /// Delay before retry number `retry` (1 for the first), with `jitter` in `[0, 1]`
    /// choosing where in 50–100 % of the nominal delay it falls, never under `initial_delay`:
    /// `max(initial, min(initial · 2^(retry-1), max) · (0.5 + 0.5 · jitter))`.
    pub fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let nominal = self.initial_delay.saturating_mul(doubling).min(self.max_delay);
        nominal.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0)).max(self.initial_delay)
    }
}

/// What a response tells the retry loop: `Stripe-Should-Retry` wins over the status.
pub fn should_retry_status(status: u16, should_retry_header: Option<&str>) -> bool {
    match should_retry_header {
        Some("true") => true,
        Some("false") => false,
        _ => status == 409 || status >= 500,
    }
}

/// The retry decisions of one call, the same for the async and the blocking client: only sending
/// an attempt and sleeping differ between them.
#[derive(Debug)]
pub(crate) struct Attempts<'a> {
    policy: &'a RetryPolicy,
    retries: u32,
}

/// What the client does after an attempt.
#[derive(Debug)]
pub(crate) enum Next {
    /// The call ends with this outcome.
    Done(Result<HttpResponse, TransportError>),
    /// Sleep this long, then send the same request again.
    Retry(Duration),
}

impl<'a> Attempts<'a> {
    /// A call that has made no attempt yet.
    pub(crate) fn new(policy: &'a RetryPolicy) -> Self {
        Attempts { policy, retries: 0 }
    }

    /// How many attempts have been sent, once [`after`](Self::after) has judged the last one.
    pub(crate) fn sent(&self) -> u32 {
        self.retries + 1
    }

    /// Decides after an attempt's `outcome`. `time_left` is what remains of the call's deadline
    /// (none without one): a retry the deadline would cut short is not started, because the last
    /// answer is more useful. `jitter` in `[0, 1]` places the wait (see [`RetryPolicy::delay`]).
    pub(crate) fn after(
        &mut self,
        outcome: Result<HttpResponse, TransportError>,
        time_left: Option<Duration>,
        jitter: f64,
    ) -> Next {
        let retryable = match &outcome {
            Ok(response) => should_retry_status(response.status, response.header("stripe-should-retry")),
            Err(error) => error.is_retryable(),
        };
        if !retryable || self.retries >= self.policy.max_retries {
            return Next::Done(outcome);
        }
        let delay = self.policy.delay(self.retries + 1, jitter);
        if time_left.is_some_and(|left| delay >= left) {
            return Next::Done(outcome);
        }
        self.retries += 1;
        Next::Retry(delay)
    }
}

/// A uniform number in `[0, 1)` from the OS random source.
pub(crate) fn jitter() -> f64 {
    let mut bytes = [0u8; 8];
    crate::uuid::random_bytes(&mut bytes);
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_the_official_sdks_formula() {
        let policy = RetryPolicy::default();
        let ms = |retry, jitter| policy.delay(retry, jitter).as_millis();
        // Retry 1 is never shorter than 0.5 s, whatever the jitter.
        assert_eq!((ms(1, 0.0), ms(1, 0.5), ms(1, 1.0)), (500, 500, 500));
        assert_eq!((ms(2, 0.0), ms(2, 1.0)), (500, 1000));
        assert_eq!((ms(3, 0.0), ms(3, 1.0)), (1000, 2000));
        assert_eq!((ms(4, 0.0), ms(4, 1.0)), (2000, 4000));
        assert_eq!((ms(5, 0.0), ms(5, 1.0)), (2500, 5000));
        assert_eq!((ms(30, 0.0), ms(30, 1.0)), (2500, 5000));
        assert_eq!((ms(u32::MAX, 0.0), ms(u32::MAX, 1.0)), (2500, 5000));
        // Jitter outside [0, 1] is clamped.
        assert_eq!((ms(2, -3.0), ms(2, 7.0)), (500, 1000));
        // In between, the formula: max(0.5, min(0.5 * 2^(n-1), 5) * (0.5 + 0.5 * j)).
        for retry in 1..12u32 {
            for step in 0..=20 {
                let jitter = f64::from(step) / 20.0;
                let nominal = (0.5 * 2f64.powi(retry as i32 - 1)).min(5.0);
                let expected = (nominal * (0.5 + 0.5 * jitter)).max(0.5);
                let got = policy.delay(retry, jitter).as_secs_f64();
                assert!((got - expected).abs() < 1e-6, "retry {retry} jitter {jitter}: {got} != {expected}");
            }
        }
    }

    #[test]
    fn header_wins_over_status() {
        assert!(should_retry_status(500, None));
        assert!(should_retry_status(503, None));
        assert!(should_retry_status(409, None));
        assert!(!should_retry_status(429, None));
        assert!(!should_retry_status(400, None));
        assert!(!should_retry_status(500, Some("false")));
        assert!(should_retry_status(400, Some("true")));
    }

    fn status(status: u16, should_retry: Option<&str>) -> Result<HttpResponse, TransportError> {
        let headers = should_retry.map(|v| vec![("Stripe-Should-Retry".to_owned(), v.to_owned())]).unwrap_or_default();
        Ok(HttpResponse { status, headers, body: Vec::new() })
    }

    fn retry_after(next: Next) -> Option<Duration> {
        match next {
            Next::Retry(delay) => Some(delay),
            Next::Done(_) => None,
        }
    }

    #[test]
    fn attempts_retry_what_may_succeed_with_the_backoff_until_retries_run_out() {
        let policy = RetryPolicy::default();
        let mut attempts = Attempts::new(&policy);
        assert_eq!(retry_after(attempts.after(status(500, None), None, 1.0)), Some(Duration::from_millis(500)));
        assert_eq!(retry_after(attempts.after(status(503, None), None, 1.0)), Some(Duration::from_millis(1000)));
        // Two retries by default: the third failure ends the call with its answer.
        assert!(matches!(attempts.after(status(500, None), None, 1.0), Next::Done(Ok(r)) if r.status == 500));

        let mut attempts = Attempts::new(&policy);
        assert!(matches!(attempts.after(status(200, None), None, 0.0), Next::Done(Ok(_))));
        assert!(matches!(attempts.after(status(400, None), None, 0.0), Next::Done(Ok(_))));
        assert!(matches!(attempts.after(status(500, Some("false")), None, 0.0), Next::Done(Ok(_))));
        assert!(retry_after(attempts.after(status(400, Some("true")), None, 0.0)).is_some());
        let refused = TransportError::Connection(crate::transport::Failure::new(
            crate::transport::FailureKind::ConnectionRefused,
            "refused",
        ));
        assert!(retry_after(attempts.after(Err(refused), None, 0.0)).is_some());
        let too_large = TransportError::BodyTooLarge { limit: 1 };
        assert!(matches!(
            Attempts::new(&policy).after(Err(too_large), None, 0.0),
            Next::Done(Err(TransportError::BodyTooLarge { .. }))
        ));
    }

    #[test]
    fn no_retry_starts_that_the_deadline_would_cut_short() {
        let policy = RetryPolicy::default();
        let left = |ms| Some(Duration::from_millis(ms));
        assert!(matches!(Attempts::new(&policy).after(status(500, None), left(500), 0.0), Next::Done(Ok(_))));
        assert!(matches!(Attempts::new(&policy).after(status(500, None), left(0), 0.0), Next::Done(Ok(_))));
        assert_eq!(
            retry_after(Attempts::new(&policy).after(status(500, None), left(501), 0.0)),
            Some(Duration::from_millis(500))
        );
    }

    #[test]
    fn jitter_is_in_range() {
        for _ in 0..100 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }
}
