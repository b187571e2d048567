//! The client: configuration, headers, the retry loop, and turning responses into results.
//!
//! The async [`Client`] (feature `async`) and the [`BlockingClient`] share
//! one [`ClientBuilder`] and every step of a call: checking the options, building the request
//! (headers, idempotency key, encoding), the retry decisions and turning the answer into a result.
//! Only sending one attempt and sleeping between attempts differ.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::blocking::BlockingClient;
use crate::error::{body_prefix, ApiError, Error};
use crate::options::RequestOptions;
use crate::response::ResponseMetadata;
use crate::retry::RetryPolicy;
#[cfg(feature = "async")]
use crate::retry::{jitter, Attempts, Next};
use crate::telemetry::RequestMetrics;
#[cfg(feature = "async")]
use crate::trace::{AttemptSeen, CallSpan, Label};
#[cfg(feature = "async")]
use crate::transport::Transport;
use crate::transport::{
    BlockingTransport, Failure, FailureKind, HttpRequest, HttpResponse, TransportConfig, TransportError,
};

/// Stripe's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// HTTP methods Stripe's API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET: parameters in the query string.
    Get,
    /// POST: parameters in a form body; carries an `Idempotency-Key`.
    Post,
    /// DELETE: parameters in the query string.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// The application using the client, appended to the `User-Agent` as Stripe's SDKs do; set with
/// [`ClientBuilder::app_info`] and [`ClientBuilder::partner_id`] (`non_exhaustive`, so later
/// fields break no code).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AppInfo {
    /// Application name.
    pub name: String,
    /// Application version.
    pub version: Option<String>,
    /// Application URL.
    pub url: Option<String>,
    /// Your Stripe partner id, if you are a Stripe partner (`application.partner_id` in
    /// `X-Stripe-Client-User-Agent`).
    pub partner_id: Option<String>,
}

