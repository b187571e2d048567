//! For your tests of code that calls Stripe (feature `testing`): [`MockTransport`] answers a
//! scripted sequence and records every request, for the async and the blocking client alike, so a
//! test needs no network and no server; [`assert_pairs`] compares form or query pairs with a
//! readable diff.
//!
//! ```
//! use std::sync::Arc;
//! use stripe_runtime::testing::{assert_pairs, MockAnswer, MockTransport};
//! use stripe_runtime::{BlockingClient, Method, RequestOptions};
//!
//! let mock = Arc::new(MockTransport::new([
//!     MockAnswer::json(500, r#"{"error":{"type":"api_error","message":"busy"}}"#),
//!     MockAnswer::json(200, r#"{"id":"cus_1","object":"customer"}"#),
//! ]));
//! let client = BlockingClient::builder("sk_test_123")
//!     .blocking_transport(mock.clone())
//!     .retry_policy(stripe_runtime::RetryPolicy { initial_delay: std::time::Duration::ZERO, ..Default::default() })
//!     .build_blocking()?;
//! let customer: serde_json::Value =
//!     client.execute(Method::Post, "/v1/customers", "email=a%40b.co".into(), "2024-04-10", &RequestOptions::new())?;
//! assert_eq!(customer["id"], "cus_1");
//! let [first, retry] = &mock.requests()[..] else { panic!("two attempts") };
//! assert_pairs(&retry.body, &[("email", "a@b.co")]);
//! assert_eq!(first.header("idempotency-key"), retry.header("idempotency-key"));
//! # Ok::<(), stripe_runtime::Error>(())
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::client::Method;
use crate::transport::{BlockingTransport, Failure, FailureKind, HttpRequest, HttpResponse, TransportError};
#[cfg(feature = "async")]
use crate::transport::{BoxFuture, Transport};

/// One scripted answer of a [`MockTransport`]: a status with a body and headers, or a connection
/// failure; after an optional delay.
#[derive(Clone, Debug)]
pub struct MockAnswer {
    outcome: Result<HttpResponse, TransportError>,
    delay: Duration,
}

impl MockAnswer {
    /// Answers `status` with the JSON `body`. Unless a [`header`](Self::header) sets one, the
    /// answer carries `Request-Id: req_mock_<n>`, `n` counting the transport's requests from 1,
    /// as every answer of Stripe's carries one.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        MockAnswer {
            outcome: Ok(HttpResponse { status, headers, body: body.into().into_bytes() }),
            delay: Duration::ZERO,
        }
    }

    /// Answers `status` with the bytes of the file at `path` (a fixture). Panics, naming the
    /// file, if it cannot be read: a test's setup is wrong.
    pub fn fixture(status: u16, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let body = std::fs::read(path).unwrap_or_else(|e| panic!("MockAnswer::fixture: {}: {e}", path.display()));
        let mut answer = MockAnswer::json(status, "");
        if let Ok(response) = &mut answer.outcome {
            response.body = body;
        }
        answer
    }

    /// The connection fails before any answer (the client retries it, as a real one).
    pub fn connection_failure() -> Self {
        let failure = Failure::new(FailureKind::Io, "connection reset by the mock transport");
        MockAnswer { outcome: Err(TransportError::Connection(failure)), delay: Duration::ZERO }
    }

    /// Adds a header to the answer (a `Request-Id` replaces the generated one).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Ok(response) = &mut self.outcome {
            response.headers.push((name.into(), value.into()));
        }
        self
    }

    /// Waits `delay` before answering (on tokio's timer for the async client, which the client's
    /// deadline can cut; by sleeping the thread for the blocking one).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// One request as a [`MockTransport`] received it, decoded for assertions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MockRequest {
    /// The HTTP method.
    pub method: Method,
    /// The host (and port, if any) the request went to.
    pub host: String,
    /// The path, without the query.
    pub path: String,
    /// The query's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The form body's pairs, decoded, in order.
    pub body: Vec<(String, String)>,
    /// Every header, in sending order, `Authorization` included (it is yours).
    pub headers: Vec<(String, String)>,
}

impl MockRequest {
    /// The first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        crate::transport::find_header(&self.headers, name)
    }

    fn of(request: &HttpRequest) -> Self {
        let rest = request.url.split_once("://").map_or(request.url.as_str(), |(_, rest)| rest);
        let (host, target) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let body = request.body.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
        MockRequest {
            method: request.method,
            host: host.to_owned(),
            path: path.to_owned(),
            query: form_pairs(query),
            body: form_pairs(&body),
            headers: request.headers.clone(),
        }
    }
}

