//! One small spec pair per kind of change, each classified as the module docs say.

use serde_json::{json, Value};

use super::{diff, ChangeKind, Diff};
use crate::test_support::{build_spec, spec};

use ChangeKind::*;

/// A spec whose resource `thing.widget` has an `id` and `properties` (required: `id` and
/// `required`), created by `POST /v1/widgets` with form `params` (required: `params_required`).
fn widget(properties: Value, required: &[&str], params: Value, params_required: &[&str]) -> String {
    let mut props = json!({"id": {"type": "string"}});
    props.as_object_mut().unwrap().extend(properties.as_object().unwrap().clone());
    let mut required_all = vec!["id"];
    required_all.extend(required);
    let schemas = json!({"thing.widget": {
        "type": "object", "x-resourceId": "thing.widget", "required": required_all, "properties": props
    }});
    let paths = json!({"/v1/widgets": {"post": {
        "operationId": "PostWidgets",
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
            "type": "object", "required": params_required, "properties": params}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/thing.widget"}}}}}
    }}});
    spec(schemas, paths)
}

/// A widget with response `properties` and one optional param, `name`.
fn fields(properties: Value, required: &[&str]) -> String {
    widget(properties, required, json!({"name": {"type": "string"}}), &[])
}

/// A widget with one response field, `note`, and form `params`.
fn params(params: Value, required: &[&str]) -> String {
    widget(json!({"note": {"type": "string"}}), &[], params, required)
}

fn between(old: &str, new: &str) -> Diff {
    let old = build_spec(old, "thing.widget").expect("the old spec builds");
    let new = build_spec(new, "thing.widget").expect("the new spec builds");
    diff(&old, &new)
}

/// A spec whose widget has a `part` (component `widget_part`), and the same with a second
/// resource, `thing.gadget`, that has one too: the part moves to `shared`.
fn part_used_by_a_second_resource() -> (String, String) {
    let part = json!({"type": "object", "properties": {"weight": {"type": "integer"}}});
    let mut old: Value =
        serde_json::from_str(&fields(json!({"part": {"$ref": "#/components/schemas/widget_part"}}), &[])).unwrap();
    old["components"]["schemas"]["widget_part"] = part;
    let mut new = old.clone();
    new["components"]["schemas"]["thing.gadget"] = json!({"type": "object", "x-resourceId": "thing.gadget",
        "properties": {"part": {"$ref": "#/components/schemas/widget_part"}}});
    (old.to_string(), new.to_string())
}

/// A spec whose widget's create takes a titled `settings`, and the same with that shape on an
/// operation of another resource, earlier in path order: the merged type takes that pointer and,
/// used by two modules, lives in `shared`.
fn settings_merged_with_a_new_shape() -> (String, String) {
    let settings = json!({"type": "object", "title": "settings_param", "properties": {"color": {"type": "string"}}});
    let old = params(json!({"settings": settings}), &[]);
    let mut new: Value = serde_json::from_str(&old).unwrap();
    new["components"]["schemas"]["thing.gadget"] =
        json!({"type": "object", "x-resourceId": "thing.gadget", "properties": {"id": {"type": "string"}}});
    new["paths"]["/v1/gadgets"] = json!({"post": {
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
            "type": "object", "properties": {"settings": settings}}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/thing.gadget"}}}}}
    }});
    (old, new.to_string())
}

/// Every change as (kind, item, breaking).
fn changes(diff: &Diff) -> Vec<(ChangeKind, &str, bool)> {
    diff.changes.iter().map(|c| (c.kind, c.item.as_str(), c.breaking)).collect()
}

#[test]
fn the_same_spec_has_no_change() {
    let text = fields(json!({"note": {"type": "string"}}), &[]);
    let diff = between(&text, &text);
    assert!(diff.changes.is_empty(), "{:#?}", diff.changes);
    assert!(!diff.is_breaking());
}

#[test]
fn a_response_field_added_is_additive_and_removed_is_breaking() {
    let old = fields(json!({"note": {"type": "string"}}), &[]);
    let new = fields(json!({"note": {"type": "string"}, "size": {"type": "integer"}}), &["size"]);
    assert_eq!(changes(&between(&old, &new)), [(FieldAdded, "Widget.size", false)]);
    assert_eq!(changes(&between(&new, &old)), [(FieldRemoved, "Widget.size", true)]);
}

