//! Naming: every type's Rust name, unique in its module, decided over the whole spec.
//!
//! Each type brings candidate names derived from its own place (see `convert`): a component's
//! key, an operation's verb + object, a title, owner + field. Each takes its first candidate,
//! except where several types of one module want the same name: then the one with the strongest
//! claim keeps it (spec keys and operations before titles before owner + field), and if no one
//! claim is strongest, none keeps it and all move to their next candidate. Nothing here depends on
//! the order in which types were converted, and no name ever gets a number.
//! Names that would shadow what generated code uses from the prelude are never taken.

use crate::fast_hash::{FastMap, FastSet};

use super::homes::Homes;
use super::registry::{Origin, Registry};
use super::{Field, Ty, TypeId, TypeKind, Variant};
use crate::error::{Error, Result};
use crate::names::{self, Ident};

/// Names generated code uses unqualified, which no generated type may take.
pub(super) const PRELUDE: &[&str] =
    &["Box", "Err", "HashMap", "None", "Ok", "Option", "Result", "Some", "String", "Vec"];

/// The name of every live entry (`live[i]`), or an error naming the places that cannot be
/// told apart. Owners are named before what is written in them (level by level), so an inline
/// type's name starts with its owner's final name.
pub(super) fn assign(
    registry: &Registry,
    homes: &Homes,
    live: &[bool],
    representative: &[TypeId],
    file: &str,
) -> Result<Vec<String>> {
    let entries = &registry.entries;
    let owner = |i: usize| match entries[i].origin {
        Origin::Inline { owner: Some(owner), .. } => Some(representative[owner.0].0),
        _ => None,
    };
    let mut level: Vec<usize> = vec![usize::MAX; entries.len()];
    for i in (0..entries.len()).filter(|&i| live[i]) {
        // Walk up to a known level (owners of live inline types are live and come later).
        let mut chain = vec![i];
        while let Some(o) =
            owner(*chain.last().expect("not empty")).filter(|&o| level[o] == usize::MAX && !chain.contains(&o))
        {
            chain.push(o);
        }
        for &c in chain.iter().rev() {
            level[c] = owner(c).filter(|&o| level[o] != usize::MAX).map_or(0, |o| level[o] + 1);
        }
    }
    let mut names: Vec<String> = vec![String::new(); entries.len()];
    // The names taken so far, per module (looked up without building a key).
    let mut taken: Vec<FastSet<String>> = vec![FastSet::default(); homes.modules.len()];
    // Every level's members in one pass, each in entry order.
    let depth = level.iter().filter(|&&l| l != usize::MAX).max().map_or(0, |&l| l + 1);
    let mut levels: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (i, &l) in level.iter().enumerate().filter(|(_, &l)| l != usize::MAX) {
        levels[l].push(i);
    }
    for members in levels {
        let candidates: Vec<Vec<String>> = members
            .iter()
            .map(|&i| {
                let mut names_i = entries[i].names.clone();
                if let Origin::Inline { suffix, .. } = &entries[i].origin {
                    let place = names_i.last_mut().expect("inline types have a place name");
                    if let Some(o) = owner(i) {
                        *place = format!("{}{suffix}", names[o]);
                    }
                    // Where owner + field is taken (often by a component of that very name), the
                    // type's kind follows: `…UsBankAccountUnion`.
                    let kind = match entries[i].kind {
                        TypeKind::Struct(_) => "Object",
                        TypeKind::Enum(_) | TypeKind::Objects(_) => "Enum",
                        TypeKind::Union(_) => "Union",
                    };
                    let with_kind = format!("{place}{kind}");
                    names_i.push(with_kind);
                }
                names_i
            })
            .collect();
        let chosen = settle(&members, candidates, registry, homes, &taken, file)?;
        for (&i, name) in members.iter().zip(chosen) {
            taken[homes.entry[i]].insert(name.clone());
            names[i] = name;
        }
    }
    Ok(names)
}

