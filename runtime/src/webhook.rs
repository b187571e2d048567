//! Verifying the `Stripe-Signature` header of incoming webhooks, as Stripe's official SDKs do.
//!
//! Stripe signs every webhook delivery with the endpoint's signing secret (`whsec_…`) and sends
//! `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. [`WebhookVerifier`] checks that
//! header against the **raw** request body (the exact bytes received, before any JSON parsing) and
//! rejects deliveries signed too long ago, so a captured request cannot be replayed later.
//!
//! The rules, matching stripe-python, stripe-node and stripe-go:
//!
//! - The header is split on `,` and each item on its first `=`. `t` must be an integer; every `v1`
//!   is collected; other schemes (`v0`, …) and items without `=` are ignored; a `v1` whose value is
//!   not hex is skipped. Nothing is trimmed: `t=1, v1=…` holds a scheme named `" v1"`, which is
//!   ignored, as in every SDK. A header with two `t` items is rejected (the SDKs disagree on which
//!   one to use: stripe-python takes the first, stripe-node and stripe-go the last).
//! - The signature is HMAC-SHA256, keyed with the UTF-8 bytes of the whole secret (`whsec_` prefix
//!   included, not decoded), over `{t}.` followed by the raw body. The delivery is authentic when
//!   any `v1` equals it (compared in constant time); Stripe sends several during a secret rotation.
//! - Then the timestamp must not be older than now − tolerance ([`DEFAULT_TOLERANCE`], 300 s, by
//!   default). The check is one-sided: a timestamp in the future is accepted. A zero tolerance turns
//!   the check off.
//!
//! [`WebhookVerifier::construct_event`] also checks that the body is an event (a JSON object with a
//! string `id` and `type`) and returns it as a [`serde_json::Value`];
//! [`WebhookVerifier::decode_event`] decodes it into a type instead, in a [`Decoded`] box (the
//! generated crate's typed `event::Event`, or any [`Decode`] type); [`WebhookVerifier::verify_signature`]
//! only checks the signature.
//! [`generate_test_header`] signs a payload, for your own tests.
//!
//! ```
//! use std::time::Duration;
//! use stripe_runtime::webhook::{generate_test_header, WebhookError, WebhookVerifier, SIGNATURE_HEADER};
//!
//! let secret = "whsec_test_secret";
//! let body = br#"{"id":"evt_123","object":"event","type":"customer.subscription.updated"}"#;
//! // In a handler: the raw body bytes and the value of the `Stripe-Signature` header.
//! let now = std::time::SystemTime::now()
//!     .duration_since(std::time::UNIX_EPOCH)
//!     .unwrap()
//!     .as_secs() as i64;
//! let header = generate_test_header(body, secret, now);
//! assert_eq!(SIGNATURE_HEADER, "Stripe-Signature");
//!
//! let verifier = WebhookVerifier::new(secret).tolerance(Duration::from_secs(300));
//! let event = verifier.construct_event(body, &header)?;
//! assert_eq!(event["type"], "customer.subscription.updated");
//!
//! // A body altered after signing is rejected.
//! let tampered = br#"{"id":"evt_124","object":"event","type":"customer.subscription.updated"}"#;
//! assert!(matches!(
//!     verifier.verify_signature(tampered, &header),
//!     Err(WebhookError::NoMatchingSignature)
//! ));
//! # Ok::<(), WebhookError>(())
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ring::hmac;
use serde::Deserialize as _;

use crate::{Decode, Decoded};

/// Name of the header Stripe puts the signature in.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// How old a signature may be before it is rejected, as in the official SDKs: 300 seconds.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The only signature scheme Stripe's SDKs verify; `v0` (test-mode, legacy) is ignored.
const SCHEME: &str = "v1";

/// A webhook endpoint's signing secret (`whsec_…`).
///
/// Its `Debug` output is redacted and it has no `Display`, so it cannot end up in logs by accident.
#[derive(Clone)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Wraps a signing secret, exactly as shown in the dashboard (`whsec_` prefix included).
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }
}

