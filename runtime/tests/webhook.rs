//! Webhook signature verification against vectors computed outside this crate (Python's `hmac`,
//! cross-checked with openssl; see `tests/data/README.md`), plus the behaviour around them: the
//! clock, the tolerance, the event check, the test-header helper and the redacted secret.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use stripe_runtime::webhook::{
    generate_test_header, WebhookError, WebhookSecret, WebhookVerifier, DEFAULT_TOLERANCE, SIGNATURE_HEADER,
};

fn data() -> Value {
    let text = include_str!("data/webhook_vectors.json");
    serde_json::from_str(text).expect("the vectors are JSON")
}

fn at(unix: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(unix).expect("after 1970"))
}

fn verifier(data: &Value, vector: &Value) -> WebhookVerifier {
    let now = vector["now"].as_i64().unwrap();
    let mut verifier = WebhookVerifier::new(data["secret"].as_str().unwrap()).clock(move || at(now));
    if let Some(tolerance) = vector.get("tolerance") {
        verifier = verifier.tolerance(Duration::from_secs(tolerance.as_u64().unwrap()));
    }
    verifier
}

/// The variant's name, as the vectors spell it.
fn kind(error: &WebhookError) -> &'static str {
    match error {
        WebhookError::MissingHeader => "MissingHeader",
        WebhookError::InvalidHeader { .. } => "InvalidHeader",
        WebhookError::NoV1Signature => "NoV1Signature",
        WebhookError::NoMatchingSignature => "NoMatchingSignature",
        WebhookError::TimestampTooOld { .. } => "TimestampTooOld",
        WebhookError::NotAnEvent(_) => "NotAnEvent",
        other => panic!("a variant the vectors do not know: {other:?}"),
    }
}

fn outcome<T>(result: &Result<T, WebhookError>) -> &'static str {
    result.as_ref().err().map_or("ok", kind)
}

/// Runs one vector through both entry points and checks the outcome it names.
fn check(data: &Value, name: &str) {
    let vectors = data["vectors"].as_array().unwrap();
    let vector = vectors.iter().find(|v| v["name"] == name).unwrap_or_else(|| panic!("no vector named {name:?}"));
    let payload = vector["payload"].as_str().unwrap().as_bytes();
    let header = vector["header"].as_str().unwrap();
    let expect = vector["expect"].as_str().unwrap();
    let verifier = verifier(data, vector);
    let signature = verifier.verify_signature(payload, header);
    let event = verifier.construct_event(payload, header);
    // The signature check does not look at the body; construct_event adds the event check.
    let signature_expect = if expect == "NotAnEvent" { "ok" } else { expect };
    assert_eq!(outcome(&signature), signature_expect, "verify_signature, vector {name:?}: {signature:?}");
    assert_eq!(outcome(&event), expect, "construct_event, vector {name:?}: {event:?}");
    if let Ok(event) = event {
        assert_eq!(event, serde_json::from_slice::<Value>(payload).unwrap(), "the event is the parsed body");
    }
}

