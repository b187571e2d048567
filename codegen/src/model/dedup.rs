//! Dedup: identical inline shapes become one type, by a rule that never looks at the selection.
//!
//! Two inline types are one when they have the same deep shape (fields, values, variants, and
//! the shapes of the inline types they contain) and either
//! - the same `title` (Stripe's name for a parameter object: `range_query_specs` is one type
//!   wherever it appears), or
//! - no title, the same field name, and the same module (`Session.locale` and the `locale`
//!   parameter of `CreateSession` are one enum).
//!
//! The type keeps the first place in spec order (components before paths). A titled type used
//! from several modules lives in `shared`; an untitled type follows the type it is written in.
//! A titled type that serves several fields but cannot keep its title (Stripe gives one title to
//! many shapes) would be named after the first of those fields only: it is split into one type
//! per field ([`split_by_field`]), so that no type is named after a field it does not serve.

use crate::fast_hash::FastMap;
use std::fmt::Write;

use super::homes::Homes;
use super::registry::{renumber, renumber_kind, Origin, Registry};
use super::{Ty, TypeId, TypeKind};

/// What dedup decided: the type each entry became, and the module of each type.
pub(super) struct Merged {
    /// For each entry, the entry that stands for it (itself when it was not merged).
    pub representative: Vec<TypeId>,
    /// The deep shape of each inline entry (`u32::MAX` for components and parameters).
    shape_of: Vec<u32>,
    /// The module of each entry as `homes` first assigned it (from the modules that use it).
    own_home: Vec<usize>,
}

/// Merges inline types that got the same name and the same deep shape in different modules
/// (`SearchResultObject`, the `object` of every search result): one type, in `shared`.
/// Returns whether anything moved, in which case names must be decided again.
pub(super) fn merge_same_names(
    registry: &mut Registry,
    homes: &mut Homes,
    merged: &mut Merged,
    names: &[String],
    live: &[bool],
) -> bool {
    let mut groups: FastMap<(&str, u32), Vec<usize>> = FastMap::default();
    for i in (0..names.len()).filter(|&i| live[i] && merged.shape_of[i] != u32::MAX) {
        groups.entry((names[i].as_str(), merged.shape_of[i])).or_default().push(i);
    }
    let shared = homes.shared();
    let mut moved = false;
    let spread: Vec<&Vec<usize>> =
        groups.values().filter(|m| m.iter().any(|&i| homes.entry[i] != homes.entry[m[0]])).collect();
    for members in spread {
        let first = *members.iter().min().expect("not empty");
        for (i, r) in merged.representative.iter_mut().enumerate() {
            if members.contains(&r.0) || members.contains(&i) {
                *r = TypeId(first);
            }
        }
        homes.entry[first] = shared;
        moved = true;
    }
    if moved {
        registry.renumber_types(&|id: TypeId| merged.representative[id.0]);
    }
    moved
}

/// Merges identical inline types in `registry` and moves homes where a merge demands it.
pub(super) fn dedup(registry: &mut Registry, homes: &mut Homes) -> Merged {
    let n = registry.entries.len();
    let own_home = homes.entry.clone();
    let mut shapes: FastMap<String, u32> = FastMap::default();
    let mut shape_of: Vec<u32> = vec![u32::MAX; n];
    let mut representative: Vec<TypeId> = (0..n).map(TypeId).collect();
    let mut titled: FastMap<(&str, u32), Vec<usize>> = FastMap::default();
    let mut signature = String::new();
    for i in 0..n {
        let entry = &registry.entries[i];
        let Origin::Inline { title, .. } = &entry.origin else { continue };
        signature.clear();
        shape(&entry.kind, entry.request, &shape_of, &mut signature);
        let next = shapes.len() as u32;
        shape_of[i] = *shapes.entry(signature.clone()).or_insert(next);
        if let Some(title) = title {
            titled.entry((title.as_str(), shape_of[i])).or_default().push(i);
        }
    }
    // A titled type used from several modules moves to `shared`.
    let shared = homes.shared();
    for members in titled.values() {
        for &m in members {
            representative[m] = TypeId(members[0]);
        }
        if members.iter().any(|&m| homes.entry[m] != homes.entry[members[0]]) {
            homes.entry[members[0]] = shared;
        }
    }
    // An untitled type lives where the type it is written in lives (owners come after what they
    // contain, so walking backwards meets every owner first); identical ones in a module merge.
    let mut untitled: FastMap<(usize, &str, u32), Vec<usize>> = FastMap::default();
    for i in (0..n).rev() {
        let Origin::Inline { owner, field, title: None, .. } = &registry.entries[i].origin else { continue };
        if let Some(owner) = owner {
            homes.entry[i] = homes.entry[representative[owner.0].0];
        }
        untitled.entry((homes.entry[i], field.as_str(), shape_of[i])).or_default().push(i);
    }
    for members in untitled.values() {
        let first = *members.iter().min().expect("not empty");
        for &m in members {
            representative[m] = TypeId(first);
        }
    }
    registry.renumber_types(&|id: TypeId| representative[id.0]);
    Merged { representative, shape_of, own_home }
}

