//! Model rules, each on a small spec written here.

use serde_json::{json, Value};

use super::*;
use crate::load::{parse, Format};
use crate::test_support::{build_spec, spec, widget_model};

fn model(schemas: Value, paths: Value) -> Model {
    widget_model(schemas, paths)
}

fn named<'m>(model: &'m Model, name: &str) -> &'m TypeDef {
    model
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type {name}; have {:?}", model.types.iter().map(|t| &t.name).collect::<Vec<_>>()))
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.kind {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("{} is not a struct: {other:?}", def.name),
    }
}

fn field<'m>(def: &'m TypeDef, wire: &str) -> &'m Field {
    fields(def).iter().find(|f| f.ident.wire == wire).unwrap()
}

pub(super) fn widget(properties: Value) -> Value {
    json!({"thing.widget": {
        "type": "object", "x-resourceId": "thing.widget", "description": "A widget.",
        "required": ["id"], "properties": properties
    }})
}

#[test]
fn resources_become_modules_and_names_follow_the_rule() {
    let mut schemas = widget(json!({
        "id": {"type": "string"},
        "type": {"type": "string", "enum": ["big", "small-ish", "3d"]},
        "settings": {"type": "object", "properties": {"color": {"type": "string"}}},
        "titled": {"type": "object", "title": "widget_style_param", "properties": {"size": {"type": "integer"}}},
        "part": {"$ref": "#/components/schemas/widget_part"}
    }));
    schemas["widget_part"] = json!({"type": "object", "properties": {"weight": {"type": "number", "nullable": true}}});
    let model = model(schemas, json!({}));
    assert_eq!(model.api_version, "2099-01-01");
    assert_eq!(model.modules[0].path, ["thing", "widget"]);
    assert_eq!(model.modules[0].doc.as_deref(), Some("A widget."));
    let widget = named(&model, "Widget");
    assert!(matches!(&widget.kind, TypeKind::Struct(s) if s.has_id()));
    assert_eq!(field(widget, "type").ident.rust, "r#type");
    let TypeKind::Enum(variants) = &named(&model, "WidgetType").kind else { panic!() };
    let names: Vec<&str> = variants.iter().map(|v| v.ident.rust.as_str()).collect();
    assert_eq!(names, ["Big", "SmallIsh", "V3d"]);
    named(&model, "WidgetSettings");
    named(&model, "WidgetStyleParam");
    let part = named(&model, "WidgetPart");
    assert_eq!(part.module, widget.module, "a non-resource schema lives with its first referrer");
    let weight = field(part, "weight");
    assert!(weight.optional() && weight.nullable && weight.ty == Ty::Float);
}

#[test]
fn identical_inline_types_of_one_field_are_stored_once() {
    let status = json!({"type": "string", "enum": ["on", "off"]});
    let mut schemas = widget(json!({"id": {"type": "string"}, "status": status, "other": status}));
    schemas["thing.gadget"] =
        json!({"type": "object", "x-resourceId": "thing.gadget", "properties": {"status": status}});
    let form = json!({"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"status": status}}}}});
    let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}});
    let paths =
        json!({"/v1/thing/widgets": {"post": {"operationId": "PostWidgets", "responses": ok, "requestBody": form}}});
    let model = model(schemas, paths);
    let widget = named(&model, "Widget");
    let create = model.ty(model.operations[0].params);
    assert_eq!(field(widget, "status").ty, field(create, "status").ty, "the same field of one module: one type");
    assert_ne!(field(widget, "status").ty, field(widget, "other").ty, "another field keeps its own type");
    assert_eq!(
        model
            .ty(match field(widget, "status").ty {
                Ty::Named(id) => id,
                _ => panic!(),
            })
            .name,
        "WidgetStatus"
    );
}

