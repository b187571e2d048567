//! What changes between two specs, for users of the generated crate: `cargo xtask api-diff`.
//!
//! A consumer of the [model](crate::model), independent of the emit phase: both specs are built
//! into models with the same [`Selection`](crate::model::Selection), and [`diff`] compares the
//! models, not the text. Operations are paired by method and path, and with them their parameters
//! types. Other types are paired by module path and Rust name first, since that is what user code
//! names (when Stripe lets a second schema share a name's shape, the name stays and its schema is
//! compared); then by the JSON pointer of their schema ([`TypeDef::pointer`]), which finds a type
//! that moved or was renamed; then by position: the types of the same field, list item or union
//! alternative of two paired types. The last one finds a type whose pointer changed because the
//! generator merged it with a new identical shape that comes first in the newer spec (it keeps one
//! pointer per merged type). Fields are paired by wire name, enum values by wire value, union
//! alternatives by variant name. Each [`Change`] belongs to a module (a resource, or `shared`).
//!
//! # What breaks code compiled against the old crate
//!
//! The rules follow from how `emit` writes Rust: a response struct has a `pub` field per property,
//! `Option<T>` when the property is not required or nullable ([`Field::optional`]); a parameters
//! struct has `new(required…)` taking every non-`Option` field and one setter per `Option` field;
//! string enums are `#[non_exhaustive]` with an `Unknown` variant; unions are plain (exhaustive)
//! enums. "Breaking" means some ordinary use of the old crate stops compiling.
//!
//! - **operation removed**: breaking; its parameters type and `send` are gone.
//! - **operation added**: additive; a new parameters type.
//! - **operation result changed**: breaking; `send` returns another type.
//! - **param removed**: breaking; its setter (or its argument of `new`) is gone.
//! - **param added**: additive when optional (a new setter); breaking when required, since `new`
//!   takes one more argument.
//! - **field removed** (response): breaking; reading it no longer compiles.
//! - **field added** (response): additive; a new `pub` field. (A struct literal of the type would
//!   break, but response structs are built by deserializing and parameters by `new` + setters.)
//! - **made required / made optional / made nullable / made non-nullable**: breaking exactly when
//!   the field's Rust type gains or loses its `Option`. For a response field, `T` → `Option<T>`
//!   breaks every read, and `Option<T>` → `T` breaks every `if let Some`/`unwrap`. For a param,
//!   a field leaving `Option` moves from a setter into `new`'s arguments, and one entering `Option`
//!   moves from `new` to a setter: both change the signatures users call. A change that keeps the
//!   `Option` (say, an optional field also becoming nullable) only changes how `None` is encoded:
//!   additive. When requiredness and nullability change together, the requiredness change carries
//!   the verdict and the nullability change is additive, so one `Option` is counted once.
//! - **type changed** (a field's, a param's, or a union alternative's): breaking; the Rust type
//!   differs (including gaining or losing a `Box`). Named types compare by pairing, so a type that
//!   only moved is not a type change of every field that uses it.
//! - **enum value added**: additive; string enums are `#[non_exhaustive]` with an `Unknown`
//!   variant, so every `match` already has a wildcard arm. (At run time a value that decoded as
//!   `Unknown` decodes as the new variant.)
//! - **enum value removed**: breaking; its variant is gone.
//! - **union variant added**: breaking when the union is decoded from responses (unions are
//!   exhaustive enums, so a `match` over it misses an arm); additive for a request-only union.
//! - **union variant removed**: breaking.
//! - **renamed**: breaking; same wire name, other Rust name (a field, setter or enum variant).
//! - **type added**: additive. **type removed**, **type moved** (same schema, other module or
//!   name) and **kind changed** (struct, enum or union became another): breaking, since code
//!   that names the old path no longer compiles; but a type moved is additive where the newer
//!   model re-exports it at the old path (built with the older one's paths, `model::former`). An added or removed operation's own parameters
//!   type is not listed again.
//!
//! [`TypeDef::pointer`]: crate::model::TypeDef::pointer
//! [`Field::optional`]: crate::model::Field::optional

mod compare;
mod pair;
mod report;

use crate::model::{FormerPath, Model};

/// The changes from one model to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// API version of the old spec.
    pub old_version: String,
    /// API version of the new spec.
    pub new_version: String,
    /// Every change, grouped by module (sorted by module path), in the model's order within one.
    pub changes: Vec<Change>,
}

/// One change and what it does to code compiled against the old crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Module path of the item (`billing_portal::session`, `shared`), in the new crate when the
    /// item is still there.
    pub module: String,
    /// The resource the module is named after (`billing_portal.session`), if any.
    pub resource: Option<String>,
    /// What kind of change.
    pub kind: ChangeKind,
    /// The item: `Type.field`, `Enum::Variant`, `Type`, or `METHOD /path` for an operation.
    pub item: String,
    /// What changed, e.g. `` `Option<String>` → `String` ``.
    pub detail: String,
    /// Whether code compiled against the old crate may stop compiling.
    pub breaking: bool,
    /// Why it is (or is not) breaking, in terms of the generated Rust.
    pub effect: String,
}

