//! The bad specs of issue 13, each small and written here: what it is, the spec, and what the
//! generator must do with it (fail naming a place, or write a crate that compiles).

use serde_json::{json, Value};

/// What the generator must do with a case.
pub enum Expect {
    /// Exit 0; the crate is then compiled with the others (`--all-targets` and doctests).
    Generates,
    /// Exit 1: the error's pointer starts with the first string, its message with the second.
    Fails(&'static str, &'static str),
    /// Either, as long as it is one of the above (an input saved by the fuzzer).
    Either,
}

pub struct Case {
    pub name: &'static str,
    /// The spec file's text and extension (`json` or `yaml`).
    pub text: String,
    pub extension: &'static str,
    pub expect: Expect,
}

/// Every string a spec can put somewhere the generator writes it: quotes, backslashes, line
/// breaks (a bare CR too), comment ends, minijinja's delimiters and NUL.
pub const EVIL: &str = "a\"b\\c\nd\re*/f{{ g }}h{% if %}i\0j-->k`l<m>&n#o'p";

/// A spec with this `info.version`, these component schemas and these paths.
pub fn spec(version: &str, schemas: Value, paths: Value) -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Stripe API", "version": version},
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

fn json_case(name: &'static str, spec: Value, expect: Expect) -> Case {
    Case { name, text: serde_json::to_string_pretty(&spec).unwrap(), extension: "json", expect }
}

fn schemas(schemas: Value) -> Value {
    spec("2099-01-01", schemas, json!({}))
}

fn r(key: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{key}")})
}

/// A resource `id` with these properties.
fn resource(id: &str, properties: Value) -> Value {
    json!({"type": "object", "x-resourceId": id, "properties": properties})
}

/// `GET path` returning `returns`, with these parameters.
fn get(returns: Value, parameters: Value) -> Value {
    json!({"get": {
        "operationId": "GetThing",
        "parameters": parameters,
        "responses": {"200": {"description": "", "content": {"application/json": {"schema": returns}}}}
    }})
}

/// `POST path` returning `returns`, with this form body.
fn post(returns: Value, body: Value) -> Value {
    json!({"post": {
        "operationId": "PostThing",
        "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": body}}},
        "responses": {"200": {"description": "", "content": {"application/json": {"schema": returns}}}}
    }})
}

fn path_param(name: &str, schema: Value) -> Value {
    json!({"name": name, "in": "path", "required": true, "schema": schema})
}

/// `$ref` cycles of every shape: bare references are errors, cycles through a container type.
fn cycles() -> Vec<Case> {
    let cycle = "$ref cycle: ";
    let at = |key: &str| -> &'static str { Box::leak(format!("#/components/schemas/{key}").into_boxed_str()) };
    vec![
        json_case("ref_self", schemas(json!({"a": r("a")})), Expect::Fails(at("a"), cycle)),
        json_case("ref_pair", schemas(json!({"a": r("b"), "b": r("a")})), Expect::Fails(at("a"), cycle)),
        json_case(
            "ref_triangle",
            schemas(json!({"a": r("b"), "b": r("c"), "c": r("a")})),
            Expect::Fails(at("a"), cycle),
        ),
        json_case(
            "ref_into_a_cycle",
            schemas(json!({"thing": resource("thing", json!({"x": r("a")})), "a": r("b"), "b": r("a")})),
            Expect::Fails(at("a"), cycle),
        ),
        json_case("ref_all_of_self", schemas(json!({"a": {"allOf": [r("a")]}})), Expect::Fails(at("a"), cycle)),
        json_case(
            "ref_all_of_pair",
            schemas(json!({"a": {"allOf": [r("b")]}, "b": {"allOf": [r("a"), {"type": "object"}]}})),
            Expect::Generates,
        ),
        json_case("ref_any_of_self", schemas(json!({"a": {"anyOf": [r("a")]}})), Expect::Fails(at("a"), cycle)),
        json_case(
            "ref_one_of_pair",
            schemas(json!({"a": {"oneOf": [r("b")]}, "b": {"anyOf": [r("a")]}})),
            Expect::Fails(at("a"), cycle),
        ),
        json_case(
            "ref_items_self",
            schemas(json!({"a": {"type": "array", "items": r("a")}})),
            Expect::Fails(at("a"), cycle),
        ),
        json_case(
            "ref_additional_properties_self",
            schemas(json!({"a": {"type": "object", "additionalProperties": r("a")}})),
            Expect::Fails(at("a"), cycle),
        ),
        json_case(
            "ref_items_pair",
            schemas(
                json!({"a": {"type": "array", "items": r("b")}, "b": {"type": "object", "additionalProperties": r("a")}}),
            ),
            Expect::Fails(at("a"), cycle),
        ),
        // Through an object's fields a cycle is a recursive type: boxed where it needs to be.
        json_case(
            "ref_cycles_through_objects",
            schemas(json!({
                "node": resource("node", json!({
                    "next": r("node"),
                    "children": {"type": "array", "items": r("node")},
                    "by_name": {"type": "object", "additionalProperties": r("node")},
                    "either": {"anyOf": [r("node"), r("leaf"), {"type": "string"}]},
                    "parent": {"nullable": true, "allOf": [r("node")]},
                    "leaf": r("leaf"),
                })),
                "leaf": {"type": "object", "properties": {"back": r("node"), "list": r("nodes")}},
                "nodes": {"type": "array", "items": r("node")},
            })),
            Expect::Generates,
        ),
    ]
}

