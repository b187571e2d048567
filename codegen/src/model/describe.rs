//! Documentation: the spec's description of every type, field and union alternative as rustdoc,
//! and where the spec has none, a sentence that is true of the item and says something about it.
//!
//! - A type without a description: an operation's parameters name the request
//!   (`The parameters of POST /v1/widgets.`); a type used by one field that has a description takes
//!   that description (the parent's); any other says where it is used (`Used in Widget.finish and
//!   Order.finish.`), or, used nowhere, which schema of the spec it is.
//! - A field without one: a path parameter says which part of the path it fills; an enum lists its
//!   values (`One of small or large.`, `Always thing.widget.`); an expandable field says it is an id
//!   or the object; a field of a described type takes the type's first paragraph; any other says
//!   whose it is and what it holds (`The width of WidgetDimensions: an integer.`).
//! - A union alternative: its type's first paragraph, or what it holds (`An integer.`).
//!
//! Usage is counted over the whole spec, like names, so a doc never depends on the selection.

use super::registry::{named_in, Origin, Registry};
use super::{Field, Ty, TypeId, TypeKind};
use crate::docs::rustdoc;

/// A place a type is used.
#[derive(Clone, PartialEq)]
enum Use {
    /// The type of a field (or of its items), by owner and wire name.
    Field(TypeId, String),
    /// An alternative of a union.
    Alternative(TypeId),
    /// What an operation returns.
    Returned(usize),
}

/// Writes the docs of the registry's types.
pub(super) struct Describer<'r> {
    registry: &'r Registry,
    names: &'r [String],
    /// Where each entry is used, in spec order.
    uses: Vec<Vec<Use>>,
}