impl From<String> for WebhookSecret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for WebhookSecret {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// Why a webhook delivery was rejected. Each failure has its own variant; none carries the secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// The `Stripe-Signature` header is empty (pass `""` when the request has none).
    MissingHeader,
    /// The header has no `t` item, more than one, or a `t` that is not an integer.
    InvalidHeader {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The header has no `v1` signature with a hex value (for example only `v0`).
    NoV1Signature,
    /// No `v1` signature matches the body and the secret: a forged or altered delivery, the wrong
    /// secret, or a body that was not passed exactly as received (re-serialized JSON, changed line
    /// endings, a secret with stray whitespace).
    NoMatchingSignature,
    /// The signature is authentic but older than the tolerance allows: possibly a replay.
    TimestampTooOld {
        /// The header's `t`, in Unix seconds.
        timestamp: i64,
        /// The tolerance it was checked against.
        tolerance: Duration,
    },
    /// The signature is authentic but the body is not an event: not JSON, or not an object with a
    /// string `id` and a string `type`.
    NotAnEvent(serde_json::Error),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader => write!(f, "no {SIGNATURE_HEADER} header"),
            WebhookError::InvalidHeader { reason } => write!(f, "invalid {SIGNATURE_HEADER} header: {reason}"),
            WebhookError::NoV1Signature => write!(f, "the {SIGNATURE_HEADER} header has no v1 signature"),
            WebhookError::NoMatchingSignature => write!(
                f,
                "no v1 signature matches the payload; pass the raw request body exactly as received, \
                 and check the endpoint's signing secret"
            ),
            WebhookError::TimestampTooOld { timestamp, tolerance } => write!(
                f,
                "the signature timestamp {timestamp} is older than the tolerance of {} s",
                tolerance.as_secs_f64()
            ),
            WebhookError::NotAnEvent(e) => write!(f, "the webhook body is not an event: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::NotAnEvent(e) => Some(e),
            _ => None,
        }
    }
}

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// Verifies webhook deliveries for one endpoint secret. Cheap to clone; build it once and share it.
#[derive(Clone)]
pub struct WebhookVerifier {
    key: hmac::Key,
    tolerance: Duration,
    clock: Option<Clock>,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secret", &format_args!("<redacted>"))
            .field("tolerance", &self.tolerance)
            .field("clock", &if self.clock.is_some() { "custom" } else { "system" })
            .finish()
    }
}

impl WebhookVerifier {
    /// A verifier for `secret` with the [`DEFAULT_TOLERANCE`] and the system clock.
    pub fn new(secret: impl Into<WebhookSecret>) -> Self {
        let secret = secret.into();
        Self { key: hmac::Key::new(hmac::HMAC_SHA256, secret.0.as_bytes()), tolerance: DEFAULT_TOLERANCE, clock: None }
    }

    /// How old a signature may be; [`Duration::ZERO`] turns the time check off (for replaying
    /// stored deliveries, never for live traffic).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Replaces the system clock used for the time check, for tests.
    pub fn clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Some(Arc::new(now));
        self
    }

    /// Checks `header` (the value of `Stripe-Signature`) against the raw body `payload`, then its
    /// age. Does not look at the body's content: use this before decoding it into your own types.
    pub fn verify_signature(&self, payload: &[u8], header: &str) -> Result<(), WebhookError> {
        let header = parse_header(header)?;
        let expected = sign(&self.key, header.timestamp, payload);
        if !header.signatures.iter().any(|candidate| constant_time_eq(expected.as_ref(), candidate)) {
            return Err(WebhookError::NoMatchingSignature);
        }
        if !self.tolerance.is_zero() {
            let now = self.clock.as_ref().map_or_else(SystemTime::now, |clock| clock());
            let age_ns = unix_nanos(now) - i128::from(header.timestamp) * 1_000_000_000;
            if age_ns > self.tolerance.as_nanos() as i128 {
                return Err(WebhookError::TimestampTooOld { timestamp: header.timestamp, tolerance: self.tolerance });
            }
        }
        Ok(())
    }

    /// [`verify_signature`](Self::verify_signature), then parses the body and checks that it is an
    /// event: a JSON object with a string `id` and a string `type`.
    pub fn construct_event(&self, payload: &[u8], header: &str) -> Result<serde_json::Value, WebhookError> {
        self.verify_signature(payload, header)?;
        let event: serde_json::Value = serde_json::from_slice(payload).map_err(WebhookError::NotAnEvent)?;
        EventHead::deserialize(&event).map_err(WebhookError::NotAnEvent)?;
        Ok(event)
    }

    /// [`verify_signature`](Self::verify_signature), then decodes the body into a `T` (in a
    /// [`Decoded`], dropped by code compiled in the crate that defines `T`): the generated
    /// crate's typed `event::Event`, whose decoder is compiled in that crate, not in yours (see
    /// [`Decode`]). A body that does not decode is [`WebhookError::NotAnEvent`]. For a type of your
    /// own, call [`verify_signature`](Self::verify_signature) and decode the body with serde.
    pub fn decode_event<T: Decode>(&self, payload: &[u8], header: &str) -> Result<Decoded<T>, WebhookError> {
        self.verify_signature(payload, header)?;
        T::decode(payload).map_err(WebhookError::NotAnEvent)
    }
}