#[test]
fn every_vector_gives_its_expected_outcome() {
    let data = data();
    let vectors = data["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 40, "the vector file was truncated");
    for vector in vectors {
        check(&data, vector["name"].as_str().unwrap());
    }
}

// One test per acceptance case of issue 11, each naming its vector, so a failure says which rule broke.

#[test]
fn valid() {
    check(&data(), "valid");
}

#[test]
fn secret_rotation_second_v1_matches() {
    check(&data(), "secret rotation: second v1 matches");
    check(&data(), "first of two v1 matches");
}

#[test]
fn only_v0_is_no_v1_signature() {
    check(&data(), "only v0");
    check(&data(), "v0 and v1");
}

#[test]
fn wrong_secret() {
    check(&data(), "wrong secret");
}

#[test]
fn one_byte_of_the_body_changed() {
    check(&data(), "one byte of the body changed");
    check(&data(), "body with a trailing newline removed");
    check(&data(), "signature for another timestamp");
}

#[test]
fn timestamp_301_s_old_is_rejected_299_and_300_accepted() {
    check(&data(), "timestamp 301 s old");
    check(&data(), "timestamp 300 s old");
    check(&data(), "timestamp 299 s old");
}

#[test]
fn timestamp_an_hour_in_the_future_is_accepted() {
    check(&data(), "timestamp 3600 s in the future");
}

#[test]
fn tolerance_is_configurable_and_zero_disables_it() {
    check(&data(), "tolerance 0, a year old");
    check(&data(), "a year old, default tolerance");
    check(&data(), "timestamp 301 s old, tolerance 600");
    check(&data(), "timestamp 11 s old, tolerance 10");
}

#[test]
fn the_signature_is_checked_before_the_age() {
    check(&data(), "old and wrong signature: the signature is checked first");
}

#[test]
fn header_with_spaces() {
    check(&data(), "space after the comma: ' v1' is another scheme");
    check(&data(), "space before the header");
    check(&data(), "space inside t");
    check(&data(), "space after the signature");
    check(&data(), "space after one of two signatures");
}

#[test]
fn empty_header() {
    check(&data(), "empty header");
}

#[test]
fn duplicated_t_is_rejected() {
    check(&data(), "duplicated t, same value");
    check(&data(), "duplicated t, signature for the first");
    check(&data(), "duplicated t, signature for the last");
}

#[test]
fn non_numeric_or_missing_t() {
    check(&data(), "non-numeric t");
    check(&data(), "fractional t");
    check(&data(), "no t");
    check(&data(), "garbage");
    check(&data(), "only a t");
}

#[test]
fn uppercase_hex_is_accepted() {
    check(&data(), "uppercase hex");
}

#[test]
fn undecodable_hex_is_skipped() {
    check(&data(), "non-hex v1 skipped, next v1 matches");
    check(&data(), "odd-length v1 skipped, next v1 matches");
    check(&data(), "only non-hex v1");
    check(&data(), "truncated v1");
    check(&data(), "value split on the first '='");
}

#[test]
fn other_schemes_and_items_are_ignored() {
    check(&data(), "unknown schemes and items without '=' ignored");
    check(&data(), "keys are case-sensitive");
}

#[test]
fn body_not_an_event() {
    for name in [
        "body not JSON",
        "body a JSON array",
        "body without id",
        "body with a numeric id",
        "body without type",
        "body with a null type",
    ] {
        check(&data(), name);
    }
}

#[test]
fn ten_megabyte_body() {
    let data = data();
    let big = &data["big_body"];
    let unit = big["unit"].as_str().unwrap();
    let mut body = big["prefix"].as_str().unwrap().to_owned();
    body.push_str(&unit.repeat(usize::try_from(big["count"].as_u64().unwrap()).unwrap()));
    body.push_str(big["suffix"].as_str().unwrap());
    let mut body = body.into_bytes();
    assert_eq!(body.len() as u64, big["len"].as_u64().unwrap());
    assert!(body.len() >= 10 * 1024 * 1024);
    let now = 1_700_000_000;
    let verifier = WebhookVerifier::new(data["secret"].as_str().unwrap()).clock(move || at(now));
    let header = big["header"].as_str().unwrap();
    verifier.verify_signature(&body, header).expect("the 10 MB body verifies");
    let event = verifier.construct_event(&body, header).expect("and is an event");
    assert_eq!(event["id"], "evt_big");

    let middle = body.len() / 2;
    body[middle] ^= 0x01;
    assert!(matches!(verifier.verify_signature(&body, header), Err(WebhookError::NoMatchingSignature)));
    verifier.verify_signature(&body, big["flipped_header"].as_str().unwrap()).expect("signed after the flip");
}

#[test]
fn the_test_header_matches_the_independent_signature() {
    let data = data();
    let case = &data["test_header"];
    let header = generate_test_header(
        case["payload"].as_str().unwrap().as_bytes(),
        data["secret"].as_str().unwrap(),
        case["timestamp"].as_i64().unwrap(),
    );
    assert_eq!(header, case["header"].as_str().unwrap());
}

#[test]
fn the_test_header_verifies_with_the_system_clock() {
    let secret = "whsec_round_trip";
    let body = br#"{"id":"evt_1","object":"event","type":"customer.created"}"#;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let verifier = WebhookVerifier::new(secret);
    verifier.construct_event(body, &generate_test_header(body, secret, now)).expect("fresh header");
    let stale = generate_test_header(body, secret, now - 3600);
    match verifier.verify_signature(body, &stale) {
        Err(WebhookError::TimestampTooOld { timestamp, tolerance }) => {
            assert_eq!(timestamp, now - 3600);
            assert_eq!(tolerance, DEFAULT_TOLERANCE);
        }
        other => panic!("expected TimestampTooOld, got {other:?}"),
    }
    assert_eq!(DEFAULT_TOLERANCE, Duration::from_secs(data()["default_tolerance"].as_u64().unwrap()));
}

#[test]
fn sub_second_clock_counts_against_the_tolerance() {
    // Like stripe-python and stripe-go, the age is measured from the exact time, not whole seconds.
    let secret = "whsec_clock";
    let body = br#"{"id":"evt_1","type":"x"}"#;
    let header = generate_test_header(body, secret, 1_000);
    let verifier = |now: SystemTime| WebhookVerifier::new(secret).clock(move || now);
    verifier(at(1_300)).verify_signature(body, &header).expect("exactly 300 s old");
    let late = at(1_300) + Duration::from_millis(1);
    assert!(matches!(verifier(late).verify_signature(body, &header), Err(WebhookError::TimestampTooOld { .. })));
}

#[test]
fn the_secret_never_appears_in_debug_or_display() {
    let secret = "whsec_SUPERsecretVALUE";
    let wrapped = WebhookSecret::new(secret);
    assert!(!format!("{wrapped:?}").contains("SUPER"));
    let verifier = WebhookVerifier::new(wrapped.clone()).tolerance(Duration::from_secs(5));
    let debug = format!("{verifier:?}");
    assert!(!debug.contains("SUPER") && debug.contains("redacted"), "{debug}");
    let body = br#"{"id":"evt_1","type":"x"}"#;
    let errors = [
        verifier.verify_signature(body, "").unwrap_err(),
        verifier.verify_signature(body, "t=x,v1=00").unwrap_err(),
        verifier.verify_signature(body, "t=1").unwrap_err(),
        verifier.verify_signature(body, &generate_test_header(body, "whsec_other", 1)).unwrap_err(),
        verifier.verify_signature(body, &generate_test_header(body, secret, 1)).unwrap_err(),
        verifier.construct_event(b"[]", &generate_test_header(b"[]", secret, i64::MAX)).unwrap_err(),
    ];
    for error in &errors {
        let shown = format!("{error} / {error:?}");
        assert!(!shown.contains("SUPER"), "{shown}");
    }
    let names: Vec<_> = errors.iter().map(kind).collect();
    assert_eq!(
        names,
        ["MissingHeader", "InvalidHeader", "NoV1Signature", "NoMatchingSignature", "TimestampTooOld", "NotAnEvent"],
        "each failure has its own variant"
    );
    // The messages differ too, and say what to look at.
    let messages: std::collections::BTreeSet<_> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), errors.len());
    assert!(errors[0].to_string().contains(SIGNATURE_HEADER));
    assert!(std::error::Error::source(&errors[5]).is_some(), "NotAnEvent keeps the JSON error");
}