#[test]
fn a_field_type_change_is_breaking() {
    let old = fields(json!({"note": {"type": "string"}}), &[]);
    let new = fields(json!({"note": {"type": "integer"}}), &[]);
    let diff = between(&old, &new);
    assert_eq!(changes(&diff), [(TypeChanged, "Widget.note", true)]);
    assert_eq!(diff.changes[0].detail, "`Option<String>` → `Option<i64>`");
}

#[test]
fn a_response_field_gaining_or_losing_its_option_is_breaking() {
    let required = fields(json!({"note": {"type": "string"}}), &["note"]);
    let optional = fields(json!({"note": {"type": "string"}}), &[]);
    let nullable = fields(json!({"note": {"type": "string", "nullable": true}}), &["note"]);
    assert_eq!(changes(&between(&required, &optional)), [(MadeOptional, "Widget.note", true)]);
    assert_eq!(changes(&between(&optional, &required)), [(MadeRequired, "Widget.note", true)]);
    assert_eq!(changes(&between(&required, &nullable)), [(MadeNullable, "Widget.note", true)]);
    assert_eq!(changes(&between(&nullable, &required)), [(MadeNonNullable, "Widget.note", true)]);
    let diff = between(&required, &nullable);
    assert_eq!(diff.changes[0].detail, "`String` → `Option<String>`");
}

#[test]
fn an_optionality_change_that_keeps_the_option_is_additive() {
    let optional = fields(json!({"note": {"type": "string"}}), &[]);
    let optional_nullable = fields(json!({"note": {"type": "string", "nullable": true}}), &[]);
    let required_nullable = fields(json!({"note": {"type": "string", "nullable": true}}), &["note"]);
    assert_eq!(changes(&between(&optional, &optional_nullable)), [(MadeNullable, "Widget.note", false)]);
    assert_eq!(changes(&between(&optional_nullable, &required_nullable)), [(MadeRequired, "Widget.note", false)]);
    // Both at once: one `Option` disappears, counted once (on the requiredness change).
    let required = fields(json!({"note": {"type": "string"}}), &["note"]);
    assert_eq!(
        changes(&between(&optional_nullable, &required)),
        [(MadeRequired, "Widget.note", true), (MadeNonNullable, "Widget.note", false)]
    );
}

#[test]
fn enum_values_added_are_additive_and_removed_are_breaking() {
    let old = fields(json!({"size": {"type": "string", "enum": ["big", "small"]}}), &["size"]);
    let new = fields(json!({"size": {"type": "string", "enum": ["big", "huge"]}}), &["size"]);
    assert_eq!(
        changes(&between(&old, &new)),
        [(EnumValueAdded, "WidgetSize::Huge", false), (EnumValueRemoved, "WidgetSize::Small", true)]
    );
}

#[test]
fn a_new_optional_param_is_additive_and_a_new_required_one_breaking() {
    let old = params(json!({"name": {"type": "string"}}), &[]);
    let optional = params(json!({"name": {"type": "string"}, "color": {"type": "string"}}), &[]);
    let required = params(json!({"name": {"type": "string"}, "color": {"type": "string"}}), &["color"]);
    let diff = between(&old, &optional);
    assert_eq!(changes(&diff), [(ParamAdded, "CreateWidget.color", false)]);
    assert_eq!(diff.changes[0].effect, "a new setter `color`");
    let diff = between(&old, &required);
    assert_eq!(changes(&diff), [(ParamAdded, "CreateWidget.color", true)]);
    assert_eq!(diff.changes[0].effect, "`CreateWidget::new` takes one more argument, `color`");
}

#[test]
fn a_removed_param_is_breaking() {
    let old = params(json!({"name": {"type": "string"}, "color": {"type": "string"}}), &["color"]);
    let new = params(json!({"name": {"type": "string"}}), &[]);
    assert_eq!(changes(&between(&old, &new)), [(ParamRemoved, "CreateWidget.color", true)]);
}

#[test]
fn a_param_moving_between_new_and_a_setter_is_breaking_both_ways() {
    let optional = params(json!({"name": {"type": "string"}}), &[]);
    let required = params(json!({"name": {"type": "string"}}), &["name"]);
    assert_eq!(changes(&between(&optional, &required)), [(MadeRequired, "CreateWidget.name", true)]);
    assert_eq!(changes(&between(&required, &optional)), [(MadeOptional, "CreateWidget.name", true)]);
}

