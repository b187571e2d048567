//! Runtime speed: encoding the create params and decoding sessions, each against a baseline
//! measured in the same run (a generic serde form encoder; parsing into `serde_json::Value`).

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use serde::Serialize;
use stripe_api::billing_portal::session::{
    AfterCompletionHostedConfirmationParam, AfterCompletionRedirectParam, CouponOfferParam, CreateSession,
    FlowDataAfterCompletionParam, FlowDataParam, FlowDataSubscriptionCancelParam,
    FlowDataSubscriptionUpdateConfirmParam, FlowDataSubscriptionUpdateParam, PortalFlowsFlowAfterCompletionType,
    PortalFlowsFlowType, PortalFlowsRetentionType, RetentionParam, Session, SubscriptionUpdateConfirmDiscountParams,
    SubscriptionUpdateConfirmItemParams,
};
use stripe_api::Decode;
use stripe_e2e::bench_report::{criterion_dir, print_ratios, Ratio};
use stripe_e2e::samples;

/// The create params with every parameter and every flow field set.
fn kitchen_sink() -> CreateSession {
    let after = FlowDataAfterCompletionParam::new(PortalFlowsFlowAfterCompletionType::Redirect)
        .hosted_confirmation(AfterCompletionHostedConfirmationParam::new().custom_message("Thanks & see you [soon]"))
        .redirect(AfterCompletionRedirectParam::new("https://example.com/done"));
    let confirm = FlowDataSubscriptionUpdateConfirmParam::new(
        [
            SubscriptionUpdateConfirmItemParams::new("si_1").price("price_1").quantity(2),
            SubscriptionUpdateConfirmItemParams::new("si_2").price("price_2").quantity(1),
        ],
        "sub_1",
    )
    .discounts([
        SubscriptionUpdateConfirmDiscountParams::new().coupon("c_10"),
        SubscriptionUpdateConfirmDiscountParams::new().promotion_code("promo_1"),
    ]);
    let flow = FlowDataParam::new(PortalFlowsFlowType::SubscriptionUpdateConfirm)
        .after_completion(after)
        .subscription_cancel(
            FlowDataSubscriptionCancelParam::new("sub_1")
                .retention(RetentionParam::new(CouponOfferParam::new("c_25"), PortalFlowsRetentionType::CouponOffer)),
        )
        .subscription_update(FlowDataSubscriptionUpdateParam::new("sub_1"))
        .subscription_update_confirm(confirm);
    CreateSession::new("cus_123")
        .configuration("bpc_123")
        .expand(["configuration", "configuration.application"])
        .flow_data(flow)
        .locale("zh-HK")
        .on_behalf_of("acct_123")
        .return_url("https://example.com/account?tab=billing&x=1")
}

#[derive(Serialize)]
struct TypicalParams {
    customer: &'static str,
    return_url: &'static str,
}

// The same data as plain serde structs, for the generic encoder.
#[derive(Serialize)]
struct Params {
    configuration: &'static str,
    customer: &'static str,
    expand: Vec<&'static str>,
    flow_data: FlowData,
    locale: &'static str,
    on_behalf_of: &'static str,
    return_url: &'static str,
}
#[derive(Serialize)]
struct FlowData {
    after_completion: AfterCompletion,
    subscription_cancel: Cancel,
    subscription_update: Update,
    subscription_update_confirm: Confirm,
    r#type: &'static str,
}
#[derive(Serialize)]
struct AfterCompletion {
    hosted_confirmation: Hosted,
    redirect: Redirect,
    r#type: &'static str,
}
#[derive(Serialize)]
struct Hosted {
    custom_message: &'static str,
}
#[derive(Serialize)]
struct Redirect {
    return_url: &'static str,
}
#[derive(Serialize)]
struct Cancel {
    retention: Retention,
    subscription: &'static str,
}
#[derive(Serialize)]
struct Retention {
    coupon_offer: Coupon,
    r#type: &'static str,
}
#[derive(Serialize)]
struct Coupon {
    coupon: &'static str,
}
#[derive(Serialize)]
struct Update {
    subscription: &'static str,
}
#[derive(Serialize)]
struct Confirm {
    discounts: Vec<Discount>,
    items: Vec<Item>,
    subscription: &'static str,
}
#[derive(Serialize)]
struct Discount {
    #[serde(skip_serializing_if = "Option::is_none")]
    coupon: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    promotion_code: Option<&'static str>,
}
#[derive(Serialize)]
struct Item {
    id: &'static str,
    price: &'static str,
    quantity: i64,
}

