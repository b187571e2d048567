//! Test support: a fake Stripe API on 127.0.0.1, session samples, and the paths of Stripe's
//! specs and fixtures.

#![warn(missing_docs)]

pub mod bench_report;
pub mod samples;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// The README's Rust examples, compiled as doctests so they cannot drift from the generated API.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;

/// The verified path of the pinned Stripe file `name`, e.g. `"2024-04-10/spec3.json"` or
/// `"2023-08-16/fixtures3.json"` (the pinned spec of `spec/pin.toml` and those of
/// `spec/files.toml`): from `$STRIPE_OPENAPI_DIR` or `../shared/stripe-openapi/` if a copy there
/// has the pinned sha256, else from `spec/cache/`, else downloaded into it. Panics with what was
/// tried and how to get the file.
pub fn stripe_file(name: &str) -> PathBuf {
    stripe_files::Project::here().file(name).unwrap_or_else(|e| panic!("{e}"))
}

/// A stripe-openapi folder that holds every pinned Stripe file at `<version>/<file>`: the local
/// one if it has them all, else `spec/cache/` once it has been filled. Panics with how to get a
/// missing file. Prefer [`stripe_file`], which needs only the file asked for.
pub fn stripe_openapi_dir() -> PathBuf {
    stripe_files::Project::here().dir_with_all().unwrap_or_else(|e| panic!("{e}"))
}

/// The `billing_portal.session` fixture of `version`'s `fixtures3.json`.
pub fn session_fixture(version: &str) -> serde_json::Value {
    fixture(version, "billing_portal.session")
}

/// Stripe's fixture of `resource` (an `x-resourceId`) from `<version>/fixtures3.json`.
pub fn fixture(version: &str, resource: &str) -> serde_json::Value {
    let path = stripe_file(&format!("{version}/fixtures3.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let fixtures: serde_json::Value = serde_json::from_str(&text).expect("fixtures3.json is JSON");
    let fixture = fixtures["resources"][resource].clone();
    assert!(fixture.is_object(), "{} has no fixture of {resource}", path.display());
    fixture
}

/// The generated crate's example `name`, which `cargo test --workspace` builds beside the test
/// binary that calls this; panics with how to build it when it is missing.
pub fn example_binary(name: &str) -> PathBuf {
    let deps = std::env::current_exe().expect("test path");
    let path = deps.parent().and_then(|d| d.parent()).expect("target/<profile>").join("examples").join(name);
    assert!(
        path.is_file(),
        "{} is missing: run the tests with `cargo test --workspace` (it builds the generated crate's examples), \
         or build it with `cargo build -p stripe-api --example {name}`",
        path.display()
    );
    path
}

/// One request as the fake server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Headers in arrival order.
    pub headers: Vec<(String, String)>,
    /// Body as text.
    pub body: String,
}

impl Recorded {
    /// The header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What the fake server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answer with this status, extra headers and body.
    Respond {
        /// HTTP status.
        status: u16,
        /// Extra headers (`Content-Length` and `Connection: close` are added).
        headers: Vec<(String, String)>,
        /// Body.
        body: String,
    },
    /// Read the request, then close the connection without answering.
    Drop,
}

impl Reply {
    /// A JSON answer with a `Request-Id`.
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::Respond { status, headers: vec![("Request-Id".into(), format!("req_{status}"))], body: body.into() }
    }

    /// Adds a header to a `Respond`.
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 that answers with scripted replies, in order, then stops.
pub struct FakeStripe {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    thread: Option<JoinHandle<()>>,
}

impl FakeStripe {
    /// Starts serving `replies`, one connection each.
    pub fn start(replies: Vec<Reply>) -> FakeStripe {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("local addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        let thread = std::thread::spawn(move || {
            for reply in replies {
                let Ok((stream, _)) = listener.accept() else { return };
                let Some(request) = read_request(&stream) else { return };
                recorded.lock().expect("not poisoned").push(request);
                answer(stream, reply);
            }
        });
        FakeStripe { base_url, requests, thread: Some(thread) }
    }

    /// Requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

impl Drop for FakeStripe {
    fn drop(&mut self) {
        // Only join a server that has answered everything; a test that stopped early must not hang.
        if let Some(thread) = self.thread.take() {
            if thread.is_finished() {
                let _ = thread.join();
            }
        }
    }
}

/// Answers every request on `listener` with `reply(request)`, printing one line per request,
/// until killed.
pub fn serve_forever(listener: TcpListener, reply: impl Fn(&Recorded) -> Reply) {
    for stream in listener.incoming().flatten() {
        if let Some(request) = read_request(&stream) {
            println!("{} {} ({} bytes)", request.method, request.path, request.body.len());
            answer(stream, reply(&request));
        }
    }
}

fn read_request(stream: &TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded { method, path, headers, body: String::from_utf8(body).ok()? })
}

fn answer(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Drop => drop(stream),
        Reply::Respond { status, headers, body } => {
            let mut head =
                format!("HTTP/1.1 {status} Status\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                head.push_str("Content-Type: application/json\r\n");
            }
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    }
}

/// Decodes `json` into `T` both ways: by `generated`, the generated crate's decoder
/// (`T::decode`, what operations, pagers and webhooks use), and by serde's derive (what users'
/// own `serde_json` calls use). Panics unless both agree, on the value or on failing; returns the
/// generated decoder's result, out of its `Decoded` box.
pub fn decode_both<T>(
    json: &str,
    generated: fn(&[u8]) -> Result<stripe_runtime::Decoded<T>, serde_json::Error>,
) -> Result<T, serde_json::Error>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let ours = generated(json.as_bytes()).map(stripe_runtime::Decoded::into_inner);
    let serde = serde_json::from_str::<T>(json);
    match (&ours, &serde) {
        (Ok(ours), Ok(serde)) => assert_eq!(ours, serde, "the two decoders disagree on {json}"),
        (Err(_), Err(_)) => {}
        _ => panic!("one decoder failed: generated {ours:?}, serde {serde:?}, on {json}"),
    }
    ours
}