#[test]
fn only_fields_that_close_a_cycle_are_boxed() {
    let model = model(
        widget(json!({
            "id": {"type": "string"},
            "parent": {"anyOf": [{"$ref": "#/components/schemas/thing.widget"}], "nullable": true},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}},
            "next": {"$ref": "#/components/schemas/link"}
        }))
        .as_object()
        .unwrap()
        .clone()
        .into_iter()
        .chain([(
            "link".to_owned(),
            json!({"type": "object", "properties": {"to": {"$ref": "#/components/schemas/thing.widget"}}}),
        )])
        .collect(),
        json!({}),
    );
    let widget = named(&model, "Widget");
    assert!(field(widget, "parent").boxed, "Option<Widget> inside Widget needs a Box");
    assert!(!field(widget, "children").boxed, "Vec already breaks the cycle");
    assert!(field(widget, "next").boxed, "Widget -> Link -> Widget is a cycle too");
    assert!(field(named(&model, "Link"), "to").boxed);
}

#[test]
fn expandable_fields_and_unions_of_resources() {
    let mut schemas = widget(json!({
        "id": {"type": "string"},
        "owner": {
            "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/account"}, {"$ref": "#/components/schemas/deleted_account"}],
            "nullable": true,
            "x-expansionResources": {"oneOf": [{"$ref": "#/components/schemas/account"}, {"$ref": "#/components/schemas/deleted_account"}]}
        }
    }));
    schemas["account"] = json!({"type": "object", "x-resourceId": "account", "required": ["id"], "properties": {"id": {"type": "string"}}});
    schemas["deleted_account"] = json!({"type": "object", "x-resourceId": "deleted_account", "required": ["id", "deleted"],
        "properties": {"id": {"type": "string"}, "deleted": {"type": "boolean"}}});
    let model = model(schemas, json!({}));
    let owner = field(named(&model, "Widget"), "owner");
    let Ty::Expandable(inner) = &owner.ty else { panic!("{:?}", owner.ty) };
    let Ty::Named(union) = **inner else { panic!() };
    let union = model.ty(union);
    assert_eq!(union.name, "WidgetOwner");
    let TypeKind::Union(variants) = &union.kind else { panic!() };
    let order: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(order, ["DeletedAccount", "Account"], "more required fields are tried first");
    assert!(variants.iter().all(|v| v.boxed), "object variants are boxed");
    assert_eq!(
        model.modules.iter().map(|m| m.path.join(".")).collect::<Vec<_>>(),
        ["account", "thing.widget"],
        "a deleted resource lives beside its resource"
    );
}

#[test]
fn operations_params_unsettable_lists_and_fallbacks() {
    let mut schemas = widget(json!({"id": {"type": "string"}, "anything": {}}));
    schemas["widget_list"] = json!({"type": "object", "properties": {
        "object": {"type": "string", "enum": ["list"]},
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}},
        "has_more": {"type": "boolean"}, "url": {"type": "string"}}});
    let form = |props: Value, required: Value| json!({"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": props, "required": required}}}});
    let ok = |schema: &str| json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}});
    let paths = json!({
        "/v1/widgets": {
            "post": {"operationId": "PostWidgets", "description": "<p>Creates a widget.</p>", "responses": ok("thing.widget"),
                "requestBody": form(json!({
                    "name": {"type": "string"},
                    "note": {"anyOf": [{"type": "string"}, {"type": "string", "enum": [""]}]},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }), json!(["name"]))},
            "get": {"operationId": "GetWidgets", "responses": ok("widget_list"),
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}]}
        },
        "/v1/widgets/{widget}": {
            "delete": {"operationId": "DeleteWidget", "responses": ok("thing.widget"),
                "parameters": [{"name": "widget", "in": "path", "required": true, "schema": {"type": "string"}}]}
        }
    });
    let model = model(schemas, paths);
    let names: Vec<&str> = model.operations.iter().map(|o| model.ty(o.params).name.as_str()).collect();
    assert_eq!(names, ["ListWidgets", "CreateWidget", "DeleteWidget"], "a list of widgets is the widget's operation");
    assert!(matches!(&model.operations[0].returns, Ty::StripeList(item) if matches!(**item, Ty::Named(_))));
    assert_eq!(field(model.ty(model.operations[0].params), "limit").ty, Ty::Int);
    let create = &model.operations[1];
    assert_eq!((create.method, create.path.as_str()), (Method::Post, "/v1/widgets"));
    assert_eq!(create.doc, "Creates a widget.");
    let params = model.ty(create.params);
    assert!(params.in_request && !params.in_response);
    assert!(!field(params, "name").optional());
    assert_eq!(field(params, "note").ty, Ty::Unsettable(Box::new(Ty::String)));
    assert_eq!(field(params, "tags").ty, Ty::List(Box::new(Ty::String)));
    assert!(field(model.ty(model.operations[2].params), "widget").in_path);
    assert_eq!(field(named(&model, "Widget"), "anything").ty, Ty::Json);
    assert_eq!(model.warnings.len(), 1);
    assert!(model.warnings[0].pointer.ends_with("/properties/anything"), "{:?}", model.warnings);

    let all = build(
        &parse("t.json", Format::Json, spec(widget_list_only(), json!({})).as_bytes()).unwrap().api,
        "t.json",
        &Selection::All,
    )
    .unwrap();
    let list = field(all.types.iter().find(|t| t.name == "Holder").unwrap(), "widgets");
    assert!(matches!(&list.ty, Ty::StripeList(item) if matches!(**item, Ty::Named(_))));
}

