//! Each answer type's decoder: `impl stripe_runtime::__codegen::FromJson`, a plain function over
//! the runtime's JSON reader. Unlike serde's derive, it is not generic over a deserializer, so it
//! is compiled once, in the generated crate, and applications never compile it again. It decodes
//! what the serde derive decodes, to the same value (the e2e tests compare them on Stripe's
//! fixtures), but for floats, which it reads exactly.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{ident, moved};
use crate::model::{Model, ObjectVariant, Struct, TypeId, TypeKind, UnionVariant};

/// The decoder of an answer type (`in_response`); nothing for other types and for string enums,
/// whose decoder comes with `stripe_runtime::string_enum!`.
pub(super) fn decoder(model: &Model, id: TypeId) -> TokenStream {
    let def = model.ty(id);
    if !def.in_response {
        return TokenStream::new();
    }
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => return struct_decoder(&name, s, def.in_request),
        TypeKind::Union(variants) => return union_decoder(&name, variants),
        TypeKind::Objects(variants) => objects_body(variants),
        TypeKind::Enum(_) => return TokenStream::new(),
    };
    quote! {
        impl stripe_runtime::__codegen::FromJson for #name {
            fn from_json(
                reader: &mut stripe_runtime::__codegen::Reader<'_>,
            ) -> stripe_runtime::__codegen::JsonResult<Self> {
                #body
            }
        }
    }
}

/// Members by wire name into their fields, any other into `unknown_fields`; then every required
/// field must have come. A field that is an `Option` is `None` when absent or `null`. Written with
/// `stripe_runtime::__struct_from_json!`: each field, its wire name, whether it is required and
/// its index (prettyplease flows a macro's arguments as text, not one field per line); then
/// `extra_params` for a type that is parameters too, which a decoded value starts empty.
fn struct_decoder(name: &Ident, s: &Struct, in_request: bool) -> TokenStream {
    let fields = s.fields.iter().enumerate().map(|(index, f)| {
        let (field, wire) = (ident(&f.ident.rust), &f.ident.wire);
        let kind = moved(if f.optional() { quote!(optional) } else { quote!(required) });
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        moved(quote!(#field: #wire #kind #index,))
    });
    let extra_params = in_request.then(|| quote!(extra_params));
    quote!(stripe_runtime::__struct_from_json!(#name { #(#fields)* } #extra_params);)
}

/// Each alternative in turn from the same place, as serde's `untagged` tries them: the first that
/// decodes is the value. Written with `stripe_runtime::__union_from_json!`, one line.
fn union_decoder(name: &Ident, variants: &[UnionVariant]) -> TokenStream {
    let variants = variants.iter().map(|v| ident(&v.name));
    quote!(stripe_runtime::__union_from_json!(#name { #(#variants),* });)
}

/// By the object's `object` field, into that variant's type; anything else (or an object that
/// does not decode into its type) as JSON in `Other`.
fn objects_body(variants: &[ObjectVariant]) -> TokenStream {
    if variants.is_empty() {
        return quote!(reader.value().map(Self::Other));
    }
    let tags = variants.iter().map(|v| v.ident.wire.as_str());
    let arms = variants.iter().map(|v| ident(&v.ident.rust));
    quote! {
        let start = reader.position();
        let typed = match stripe_runtime::__codegen::object_tag(reader)?.as_deref() {
            #(Some(#tags) => stripe_runtime::__codegen::FromJson::from_json(reader).ok().map(Self::#arms),)*
            _ => None,
        };
        match typed {
            Some(typed) => Ok(typed),
            None => {
                reader.reset(start);
                reader.value().map(Self::Other)
            }
        }
    }
}
