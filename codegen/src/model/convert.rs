//! Conversion: every component schema, then every operation, into registry entries.
//!
//! The whole spec is converted whatever the selection, so that every later decision (home, merge,
//! name) sees all of it and never depends on what is selected. Each inline type gets candidate
//! names from its own place: its `title`, then its owner's name + its field's name.

use std::collections::VecDeque;

use crate::fast_hash::{FastMap, FastSet};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use super::registry::{Entry, Origin, Registry};
use super::{Field, Struct, Ty, TypeId, TypeKind, Variant, Warning};
use crate::error::{Error, Result};
use crate::names::{self, Ident};

mod alternatives;
mod inspect;
mod objects;
mod operations;

use inspect::{enum_values, page_object};
pub(super) use inspect::{
    escape_pointer, is_search_result, is_stripe_list, object_parts, resource_id, resource_type_name,
};

/// Runs of paths converted by one converter each: several per core, so cores that finish early
/// take more.
const RUNS_PER_CORE: usize = 8;

/// Converts the whole spec; `file` names it in errors.
pub(super) fn convert(api: &OpenAPI, file: &str) -> Result<Registry> {
    convert_in_runs(api, file, crate::parallel::cores() * RUNS_PER_CORE)
}

/// [`convert`], the operations cut into `runs` runs: the result is the same for any number.
pub(super) fn convert_in_runs(api: &OpenAPI, file: &str, runs: usize) -> Result<Registry> {
    let empty = IndexMap::new();
    let schemas = api.components.as_ref().map(|c| &c.schemas).unwrap_or(&empty);
    let mut converter = Converter::new(schemas, file, &[]);
    converter.registry.api_version = api.info.version.clone();
    for key in schemas.keys() {
        let ty = converter.component(key, &|| "#/components/schemas".to_owned())?;
        converter.drain_pending()?;
        if let Some(ReferenceOr::Item(schema)) = schemas.get(key) {
            if let Some(id) = resource_id(schema) {
                converter.registry.resources.push((id.to_owned(), ty));
                if let Some(doc) = &schema.schema_data.description {
                    converter.registry.resource_docs.insert(id.to_owned(), doc.clone());
                }
            }
        }
    }
    let Converter { registry: mut base, components, .. } = converter;
    let parts = operations::convert_in_runs(api, schemas, file, &base, &components, runs)?;
    let first = base.entries.len();
    for part in parts {
        base.append(part, first);
    }
    Ok(base)
}

pub(super) struct Converter<'a> {
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    file: &'a str,
    /// The entries converted before this converter's (the components, for a part of the
    /// operations): its own entries' ids start after them.
    before: &'a [Entry],
    /// What this converter adds.
    registry: Registry,
    /// The type of every component converted so far.
    components: FastMap<&'a str, Ty>,
    /// Components being converted that are not named types: a reference back to one is a cycle.
    in_progress: Vec<&'a str>,
    /// Component objects whose fields are still to convert (breadth first: no deep recursion).
    pending: VecDeque<(&'a str, TypeId)>,
    /// Field names in UpperCamelCase, spelled once each.
    camel: FastMap<String, String>,
}

/// Where a schema is being converted.
#[derive(Clone)]
struct Ctx {
    /// The entry the schema is written in.
    owner: Option<TypeId>,
    /// The owner's name, the start of every inline name inside it.
    base: String,
    /// Wire name of the field (or parameter) the schema is the type of.
    field: String,
    pointer: String,
    request: bool,
}

impl Ctx {
    fn at(&self, pointer: String) -> Ctx {
        Ctx { pointer, ..self.clone() }
    }
}

impl<'a> Converter<'a> {
    fn new(schemas: &'a IndexMap<String, ReferenceOr<Schema>>, file: &'a str, before: &'a [Entry]) -> Self {
        Converter {
            schemas,
            file,
            before,
            registry: Registry::default(),
            components: FastMap::default(),
            in_progress: Vec::new(),
            pending: VecDeque::new(),
            camel: FastMap::default(),
        }
    }

    /// The id the next entry gets.
    fn next_id(&self) -> usize {
        self.before.len() + self.registry.entries.len()
    }

    fn push(&mut self, entry: Entry) -> TypeId {
        self.registry.entries.push(entry);
        TypeId(self.next_id() - 1)
    }

    /// Entry `id`, converted here or before.
    fn get(&self, id: TypeId) -> &Entry {
        match id.0.checked_sub(self.before.len()) {
            Some(own) => &self.registry.entries[own],
            None => &self.before[id.0],
        }
    }

    /// Entry `id`, converted here.
    fn own_mut(&mut self, id: TypeId) -> &mut Entry {
        &mut self.registry.entries[id.0 - self.before.len()]
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.registry.warnings.push(Warning { pointer: pointer.to_owned(), message: message.into() });
    }