/// Gives each of `members` one of its `candidates`, by the rule in the module docs.
fn settle(
    members: &[usize],
    mut candidates: Vec<Vec<String>>,
    registry: &Registry,
    homes: &Homes,
    taken: &[FastSet<String>],
    file: &str,
) -> Result<Vec<String>> {
    let entries = &registry.entries;
    let mut choice: Vec<usize> = vec![0; members.len()];
    loop {
        let mut wanted: FastMap<(usize, &str), Vec<usize>> = FastMap::default();
        for (k, &i) in members.iter().enumerate() {
            wanted.entry((homes.entry[i], candidates[k][choice[k]].as_str())).or_default().push(k);
        }
        let mut moved = false;
        // Of the members left without a name this round, the first in `members` is reported, so
        // the error does not depend on the map's order.
        let mut unnamed: Option<(usize, Error)> = None;
        for ((module, name), holders) in wanted {
            let unavailable = PRELUDE.contains(&name) || taken[module].contains(name);
            let losers: Vec<usize> = if unavailable {
                holders
            } else if holders.len() == 1 {
                continue;
            } else {
                let rank = |k: usize| entries[members[k]].rank();
                let strongest = holders.iter().map(|&k| rank(k)).min().expect("not empty");
                let claims = holders.iter().filter(|&&k| rank(k) == strongest).count();
                holders.into_iter().filter(|&k| claims > 1 || rank(k) != strongest).collect()
            };
            for &k in &losers {
                choice[k] += 1;
                if choice[k] == candidates[k].len() {
                    let others: Vec<&str> =
                        losers.iter().filter(|&&j| j != k).map(|&j| entries[members[j]].pointer.as_str()).collect();
                    let why = match others.is_empty() {
                        _ if PRELUDE.contains(&name) => format!("`{name}` would shadow the prelude's"),
                        true => format!("`{name}` is also wanted by a type named before it"),
                        false => format!("`{name}` is also wanted by {}", others.join(", ")),
                    };
                    if unnamed.as_ref().is_none_or(|(first, _)| k < *first) {
                        let module = homes.modules[module].join("::");
                        let message = format!("no name left for this type in module `{module}`: {why}");
                        unnamed = Some((k, Error::at(file, &entries[members[k]].pointer, message)));
                    }
                }
                moved = true;
            }
        }
        if let Some((_, error)) = unnamed {
            return Err(error);
        }
        if !moved {
            return Ok(candidates.iter_mut().zip(choice).map(|(c, chosen)| std::mem::take(&mut c[chosen])).collect());
        }
    }
}

/// Names of a union's variants: the alternative's type name (`Account`), or its kind for
/// other types (`String`, `List`); where two would be the same, the type's module is prefixed
/// (`CheckoutSession`) or the kind is followed by its item type (`ListString`).
pub(super) fn union_variant_names(
    variants: &[Ty],
    type_names: &[String],
    homes: &Homes,
    file: &str,
    pointer: &str,
) -> Result<Vec<String>> {
    let candidates: Vec<[String; 2]> = variants
        .iter()
        .map(|ty| {
            let first = kind_word(ty, type_names);
            let second = match ty {
                Ty::Named(id) => {
                    let module: String = homes.modules[homes.entry[id.0]].iter().map(|s| names::type_name(s)).collect();
                    format!("{module}{first}")
                }
                _ => match ty.inner() {
                    Some(inner) => format!("{first}{}", kind_word(inner, type_names)),
                    None => first.clone(),
                },
            };
            [first, second]
        })
        .collect();
    let count = |name: &str, level: usize| candidates.iter().filter(|c| c[level] == name).count();
    let mut out = Vec::with_capacity(variants.len());
    for c in &candidates {
        let name = if count(&c[0], 0) == 1 {
            c[0].clone()
        } else if count(&c[1], 1) == 1 {
            c[1].clone()
        } else {
            return Err(Error::at(file, pointer, format!("two alternatives of this union are both `{}`", c[1])));
        };
        out.push(name);
    }
    Ok(out)
}

