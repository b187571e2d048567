//! Session JSON shaped as Stripe sends it, shared by the decode tests and the benchmarks.

use serde_json::{json, Value};

/// A session with `flow` (may be null) and every other field set.
pub fn session(flow: Value) -> Value {
    json!({
        "configuration": "bpc_123",
        "created": 1_700_000_000,
        "customer": "cus_123",
        "flow": flow,
        "id": "bps_123",
        "livemode": false,
        "locale": "zh-HK",
        "object": "billing_portal.session",
        "on_behalf_of": "acct_123",
        "return_url": "https://example.com/account",
        "url": "https://billing.stripe.com/session/test_123"
    })
}

/// A flow of type `kind`, with `extra` fields replacing the nulls.
pub fn flow(kind: &str, after_completion: Value, extra: &[(&str, Value)]) -> Value {
    let mut flow = json!({
        "after_completion": after_completion,
        "subscription_cancel": null,
        "subscription_update": null,
        "subscription_update_confirm": null,
        "type": kind
    });
    for (key, value) in extra {
        flow[*key] = value.clone();
    }
    flow
}

/// `after_completion` redirecting to a URL.
pub fn redirect() -> Value {
    json!({"hosted_confirmation": null, "redirect": {"return_url": "https://example.com/done"}, "type": "redirect"})
}

/// A session whose flow has every nested object set (whatever its type says).
pub fn session_with_full_flow() -> Value {
    let after = json!({
        "hosted_confirmation": {"custom_message": "Thanks!"},
        "redirect": {"return_url": "https://example.com/done"},
        "type": "redirect"
    });
    session(flow(
        "subscription_update_confirm",
        after,
        &[
            (
                "subscription_cancel",
                json!({"retention": {"coupon_offer": {"coupon": "c_25"}, "type": "coupon_offer"}, "subscription": "sub_1"}),
            ),
            ("subscription_update", json!({"subscription": "sub_1"})),
            (
                "subscription_update_confirm",
                json!({
                    "discounts": [{"coupon": "c_1", "promotion_code": null}, {"coupon": null, "promotion_code": "promo_1"}],
                    "items": [{"id": "si_1", "price": "price_1", "quantity": 2}, {"id": "si_2", "price": null}],
                    "subscription": "sub_1"
                }),
            ),
        ],
    ))
}

/// An expanded `billing_portal.configuration`; with `unknown`, every enum holds a value no
/// spec lists.
pub fn expanded_configuration(unknown: bool) -> Value {
    let value = |known: &str, new: &str| if unknown { new.to_owned() } else { known.to_owned() };
    json!({
        "active": true,
        "application": {"id": "ca_1", "name": null, "object": value("application", "application_v2")},
        "business_profile": {"headline": "Hi", "privacy_policy_url": null, "terms_of_service_url": null},
        "created": 1,
        "default_return_url": null,
        "features": {
            "customer_update": {"allowed_updates": [value("email", "nickname")], "enabled": true},
            "invoice_history": {"enabled": true},
            "payment_method_update": {"enabled": false},
            "subscription_cancel": {
                "cancellation_reason": {"enabled": true, "options": [value("too_expensive", "too_shiny")]},
                "enabled": true,
                "mode": value("at_period_end", "at_next_full_moon"),
                "proration_behavior": value("none", "partial")
            },
            "subscription_pause": {"enabled": false},
            "subscription_update": {
                "default_allowed_updates": [value("price", "seats")],
                "enabled": true,
                "products": [{"prices": ["price_1"], "product": "prod_1"}],
                "proration_behavior": value("create_prorations", "defer")
            }
        },
        "id": "bpc_123",
        "is_default": true,
        "livemode": false,
        "login_page": {"enabled": false, "url": null},
        "metadata": {"team": "billing"},
        "object": value("billing_portal.configuration", "billing_portal.configuration_v2"),
        "updated": 2
    })
}

/// A session with `configuration` expanded.
pub fn session_with_expanded_configuration() -> Value {
    let mut session = session(Value::Null);
    session["configuration"] = expanded_configuration(false);
    session
}

/// A session where every enum field, its flow's and its expanded configuration's, holds a value
/// the 2023 spec does not list.
pub fn session_with_unknown_values() -> Value {
    let mut session = session(flow(
        "subscription_pause",
        json!({"hosted_confirmation": null, "redirect": null, "type": "survey"}),
        &[(
            "subscription_cancel",
            json!({"retention": {"coupon_offer": null, "type": "discount_offer"}, "subscription": "sub_1"}),
        )],
    ));
    session["locale"] = json!("tlh");
    session["object"] = json!("billing_portal.session_v2");
    session["configuration"] = expanded_configuration(true);
    session
}

/// A session as a newer API version (2026) sends it: four fields the pinned spec does not have
/// (`after_expiration`, `customer_account`, `flow.subscription_pause`, `flow.customer_update`) and
/// a flow `type` it does not list (`subscription_pause`).
pub fn session_2026_shape() -> Value {
    let mut session = session(flow("subscription_pause", redirect(), &[]));
    session["after_expiration"] = json!({"recovery": {"allow_promotion_codes": false, "enabled": true}});
    session["customer_account"] = json!("acct_1Customer");
    session["flow"]["subscription_pause"] = json!({"subscription": "sub_123"});
    session["flow"]["customer_update"] = json!({"allowed_updates": ["address", "email"]});
    session
}
