//! `testing::MockTransport` (issue 27, point 4) under both clients: scripted answers, a
//! connection failure, a delay the deadline cuts, a fixture file, an exhausted script, and what
//! it records. Built where the `testing` feature is on (`cargo test --workspace` turns it on).

#![cfg(all(feature = "testing", feature = "async"))]

use std::sync::Arc;
use std::time::Duration;

use stripe_runtime::testing::{assert_pairs, MockAnswer, MockTransport};
use stripe_runtime::{BlockingClient, Client, Error, FailureKind, Method, RequestOptions, RetryPolicy};

const VERSION: &str = "2024-04-10";

fn at_once(retries: u32) -> RetryPolicy {
    RetryPolicy { max_retries: retries, initial_delay: Duration::ZERO, max_delay: Duration::ZERO }
}

#[tokio::test]
async fn the_async_client_gets_the_script_in_order_and_every_request_is_recorded() {
    let mock = Arc::new(MockTransport::new([
        MockAnswer::connection_failure(),
        MockAnswer::json(200, r#"{"id":"cus_1"}"#).header("Stripe-Extra", "x"),
    ]));
    let client = Client::builder("sk_test_mock").transport(mock.clone()).retry_policy(at_once(1)).build().unwrap();
    let options = RequestOptions::new().stripe_account("acct_1");
    let (method, path, params) = (Method::Get, "/v1/customers?limit=2&email=a%40b.co", String::new());
    let customer: serde_json::Value = client.execute(method, path, params, VERSION, &options).await.unwrap();
    assert_eq!(customer["id"], "cus_1");
    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "the failure was retried");
    let request = &requests[1];
    assert_eq!(
        (request.method, request.host.as_str(), request.path.as_str()),
        (Method::Get, "api.stripe.com", "/v1/customers")
    );
    assert_pairs(&request.query, &[("limit", "2"), ("email", "a@b.co")]);
    assert_eq!(request.header("stripe-account"), Some("acct_1"));
    assert_eq!(mock.remaining(), 0);
}

#[tokio::test]
async fn a_delay_is_cut_by_the_deadline_and_an_exhausted_script_says_so() {
    let mock = Arc::new(MockTransport::new([MockAnswer::json(200, "{}").delay(Duration::from_secs(30))]));
    let client = Client::builder("sk_test_mock").transport(mock.clone()).retry_policy(at_once(0)).build().unwrap();
    let options = RequestOptions::new().deadline(Duration::from_millis(50));
    let error = client.execute::<serde_json::Value>(Method::Get, "/v1/x", String::new(), VERSION, &options).await;
    let kind = error.as_ref().err().and_then(Error::failure).map(|failure| failure.kind());
    assert_eq!(kind, Some(FailureKind::Deadline), "{error:?}");
    let error = client
        .execute::<serde_json::Value>(Method::Get, "/v1/x", String::new(), VERSION, &RequestOptions::new())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("MockTransport: no answer scripted for request 2 (GET https://api.stripe.com/v1/x)"),
        "{error}"
    );
}

#[test]
fn the_blocking_client_reads_a_fixture_and_the_body_pairs_are_decoded() {
    let fixture = std::env::temp_dir().join(format!("mock-fixture-{}.json", std::process::id()));
    std::fs::write(&fixture, r#"{"id":"bps_1","url":"https://billing.stripe.com/p/session/x"}"#).unwrap();
    let mock = Arc::new(MockTransport::new([MockAnswer::fixture(200, &fixture).header("Request-Id", "req_own")]));
    let client = BlockingClient::builder("sk_test_mock").blocking_transport(mock.clone()).build_blocking().unwrap();
    let body = "customer=cus_1&flow_data[type]=payment_method_update&return_url=https%3A%2F%2Fx.io%2Fa%3Fb%3Dc";
    let session: serde_json::Value = client
        .execute(Method::Post, "/v1/billing_portal/sessions", body.into(), VERSION, &RequestOptions::new())
        .unwrap();
    assert_eq!(session["id"], "bps_1");
    let [request] = &mock.requests()[..] else { panic!("one request") };
    assert_pairs(
        &request.body,
        &[("customer", "cus_1"), ("flow_data[type]", "payment_method_update"), ("return_url", "https://x.io/a?b=c")],
    );
    assert_eq!(request.header("authorization"), Some("Bearer sk_test_mock"));
    std::fs::remove_file(fixture).unwrap();
}

#[test]
#[should_panic(expected = "MockAnswer::fixture: /no/such/fixture.json")]
fn a_fixture_that_cannot_be_read_names_its_path() {
    MockAnswer::fixture(200, "/no/such/fixture.json");
}