/// Names no Rust identifier can hold as they are: Unicode, keywords, prelude names, collisions.
fn names() -> Vec<Case> {
    let unicode = ["x²", "½", "٣abc", "日本", "ñ", "é", "e\u{301}", "🦀", "x_u00b2", "a b", "a-b", "a_b", "A_B"];
    let properties: serde_json::Map<String, Value> =
        unicode.iter().map(|n| (n.to_string(), json!({"type": "string"}))).collect();
    let keywords = ["type", "self", "Self", "super", "crate", "_", "r#type", "fn", "async", "union", "", "3d"];
    let keyword_properties: serde_json::Map<String, Value> =
        keywords.iter().map(|n| (n.to_string(), json!({"type": "integer"}))).collect();
    let values: Vec<&str> =
        unicode.iter().chain(&["", " ", "unknown", "Unknown", "UNKNOWN", "x2", "X2"]).copied().collect();
    vec![
        json_case(
            "unicode_property_names_and_enum_values",
            schemas(json!({
                "thing": resource("thing", Value::Object(properties)),
                "kind": {"type": "string", "enum": values},
                "keywords": {"type": "object", "properties": keyword_properties, "required": ["type", "self"]},
            })),
            Expect::Generates,
        ),
        json_case(
            "unicode_resource_ids",
            schemas(json!({
                "résumé": resource("ré.sumé", json!({"id": {"type": "string"}})),
                "digits": resource("٣abc", json!({"id": {"type": "string"}})),
                "kanji": resource("日本.x²", json!({"id": {"type": "string"}})),
            })),
            Expect::Generates,
        ),
        json_case(
            "reserved_resource_ids",
            schemas(json!({
                "a": resource("lib", json!({"id": {"type": "string"}})),
                "b": resource("mod", json!({"id": {"type": "string"}})),
                "c": resource("main", json!({"id": {"type": "string"}})),
                "d": resource("runtime", json!({"id": {"type": "string"}})),
                "e": resource("shared", json!({"id": {"type": "string"}})),
                "f": resource("self", json!({"id": {"type": "string"}})),
                "g": resource("crate.super", json!({"id": {"type": "string"}})),
                "h": resource("lib.mod", json!({"id": {"type": "string"}})),
                "i": resource("mod.rs", json!({"id": {"type": "string"}})),
                "j": resource("types", json!({"id": {"type": "string"}})),
            })),
            Expect::Generates,
        ),
        json_case(
            "module_names_that_meet",
            schemas(json!({
                "a": resource("a", json!({"id": {"type": "string"}})),
                "a_b": resource("a.b", json!({"id": {"type": "string"}})),
                "ab": resource("a_b", json!({"id": {"type": "string"}})),
                "a_empty": resource("a.", json!({"id": {"type": "string"}})),
                "empty": resource("", json!({"id": {"type": "string"}})),
            })),
            Expect::Generates,
        ),
        json_case(
            "std_type_names",
            schemas(json!({
                "Error": {"type": "string", "enum": ["Ok", "Err", "Some", "None", "Option"]},
                "Self": {"type": "object", "properties": {"x": r("Error"), "Vec": {"type": "string"}}},
                "thing": resource("thing", json!({"s": r("Self"), "String": {"type": "object", "properties": {}}})),
            })),
            Expect::Generates,
        ),
        // A type that may only be called by a prelude name is followed by `_` (`Result_`).
        json_case(
            "a_type_named_only_result",
            schemas(
                json!({"Result": {"type": "string", "enum": ["a"]}, "thing": resource("thing", json!({"r": r("Result")}))}),
            ),
            Expect::Generates,
        ),
        json_case(
            "types_named_only_by_the_prelude",
            schemas(json!({
                "Box": {"type": "string", "enum": ["box"]},
                "Err": {"type": "string", "enum": ["err"]},
                "HashMap": {"type": "string", "enum": ["hashmap"]},
                "None": {"type": "string", "enum": ["none"]},
                "Ok": {"type": "string", "enum": ["ok"]},
                "Option": {"type": "string", "enum": ["option"]},
                "Result": {"type": "string", "enum": ["result"]},
                "Some": {"type": "string", "enum": ["some"]},
                "String": {"type": "string", "enum": ["string"]},
                "Vec": {"type": "string", "enum": ["vec"]},
                // Referenced in the reverse order.
                "thing": resource("thing", json!({
                    "a": r("Vec"), "b": r("String"), "c": r("Some"), "d": r("Result"), "e": r("Option"),
                    "f": r("Ok"), "g": r("None"), "h": r("HashMap"), "i": r("Err"), "j": r("Box"),
                })),
            })),
            Expect::Generates,
        ),
    ]
}

