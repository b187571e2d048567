//! The registry: every type of the spec, keyed by its place, before any pass runs.
//!
//! Conversion fills it; `homes`, `dedup`, `naming` and `select` read it and write their decisions
//! beside it. An entry's `kind` refers to other entries by [`TypeId`] (an index here).

use crate::fast_hash::FastMap;

use super::{Method, Ty, TypeId, TypeKind, Warning};

/// Where a type comes from; decides its module and how it is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    /// A component schema with `x-resourceId`.
    Resource(String),
    /// A component schema without one.
    Component,
    /// A schema written inside another: a field's object, enum or union.
    Inline {
        /// The entry it is written in (`None` inside a component that is not itself a type).
        owner: Option<TypeId>,
        /// The field (or parameter) it is the type of.
        field: String,
        /// Its `title`, if it has one.
        title: Option<String>,
        /// What its name adds to its owner's name: the field (`Locale`), or for an alternative of
        /// a union what sets it apart (`Now`).
        suffix: String,
    },
    /// The parameters of operation number `.0`.
    Params(usize),
}

/// One type, as converted.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// JSON pointer of the schema.
    pub pointer: String,
    /// Its shape; fields and variants refer to other entries.
    pub kind: TypeKind,
    /// The spec's description, unconverted.
    pub description: Option<String>,
    /// Where it comes from.
    pub origin: Origin,
    /// Candidate Rust names, best first, each derived from the entry's own place in the spec.
    /// For an inline type the last is owner + field as converted; naming replaces the owner's
    /// part by the owner's final name.
    pub names: Vec<String>,
    /// Converted as request parameters (form-encoded) rather than as a response.
    pub request: bool,
}

impl Entry {
    /// How strongly the entry holds its first candidate when another type wants the same name:
    /// spec keys and operation names (0) before titles (1) before names made of owner + field (2).
    pub fn rank(&self) -> u8 {
        match &self.origin {
            Origin::Resource(_) | Origin::Component | Origin::Params(_) => 0,
            Origin::Inline { title: Some(_), .. } => 1,
            Origin::Inline { title: None, .. } => 2,
        }
    }
}

/// One operation, as converted.
#[derive(Clone, Debug)]
pub(super) struct OperationEntry {
    /// `operationId` (or the params name when the spec has none).
    pub operation_id: String,
    /// HTTP method.
    pub method: Method,
    /// Path template.
    pub path: String,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// The spec's description, unconverted.
    pub description: Option<String>,
    /// The parameters entry.
    pub params: TypeId,
    /// What a success decodes into.
    pub returns: Ty,
    /// The resource it returns (the items' resource for a list), if any.
    pub resource: Option<String>,
}

/// Everything conversion produced.
#[derive(Debug, Default)]
pub(super) struct Registry {
    /// The spec's API version.
    pub api_version: String,
    /// Every type.
    pub entries: Vec<Entry>,
    /// Every operation.
    pub operations: Vec<OperationEntry>,
    /// Each resource id and the type of its schema.
    pub resources: Vec<(String, Ty)>,
    /// Descriptions of the resources, by id.
    pub resource_docs: FastMap<String, String>,
    /// Places typed less precisely than the spec says.
    pub warnings: Vec<Warning>,
}

impl Registry {
    /// Adds an entry and returns its id.
    pub fn push(&mut self, entry: Entry) -> TypeId {
        self.entries.push(entry);
        TypeId(self.entries.len() - 1)
    }

    /// Appends `part`: entries, operations and warnings converted after this registry's first
    /// `first` entries, with ids counted from `first` and operations from 0. They are renumbered
    /// to follow what is here already.
    pub fn append(&mut self, mut part: Registry, first: usize) {
        let shift = self.entries.len() - first;
        let operations_before = self.operations.len();
        let map = |id: TypeId| if id.0 >= first { TypeId(id.0 + shift) } else { id };
        part.renumber_types(&map);
        for entry in &mut part.entries {
            match &mut entry.origin {
                Origin::Inline { owner: Some(owner), .. } => *owner = map(*owner),
                Origin::Params(operation) => *operation += operations_before,
                _ => {}
            }
        }
        self.entries.append(&mut part.entries);
        self.operations.append(&mut part.operations);
        self.warnings.append(&mut part.warnings);
    }

    /// Replaces every type id that entries' fields and variants, operations and resources mention
    /// by `map(id)`.
    pub fn renumber_types(&mut self, map: &impl Fn(TypeId) -> TypeId) {
        for entry in &mut self.entries {
            renumber_kind(&mut entry.kind, map);
        }
        for operation in &mut self.operations {
            operation.params = map(operation.params);
            renumber(&mut operation.returns, map);
        }
        for (_, ty) in &mut self.resources {
            renumber(ty, map);
        }
    }
}

/// Named types a `Ty` mentions (through lists, maps, expandables…).
pub(super) fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        _ => ty.inner().into_iter().for_each(|inner| named_in(inner, out)),
    }
}

/// Named types a type's fields or variants mention.
pub(super) fn references(kind: &TypeKind, out: &mut Vec<TypeId>) {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| named_in(&f.ty, out)),
        TypeKind::Union(vs) => vs.iter().for_each(|v| named_in(&v.ty, out)),
        TypeKind::Objects(vs) => vs.iter().for_each(|v| named_in(&v.ty, out)),
        TypeKind::Enum(_) => {}
    }
}

/// Replaces every named type in `ty` by `map(id)`.
pub(super) fn renumber(ty: &mut Ty, map: &impl Fn(TypeId) -> TypeId) {
    match ty {
        Ty::Named(id) => *id = map(*id),
        _ => ty.inner_mut().into_iter().for_each(|inner| renumber(inner, map)),
    }
}

/// Replaces every named type a kind mentions by `map(id)`.
pub(super) fn renumber_kind(kind: &mut TypeKind, map: &impl Fn(TypeId) -> TypeId) {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| renumber(&mut f.ty, map)),
        TypeKind::Union(vs) => vs.iter_mut().for_each(|v| renumber(&mut v.ty, map)),
        TypeKind::Objects(vs) => vs.iter_mut().for_each(|v| renumber(&mut v.ty, map)),
        TypeKind::Enum(_) => {}
    }
}
