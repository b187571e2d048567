//! Decoding sessions into the generated types and encoding them back to the same JSON.

use serde_json::{json, Value};
use stripe_api::billing_portal::configuration::ConfigurationApplication;
use stripe_api::billing_portal::session::{PortalFlowsFlowType, Session, SessionLocale};
use stripe_api::{Decode, Expandable};
use stripe_e2e::samples::{
    expanded_configuration, flow, redirect, session, session_2026_shape, session_with_unknown_values,
};
use stripe_e2e::{decode_both, session_fixture};

/// Decodes `input` from its text, re-encodes it, and checks the JSON is equal.
fn round_trip(input: &Value) -> Session {
    let session: Session = decode_both(&input.to_string(), Session::decode).expect("decodes");
    assert_eq!(&serde_json::to_value(&session).expect("encodes"), input);
    session
}

#[test]
fn session_without_flow() {
    let session = round_trip(&session(Value::Null));
    assert!(session.flow.is_none());
    assert_eq!(session.configuration.id(), "bpc_123");
    assert_eq!(session.locale, Some(SessionLocale::ZhHk));
    assert_eq!(session.locale.as_ref().unwrap().as_str(), "zh-HK");
}

#[test]
fn payment_method_update_flow() {
    let input = session(flow("payment_method_update", redirect(), &[]));
    let flow = round_trip(&input).flow.expect("flow");
    assert_eq!(flow.r#type, PortalFlowsFlowType::PaymentMethodUpdate);
    assert_eq!(flow.after_completion.redirect.unwrap().return_url, "https://example.com/done");
}

#[test]
fn subscription_cancel_flow_with_retention() {
    let hosted = json!({"hosted_confirmation": {"custom_message": "See you soon"}, "redirect": null, "type": "hosted_confirmation"});
    let cancel = json!({
        "retention": {"coupon_offer": {"coupon": "coupon_25off"}, "type": "coupon_offer"},
        "subscription": "sub_123"
    });
    let input = session(flow("subscription_cancel", hosted, &[("subscription_cancel", cancel)]));
    let flow = round_trip(&input).flow.expect("flow");
    let cancel = flow.subscription_cancel.expect("subscription_cancel");
    assert_eq!(cancel.retention.unwrap().coupon_offer.unwrap().coupon, "coupon_25off");
    let message = flow.after_completion.hosted_confirmation.unwrap().custom_message;
    assert_eq!(message.as_deref(), Some("See you soon"));
}

#[test]
fn subscription_update_flow() {
    let input =
        session(flow("subscription_update", redirect(), &[("subscription_update", json!({"subscription": "sub_9"}))]));
    assert_eq!(round_trip(&input).flow.unwrap().subscription_update.unwrap().subscription, "sub_9");
}

#[test]
fn subscription_update_confirm_flow_with_items_and_discounts() {
    let confirm = json!({
        "discounts": [{"coupon": "c_1", "promotion_code": null}, {"coupon": null, "promotion_code": "promo_1"}],
        "items": [{"id": "si_1", "price": "price_1", "quantity": 2}, {"id": "si_2", "price": null}],
        "subscription": "sub_1"
    });
    let input = session(flow(
        "subscription_update_confirm",
        json!({"hosted_confirmation": null, "redirect": null, "type": "portal_homepage"}),
        &[("subscription_update_confirm", confirm)],
    ));
    let confirm = round_trip(&input).flow.unwrap().subscription_update_confirm.unwrap();
    assert_eq!(confirm.items.len(), 2);
    assert_eq!(confirm.items[0].quantity, Some(2));
    assert_eq!(confirm.items[1].quantity, None);
    assert_eq!(confirm.discounts.unwrap()[1].promotion_code.as_deref(), Some("promo_1"));
}

#[test]
fn expanded_configuration_and_application_union() {
    let mut input = session(Value::Null);
    input["configuration"] = expanded_configuration(false);
    let session = round_trip(&input);
    assert_eq!(session.configuration.id(), "bpc_123");
    let configuration = session.configuration.as_object().expect("expanded");
    match configuration.application.as_ref().unwrap() {
        Expandable::Object(app) => assert!(matches!(**app, ConfigurationApplication::Application(_))),
        Expandable::Id(_) => panic!("application was expanded"),
    }

    input["configuration"]["application"] =
        json!({"deleted": true, "id": "ca_2", "name": null, "object": "application"});
    let session = round_trip(&input);
    let app = session.configuration.as_object().unwrap().application.as_ref().unwrap();
    assert_eq!(app.id(), "ca_2");
    assert!(matches!(app.as_object().unwrap(), ConfigurationApplication::DeletedApplication(_)));
}

#[test]
fn unknown_enum_values_everywhere_and_extra_fields() {
    let mut input = session_with_unknown_values();
    input["brand_new_field"] = json!({"nested": [1, 2]});
    input["flow"]["after_completion"]["extra"] = json!(true);
    input["configuration"]["features"]["another_feature"] = json!({"enabled": true});

    let session: Session = decode_both(&input.to_string(), Session::decode).expect("unknown values and fields decode");
    assert_eq!(serde_json::to_value(&session).unwrap(), input, "unknown values and unknown fields survive");
    assert_eq!(session.unknown_fields().get("brand_new_field"), Some(&json!({"nested": [1, 2]})));
    let features = &session.configuration.as_object().unwrap().features;
    assert_eq!(features.unknown_fields().get("another_feature"), Some(&json!({"enabled": true})));
    let flow = session.flow.as_ref().unwrap();
    assert_eq!(flow.r#type.as_str(), "subscription_pause");
    assert!(matches!(flow.r#type, PortalFlowsFlowType::Unknown(_)));
    assert_eq!(session.locale.as_ref().unwrap().as_str(), "tlh");
    let mode = &session.configuration.as_object().unwrap().features.subscription_cancel.mode;
    assert_eq!(mode.to_string(), "at_next_full_moon");
}

/// A session of a newer API version: every field the pinned spec lacks is readable from the typed
/// result, and the whole of it encodes back unchanged.
#[test]
fn a_2026_session_keeps_every_field_this_crate_does_not_know() {
    let input = session_2026_shape();
    let session = round_trip(&input);
    let unknown = session.unknown_fields();
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    assert_eq!(unknown["customer_account"], json!("acct_1Customer"));
    assert_eq!(unknown["after_expiration"]["recovery"]["enabled"], json!(true));
    let flow = session.flow.as_ref().expect("a flow");
    assert_eq!(flow.r#type.as_str(), "subscription_pause");
    assert_eq!(flow.unknown_fields()["subscription_pause"]["subscription"], json!("sub_123"));
    assert_eq!(flow.unknown_fields()["customer_update"]["allowed_updates"], json!(["address", "email"]));
    assert_eq!(flow.unknown_fields().len(), 2);
    // Known fields are typed and not repeated among the unknown ones.
    assert_eq!(session.customer, "cus_123");
    assert!(!unknown.contains_key("customer"));
}

#[test]
fn known_values_round_trip_exactly() {
    for value in ["auto", "zh-HK", "es-419", "pt-BR", "en-GB", "fil"] {
        let locale = SessionLocale::from(value);
        assert!(!matches!(locale, SessionLocale::Unknown(_)), "{value} is a known locale");
        assert_eq!(serde_json::to_value(&locale).unwrap(), json!(value));
        assert_eq!(serde_json::from_value::<SessionLocale>(json!(value)).unwrap(), locale);
    }
}

#[test]
fn fixtures_of_both_spec_versions() {
    for version in ["2023-08-16", "2024-04-10"] {
        let fixture = session_fixture(version);
        let session = round_trip(&fixture);
        assert_eq!(session.object.as_str(), "billing_portal.session", "{version}");
        assert!(session.id.starts_with("bps_"), "{version}");
    }
}

#[test]
fn missing_required_field_is_an_error() {
    let mut input = session(Value::Null);
    input.as_object_mut().unwrap().remove("url");
    let error = decode_both(&input.to_string(), Session::decode).unwrap_err();
    assert!(error.to_string().contains("missing field `url`"), "{error}");
}

#[test]
fn a_member_sent_twice_is_an_error_as_with_serde() {
    let text = session(Value::Null).to_string();
    let twice = text.replacen("\"url\":", "\"url\":\"https://a\",\"url\":", 1);
    assert_ne!(twice, text);
    let error = decode_both(&twice, Session::decode).unwrap_err();
    assert!(error.to_string().contains("duplicate field `url`"), "{error}");
}

#[test]
fn the_benchmark_samples_round_trip() {
    use stripe_e2e::samples::{session_with_expanded_configuration, session_with_full_flow};
    let full = round_trip(&session_with_full_flow()).flow.unwrap();
    assert!(full.subscription_cancel.is_some() && full.subscription_update.is_some());
    assert!(full.after_completion.hosted_confirmation.is_some() && full.after_completion.redirect.is_some());
    assert!(round_trip(&session_with_expanded_configuration()).configuration.is_object());
}