/// An operation of `method` (`get`, `post`, `delete`) with this `operationId`, returning `returns`,
/// with these query or path parameters and, for a POST, this form body.
fn operation(method: &str, operation_id: &str, returns: Value, parameters: Value, body: Option<Value>) -> Value {
    let mut operation = json!({
        "operationId": operation_id,
        "parameters": parameters,
        "responses": {"200": {"description": "", "content": {"application/json": {"schema": returns}}}}
    });
    if let Some(body) = body {
        operation["requestBody"] = json!({"content": {"application/x-www-form-urlencoded": {"schema": body}}});
    }
    json!({ method: operation })
}

/// Names that collide in every way the naming rules know (issue 26): each spec generates a crate
/// that compiles, since every chain of candidates ends in a name unique by construction.
fn collisions() -> Vec<Case> {
    let id = || json!({"id": {"type": "string"}});
    let string = || json!({"type": "string"});
    let object = |properties: Value| json!({"type": "object", "properties": properties});
    let titled = |title: &str, properties: Value| json!({"type": "object", "title": title, "properties": properties});
    let merge = |a: Value, b: Value| {
        let (Value::Object(mut a), Value::Object(b)) = (a, b) else { unreachable!() };
        a.extend(b);
        Value::Object(a)
    };
    let reserved = [
        "new",
        "send",
        "send_with",
        "send_blocking",
        "send_blocking_with",
        "paginate",
        "paginate_with",
        "paginate_blocking",
        "extra_param",
        "extra_params",
        "unknown_fields",
        "with_send",
        "extra_params_",
    ];
    let reserved_properties: serde_json::Map<String, Value> =
        reserved.iter().map(|n| (n.to_string(), string())).collect();
    let reserved_query: Vec<Value> =
        reserved.iter().map(|n| json!({"name": n, "in": "query", "schema": {"type": "string"}})).collect();
    let list = |item: Value| {
        json!({"type": "object", "required": ["data", "has_more", "object", "url"], "properties": {
            "data": {"type": "array", "items": item}, "has_more": {"type": "boolean"},
            "object": {"type": "string", "enum": ["list"]}, "url": {"type": "string"}}})
    };
    vec![
        // The 2019 spec's clash: `DELETE /v1/account` and `DELETE /v1/accounts/{account}` are both
        // `DeleteAccount`, and the first one's `operationId` is that too; the 2018 spec's:
        // `POST /v1/account/external_accounts` and `POST /v1/accounts/{account}/external_accounts`.
        json_case(
            "two_operations_want_one_name",
            spec(
                "2099-01-01",
                json!({
                    "account": resource("account", id()),
                    "external_account": resource("external_account", id()),
                }),
                json!({
                    "/v1/account": merge(
                        operation("delete", "DeleteAccount", r("account"), json!([]), None),
                        operation("get", "GetAccount", r("account"), json!([]), None),
                    ),
                    "/v1/accounts/{account}": operation("delete", "DeleteAccountsAccount", r("account"),
                        json!([path_param("account", string())]), None),
                    "/v1/account/external_accounts": operation("post", "PostAccountExternalAccounts",
                        r("external_account"), json!([]), Some(object(json!({"a": string()})))),
                    "/v1/accounts/{account}/external_accounts": operation("post",
                        "PostAccountsAccountExternalAccounts", r("external_account"),
                        json!([path_param("account", string())]), Some(object(json!({"a": string()})))),
                }),
            ),
            Expect::Generates,
        ),
        // Two operations whose `operationId`s spell alike once in UpperCamelCase (a spec breaking
        // OpenAPI's rule): each is followed by its pointer in hex.
        json_case(
            "operation_ids_that_spell_alike",
            spec(
                "2099-01-01",
                json!({"thing": resource("thing", id())}),
                json!({
                    "/v1/thing": operation("delete", "delete_thing", r("thing"), json!([]), None),
                    "/v1/things/{thing}": operation("delete", "DeleteThing", r("thing"),
                        json!([path_param("thing", string())]), None),
                }),
            ),
            Expect::Generates,
        ),
        // A component named like the operation of its resource (`create_thing` is `CreateThing`,
        // the name `POST /v1/things` wants), used only there; and one the resource's answer uses.
        json_case(
            "schemas_named_like_their_resources_operations",
            spec(
                "2099-01-01",
                json!({
                    "thing": resource("thing", merge(id(), json!({"r": r("retrieve_thing")}))),
                    "create_thing": object(json!({"size": string()})),
                    "retrieve_thing": object(json!({"size": {"type": "integer"}})),
                }),
                json!({
                    "/v1/things": operation("post", "PostThings", r("thing"), json!([]),
                        Some(object(json!({"spec": r("create_thing")})))),
                    "/v1/things/{thing}": operation("get", "GetThingsThing", r("thing"),
                        json!([path_param("thing", string())]), None),
                }),
            ),
            Expect::Generates,
        ),
        // One title on unrelated shapes (Stripe's `payment_method_options_param`), on one shape
        // under different fields, on an enum and on a prelude name.
        json_case(
            "titles_shared_by_unrelated_shapes",
            schemas(json!({
                "thing": resource("thing", json!({
                    "a": titled("param", json!({"x": string()})),
                    "b": titled("param", json!({"y": string()})),
                    "c": titled("param", json!({"y": string()})),
                    "d": {"title": "param", "type": "string", "enum": ["one", "two"]},
                    "e": titled("default", json!({"z": string()})),
                    "f": titled("default", json!({"z": string()})),
                    "g": titled("Option", json!({"z": string()})),
                    "h": object(json!({"a": titled("param", json!({"x": string()}))})),
                })),
                "gadget": resource("gadget", json!({"c": titled("param", json!({"y": string()}))})),
            })),
            Expect::Generates,
        ),
        // Fields and parameters named after every method the runtime's macros define and every
        // private field of generated types, in a request body, a query and an answer.
        json_case(
            "parameters_named_after_reserved_methods_and_fields",
            spec(
                "2099-01-01",
                json!({"thing": resource("thing", merge(id(), Value::Object(reserved_properties.clone())))}),
                json!({
                    "/v1/things": merge(
                        operation("post", "PostThings", r("thing"), json!([]),
                            Some(object(Value::Object(reserved_properties)))),
                        operation("get", "GetThings", list(r("thing")), Value::Array(reserved_query), None),
                    ),
                }),
            ),
            Expect::Generates,
        ),
        json_case(
            "schemas_named_default_error_option_result",
            schemas(json!({
                "default": object(json!({"a": string()})),
                "error": {"type": "object", "properties": {"type": {"type": "string", "enum": ["api_error"]}}},
                "option": {"type": "string", "enum": ["a", "b"]},
                "result": {"anyOf": [{"type": "string"}, r("default")]},
                "Default": object(json!({"b": string()})),
                "thing": resource("thing", json!({
                    "d": r("default"), "e": r("error"), "o": r("option"), "r": r("result"), "dd": r("Default"),
                })),
            })),
            Expect::Generates,
        ),
    ]
}

