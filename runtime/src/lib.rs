//! Handwritten runtime shared by every generated Stripe API module.
//!
//! Generated code calls a narrow API here: `Client::execute` (async, feature `async`) or
//! [`BlockingClient::execute`] to send a request, `Pager` and [`BlockingPager`] to walk a list or
//! search page by page, [`FormWriter`] and [`FormValue`] to encode parameters exactly as Stripe's
//! official SDKs do, [`Expandable`] for fields that are either an id or an expanded object,
//! [`UnknownValue`] for forward-compatible string enums, and [`RawObject`] for enums of objects told
//! apart by their `object` field (an event's object).
//!
//! Features: `async` (the async client, on tokio's timer), `blocking` (ureq as the blocking
//! client's transport, no tokio), `ureq-transport` (default: both, on ureq) and
//! `reqwest-transport` (the async client on reqwest).

#![warn(missing_docs)]

pub mod blocking;
pub mod client;
pub mod enums;
pub mod error;
pub mod expandable;
pub mod form;
pub mod list;
pub mod object;
pub mod pager;
pub mod retry;
mod telemetry;
pub mod transport;
mod uuid;
pub mod webhook;

pub use blocking::{BlockingClient, BlockingPager};
#[cfg(feature = "async")]
pub use client::Client;
pub use client::{AppInfo, ClientBuilder, Method, RequestOptions};
pub use enums::UnknownValue;
pub use error::{ApiError, Error, ErrorKind};
pub use expandable::{Expandable, Object};
pub use form::{ExtraParams, FormValue, FormWriter, Unsettable};
pub use list::{List, SearchResult};
pub use object::RawObject;
#[cfg(feature = "async")]
pub use pager::Pager;
pub use retry::RetryPolicy;
pub use transport::{
    BlockingTransport, Failure, FailureKind, HttpRequest, HttpResponse, Transport, TransportConfig, TransportError,
};
pub use webhook::{WebhookError, WebhookSecret, WebhookVerifier};

/// Version of this runtime, sent in the `User-Agent` as `RustBindings/<version>`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
