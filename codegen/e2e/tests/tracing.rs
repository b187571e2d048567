//! The `tracing` feature (issue 27, point 2) on the generated create call against a real HTTP
//! server on 127.0.0.1: a 500-then-200 call gives one span (operation, method, path template) and
//! two attempt events (statuses, request ids, the wait); the key and the body are in no field.
//! Run with `cargo test -p stripe-e2e --features tracing --test tracing` (`.ci/run` does).

#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use stripe_api::billing_portal::session::CreateSession;
use stripe_api::{BlockingClient, Client};
use stripe_e2e::{session_fixture, FakeStripe, Reply};
use stripe_runtime::RetryPolicy;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

const KEY: &str = "sk_test_tracingsecret";

/// What the subscriber saw: each span's name and fields, each event's level and fields.
#[derive(Debug, Default)]
struct Seen {
    spans: Vec<(String, Vec<(String, String)>)>,
    events: Vec<(Level, Vec<(String, String)>)>,
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

struct Recorder(Arc<Mutex<Seen>>);

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields(Vec::new());
        span.record(&mut fields);
        let mut seen = self.0.lock().unwrap();
        seen.spans.push((span.metadata().name().to_owned(), fields.0));
        Id::from_u64(seen.spans.len() as u64)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0.lock().unwrap().events.push((*event.metadata().level(), fields.0));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// A 500, then a 200, for one create call.
fn server() -> FakeStripe {
    let error = r#"{"error":{"type":"api_error","message":"busy"}}"#;
    FakeStripe::start(vec![Reply::json(500, error), Reply::json(200, session_fixture("2023-08-16").to_string())])
}

fn params() -> CreateSession {
    CreateSession::new("cus_secretbody").return_url("https://example.com/private")
}

fn retry() -> RetryPolicy {
    RetryPolicy { initial_delay: Duration::from_millis(20), ..RetryPolicy::default() }
}

/// What the subscriber saw while `call` ran.
fn recorded(call: impl FnOnce()) -> Seen {
    let seen = Arc::new(Mutex::new(Seen::default()));
    tracing::subscriber::with_default(Recorder(seen.clone()), call);
    Arc::try_unwrap(seen).unwrap().into_inner().unwrap()
}

#[test]
fn a_retried_call_is_one_span_with_an_event_per_attempt_and_no_secret() {
    let fake = server();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = Client::builder(KEY).base_url(&fake.base_url).retry_policy(retry()).build().unwrap();
    check(recorded(|| {
        runtime.block_on(params().send(&client)).unwrap();
    }));
    let fake = server();
    let client = BlockingClient::builder(KEY).base_url(&fake.base_url).retry_policy(retry()).build_blocking().unwrap();
    check(recorded(|| {
        params().send_blocking(&client).unwrap();
    }));
}

fn check(seen: Seen) {
    let [(name, span)] = &seen.spans[..] else { panic!("one span: {seen:#?}") };
    assert_eq!(name, "stripe.call");
    assert_eq!(field(span, "operation"), Some("CreateSession"));
    assert_eq!(field(span, "method"), Some("POST"));
    assert_eq!(field(span, "path"), Some("/v1/billing_portal/sessions"));
    let [(retried_level, retried), (final_level, last)] = &seen.events[..] else { panic!("two events: {seen:#?}") };
    assert_eq!((*retried_level, *final_level), (Level::WARN, Level::DEBUG));
    assert_eq!((field(retried, "attempt"), field(retried, "status")), (Some("1"), Some("500")));
    assert_eq!(field(retried, "request_id"), Some("req_500"));
    assert_eq!(field(retried, "retry_reason"), Some("status 500"));
    // Retry 1 waits exactly the initial delay (the official SDKs' formula).
    assert_eq!(field(retried, "wait_ms"), Some("20"));
    assert_eq!((field(last, "attempt"), field(last, "status")), (Some("2"), Some("200")));
    assert_eq!(field(last, "request_id"), Some("req_200"));
    assert!(field(last, "elapsed_ms").is_some() && field(last, "wait_ms").is_none(), "{last:?}");
    let everything = format!("{seen:?}");
    for secret in [KEY, "cus_secretbody", "example.com/private"] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
}
