//! The HTTP seam: the client builds an [`HttpRequest`], a [`Transport`] (async client) or a
//! [`BlockingTransport`] (blocking client) sends it.
//!
//! The default transport is ureq (blocking, rustls with ring): the blocking client calls it
//! directly, the async client runs each call on a thread of its own that a dropped future
//! interrupts. It brings ~25 crates where reqwest with rustls brings ~90. reqwest (feature
//! `reqwest-transport`, async only) is there for applications that already build it. Tests and
//! users can plug in another.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
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

pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// What kind of network failure a [`Failure`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FailureKind {
    /// The server refused the connection (nothing listens on that port).
    ConnectionRefused,
    /// The host name could not be resolved.
    Dns,
    /// The TLS handshake failed (certificate, protocol version, …) or TLS data was corrupt.
    Tls,
    /// No connection within the connect timeout.
    ConnectTimeout,
    /// No byte within the read timeout (or a write stalled as long).
    ReadTimeout,
    /// The call's overall deadline ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline))
    /// passed; it covers every attempt and the waits between them.
    Deadline,
    /// The connection was closed or reset, or another I/O error.
    Io,
    /// The server's answer was not valid HTTP.
    Protocol,
    /// Anything else, such as a plugged-in transport's own error.
    Other,
}

impl FailureKind {
    /// A few words for people, such as `connection refused` or `read timeout`.
    pub fn describe(self) -> &'static str {
        match self {
            FailureKind::ConnectionRefused => "connection refused",
            FailureKind::Dns => "DNS lookup failed",
            FailureKind::Tls => "TLS failed",
            FailureKind::ConnectTimeout => "connect timeout",
            FailureKind::ReadTimeout => "read timeout",
            FailureKind::Deadline => "deadline passed",
            FailureKind::Io => "I/O error",
            FailureKind::Protocol => "invalid HTTP",
            FailureKind::Other => "failed",
        }
    }
}

/// A network failure: its kind, a message naming its cause, and the underlying error as
/// [`source()`](std::error::Error::source).
#[derive(Clone, Debug)]
pub struct Failure {
    kind: FailureKind,
    message: String,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl Failure {
    /// A failure of `kind` described by `message`.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Failure { kind, message: message.into(), source: None }
    }

    /// Keeps `source` as the underlying error.
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(Arc::from(source.into()));
        self
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> FailureKind {
        self.kind
    }

    /// The message, which names the cause.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for Failure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// A plain message from a plugged-in transport, of kind [`FailureKind::Other`].
impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::new(FailureKind::Other, message)
    }
}

/// A plain message from a plugged-in transport, of kind [`FailureKind::Other`].
impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::new(FailureKind::Other, message)
    }
}

/// Compares the message.
impl PartialEq<str> for Failure {
    fn eq(&self, other: &str) -> bool {
        self.message == other
    }
}

/// Compares the message.
impl PartialEq<&str> for Failure {
    fn eq(&self, other: &&str) -> bool {
        self.message == *other
    }
}

/// Why a request got no usable HTTP response.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum TransportError {
    /// Connecting, sending or reading failed. Retried.
    Connection(Failure),
    /// The connect or read timeout passed. Retried.
    Timeout(Failure),
    /// The response body is larger than the limit, in bytes. Not retried.
    BodyTooLarge {
        /// The limit that was exceeded.
        limit: u64,
    },
    /// The request cannot be sent as built (an invalid URL or header value): a configuration
    /// mistake. Not retried.
    InvalidRequest(String),
}

impl TransportError {
    /// Whether sending the request again may help: connection failures and timeouts.
    pub fn is_retryable(&self) -> bool {
        matches!(self, TransportError::Connection(_) | TransportError::Timeout(_))
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Connection(failure) | TransportError::Timeout(failure) => failure.fmt(f),
            TransportError::BodyTooLarge { limit } => write!(f, "the response body exceeds the limit of {limit} bytes"),
            TransportError::InvalidRequest(message) => write!(f, "invalid request: {message}"),
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            TransportError::Connection(failure) | TransportError::Timeout(failure) => failure.source(),
            _ => None,
        }
    }
}

/// Sends HTTP requests. Implement it to use another HTTP stack or to fake Stripe in tests.
///
/// Dropping the returned future must release what it holds (connections, threads) promptly:
/// callers give up on calls, and the client's deadline drops attempts that run over.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>>;
}

