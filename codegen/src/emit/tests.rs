//! Emit rules, each checked on the formatted output of a small spec.

use serde_json::json;

use crate::format::module as format_tokens;
use crate::model::ModuleId;
use crate::test_support::widget_model;

/// A resource with a keyword field, optional/nullable fields, an enum, a recursive field, a
/// reference into another resource's module, and a create operation with a path parameter.
fn emitted() -> String {
    let schemas = json!({
        "thing.widget": {
            "type": "object", "x-resourceId": "thing.widget", "required": ["id", "type", "maker"],
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": ["big", "zh-HK"], "description": "How big."},
                "note": {"type": "string"},
                "label": {"type": "string", "nullable": true},
                "parent": {"anyOf": [{"$ref": "#/components/schemas/thing.widget"}], "nullable": true},
                "maker": {"$ref": "#/components/schemas/maker"}
            }
        },
        "maker": {"type": "object", "x-resourceId": "maker", "required": ["id"], "properties": {"id": {"type": "string"}}}
    });
    let list = json!({"type": "object", "properties": {
        "object": {"type": "string", "enum": ["list"]}, "has_more": {"type": "boolean"}, "url": {"type": "string"},
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}}}});
    let paths = json!({"/v1/racks/{rack}/widgets": {
    "get": {
        "operationId": "GetWidgets",
        "parameters": [{"name": "rack", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": list}}}}
    },
    "post": {
        "operationId": "PostWidgets", "description": "<p>Creates a widget.</p>",
        "parameters": [{"name": "rack", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}}
    }}});
    let model = widget_model(schemas, paths);
    let widget = model.modules.iter().position(|m| m.path == ["thing", "widget"]).expect("the widget's module");
    format_tokens(super::module(&model, ModuleId(widget)), "test").unwrap()
}

fn assert_contains_all(code: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(code.contains(fragment), "missing:\n{fragment}\nin:\n{code}");
    }
}

#[test]
fn response_structs_follow_the_field_rules() {
    let code = emitted();
    assert_contains_all(
        &code,
        &[
            "#[derive(Clone, Debug, PartialEq, serde::Serialize)]\n#[cfg_attr(feature = \"deserialize\", derive(serde::Deserialize))]\npub struct Widget {",
            "    #[serde(flatten)]\n    unknown_fields: serde_json::Map<String, serde_json::Value>,\n}",
            "stripe_runtime::__unknown_fields_accessor!(Widget);",
            // serde reads raw identifiers without `r#`, so `type` needs no rename.
            "    /// How big.\n    pub r#type: WidgetType,",
            "    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub note: Option<String>,",
            "    pub label: Option<String>,",
            "    pub parent: Option<Box<Widget>>,",
            "    pub maker: crate::maker::Maker,",
            "stripe_runtime::__impl_object!(Widget);",
            // Decoded by generated code, one line per field: wire name, kind, place.
            "stripe_runtime::__struct_from_json!(\n    Widget { id : \"id\" required 0,",
            "r#type : \"type\" required",
            "note : \"note\" optional",
            // An operation answers with it: it can be decoded on its own.
            "stripe_runtime::__impl_decode!(Widget);",
        ],
    );
    assert!(
        !code.contains("#[serde(skip_serializing_if = \"Option::is_none\")]\n    pub label"),
        "nullable fields encode null"
    );
}

#[test]
fn enums_are_forward_compatible() {
    let code = emitted();
    assert_contains_all(
        &code,
        &[
            "#[non_exhaustive]\npub enum WidgetType {",
            "    /// `zh-HK`\n    ZhHk,",
            "    Unknown(crate::UnknownValue),",
            "            \"zh-HK\" => Self::ZhHk,",
            "            other => Self::Unknown(crate::UnknownValue::new(other)),",
            "            Self::Unknown(value) => value.as_str(),",
            "stripe_runtime::string_enum!(WidgetType);",
        ],
    );
}

#[test]
fn operations_get_a_constructor_setters_form_encoding_and_send() {
    let code = emitted();
    assert_contains_all(
        &code,
        &[
        "/// Creates a widget.\n#[derive(Clone, Debug, PartialEq)]\npub struct CreateRackWidget {",
        "pub fn new(rack: impl Into<String>, name: impl Into<String>) -> Self {",
        "pub fn tags(mut self, value: impl IntoIterator<Item = impl Into<String>>) -> Self {",
        "stripe_runtime::__form_value!(CreateRackWidget { name, tags });",
        "stripe_runtime::__extra_param_setter!();",
        "    stripe_runtime::__send_methods!(\"POST /v1/racks/{rack}/widgets\", Widget);\n}",
        // The request: parameters type, answer, method, and the path's pieces with its path
        // parameters by field name.
        "stripe_runtime::__operation!(\n    CreateRackWidget, Widget, Post \"/v1/racks/\" rack \"/widgets\"\n);",
        "stripe_runtime::__operation!(\n    ListRackWidgets, list Widget, Get \"/v1/racks/\" rack \"/widgets\"\n);",
        "pub struct ListRackWidgets {",
        // A list answer by its items: `crate::List<Widget>` in a macro call would be spaced out.
        "    stripe_runtime::__send_methods!(\"GET /v1/racks/{rack}/widgets\", list Widget);\n    stripe_runtime::__paginate_methods!(list Widget);\n}",
    ],
    );
    assert!(!code.contains("writer.field(\"rack\""), "path parameters are not form fields");
}

#[test]
fn each_type_has_one_inherent_impl_block() {
    let code = emitted();
    let mut seen = std::collections::HashSet::new();
    for line in code.lines().filter(|l| l.starts_with("impl ") && !l.contains(" for ")) {
        assert!(seen.insert(line), "`{line}` twice in:\n{code}");
    }
    assert!(seen.contains("impl CreateRackWidget {"), "{code}");
    assert!(
        code.contains("    stripe_runtime::__extra_param_setter!();\n    stripe_runtime::__send_methods!(\"POST /v1/racks/{rack}/widgets\""),
        "send follows the setters:\n{code}"
    );
}

/// A moved stream gives its tokens to the first `quote!` that uses it, and a second use is a
/// generator bug that panics rather than writing nothing.
#[test]
fn a_moved_stream_is_used_once() {
    use quote::quote;

    use super::moved;

    let ty = moved(quote!(Option<crate::shared::Address>));
    let field = quote!(pub address: #ty);
    assert_eq!(field.to_string(), quote!(pub address: Option<crate::shared::Address>).to_string());
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| quote!(#ty)));
    assert!(again.is_err(), "a second use must panic");
}