fn widget_list_only() -> Value {
    let mut schemas = widget(json!({"id": {"type": "string"}}));
    schemas["holder"] = json!({"type": "object", "properties": {"widgets": {"type": "object", "properties": {
        "object": {"type": "string", "enum": ["list"]},
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}},
        "has_more": {"type": "boolean"}, "url": {"type": "string"}}}}});
    schemas
}

#[test]
fn errors_name_the_file_and_pointer() {
    let missing =
        build_spec(&spec(widget(json!({"id": {"type": "string"}})), json!({})), "billing_portal.session").unwrap_err();
    assert_eq!(
        missing.to_string(),
        "t.json: at #/components/schemas: the spec has no schema with x-resourceId `billing_portal.session`"
    );

    let dangling = widget(json!({"id": {"type": "string"}, "gone": {"$ref": "#/components/schemas/nowhere"}}));
    let error = build_spec(&spec(dangling, json!({})), "thing.widget").unwrap_err();
    assert_eq!(error.pointer.as_deref(), Some("#/components/schemas/thing.widget/properties/gone"));
    assert_eq!(error.message, "$ref to nothing: `#/components/schemas/nowhere`");

    let external = widget(json!({"id": {"type": "string"}, "ext": {"$ref": "other.yaml#/components/schemas/x"}}));
    let error = build_spec(&spec(external, json!({})), "thing.widget").unwrap_err();
    assert!(error.message.starts_with("unsupported $ref `other.yaml#/components/schemas/x`"), "{error}");
}

/// homes: a type used by one resource lives with it; used by two, in `shared`; a `deleted_`
/// resource beside its resource; a resource named `lib` gets a suffix.
#[test]
fn homes_follow_the_resources_that_use_a_type() {
    let mut schemas = widget(json!({"id": {"type": "string"}, "only": {"$ref": "#/components/schemas/only_mine"},
        "common": {"$ref": "#/components/schemas/common"}}));
    schemas["gadget"] = json!({"type": "object", "x-resourceId": "gadget", "properties": {"common": {"$ref": "#/components/schemas/common"}}});
    schemas["only_mine"] = json!({"type": "object", "properties": {"a": {"type": "string"}}});
    schemas["common"] = json!({"type": "object", "properties": {"b": {"type": "string"}}});
    schemas["lib"] = json!({"type": "object", "x-resourceId": "lib", "properties": {"c": {"type": "string"}}});
    let loaded = parse("t.json", Format::Json, spec(schemas, json!({})).as_bytes()).unwrap();
    let model = build(&loaded.api, "t.json", &Selection::All).unwrap();
    let module = |name: &str| model.modules[named(&model, name).module.0].path.join("::");
    assert_eq!(module("OnlyMine"), "thing::widget");
    assert_eq!(module("Common"), "shared");
    assert_eq!(module("Lib"), "lib_", "lib.rs is the crate root");
}