/// Operations the generated code, its example and its doc example must survive.
fn operations() -> Vec<Case> {
    let thing = || resource("thing", json!({"id": {"type": "string"}, "n": {"type": "integer"}}));
    vec![
        json_case(
            "path_placeholder_without_parameter",
            spec("2099-01-01", json!({"thing": thing()}), json!({"/v1/things/{b}": get(r("thing"), json!([]))})),
            Expect::Fails("#/paths/~1v1~1things~1{b}/get", "the path has `{b}` but no path parameter `b`"),
        ),
        json_case(
            "object_path_parameter",
            spec(
                "2099-01-01",
                json!({"thing": thing()}),
                json!({"/v1/things/{b}": get(r("thing"), json!([path_param("b", json!({"type": "object", "properties": {"x": {"type": "string"}}}))]))}),
            ),
            Expect::Fails(
                "#/paths/~1v1~1things~1{b}/get/parameters/0",
                "path parameter `b` is not a string or integer",
            ),
        ),
        // No create operation: the doc example calls another, here a retrieve.
        json_case(
            "no_create_path",
            spec(
                "2099-01-01",
                json!({"thing": thing()}),
                json!({"/v1/things/{thing}": get(r("thing"), json!([path_param("thing", json!({"type": "string", "maxLength": 5000}))]))}),
            ),
            Expect::Generates,
        ),
        // No operation whose constructor takes strings only: the doc example only builds a client.
        json_case(
            "no_operation_to_call_in_the_doc_example",
            spec(
                "2099-01-01",
                json!({"thing": thing()}),
                json!({"/v1/things": post(r("thing"), json!({"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}))}),
            ),
            Expect::Generates,
        ),
        json_case(
            "no_schemas_no_paths",
            json!({"openapi": "3.0.0", "info": {"title": "", "version": ""}, "paths": {}}),
            Expect::Generates,
        ),
        // The Billing Portal's example templates require types by name; here they are missing.
        json_case(
            "billing_portal_session_without_the_example_types",
            spec(
                "2099-01-01",
                json!({"billing_portal.session": resource("billing_portal.session", json!({"id": {"type": "string"}}))}),
                json!({"/v1/billing_portal/sessions": post(r("billing_portal.session"), json!({"type": "object", "required": ["customer"], "properties": {"customer": {"type": "string"}}}))}),
            ),
            Expect::Generates,
        ),
        json_case(
            "operations_under_reserved_paths",
            spec(
                "2099-01-01",
                json!({"thing": thing()}),
                json!({
                    "/v1/lib": get(r("thing"), json!([])),
                    "/v1/mod/{self}": get(r("thing"), json!([path_param("self", json!({"type": "string"}))])),
                    "/v1/shared": post(r("thing"), json!({"type": "object", "properties": {}})),
                    "/v1/x²": get(r("thing"), json!([{"name": "type", "in": "query", "schema": {"type": "string"}}])),
                }),
            ),
            Expect::Generates,
        ),
    ]
}

/// Spec text in every place it lands: the header comment of every file, `Cargo.toml`, the
/// README, `API_VERSION`, doc comments, serde renames, enum values, paths, the doc example.
fn escaping() -> Vec<Case> {
    let evil_resource = json!({
        "type": "object",
        "x-resourceId": "thing",
        "title": EVIL,
        "description": EVIL,
        "properties": {
            "id": {"type": "string", "description": EVIL},
            EVIL: {"type": "string", "description": format!("<a href=\"{EVIL}\">{EVIL}</a> [x]({EVIL})")},
            "kind": {"type": "string", "enum": [EVIL, "plain", "a\u{0}b", "a\rb"], "description": EVIL},
            "nested": {"type": "object", "title": EVIL, "properties": {EVIL: {"type": "boolean"}}},
        },
        "required": ["id"],
    });
    let body =
        json!({"type": "object", "required": [EVIL], "properties": {EVIL: {"type": "string", "description": EVIL}}});
    let mut create = post(r("thing"), body);
    create["post"]["description"] = json!(EVIL);
    create["post"]["summary"] = json!(EVIL);
    let evil_path = "/v1/things\"\\*/%0A";
    let with_paths = |version: &str| {
        spec(
            version,
            json!({"thing": evil_resource.clone()}),
            json!({"/v1/things": create.clone(), evil_path: get(r("thing"), json!([]))}),
        )
    };
    vec![
        json_case("spec_strings_in_every_place", with_paths(EVIL), Expect::Generates),
        json_case("info_version_quote", with_paths("2099\"; panic!(); \""), Expect::Generates),
        json_case("info_version_newline", with_paths("2099\n#![forbid(unsafe_code)] fn x() {}"), Expect::Generates),
        json_case("info_version_template", with_paths("{{ header }}{% raw %}*/"), Expect::Generates),
        json_case("info_version_nul_and_cr", with_paths("2099\0\r-->"), Expect::Generates),
        Case {
            name: "yaml_bare_cr_in_a_description",
            text: "openapi: 3.0.0\ninfo: {title: t, version: \"2099-01-01\"}\npaths: {}\ncomponents:\n  schemas:\n    \
                   thing:\n      type: object\n      x-resourceId: thing\n      description: \"one\\rtwo\\r\\nthree\"\n      \
                   properties:\n        id: {type: string, description: \"a\\rb\"}\n"
                .into(),
            extension: "yaml",
            expect: Expect::Generates,
        },
    ]
}

/// Descriptions built to make a naive rewriter quadratic, through the whole pipeline.
fn big_docs() -> Vec<Case> {
    let doc = format!("{}{}", "[".repeat(200_000), "<a href=\"/docs/x\">x</a>".repeat(20_000));
    vec![json_case(
        "adversarial_descriptions",
        schemas(
            json!({"thing": {"type": "object", "x-resourceId": "thing", "description": doc, "properties": {"id": {"type": "string"}}}}),
        ),
        Expect::Generates,
    )]
}

/// Inputs that are not a spec at all, or not one this generator reads.
fn documents() -> Vec<Case> {
    let laughs = "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n\
                  x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
                  x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nx-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
                  x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\nx-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n\
                  x-h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\nx-i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    vec![
        Case {
            name: "yaml_billion_laughs",
            text: laughs.into(),
            extension: "yaml",
            expect: Expect::Fails("#", "invalid YAML OpenAPI document: repetition limit exceeded"),
        },
        Case {
            name: "json_deep_nesting",
            text: deep,
            extension: "json",
            expect: Expect::Fails("line 1, column ", "invalid JSON"),
        },
        Case {
            name: "yaml_duplicate_keys",
            text: "openapi: 3.0.0\ninfo: {title: t, version: v}\ninfo: {title: t, version: w}\npaths: {}\n".into(),
            extension: "yaml",
            expect: Expect::Fails("line ", "invalid YAML"),
        },
    ]
}

/// Every case.
pub fn all() -> Vec<Case> {
    [cycles(), names(), collisions(), operations(), escaping(), big_docs(), documents()].into_iter().flatten().collect()
}
