//! The one error type of every request: Stripe's error object, a network failure, or a
//! success response whose body did not decode. None of them ever holds the secret key.

use std::fmt;

use crate::transport::{Failure, FailureKind, TransportError};

/// What went wrong with a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error status (4xx/5xx) and, usually, its error object.
    Api(Box<ApiError>),
    /// The request could not be sent or its answer not read (after all retries).
    Connection {
        /// What the transport reported: its [kind](Failure::kind) (refused, TLS, DNS, …) and a
        /// message naming the cause; compares equal to a `&str` with the same message.
        message: Failure,
    },
    /// A connect or read timeout passed (after all retries), or the call's deadline did.
    Timeout {
        /// What the transport reported: its [kind](Failure::kind) tells which timeout.
        message: Failure,
    },
    /// The response body is larger than the limit ([`ClientBuilder::body_limit`](crate::ClientBuilder::body_limit)).
    /// Not retried.
    BodyTooLarge {
        /// The limit that was exceeded, in bytes.
        limit: u64,
    },
    /// Stripe answered with a success status, but the body is not the expected JSON.
    Decode {
        /// HTTP status of the response.
        status: u16,
        /// The `Request-Id` header, if any.
        request_id: Option<String>,
        /// The first bytes of the body (at most 512), lossily as UTF-8.
        body_prefix: String,
        /// Why decoding failed.
        message: String,
    },
    /// The client or a request was configured wrongly: `STRIPE_SECRET_KEY` is not set, the key
    /// or an option has characters no HTTP header can hold, the base URL is not one, or no
    /// transport is available. Reported by `ClientBuilder::build` or
    /// [`ClientBuilder::build_blocking`](crate::ClientBuilder::build_blocking), or before the
    /// request is sent; never retried.
    Config(String),
}

/// The class of a Stripe error, from the HTTP status (and the error type where it is more precise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400 or 404: the request was invalid.
    InvalidRequest,
    /// 401: the API key is wrong.
    Authentication,
    /// 402: the card was declined or the charge failed.
    Card,
    /// 403: the key lacks permission.
    Permission,
    /// 409, or an `idempotency_error`: a conflicting request with the same idempotency key.
    Idempotency,
    /// 429: too many requests.
    RateLimit,
    /// Anything else, such as a 5xx.
    Api,
}

impl ErrorKind {
    /// The kind Stripe's SDKs assign to `status` and the error object's `type`.
    pub fn classify(status: u16, error_type: Option<&str>) -> Self {
        if error_type == Some("idempotency_error") {
            return ErrorKind::Idempotency;
        }
        match status {
            400 | 404 => ErrorKind::InvalidRequest,
            401 => ErrorKind::Authentication,
            402 => ErrorKind::Card,
            403 => ErrorKind::Permission,
            409 => ErrorKind::Idempotency,
            429 => ErrorKind::RateLimit,
            _ => ErrorKind::Api,
        }
    }
}

/// Stripe's error object with the HTTP facts around it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// Class of the error.
    pub kind: ErrorKind,
    /// HTTP status.
    pub status: u16,
    /// The `Request-Id` header: quote it to Stripe support.
    pub request_id: Option<String>,
    /// `error.type`, such as `invalid_request_error`.
    pub error_type: Option<String>,
    /// `error.code`, such as `resource_missing`.
    pub code: Option<String>,
    /// `error.decline_code` for card errors.
    pub decline_code: Option<String>,
    /// `error.message`, readable by people; when the body had no error object, its first bytes.
    pub message: Option<String>,
    /// `error.param`: the parameter the error is about.
    pub param: Option<String>,
    /// `error.doc_url`.
    pub doc_url: Option<String>,
    /// `error.request_log_url`.
    pub request_log_url: Option<String>,
}

#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorObject,
}

#[derive(serde::Deserialize)]
struct ErrorObject {
    #[serde(rename = "type")]
    error_type: Option<String>,
    code: Option<String>,
    decline_code: Option<String>,
    message: Option<String>,
    param: Option<String>,
    doc_url: Option<String>,
    request_log_url: Option<String>,
}