#[test]
fn extreme_timestamps_do_not_overflow() {
    let secret = "whsec_extremes";
    let body = br#"{"id":"evt_1","type":"x"}"#;
    let verifier = WebhookVerifier::new(secret).clock(|| at(1_700_000_000));
    verifier.verify_signature(body, &generate_test_header(body, secret, i64::MAX)).expect("far future is accepted");
    assert!(matches!(
        verifier.verify_signature(body, &generate_test_header(body, secret, i64::MIN)),
        Err(WebhookError::TimestampTooOld { .. })
    ));
    assert!(matches!(
        verifier.verify_signature(body, &format!("t=99999999999999999999,v1={}", "00".repeat(32))),
        Err(WebhookError::InvalidHeader { .. })
    ));
}

#[test]
fn decode_event_verifies_then_decodes_into_a_type() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Head {
        id: String,
        r#type: String,
    }
    // A type of one's own decodes however its `Decode` says: here by serde.
    impl stripe_runtime::Decode for Head {
        fn decode(json: &[u8]) -> Result<stripe_runtime::Decoded<Self>, serde_json::Error> {
            serde_json::from_slice(json).map(stripe_runtime::Decoded::new)
        }
    }
    let secret = "whsec_typed";
    let verifier = WebhookVerifier::new(secret).clock(|| at(1_700_000_000));
    let body = br#"{"id":"evt_1","type":"customer.updated","data":{}}"#;
    let header = generate_test_header(body, secret, 1_700_000_000);
    let head = verifier.decode_event::<Head>(body, &header).unwrap().into_inner();
    assert_eq!(head, Head { id: "evt_1".into(), r#type: "customer.updated".into() });
    // The signature comes first: a body that would not decode is still a signature error.
    let forged = generate_test_header(b"[]", "whsec_other", 1_700_000_000);
    assert!(matches!(verifier.decode_event::<Head>(b"[]", &forged), Err(WebhookError::NoMatchingSignature)));
    let signed = generate_test_header(b"[]", secret, 1_700_000_000);
    assert!(matches!(verifier.decode_event::<Head>(b"[]", &signed), Err(WebhookError::NotAnEvent(_))));
}