/// The kinds of change, in the order reports list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// An operation (method and path) is gone.
    OperationRemoved,
    /// A new operation.
    OperationAdded,
    /// An operation returns another type.
    OperationResultChanged,
    /// A field of a parameters struct is gone.
    ParamRemoved,
    /// A new field of a parameters struct.
    ParamAdded,
    /// A field of a response struct is gone.
    FieldRemoved,
    /// A new field of a response struct.
    FieldAdded,
    /// A field's (or union alternative's) Rust type changed.
    TypeChanged,
    /// An optional field became required.
    MadeRequired,
    /// A required field became optional.
    MadeOptional,
    /// A field became nullable.
    MadeNullable,
    /// A nullable field no longer is.
    MadeNonNullable,
    /// A string enum lost a value.
    EnumValueRemoved,
    /// A string enum gained a value.
    EnumValueAdded,
    /// A union lost an alternative.
    UnionVariantRemoved,
    /// A union gained an alternative.
    UnionVariantAdded,
    /// Same wire name, other Rust name.
    Renamed,
    /// A type is gone.
    TypeRemoved,
    /// A new type.
    TypeAdded,
    /// The same schema is another Rust path.
    TypeMoved,
    /// A struct, enum or union became another of the three.
    KindChanged,
}

impl ChangeKind {
    /// Every kind, in report order.
    pub const ALL: [ChangeKind; 21] = [
        ChangeKind::OperationRemoved,
        ChangeKind::OperationAdded,
        ChangeKind::OperationResultChanged,
        ChangeKind::ParamRemoved,
        ChangeKind::ParamAdded,
        ChangeKind::FieldRemoved,
        ChangeKind::FieldAdded,
        ChangeKind::TypeChanged,
        ChangeKind::MadeRequired,
        ChangeKind::MadeOptional,
        ChangeKind::MadeNullable,
        ChangeKind::MadeNonNullable,
        ChangeKind::EnumValueRemoved,
        ChangeKind::EnumValueAdded,
        ChangeKind::UnionVariantRemoved,
        ChangeKind::UnionVariantAdded,
        ChangeKind::Renamed,
        ChangeKind::TypeRemoved,
        ChangeKind::TypeAdded,
        ChangeKind::TypeMoved,
        ChangeKind::KindChanged,
    ];

    /// The kind in snake_case, as JSON reports spell it (`param_added`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::OperationRemoved => "operation_removed",
            ChangeKind::OperationAdded => "operation_added",
            ChangeKind::OperationResultChanged => "operation_result_changed",
            ChangeKind::ParamRemoved => "param_removed",
            ChangeKind::ParamAdded => "param_added",
            ChangeKind::FieldRemoved => "field_removed",
            ChangeKind::FieldAdded => "field_added",
            ChangeKind::TypeChanged => "type_changed",
            ChangeKind::MadeRequired => "made_required",
            ChangeKind::MadeOptional => "made_optional",
            ChangeKind::MadeNullable => "made_nullable",
            ChangeKind::MadeNonNullable => "made_non_nullable",
            ChangeKind::EnumValueRemoved => "enum_value_removed",
            ChangeKind::EnumValueAdded => "enum_value_added",
            ChangeKind::UnionVariantRemoved => "union_variant_removed",
            ChangeKind::UnionVariantAdded => "union_variant_added",
            ChangeKind::Renamed => "renamed",
            ChangeKind::TypeRemoved => "type_removed",
            ChangeKind::TypeAdded => "type_added",
            ChangeKind::TypeMoved => "type_moved",
            ChangeKind::KindChanged => "kind_changed",
        }
    }

    /// The kind in words, as Markdown reports spell it (`param added`).
    pub fn title(self) -> String {
        self.as_str().replace('_', " ")
    }
}

/// Counts of one kind of change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Changes of this kind that break.
    pub breaking: usize,
    /// Changes of this kind that do not.
    pub additive: usize,
}

impl Diff {
    /// Whether anything breaks.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// Counts per kind, for the kinds present, in report order.
    pub fn counts(&self) -> Vec<(ChangeKind, Count)> {
        ChangeKind::ALL
            .iter()
            .map(|&kind| {
                let mut count = Count::default();
                for change in self.changes.iter().filter(|c| c.kind == kind) {
                    if change.breaking {
                        count.breaking += 1;
                    } else {
                        count.additive += 1;
                    }
                }
                (kind, count)
            })
            .filter(|(_, count)| count.breaking + count.additive > 0)
            .collect()
    }

    /// The changes of one kind (tests and tools).
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }
}

/// The changes from `old` to `new`, two models built with the same selection.
pub fn diff(old: &Model, new: &Model) -> Diff {
    let pairs = pair::Pairs::new(old, new);
    let mut changes = compare::changes(old, new, &pairs);
    // Stable: within a module, the order the comparison found them (operations, then types).
    changes.sort_by(|a, b| a.module.cmp(&b.module));
    Diff { old_version: old.api_version.clone(), new_version: new.api_version.clone(), changes }
}

/// The old model's type paths whose counterpart in `new` (paired as [`diff`] pairs them) has
/// another path, each with the counterpart's JSON pointer: what a crate of the new spec keeps as
/// [`FormerPath`]s so that code naming the old paths still compiles. Pairing finds what a pointer
/// alone does not: a schema Stripe renamed, a merged type that another shape now stands for.
pub fn moved_paths(old: &Model, new: &Model) -> Vec<FormerPath> {
    let pairs = pair::Pairs::new(old, new);
    let (old_paths, new_paths) = (old.paths(), new.paths());
    pairs
        .old_to_new
        .iter()
        .enumerate()
        .filter_map(|(o, n)| {
            let n = n.as_ref()?.0;
            (old_paths[o].path != new_paths[n].path)
                .then(|| FormerPath { path: old_paths[o].path.clone(), pointer: new_paths[n].pointer.clone() })
        })
        .collect()
}

/// What a crate of the new spec keeps of the old one's paths ([`FormerPath`]s): every type path of
/// `old`, and the [`moved_paths`] to `new` (built without former paths).
pub fn former_paths(old: &Model, new: &Model) -> Vec<FormerPath> {
    let mut paths = old.paths();
    paths.extend(moved_paths(old, new));
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests;
