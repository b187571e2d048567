//! What the runtime tells `tracing` (feature `tracing`; without it, every function here is empty
//! and no `tracing` crate is built): one span per call and one event per attempt. Never the key,
//! never a body, never an id from the path: the span names the operation and its path template.
//!
//! - span `stripe.call` (INFO): `operation` (the parameters type, `CreateSession`), `method`,
//!   `path` (the template, `/v1/customers/{customer}`; empty for `execute` and raw pagers, whose
//!   paths may hold ids);
//! - event per attempt, in the span: `attempt` (from 1), `status` (or `error`, the transport
//!   failure's kind), `request_id`, `elapsed_ms`; for an attempt that is retried also
//!   `retry_reason` and `wait_ms`. DEBUG for the attempt that ends the call, WARN for one that is
//!   retried.

use std::time::Duration;

use crate::client::Method;
use crate::transport::{HttpResponse, TransportError};

/// What a call is, for its span: the generated operation and its path template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// The operation's parameters type (`CreateSession`), or `execute` for a raw call.
    pub operation: &'static str,
    /// The path template (`/v1/customers/{customer}`), or empty where it is not known.
    pub path: &'static str,
}

impl Label {
    /// A call through [`Client::execute`](crate::Client::execute) (or the blocking one's), whose
    /// path may hold ids: its span names no path.
    pub const EXECUTE: Label = Label { operation: "execute", path: "" };
    /// A raw pager's page request ([`Pager::list`](crate::Pager::list), …).
    pub const PAGER: Label = Label { operation: "page", path: "" };
}

/// The span of one call.
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl CallSpan {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(label: Label, method: Method) -> Self {
        CallSpan {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!(
                "stripe.call",
                operation = label.operation,
                method = method.as_str(),
                path = label.path
            ),
        }
    }

    /// Runs the blocking call `f` in the span.
    pub(crate) fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        return self.span.in_scope(f);
        #[cfg(not(feature = "tracing"))]
        f()
    }

    /// Awaits the async call `f` in the span.
    #[cfg(feature = "async")]
    pub(crate) async fn run_async<F: std::future::Future>(&self, f: F) -> F::Output {
        #[cfg(feature = "tracing")]
        return tracing::Instrument::instrument(f, self.span.clone()).await;
        #[cfg(not(feature = "tracing"))]
        f.await
    }
}

/// One attempt's outcome, read before the retry decision takes it.
pub(crate) struct AttemptSeen {
    #[cfg(feature = "tracing")]
    status: Option<u16>,
    #[cfg(feature = "tracing")]
    error: Option<&'static str>,
    #[cfg(feature = "tracing")]
    request_id: Option<String>,
    #[cfg(feature = "tracing")]
    should_retry: Option<String>,
    #[cfg(feature = "tracing")]
    elapsed: Duration,
}

impl AttemptSeen {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn of(outcome: &Result<HttpResponse, TransportError>, elapsed: Duration) -> Self {
        #[cfg(feature = "tracing")]
        {
            let response = outcome.as_ref().ok();
            let error = outcome.as_ref().err().map(|e| match e {
                TransportError::Connection(failure) | TransportError::Timeout(failure) => failure.kind().describe(),
                TransportError::BodyTooLarge { .. } => "body too large",
                TransportError::InvalidRequest(_) => "invalid request",
            });
            AttemptSeen {
                status: response.map(|r| r.status),
                error,
                request_id: response.and_then(|r| r.header("request-id")).map(str::to_owned),
                should_retry: response.and_then(|r| r.header("stripe-should-retry")).map(str::to_owned),
                elapsed,
            }
        }
        #[cfg(not(feature = "tracing"))]
        AttemptSeen {}
    }

    /// The event of attempt number `attempt`, retried after `wait` (`None`: it ended the call).
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn report(self, attempt: u32, wait: Option<Duration>) {
        #[cfg(feature = "tracing")]
        {
            let elapsed_ms = self.elapsed.as_millis() as u64;
            let request_id = self.request_id.as_deref();
            match wait {
                None => tracing::debug!(
                    attempt,
                    status = self.status,
                    error = self.error,
                    request_id,
                    elapsed_ms,
                    "attempt"
                ),
                Some(wait) => {
                    let retry_reason = match (&self.should_retry, self.status, self.error) {
                        (Some(_), _, _) => "Stripe-Should-Retry".to_owned(),
                        (None, Some(status), _) => format!("status {status}"),
                        (None, None, Some(error)) => error.to_owned(),
                        (None, None, None) => "unknown".to_owned(),
                    };
                    let wait_ms = wait.as_millis() as u64;
                    tracing::warn!(
                        attempt,
                        status = self.status,
                        error = self.error,
                        request_id,
                        elapsed_ms,
                        retry_reason,
                        wait_ms,
                        "attempt retried"
                    );
                }
            }
        }
    }
}
