//! Conversion in runs: operations converted by several converters on every core give the
//! registry one converter gives.

use serde_json::{json, Value};

use super::{convert, convert_in_runs, Registry};
use crate::load::{parse, Format};
use crate::model::registry;
use crate::model::tests::widget;
use crate::model::Ty;
use crate::test_support::spec;

/// A `POST` operation with a form `body` and a JSON `answer`.
fn post(operation_id: String, body: Value, answer: Value) -> Value {
    json!({"post": {"operationId": operation_id,
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": body}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": answer}}}}}})
}

/// Operations are converted in runs on every core and appended in order: the registry reads as
/// one converter's, in spec order, with every id and owner pointing where it should.
#[test]
fn operations_converted_in_runs_are_numbered_as_in_one_pass() {
    let mut paths = serde_json::Map::new();
    for i in 0..40 {
        let body = json!({"type": "object", "properties": {
            "mode": {"type": "string", "enum": [format!("m{i}"), "other"]},
            "nested": {"type": "object", "properties": {"deep": {"type": "object", "properties": {"n": {"type": "integer"}}}}},
            "thing": {"$ref": "#/components/schemas/thing.widget"}
        }});
        let answer = json!({"$ref": "#/components/schemas/thing.widget"});
        paths.insert(format!("/v1/widgets/w{i}"), post(format!("PostWidgetsW{i}"), body, answer));
    }
    let text = spec(widget(json!({"id": {"type": "string"}})), Value::Object(paths));
    let loaded = parse("t.json", Format::Json, text.as_bytes()).unwrap();
    let registry = convert(&loaded.api, "t.json").unwrap();
    assert_eq!(registry.operations.len(), 40);
    let spec_order: Vec<&String> = loaded.api.paths.paths.keys().collect();
    let mut last_operation = 0;
    for (k, operation) in registry.operations.iter().enumerate() {
        assert_eq!(&operation.path, spec_order[k]);
        let params = &registry.entries[operation.params.0];
        assert_eq!(params.origin, registry::Origin::Params(k));
        assert_eq!(params.pointer, operation.pointer);
        assert!(
            matches!(operation.returns, Ty::Named(id) if registry.entries[id.0].pointer.starts_with("#/components"))
        );
    }
    for (i, entry) in registry.entries.iter().enumerate() {
        let mut mentioned = Vec::new();
        registry::references(&entry.kind, &mut mentioned);
        assert!(mentioned.iter().all(|id| id.0 < registry.entries.len()), "{}", entry.pointer);
        if let registry::Origin::Inline { owner: Some(owner), .. } = &entry.origin {
            let owner = &registry.entries[owner.0];
            assert!(entry.pointer.starts_with(&owner.pointer), "{} in {}", entry.pointer, owner.pointer);
            assert!(
                owner.names[0].starts_with("PostWidgetsW") || owner.names[0].starts_with("Create"),
                "{:?}",
                owner.names
            );
        }
        // Entries of operation k come after those of operation k - 1.
        if let Some(k) = registry
            .operations
            .iter()
            .position(|o| entry.pointer.starts_with(&format!("{}/", o.pointer)) || entry.pointer == o.pointer)
        {
            assert!(
                k >= last_operation,
                "entry {i} ({}) of operation {k} after operation {last_operation}'s",
                entry.pointer
            );
            last_operation = k;
        }
    }
    assert_eq!(last_operation, 39);
}

/// Registries compared by what they hold (their Debug text, but for the docs map, whose order is
/// a hash map's).
fn same(a: &Registry, b: &Registry) -> bool {
    format!("{:?}{:?}{:?}{:?}", a.entries, a.operations, a.resources, a.warnings)
        == format!("{:?}{:?}{:?}{:?}", b.entries, b.operations, b.resources, b.warnings)
        && a.resource_docs == b.resource_docs
}

/// Operations with inline bodies and inline answers (so that ids in `returns` and owners come
/// from the runs) and a warning: any number of runs gives the same registry as one run.
#[test]
fn any_number_of_runs_gives_one_runs_registry() {
    let mut paths = serde_json::Map::new();
    for i in 0..23 {
        let answer = json!({"type": "object", "properties": {
            "id": {"type": "string"}, "kind": {"type": "string", "enum": [format!("k{i}")]},
            "inner": {"type": "object", "properties": {"n": {"type": "integer"}}}
        }});
        let body = json!({"type": "object", "properties": {
            "nested": {"type": "object", "properties": {"deep": {"type": "object", "properties": {"s": {"type": "string"}}}}},
            "thing": {"$ref": "#/components/schemas/thing.widget"}
        }});
        paths.insert(format!("/v1/gadgets/g{i}"), post(format!("PostGadgetsG{i}"), body, answer));
    }
    paths.insert("/v1/referred".into(), json!({"$ref": "#/paths/~1v1~1gadgets~1g0"}));
    let text = spec(widget(json!({"id": {"type": "string"}})), Value::Object(paths));
    let loaded = parse("t.json", Format::Json, text.as_bytes()).unwrap();
    let one = convert_in_runs(&loaded.api, "t.json", 1).unwrap();
    assert_eq!(one.operations.len(), 23);
    assert_eq!(one.warnings.len(), 1, "the path item $ref is skipped with a warning");
    assert!(one
        .operations
        .iter()
        .all(|o| matches!(o.returns, Ty::Named(id) if one.entries[id.0].pointer.starts_with("#/paths"))));
    for runs in [2, 3, 5, 24, 100] {
        let many = convert_in_runs(&loaded.api, "t.json", runs).unwrap();
        assert!(same(&one, &many), "{runs} runs differ from one");
    }
}

/// Of two operations that cannot be converted, in different runs, the error is the first's, as
/// with one converter.
#[test]
fn the_first_error_in_path_order_is_reported_for_any_number_of_runs() {
    let mut paths = serde_json::Map::new();
    for i in 0..12 {
        let schema = if i == 4 || i == 9 {
            json!({"$ref": format!("#/components/schemas/missing{i}")})
        } else {
            json!({"$ref": "#/components/schemas/thing.widget"})
        };
        paths.insert(
            format!("/v1/w{i}"),
            json!({"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}}}),
        );
    }
    let text = spec(widget(json!({"id": {"type": "string"}})), Value::Object(paths));
    let loaded = parse("t.json", Format::Json, text.as_bytes()).unwrap();
    for runs in [1, 2, 3, 12] {
        let error = convert_in_runs(&loaded.api, "t.json", runs).unwrap_err().to_string();
        assert!(error.contains("missing4") && !error.contains("missing9"), "{runs} runs: {error}");
    }
}