fn kitchen_sink_serde() -> Params {
    Params {
        configuration: "bpc_123",
        customer: "cus_123",
        expand: vec!["configuration", "configuration.application"],
        flow_data: FlowData {
            after_completion: AfterCompletion {
                hosted_confirmation: Hosted { custom_message: "Thanks & see you [soon]" },
                redirect: Redirect { return_url: "https://example.com/done" },
                r#type: "redirect",
            },
            subscription_cancel: Cancel {
                retention: Retention { coupon_offer: Coupon { coupon: "c_25" }, r#type: "coupon_offer" },
                subscription: "sub_1",
            },
            subscription_update: Update { subscription: "sub_1" },
            subscription_update_confirm: Confirm {
                discounts: vec![
                    Discount { coupon: Some("c_10"), promotion_code: None },
                    Discount { coupon: None, promotion_code: Some("promo_1") },
                ],
                items: vec![
                    Item { id: "si_1", price: "price_1", quantity: 2 },
                    Item { id: "si_2", price: "price_2", quantity: 1 },
                ],
                subscription: "sub_1",
            },
            r#type: "subscription_update_confirm",
        },
        locale: "zh-HK",
        on_behalf_of: "acct_123",
        return_url: "https://example.com/account?tab=billing&x=1",
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();

    let params = kitchen_sink();
    let generic = kitchen_sink_serde();
    let ours = stripe_runtime::__codegen::to_form_body(&params);
    let theirs = serde_qs::to_string(&generic).expect("serde_qs encodes");
    assert_eq!(ours.split('&').count(), theirs.split('&').count(), "both encode the same fields");
    let mut group = c.benchmark_group("encode");
    group.bench_function("form_writer", |b| b.iter(|| stripe_runtime::__codegen::to_form_body(black_box(&params))));
    group.bench_function("serde_qs", |b| b.iter(|| serde_qs::to_string(black_box(&generic)).unwrap()));
    group.finish();

    // The everyday call: a customer and a return URL.
    let typical = CreateSession::new("cus_123").return_url("https://example.com/account");
    let typical_generic = TypicalParams { customer: "cus_123", return_url: "https://example.com/account" };
    let mut group = c.benchmark_group("encode_typical");
    group.bench_function("form_writer", |b| b.iter(|| stripe_runtime::__codegen::to_form_body(black_box(&typical))));
    group.bench_function("serde_qs", |b| b.iter(|| serde_qs::to_string(black_box(&typical_generic)).unwrap()));
    group.finish();

    let inputs = [
        ("decode_fixture", stripe_e2e::session_fixture("2023-08-16")),
        ("decode_full_flow", samples::session_with_full_flow()),
        ("decode_expanded_configuration", samples::session_with_expanded_configuration()),
        ("decode_unknown_values", samples::session_with_unknown_values()),
        ("decode_2026_shape", samples::session_2026_shape()),
    ];
    for (name, json) in &inputs {
        let bytes = serde_json::to_vec(json).unwrap();
        Session::decode(&bytes).expect("the sample decodes");
        let mut group = c.benchmark_group(*name);
        // The generated decoder: what `send`, the pagers and webhooks decode with.
        group.bench_function("typed", |b| b.iter(|| Session::decode(black_box(&bytes)).unwrap()));
        group.bench_function("value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).unwrap())
        });
        group.finish();
    }
    c.final_summary();

    let encode = |label, group| Ratio { label, group, subject: "form_writer", baseline: "serde_qs", target: "< 1.0" };
    let decode = |label, group| Ratio { label, group, subject: "typed", baseline: "value", target: "<= 1.0" };
    print_ratios(
        "runtime: median of ours / median of the baseline, same run",
        &[
            encode("encode customer + return_url vs serde_qs", "encode_typical"),
            encode("encode kitchen-sink params vs serde_qs", "encode"),
            decode("decode the session fixture vs Value", "decode_fixture"),
            decode("decode session, full flow, vs Value", "decode_full_flow"),
            decode("decode session, expanded config, vs Value", "decode_expanded_configuration"),
            decode("decode session, unknown enums, vs Value", "decode_unknown_values"),
            decode("decode 2026 session, 4 unknown fields, vs Value", "decode_2026_shape"),
        ],
    );
}