/// dedup: one titled shape used from two modules is one type in `shared`; naming: where two
/// types of one module want one name and neither claim is stronger, neither gets it.
#[test]
fn titled_shapes_merge_and_contested_names_fall_back_without_numbers() {
    let range = json!({"type": "object", "title": "range_query_specs", "properties": {"gt": {"type": "integer"}}});
    let list = |item: &str| {
        json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {
        "object": {"type": "string", "enum": ["list"]}, "has_more": {"type": "boolean"}, "url": {"type": "string"},
        "data": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}}}}}}}})
    };
    let created = json!([{"name": "created", "in": "query", "schema": range}]);
    let mut schemas = widget(json!({"id": {"type": "string"}}));
    schemas["gadget"] = json!({"type": "object", "x-resourceId": "gadget", "properties": {"id": {"type": "string"}}});
    // Two different shapes under one title in one module: neither keeps the title.
    let a = json!({"type": "object", "title": "param", "properties": {"x": {"type": "string"}}});
    let b = json!({"type": "object", "title": "param", "properties": {"y": {"type": "string"}}});
    let form = json!({"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"a": a, "b": b}}}}});
    let paths = json!({
        "/v1/thing/widgets": {"get": {"operationId": "GetWidgets", "parameters": created, "responses": list("thing.widget")},
                              "post": {"operationId": "PostWidgets", "requestBody": form, "responses": list("thing.widget")}},
        "/v1/gadgets": {"get": {"operationId": "GetGadgets", "parameters": created, "responses": list("gadget")}}
    });
    let loaded = parse("t.json", Format::Json, spec(schemas, paths).as_bytes()).unwrap();
    let mut model = build(&loaded.api, "t.json", &Selection::All).unwrap();
    let ranges: Vec<&TypeDef> = model.types.iter().filter(|t| t.name == "RangeQuerySpecs").collect();
    assert_eq!(ranges.len(), 1, "one type for the shape both modules use");
    assert_eq!(model.modules[ranges[0].module.0].path, ["shared"]);
    assert!(model.types.iter().all(|t| t.name != "Param"), "a contested title is nobody's");
    let create = model.operations.iter().find(|o| o.operation_id == "PostWidgets").unwrap();
    let field_type = |wire: &str| match &field(model.ty(create.params), wire).ty {
        Ty::Named(id) => model.ty(*id).name.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!((field_type("a"), field_type("b")), ("CreateWidgetA".to_owned(), "CreateWidgetB".to_owned()));
    assert!(model.summary().defined_twice.is_empty());
    // The summary reports a shape defined in two modules: the same type again, in `gadget`.
    let gadget = model.modules.iter().position(|m| m.path == ["gadget"]).expect("a gadget module");
    let mut copy = model.types.iter().find(|t| t.name == "RangeQuerySpecs").unwrap().clone();
    copy.module = ModuleId(gadget);
    model.types.push(copy);
    assert_eq!(model.summary().defined_twice, ["RangeQuerySpecs in shared, gadget"]);
}

#[test]
fn answers_list_items_are_decoded_alone_and_paged_but_nested_types_are_not() {
    let mut schemas = widget(json!({
        "id": {"type": "string"},
        "object": {"type": "string", "enum": ["thing.widget"]},
        "part": {"$ref": "#/components/schemas/widget_part"}
    }));
    schemas["widget_part"] = json!({"type": "object", "properties": {"weight": {"type": "number"}}});
    let list = json!({"type": "object", "properties": {
        "object": {"type": "string", "enum": ["list"]}, "has_more": {"type": "boolean"}, "url": {"type": "string"},
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}}}});
    let paths = json!({"/v1/widgets": {"get": {
        "operationId": "GetWidgets",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": list}}}}
    }}});
    let model = model(schemas, paths);
    assert!(named(&model, "Widget").decoded_alone, "the items of a list an operation answers with");
    assert!(!named(&model, "WidgetPart").decoded_alone, "only inside a widget");
    assert!(!named(&model, "ListWidgets").decoded_alone, "parameters are not decoded");
    let (walk, item) = model.pages(&model.operations[0]).expect("a list of objects with ids is paged");
    assert_eq!(
        (walk, item),
        (Walk::List, &Ty::Named(model.types.iter().position(|t| t.name == "Widget").map(TypeId).unwrap()))
    );
}