/// A secret key that never shows in `Debug` or `Display`.
#[derive(Clone)]
struct SecretKey(String);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Builds a [`Client`] (with [`build`](Self::build)) or a [`BlockingClient`] (with
/// [`build_blocking`](Self::build_blocking)), from [`Client::builder`] or [`BlockingClient::builder`].
#[derive(Debug)]
pub struct ClientBuilder {
    secret_key: SecretKey,
    base_url: String,
    api_version: Option<String>,
    stripe_account: Option<String>,
    retry: RetryPolicy,
    transport_config: TransportConfig,
    deadline: Option<Duration>,
    app_info: Option<AppInfo>,
    telemetry: bool,
    #[cfg(feature = "async")]
    transport: Option<Arc<dyn Transport>>,
    blocking_transport: Option<Arc<dyn BlockingTransport>>,
}

impl ClientBuilder {
    /// Stripe's defaults, for `secret_key`.
    pub(crate) fn new(secret_key: String) -> Self {
        ClientBuilder {
            secret_key: SecretKey(secret_key),
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: None,
            stripe_account: None,
            retry: RetryPolicy::default(),
            transport_config: TransportConfig::default(),
            deadline: None,
            app_info: None,
            telemetry: true,
            #[cfg(feature = "async")]
            transport: None,
            blocking_transport: None,
        }
    }

    /// A builder from `STRIPE_SECRET_KEY`, and `STRIPE_API_BASE` as base URL if it is set.
    pub(crate) fn from_env() -> Result<Self, Error> {
        let key = std::env::var("STRIPE_SECRET_KEY")
            .map_err(|_| Error::Config("set STRIPE_SECRET_KEY to your Stripe secret key".into()))?;
        let mut builder = ClientBuilder::new(key);
        if let Ok(base) = std::env::var("STRIPE_API_BASE") {
            builder = builder.base_url(base);
        }
        Ok(builder)
    }

    /// Whether to send `X-Stripe-Client-Telemetry` (on by default, as in Stripe's official
    /// SDKs): each request tells Stripe the `Request-Id` of the client's previous one and how long
    /// it took, in milliseconds, and nothing else (no key, no parameters, no body).
    pub fn telemetry(mut self, enabled: bool) -> Self {
        self.telemetry = enabled;
        self
    }

    /// Sets the API base URL (default `https://api.stripe.com`), e.g. a local mock server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }
    /// Pins `Stripe-Version` for every request (default: the version the code was generated from).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }
    /// Sends `Stripe-Account` on every request (Connect).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }
    /// Sets how many times a failed request is retried (default 2).
    pub fn max_network_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }
    /// Replaces the whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
    /// Time allowed to connect, TLS handshake included (default 30 s), as Stripe's SDKs do.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport_config.connect_timeout = timeout;
        self
    }
    /// Time allowed without a byte from Stripe, restarted by every read (default 80 s), as
    /// Stripe's SDKs do: a slow but steady answer is not cut off. A timeout is retried.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.transport_config.read_timeout = timeout;
        self
    }
    /// The same as [`read_timeout`](Self::read_timeout), under the name of earlier versions.
    pub fn request_timeout(self, timeout: Duration) -> Self {
        self.read_timeout(timeout)
    }
    /// Largest response body read, in bytes (default 64 MiB). A larger one ends the call with
    /// [`Error::BodyTooLarge`], which is not retried.
    pub fn body_limit(mut self, bytes: u64) -> Self {
        self.transport_config.body_limit = bytes;
        self
    }
    /// Overall deadline of every call, covering all its attempts and the waits between them
    /// (default: none). When it passes, the attempt in flight is dropped and the call ends with
    /// [`Error::Timeout`] of kind [`FailureKind::Deadline`]; no retry starts that the deadline
    /// would cut short. [`RequestOptions::deadline`] overrides it for one call.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
    /// Names your application in the `User-Agent`.
    pub fn app_info(mut self, name: impl Into<String>, version: Option<&str>, url: Option<&str>) -> Self {
        let partner_id = self.app_info.take().and_then(|app| app.partner_id);
        let (name, version, url) = (name.into(), version.map(Into::into), url.map(Into::into));
        self.app_info = Some(AppInfo { name, version, url, partner_id });
        self
    }
    /// Your Stripe partner id, sent with the [`app_info`](Self::app_info) (which it needs: the
    /// build fails without one), as the official SDKs' `set_app_info(partner_id=…)` sends it.
    pub fn partner_id(mut self, partner_id: impl Into<String>) -> Self {
        let app = self.app_info.get_or_insert_with(|| AppInfo {
            name: String::new(),
            version: None,
            url: None,
            partner_id: None,
        });
        app.partner_id = Some(partner_id.into());
        self
    }
    /// Uses `transport` instead of the default one for the async [`Client`]. Connect and read
    /// timeouts and the body limit are then the transport's business; the deadline and retries
    /// still apply.
    #[cfg(feature = "async")]
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }
    /// Uses `transport` instead of the default one for the [`BlockingClient`], as
    /// [`transport`](Self::transport) does for the async client.
    pub fn blocking_transport(mut self, transport: Arc<dyn BlockingTransport>) -> Self {
        self.blocking_transport = Some(transport);
        self
    }

    /// Builds the async client. The default transport is ureq (feature `ureq-transport`), else
    /// reqwest (feature `reqwest-transport`); without either, a transport must have been set.
    ///
    /// Configuration mistakes are reported here as [`Error::Config`], before any request: an
    /// empty key or one with characters a key cannot have (such as a space or a newline), a base
    /// URL that is not `http(s)://host…`, or a header value (account, version, app info) with
    /// control characters.
    #[cfg(feature = "async")]
    pub fn build(self) -> Result<Client, Error> {
        let settings = self.settings()?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(self.transport_config)?,
        };
        Ok(Client { settings: Arc::new(settings), transport })
    }

    /// Builds the blocking client, with the same checks as [`build`](Self::build). Its default
    /// transport is ureq (feature `blocking`, part of the default `ureq-transport`); without it,
    /// a transport must have been set with [`blocking_transport`](Self::blocking_transport).
    pub fn build_blocking(self) -> Result<BlockingClient, Error> {
        let settings = self.settings()?;
        let transport = match self.blocking_transport {
            Some(transport) => transport,
            None => default_blocking_transport(self.transport_config)?,
        };
        Ok(BlockingClient::new(Arc::new(settings), transport))
    }

    /// Checks the configuration and computes what every request sends.
    fn settings(&self) -> Result<Settings, Error> {
        check_secret_key(&self.secret_key.0)?;
        check_base_url(&self.base_url)?;
        if let Some(account) = &self.stripe_account {
            check_header_value("the Stripe account", account)?;
        }
        if let Some(version) = &self.api_version {
            check_header_value("the API version", version)?;
        }
        if let Some(app) = self.app_info.as_ref().filter(|app| app.name.is_empty()) {
            let why =
                if app.partner_id.is_some() { "a partner id needs the app info" } else { "the app name is empty" };
            return Err(Error::Config(format!("{why}: call ClientBuilder::app_info with your app's name")));
        }
        let mut user_agent = format!("Stripe/v1 RustBindings/{}", crate::VERSION);
        if let Some(app) = &self.app_info {
            user_agent.push(' ');
            user_agent.push_str(&app.name);
            if let Some(version) = &app.version {
                user_agent.push('/');
                user_agent.push_str(version);
            }
            if let Some(url) = &app.url {
                user_agent.push_str(&format!(" ({url})"));
            }
            check_header_value("the app info", &user_agent)?;
        }
        Ok(Settings {
            authorization: SecretKey(format!("Bearer {}", self.secret_key.0)),
            base_url: self.base_url.clone(),
            api_version: self.api_version.clone(),
            stripe_account: self.stripe_account.clone(),
            retry: self.retry.clone(),
            deadline: self.deadline,
            user_agent,
            client_user_agent: crate::telemetry::client_user_agent(self.app_info.as_ref()),
            metrics: RequestMetrics::new(self.telemetry),
        })
    }
}

