//! Naming: every type's Rust name, unique in its module, decided over the whole spec.
//!
//! Each type brings a chain of candidate names derived from its own place (see `convert`): a
//! component's key, an operation's verb + object, a title, owner + field, owner + field + kind,
//! and last a name unique by construction (a component's key, an operation's `operationId`, an
//! inline type's JSON pointer). Each takes its first candidate, except where several types of one
//! module want the same name: a type's last candidate is the strongest claim there is (no other
//! type may take it, so no chain ever runs out); otherwise spec keys and operations come before
//! titles before owner + field, and if no one claim is strongest, none keeps the name and all move
//! to their next candidate. Nothing here depends on the order in which types were converted, and
//! no name ever gets a number. A reserved type name (`names::reserved`) is followed by `_`.

use crate::fast_hash::{FastMap, FastSet};

use super::homes::Homes;
use super::registry::{Origin, Registry};
use super::{Field, Ty, TypeId, TypeKind, Variant};
use crate::error::{Error, Result};
use crate::names::{self, Ident, Reserved};

/// The name of every live entry (`live[i]`). Owners are named before what is written in them
/// (level by level), so an inline type's name starts with its owner's final name. (An error only
/// where the registry breaks the rules' invariants: a generator bug.)
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
    let last = last_candidates(registry, homes, live);
    let mut reserved_last: Vec<FastSet<&str>> = vec![FastSet::default(); homes.modules.len()];
    for (i, name) in last.iter().enumerate().filter(|(i, _)| live[*i]) {
        reserved_last[homes.entry[i]].insert(name.as_str());
    }
    for members in levels {
        let candidates: Vec<Vec<String>> = members
            .iter()
            .map(|&i| {
                let mut names_i = entries[i].names.clone();
                if let Origin::Inline { suffix, .. } = &entries[i].origin {
                    let place = names_i.last_mut().expect("inline types have a place name");
                    if let Some(o) = owner(i) {
                        // `Error_` + `Code` is `ErrorCode`.
                        *place = format!("{}{suffix}", names[o].trim_end_matches('_'));
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
                for name in &mut names_i {
                    unreserve(name);
                }
                // Nothing after the last candidate is ever needed.
                if let Some(at) = names_i.iter().position(|name| *name == last[i]) {
                    names_i.truncate(at);
                }
                names_i.dedup();
                names_i.push(last[i].clone());
                names_i
            })
            .collect();
        let chosen = settle(&members, candidates, registry, homes, &taken, &reserved_last, file)?;
        for (&i, name) in members.iter().zip(chosen) {
            taken[homes.entry[i]].insert(name.clone());
            names[i] = name;
        }
    }
    Ok(names)
}

/// Each live entry's last candidate, unique in its module by construction: a component's key
/// (a resource's too), an operation's `operationId` (see `operation_names`), an inline type's JSON
/// pointer, each in UpperCamelCase. Where two spell the same, an operation's method and path follow
/// (`GetV1AccountsAccount`: the 2018 spec gave two operations one `operationId`), and where two
/// still do, each is followed by `X` and its pointer's bytes in hex, which no two entries share.
fn last_candidates(registry: &Registry, homes: &Homes, live: &[bool]) -> Vec<String> {
    let entries = &registry.entries;
    let spelled = |i: usize, round: usize| -> Option<String> {
        let entry = &entries[i];
        let mut name = match (&entry.origin, round) {
            (Origin::Params(_), 0) => entry.names.last().expect("operations have a last name").clone(),
            (Origin::Params(op), 1) => {
                let op = &registry.operations[*op];
                names::type_name(&format!("{} {}", op.method.as_str(), op.path))
            }
            (Origin::Resource(_) | Origin::Component, 0) => {
                let key = entry.pointer.rsplit('/').next().unwrap_or_default();
                names::type_name(&key.replace("~1", "/").replace("~0", "~"))
            }
            (Origin::Inline { .. }, 0) => names::type_name(entry.pointer.trim_start_matches("#/")),
            _ => return None,
        };
        unreserve(&mut name);
        Some(name)
    };
    let mut last: Vec<String> =
        (0..entries.len()).map(|i| if live[i] { spelled(i, 0).expect("round 0") } else { String::new() }).collect();
    for round in 1.. {
        let mut count: FastMap<(usize, &str), usize> = FastMap::default();
        for (i, name) in last.iter().enumerate().filter(|(i, _)| live[*i]) {
            *count.entry((homes.entry[i], name.as_str())).or_default() += 1;
        }
        let twice: Vec<usize> =
            (0..entries.len()).filter(|&i| live[i] && count[&(homes.entry[i], last[i].as_str())] > 1).collect();
        if twice.is_empty() {
            break;
        }
        for i in twice {
            last[i] = spelled(i, round).unwrap_or_else(|| {
                let hex: String = entries[i].pointer.bytes().map(|b| format!("{b:02x}")).collect();
                format!("{}X{hex}", last[i])
            });
        }
    }
    last
}

/// A reserved type name (`Default`, `Error`) is followed by `_`, as a keyword that cannot be raw is.
pub(super) fn unreserve(name: &mut String) {
    if names::reserved(name) == Some(Reserved::Type) {
        name.push('_');
    }
}

/// Gives each of `members` one of its `candidates`, by the rule in the module docs. `last` holds,
/// per module, every live type's last candidate, which only that type may take.
fn settle(
    members: &[usize],
    mut candidates: Vec<Vec<String>>,
    registry: &Registry,
    homes: &Homes,
    taken: &[FastSet<String>],
    last: &[FastSet<&str>],
    file: &str,
) -> Result<Vec<String>> {
    let entries = &registry.entries;
    let mut choice: Vec<usize> = vec![0; members.len()];
    let at_last = |choice: &[usize], k: usize| choice[k] + 1 == candidates[k].len();
    loop {
        let mut wanted: FastMap<(usize, &str), Vec<usize>> = FastMap::default();
        for (k, &i) in members.iter().enumerate() {
            wanted.entry((homes.entry[i], candidates[k][choice[k]].as_str())).or_default().push(k);
        }
        let mut losers: Vec<usize> = Vec::new();
        for ((module, name), holders) in wanted {
            if taken[module].contains(name) {
                losers.extend(holders);
            } else if last[module].contains(name) {
                // Some type's last candidate: it alone may hold the name.
                losers.extend(holders.into_iter().filter(|&k| !at_last(&choice, k)));
            } else if holders.len() > 1 {
                let rank = |k: usize| entries[members[k]].rank();
                let strongest = holders.iter().map(|&k| rank(k)).min().expect("not empty");
                let claims = holders.iter().filter(|&&k| rank(k) == strongest).count();
                losers.extend(holders.into_iter().filter(|&k| claims > 1 || rank(k) != strongest));
            }
        }
        if losers.is_empty() {
            return Ok(candidates.iter_mut().zip(choice).map(|(c, chosen)| std::mem::take(&mut c[chosen])).collect());
        }
        losers.sort_unstable();
        for k in losers {
            if at_last(&choice, k) {
                // Unreachable for a valid registry: last candidates are unique and reserved.
                let name = &candidates[k][choice[k]];
                let module = homes.modules[homes.entry[members[k]]].join("::");
                let message = format!("no name left for this type in module `{module}`: `{name}` is taken");
                return Err(Error::at(file, &entries[members[k]].pointer, message));
            }
            choice[k] += 1;
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

/// Spells the Rust names of a struct's fields: each field's snake_case name, followed by `_` where
/// generated types hold a private field of that name (`extra_params`), or where two would be the
/// same (`type` and `Type`), the wire name spelled out; the setter is the field's name, or
/// `with_<name>` where the runtime's macros define a method of that name (`send`, `paginate`).
pub(super) fn name_fields(fields: &mut [Field]) {
    let plain: Vec<String> = fields.iter().map(|f| names::field_name(&f.ident.wire)).collect();
    let mut rust: Vec<String> = (0..fields.len())
        .map(|i| {
            let clash = plain.iter().filter(|p| **p == plain[i]).count() > 1;
            if clash {
                names::field_name(&names::spelled_type_name(&fields[i].ident.wire))
            } else if names::reserved(&plain[i]) == Some(Reserved::Field) {
                format!("{}_", plain[i])
            } else {
                plain[i].clone()
            }
        })
        .collect();
    let wires: Vec<&str> = fields.iter().map(|f| f.ident.wire.as_str()).collect();
    distinct(&mut rust, &wires, None, names::field_name);
    let mut setters: Vec<String> = rust
        .iter()
        .map(|rust| match names::reserved(names::bare(rust)) {
            Some(Reserved::Method) => format!("with_{}", names::bare(rust)),
            _ => rust.clone(),
        })
        .collect();
    // `send`'s setter `with_send` meets a field `with_send`.
    distinct(&mut setters, &wires, None, names::field_name);
    for ((field, rust), setter) in fields.iter_mut().zip(rust).zip(setters) {
        field.ident.rust = rust;
        field.setter = setter;
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
            } else if names::reserved(name) == Some(Reserved::Variant) {
                format!("{name}_")
            } else {
                name.clone()
            };
            (*value, rust)
        })
        .unzip();
    distinct(&mut rust, &values, Some(Reserved::Variant), names::type_name);
    values
        .iter()
        .zip(rust)
        .map(|(value, rust)| Variant { ident: Ident { wire: (*value).to_owned(), rust }, doc: format!("`{value}`") })
        .collect()
}

/// The last resort for names that are still the same once spelled out (`x²` and `x³` both spell
/// `XChar`; `a_b` and `A_B` both `AUnderscoreB`), or are `reserved`: each such name is followed by
/// `x` and its wire name's bytes in hex (`AUnderscoreBX615f62`), which no two wire names share.
fn distinct(names: &mut [String], wires: &[&str], reserved: Option<Reserved>, spell: fn(&str) -> String) {
    let mut count: FastMap<String, usize> = FastMap::default();
    for name in names.iter() {
        *count.entry(name.clone()).or_default() += 1;
    }
    for (name, wire) in names.iter_mut().zip(wires) {
        if count[name.as_str()] > 1 || reserved.is_some() && names::reserved(name) == reserved {
            let hex: String = wire.bytes().map(|b| format!("{b:02x}")).collect();
            *name = spell(&format!("{} x{hex}", names::bare(name)));
        }
    }
}
