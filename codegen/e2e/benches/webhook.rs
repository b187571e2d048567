//! Webhook verification speed on a 2 KB event: the signature alone, the signature plus parsing
//! into `serde_json::Value`, and the signature plus decoding into the generated `event::Event`
//! (its session typed), each against a bare `serde_json::Value` parse of the same bytes measured in
//! the same run; and the typed decode alone.

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use criterion::Criterion;
use serde_json::{json, Value};
use stripe_api::event::{Event, NotificationEventDataObject};
use stripe_api::Decode;
use stripe_e2e::bench_report::{criterion_dir, print_ratios, Ratio};
use stripe_e2e::samples;
use stripe_runtime::webhook::{generate_test_header, WebhookVerifier};

/// Size of the event body, in bytes.
const EVENT_LEN: usize = 2048;

/// A `billing_portal.session.created` event around the full-flow session sample, padded with
/// `previous_attributes` to exactly [`EVENT_LEN`] bytes of compact JSON.
fn event_2kb() -> Vec<u8> {
    let mut event = json!({
        "id": "evt_1OcXkL2eZvKYlo2C0aBcDeFg",
        "object": "event",
        "api_version": "2024-04-10",
        "created": 1_700_000_000,
        "data": { "object": samples::session_with_full_flow(), "previous_attributes": { "metadata": { "note": "" } } },
        "livemode": false,
        "pending_webhooks": 1,
        "request": { "id": "req_8Kb3xYz1", "idempotency_key": "8e3c2d9a-5b1f-4c7e-9a0d-2f6b1e4c7a90" },
        "type": "billing_portal.session.created"
    });
    let unpadded = serde_json::to_vec(&event).unwrap().len();
    assert!(unpadded < EVENT_LEN, "the sample event is already {unpadded} bytes");
    event["data"]["previous_attributes"]["metadata"]["note"] = Value::String("x".repeat(EVENT_LEN - unpadded));
    let bytes = serde_json::to_vec(&event).unwrap();
    assert_eq!(bytes.len(), EVENT_LEN);
    bytes
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();

    let secret = "whsec_bench_0123456789abcdefghijklmnopqrstuv";
    let body = event_2kb();
    let timestamp = 1_700_000_000;
    let header = generate_test_header(&body, secret, timestamp);
    let verifier = WebhookVerifier::new(secret).clock(move || UNIX_EPOCH + Duration::from_secs(timestamp as u64));
    verifier.verify_signature(&body, &header).expect("the header verifies");
    assert_eq!(
        verifier.construct_event(&body, &header).expect("the event parses")["type"],
        "billing_portal.session.created"
    );
    let event = verifier.decode_event::<Event>(&body, &header).expect("the event decodes");
    assert!(matches!(event.data.object, NotificationEventDataObject::BillingPortalSession(_)), "a typed session");

    let mut group = c.benchmark_group("webhook_2kb");
    group.bench_function("signature", |b| {
        b.iter(|| verifier.verify_signature(black_box(&body), black_box(&header)).unwrap())
    });
    group.bench_function("signature_and_value", |b| {
        b.iter(|| verifier.construct_event(black_box(&body), black_box(&header)).unwrap())
    });
    group.bench_function("signature_and_typed", |b| {
        b.iter(|| verifier.decode_event::<Event>(black_box(&body), black_box(&header)).unwrap())
    });
    group.bench_function("typed", |b| b.iter(|| Event::decode(black_box(&body)).unwrap()));
    group.bench_function("value", |b| b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).unwrap()));
    group.finish();
    c.final_summary();

    let ratio = |label, subject, target| Ratio { label, group: "webhook_2kb", subject, baseline: "value", target };
    print_ratios(
        "webhook: median of verification / median of a bare Value parse, same run",
        &[
            ratio("verify signature of a 2 KB event vs Value", "signature", "< 1.0"),
            ratio("verify + parse into Value vs Value", "signature_and_value", "< 2.0"),
            ratio("verify + decode into the typed Event vs Value", "signature_and_typed", "< 2.0"),
            ratio("typed Event decode, no signature, vs Value", "typed", "<= 1.0"),
        ],
    );
}
