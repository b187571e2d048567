//! Small specs written in tests, turned into models.

use serde_json::{json, Value};

use crate::load::{parse, Format};
use crate::model::{build, Model, Selection};

/// A spec document with these component schemas and paths.
pub fn spec(schemas: Value, paths: Value) -> String {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Stripe API", "version": "2099-01-01"},
        "paths": paths,
        "components": {"schemas": schemas}
    })
    .to_string()
}

/// The model of `text` for one resource.
pub fn build_spec(text: &str, resource: &str) -> crate::Result<Model> {
    let loaded = parse("t.json", Format::Json, text.as_bytes()).expect("test specs parse");
    build(&loaded.api, "t.json", &Selection::Resources(vec![resource.to_owned()]))
}

/// The model of resource `thing.widget` in a spec with these schemas and paths.
pub fn widget_model(schemas: Value, paths: Value) -> Model {
    build_spec(&spec(schemas, paths), "thing.widget").expect("test specs build")
}