impl<'r> Describer<'r> {
    /// `names` are the types' final names; `live` marks the entries the whole spec reaches.
    pub fn new(registry: &'r Registry, names: &'r [String], live: &[bool]) -> Self {
        let mut uses: Vec<Vec<Use>> = vec![Vec::new(); registry.entries.len()];
        let mut add = |ty: &Ty, place: Use| {
            let mut used = Vec::new();
            named_in(ty, &mut used);
            for id in used {
                if !uses[id.0].contains(&place) {
                    uses[id.0].push(place.clone());
                }
            }
        };
        for (i, entry) in registry.entries.iter().enumerate().filter(|(i, _)| live.get(*i) == Some(&true)) {
            match &entry.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter().for_each(|f| add(&f.ty, Use::Field(TypeId(i), f.ident.wire.clone())))
                }
                TypeKind::Union(vs) => vs.iter().for_each(|v| add(&v.ty, Use::Alternative(TypeId(i)))),
                _ => {}
            }
        }
        for (op, operation) in registry.operations.iter().enumerate() {
            add(&operation.returns, Use::Returned(op));
        }
        Describer { registry, names, uses }
    }

    /// The doc of entry `i`.
    pub fn type_doc(&self, i: usize) -> String {
        let entry = &self.registry.entries[i];
        if let Some(doc) = entry.description.as_deref().and_then(rustdoc) {
            return doc;
        }
        if let Origin::Params(op) = entry.origin {
            let op = &self.registry.operations[op];
            return format!("The parameters of `{} {}`.", op.method.as_str(), op.path);
        }
        let uses = &self.uses[i];
        if let [Use::Field(owner, wire)] = uses.as_slice() {
            if let Some(doc) = self.field(*owner, wire).and_then(|f| rustdoc(&f.doc)) {
                return doc;
            }
        }
        if uses.is_empty() {
            let key = entry.pointer.rsplit('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
            return format!("The spec's `{key}` schema, which nothing else in the API refers to.");
        }
        let places: Vec<String> = uses
            .iter()
            .take(3)
            .map(|place| match place {
                Use::Field(owner, wire) => format!("`{}.{wire}`", self.names[owner.0]),
                Use::Alternative(owner) => format!("an alternative of `{}`", self.names[owner.0]),
                Use::Returned(op) => {
                    let op = &self.registry.operations[*op];
                    format!("the answer to `{} {}`", op.method.as_str(), op.path)
                }
            })
            .collect();
        let more = uses.len().saturating_sub(3);
        let list = if more > 0 { format!("{} and {more} more", places.join(", ")) } else { and_list(&places, "and") };
        format!("Used in {list}.")
    }

    /// The doc of `field`, a field of entry `owner`.
    pub fn field_doc(&self, owner: usize, field: &Field) -> String {
        if let Some(doc) = rustdoc(&field.doc) {
            return doc;
        }
        let wire = &field.ident.wire;
        if let (true, Origin::Params(op)) = (field.in_path, &self.registry.entries[owner].origin) {
            return format!("The `{{{wire}}}` in the path `{}`.", self.registry.operations[*op].path);
        }
        let ty = match &field.ty {
            Ty::Unsettable(inner) => inner,
            ty => ty,
        };
        match ty {
            Ty::Named(id) if matches!(self.registry.entries[id.0].kind, TypeKind::Enum(_)) => {
                format!("{}.", capitalized(&self.noun(ty)))
            }
            Ty::Expandable(_) => format!("{}.", capitalized(&self.noun(ty))),
            _ => self
                .described(ty)
                .unwrap_or_else(|| format!("The `{wire}` of `{}`: {}.", self.names[owner], self.noun(&field.ty))),
        }
    }

    /// The doc of a union's alternative of type `ty`.
    pub fn variant_doc(&self, ty: &Ty) -> String {
        self.described(ty).unwrap_or_else(|| format!("{}.", capitalized(&self.noun(ty))))
    }

    /// The first paragraph of the spec's description of the named type `ty`, if it has one.
    fn described(&self, ty: &Ty) -> Option<String> {
        let Ty::Named(id) = ty else { return None };
        let doc = rustdoc(self.registry.entries[id.0].description.as_deref()?)?;
        let first = doc.split("\n\n").next()?;
        (!first.contains("```")).then(|| first.to_owned())
    }

    fn field(&self, owner: TypeId, wire: &str) -> Option<&Field> {
        match &self.registry.entries[owner.0].kind {
            TypeKind::Struct(s) => s.fields.iter().find(|f| f.ident.wire == wire),
            _ => None,
        }
    }

    /// What a value of `ty` is, as a phrase that starts in lower case (`a list, each item a string`).
    fn noun(&self, ty: &Ty) -> String {
        match ty {
            Ty::Bool => "a boolean".into(),
            Ty::Int => "an integer".into(),
            Ty::Float => "a number".into(),
            Ty::String => "a string".into(),
            Ty::Json => "any JSON value".into(),
            Ty::Named(id) => {
                let name = &self.names[id.0];
                match &self.registry.entries[id.0].kind {
                    TypeKind::Enum(vs) => {
                        let values: Vec<String> = vs.iter().map(|v| format!("`{}`", spelled(&v.ident.wire))).collect();
                        match values.len() {
                            1 => format!("always {}", values[0]),
                            2..=8 => format!("one of {}", and_list(&values, "or")),
                            n => format!("one of the {n} values of `{name}`"),
                        }
                    }
                    TypeKind::Struct(s)
                        if self.registry.entries[id.0].description.as_deref().and_then(rustdoc).is_none() =>
                    {
                        let names: Vec<String> = s.fields.iter().map(|f| format!("`{}`", f.ident.wire)).collect();
                        match names.len() {
                            0 => "an empty object".into(),
                            1..=4 => format!("an object with {}", and_list(&names, "and")),
                            n => format!("an object with {} and {} more fields", names[..3].join(", "), n - 3),
                        }
                    }
                    _ => format!("a `{name}`"),
                }
            }
            Ty::List(t) => format!("a list, each item {}", self.noun(t)),
            Ty::Map(t) => format!("a map from strings, each value {}", self.noun(t)),
            Ty::StripeList(t) => format!("a page of a Stripe list, each item {}", self.noun(t)),
            Ty::SearchResult(t) => format!("a page of search results, each item {}", self.noun(t)),
            Ty::Expandable(t) => format!("the id of {}, or the object itself when expanded", self.noun(t)),
            Ty::Unsettable(t) => format!("{}, or empty to unset it", self.noun(t)),
        }
    }
}

