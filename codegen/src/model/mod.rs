//! Phase 2: the Stripe-aware model. Plain data that no longer mentions openapiv3.
//!
//! [`build`] runs the model's steps in order, each a module of its own:
//! `convert` turns every schema and operation of the spec into entries of one
//! registry (keyed by their place in the spec), `homes` gives every entry its module, `dedup`
//! merges identical shapes, `naming` gives every type its Rust name, `select` keeps what the
//! selection reaches, and `boxing` boxes the fields that close a cycle. Every name is decided
//! over the whole spec, so it never depends on the selection. The emit phase only reads the result.

mod answers;
mod boxing;
mod convert;
mod dedup;
mod describe;
mod events;
pub mod former;
mod homes;
mod naming;
mod operation_names;
mod registry;
mod select;
mod summary;

pub use answers::Walk;
pub use former::FormerPath;
pub use select::{build, build_leaving, Selection};
pub use summary::Summary;

pub use crate::names::Ident;

/// Index of a [`TypeDef`] in [`Model::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Index of a [`Module`] in [`Model::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub usize);

/// Everything the emit phase needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Stripe API version of the spec (`info.version`).
    pub api_version: String,
    /// Modules in the order they were first reached.
    pub modules: Vec<Module>,
    /// All named types; a module lists its own.
    pub types: Vec<TypeDef>,
    /// All operations.
    pub operations: Vec<Operation>,
    /// Places typed less precisely than the spec says, each with its reason.
    pub warnings: Vec<Warning>,
    /// The typed event (`event::Event`, with its `type` an enum and its `data.object` a
    /// [`TypeKind::Objects`]), when the spec has the `event` resource and the list of event names.
    pub event: Option<TypeId>,
    /// The former paths given to the build that name a type here, sorted: each is the type's own
    /// path or a re-export ([`Module::aliases`]).
    pub former_paths: Vec<String>,
}

/// A type declared elsewhere that a module re-exports under the name it had there in an earlier
/// crate (see [`former`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The name in this module.
    pub name: String,
    /// The type.
    pub ty: TypeId,
}

/// A place the generator could not type precisely (it used `serde_json::Value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer into the spec.
    pub pointer: String,
    /// What was done and why.
    pub message: String,
}

/// A Rust module: one per resource (`billing_portal.session` → `billing_portal::session`).
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Path segments, e.g. `["billing_portal", "session"]`.
    pub path: Vec<String>,
    /// Module documentation (the resource's description).
    pub doc: Option<String>,
    /// The resource (`x-resourceId`) this module is named after, if any.
    pub resource: Option<String>,
    /// Types declared here, in reading order.
    pub types: Vec<TypeId>,
    /// Operations declared here (indexes into [`Model::operations`]).
    pub operations: Vec<usize>,
    /// Types of other modules re-exported here, by name.
    pub aliases: Vec<Alias>,
}

/// A named Rust type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// Rust name, unique within its module.
    pub name: String,
    /// Where it is declared.
    pub module: ModuleId,
    /// Documentation (rustdoc Markdown), never empty.
    pub doc: String,
    /// What it is.
    pub kind: TypeKind,
    /// JSON pointer of the schema it came from.
    pub pointer: String,
    /// Decoded from and encoded to JSON (a response type).
    pub in_response: bool,
    /// Encoded into a request's form (a parameter type).
    pub in_request: bool,
    /// Decoded on its own, not only inside another type: an operation's answer, the items of a
    /// list or search, the event. It gets `stripe_runtime::Decode`.
    pub decoded_alone: bool,
}

/// The shapes a named type can have.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with named fields.
    Struct(Struct),
    /// A string enum, forward compatible.
    Enum(Vec<Variant>),
    /// One of several types, told apart by shape.
    Union(Vec<UnionVariant>),
    /// One of several objects, told apart by their `object` field, each held in a `Box`; any other
    /// object (or one that does not decode into its type) is kept as JSON.
    Objects(Vec<ObjectVariant>),
}

/// An object type.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Fields in the spec's order.
    pub fields: Vec<Field>,
}

impl Struct {
    /// Whether the struct has a required string `id` (it is a Stripe object).
    pub fn has_id(&self) -> bool {
        self.id_field().is_some()
    }

