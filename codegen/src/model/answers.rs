//! What the model says about answers: which types are Stripe objects (an id to expand and page
//! by), how an operation's pages are walked, and which types are decoded on their own.

use super::{Model, Operation, Ty, TypeDef, TypeId, TypeKind};

/// How a page of results leads to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// A list, by the last item's id (`starting_after` / `ending_before`).
    List,
    /// A search, by the page's `next_page` token.
    Search,
}

impl Model {
    /// Whether a type implements `stripe_runtime::Object` (it has an id to expand and page by): a
    /// response struct with a string `id` (an absent optional one reads as `""`), or a union of
    /// such structs.
    pub fn is_object(&self, id: TypeId) -> bool {
        let def = self.ty(id);
        let struct_with_id =
            |ty: &Ty| matches!(ty, Ty::Named(id) if matches!(&self.ty(*id).kind, TypeKind::Struct(s) if s.has_id()));
        def.in_response
            && match &def.kind {
                TypeKind::Struct(s) => s.has_id(),
                TypeKind::Union(variants) => variants.iter().all(|v| struct_with_id(&v.ty)),
                TypeKind::Enum(_) | TypeKind::Objects(_) => false,
            }
    }

    /// How to walk the pages `operation` answers with, and their item type: a list whose items
    /// have ids to page by, or a search result. `None` for any other answer.
    pub fn pages<'m>(&self, operation: &'m Operation) -> Option<(Walk, &'m Ty)> {
        match &operation.returns {
            Ty::StripeList(item) => {
                matches!(**item, Ty::Named(id) if self.is_object(id)).then_some((Walk::List, &**item))
            }
            Ty::SearchResult(item) => Some((Walk::Search, &**item)),
            _ => None,
        }
    }
}

/// Marks [`TypeDef::decoded_alone`]: the named type each operation answers with, or the items of
/// the list or search it answers with, and `event`.
pub(super) fn mark_decoded_alone(types: &mut [TypeDef], operations: &[Operation], event: Option<TypeId>) {
    let answers = operations.iter().map(|o| match &o.returns {
        Ty::StripeList(item) | Ty::SearchResult(item) => &**item,
        other => other,
    });
    for ty in answers {
        if let Ty::Named(id) = ty {
            types[id.0].decoded_alone = true;
        }
    }
    if let Some(event) = event {
        types[event.0].decoded_alone = true;
    }
}