/// An enum value as the docs show it: the empty string as `""`.
fn spelled(value: &str) -> &str {
    if value.is_empty() {
        "\"\""
    } else {
        value
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::{Model, TypeDef, TypeKind};
    use crate::test_support::widget_model;

    fn def<'m>(model: &'m Model, name: &str) -> &'m TypeDef {
        model.types.iter().find(|t| t.name == name).unwrap()
    }

    fn field_doc<'m>(def: &'m TypeDef, wire: &str) -> &'m str {
        let TypeKind::Struct(s) = &def.kind else { panic!("{} is not a struct", def.name) };
        &s.fields.iter().find(|f| f.ident.wire == wire).unwrap().doc
    }

    #[test]
    fn what_the_spec_does_not_describe_is_described_by_what_it_is() {
        let schemas = json!({
            "thing.widget": {"type": "object", "x-resourceId": "thing.widget", "description": "A widget.",
                "required": ["id"], "properties": {
                    "id": {"type": "string", "description": "Unique identifier."},
                    "object": {"type": "string", "enum": ["thing.widget"]},
                    "size": {"type": "string", "enum": ["small", "large"]},
                    "part": {"$ref": "#/components/schemas/part"},
                    "spare": {"$ref": "#/components/schemas/part"},
                    "box": {"type": "object", "properties": {"width": {"type": "integer"}}},
                    "shape": {"description": "Its shape.", "anyOf": [{"$ref": "#/components/schemas/part"}, {"type": "integer"}]},
                    "tags": {"type": "array", "items": {"type": "string"}}}},
            "part": {"type": "object", "description": "A part of a widget.", "properties": {"weight": {"type": "number"}}}
        });
        let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}});
        let paths = json!({"/v1/widgets/{widget}": {"get": {"responses": ok,
            "parameters": [{"name": "widget", "in": "path", "required": true, "schema": {"type": "string"}}]}}});
        let model = widget_model(schemas, paths);
        let widget = def(&model, "Widget");
        assert_eq!(field_doc(widget, "id"), "Unique identifier.");
        assert_eq!(field_doc(widget, "object"), "Always `thing.widget`.");
        assert_eq!(field_doc(widget, "size"), "One of `small` or `large`.");
        assert_eq!(field_doc(widget, "part"), "A part of a widget.", "the type's description");
        assert_eq!(field_doc(widget, "box"), "The `box` of `Widget`: an object with `width`.");
        assert_eq!(field_doc(widget, "tags"), "The `tags` of `Widget`: a list, each item a string.");
        assert_eq!(def(&model, "WidgetSize").doc, "Used in `Widget.size`.");
        assert_eq!(def(&model, "WidgetShape").doc, "Its shape.");
        let TypeKind::Union(variants) = &def(&model, "WidgetShape").kind else { panic!() };
        let docs: Vec<&str> = variants.iter().map(|v| v.doc.as_str()).collect();
        assert_eq!(docs, ["A part of a widget.", "An integer."]);
        let params = def(&model, "RetrieveWidget");
        assert_eq!(params.doc, "The parameters of `GET /v1/widgets/{widget}`.");
        assert_eq!(field_doc(params, "widget"), "The `{widget}` in the path `/v1/widgets/{widget}`.");
    }

    #[test]
    fn a_type_takes_the_description_of_the_one_field_that_uses_it() {
        let schemas = json!({
            "thing.widget": {"type": "object", "x-resourceId": "thing.widget", "description": "A widget.",
                "properties": {
                    "a": {"description": "The first coat.", "anyOf": [{"$ref": "#/components/schemas/coat"}]},
                    "b": {"$ref": "#/components/schemas/sticker"},
                    "c": {"$ref": "#/components/schemas/sticker"}}},
            "coat": {"type": "object", "properties": {"color": {"type": "string"}}},
            "sticker": {"type": "object", "properties": {"text": {"type": "string"}}}
        });
        let model = widget_model(schemas, json!({}));
        assert_eq!(def(&model, "Coat").doc, "The first coat.");
        assert_eq!(def(&model, "Sticker").doc, "Used in `Widget.b` and `Widget.c`.");
    }
}
