//! Objects: a component's or an inline schema's properties become fields; a page of results
//! (`list`, `search_result`) becomes the runtime's page type of its items.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::inspect::{is_search_result, is_stripe_list, scalar, Properties};
use super::{escape_pointer, field, Converter, Ctx};
use crate::error::Result;
use crate::model::registry::Origin;
use crate::model::{Field, Struct, Ty, TypeId, TypeKind};

impl Converter<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn object(
        &mut self,
        schema: &Schema,
        properties: &Properties,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        ctx: &Ctx,
        origin: Origin,
        names: Vec<String>,
    ) -> Result<Ty> {
        if properties.is_empty() {
            return match additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value_ctx = ctx.at(format!("{}/additionalProperties", ctx.pointer));
                    Ok(Ty::Map(Box::new(self.schema_ref(value, &value_ctx)?)))
                }
                _ => Ok(Ty::Map(Box::new(Ty::Json))),
            };
        }
        let page = if is_stripe_list(schema) {
            Some(Ty::StripeList as fn(Box<Ty>) -> Ty)
        } else if is_search_result(schema) {
            Some(Ty::SearchResult as fn(Box<Ty>) -> Ty)
        } else {
            None
        };
        if let Some(page) = page {
            let data_ctx = ctx.at(format!("{}/properties/data", ctx.pointer));
            return match self.boxed_ref(&properties["data"], &data_ctx)? {
                Ty::List(item) => Ok(page(item)),
                _ => unreachable!("page_object checked data is an array"),
            };
        }
        // Fields first, so an inline type's children have smaller ids than it (dedup relies on it).
        let inner = Ctx { owner: None, base: names[0].clone(), field: String::new(), ..ctx.clone() };
        let first_child = self.next_id();
        let fields = self.fields(properties, required, &inner)?;
        let id = self.entry(ctx, TypeKind::Struct(Struct { fields }), schema, origin, names);
        self.set_owner(first_child, id);
        Ok(Ty::Named(id))
    }

    /// Points the inline types written inside `id` (converted from `first_child` on, and not yet
    /// claimed by a nearer owner) at it.
    pub(super) fn set_owner(&mut self, first_child: usize, id: TypeId) {
        let before = self.before.len();
        let (children, rest) = self.registry.entries.split_at_mut(id.0 - before);
        let pointer = &rest[0].pointer;
        for entry in &mut children[first_child - before..] {
            if let Origin::Inline { owner: owner @ None, .. } = &mut entry.origin {
                if entry.pointer.starts_with(pointer.as_str()) {
                    *owner = Some(id);
                }
            }
        }
    }

    pub(super) fn fields(&mut self, props: &Properties, required: &[String], ctx: &Ctx) -> Result<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::with_capacity(props.len());
        for (wire, prop) in props {
            let pointer = || format!("{}/properties/{}", ctx.pointer, escape_pointer(wire));
            let (ty, doc, nullable) = match prop {
                ReferenceOr::Reference { reference } => (self.reference(reference, &pointer)?, None, false),
                ReferenceOr::Item(schema) => {
                    // Most fields are plain scalars: no context to build for them.
                    let ty = match scalar(schema) {
                        Some(ty) => ty,
                        None => {
                            let field_ctx = Ctx { field: wire.clone(), pointer: pointer(), ..ctx.clone() };
                            self.schema(schema, &field_ctx, None)?
                        }
                    };
                    (ty, schema.schema_data.description.clone(), schema.schema_data.nullable)
                }
            };
            fields.push(field(wire, doc, ty, required.contains(wire), nullable, false));
        }
        Ok(fields)
    }
}
