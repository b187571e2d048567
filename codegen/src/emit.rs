//! Phase 3: model to Rust tokens, one `TokenStream` per module. Reads the model only.

use std::cell::Cell;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

pub(crate) use doc_comments::splice as splice_docs;
use doc_comments::DocBlocks;
pub use doc_comments::Emitted;

use crate::model::{Field, Model, ModuleId, Operation, Struct, Ty, TypeDef, TypeId, TypeKind, UnionVariant, Variant};

/// An identifier token, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A stream that `quote!` takes by moving its tokens. `#x` with a plain `TokenStream` copies every
/// token of `x` (it may be used again), and `x` is then freed: for the streams emit builds once
/// and uses once (a field's type, a field, an item) that copying and freeing was a tenth of a
/// `--all` run. Interpolating one twice is a generator bug, caught by a panic.
pub(crate) struct Moved(Cell<Option<TokenStream>>);

/// `tokens`, to be moved into the `quote!` that uses them (an `Option` of it: `.map(moved)`).
pub(crate) fn moved(tokens: TokenStream) -> Moved {
    Moved(Cell::new(Some(tokens)))
}

impl ToTokens for Moved {
    fn to_tokens(&self, out: &mut TokenStream) {
        match self.0.take() {
            Some(tokens) => out.extend(tokens),
            None => panic!("a moved stream is interpolated once"),
        }
    }
}

