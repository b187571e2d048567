//! What Stripe answered a successful call, beside the decoded value: what a support ticket
//! quotes (the `Request-Id`), and how the call went (status, headers, idempotency key, attempts).

use crate::transport::{HttpRequest, HttpResponse};

/// The metadata of a successful answer: [`Decoded::response`](crate::Decoded::response) for an
/// operation's `send` (async or blocking), [`Pager::last_response`](crate::Pager::last_response)
/// and [`BlockingPager::last_response`](crate::BlockingPager::last_response) for the last page a
/// pager fetched. (An error carries its own: [`ApiError::request_id`](crate::ApiError).)
///
/// `non_exhaustive`: read its fields; later ones break no code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// The HTTP status.
    pub status: u16,
    /// Stripe's `Request-Id` header, the id support asks for (`req_…`).
    pub request_id: Option<String>,
    /// Every header of the answer, as received (names as the transport gives them).
    pub headers: Vec<(String, String)>,
    /// The `Idempotency-Key` the call sent (POST requests), the same on every attempt.
    pub idempotency_key: Option<String>,
    /// How many times the request was sent: 1, plus one per retry.
    pub attempts: u32,
}

impl ResponseMetadata {
    /// The metadata of `response`, the final answer to `request` after `attempts` attempts.
    pub(crate) fn of(response: &HttpResponse, request: &HttpRequest, attempts: u32) -> Self {
        ResponseMetadata {
            status: response.status,
            request_id: response.header("request-id").map(str::to_owned),
            headers: response.headers.clone(),
            idempotency_key: request.header("idempotency-key").map(str::to_owned),
            attempts,
        }
    }

    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::find_header(&self.headers, name)
    }
}