#[test]
fn operations_added_are_additive_removed_breaking_and_a_new_result_breaking() {
    let old = fields(json!({}), &[]);
    let text: Value = serde_json::from_str(&old).unwrap();
    let mut with_get = text.clone();
    with_get["paths"]["/v1/widgets/{widget}"] = json!({"get": {
        "operationId": "GetWidgetsWidget",
        "parameters": [{"name": "widget", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/thing.widget"}}}}}
    }});
    let with_get = with_get.to_string();
    assert_eq!(changes(&between(&old, &with_get)), [(OperationAdded, "GET /v1/widgets/{widget}", false)]);
    assert_eq!(changes(&between(&with_get, &old)), [(OperationRemoved, "GET /v1/widgets/{widget}", true)]);

    let mut returns_list = text;
    returns_list["paths"]["/v1/widgets"]["post"]["responses"]["200"]["content"]["application/json"]["schema"] = json!({"type": "object", "properties": {
            "object": {"type": "string", "enum": ["list"]}, "has_more": {"type": "boolean"}, "url": {"type": "string"},
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}}}});
    let diff = between(&old, &returns_list.to_string());
    assert_eq!(changes(&diff), [(OperationResultChanged, "POST /v1/widgets", true)]);
    assert_eq!(diff.changes[0].detail, "`Widget` → `List<Widget>`");
}

/// A widget whose `part` is one of two objects (a union), in responses and, when `in_request`,
/// also as the only param.
fn with_union(alternatives: &[&str], in_request: bool) -> String {
    let refs: Vec<Value> = alternatives.iter().map(|a| json!({"$ref": format!("#/components/schemas/{a}")})).collect();
    let text = if in_request {
        params(json!({"part": {"anyOf": refs}}), &[])
    } else {
        fields(json!({"part": {"anyOf": refs}}), &["part"])
    };
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    for (i, name) in ["bolt", "nut", "gear"].iter().enumerate() {
        doc["components"]["schemas"][name] = json!({"type": "object", "title": name, "required": [format!("f{i}")],
            "properties": {format!("f{i}"): {"type": "string"}}});
    }
    doc.to_string()
}

#[test]
fn a_union_variant_added_breaks_a_response_union_only() {
    let response = between(&with_union(&["bolt", "nut"], false), &with_union(&["bolt", "nut", "gear"], false));
    assert_eq!(response.of_kind(UnionVariantAdded).map(|c| c.breaking).collect::<Vec<_>>(), [true]);
    let request = between(&with_union(&["bolt", "nut"], true), &with_union(&["bolt", "nut", "gear"], true));
    assert_eq!(request.of_kind(UnionVariantAdded).map(|c| c.breaking).collect::<Vec<_>>(), [false]);
    let removed = between(&with_union(&["bolt", "nut", "gear"], false), &with_union(&["bolt", "nut"], false));
    assert_eq!(removed.of_kind(UnionVariantRemoved).map(|c| c.breaking).collect::<Vec<_>>(), [true]);
    // The alternative's own type comes and goes with it.
    assert_eq!(
        response.of_kind(TypeAdded).map(|c| (c.item.as_str(), c.breaking)).collect::<Vec<_>>(),
        [("Gear", false)]
    );
    assert_eq!(
        removed.of_kind(TypeRemoved).map(|c| (c.item.as_str(), c.breaking)).collect::<Vec<_>>(),
        [("Gear", true)]
    );
}

#[test]
fn a_type_used_by_a_second_resource_moves_to_shared_which_breaks() {
    let (old, new) = part_used_by_a_second_resource();
    let diff = between(&old, &new);
    assert_eq!(changes(&diff), [(TypeMoved, "WidgetPart", true)]);
    assert_eq!(diff.changes[0].detail, "`thing::widget::WidgetPart` → `shared::WidgetPart`");
    assert_eq!(diff.changes[0].module, "shared");
}

#[test]
fn a_kind_change_is_breaking_and_not_also_a_field_type_change() {
    let mut old: Value =
        serde_json::from_str(&fields(json!({"part": {"$ref": "#/components/schemas/widget_part"}}), &[])).unwrap();
    let mut new = old.clone();
    old["components"]["schemas"]["widget_part"] = json!({"type": "object", "properties": {"w": {"type": "integer"}}});
    new["components"]["schemas"]["widget_part"] = json!({"type": "string", "enum": ["light", "heavy"]});
    let diff = between(&old.to_string(), &new.to_string());
    assert_eq!(changes(&diff), [(KindChanged, "WidgetPart", true)]);
    assert_eq!(diff.changes[0].detail, "struct → enum");
}

