//! The HTTP seam: the client builds an [`HttpRequest`], a [`Transport`] sends it.
//!
//! The default transport is ureq (blocking, rustls with ring) run on tokio's blocking pool: it
//! brings ~25 crates where reqwest with rustls brings ~90. reqwest (feature `reqwest-transport`)
//! is there for applications that already build it. Tests and users can plug in another.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::client::Method;

/// A boxed, sendable future, as returned by [`Transport::send`].
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// One HTTP request, fully built. `Debug` hides the `Authorization` header.
#[derive(Clone)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL, query string included.
    pub url: String,
    /// Header names and values, in sending order.
    pub headers: Vec<(String, String)>,
    /// Body bytes, if any.
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = if k.eq_ignore_ascii_case("authorization") { "[redacted]" } else { v.as_str() };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// One HTTP response, body read in full.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Why a request got no HTTP response. Both kinds are retried.
#[derive(Clone, Debug, PartialEq)]
pub enum TransportError {
    /// Connecting, sending or reading failed.
    Connection(String),
    /// The connect or overall timeout passed.
    Timeout(String),
}

/// Sends HTTP requests. Implement it to use another HTTP stack or to fake Stripe in tests.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>>;
}

/// Timeouts the default transport enforces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timeouts {
    /// Time allowed to open a connection.
    pub connect: Duration,
    /// Time allowed for the whole request, connect to last byte.
    pub request: Duration,
}

/// The `http` method both transports take.
#[cfg(any(feature = "ureq-transport", feature = "reqwest-transport"))]
fn http_method(method: Method) -> http::Method {
    match method {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Delete => http::Method::DELETE,
    }
}

/// Response headers as name/value pairs (values that are not UTF-8 are read lossily).
#[cfg(any(feature = "ureq-transport", feature = "reqwest-transport"))]
fn header_pairs(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers.iter().map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect()
}

#[cfg(feature = "ureq-transport")]
pub use self::ureq_transport::UreqTransport;

#[cfg(feature = "ureq-transport")]
mod ureq_transport {
    use super::*;

    /// The default transport: a ureq agent (keeps connections alive) on tokio's blocking pool.
    #[derive(Clone, Debug)]
    pub struct UreqTransport {
        agent: ureq::Agent,
    }

    impl UreqTransport {
        /// A transport with these timeouts; it never follows redirects.
        pub fn new(timeouts: Timeouts) -> Self {
            let config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_connect(Some(timeouts.connect))
                .timeout_global(Some(timeouts.request))
                .build();
            UreqTransport { agent: config.into() }
        }
    }

    impl Transport for UreqTransport {
        fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>> {
            let agent = self.agent.clone();
            Box::pin(async move {
                tokio::task::spawn_blocking(move || send_blocking(&agent, request))
                    .await
                    .unwrap_or_else(|join| Err(TransportError::Connection(format!("transport task failed: {join}"))))
            })
        }
    }

    fn send_blocking(agent: &ureq::Agent, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = ureq::http::Request::builder().method(http_method(request.method)).uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let invalid = |e: ureq::http::Error| TransportError::Connection(format!("invalid request: {e}"));
        // GET and DELETE carry no body at all (not even `Content-Length: 0`).
        let response = match request.body {
            Some(body) => agent.run(builder.body(body).map_err(invalid)?),
            None => agent.run(builder.body(()).map_err(invalid)?),
        };
        let mut response = response.map_err(map_error)?;
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let body = response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_vec().map_err(map_error)?;
        Ok(HttpResponse { status, headers, body })
    }

    fn map_error(error: ureq::Error) -> TransportError {
        match error {
            ureq::Error::Timeout(_) => TransportError::Timeout(error.to_string()),
            other => TransportError::Connection(other.to_string()),
        }
    }
}

#[cfg(feature = "reqwest-transport")]
pub use self::reqwest_transport::ReqwestTransport;

#[cfg(feature = "reqwest-transport")]
mod reqwest_transport {
    use super::*;

    /// A transport on reqwest 0.12 (rustls with ring, webpki roots); it never follows redirects.
    #[derive(Clone, Debug)]
    pub struct ReqwestTransport {
        client: reqwest::Client,
    }

    impl ReqwestTransport {
        /// A transport with these timeouts.
        pub fn new(timeouts: Timeouts) -> Result<Self, TransportError> {
            let client = reqwest::Client::builder()
                .connect_timeout(timeouts.connect)
                .timeout(timeouts.request)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| TransportError::Connection(format!("cannot build the HTTP client: {e}")))?;
            Ok(ReqwestTransport { client })
        }
    }

    impl Transport for ReqwestTransport {
        fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>> {
            let client = self.client.clone();
            Box::pin(async move {
                let mut builder = client.request(http_method(request.method), &request.url);
                for (name, value) in &request.headers {
                    builder = builder.header(name, value);
                }
                if let Some(body) = request.body {
                    builder = builder.body(body);
                }
                let response = builder.send().await.map_err(map_error)?;
                let status = response.status().as_u16();
                let headers = header_pairs(response.headers());
                let body = response.bytes().await.map_err(map_error)?.to_vec();
                Ok(HttpResponse { status, headers, body })
            })
        }
    }

    fn map_error(error: reqwest::Error) -> TransportError {
        if error.is_timeout() {
            TransportError::Timeout(error.to_string())
        } else {
            TransportError::Connection(error.to_string())
        }
    }
}