fn kind_word(ty: &Ty, type_names: &[String]) -> String {
    match ty {
        Ty::Named(id) => type_names[id.0].clone(),
        Ty::Bool => "Boolean".into(),
        Ty::Int => "Integer".into(),
        Ty::Float => "Number".into(),
        Ty::String => "String".into(),
        Ty::Json => "Value".into(),
        Ty::List(_) | Ty::StripeList(_) => "List".into(),
        Ty::SearchResult(_) => "SearchResult".into(),
        Ty::Map(_) => "Map".into(),
        Ty::Expandable(_) => "Expandable".into(),
        Ty::Unsettable(_) => "Unsettable".into(),
    }
}

/// Spells the Rust names of a struct's fields: each field's snake_case name, or where two
/// would be the same (`type` and `Type`), the wire name spelled out; the setter is the field's
/// name, or `with_<name>` where that would clash with `new`, `send` or `send_with`.
pub(super) fn name_fields(fields: &mut [Field]) {
    let plain: Vec<String> = fields.iter().map(|f| names::field_name(&f.ident.wire)).collect();
    let mut rust: Vec<String> = (0..fields.len())
        .map(|i| {
            let clash = plain.iter().filter(|p| **p == plain[i]).count() > 1;
            if clash {
                names::field_name(&names::spelled_type_name(&fields[i].ident.wire))
            } else {
                plain[i].clone()
            }
        })
        .collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.ident.wire.as_str()).collect();
    distinct(&mut rust, &wires, None, names::field_name);
    for (field, rust) in fields.iter_mut().zip(rust) {
        field.ident.rust = rust;
        field.setter = match field.ident.bare() {
            bare @ ("new" | "send" | "send_with") => format!("with_{bare}"),
            _ => field.ident.rust.clone(),
        };
    }
}

/// Enum variants: each value's UpperCamel name; values whose names collide (`Etc/GMT+1`,
/// `Etc/GMT-1`) are spelled out instead (`EtcSlashGmtPlus1`); the value `unknown` is `Unknown_`,
/// since `Unknown` holds the values the crate does not know.
pub(super) fn variants<'v>(values: impl IntoIterator<Item = &'v str>) -> Vec<Variant> {
    let values: Vec<&str> = values.into_iter().collect();
    let plain: Vec<String> = values.iter().map(|v| names::type_name(v)).collect();
    let mut count: FastMap<&str, usize> = FastMap::default();
    for name in &plain {
        *count.entry(name).or_default() += 1;
    }
    let mut seen = FastSet::default();
    let (values, mut rust): (Vec<&str>, Vec<String>) = values
        .iter()
        .zip(&plain)
        .filter(|(value, _)| seen.insert(**value))
        .map(|(value, name)| {
            let rust = if count[name.as_str()] > 1 {
                names::spelled_type_name(value)
            } else if name == "Unknown" {
                "Unknown_".to_owned()
            } else {
                name.clone()
            };
            (*value, rust)
        })
        .unzip();
    distinct(&mut rust, &values, Some("Unknown"), names::type_name);
    values
        .iter()
        .zip(rust)
        .map(|(value, rust)| Variant { ident: Ident { wire: (*value).to_owned(), rust }, doc: format!("`{value}`") })
        .collect()
}

/// The last resort for names that are still the same once spelled out (`x²` and `x³` both spell
/// `XChar`; `a_b` and `A_B` both `AUnderscoreB`), or are `reserved`: each such name is followed by
/// `x` and its wire name's bytes in hex (`AUnderscoreBX615f62`), which no two wire names share.
fn distinct(names: &mut [String], wires: &[&str], reserved: Option<&str>, spell: fn(&str) -> String) {
    let mut count: FastMap<String, usize> = FastMap::default();
    for name in names.iter() {
        *count.entry(name.clone()).or_default() += 1;
    }
    for (name, wire) in names.iter_mut().zip(wires) {
        if count[name.as_str()] > 1 || Some(name.as_str()) == reserved {
            let hex: String = wire.bytes().map(|b| format!("{b:02x}")).collect();
            *name = spell(&format!("{} x{hex}", names::bare(name)));
        }
    }
}
