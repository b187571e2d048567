//! `X-Stripe-Client-Telemetry` (issue 27, point 3), against a real HTTP server on 127.0.0.1: each
//! request of a client reports the previous one's `Request-Id` and duration, as Stripe's official
//! SDKs do, once, with the same bytes on every attempt; none when the client turns it off.

#![cfg(feature = "ureq-transport")]

mod common;

use std::time::Duration;

use common::{builder, no_wait, Answer, Seen, Server, VERSION};
use stripe_runtime::{ClientBuilder, Error, Method, RequestOptions};

/// Answers request `n` with `Request-Id: req_<n+1>`, after 40 ms for the first.
fn server() -> Server {
    Server::start(|_, n| {
        if n == 0 {
            std::thread::sleep(Duration::from_millis(40));
        }
        (200, vec![("Request-Id", format!("req_{}", n + 1))], "{}".into())
    })
}

/// Calls `GET /v1/x` `times` times with the async client, then with the blocking one, each fresh
/// from `builder`; what each one's calls sent.
fn calls(server: &Server, builder: impl Fn() -> ClientBuilder, times: usize) -> [Vec<Seen>; 2] {
    let call = || (Method::Get, "/v1/x", String::new(), VERSION, RequestOptions::new());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = builder().build().unwrap();
    let before = server.seen().len();
    for _ in 0..times {
        let (method, path, params, version, options) = call();
        runtime.block_on(client.execute::<serde_json::Value>(method, path, params, version, &options)).unwrap();
    }
    let async_seen = server.seen()[before..].to_vec();
    let client = builder().build_blocking().unwrap();
    let before = server.seen().len();
    for _ in 0..times {
        let (method, path, params, version, options) = call();
        client.execute::<serde_json::Value>(method, path, params, version, &options).unwrap();
    }
    [async_seen, server.seen()[before..].to_vec()]
}

/// The header's `request_id` and `request_duration_ms`, checking its bytes are exactly the
/// official SDKs' compact JSON.
fn reported(seen: &Seen) -> Option<(String, u64)> {
    let value = seen.header("x-stripe-client-telemetry")?;
    let rest = value.strip_prefix(r#"{"last_request_metrics":{"request_id":""#).expect(value);
    let (id, rest) = rest.split_once(r#"","request_duration_ms":"#).expect(value);
    let ms = rest.strip_suffix("}}").expect(value);
    Some((id.to_owned(), ms.parse().expect(value)))
}

#[test]
fn each_request_reports_the_previous_ones_id_and_duration_once() {
    let server = server();
    for (client, seen) in ["async", "blocking"].into_iter().zip(calls(&server, || builder(&server), 3)) {
        let reports: Vec<Option<(String, u64)>> = seen.iter().map(reported).collect();
        assert_eq!(reports[0], None, "{client}: the first request has nothing to report");
        let (first, took) = reports[1].clone().unwrap_or_else(|| panic!("{client}: no telemetry on the second"));
        let (second, _) = reports[2].clone().unwrap_or_else(|| panic!("{client}: no telemetry on the third"));
        // The server numbers requests over both clients: the blocking one's start after the async one's.
        let offset = if client == "async" { 0 } else { 3 };
        assert_eq!((first, second), (format!("req_{}", offset + 1), format!("req_{}", offset + 2)), "{client}");
        if client == "async" {
            assert!((40..10_000).contains(&took), "{client}: the first request took {took} ms");
        }
    }
}

#[test]
fn a_client_with_telemetry_off_sends_none() {
    let server = server();
    for seen in calls(&server, || builder(&server).telemetry(false), 3) {
        assert!(seen.iter().all(|s| s.header("x-stripe-client-telemetry").is_none()), "{seen:#?}");
    }
}

/// Every attempt of a retried call carries the same report (of the call before it), and the call
/// after it reports the retried call's final answer; an answer without a `Request-Id` leaves none.
#[test]
fn retries_repeat_the_report_and_the_final_answer_is_reported() {
    let server = Server::start(|_, n| -> Answer {
        match n {
            0 => (200, vec![("Request-Id", "req_first".into())], "{}".into()),
            1 => (500, vec![("Request-Id", "req_failed".into())], "{}".into()),
            2 => (200, vec![("Request-Id", "req_retried".into())], "{}".into()),
            _ => (200, Vec::new(), "{}".into()),
        }
    });
    let client = builder(&server).retry_policy(no_wait(1)).build_blocking().unwrap();
    let get =
        || client.execute::<serde_json::Value>(Method::Get, "/v1/x", String::new(), VERSION, &RequestOptions::new());
    for _ in 0..4 {
        get().map_err(|e: Error| e.to_string()).unwrap();
    }
    let reports: Vec<Option<String>> = server.seen().iter().map(|s| reported(s).map(|(id, _)| id)).collect();
    let expected = [None, Some("req_first"), Some("req_first"), Some("req_retried"), None];
    assert_eq!(reports, expected.map(|id| id.map(str::to_owned)));
}
