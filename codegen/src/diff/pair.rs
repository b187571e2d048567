//! Which old type and operation is which new one.

use std::collections::HashMap;

use crate::model::{Model, Ty, TypeId, TypeKind};

/// One-to-one pairings of the old model's types and operations with the new model's.
pub(super) struct Pairs {
    /// For each old type, its new counterpart.
    pub old_to_new: Vec<Option<TypeId>>,
    /// For each new type, its old counterpart.
    pub new_to_old: Vec<Option<TypeId>>,
    /// Pairs of operation indexes (old, new) with the same method and path, in the new order.
    pub operations: Vec<(usize, usize)>,
}

impl Pairs {
    /// Pairs operations by method and path (and with them their parameters types), then types by
    /// module path and Rust name (what user code names), then by JSON pointer (a type that moved),
    /// then by position: the types of the same field, list item or union alternative of paired
    /// types, and of paired operations' results (a type whose representative pointer changed when
    /// the generator merged it with a new identical shape).
    pub fn new(old: &Model, new: &Model) -> Pairs {
        let mut pairs = Pairs {
            old_to_new: vec![None; old.types.len()],
            new_to_old: vec![None; new.types.len()],
            operations: Vec::new(),
        };
        let old_ops: HashMap<(&str, &str), usize> =
            old.operations.iter().enumerate().map(|(i, o)| ((o.method.as_str(), o.path.as_str()), i)).collect();
        for (n, op) in new.operations.iter().enumerate() {
            if let Some(&o) = old_ops.get(&(op.method.as_str(), op.path.as_str())) {
                pairs.operations.push((o, n));
                pairs.link(old.operations[o].params, op.params);
            }
        }
        let by_path: HashMap<(String, &str), TypeId> = new
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| ((module_path(new, TypeId(i)), t.name.as_str()), TypeId(i)))
            .collect();
        for (o, def) in old.types.iter().enumerate() {
            if let Some(&n) = by_path.get(&(module_path(old, TypeId(o)), def.name.as_str())) {
                pairs.link(TypeId(o), n);
            }
        }
        let by_pointer: HashMap<&str, TypeId> =
            new.types.iter().enumerate().map(|(i, t)| (t.pointer.as_str(), TypeId(i))).collect();
        for (o, def) in old.types.iter().enumerate() {
            if let Some(&n) = by_pointer.get(def.pointer.as_str()) {
                pairs.link(TypeId(o), n);
            }
        }
        while pairs.by_position(old, new) {}
        pairs
    }

    /// One pass of pairing by position; whether it paired anything.
    fn by_position(&mut self, old: &Model, new: &Model) -> bool {
        let mut paired = false;
        for &(o, n) in &self.operations.clone() {
            paired |= self.link_ty(&old.operations[o].returns, &new.operations[n].returns);
        }
        for (o, def) in old.types.iter().enumerate() {
            let Some(n) = self.old_to_new[o] else { continue };
            match (&def.kind, &new.ty(n).kind) {
                (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                    for field in &a.fields {
                        if let Some(other) = b.fields.iter().find(|f| f.ident.wire == field.ident.wire) {
                            paired |= self.link_ty(&field.ty, &other.ty);
                        }
                    }
                }
                (TypeKind::Union(a), TypeKind::Union(b)) => {
                    for variant in a {
                        if let Some(other) = b.iter().find(|v| v.name == variant.name) {
                            paired |= self.link_ty(&variant.ty, &other.ty);
                        }
                    }
                }
                _ => {}
            }
        }
        paired
    }

    /// Pairs the named types at the same place of `old` and `new` when both are still unpaired.
    fn link_ty(&mut self, old: &Ty, new: &Ty) -> bool {
        match (old, new) {
            (Ty::Named(a), Ty::Named(b)) => {
                let free = self.old_to_new[a.0].is_none() && self.new_to_old[b.0].is_none();
                if free {
                    self.link(*a, *b);
                }
                free
            }
            _ => match same_wrapper(old, new) {
                Some((a, b)) => self.link_ty(a, b),
                None => false,
            },
        }
    }

    /// Pairs `old` with `new` unless either is paired already.
    fn link(&mut self, old: TypeId, new: TypeId) {
        if self.old_to_new[old.0].is_none() && self.new_to_old[new.0].is_none() {
            self.old_to_new[old.0] = Some(new);
            self.new_to_old[new.0] = Some(old);
        }
    }

    /// Whether `old` (in the old model) and `new` (in the new one) are the same Rust type: the same
    /// shape, with paired named types.
    pub fn same_ty(&self, old: &Ty, new: &Ty) -> bool {
        match (old, new) {
            (Ty::Named(a), Ty::Named(b)) => self.old_to_new[a.0] == Some(*b),
            _ => match same_wrapper(old, new) {
                Some((a, b)) => self.same_ty(a, b),
                None => old == new,
            },
        }
    }
}

/// What `old` and `new` hold, when both are the same kind of wrapper (both lists, both maps, …).
fn same_wrapper<'t>(old: &'t Ty, new: &'t Ty) -> Option<(&'t Ty, &'t Ty)> {
    let same_kind = std::mem::discriminant(old) == std::mem::discriminant(new);
    same_kind.then(|| old.inner().zip(new.inner())).flatten()
}

/// `billing_portal::session` for the module of `id`.
pub(super) fn module_path(model: &Model, id: TypeId) -> String {
    model.modules[model.ty(id).module.0].path.join("::")
}

/// `ty` as Rust spells it, with bare type names (`Option` and `Box` are added by the caller).
pub(super) fn rust_ty(model: &Model, ty: &Ty) -> String {
    spell(model, ty, false)
}

/// `ty` as Rust spells it, named types with their module path (`shared::TaxParam`).
pub(super) fn rust_path(model: &Model, ty: &Ty) -> String {
    spell(model, ty, true)
}

fn spell(model: &Model, ty: &Ty, paths: bool) -> String {
    match ty {
        Ty::Bool => "bool".into(),
        Ty::Int => "i64".into(),
        Ty::Float => "f64".into(),
        Ty::String => "String".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Named(id) if paths => format!("{}::{}", module_path(model, *id), model.ty(*id).name),
        Ty::Named(id) => model.ty(*id).name.clone(),
        Ty::List(inner) => format!("Vec<{}>", spell(model, inner, paths)),
        Ty::Map(inner) => format!("HashMap<String, {}>", spell(model, inner, paths)),
        Ty::StripeList(inner) => format!("List<{}>", spell(model, inner, paths)),
        Ty::SearchResult(inner) => format!("SearchResult<{}>", spell(model, inner, paths)),
        Ty::Expandable(inner) => format!("Expandable<{}>", spell(model, inner, paths)),
        Ty::Unsettable(inner) => format!("Unsettable<{}>", spell(model, inner, paths)),
    }
}