/// Rejects an empty key and any character outside visible ASCII, without showing the key.
pub(crate) fn check_secret_key(key: &str) -> Result<(), Error> {
    if key.is_empty() {
        return Err(Error::Config("the secret key is empty".into()));
    }
    if let Some((position, c)) = key.char_indices().find(|(_, c)| !c.is_ascii_graphic()) {
        let what = match c {
            ' ' => "a space",
            '\n' | '\r' => "a line break",
            c if c.is_control() => "a control character",
            _ => "a non-ASCII character",
        };
        return Err(Error::Config(format!(
            "the secret key has {what} at byte {position}; keys are visible ASCII (check for stray whitespace)"
        )));
    }
    Ok(())
}

/// Accepts `http://` or `https://`, a host, and an optional path; nothing that cannot be sent.
fn check_base_url(url: &str) -> Result<(), Error> {
    let bad = |why: &str| Err(Error::Config(format!("the base URL {url:?} {why}")));
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return bad("does not start with https:// or http://");
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return bad("has no host");
    }
    if let Some(c) = url.chars().find(|c| !c.is_ascii_graphic()) {
        return bad(&format!("contains {c:?}, which a URL cannot hold unescaped"));
    }
    if url.contains(['?', '#']) {
        return bad("has a query or fragment; give the scheme, host and optional path only");
    }
    Ok(())
}

/// Rejects what no HTTP header value can hold: control characters other than tab.
pub(crate) fn check_header_value(what: &str, value: &str) -> Result<(), Error> {
    match value.char_indices().find(|&(_, c)| (c.is_control() && c != '\t') || c == '\u{7f}') {
        Some((position, c)) => Err(Error::Config(format!(
            "{what} has the control character {c:?} at byte {position}, which an HTTP header cannot hold"
        ))),
        None => Ok(()),
    }
}

#[cfg(feature = "ureq-transport")]
fn default_transport(config: TransportConfig) -> Result<Arc<dyn Transport>, Error> {
    Ok(Arc::new(crate::transport::UreqTransport::new(config)))
}

