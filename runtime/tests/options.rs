//! Every per-request option stripe-python has, on the wire (issue 27, point 5), through both
//! clients against a real HTTP server on 127.0.0.1; and the app info's partner id.

#![cfg(feature = "ureq-transport")]

mod common;

use common::{builder, no_wait, ok, Seen, Server, KEY, VERSION};
use stripe_runtime::{ClientBuilder, Error, Method, RequestOptions};

/// `POST /v1/x` with `options` through the async client, then the blocking one, each built by
/// `builder`: what each sent, and each result.
fn both(
    server: &Server,
    builder: impl Fn() -> ClientBuilder,
    options: &RequestOptions,
) -> [(Vec<Seen>, Result<serde_json::Value, Error>); 2] {
    let call = |options| (Method::Post, "/v1/x", "a=1".to_owned(), VERSION, options);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = builder().build().unwrap();
    let before = server.seen().len();
    let (method, path, params, version, options) = call(options);
    let answer = runtime.block_on(client.execute(method, path, params, version, options));
    let async_seen = server.seen()[before..].to_vec();
    let client = builder().build_blocking().unwrap();
    let before = server.seen().len();
    let (method, path, params, version, options) = call(options);
    let answer_blocking = client.execute(method, path, params, version, options);
    [(async_seen, answer), (server.seen()[before..].to_vec(), answer_blocking)]
}

#[test]
fn each_option_is_sent_in_its_header_and_extra_headers_come_last() {
    let server = Server::start(|_, _| ok("{}".into()));
    let options = RequestOptions::new()
        .api_key("sk_test_platform_other")
        .stripe_account("acct_connected")
        .stripe_context("ctx_123")
        .api_version("2024-04-10")
        .idempotency_key("order-1")
        .header("X-Trace", "abc");
    for (seen, answer) in both(&server, || builder(&server).stripe_account("acct_client"), &options) {
        answer.unwrap();
        let [request] = &seen[..] else { panic!("one request: {seen:#?}") };
        assert_eq!(request.header("authorization"), Some("Bearer sk_test_platform_other"), "the call's key");
        assert!(!format!("{:?}", request.headers).contains(KEY), "the client's key is not sent");
        assert_eq!(request.header("stripe-account"), Some("acct_connected"));
        assert_eq!(request.header("stripe-context"), Some("ctx_123"));
        assert_eq!(request.header("stripe-version"), Some("2024-04-10"));
        assert_eq!(request.header("idempotency-key"), Some("order-1"));
        let last = request.headers.iter().rfind(|(name, _)| !["content-length", "host"].contains(&name.as_str()));
        assert_eq!(last, Some(&("x-trace".to_owned(), "abc".to_owned())), "{:#?}", request.headers);
    }
}

#[test]
fn an_extra_header_never_replaces_one_the_client_writes() {
    let server = Server::start(|_, _| ok("{}".into()));
    for (name, value) in [
        ("Authorization", "Bearer sk_test_stolen"),
        ("authorization", "Bearer sk_test_stolen"),
        ("Stripe-Account", "acct_x"),
        ("Idempotency-Key", "k"),
        ("Bad Name", "x"),
        ("X-Ok", "line\nbreak"),
    ] {
        for (seen, answer) in both(&server, || builder(&server), &RequestOptions::new().header(name, value)) {
            let error = answer.unwrap_err();
            assert!(matches!(error, Error::Config(_)), "{name}: {error:?}");
            assert!(seen.is_empty(), "{name}: nothing is sent");
        }
    }
    let shown = both(&server, || builder(&server), &RequestOptions::new().header("AUTHORIZATION", "x"))[0]
        .1
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(shown.contains("RequestOptions::api_key"), "{shown}");
    // A key no header can hold is refused, without showing it.
    let error = both(&server, || builder(&server), &RequestOptions::new().api_key("sk_test_a\nb"))[1]
        .1
        .as_ref()
        .unwrap_err()
        .to_string();
    assert!(error.contains("line break") && !error.contains("sk_test_a"), "{error}");
}

#[test]
fn max_network_retries_replaces_the_clients_for_one_call() {
    let server = Server::start(|_, _| (500, Vec::new(), "{}".into()));
    let retrying = || builder(&server).retry_policy(no_wait(2));
    for (seen, answer) in both(&server, retrying, &RequestOptions::new().max_network_retries(0)) {
        assert_eq!(answer.unwrap_err().api_error().unwrap().status, 500);
        assert_eq!(seen.len(), 1, "no retry");
    }
    let never = || builder(&server).retry_policy(no_wait(0));
    for (seen, _) in both(&server, never, &RequestOptions::new().max_network_retries(3)) {
        assert_eq!(seen.len(), 4, "three retries");
        let keys: Vec<_> = seen.iter().map(|s| s.header("idempotency-key")).collect();
        assert!(keys.iter().all(|k| k.is_some() && *k == keys[0]), "one key for every attempt: {keys:?}");
    }
}

#[test]
fn the_partner_id_goes_with_the_app_info() {
    let server = Server::start(|_, _| ok("{}".into()));
    let with_partner = || builder(&server).app_info("Shop", Some("2.0"), None).partner_id("pp_partner_1");
    for (seen, answer) in both(&server, with_partner, &RequestOptions::new()) {
        answer.unwrap();
        let agent: serde_json::Value =
            serde_json::from_str(seen[0].header("x-stripe-client-user-agent").unwrap()).unwrap();
        assert_eq!(
            agent["application"],
            serde_json::json!({"name": "Shop", "version": "2.0", "partner_id": "pp_partner_1"})
        );
        assert_eq!(
            seen[0].header("user-agent"),
            Some(&*format!("Stripe/v1 RustBindings/{} Shop/2.0", stripe_runtime::VERSION))
        );
    }
    let error = builder(&server).partner_id("pp_partner_1").build_blocking().unwrap_err().to_string();
    assert!(error.contains("a partner id needs the app info"), "{error}");
}