/// The fields every event has; deserializing them checks their presence and types.
#[derive(serde::Deserialize)]
struct EventHead<'a> {
    #[serde(borrow, rename = "id")]
    _id: &'a str,
    #[serde(borrow, rename = "type")]
    _type: &'a str,
}

/// A valid `Stripe-Signature` header for `payload` signed with `secret` at `timestamp` (Unix
/// seconds): `t=<timestamp>,v1=<hex>`. For your own tests, like `generate_test_header_string` in
/// the official SDKs.
pub fn generate_test_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let tag = sign(&key, timestamp, payload);
    let mut header = format!("t={timestamp},{SCHEME}=");
    for byte in tag.as_ref() {
        header.push(char::from(HEX[usize::from(byte >> 4)]));
        header.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    header
}

const HEX: &[u8; 16] = b"0123456789abcdef";

struct ParsedHeader {
    timestamp: i64,
    signatures: Vec<Vec<u8>>,
}

fn parse_header(header: &str) -> Result<ParsedHeader, WebhookError> {
    if header.is_empty() {
        return Err(WebhookError::MissingHeader);
    }
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        let Some((key, value)) = item.split_once('=') else { continue };
        if key == "t" {
            if timestamp.is_some() {
                return Err(WebhookError::InvalidHeader { reason: "more than one `t` item" });
            }
            let t =
                value.parse::<i64>().map_err(|_| WebhookError::InvalidHeader { reason: "`t` is not an integer" })?;
            timestamp = Some(t);
        } else if key == SCHEME {
            if let Some(signature) = decode_hex(value) {
                signatures.push(signature);
            }
        }
    }
    let timestamp = timestamp.ok_or(WebhookError::InvalidHeader { reason: "no `t` item" })?;
    if signatures.is_empty() {
        return Err(WebhookError::NoV1Signature);
    }
    Ok(ParsedHeader { timestamp, signatures })
}

/// HMAC-SHA256 of `{timestamp}.` followed by the payload.
fn sign(key: &hmac::Key, timestamp: i64, payload: &[u8]) -> hmac::Tag {
    let mut context = hmac::Context::with_key(key);
    context.update(format!("{timestamp}.").as_bytes());
    context.update(payload);
    context.sign()
}

/// Hex of either case; `None` for an odd length or a non-hex character.
fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = hex.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes.chunks_exact(2).map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?)).collect()
}

/// Compares without an early exit, so the time taken does not tell how many leading bytes of a
/// forged signature were right. Lengths are not secret (a SHA-256 MAC is always 32 bytes).
fn constant_time_eq(expected: &[u8], candidate: &[u8]) -> bool {
    if expected.len() != candidate.len() {
        return false;
    }
    let difference = expected.iter().zip(candidate).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(difference) == 0
}

/// Nanoseconds since the Unix epoch, negative before it.
fn unix_nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decodes_both_cases_and_rejects_the_rest() {
        assert_eq!(decode_hex("00ffAb"), Some(vec![0x00, 0xff, 0xab]));
        assert_eq!(decode_hex(""), Some(vec![]));
        assert_eq!(decode_hex("abc"), None);
        assert_eq!(decode_hex("zz"), None);
        assert_eq!(decode_hex("+1"), None);
    }

    #[test]
    fn constant_time_eq_compares_whole_slices() {
        assert!(constant_time_eq(b"abcd", b"abcd"));
        assert!(!constant_time_eq(b"abcd", b"abce"));
        assert!(!constant_time_eq(b"abcd", b"abc"));
    }

    #[test]
    fn unix_nanos_is_signed() {
        assert_eq!(unix_nanos(UNIX_EPOCH + Duration::from_secs(2)), 2_000_000_000);
        assert_eq!(unix_nanos(UNIX_EPOCH - Duration::from_secs(2)), -2_000_000_000);
    }
}
