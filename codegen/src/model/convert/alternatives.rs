//! Unions (`anyOf`/`oneOf`): an expandable field, a parameter that can be unset, or one type of
//! several told apart by shape.

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::inspect::{enum_values, is_empty_string_enum};
use super::{Converter, Ctx};
use crate::error::{Error, Result};
use crate::model::registry::Origin;
use crate::model::{Ty, TypeKind, UnionVariant};
use crate::names;

impl Converter<'_> {
    pub(super) fn alternatives(
        &mut self,
        alternatives: &[ReferenceOr<Schema>],
        schema: &Schema,
        ctx: &Ctx,
        origin: Origin,
        names: Vec<String>,
    ) -> Result<Ty> {
        let emptyable = alternatives.iter().any(is_empty_string_enum);
        let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
        let expandable = schema.schema_data.extensions.contains_key("x-expansionResources");
        let mut tys = Vec::new();
        let first_child = self.next_id();
        let kept =
            |a: &ReferenceOr<Schema>| !(is_empty_string_enum(a) || expandable && matches!(a, ReferenceOr::Item(_)));
        let alone = alternatives.iter().filter(|a| kept(a)).count() == 1;
        for (i, alternative) in alternatives.iter().enumerate() {
            if !kept(alternative) {
                continue;
            }
            let alt_ctx = ctx.at(format!("{}/{keyword}/{i}", ctx.pointer));
            let ty = match alternative {
                ReferenceOr::Reference { reference } => self.reference(reference, &|| alt_ctx.pointer.clone())?,
                // The only alternative is the field's type; one of several is named after the
                // union and what sets it apart.
                ReferenceOr::Item(alt) if alone => self.schema(alt, &alt_ctx, None)?,
                ReferenceOr::Item(alt) => {
                    let (mut origin, mut alt_names) = self.inline(alt, ctx);
                    let suffix = alternative_suffix(alt);
                    let last = alt_names.len() - 1;
                    alt_names[last] = format!("{}{suffix}", names[names.len() - 1]);
                    if let Origin::Inline { suffix: own, .. } = &mut origin {
                        own.push_str(&suffix);
                    }
                    self.schema(alt, &alt_ctx, Some((origin, alt_names)))?
                }
            };
            if !tys.contains(&ty) {
                tys.push(ty);
            }
        }
        let inner = match tys.len() {
            0 if expandable => {
                return Err(Error::at(self.file, &ctx.pointer, "x-expansionResources without an object alternative"))
            }
            0 => Ty::String,
            1 => tys.remove(0),
            _ => {
                let variants = tys.into_iter().map(|ty| UnionVariant {
                    name: String::new(),
                    doc: String::new(),
                    ty,
                    boxed: false,
                });
                let id = self.entry(ctx, TypeKind::Union(variants.collect()), schema, origin, names);
                self.set_owner(first_child, id);
                Ty::Named(id)
            }
        };
        let inner = if expandable { Ty::Expandable(Box::new(inner)) } else { inner };
        Ok(if emptyable && ctx.request { Ty::Unsettable(Box::new(inner)) } else { inner })
    }
}

/// What names an inline alternative of a union beside the union's own name: the value of a
/// one-value enum (`trial_end: "now" | integer` → `…Now`), else its kind.
fn alternative_suffix(schema: &Schema) -> String {
    match enum_values(schema) {
        Some(values) if values.len() == 1 => names::type_name(values[0]),
        Some(_) => "Values".to_owned(),
        None => "Object".to_owned(),
    }
}
