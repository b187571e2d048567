//! Per-request options: what stripe-python's `options` (and its `RequestOptions`) let one call set
//! instead of the client: the API key, `Stripe-Account`, `Stripe-Context`, `Stripe-Version`, the
//! `Idempotency-Key`, the number of retries, extra headers; and here also a deadline.

use std::fmt;
use std::time::Duration;

use crate::error::Error;

/// Options for one request; each overrides the client's setting. Built with [`new`](Self::new)
/// and the setters; its fields are private, so later options are added without breaking code.
///
/// ```
/// use stripe_runtime::RequestOptions;
///
/// let options = RequestOptions::new()
///     .api_key("sk_test_platform_key")
///     .stripe_account("acct_connected")
///     .idempotency_key("order-1234")
///     .max_network_retries(0)
///     .header("X-Request-Trace", "abc");
/// assert!(!format!("{options:?}").contains("sk_test"), "the key never shows");
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct RequestOptions {
    pub(crate) api_key: Option<String>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) stripe_account: Option<String>,
    pub(crate) stripe_context: Option<String>,
    pub(crate) api_version: Option<String>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_network_retries: Option<u32>,
    pub(crate) headers: Vec<(String, String)>,
}

/// Headers the client writes itself, each set through its own option (or not at all): extra
/// headers may not replace them.
const CLIENT_HEADERS: &[&str] = &[
    "authorization",
    "content-length",
    "content-type",
    "host",
    "idempotency-key",
    "stripe-account",
    "stripe-context",
    "stripe-version",
    "user-agent",
    "x-stripe-client-telemetry",
    "x-stripe-client-user-agent",
];

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }
    /// Sends this secret key in `Authorization` instead of the client's (a Connect platform
    /// calling with several keys).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }
    /// Sets the idempotency key.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
    /// Sets the connected account (`Stripe-Account`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }
    /// Sets `Stripe-Context`, the context (an account or a path of them) the call acts in.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.stripe_context = Some(context.into());
        self
    }
    /// Sets the API version (`Stripe-Version`; stripe-python's `stripe_version`).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }
    /// Sets the overall deadline of the call, retries included.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
    /// Retries this call at most `retries` times instead of the client's `max_retries` (the
    /// client's delays still apply).
    pub fn max_network_retries(mut self, retries: u32) -> Self {
        self.max_network_retries = Some(retries);
        self
    }
    /// Adds a header to send, after the client's own. A header the client writes itself
    /// (`Authorization`, `Stripe-Account`, `Idempotency-Key`, …) cannot be replaced this way: the
    /// call fails with [`Error::Config`] before sending, pointing to the option that sets it.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Reports, before anything is sent, an option no header can hold, an extra header the client
    /// writes itself, or a key that is not one.
    pub(crate) fn check(&self) -> Result<(), Error> {
        if let Some(key) = &self.api_key {
            crate::client::check_secret_key(key)?;
        }
        for (what, value) in [
            ("the idempotency key", &self.idempotency_key),
            ("the Stripe account", &self.stripe_account),
            ("the Stripe context", &self.stripe_context),
            ("the API version", &self.api_version),
        ] {
            if let Some(value) = value {
                crate::client::check_header_value(what, value)?;
            }
        }
        for (name, value) in &self.headers {
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
                return Err(Error::Config(format!("the extra header name {name:?} is not an HTTP header name")));
            }
            if CLIENT_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                return Err(Error::Config(format!(
                    "the extra header `{name}` is written by the client; set it with its own option \
                     (RequestOptions::api_key, stripe_account, stripe_context, api_version or idempotency_key)"
                )));
            }
            crate::client::check_header_value(&format!("the extra header `{name}`"), value)?;
        }
        Ok(())
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("idempotency_key", &self.idempotency_key)
            .field("stripe_account", &self.stripe_account)
            .field("stripe_context", &self.stripe_context)
            .field("api_version", &self.api_version)
            .field("deadline", &self.deadline)
            .field("max_network_retries", &self.max_network_retries)
            .field("headers", &self.headers)
            .finish()
    }
}
