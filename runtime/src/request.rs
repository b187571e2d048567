//! How generated operations reach the client, with their answer's decoder compiled once.
//!
//! Each generated parameters type implements [`Operation`]: its `request` builds the [`Request`]
//! (method, path, encoded parameters) and names the answer's decoder, in a plain function of the
//! generated crate marked `#[inline(never)]`, so the decoder is compiled there. `send_with` is an
//! `async fn`, and rustc compiles an async body in the crate that awaits it, the application:
//! there it only calls [`send`], which reaches the decoder through the request's function pointer.

use crate::blocking::BlockingClient;
use crate::client::{decode_response_with, Method, RequestOptions};
use crate::decoded::Decoded;
#[cfg(feature = "async")]
use crate::Client;
use crate::Error;

/// One call of an operation, as its generated parameters type builds it.
#[derive(Debug)]
pub struct Request<T> {
    /// The HTTP method.
    pub method: Method,
    /// The path, its parameters encoded.
    pub path: String,
    /// The encoded parameters (query string or form body).
    pub params: String,
    /// The API version the operation was generated from.
    pub api_version: &'static str,
    /// Decodes a success's body.
    pub decode: fn(&[u8]) -> Result<Decoded<T>, serde_json::Error>,
}

/// A generated parameters type: the operation it calls.
pub trait Operation {
    /// What a success decodes into.
    type Answer;
    /// The request for these parameters.
    fn request(&self) -> Request<Self::Answer>;
}

/// Sends `operation` with `client`: `send_with` of every generated operation.
#[cfg(feature = "async")]
pub async fn send<O: Operation>(
    client: &Client,
    operation: &O,
    options: &RequestOptions,
) -> Result<Decoded<O::Answer>, Error> {
    let request = operation.request();
    let response = client.answer(request.method, &request.path, request.params, request.api_version, options).await?;
    decode_response_with(response, request.decode)
}

/// [`send`] from synchronous code: `send_blocking_with` of every generated operation.
pub fn send_blocking<O: Operation>(
    client: &BlockingClient,
    operation: &O,
    options: &RequestOptions,
) -> Result<Decoded<O::Answer>, Error> {
    let request = operation.request();
    let response = client.answer(request.method, &request.path, request.params, request.api_version, options)?;
    decode_response_with(response, request.decode)
}
