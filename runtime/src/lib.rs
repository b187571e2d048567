//! Handwritten runtime shared by every generated Stripe API module.
//!
//! Generated code calls a narrow API here, in the hidden `__codegen` module: each parameters type
//! implements its `Operation` (the request, and the answer's decoder), which `send` and
//! `send_blocking` send and the pagers walk page by page; a form writer encodes parameters exactly
//! as Stripe's official SDKs do; a JSON reader (`FromJson`) decodes answers by code generated for
//! each type and compiled once, in the generated crate (see [`Decode`]), into a [`Decoded`] box
//! whose drop code is compiled there too. Its public types are also [`Expandable`] for fields that are either an id or an expanded object, [`UnknownValue`] for
//! forward-compatible string enums, [`List`], [`SearchResult`], the pagers, the clients, and
//! `Client::execute` (async, feature `async`) or [`BlockingClient::execute`] to call an endpoint
//! the spec lacks with a serde type of your own.
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
#![deny(unsafe_code)]

// Every public item has one path: the crate root, or `webhook::` for webhooks. What only generated
// code calls is in the hidden `__codegen` module.
mod blocking;
mod client;
mod decode;
// The one module with `unsafe`: a `Decoded` takes its value out of its `ManuallyDrop` once.
#[allow(unsafe_code)]
mod decoded;
mod enums;
mod error;
mod expandable;
mod form;
mod growth;
mod json;
mod list;
mod object;
mod options;
mod pager;
mod request;
mod response;
mod retry;
mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
mod trace;
mod transport;
mod uuid;
pub mod webhook;

pub use blocking::{BlockingClient, BlockingPager};
#[cfg(feature = "async")]
pub use client::Client;
pub use client::{AppInfo, ClientBuilder, Method, DEFAULT_BASE_URL};
pub use decode::Decode;
pub use decoded::Decoded;
pub use enums::UnknownValue;
pub use error::{ApiError, Error, ErrorKind};
pub use expandable::{Expandable, Object};
pub use form::Unsettable;
pub use list::{List, SearchResult};
pub use options::RequestOptions;
#[cfg(feature = "async")]
pub use pager::Pager;
pub use response::ResponseMetadata;
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
    pub use crate::blocking::{blocking_list_pager, blocking_search_pager};
    pub use crate::decode::{decode_json, first_missing, read_error, read_member, read_unknown};
    pub use crate::enums::deserialize_str_enum;
    pub use crate::form::{encode_path_segment, to_form_body, ExtraParams, FormValue, FormWriter};
    pub use crate::json::{missing, FromJson, JsonResult, Reader};
    pub use crate::object::object_tag;
    pub use crate::object::RawObject;
    #[cfg(feature = "async")]
    pub use crate::pager::{list_pager, search_pager};
    #[cfg(feature = "async")]
    pub use crate::request::send;
    pub use crate::request::{send_blocking, Operation, Request};
    pub use crate::trace::Label;
    pub use serde;
    pub use serde_json;
}

/// Version of this runtime, sent in the `User-Agent` as `RustBindings/<version>`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
