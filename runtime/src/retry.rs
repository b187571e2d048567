//! When to retry and how long to wait, as Stripe's official SDKs do.

use std::time::Duration;

/// Retry configuration. The defaults are those of Stripe's SDKs: 2 retries, 0.5 s initial
/// delay doubling on each retry, capped at 5 s, keeping 50–100 % of each delay (jitter).
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// How many times a failed request is sent again (0 disables retries).
    pub max_retries: u32,
    /// Delay before the first retry, before jitter.
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
    /// choosing where in 50–100 % of the nominal delay it falls.
    pub fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let doubling = 2u32.saturating_pow(retry.saturating_sub(1));
        let nominal = self.initial_delay.saturating_mul(doubling).min(self.max_delay);
        nominal.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_keeps_half_to_all() {
        let policy = RetryPolicy::default();
        let ms = |retry, jitter| policy.delay(retry, jitter).as_millis();
        assert_eq!((ms(1, 0.0), ms(1, 1.0)), (250, 500));
        assert_eq!((ms(2, 0.0), ms(2, 1.0)), (500, 1000));
        assert_eq!((ms(3, 0.0), ms(3, 1.0)), (1000, 2000));
        assert_eq!((ms(5, 0.0), ms(5, 1.0)), (2500, 5000));
        assert_eq!((ms(30, 0.0), ms(30, 1.0)), (2500, 5000));
        for retry in 1..8 {
            let d = ms(retry, 0.37);
            assert!(d >= ms(retry, 0.0) && d <= ms(retry, 1.0));
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
}