#[cfg(all(not(feature = "ureq-transport"), feature = "reqwest-transport"))]
fn default_transport(config: TransportConfig) -> Result<Arc<dyn Transport>, Error> {
    let transport = crate::transport::ReqwestTransport::new(config).map_err(|e| Error::Config(e.to_string()))?;
    Ok(Arc::new(transport))
}

#[cfg(all(feature = "async", not(any(feature = "ureq-transport", feature = "reqwest-transport"))))]
fn default_transport(_: TransportConfig) -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "no transport: enable the `ureq-transport` or `reqwest-transport` feature, or call `ClientBuilder::transport`"
            .into(),
    ))
}

#[cfg(feature = "blocking")]
fn default_blocking_transport(config: TransportConfig) -> Result<Arc<dyn BlockingTransport>, Error> {
    Ok(Arc::new(crate::transport::UreqTransport::new(config)))
}

#[cfg(not(feature = "blocking"))]
fn default_blocking_transport(_: TransportConfig) -> Result<Arc<dyn BlockingTransport>, Error> {
    Err(Error::Config(
        "no blocking transport: enable the `blocking` (or `ureq-transport`) feature, or call `ClientBuilder::blocking_transport`"
            .into(),
    ))
}

/// One call, ready to send by either client: its request, deadline and retry policy.
pub(crate) struct Call {
    pub(crate) request: HttpRequest,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: RetryPolicy,
}

/// What every request of a client sends, checked once by [`ClientBuilder`]; shared by the async
/// and the blocking client.
#[derive(Debug)]
pub(crate) struct Settings {
    authorization: SecretKey,
    base_url: String,
    api_version: Option<String>,
    stripe_account: Option<String>,
    pub(crate) retry: RetryPolicy,
    deadline: Option<Duration>,
    user_agent: String,
    client_user_agent: String,
    /// What `X-Stripe-Client-Telemetry` reports next; both clients record each final answer here.
    pub(crate) metrics: RequestMetrics,
}

impl Settings {
    /// Checks the call and builds its request, the same for both clients: the request and the
    /// call's deadline. An option that no header can hold is an [`Error::Config`].
    pub(crate) fn prepare(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
    ) -> Result<Call, Error> {
        options.check()?;
        check_path(path)?;
        let request = self.build_request(method, path, params, api_version, options);
        let mut retry = self.retry.clone();
        if let Some(retries) = options.max_network_retries {
            retry.max_retries = retries;
        }
        Ok(Call { request, deadline: options.deadline.or(self.deadline), retry })
    }