/// Splits every live titled type that did not keep its title and stands for fields of several
/// names into one type per field name: each part keeps the first of its entries in spec order, and
/// lives in the one module its entries were used from, else in `shared`. Returns whether anything
/// was split, in which case names must be decided again.
pub(super) fn split_by_field(
    registry: &mut Registry,
    homes: &mut Homes,
    merged: &mut Merged,
    names: &[String],
    live: &[bool],
) -> bool {
    let entries = &registry.entries;
    let representative = &mut merged.representative;
    let field_of = |i: usize| match &entries[i].origin {
        Origin::Inline { field, .. } => field.as_str(),
        _ => "",
    };
    // The entries each such type stands for whose owners are types themselves, by field.
    let mut groups: FastMap<usize, FastMap<&str, Vec<usize>>> = FastMap::default();
    for (m, entry) in entries.iter().enumerate() {
        let Origin::Inline { owner: Some(owner), title: Some(_), field, .. } = &entry.origin else { continue };
        let r = representative[m].0;
        if !live[r] || representative[owner.0] != *owner || !live[owner.0] {
            continue;
        }
        let mut title = entries[r].names[0].clone();
        super::naming::unreserve(&mut title);
        if names[r] == title {
            continue;
        }
        groups.entry(r).or_default().entry(field.as_str()).or_default().push(m);
    }
    // The type each (type, field) part keeps: the split type itself for its own field, else the
    // part's first entry in spec order.
    let mut parts: FastMap<(usize, &str), usize> = FastMap::default();
    let mut redirects: Vec<(TypeId, String, TypeId, TypeId)> = Vec::new();
    let shared = homes.shared();
    for (r, by_field) in groups.into_iter().filter(|(_, by_field)| by_field.len() > 1) {
        for (field, members) in by_field {
            let part = if field == field_of(r) { r } else { *members.iter().min().expect("not empty") };
            let home = merged.own_home[members[0]];
            homes.entry[part] = if members.iter().all(|&m| merged.own_home[m] == home) { home } else { shared };
            for &m in &members {
                let Origin::Inline { owner: Some(owner), .. } = entries[m].origin else { unreachable!("grouped") };
                redirects.push((owner, field.to_owned(), TypeId(r), TypeId(part)));
            }
            parts.insert((r, field), part);
        }
    }
    for (x, rep) in representative.iter_mut().enumerate() {
        if let Some(&part) = parts.get(&(rep.0, field_of(x))) {
            *rep = TypeId(part);
        }
    }
    for (owner, field, from, to) in &redirects {
        let map = |id: TypeId| if id == *from { *to } else { id };
        match &mut registry.entries[owner.0].kind {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().filter(|f| f.ident.wire == *field).for_each(|f| renumber(&mut f.ty, &map));
            }
            kind => renumber_kind(kind, &map),
        }
    }
    !redirects.is_empty()
}

/// Writes the deep shape of a kind: inline types it mentions by their shape, others by id.
fn shape(kind: &TypeKind, request: bool, shape_of: &[u32], out: &mut String) {
    match kind {
        TypeKind::Struct(s) => {
            out.push_str(if request { "S+" } else { "S-" });
            for f in &s.fields {
                let _ = write!(out, "{}:{}{}{}:", f.ident.wire, f.required as u8, f.nullable as u8, f.in_path as u8);
                ty_shape(&f.ty, shape_of, out);
                out.push(',');
            }
        }
        TypeKind::Enum(variants) => {
            out.push('E');
            for v in variants {
                out.push_str(&v.ident.wire);
                out.push('\0');
            }
        }
        TypeKind::Objects(variants) => {
            out.push('O');
            for v in variants {
                out.push_str(&v.ident.wire);
                out.push('=');
                ty_shape(&v.ty, shape_of, out);
                out.push(',');
            }
        }
        TypeKind::Union(variants) => {
            out.push_str(if request { "U+" } else { "U-" });
            for v in variants {
                ty_shape(&v.ty, shape_of, out);
                out.push(',');
            }
        }
    }
}

fn wrapped(tag: &str, inner: &Ty, shape_of: &[u32], out: &mut String) -> std::fmt::Result {
    out.push_str(tag);
    ty_shape(inner, shape_of, out);
    out.write_str(")")
}

fn ty_shape(ty: &Ty, shape_of: &[u32], out: &mut String) {
    let _ = match ty {
        Ty::Bool => out.write_str("b"),
        Ty::Int => out.write_str("i"),
        Ty::Float => out.write_str("f"),
        Ty::String => out.write_str("s"),
        Ty::Json => out.write_str("j"),
        Ty::Named(id) if shape_of[id.0] != u32::MAX => write!(out, "#{}", shape_of[id.0]),
        Ty::Named(id) => write!(out, "@{}", id.0),
        Ty::List(inner) => wrapped("L(", inner, shape_of, out),
        Ty::Map(inner) => wrapped("M(", inner, shape_of, out),
        Ty::StripeList(inner) => wrapped("P(", inner, shape_of, out),
        Ty::SearchResult(inner) => wrapped("R(", inner, shape_of, out),
        Ty::Expandable(inner) => wrapped("X(", inner, shape_of, out),
        Ty::Unsettable(inner) => wrapped("O(", inner, shape_of, out),
    };
}
