//! Boxes exactly the fields through which a type contains itself (a general rule, no list).
//!
//! A type contains another *directly* through a plain field, an `Option`, an `Unsettable` or a
//! union variant; `Vec`, `HashMap`, Stripe lists and `Expandable` (which boxes its object) already
//! hold their values on the heap. A field is boxed when its type directly reaches its owner again.

use super::{Ty, TypeDef, TypeId, TypeKind};

fn direct(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Unsettable(inner) => direct(inner, out),
        Ty::List(_) | Ty::Map(_) | Ty::StripeList(_) | Ty::Expandable(_) => {}
        Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json => {}
    }
}

fn edges(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| direct(&f.ty, &mut out)),
        TypeKind::Union(vs) => vs.iter().for_each(|v| direct(&v.ty, &mut out)),
        TypeKind::Enum(_) => {}
    }
    out
}

fn reaches(from: TypeId, to: TypeId, graph: &[Vec<TypeId>]) -> bool {
    let mut seen = vec![false; graph.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !std::mem::replace(&mut seen[id.0], true) {
            stack.extend(&graph[id.0]);
        }
    }
    false
}

/// Sets `boxed` on every field and union variant that closes a cycle of direct containment.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let graph: Vec<Vec<TypeId>> = types.iter().map(edges).collect();
    for (owner, def) in types.iter_mut().enumerate() {
        let owner = TypeId(owner);
        let closes_cycle = |ty: &Ty| {
            let mut targets = Vec::new();
            direct(ty, &mut targets);
            targets.into_iter().any(|t| reaches(t, owner, &graph))
        };
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = closes_cycle(&f.ty)),
            TypeKind::Union(vs) => vs.iter_mut().for_each(|v| v.boxed = closes_cycle(&v.ty)),
            TypeKind::Enum(_) => {}
        }
    }
}