impl ApiError {
    /// Builds the error from an error response.
    pub fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(ErrorBody { error }) => ApiError {
                kind: ErrorKind::classify(status, error.error_type.as_deref()),
                status,
                request_id,
                error_type: error.error_type,
                code: error.code,
                decline_code: error.decline_code,
                message: error.message,
                param: error.param,
                doc_url: error.doc_url,
                request_log_url: error.request_log_url,
            },
            Err(_) => ApiError {
                kind: ErrorKind::classify(status, None),
                status,
                request_id,
                error_type: None,
                code: None,
                decline_code: None,
                message: Some(body_prefix(body)),
                param: None,
                doc_url: None,
                request_log_url: None,
            },
        }
    }
}

/// The first 512 bytes of a body, lossily as UTF-8, for error messages.
pub(crate) fn body_prefix(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned()
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe {:?} error (HTTP {})", self.kind, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(param) = &self.param {
            write!(f, " (param: {param})")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id: {id})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(error) => error.fmt(f),
            Error::Connection { message } => write!(f, "connection to Stripe failed: {message}"),
            Error::Timeout { message } => write!(f, "request to Stripe timed out: {message}"),
            Error::BodyTooLarge { limit } => {
                write!(f, "Stripe's response body exceeds the limit of {limit} bytes (see ClientBuilder::body_limit)")
            }
            Error::Decode { status, request_id, body_prefix, message } => {
                write!(f, "could not decode Stripe's HTTP {status} response: {message}")?;
                if let Some(id) = request_id {
                    write!(f, " (request id: {id})")?;
                }
                write!(f, "; body starts: {body_prefix}")
            }
            Error::Config(message) => write!(f, "client configuration: {message}"),
        }
    }
}

/// `source()` of a network failure is the transport's own error (ureq's or reqwest's, down to
/// the `io::Error`); the message shown by `Display` already names that cause.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection { message } | Error::Timeout { message } => std::error::Error::source(message),
            _ => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(error: TransportError) -> Self {
        match error {
            TransportError::Connection(message) => Error::Connection { message },
            TransportError::Timeout(message) => Error::Timeout { message },
            TransportError::BodyTooLarge { limit } => Error::BodyTooLarge { limit },
            TransportError::InvalidRequest(message) => Error::Config(format!("the request cannot be sent: {message}")),
        }
    }
}

impl Error {
    /// Stripe's error object, if Stripe answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The network failure, for [`Error::Connection`] and [`Error::Timeout`].
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Error::Connection { message } | Error::Timeout { message } => Some(message),
            _ => None,
        }
    }

    /// Whether a timeout ended the call: connect, read, or the call's deadline.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
            || self
                .failure()
                .is_some_and(|f| matches!(f.kind(), FailureKind::ConnectTimeout | FailureKind::ReadTimeout))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_status_and_type() {
        assert_eq!(ErrorKind::classify(400, None), ErrorKind::InvalidRequest);
        assert_eq!(ErrorKind::classify(404, None), ErrorKind::InvalidRequest);
        assert_eq!(ErrorKind::classify(401, None), ErrorKind::Authentication);
        assert_eq!(ErrorKind::classify(402, None), ErrorKind::Card);
        assert_eq!(ErrorKind::classify(403, None), ErrorKind::Permission);
        assert_eq!(ErrorKind::classify(409, None), ErrorKind::Idempotency);
        assert_eq!(ErrorKind::classify(400, Some("idempotency_error")), ErrorKind::Idempotency);
        assert_eq!(ErrorKind::classify(429, None), ErrorKind::RateLimit);
        assert_eq!(ErrorKind::classify(500, None), ErrorKind::Api);
    }

    #[test]
    fn non_json_error_body_keeps_its_prefix() {
        let error = ApiError::from_response(502, Some("req_1".into()), b"<html>bad gateway</html>");
        assert_eq!(error.kind, ErrorKind::Api);
        assert_eq!(error.message.as_deref(), Some("<html>bad gateway</html>"));
        assert_eq!(error.to_string(), "Stripe Api error (HTTP 502): <html>bad gateway</html> (request id: req_1)");
    }
}
