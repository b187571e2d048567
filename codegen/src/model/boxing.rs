//! Boxes exactly the fields through which a type contains itself (a general rule, no list).
//!
//! A type contains another *directly* through a plain field, an `Option`, an `Unsettable` or a
//! union variant; `Vec`, `HashMap`, Stripe lists and `Expandable` (which boxes its object) already
//! hold their values on the heap. A field `A.f: B` closes a cycle exactly when B reaches A again,
//! that is when A and B are in the same strongly connected component of the direct-containment
//! graph (or B is A). Components come from Tarjan's algorithm, linear in types plus fields.
//!
//! Union variants that hold an object are boxed as well: a union is as large as its largest
//! variant, and Stripe's unions put small objects beside very large ones (`deleted_customer`
//! beside `customer`).

use super::{Ty, TypeDef, TypeId, TypeKind};

fn direct(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Unsettable(inner) => direct(inner, out),
        Ty::List(_) | Ty::Map(_) | Ty::StripeList(_) | Ty::SearchResult(_) | Ty::Expandable(_) => {}
        Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json => {}
    }
}

fn edges(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| direct(&f.ty, &mut out)),
        TypeKind::Union(vs) => vs.iter().for_each(|v| direct(&v.ty, &mut out)),
        // Objects are always boxed.
        TypeKind::Enum(_) | TypeKind::Objects(_) => {}
    }
    out
}

/// The strongly connected component of every node (iterative Tarjan).
fn components(graph: &[Vec<TypeId>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = graph.len();
    let (mut index, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // Each frame: node and the position of the next edge to look at.
        let mut frames = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if let Some(&TypeId(next)) = graph[node].get(*edge) {
                *edge += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Sets `boxed` on every field and union variant that closes a cycle of direct containment, and
/// on every union variant that holds an object.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let graph: Vec<Vec<TypeId>> = types.iter().map(edges).collect();
    let component = components(&graph);
    let is_struct: Vec<bool> = types.iter().map(|t| matches!(t.kind, TypeKind::Struct(_))).collect();
    for (owner, def) in types.iter_mut().enumerate() {
        let closes_cycle = |ty: &Ty| {
            let mut targets = Vec::new();
            direct(ty, &mut targets);
            targets.into_iter().any(|t| component[t.0] == component[owner])
        };
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = closes_cycle(&f.ty)),
            TypeKind::Union(vs) => vs
                .iter_mut()
                .for_each(|v| v.boxed = closes_cycle(&v.ty) || matches!(v.ty, Ty::Named(id) if is_struct[id.0])),
            TypeKind::Enum(_) | TypeKind::Objects(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 0 is not part of it; 4 -> 4 is a self loop.
        let graph = vec![vec![TypeId(1)], vec![TypeId(2)], vec![TypeId(0)], vec![TypeId(0)], vec![TypeId(4)]];
        let c = components(&graph);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[4], c[3]);
    }
}