    fn build_request(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
    ) -> HttpRequest {
        let mut url = format!("{}{}", self.base_url, path);
        let mut body = None;
        match method {
            Method::Post => body = Some(params.into_bytes()),
            Method::Get | Method::Delete if !params.is_empty() => {
                url.push('?');
                url.push_str(&params);
            }
            Method::Get | Method::Delete => {}
        }
        let version = options.api_version.as_deref().or(self.api_version.as_deref()).unwrap_or(api_version);
        let authorization = match &options.api_key {
            Some(key) => format!("Bearer {key}"),
            None => self.authorization.0.clone(),
        };
        let mut headers = vec![
            ("Authorization".to_owned(), authorization),
            ("Stripe-Version".to_owned(), version.to_owned()),
            ("User-Agent".to_owned(), self.user_agent.clone()),
            ("X-Stripe-Client-User-Agent".to_owned(), self.client_user_agent.clone()),
        ];
        if let Some(metrics) = self.metrics.take_header() {
            headers.push(("X-Stripe-Client-Telemetry".to_owned(), metrics));
        }
        if method == Method::Post {
            headers.push(("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()));
            // One key per logical request: every retry carries it, so Stripe applies it once.
            let key = options.idempotency_key.clone().unwrap_or_else(crate::uuid::new_v4);
            headers.push(("Idempotency-Key".to_owned(), key));
        }
        if let Some(account) = options.stripe_account.as_ref().or(self.stripe_account.as_ref()) {
            headers.push(("Stripe-Account".to_owned(), account.clone()));
        }
        if let Some(context) = &options.stripe_context {
            headers.push(("Stripe-Context".to_owned(), context.clone()));
        }
        headers.extend(options.headers.iter().cloned());
        HttpRequest { method, url, headers, body }
    }
}

impl Settings {
    /// The final outcome of `request`'s attempts, the last of `attempts` sent at `sent`: its
    /// answer is recorded for telemetry, and comes with its metadata.
    pub(crate) fn finished(
        &self,
        outcome: Result<HttpResponse, TransportError>,
        request: &HttpRequest,
        attempts: u32,
        sent: std::time::Instant,
    ) -> Result<Answered, Error> {
        let response = outcome?;
        self.metrics.record(&response, sent);
        let metadata = ResponseMetadata::of(&response, request, attempts);
        Ok(Answered { response, metadata })
    }
}

/// A call's final answer, undecoded, and its metadata.
pub(crate) struct Answered {
    pub(crate) response: HttpResponse,
    pub(crate) metadata: ResponseMetadata,
}

/// The final answer of a call as its result: the decoded JSON of a success, else Stripe's error.
pub(crate) fn decode_response<T: DeserializeOwned>(response: HttpResponse) -> Result<T, Error> {
    decode_response_with(response, |json| serde_json::from_slice(json))
}

/// [`decode_response`] with the decoder given: what the pagers call, so that their generic code
/// does not instantiate the item's decoder (see `crate::decode`).
pub(crate) fn decode_response_with<T>(
    response: HttpResponse,
    decode: fn(&[u8]) -> Result<T, serde_json::Error>,
) -> Result<T, Error> {
    let response = success(response)?;
    decode(&response.body).map_err(|e| undecodable(&response, &e))
}

/// A success (2xx) as is, anything else as Stripe's error.
fn success(response: HttpResponse) -> Result<HttpResponse, Error> {
    if (200..300).contains(&response.status) {
        Ok(response)
    } else {
        let request_id = response.header("request-id").map(str::to_owned);
        Err(Error::Api(Box::new(ApiError::from_response(response.status, request_id, &response.body))))
    }
}

/// The error of a success whose body does not decode.
fn undecodable(response: &HttpResponse, error: &serde_json::Error) -> Error {
    Error::Decode {
        status: response.status,
        request_id: response.header("request-id").map(str::to_owned),
        body_prefix: body_prefix(&response.body),
        message: error.to_string(),
    }
}

/// The error of a call whose `deadline` passed.
pub(crate) fn deadline_passed(deadline: Duration) -> Error {
    Error::Timeout {
        message: Failure::new(
            FailureKind::Deadline,
            format!("deadline passed: no answer within the call's deadline of {deadline:?}"),
        ),
    }
}

/// A Stripe API client. Cheap to clone; share one across tasks.
#[cfg(feature = "async")]
#[derive(Clone, Debug)]
pub struct Client {
    settings: Arc<Settings>,
    transport: Arc<dyn Transport>,
}

#[cfg(feature = "async")]
impl Client {
    /// Starts a client for `secret_key` with Stripe's defaults.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(secret_key.into())
    }

    /// A client from `STRIPE_SECRET_KEY`, and `STRIPE_API_BASE` as base URL if it is set.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// Sends a request and decodes the JSON answer into `T`, retrying as Stripe's SDKs do.
    ///
    /// `path` starts with `/v1/`; `params` is the encoded form (query string for GET and
    /// DELETE, body for POST); `api_version` is the version the calling code was generated from.
    /// An option that no header can hold is an [`Error::Config`], reported before any request.
    pub async fn execute<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
    ) -> Result<T, Error> {
        decode_response(self.answer(method, path, params, api_version, options, Label::EXECUTE).await?.response)
    }

    /// The final answer to a request, undecoded: [`execute`](Self::execute) up to the decoding.
    pub(crate) async fn answer(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
        label: Label,
    ) -> Result<Answered, Error> {
        let call = self.settings.prepare(method, path, params, api_version, options)?;
        CallSpan::new(label, method).run_async(self.send_with_retries(call)).await
    }

