//! When to retry and how long to wait, as Stripe's official SDKs do.

use std::time::Duration;

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
}