    /// The string `id` of a Stripe object: a required one, or an optional one beside an `object`
    /// field (an upcoming invoice has no id yet, though every invoice in a list has one). An
    /// optional `id` without `object` is a reference inside another object, not an identity.
    pub fn id_field(&self) -> Option<&Field> {
        let id = self.fields.iter().find(|f| f.ident.wire == "id" && f.ty == Ty::String)?;
        (!id.optional() || self.fields.iter().any(|f| f.ident.wire == "object")).then_some(id)
    }
}

/// A field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Name in JSON and forms, and the Rust field name.
    pub ident: Ident,
    /// Name of the builder method that sets it (request types): the field's name, or
    /// `with_<name>` where that would clash with `new`, `send` or `send_with`.
    pub setter: String,
    /// Documentation, never empty.
    pub doc: String,
    /// The value's type (without `Option`).
    pub ty: Ty,
    /// Listed in `required`.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// Stored behind a `Box` because the type contains itself.
    pub boxed: bool,
    /// A path parameter of an operation (goes into the URL, not the form).
    pub in_path: bool,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// One known value of a string enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The value on the wire and the Rust variant name.
    pub ident: Ident,
    /// Documentation, never empty.
    pub doc: String,
}

/// One alternative of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// Documentation, never empty.
    pub doc: String,
    /// Its type.
    pub ty: Ty,
    /// Stored behind a `Box` because the union contains itself.
    pub boxed: bool,
}

/// One alternative of [`TypeKind::Objects`].
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectVariant {
    /// The value of the object's `object` field that selects it, and the Rust variant name.
    pub ident: Ident,
    /// Documentation, never empty.
    pub doc: String,
    /// The object's type.
    pub ty: Ty,
}

/// A type as used by a field, list item, etc.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `bool`.
    Bool,
    /// `i64` (integers and unix times).
    Int,
    /// `f64`.
    Float,
    /// `String`.
    String,
    /// `serde_json::Value`: the generator could not type it precisely (with a warning).
    Json,
    /// A named type.
    Named(TypeId),
    /// `Vec<T>`.
    List(Box<Ty>),
    /// `HashMap<String, T>`.
    Map(Box<Ty>),
    /// Stripe's list object (`object: "list"`, `data`, `has_more`, `url`) of `T`.
    StripeList(Box<Ty>),
    /// Stripe's search result object (`object: "search_result"`, `data`, `has_more`, `next_page`,
    /// `url`) of `T`.
    SearchResult(Box<Ty>),
    /// An id or, when expanded, the object.
    Expandable(Box<Ty>),
    /// A parameter that can be set or explicitly unset (`key=`).
    Unsettable(Box<Ty>),
}

impl Ty {
    /// The type a wrapper holds (a list's items, a map's values, a page's items, an expandable's
    /// object, an unsettable's value), if this is a wrapper: the one place that knows which are.
    pub fn inner(&self) -> Option<&Ty> {
        match self {
            Ty::List(t)
            | Ty::Map(t)
            | Ty::StripeList(t)
            | Ty::SearchResult(t)
            | Ty::Expandable(t)
            | Ty::Unsettable(t) => Some(t),
            Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json | Ty::Named(_) => None,
        }
    }

    /// [`inner`](Self::inner), to change it.
    pub fn inner_mut(&mut self) -> Option<&mut Ty> {
        match self {
            Ty::List(t)
            | Ty::Map(t)
            | Ty::StripeList(t)
            | Ty::SearchResult(t)
            | Ty::Expandable(t)
            | Ty::Unsettable(t) => Some(t),
            Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json | Ty::Named(_) => None,
        }
    }
}

/// HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// An API operation; its parameters are the struct [`Operation::params`].
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// `operationId` in the spec.
    pub operation_id: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v1/customers/{customer}`.
    pub path: String,
    /// Documentation, never empty.
    pub doc: String,
    /// The parameters type (a struct, `in_request`), which also carries `send`.
    pub params: TypeId,
    /// What a success decodes into.
    pub returns: Ty,
    /// Where it is declared.
    pub module: ModuleId,
}

impl Module {
    /// Whether nothing is declared here (such a module gets no file).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.operations.is_empty()
    }
}

impl Model {
    /// The type behind `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The parameters `operation`'s constructor takes (its required ones, path parameters
    /// included), in order.
    pub fn required_params(&self, operation: &Operation) -> Vec<&Field> {
        match &self.ty(operation.params).kind {
            TypeKind::Struct(params) => params.fields.iter().filter(|f| !f.optional()).collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