#[test]
fn reports_count_per_kind_and_list_breaking_first() {
    let old = fields(json!({"note": {"type": "string"}, "size": {"type": "string", "enum": ["big"]}}), &["size"]);
    let new =
        fields(json!({"size": {"type": "string", "enum": ["big", "huge"]}, "tag": {"type": "string"}}), &["size"]);
    let diff = between(&old, &new);
    let markdown = diff.markdown("thing.widget");
    assert!(markdown.starts_with("## Stripe API 2099-01-01 → 2099-01-01\n\n"), "{markdown}");
    assert!(markdown.contains("**1 breaking** and **2 additive** changes in 1 module."), "{markdown}");
    assert!(markdown.contains("| field removed | 1 | 0 |\n| field added | 0 | 1 |\n"), "{markdown}");
    let breaking = markdown.find("### Breaking changes").unwrap();
    let additive = markdown.find("### Additive changes").unwrap();
    assert!(breaking < additive);
    assert!(markdown.contains("#### `thing::widget` (thing.widget)\n\n- field removed `Widget.note`"), "{markdown}");
    let json = diff.json("thing.widget");
    assert_eq!(json["breaking"], 1);
    assert_eq!(json["additive"], 2);
    assert_eq!(json["counts"][0], json!({"kind": "field_removed", "breaking": 1, "additive": 0}));
    assert_eq!(json["changes"][0]["kind"], "field_added");
    assert_eq!(json["changes"][0]["resource"], "thing.widget");
}

#[test]
fn a_type_merged_with_a_new_identical_shape_is_paired_by_position() {
    let (old, new) = settings_merged_with_a_new_shape();
    let merged = build_spec(&new, "thing.widget").unwrap();
    let pointer = &merged.types.iter().find(|t| t.name == "SettingsParam").unwrap().pointer;
    assert!(pointer.contains("gadgets"), "{pointer}");
    let diff = between(&old, &new);
    assert_eq!(changes(&diff), [(TypeMoved, "SettingsParam", true)]);
    assert_eq!(diff.changes[0].detail, "`thing::widget::SettingsParam` → `shared::SettingsParam`");
}

/// The diff of a crate of `new` that keeps `old`'s paths (`former_paths`), and that crate's model.
fn between_keeping(old: &str, new: &str) -> (Diff, crate::model::Model) {
    let parse = |text: &str| crate::load::parse("t.json", crate::load::Format::Json, text.as_bytes()).unwrap();
    let old = build_spec(old, "thing.widget").expect("the old spec builds");
    let plain = build_spec(new, "thing.widget").expect("the new spec builds");
    let former = super::former_paths(&old, &plain);
    let selection = crate::Selection::Resources(vec!["thing.widget".into()]);
    let kept = crate::model::build_leaving(&parse(new).api, "t.json", &selection, &former, &mut Default::default())
        .expect("the new spec builds");
    (diff(&old, &kept), kept)
}

#[test]
fn a_type_kept_at_its_old_path_by_a_re_export_moved_without_breaking() {
    let (old, new) = part_used_by_a_second_resource();
    let (diff, kept) = between_keeping(&old, &new);
    assert_eq!(changes(&diff), [(TypeMoved, "WidgetPart", false)]);
    assert_eq!(diff.changes[0].effect, "`thing::widget::WidgetPart` still names it (a re-export)");
    let part = kept.resolve("shared::WidgetPart").unwrap();
    assert_eq!(kept.resolve("thing::widget::WidgetPart"), Some(part));
    assert_eq!(kept.summary().reexports, ["thing::widget::WidgetPart → shared::WidgetPart"]);
    assert!(kept.former_paths.contains(&"thing::widget::WidgetPart".to_owned()), "{:?}", kept.former_paths);
    let widget = kept.modules.iter().position(|m| m.path == ["thing", "widget"]).unwrap();
    let tokens = crate::emit::module(&kept, crate::model::ModuleId(widget)).tokens.to_string();
    assert!(tokens.contains("# [doc (no_inline)] pub use crate :: shared :: WidgetPart ;"), "{tokens}");
}

#[test]
fn a_type_merged_with_a_new_shape_is_kept_at_its_old_path_found_by_pairing() {
    // The old pointer now stands for nothing of its own: only pairing finds the type it became.
    let (old, new) = settings_merged_with_a_new_shape();
    let (diff, kept) = between_keeping(&old, &new);
    assert_eq!(changes(&diff), [(TypeMoved, "SettingsParam", false)]);
    assert_eq!(kept.resolve("thing::widget::SettingsParam"), kept.resolve("shared::SettingsParam"));
}