/// Emits the items of one module. An operation's `send` methods go in its parameters type's one
/// `impl` block.
pub fn module(model: &Model, id: ModuleId) -> Emitted {
    let module = &model.modules[id.0];
    let docs = DocBlocks::default();
    let operation_of = |t: TypeId| module.operations.iter().map(|&o| &model.operations[o]).find(|o| o.params == t);
    let types = module.types.iter().map(|&t| type_def(model, t, operation_of(t), &docs));
    // The model declares parameters beside their operation; were one elsewhere, its `send` would
    // still be written, in an `impl` of its own.
    let elsewhere =
        module.operations.iter().map(|&o| &model.operations[o]).filter(|o| !module.types.contains(&o.params));
    let elsewhere = elsewhere.map(|o| {
        let name = type_path(model, o.params, id);
        let (methods, operation_impl) = operations::operation_methods(model, o);
        quote!(impl #name { #methods } #operation_impl)
    });
    // Where an earlier crate had a type that now lives elsewhere (`model::former`); rustdoc lists
    // it as a re-export, so the type is documented once.
    let aliases = module.aliases.iter().map(|alias| {
        let (path, name) = (type_path(model, alias.ty, id), ident(&alias.name));
        match model.ty(alias.ty).name == alias.name {
            true => quote!(#[doc(no_inline)] pub use #path;),
            false => quote!(#[doc(no_inline)] pub use #path as #name;),
        }
    });
    let (types, elsewhere) = (types.map(moved), elsewhere.map(moved));
    let tokens = quote! { #(#types)* #(#elsewhere)* #(#aliases)* };
    Emitted { tokens, docs: docs.into_inner() }
}

/// The tokens naming `ty` from inside module `from`.
pub fn ty_tokens(model: &Model, ty: &Ty, from: ModuleId) -> TokenStream {
    match ty {
        Ty::Bool => quote!(bool),
        Ty::Int => quote!(i64),
        Ty::Float => quote!(f64),
        Ty::String => quote!(String),
        Ty::Json => quote!(serde_json::Value),
        Ty::Named(id) => type_path(model, *id, from),
        Ty::List(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(std::collections::HashMap<String, #inner>)
        }
        Ty::StripeList(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(crate::List<#inner>)
        }
        Ty::SearchResult(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(crate::SearchResult<#inner>)
        }
        Ty::Expandable(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(crate::Expandable<#inner>)
        }
        Ty::Unsettable(inner) => {
            let inner = moved(ty_tokens(model, inner, from));
            quote!(crate::Unsettable<#inner>)
        }
    }
}

fn type_path(model: &Model, id: TypeId, from: ModuleId) -> TokenStream {
    let def = model.ty(id);
    let name = ident(&def.name);
    if def.module == from {
        quote!(#name)
    } else {
        let segments = model.modules[def.module.0].path.iter().map(|s| ident(s));
        quote!(crate #(::#segments)* :: #name)
    }
}

fn field_type(model: &Model, field: &Field, from: ModuleId) -> TokenStream {
    let mut ty = ty_tokens(model, &field.ty, from);
    if field.boxed {
        let inner = moved(ty);
        ty = quote!(Box<#inner>);
    }
    if field.optional() {
        let inner = moved(ty);
        ty = quote!(Option<#inner>);
    }
    ty
}

fn type_def(model: &Model, id: TypeId, operation: Option<&Operation>, docs: &DocBlocks) -> TokenStream {
    let def = model.ty(id);
    let item = match &def.kind {
        TypeKind::Struct(s) => struct_def(model, id, s, operation, docs),
        TypeKind::Enum(variants) => enum_def(def, variants, docs),
        TypeKind::Union(variants) => union_def(model, id, variants, docs),
        TypeKind::Objects(variants) => events::objects_def(model, id, variants, docs),
    };
    let (item, event_methods) = (moved(item), moved(events::event_methods(model, id)));
    let decoder = moved(decode::decoder(model, id));
    let decode_impl = def.decoded_alone.then(|| {
        let name = ident(&def.name);
        quote!(stripe_runtime::__impl_decode!(#name);)
    });
    quote! { #item #decoder #event_methods #decode_impl }
}

fn struct_def(model: &Model, id: TypeId, s: &Struct, operation: Option<&Operation>, docs: &DocBlocks) -> TokenStream {
    let def = model.ty(id);
    let name = ident(&def.name);
    let doc = docs.attr(&def.doc);
    let fields = s.fields.iter().map(|field| {
        let field_name = ident(&field.ident.rust);
        let ty = moved(field_type(model, field, def.module));
        let doc = moved(docs.attr(&field.doc));
        let mut serde_args = Vec::new();
        if field.ident.renamed() {
            let wire = &field.ident.wire;
            serde_args.push(quote!(rename = #wire));
        }
        // Stripe sends nullable fields as `null` even when not required; only fields that are
        // neither required nor nullable may be absent, so only those are skipped when `None`.
        if !field.required && !field.nullable {
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        let serde_attr = (def.in_response && !serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        moved(quote! { #doc #serde_attr pub #field_name: #ty })
    });
    let serde_derives = def.in_response.then(|| quote!(, serde::Serialize));
    let deserialize = def.in_response.then(deserialize_derive);
    let all_optional = s.fields.iter().all(Field::optional);
    let default_derive = (def.in_request && all_optional).then(|| quote!(, Default));
    let object_impl = s.id_field().filter(|_| model.is_object(id)).map(|field| {
        let optional = field.optional().then(|| quote!(optional));
        quote!(stripe_runtime::__impl_object!(#name #optional);)
    });
    // What the generated fields do not cover: the fields of an answer newer than the spec, and
    // parameters newer than it. Private, so a field added by a spec update breaks no user code.
    let unknown_fields = def.in_response.then(|| {
        quote! {
            #[serde(flatten)]
            unknown_fields: serde_json::Map<String, serde_json::Value>
        }
    });
    // Never serialized: an answer serializes as the JSON it came from.
    let skip = def.in_response.then(|| quote!(#[serde(skip)]));
    let extra_params = def.in_request.then(|| quote!(#skip extra_params: stripe_runtime::__codegen::ExtraParams));
    // A component both answers and parameters (a spec may `$ref` one from a form) has both.
    let private = [unknown_fields, extra_params].into_iter().flatten();
    let methods = match def.in_request {
        true => {
            let accessor = def.in_response.then(|| quote!(stripe_runtime::__unknown_fields_accessor!();));
            let (request_methods, form_impl) = request_impls(model, def, s, operation, docs);
            quote! {
                impl #name {
                    #accessor
                    #request_methods
                }
                #form_impl
            }
        }
        // An answer type's only method, and its `impl` block, in one line.
        false if def.in_response => quote!(stripe_runtime::__unknown_fields_accessor!(#name);),
        false => TokenStream::new(),
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq #default_derive #serde_derives)]
        #deserialize
        pub struct #name { #(#fields,)* #(#private),* }
        #methods
        #object_impl
    }
}

/// serde's `Deserialize`, for users' own serde code, behind the crate's `deserialize` feature:
/// operations, pagers and webhooks decode with the generated `FromJson`, and the derive costs
/// every build's compile time and memory.
fn deserialize_derive() -> TokenStream {
    quote!(#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))])
}

/// The methods of a parameters type (constructor with the required fields, one setter per
/// optional field, `extra_param`, and the operation's `send` methods if these are its
/// parameters), and its form encoding.
fn request_impls(
    model: &Model,
    def: &TypeDef,
    s: &Struct,
    operation: Option<&Operation>,
    docs: &DocBlocks,
) -> (TokenStream, TokenStream) {
    let name = ident(&def.name);
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.optional()).collect();
    let args = required.iter().map(|f| {
        let arg = ident(&f.ident.rust);
        let ty = moved(setter_type(model, &f.ty, def.module));
        moved(quote!(#arg: #ty))
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.ident.rust);
        if f.optional() {
            moved(quote!(#field: None))
        } else {
            let value = setter_value(&f.ty, quote!(#field));
            let value = moved(if f.boxed { quote!(Box::new(#value)) } else { value });
            moved(quote!(#field: #value))
        }
    });
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor = if required.is_empty() {
        quote! {
            #[doc = " Parameters with nothing set."]
            pub fn new() -> Self { <Self as ::core::default::Default>::default() }
        }
    } else {
        quote! {
            #[doc = " Parameters with the required fields set."]
            #too_many
            pub fn new(#(#args),*) -> Self { Self { #(#inits,)* extra_params: ::core::default::Default::default() } }
        }
    };
    let setters = s.fields.iter().filter(|f| f.optional()).map(|f| {
        let field = ident(&f.ident.rust);
        let setter = ident(&f.setter);
        let ty = moved(setter_type(model, &f.ty, def.module));
        let value = setter_value(&f.ty, quote!(value));
        let value = moved(if f.boxed { quote!(Box::new(#value)) } else { value });
        let doc = moved(docs.attr(&f.doc));
        moved(quote! {
            #doc
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field = Some(#value);
                self
            }
        })
    });
    // Each field by its name, and its wire name where the name as written is not the wire name
    // (`r#type = "type"`): the macro spells the others with `stringify!`.
    let writes = s.fields.iter().filter(|f| !f.in_path).map(|f| {
        let field = ident(&f.ident.rust);
        let wire = (f.ident.rust != f.ident.wire).then(|| {
            let wire = &f.ident.wire;
            moved(quote!(= #wire))
        });
        moved(quote!(#field #wire))
    });
    let (send, operation_impl) = operation.map(|o| operations::operation_methods(model, o)).unzip();
    let methods = quote! {
        #constructor
        #(#setters)*
        stripe_runtime::__extra_param_setter!();
        #send
    };
    let form = quote! {
        stripe_runtime::__form_value!(#name { #(#writes),* });
        #operation_impl
    };
    (methods, form)
}

fn setter_type(model: &Model, ty: &Ty, from: ModuleId) -> TokenStream {
    match ty {
        Ty::List(inner) => {
            let inner = ty_tokens(model, inner, from);
            quote!(impl IntoIterator<Item = impl Into<#inner>>)
        }
        _ => {
            let ty = ty_tokens(model, ty, from);
            quote!(impl Into<#ty>)
        }
    }
}

fn setter_value(ty: &Ty, value: TokenStream) -> TokenStream {
    match ty {
        Ty::List(_) => quote!(#value.into_iter().map(Into::into).collect()),
        _ => quote!(#value.into()),
    }
}

fn enum_def(def: &TypeDef, variants: &[Variant], docs: &DocBlocks) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs.attr(&def.doc);
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.ident.rust);
        let doc = moved(docs.attr(&v.doc));
        moved(quote!(#doc #variant))
    });
    let to_wire = variants.iter().map(|v| {
        let variant = ident(&v.ident.rust);
        let wire = &v.ident.wire;
        moved(quote!(Self::#variant => #wire))
    });
    let from_wire = variants.iter().map(|v| {
        let variant = ident(&v.ident.rust);
        let wire = &v.ident.wire;
        moved(quote!(#wire => Self::#variant))
    });
    // The two tables stay here, one line per value, so a spec update's new value is a one-line
    // diff; the impls that follow from them (`FromStr`, `Display`, serde, form encoding) are
    // written once, in the runtime's macro.
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls,)*
            #[doc = " A value this version of the crate does not know; `as_str` gives it as sent."]
            Unknown(crate::UnknownValue),
        }
        impl #name {
            #[doc = " The value as Stripe spells it."]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire,)*
                    other => Self::Unknown(crate::UnknownValue::new(other)),
                }
            }
        }
        stripe_runtime::string_enum!(#name);
    }
}

fn union_def(model: &Model, id: TypeId, variants: &[UnionVariant], docs: &DocBlocks) -> TokenStream {
    let def = model.ty(id);
    let name = ident(&def.name);
    let doc = docs.attr(&def.doc);
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let mut ty = ty_tokens(model, &v.ty, def.module);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        let doc = docs.attr(&v.doc);
        quote!(#doc #variant(#ty))
    });
    let serde_derives = def.in_response.then(|| quote!(, serde::Serialize));
    let deserialize = def.in_response.then(deserialize_derive);
    let untagged = def.in_response.then(|| quote!(#[serde(untagged)]));
    let arms = variants.iter().map(|v| ident(&v.name)).collect::<Vec<_>>();
    let object_impl = model.is_object(id).then(|| quote!(stripe_runtime::__union_object!(#name { #(#arms),* });));
    let form_impl = def.in_request.then(|| quote!(stripe_runtime::__union_form_value!(#name { #(#arms),* });));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq #serde_derives)]
        #deserialize
        #untagged
        // Stripe may add an alternative in a spec update.
        #[non_exhaustive]
        pub enum #name { #(#decls,)* }
        #object_impl
        #form_impl
    }
}

mod decode;
mod doc_comments;
mod events;
mod operations;
#[cfg(test)]
mod tests;
