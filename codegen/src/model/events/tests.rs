//! The events pass on small specs written here.

use serde_json::{json, Value};

use crate::load::{parse, Format};
use crate::model::{build, Model, Selection, Ty, TypeDef, TypeId, TypeKind};
use crate::test_support::spec;

fn resource(id: &str, extra: Value) -> Value {
    let mut properties = json!({"id": {"type": "string"}, "object": {"type": "string", "enum": [id]}});
    properties.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    json!({"type": "object", "x-resourceId": id, "required": ["id", "object"], "properties": properties})
}

/// An event, its data, a widget (with a `deleted_` twin and a balance without id), a gadget that
/// nothing references, and the webhook endpoints whose `enabled_events` list the event names.
fn schemas() -> Value {
    let mut deleted = resource("deleted_thing.widget", json!({"deleted": {"type": "boolean"}}));
    deleted["properties"]["object"]["enum"] = json!(["thing.widget"]);
    json!({
        "event": resource("event", json!({
            "type": {"type": "string"},
            "api_version": {"type": "string", "nullable": true},
            "data": {"$ref": "#/components/schemas/notification_event_data"}
        })),
        "notification_event_data": {"type": "object", "required": ["object"], "properties": {
            "object": {"type": "object"}, "previous_attributes": {"type": "object"}
        }},
        "thing.widget": resource("thing.widget", json!({"balance": {"$ref": "#/components/schemas/balance"}})),
        "deleted_thing.widget": deleted,
        "balance": {"type": "object", "x-resourceId": "balance", "properties": {
            "object": {"type": "string", "enum": ["balance"]}, "amount": {"type": "integer"}
        }},
        "gadget": resource("gadget", json!({})),
        "webhook_endpoint": resource("webhook_endpoint", json!({}))
    })
}

fn endpoints() -> Value {
    let names =
        json!({"type": "array", "items": {"type": "string", "enum": ["*", "thing.widget.created", "gadget.updated"]}});
    let body = json!({"type": "object", "required": ["enabled_events"], "properties": {"enabled_events": names}});
    let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/webhook_endpoint"}}}}});
    json!({"/v1/webhook_endpoints": {"post": {"operationId": "PostWebhookEndpoints", "responses": ok,
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": body}}}}}})
}

fn model(schemas: Value, paths: Value, selection: Selection) -> Model {
    let text = spec(schemas, paths);
    let loaded = parse("t.json", Format::Json, text.as_bytes()).expect("test specs parse");
    build(&loaded.api, "t.json", &selection).expect("test specs build")
}

fn widget_selection() -> Selection {
    Selection::Resources(vec!["thing.widget".into()])
}

fn named<'m>(model: &'m Model, name: &str) -> Vec<&'m TypeDef> {
    model.types.iter().filter(|t| t.name == name).collect()
}

fn field_ty(model: &Model, owner: TypeId, wire: &str) -> Ty {
    let TypeKind::Struct(s) = &model.ty(owner).kind else { panic!("{} is not a struct", model.ty(owner).name) };
    s.fields.iter().find(|f| f.ident.wire == wire).unwrap_or_else(|| panic!("no field {wire}")).ty.clone()
}

fn named_id(ty: &Ty) -> TypeId {
    match ty {
        Ty::Named(id) => *id,
        other => panic!("{other:?} is not a named type"),
    }
}

/// The `object` values and Rust names of the event's objects enum, and its Rust name.
fn objects(model: &Model) -> (String, Vec<(String, String)>) {
    let data = named_id(&field_ty(model, model.event.unwrap(), "data"));
    let objects = model.ty(named_id(&field_ty(model, data, "object")));
    let TypeKind::Objects(variants) = &objects.kind else { panic!("{:?}", objects.kind) };
    (objects.name.clone(), variants.iter().map(|v| (v.ident.wire.clone(), v.ident.rust.clone())).collect())
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn every_selection_gets_the_event_with_its_type_and_object_typed() {
    let model = model(schemas(), endpoints(), widget_selection());
    let event = model.ty(model.event.expect("the spec has events"));
    assert_eq!((event.name.as_str(), model.modules[event.module.0].path.join("::")), ("Event", "event".into()));
    let event_type = model.ty(named_id(&field_ty(&model, model.event.unwrap(), "type")));
    assert_eq!(event_type.name, "EventType");
    assert_eq!(event_type.module, event.module);
    let TypeKind::Enum(names) = &event_type.kind else { panic!() };
    let names: Vec<(&str, &str)> = names.iter().map(|v| (v.ident.wire.as_str(), v.ident.rust.as_str())).collect();
    assert_eq!(names, [("thing.widget.created", "ThingWidgetCreated"), ("gadget.updated", "GadgetUpdated")]);

    // The selected resources with an `object` value, in spec order; not the deleted twin, not the
    // gadget nothing selected references.
    let (name, variants) = objects(&model);
    assert_eq!(name, "NotificationEventDataObject");
    assert_eq!(variants, pairs(&[("balance", "Balance"), ("thing.widget", "ThingWidget")]));
    let data = named_id(&field_ty(&model, model.event.unwrap(), "data"));
    assert_eq!(field_ty(&model, data, "previous_attributes"), Ty::Json);
    assert!(named(&model, "Gadget").is_empty(), "the event brings no resource of its own");
    assert!(model.operations.iter().all(|o| o.path != "/v1/webhook_endpoints"), "nor any operation");
}

#[test]
fn selecting_the_event_or_everything_keeps_one_event() {
    let only_event = model(schemas(), endpoints(), Selection::Resources(vec!["event".into()]));
    assert_eq!(named(&only_event, "Event").len(), 1);
    assert_eq!(objects(&only_event).1, [], "no object of its own: everything decodes as Other");

    let all = model(schemas(), endpoints(), Selection::All);
    assert_eq!(named(&all, "Event").len(), 1);
    assert_eq!(named(&all, "EventType").len(), 1);
    let expected = [
        ("balance", "Balance"),
        ("gadget", "Gadget"),
        ("thing.widget", "ThingWidget"),
        ("webhook_endpoint", "WebhookEndpoint"),
    ];
    assert_eq!(objects(&all).1, pairs(&expected), "every resource but the event and the deleted twin");
    assert_eq!(all.summary().defined_twice, Vec::<String>::new());
}

#[test]
fn without_the_list_of_event_names_nothing_changes() {
    let without_names = model(schemas(), json!({}), Selection::All);
    assert_eq!(without_names.event, None);
    let event = without_names.types.iter().position(|t| t.name == "Event").map(TypeId).unwrap();
    assert_eq!(field_ty(&without_names, event, "type"), Ty::String);
    let data = named_id(&field_ty(&without_names, event, "data"));
    assert!(matches!(field_ty(&without_names, data, "object"), Ty::Map(_)));

    let mut no_event = schemas();
    no_event.as_object_mut().unwrap().remove("event");
    let without_event = model(no_event, endpoints(), Selection::All);
    assert_eq!(without_event.event, None);
    assert!(named(&without_event, "EventType").is_empty());
    assert!(named(&without_event, "NotificationEventDataObject").is_empty());
}