/// Sends HTTP requests for the [`BlockingClient`](crate::BlockingClient), on the caller's thread.
/// Implement it to use another HTTP stack or to fake Stripe in tests.
pub trait BlockingTransport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response. `timeout`, when given, is what remains of
    /// the call's deadline: give up by then (the client reports the deadline, whatever error
    /// the transport returns once it has passed).
    fn send_blocking(&self, request: HttpRequest, timeout: Option<Duration>) -> Result<HttpResponse, TransportError>;
}

/// What the built-in transports enforce. The defaults are those of Stripe's SDKs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TransportConfig {
    /// Time allowed to open a connection, TLS handshake included (default 30 s).
    pub connect_timeout: Duration,
    /// Time allowed without a byte from the server (or without progress writing), restarted by
    /// every read (default 80 s). A slow but steady answer is not cut off.
    pub read_timeout: Duration,
    /// Largest response body read, in bytes (default 64 MiB); a larger one ends the call with
    /// [`TransportError::BodyTooLarge`].
    pub body_limit: u64,
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(80),
            body_limit: 64 * 1024 * 1024,
        }
    }
}

/// The `http` method both transports take.
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
fn http_method(method: Method) -> http::Method {
    match method {
        Method::Get => http::Method::GET,
        Method::Post => http::Method::POST,
        Method::Delete => http::Method::DELETE,
    }
}

/// Response headers as name/value pairs (values that are not UTF-8 are read lossily).
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
fn header_pairs(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers.iter().map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect()
}

/// A response body read chunk by chunk, never past the limit, never with more than the limit
/// allocated.
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
struct LimitedBody {
    bytes: Vec<u8>,
    limit: u64,
}

#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
impl LimitedBody {
    /// Fails at once when the announced `Content-Length` is over `limit`.
    fn new(limit: u64, content_length: Option<u64>) -> Result<Self, TransportError> {
        if content_length.is_some_and(|length| length > limit) {
            return Err(TransportError::BodyTooLarge { limit });
        }
        // Trust the announced length only up to 1 MiB before the bytes arrive.
        let initial = content_length.unwrap_or(0).min(limit).min(1 << 20);
        Ok(LimitedBody { bytes: Vec::with_capacity(initial as usize), limit })
    }

    fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        let len = self.bytes.len() as u64 + chunk.len() as u64;
        if len > self.limit {
            return Err(TransportError::BodyTooLarge { limit: self.limit });
        }
        if self.bytes.capacity() - self.bytes.len() < chunk.len() {
            // Double, as Vec does, but never reserve past the limit.
            let target = (self.bytes.capacity() as u64 * 2).max(len).min(self.limit);
            self.bytes.reserve_exact(target as usize - self.bytes.len());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }
}

/// `error` and its sources as one line, each cause once: reqwest's and hyper's own messages
/// ("error sending request") do not name the cause, their sources do.
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
fn message_with_causes(error: &(dyn StdError + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !text.is_empty() && !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// `error` and its causes. Where an `io::Error` wraps another error, the walk goes into it: the
/// `io::Error`'s own `source()` skips what it wraps (rustls's error inside tokio-rustls's, say).
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
fn causes<'a>(error: &'a (dyn StdError + 'static)) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(error), |&e: &&'a (dyn StdError + 'static)| {
        match e.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        }
    })
}

