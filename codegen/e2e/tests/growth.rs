//! A spec update that adds an optional parameter, a response field, enum values and a union
//! alternative breaks no user code: the same code (tests/growth/user_code.rs) compiles against the
//! golden crate generated before the update and the one generated after it
//! (codegen/tests/golden/widgets_growth.yaml), and behaves alike.

use serde_json::json;
use stripe_runtime::__codegen::to_form_body;

mod before {
    use stripe_widgets as api;
    include!("growth/user_code.rs");
}

mod after {
    use stripe_widgets_v2 as api;
    include!("growth/user_code.rs");
}

#[test]
fn the_same_parameters_send_the_same_bytes_before_and_after() {
    let body = "name=Sprocket&size=large&dimensions[width]=3&dimensions[depth]=1.5&tags[0]=a&tags[1]=b&color=red";
    assert_eq!(to_form_body(&before::create_params()), body);
    // After the update `color` is typed too; the extra one still sets it, once.
    assert_eq!(to_form_body(&after::create_params()), body);
}

#[test]
fn an_answer_of_the_newer_shape_reads_the_same_through_the_same_code() {
    let widget = json!({"id": "wid_1", "object": "thing.widget", "created": 1, "name": "Cog", "note": null,
        "status": "archived", "maker": "mkr_1", "finish": {"gloss": 0.5}, "weight": 12});
    let old: stripe_widgets::thing::widget::Widget =
        stripe_e2e::decode_both(&widget.to_string(), stripe_widgets::Decode::decode).unwrap();
    assert_eq!(before::describe(&old), "wid_1 Cog another status varnish 0.5, weight 12");
    let new: stripe_widgets_v2::thing::widget::Widget =
        stripe_e2e::decode_both(&widget.to_string(), stripe_widgets_v2::Decode::decode).unwrap();
    assert_eq!(new.weight, Some(12), "typed after the update");
    assert_eq!(after::describe(&new), "wid_1 Cog another status varnish 0.5, no weight");
}
