//! The blocking client beside the async one, against real HTTP servers on 127.0.0.1 (issue 10,
//! point 3): the same calls send the same bytes and end in the same results and errors.

// Compares the two clients on their shared default transport, ureq.
#![cfg(feature = "ureq-transport")]

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use common::{builder, builder_for, no_wait, ok, Seen, Server, VERSION};
use stripe_runtime::{ClientBuilder, Error, FailureKind, Method, RequestOptions};

const LIST: &str = "/v1/billing_portal/configurations";

/// The request each client sends for the same call, and what each returns.
fn both(
    server: &Server,
    builder: impl Fn() -> ClientBuilder,
    method: Method,
    path: &str,
    params: &str,
    options: &RequestOptions,
) -> [(Vec<Seen>, Result<serde_json::Value, Error>); 2] {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = builder().build().unwrap();
    let before = server.seen().len();
    let answer = runtime.block_on(client.execute(method, path, params.into(), VERSION, options));
    let async_seen = server.seen()[before..].to_vec();
    let client = builder().build_blocking().unwrap();
    let before = server.seen().len();
    let answer_blocking = client.execute(method, path, params.into(), VERSION, options);
    let blocking_seen = server.seen()[before..].to_vec();
    [(async_seen, answer), (blocking_seen, answer_blocking)]
}

/// The same create, list and delete calls send byte-identical requests (method, target,
/// headers in order, body) through both clients; only the generated idempotency key differs.
#[test]
fn the_blocking_and_async_clients_send_identical_requests() {
    let server = Server::start(|_, _| ok(r#"{"id":"bps_1"}"#.into()));
    let builder = || builder(&server).app_info("Shop", Some("2.0"), None).stripe_account("acct_1");
    let calls = [
        (Method::Post, "/v1/billing_portal/sessions", "customer=cus_1&return_url=https%3A%2F%2Fx.io%2F"),
        (Method::Get, LIST, "limit=2&expand[0]=data.features"),
        (Method::Delete, "/v1/customers/cus_1", ""),
    ];
    for (method, path, params) in calls {
        let [(async_seen, a), (blocking_seen, b)] =
            both(&server, builder, method, path, params, &RequestOptions::new());
        assert_eq!((a.unwrap(), b.unwrap()), (serde_json::json!({"id": "bps_1"}), serde_json::json!({"id": "bps_1"})));
        let (mut a, mut b) = (async_seen[0].clone(), blocking_seen[0].clone());
        assert_eq!((async_seen.len(), blocking_seen.len()), (1, 1));
        if method == Method::Post {
            let (key_a, key_b) = (a.header("idempotency-key").unwrap(), b.header("idempotency-key").unwrap());
            assert_eq!((key_a.len(), key_b.len()), (36, 36));
            assert_ne!(key_a, key_b, "one key per call");
            for seen in [&mut a, &mut b] {
                seen.headers.iter_mut().filter(|(k, _)| k == "idempotency-key").for_each(|(_, v)| v.clear());
            }
        }
        assert_eq!(a, b, "{method:?} {path}");
        assert_eq!(a.body, params.as_bytes().iter().copied().filter(|_| method == Method::Post).collect::<Vec<_>>());
    }
    // A caller's idempotency key makes the POSTs identical to the byte.
    let options = RequestOptions::new().idempotency_key("key_1");
    let [(a, _), (b, _)] =
        both(&server, builder, Method::Post, "/v1/billing_portal/sessions", "customer=cus_1", &options);
    assert_eq!(a, b);
    assert_eq!(a[0].header("idempotency-key"), Some("key_1"));
}

/// Stripe's errors, undecodable answers, retried answers, configuration mistakes and network
/// failures come out the same from both clients.
#[test]
fn the_blocking_and_async_clients_map_errors_identically() {
    let server = Server::start(|request, n| {
        match request.path() {
        "/v1/card" => (
            402,
            vec![("Request-Id", "req_1".into())],
            r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Declined","param":"source"}}"#.into(),
        ),
        "/v1/html" => ok("<html>".into()),
        // Every other request to /v1/flaky fails once, then succeeds on the retry.
        "/v1/flaky" if n % 2 == 0 => (503, Vec::new(), "{}".into()),
        _ => ok(r#"{"ok":true}"#.into()),
    }
    });
    let builder = || builder(&server).retry_policy(no_wait(2));
    let post = RequestOptions::new().idempotency_key("same");
    for (method, path) in [
        (Method::Post, "/v1/card"),
        (Method::Get, "/v1/html"),
        (Method::Get, "/v1/flaky"),
        (Method::Get, "v1/no-slash"),
    ] {
        let [(seen_a, a), (seen_b, b)] = both(&server, builder, method, path, "", &post);
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{path}");
        assert_eq!(seen_a, seen_b, "{path}");
    }
    let [(_, card), _] = both(&server, builder, Method::Post, "/v1/card", "", &post);
    let card = card.unwrap_err();
    let api = card.api_error().unwrap();
    assert_eq!((api.status, api.decline_code.as_deref()), (402, Some("insufficient_funds")));
    let [(flaky, answer), _] = both(&server, builder, Method::Get, "/v1/flaky", "", &post);
    assert_eq!((flaky.len(), answer.unwrap()), (2, serde_json::json!({"ok": true})));

    // Nothing listens: the same connection error after the same retries.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let refused = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let builder = || builder_for(&refused).retry_policy(no_wait(1));
    let [(_, a), (_, b)] = both(&server, builder, Method::Get, "/v1/x", "", &post);
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert!(
        matches!(&a, Err(Error::Connection { message }) if message.kind() == FailureKind::ConnectionRefused),
        "{a:?}"
    );
}

/// The blocking client honours the call's deadline: an answer that never comes ends with
/// the deadline error, not a read timeout.
#[test]
fn the_blocking_deadline_ends_a_call_that_runs_over() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            // Reads the request and holds the connection without answering.
            thread::spawn(move || while stream.read(&mut [0; 1024]).is_ok_and(|n| n > 0) {});
        }
    });
    let client = builder_for(&base_url)
        .read_timeout(Duration::from_secs(30))
        .deadline(Duration::from_millis(300))
        .build_blocking()
        .unwrap();
    let error = client
        .execute::<serde_json::Value>(Method::Get, "/v1/x", String::new(), VERSION, &RequestOptions::new())
        .unwrap_err();
    assert!(matches!(&error, Error::Timeout { message } if message.kind() == FailureKind::Deadline), "{error:?}");
}
