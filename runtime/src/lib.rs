//! Handwritten runtime shared by every generated Stripe API module.
//!
//! Generated code calls a narrow API here: `Client::execute` (async, feature `async`) or
//! [`BlockingClient::execute`] to send a request, `Pager` and [`BlockingPager`] to walk a list or
//! search page by page, the hidden `__codegen` module's form writer to encode parameters exactly
//! as Stripe's official SDKs do, [`Expandable`] for fields that are either an id or an expanded
//! object, [`UnknownValue`] for forward-compatible string enums, and `__codegen::RawObject` for
//! enums of objects told apart by their `object` field (an event's object).
//!
//! Features: `async` (the async client, on tokio's timer), `blocking` (ureq as the blocking
//! client's transport, no tokio), `ureq-transport` (default: both, on ureq) and
//! `reqwest-transport` (the async client on reqwest).

//!
//! Every public item has one path: the crate root, or [`webhook`] for webhooks. What only
//! generated code calls (form and path encoding, decoding helpers) is in a hidden module that is
//! not part of the public API, and no longer under its old module path:
//!
//! ```compile_fail
//! let body = stripe_runtime::form::to_form_body(&"x");
//! ```
//! ```compile_fail
//! let builder: Option<stripe_runtime::client::ClientBuilder> = None;
//! ```

#![warn(missing_docs)]

// Every public item has one path: the crate root, or `webhook::` for webhooks. What only generated
// code calls is in the hidden `__codegen` module.
mod blocking;
mod client;
mod enums;
mod error;
mod expandable;
mod form;
mod growth;
mod list;
mod object;
mod pager;
mod retry;
mod telemetry;
mod transport;
mod uuid;
pub mod webhook;

pub use blocking::{BlockingClient, BlockingPager};
#[cfg(feature = "async")]
pub use client::Client;
pub use client::{AppInfo, ClientBuilder, Method, RequestOptions, DEFAULT_BASE_URL};
pub use enums::UnknownValue;
pub use error::{ApiError, Error, ErrorKind};
pub use expandable::{Expandable, Object};
pub use form::Unsettable;
pub use list::{List, SearchResult};
#[cfg(feature = "async")]
pub use pager::Pager;
pub use retry::RetryPolicy;
#[cfg(feature = "reqwest-transport")]
pub use transport::ReqwestTransport;
#[cfg(feature = "blocking")]
pub use transport::UreqTransport;
pub use transport::{
    BlockingTransport, BoxFuture, Failure, FailureKind, HttpRequest, HttpResponse, Transport, TransportConfig,
    TransportError,
};

/// What generated code calls and users do not: form encoding, path encoding, decoding helpers.
/// Not part of the public API; it changes with the generator.
#[doc(hidden)]
pub mod __codegen {
    pub use crate::enums::deserialize_str_enum;
    pub use crate::form::{encode_path_segment, to_form_body, ExtraParams, FormValue, FormWriter};
    pub use crate::object::RawObject;
    pub use serde;
    pub use serde_json;
}

/// Version of this runtime, sent in the `User-Agent` as `RustBindings/<version>`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