    /// Sends until an answer that is not retried, retries run out, or `deadline` passes.
    async fn send_with_retries(&self, call: Call) -> Result<Answered, Error> {
        let Call { request, deadline, retry } = call;
        let Some(deadline) = deadline else {
            return self.attempts(request, &retry, None).await;
        };
        let end = tokio::time::Instant::now() + deadline;
        // Dropping the attempt in flight releases its connection (see `Transport`).
        match tokio::time::timeout_at(end, self.attempts(request, &retry, Some(end))).await {
            Ok(outcome) => outcome,
            Err(_) => Err(deadline_passed(deadline)),
        }
    }

    async fn attempts(
        &self,
        request: HttpRequest,
        retry: &RetryPolicy,
        end: Option<tokio::time::Instant>,
    ) -> Result<Answered, Error> {
        let mut attempts = Attempts::new(retry);
        loop {
            let sent = std::time::Instant::now();
            let outcome = self.transport.send(request.clone()).await;
            let (attempt, seen) = (attempts.sent(), AttemptSeen::of(&outcome, sent.elapsed()));
            let time_left = end.map(|end| end.saturating_duration_since(tokio::time::Instant::now()));
            match attempts.after(outcome, time_left, jitter()) {
                Next::Done(outcome) => {
                    seen.report(attempt, None);
                    return self.settings.finished(outcome, &request, attempt, sent);
                }
                Next::Retry(delay) => {
                    seen.report(attempt, Some(delay));
                    tokio::time::sleep(delay).await
                }
            }
        }
    }
}

/// The path (and its query) goes into the URL as is: it must be already encoded.
fn check_path(path: &str) -> Result<(), Error> {
    if !path.starts_with('/') {
        return Err(Error::Config(format!("the path {path:?} does not start with '/'")));
    }
    match path.char_indices().find(|(_, c)| !c.is_ascii_graphic()) {
        Some((position, c)) => {
            Err(Error::Config(format!("the path {path:?} has {c:?} at byte {position}; encode it first")))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_builder_and_clients_hides_the_key() {
        let builder = ClientBuilder::new("sk_test_supersecret".into()).app_info("App", Some("1.0"), None);
        assert!(!format!("{builder:?}").contains("supersecret"));
        let settings = builder.settings().unwrap();
        let request =
            settings.build_request(Method::Post, "/v1/x", String::new(), "2023-08-16", &RequestOptions::new());
        assert!(!format!("{request:?}").contains("supersecret"));
        assert_eq!(request.header("authorization"), Some("Bearer sk_test_supersecret"));
        let transport: Arc<dyn BlockingTransport> = Arc::new(Unused);
        let client = builder.blocking_transport(transport).build_blocking().unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
        assert!(shown.contains("Stripe/v1 RustBindings/"), "{shown}");
    }

    #[cfg(feature = "async")]
    #[test]
    fn debug_of_the_async_client_hides_the_key() {
        let client = Client::builder("sk_test_supersecret").build().unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
        assert!(shown.contains("Stripe/v1 RustBindings/"), "{shown}");
    }

    #[test]
    fn get_params_go_in_the_query_and_carry_no_idempotency_key() {
        let settings = ClientBuilder::new("sk_test_x".into()).base_url("http://127.0.0.1:1/").settings().unwrap();
        let request = settings.build_request(Method::Get, "/v1/x", "a=1".into(), "2023-08-16", &RequestOptions::new());
        assert_eq!(request.url, "http://127.0.0.1:1/v1/x?a=1");
        assert_eq!(request.header("idempotency-key"), None);
        assert!(request.body.is_none());
    }

    /// A blocking transport the tests never call.
    #[derive(Debug)]
    struct Unused;

    impl BlockingTransport for Unused {
        fn send_blocking(
            &self,
            _: HttpRequest,
            _: Option<Duration>,
        ) -> Result<HttpResponse, crate::transport::TransportError> {
            unreachable!("no request is sent")
        }
    }
}
