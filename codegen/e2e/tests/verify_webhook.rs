//! Runs the generated example `verify_webhook` on signed payloads: a valid signature prints the
//! event type and object id, anything else the error.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;
use stripe_e2e::samples;
use stripe_runtime::webhook::generate_test_header;

const SECRET: &str = "whsec_example_0123456789abcdef";

fn example_binary() -> PathBuf {
    stripe_e2e::example_binary("verify_webhook")
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A `billing_portal.session.created` event, written to a file of its own.
fn payload(name: &str) -> (PathBuf, Vec<u8>) {
    let event = json!({
        "id": "evt_1", "object": "event", "api_version": stripe_api::API_VERSION, "created": 1_700_000_000,
        "data": {"object": samples::session_with_full_flow()}, "livemode": false, "pending_webhooks": 1,
        "request": null, "type": "billing_portal.session.created"
    });
    let body = serde_json::to_vec_pretty(&event).unwrap();
    let path = std::env::temp_dir().join(format!("verify_webhook_{}_{name}.json", std::process::id()));
    std::fs::write(&path, &body).unwrap();
    (path, body)
}

fn run(payload: &PathBuf, signature: &str, secret: &str, extra: &[&str]) -> Output {
    Command::new(example_binary())
        .arg("--payload")
        .arg(payload)
        .args(["--signature", signature])
        .args(extra)
        .env("STRIPE_WEBHOOK_SECRET", secret)
        .output()
        .unwrap()
}

#[test]
fn a_valid_signature_prints_the_type_and_the_object_id() {
    let (path, body) = payload("valid");
    let session_id = samples::session_with_full_flow()["id"].as_str().unwrap().to_owned();
    let output = run(&path, &generate_test_header(&body, SECRET, now()), SECRET, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), format!("billing_portal.session.created {session_id}\n"));

    // An hour-old signature passes with a tolerance of two hours, or none.
    let old = generate_test_header(&body, SECRET, now() - 3600);
    for tolerance in ["7200", "0"] {
        let output = run(&path, &old, SECRET, &["--tolerance", tolerance]);
        assert!(output.status.success(), "--tolerance {tolerance}: {}", String::from_utf8_lossy(&output.stderr));
    }
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_wrong_secret_an_old_signature_or_a_changed_body_exit_1() {
    let (path, body) = payload("invalid");
    let header = generate_test_header(&body, SECRET, now());
    let output = run(&path, &header, "whsec_some_other_secret", &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: no v1 signature matches"), "{stderr}");
    assert!(output.stdout.is_empty());

    let output = run(&path, &generate_test_header(&body, SECRET, now() - 3600), SECRET, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("older than the tolerance of 300 s"));

    std::fs::write(&path, [&body[..], b" "].concat()).unwrap();
    assert_eq!(run(&path, &header, SECRET, &[]).status.code(), Some(1), "one byte more");

    let output = Command::new(example_binary()).args(["--payload", "x"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--signature HEADER is required"));
    let output = Command::new(example_binary())
        .arg("--payload")
        .arg(&path)
        .args(["--signature", &header])
        .env_remove("STRIPE_WEBHOOK_SECRET")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("STRIPE_WEBHOOK_SECRET"));
    std::fs::remove_file(path).unwrap();
}
