//! Questions about a raw schema that conversion asks: is it an object, a Stripe list, an enum,
//! a scalar; which resource is it.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::model::Ty;
use crate::names;

pub(in crate::model) fn escape_pointer(segment: &str) -> std::borrow::Cow<'_, str> {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1").into()
    } else {
        segment.into()
    }
}

pub(in crate::model) fn resource_id(schema: &Schema) -> Option<&str> {
    schema.schema_data.extensions.get("x-resourceId")?.as_str()
}

/// The type name of a resource: its last segment; a `deleted_` resource keeps that word
/// (`deleted_terminal.reader` → `DeletedReader`).
pub(in crate::model) fn resource_type_name(id: &str) -> String {
    let last = id.rsplit('.').next().unwrap_or(id);
    if id.starts_with("deleted_") && !last.starts_with("deleted_") {
        format!("Deleted{}", names::type_name(last))
    } else {
        names::type_name(last)
    }
}

pub(in crate::model) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Properties and required list of an object schema with properties.
pub(in crate::model) fn object_parts(schema: &Schema) -> Option<(&Properties, &[String])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => Some((&o.properties, &o.required)),
        SchemaKind::Any(a) if !a.properties.is_empty() && a.any_of.is_empty() && a.one_of.is_empty() => {
            Some((&a.properties, &a.required))
        }
        _ => None,
    }
}

/// Stripe's list object: `object: "list"`, `data: [...]`, `has_more`, `url`.
pub(in crate::model) fn is_stripe_list(schema: &Schema) -> bool {
    page_object(schema) == Some("list") && object_parts(schema).is_some_and(|(props, _)| props.contains_key("url"))
}

/// Stripe's search result object: `object: "search_result"`, `data`, `has_more`, `next_page`, `url`.
pub(in crate::model) fn is_search_result(schema: &Schema) -> bool {
    page_object(schema) == Some("search_result")
        && object_parts(schema).is_some_and(|(props, _)| props.contains_key("url") && props.contains_key("next_page"))
}

/// The `object` value of a page of results (`list`, or `search_result` for a search), if
/// `schema` is one: an object with that single `object` value, a `data` array and `has_more`.
pub(in crate::model) fn page_object(schema: &Schema) -> Option<&str> {
    let (props, _) = object_parts(schema)?;
    let object = match props.get("object")? {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => match t.enumeration.as_slice() {
                [Some(value)] if value == "list" || value == "search_result" => value.as_str(),
                _ => return None,
            },
            _ => return None,
        },
        ReferenceOr::Reference { .. } => return None,
    };
    let data_is_array = matches!(props.get("data"), Some(ReferenceOr::Item(s)) if matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))));
    (data_is_array && props.contains_key("has_more")).then_some(object)
}

pub(in crate::model) fn is_empty_string_enum(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.iter().all(|v| v.as_deref() == Some("")),
            SchemaKind::Any(a) => a.enumeration.iter().all(|v| v == ""),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// The type of a schema that is a plain scalar (no enum, no alternatives), if it is one.
pub(in crate::model) fn scalar(schema: &Schema) -> Option<Ty> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty() => Some(Ty::String),
        SchemaKind::Type(Type::Integer(_)) => Some(Ty::Int),
        SchemaKind::Type(Type::Number(_)) => Some(Ty::Float),
        SchemaKind::Type(Type::Boolean(_)) => Some(Ty::Bool),
        _ => None,
    }
}

pub(in crate::model) fn enum_values(schema: &Schema) -> Option<Vec<&str>> {
    let values: Vec<&str> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().map(String::as_str).collect(),
        SchemaKind::Any(a) if a.typ.as_deref() == Some("string") => {
            a.enumeration.iter().filter_map(|v| v.as_str()).collect()
        }
        _ => return None,
    };
    (!values.is_empty()).then_some(values)
}