    fn entry(&mut self, ctx: &Ctx, kind: TypeKind, schema: &Schema, origin: Origin, names: Vec<String>) -> TypeId {
        self.push(Entry {
            pointer: ctx.pointer.clone(),
            kind,
            description: schema.schema_data.description.clone(),
            origin,
            names,
            request: ctx.request,
        })
    }

    /// The type of component `key`. Objects get their entry at once and their fields later
    /// (so a type may contain itself); anything else is converted here, and a reference back
    /// to a component still being converted that way is a `$ref` cycle: an error.
    fn component(&mut self, key: &'a str, from: &dyn Fn() -> String) -> Result<Ty> {
        if let Some(ty) = self.components.get(key) {
            return Ok(ty.clone());
        }
        let pointer = format!("#/components/schemas/{}", escape_pointer(key));
        if let Some(start) = self.in_progress.iter().position(|k| *k == key) {
            let mut cycle: Vec<&str> = self.in_progress[start..].to_vec();
            cycle.push(key);
            return Err(Error::at(self.file, pointer, format!("$ref cycle: {}", cycle.join(" → "))));
        }
        let schema = match self.schemas.get(key) {
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => {
                self.in_progress.push(key);
                let ty = self.reference(reference, &|| pointer.clone());
                self.in_progress.pop();
                let ty = ty?;
                self.components.insert(key, ty.clone());
                return Ok(ty);
            }
            None => return Err(Error::at(self.file, from(), format!("$ref to nothing: `#/components/schemas/{key}`"))),
        };
        let (origin, name) = match resource_id(schema) {
            Some(id) => (Origin::Resource(id.to_owned()), resource_type_name(id)),
            None => (Origin::Component, names::type_name(key)),
        };
        let ctx = Ctx { owner: None, base: name.clone(), field: key.to_owned(), pointer, request: false };
        if object_parts(schema).is_some() && !is_stripe_list(schema) && !is_search_result(schema) {
            let id = self.entry(&ctx, TypeKind::Struct(Struct { fields: Vec::new() }), schema, origin, vec![name]);
            self.components.insert(key, Ty::Named(id));
            self.pending.push_back((key, id));
            return Ok(Ty::Named(id));
        }
        self.in_progress.push(key);
        let ty = self.schema(schema, &ctx, Some((origin, vec![name])));
        self.in_progress.pop();
        let ty = ty?;
        self.components.insert(key, ty.clone());
        Ok(ty)
    }

    /// The type a `$ref` names; `from` gives the pointer of the place it is written, for errors.
    fn reference(&mut self, reference: &str, from: &dyn Fn() -> String) -> Result<Ty> {
        match reference.strip_prefix("#/components/schemas/") {
            Some(key) => match self.schemas.get_key_value(key) {
                Some((key, _)) => self.component(key, from),
                None => Err(Error::at(self.file, from(), format!("$ref to nothing: `{reference}`"))),
            },
            None => Err(Error::at(
                self.file,
                from(),
                format!("unsupported $ref `{reference}`: only #/components/schemas/… is read"),
            )),
        }
    }

    fn drain_pending(&mut self) -> Result<()> {
        while let Some((key, id)) = self.pending.pop_front() {
            let Some(ReferenceOr::Item(schema)) = self.schemas.get(key) else { unreachable!("queued items exist") };
            let (props, required) = object_parts(schema).expect("queued schemas are objects");
            let entry = self.get(id);
            let ctx = Ctx {
                owner: Some(id),
                base: entry.names[0].clone(),
                field: String::new(),
                pointer: entry.pointer.clone(),
                request: false,
            };
            let fields = self.fields(props, required, &ctx)?;
            self.own_mut(id).kind = TypeKind::Struct(Struct { fields });
        }
        Ok(())
    }