/// The kinds of the `io::Error`s among `error` and its causes.
#[cfg(feature = "reqwest-transport")]
fn io_kinds(error: &(dyn StdError + 'static)) -> Vec<std::io::ErrorKind> {
    causes(error).filter_map(|e| e.downcast_ref::<std::io::Error>()).map(std::io::Error::kind).collect()
}

/// Whether `error` or one of its causes is a rustls error.
#[cfg(any(feature = "blocking", feature = "reqwest-transport"))]
fn has_tls_error(error: &(dyn StdError + 'static)) -> bool {
    causes(error).any(|e| e.is::<rustls::Error>())
}

#[cfg(feature = "blocking")]
pub use self::ureq_transport::UreqTransport;

#[cfg(feature = "blocking")]
mod ureq_transport {
    use std::io::Read;
    use std::sync::Mutex;

    use super::*;

    /// Agents kept for reuse, each with its kept-alive connection.
    const MAX_IDLE_AGENTS: usize = 16;

    /// The default transport: ureq. The blocking client calls it on the caller's thread; the
    /// async client runs each call on a thread of its own.
    ///
    /// A call borrows an agent (one kept-alive connection) from a small pool and gives it back
    /// when it completes. When the caller drops an async call's future, the agent is shut down,
    /// which interrupts the thread's blocking I/O at once: the socket and the thread are released
    /// promptly, and abandoned calls never hold up later ones or the process's exit. Calls do not
    /// use tokio's blocking pool.
    #[derive(Clone)]
    pub struct UreqTransport {
        config: ureq::config::Config,
        settings: TransportConfig,
        idle: Arc<Mutex<Vec<ureq::Agent>>>,
    }

    impl fmt::Debug for UreqTransport {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("UreqTransport").field("settings", &self.settings).finish_non_exhaustive()
        }
    }

    impl UreqTransport {
        /// A transport with these timeouts and body limit; it never follows redirects.
        pub fn new(settings: TransportConfig) -> Self {
            let config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_connect(Some(settings.connect_timeout))
                .timeout_per_read(Some(settings.read_timeout))
                .timeout_per_write(Some(settings.read_timeout))
                // One call at a time per agent: one kept-alive connection is all it can use.
                .max_idle_connections(1)
                .max_idle_connections_per_host(1)
                .build();
            UreqTransport { config, settings, idle: Arc::new(Mutex::new(Vec::new())) }
        }

        fn checkout(&self) -> ureq::Agent {
            let reused = self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).pop();
            reused.unwrap_or_else(|| ureq::Agent::new_with_config(self.config.clone()))
        }
    }

    fn give_back(idle: &Mutex<Vec<ureq::Agent>>, agent: ureq::Agent) {
        let mut idle = idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < MAX_IDLE_AGENTS {
            idle.push(agent);
        }
    }

    impl BlockingTransport for UreqTransport {
        fn send_blocking(
            &self,
            request: HttpRequest,
            timeout: Option<Duration>,
        ) -> Result<HttpResponse, TransportError> {
            let agent = self.checkout();
            let outcome = run(&agent, request, self.settings.body_limit, timeout);
            give_back(&self.idle, agent);
            outcome
        }
    }

    /// The agent of a call in flight: given back when the call completes, shut down (which
    /// interrupts the worker thread's I/O) when the call's future is dropped first.
    #[cfg(feature = "async")]
    struct InFlight {
        agent: Option<ureq::Agent>,
        idle: Arc<Mutex<Vec<ureq::Agent>>>,
    }

    #[cfg(feature = "async")]
    impl InFlight {
        fn give_back(mut self) {
            if let Some(agent) = self.agent.take() {
                give_back(&self.idle, agent);
            }
        }
    }

    #[cfg(feature = "async")]
    impl Drop for InFlight {
        fn drop(&mut self) {
            if let Some(agent) = self.agent.take() {
                agent.shutdown();
            }
        }
    }

    #[cfg(feature = "async")]
    impl Transport for UreqTransport {
        fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>> {
            let transport = self.clone();
            Box::pin(async move {
                let agent = transport.checkout();
                let in_flight = InFlight { agent: Some(agent.clone()), idle: transport.idle.clone() };
                let (tx, rx) = tokio::sync::oneshot::channel();
                let limit = transport.settings.body_limit;
                std::thread::Builder::new()
                    .name("stripe-ureq".into())
                    .spawn(move || {
                        let _ = tx.send(run(&agent, request, limit, None));
                    })
                    .map_err(|e| {
                        TransportError::Connection(
                            Failure::new(FailureKind::Other, format!("cannot start the HTTP thread: {e}"))
                                .with_source(e),
                        )
                    })?;
                match rx.await {
                    Ok(outcome) => {
                        in_flight.give_back();
                        outcome
                    }
                    Err(_) => Err(TransportError::Connection(Failure::new(
                        FailureKind::Other,
                        "the HTTP thread ended without an answer (it panicked)",
                    ))),
                }
            })
        }
    }

    /// Sends `request` on `agent` and reads the response, within `timeout` if one is given.
    fn run(
        agent: &ureq::Agent,
        request: HttpRequest,
        limit: u64,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let mut builder = ureq::http::Request::builder().method(http_method(request.method)).uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let invalid = |e: ureq::http::Error| TransportError::InvalidRequest(e.to_string());
        // GET and DELETE carry no body at all (not even `Content-Length: 0`).
        let response = match request.body {
            Some(body) => call(agent, builder.body(body).map_err(invalid)?, timeout),
            None => call(agent, builder.body(()).map_err(invalid)?, timeout),
        };
        let mut response = response.map_err(map_error)?;
        let status = response.status().as_u16();
        let headers = header_pairs(response.headers());
        let content_length =
            response.headers().get("content-length").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        let mut body = LimitedBody::new(limit, content_length)?;
        let mut reader = response.body_mut().as_reader();
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => body.push(&chunk[..n])?,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(map_error(ureq::Error::from(e))),
            }
        }
        Ok(HttpResponse { status, headers, body: body.bytes })
    }

    /// Runs `request`, the whole call (body included) within `timeout` if one is given.
    fn call<B: ureq::AsSendBody>(
        agent: &ureq::Agent,
        request: ureq::http::Request<B>,
        timeout: Option<Duration>,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        match timeout {
            Some(timeout) => agent.run(agent.configure_request(request).timeout_global(Some(timeout)).build()),
            None => agent.run(request),
        }
    }

    fn map_error(error: ureq::Error) -> TransportError {
        use ureq::Timeout;
        let message = message_with_causes(&error);
        let kind = match &error {
            ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => FailureKind::ConnectTimeout,
            ureq::Error::Timeout(_) => FailureKind::ReadTimeout,
            ureq::Error::BodyExceedsLimit(limit) => return TransportError::BodyTooLarge { limit: *limit },
            ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::RequireHttpsOnly(_) => {
                return TransportError::InvalidRequest(message)
            }
            ureq::Error::HostNotFound => FailureKind::Dns,
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) | ureq::Error::TlsRequired => {
                FailureKind::Tls
            }
            ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => FailureKind::Protocol,
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::ConnectionRefused => FailureKind::ConnectionRefused,
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => FailureKind::ReadTimeout,
                _ if has_tls_error(io) => FailureKind::Tls,
                _ => FailureKind::Io,
            },
            _ if has_tls_error(&error) => FailureKind::Tls,
            _ => FailureKind::Other,
        };
        let failure = Failure::new(kind, format!("{}: {message}", kind.describe()));
        // ureq's error does not hand out what it wraps as `source()`: keep the inner error.
        let failure = match error {
            ureq::Error::Io(io) => failure.with_source(io),
            ureq::Error::Rustls(tls) => failure.with_source(tls),
            other => failure.with_source(other),
        };
        match kind {
            FailureKind::ConnectTimeout | FailureKind::ReadTimeout => TransportError::Timeout(failure),
            _ => TransportError::Connection(failure),
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
        body_limit: u64,
    }

    impl ReqwestTransport {
        /// A transport with these timeouts and body limit.
        pub fn new(settings: TransportConfig) -> Result<Self, TransportError> {
            let client = reqwest::Client::builder()
                .connect_timeout(settings.connect_timeout)
                .read_timeout(settings.read_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| {
                    TransportError::InvalidRequest(format!("cannot build the HTTP client: {}", message_with_causes(&e)))
                })?;
            Ok(ReqwestTransport { client, body_limit: settings.body_limit })
        }
    }

    impl Transport for ReqwestTransport {
        fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>> {
            let client = self.client.clone();
            let limit = self.body_limit;
            Box::pin(async move {
                let mut builder = client.request(http_method(request.method), &request.url);
                for (name, value) in &request.headers {
                    builder = builder.header(name, value);
                }
                if let Some(body) = request.body {
                    builder = builder.body(body);
                }
                let mut response = builder.send().await.map_err(map_error)?;
                let status = response.status().as_u16();
                let headers = header_pairs(response.headers());
                let mut body = LimitedBody::new(limit, response.content_length())?;
                while let Some(chunk) = response.chunk().await.map_err(map_error)? {
                    body.push(&chunk)?;
                }
                Ok(HttpResponse { status, headers, body: body.bytes })
            })
        }
    }

    fn map_error(error: reqwest::Error) -> TransportError {
        // reqwest's own message ("error sending request for url (…)") names no cause; add them.
        let message = message_with_causes(&error);
        if error.is_builder() {
            return TransportError::InvalidRequest(message);
        }
        let io_kinds = io_kinds(&error);
        let kind = if error.is_timeout() || io_kinds.contains(&std::io::ErrorKind::TimedOut) {
            if error.is_connect() {
                FailureKind::ConnectTimeout
            } else {
                FailureKind::ReadTimeout
            }
        } else if io_kinds.contains(&std::io::ErrorKind::ConnectionRefused) {
            FailureKind::ConnectionRefused
        } else if has_tls_error(&error) {
            FailureKind::Tls
        } else if error.is_connect() && message.contains("dns error") {
            FailureKind::Dns
        } else if !io_kinds.is_empty() || error.is_body() || error.is_request() || error.is_connect() {
            // The connection failed or closed early (hyper reports some of it without io::Error).
            FailureKind::Io
        } else {
            FailureKind::Other
        };
        let failure = Failure::new(kind, format!("{}: {message}", kind.describe())).with_source(error);
        match kind {
            FailureKind::ConnectTimeout | FailureKind::ReadTimeout => TransportError::Timeout(failure),
            _ => TransportError::Connection(failure),
        }
    }
}
