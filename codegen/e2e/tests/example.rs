//! Runs the generated example `create_portal_session` against a fake Stripe on 127.0.0.1.

use std::path::PathBuf;
use std::process::Command;

use stripe_e2e::{session_fixture, FakeStripe, Reply};

fn example_binary() -> PathBuf {
    stripe_e2e::example_binary("create_portal_session")
}

#[test]
fn prints_the_session_as_json_and_exits_0() {
    let server = FakeStripe::start(vec![Reply::json(200, session_fixture("2023-08-16").to_string())]);
    let output = Command::new(example_binary())
        .args(["--customer", "cus_123", "--return-url", "https://example.com/account"])
        .args(["--flow", "subscription_cancel", "--subscription", "sub_123"])
        .env("STRIPE_SECRET_KEY", "sk_test_example")
        .env("STRIPE_API_BASE", &server.base_url)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("pretty JSON on stdout");
    assert_eq!(printed, session_fixture("2023-08-16"));
    let request = &server.requests()[0];
    assert_eq!(
        request.body,
        "customer=cus_123&flow_data[subscription_cancel][subscription]=sub_123&flow_data[type]=subscription_cancel&return_url=https%3A%2F%2Fexample.com%2Faccount"
    );
    assert_eq!(request.header("authorization"), Some("Bearer sk_test_example"));
}

#[test]
fn prints_the_error_and_exits_1() {
    let body = r#"{"error":{"type":"invalid_request_error","code":"resource_missing","param":"customer","message":"No such customer: 'cus_404'"}}"#;
    let server = FakeStripe::start(vec![Reply::json(400, body)]);
    let output = Command::new(example_binary())
        .args(["--customer", "cus_404"])
        .env("STRIPE_SECRET_KEY", "sk_test_example")
        .env("STRIPE_API_BASE", &server.base_url)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No such customer: 'cus_404'") && stderr.contains("req_400"), "{stderr}");
}

#[test]
fn without_a_key_it_says_what_to_set() {
    let output =
        Command::new(example_binary()).args(["--customer", "cus_1"]).env_remove("STRIPE_SECRET_KEY").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("STRIPE_SECRET_KEY"));
}