    fn schema_ref(&mut self, schema: &ReferenceOr<Schema>, ctx: &Ctx) -> Result<Ty> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, &|| ctx.pointer.clone()),
            ReferenceOr::Item(schema) => self.schema(schema, ctx, None),
        }
    }

    fn boxed_ref(&mut self, schema: &ReferenceOr<Box<Schema>>, ctx: &Ctx) -> Result<Ty> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, &|| ctx.pointer.clone()),
            ReferenceOr::Item(schema) => self.schema(schema, ctx, None),
        }
    }

    /// Origin and names of an inline type at `ctx`: its title, then owner + field.
    fn inline(&mut self, schema: &Schema, ctx: &Ctx) -> (Origin, Vec<String>) {
        let title = schema.schema_data.title.clone();
        let mut names = Vec::with_capacity(2);
        if let Some(title) = &title {
            names.push(names::type_name(title));
        }
        // Field names repeat a lot (`object`, `status`, `type`): spell each once.
        let suffix = match self.camel.get(&ctx.field) {
            Some(suffix) => suffix.clone(),
            None => {
                let suffix = names::type_name(&ctx.field);
                self.camel.insert(ctx.field.clone(), suffix.clone());
                suffix
            }
        };
        names.push(format!("{}{suffix}", ctx.base));
        (Origin::Inline { owner: ctx.owner, field: ctx.field.clone(), title, suffix }, names)
    }

    /// Converts one schema. `named` gives origin and names for a component's own type.
    fn schema(&mut self, schema: &Schema, ctx: &Ctx, named: Option<(Origin, Vec<String>)>) -> Result<Ty> {
        let named = |this: &mut Self| named.clone().unwrap_or_else(|| this.inline(schema, ctx));
        if let Some(values) = enum_values(schema) {
            let (origin, names) = named(self);
            return Ok(Ty::Named(self.enum_type(&values, schema, ctx, origin, names)));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(_)) => Ok(Ty::String),
            SchemaKind::Type(Type::Integer(_)) => Ok(Ty::Int),
            SchemaKind::Type(Type::Number(_)) => Ok(Ty::Float),
            SchemaKind::Type(Type::Boolean(_)) => Ok(Ty::Bool),
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), ctx),
            SchemaKind::Type(Type::Object(o)) => {
                let (origin, names) = named(self);
                self.object(schema, &o.properties, &o.required, o.additional_properties.as_ref(), ctx, origin, names)
            }
            SchemaKind::AnyOf { any_of: alternatives } | SchemaKind::OneOf { one_of: alternatives } => {
                let (origin, names) = named(self);
                self.alternatives(alternatives, schema, ctx, origin, names)
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.schema_ref(&all_of[0], &ctx.at(format!("{}/allOf/0", ctx.pointer)))
            }
            SchemaKind::AllOf { .. } | SchemaKind::Not { .. } => {
                self.warn(&ctx.pointer, "allOf/not is not supported; typed as serde_json::Value");
                Ok(Ty::Json)
            }
            SchemaKind::Any(a) => {
                if !a.any_of.is_empty() || !a.one_of.is_empty() {
                    let alternatives = if a.any_of.is_empty() { &a.one_of } else { &a.any_of };
                    let (origin, names) = named(self);
                    return self.alternatives(alternatives, schema, ctx, origin, names);
                }
                match a.typ.as_deref() {
                    _ if !a.properties.is_empty() || a.typ.as_deref() == Some("object") => {
                        let (origin, names) = named(self);
                        let additional = a.additional_properties.as_ref();
                        self.object(schema, &a.properties, &a.required, additional, ctx, origin, names)
                    }
                    Some("string") => Ok(Ty::String),
                    Some("integer") => Ok(Ty::Int),
                    Some("number") => Ok(Ty::Float),
                    Some("boolean") => Ok(Ty::Bool),
                    Some("array") => self.array(a.items.as_ref(), ctx),
                    _ => {
                        self.warn(&ctx.pointer, "schema without a type; typed as serde_json::Value");
                        Ok(Ty::Json)
                    }
                }
            }
        }
    }

    fn array(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, ctx: &Ctx) -> Result<Ty> {
        match items {
            Some(items) => Ok(Ty::List(Box::new(self.boxed_ref(items, &ctx.at(format!("{}/items", ctx.pointer)))?))),
            None => {
                self.warn(&ctx.pointer, "array without items; items typed as serde_json::Value");
                Ok(Ty::List(Box::new(Ty::Json)))
            }
        }
    }

    fn enum_type(&mut self, values: &[&str], schema: &Schema, ctx: &Ctx, origin: Origin, names: Vec<String>) -> TypeId {
        // Rust names of the values are spelled for the emitted enums only (see `select`).
        let mut seen = FastSet::default();
        let variants = values
            .iter()
            .filter(|v| seen.insert(**v))
            .map(|v| Variant { ident: Ident { wire: (*v).to_owned(), rust: String::new() }, doc: String::new() })
            .collect();
        let id = self.entry(ctx, TypeKind::Enum(variants), schema, origin, names);
        // Enums serve requests and responses alike.
        self.own_mut(id).request = false;
        id
    }
}

/// A field as converted; its Rust name and setter are spelled for emitted types only
/// (`name_fields`).
pub(super) fn field(wire: &str, doc: Option<String>, ty: Ty, required: bool, nullable: bool, in_path: bool) -> Field {
    let ident = Ident { wire: wire.to_owned(), rust: String::new() };
    Field { ident, setter: String::new(), doc: doc.unwrap_or_default(), ty, required, nullable, boxed: false, in_path }
}

#[cfg(test)]
mod tests;