/// A transport for both clients ([`crate::Transport`] and [`BlockingTransport`]) that answers a script, in order,
/// and records every request. A request beyond the script fails as a connection failure whose
/// message says so (and the client's retries ask again, so keep retries in mind).
#[derive(Debug, Default)]
pub struct MockTransport {
    script: Mutex<VecDeque<MockAnswer>>,
    requests: Mutex<Vec<MockRequest>>,
}

impl MockTransport {
    /// A transport that answers `answers` in order.
    pub fn new(answers: impl IntoIterator<Item = MockAnswer>) -> Self {
        MockTransport { script: Mutex::new(answers.into_iter().collect()), requests: Mutex::default() }
    }

    /// Adds `answer` at the end of the script.
    pub fn push(&self, answer: MockAnswer) {
        self.script.lock().unwrap_or_else(PoisonError::into_inner).push_back(answer);
    }

    /// Every request received so far, in order (each attempt of a retried call is one).
    pub fn requests(&self) -> Vec<MockRequest> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// How many scripted answers are left.
    pub fn remaining(&self) -> usize {
        self.script.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Records `request` and takes the next answer.
    fn answer(&self, request: &HttpRequest) -> MockAnswer {
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        requests.push(MockRequest::of(request));
        let n = requests.len();
        let next = self.script.lock().unwrap_or_else(PoisonError::into_inner).pop_front();
        let mut answer = next.unwrap_or_else(|| {
            let message = format!(
                "MockTransport: no answer scripted for request {n} ({} {})",
                request.method.as_str(),
                request.url
            );
            MockAnswer {
                outcome: Err(TransportError::Connection(Failure::new(FailureKind::Other, message))),
                delay: Duration::ZERO,
            }
        });
        if let Ok(response) = &mut answer.outcome {
            if response.header("request-id").is_none() {
                response.headers.push(("Request-Id".to_owned(), format!("req_mock_{n}")));
            }
        }
        answer
    }
}

#[cfg(feature = "async")]
impl Transport for MockTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<Result<HttpResponse, TransportError>> {
        let MockAnswer { outcome, delay } = self.answer(&request);
        Box::pin(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            outcome
        })
    }
}

impl BlockingTransport for MockTransport {
    fn send_blocking(&self, request: HttpRequest, _timeout: Option<Duration>) -> Result<HttpResponse, TransportError> {
        let MockAnswer { outcome, delay } = self.answer(&request);
        std::thread::sleep(delay);
        outcome
    }
}

/// Panics unless `actual` holds exactly the `expected` pairs, in order, showing each pair of both
/// sides: `=` where they agree, `-` for what was expected and not sent, `+` for what was sent
/// and not expected.
#[track_caller]
pub fn assert_pairs(actual: &[(String, String)], expected: &[(&str, &str)]) {
    let same =
        actual.len() == expected.len() && actual.iter().zip(expected).all(|((k, v), (ek, ev))| k == ek && v == ev);
    if !same {
        panic!("the pairs differ (- expected, + sent):\n{}", PairsDiff { actual, expected });
    }
}

/// The line diff [`assert_pairs`] prints: the longest common subsequence of the two lists.
struct PairsDiff<'a> {
    actual: &'a [(String, String)],
    expected: &'a [(&'a str, &'a str)],
}

impl fmt::Display for PairsDiff<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a: Vec<String> = self.expected.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let b: Vec<String> = self.actual.iter().map(|(k, v)| format!("{k}={v}")).collect();
        // Lengths of the longest common subsequences of every pair of suffixes.
        let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                writeln!(f, "  = {}", a[i])?;
                (i, j) = (i + 1, j + 1);
            } else if j == b.len() || (i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1]) {
                writeln!(f, "  - {}", a[i])?;
                i += 1;
            } else {
                writeln!(f, "  + {}", b[j])?;
                j += 1;
            }
        }
        Ok(())
    }
}

/// The pairs of a query string or form body, percent-decoded (`+` is a space).
fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_decode_as_a_form_does() {
        let pairs = form_pairs("a=1&b%5B0%5D=x+y&c=%E2%9C%93&d=100%25&e&bad=%zz%");
        let expected = [("a", "1"), ("b[0]", "x y"), ("c", "✓"), ("d", "100%"), ("e", ""), ("bad", "%zz%")];
        assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }

    #[test]
    fn the_diff_shows_what_differs_in_order() {
        let actual = [("a", "1"), ("b", "2"), ("d", "4")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        let shown = PairsDiff { actual: &actual, expected: &[("a", "1"), ("c", "3"), ("d", "4")] }.to_string();
        assert_eq!(shown, "  = a=1\n  - c=3\n  + b=2\n  = d=4\n");
        let panic = std::panic::catch_unwind(|| assert_pairs(&actual, &[("a", "1")])).unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(message.contains("  + b=2\n  + d=4"), "{message}");
        assert_pairs(&actual, &[("a", "1"), ("b", "2"), ("d", "4")]);
    }
}
