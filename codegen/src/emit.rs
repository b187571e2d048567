//! Phase 3: model to Rust tokens, one `TokenStream` per module. Reads the model only.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{
    Field, Method, Model, ModuleId, Operation, Struct, Ty, TypeDef, TypeId, TypeKind, UnionVariant, Variant,
};
use crate::names;

/// An identifier token, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(bare) => Ident::new_raw(bare, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn doc_attrs(doc: &str) -> TokenStream {
    let lines = doc.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote! { #(#[doc = #lines])* }
}

fn doc_or(doc: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    match doc {
        Some(doc) => doc_attrs(doc),
        None => doc_attrs(&fallback()),
    }
}

/// Emits the items of one module.
pub fn module(model: &Model, id: ModuleId) -> TokenStream {
    let module = &model.modules[id.0];
    let types = module.types.iter().map(|&t| type_def(model, t));
    let operations = module.operations.iter().map(|&o| operation(model, &model.operations[o]));
    quote! { #(#types)* #(#operations)* }
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
            let inner = ty_tokens(model, inner, from);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty_tokens(model, inner, from);
            quote!(std::collections::HashMap<String, #inner>)
        }
        Ty::StripeList(inner) => {
            let inner = ty_tokens(model, inner, from);
            quote!(stripe_runtime::List<#inner>)
        }
        Ty::Expandable(inner) => {
            let inner = ty_tokens(model, inner, from);
            quote!(stripe_runtime::Expandable<#inner>)
        }
        Ty::Unsettable(inner) => {
            let inner = ty_tokens(model, inner, from);
            quote!(stripe_runtime::Unsettable<#inner>)
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
        ty = quote!(Box<#ty>);
    }
    if field.optional() {
        ty = quote!(Option<#ty>);
    }
    ty
}

fn type_def(model: &Model, id: TypeId) -> TokenStream {
    let def = model.ty(id);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(model, def, s),
        TypeKind::Enum(variants) => enum_def(def, variants),
        TypeKind::Union(variants) => union_def(model, def, variants),
    }
}

fn struct_def(model: &Model, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_or(def.doc.as_deref(), || format!("The `{}` object.", def.name));
    let fields = s.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let ty = field_type(model, field, def.module);
        let doc = doc_or(field.doc.as_deref(), || format!("The `{}` field.", field.wire_name));
        let mut serde_args = Vec::new();
        if names::bare(&field.rust_name) != field.wire_name {
            let wire = &field.wire_name;
            serde_args.push(quote!(rename = #wire));
        }
        // Stripe sends nullable fields as `null` even when not required; only fields that are
        // neither required nor nullable may be absent, so only those are skipped when `None`.
        if !field.required && !field.nullable {
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        let serde_attr = (def.in_response && !serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        quote! { #doc #serde_attr pub #field_name: #ty }
    });
    let serde_derives = def.in_response.then(|| quote!(, serde::Serialize, serde::Deserialize));
    let all_optional = s.fields.iter().all(Field::optional);
    let default_derive = (def.in_request && all_optional).then(|| quote!(, Default));
    let object_impl = (def.in_response && s.has_id()).then(|| {
        quote! {
            impl stripe_runtime::Object for #name {
                fn id(&self) -> &str { &self.id }
            }
        }
    });
    let request_impls = def.in_request.then(|| request_impls(model, def, s));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq #default_derive #serde_derives)]
        pub struct #name { #(#fields,)* }
        #object_impl
        #request_impls
    }
}

/// Constructor with the required fields, one setter per optional field, and form encoding.
fn request_impls(model: &Model, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.optional()).collect();
    let args = required.iter().map(|f| {
        let arg = ident(&f.rust_name);
        let ty = setter_type(model, &f.ty, def.module);
        quote!(#arg: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.optional() {
            quote!(#field: None)
        } else {
            let value = setter_value(&f.ty, quote!(#field));
            let value = if f.boxed { quote!(Box::new(#value)) } else { value };
            quote!(#field: #value)
        }
    });
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor = if required.is_empty() {
        quote! {
            #[doc = " Parameters with nothing set."]
            pub fn new() -> Self { Self::default() }
        }
    } else {
        quote! {
            #[doc = " Parameters with the required fields set."]
            #too_many
            pub fn new(#(#args),*) -> Self { Self { #(#inits,)* } }
        }
    };
    let setters = s.fields.iter().filter(|f| f.optional()).map(|f| {
        let field = ident(&f.rust_name);
        let setter = match names::bare(&f.rust_name) {
            "new" | "send" | "send_with" => ident(&format!("with_{}", names::bare(&f.rust_name))),
            _ => field.clone(),
        };
        let ty = setter_type(model, &f.ty, def.module);
        let value = setter_value(&f.ty, quote!(value));
        let value = if f.boxed { quote!(Box::new(#value)) } else { value };
        let doc = doc_or(f.doc.as_deref(), || format!("Sets `{}`.", f.wire_name));
        quote! {
            #doc
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field = Some(#value);
                self
            }
        }
    });
    let writes: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| !f.in_path)
        .map(|f| {
            let field = ident(&f.rust_name);
            let wire = &f.wire_name;
            quote!(writer.field(#wire, &self.#field);)
        })
        .collect();
    // Parameters that all go into the path leave nothing for the form.
    let writer = if writes.is_empty() { quote!(_writer) } else { quote!(writer) };
    quote! {
        impl #name {
            #constructor
            #(#setters)*
        }
        impl stripe_runtime::FormValue for #name {
            fn write_form(&self, #writer: &mut stripe_runtime::FormWriter) {
                #(#writes)*
            }
        }
    }
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

fn enum_def(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_or(def.doc.as_deref(), || format!("Values of `{}`.", def.name));
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = format!(" `{}`", v.wire);
        quote!(#[doc = #doc] #variant)
    });
    let to_wire = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote!(Self::#variant => #wire)
    });
    let from_wire = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote!(#wire => Self::#variant)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls,)*
            #[doc = " A value this version of the crate does not know; `as_str` gives it as sent."]
            Unknown(stripe_runtime::UnknownValue),
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
                    other => Self::Unknown(stripe_runtime::UnknownValue::new(other)),
                }
            }
        }
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                stripe_runtime::enums::deserialize_str_enum(deserializer)
            }
        }
        impl stripe_runtime::FormValue for #name {
            fn write_form(&self, writer: &mut stripe_runtime::FormWriter) {
                writer.scalar(self.as_str());
            }
        }
    }
}

fn union_def(model: &Model, def: &TypeDef, variants: &[UnionVariant]) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_or(def.doc.as_deref(), || format!("One of the shapes of `{}`.", def.name));
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut ty = ty_tokens(model, &v.ty, def.module);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        let doc = format!(" The `{}` shape.", v.rust_name);
        quote!(#[doc = #doc] #variant(#ty))
    });
    let serde_derives = def.in_response.then(|| quote!(, serde::Serialize, serde::Deserialize));
    let untagged = def.in_response.then(|| quote!(#[serde(untagged)]));
    let all_objects = variants.iter().all(|v| match &v.ty {
        Ty::Named(id) => matches!(&model.ty(*id).kind, TypeKind::Struct(s) if s.has_id()),
        _ => false,
    });
    let arms = variants.iter().map(|v| ident(&v.rust_name)).collect::<Vec<_>>();
    let objects = variants.iter().map(|v| if v.boxed { quote!(&**object) } else { quote!(object) });
    let object_impl = (def.in_response && all_objects).then(|| {
        quote! {
            impl stripe_runtime::Object for #name {
                fn id(&self) -> &str {
                    match self { #(Self::#arms(object) => stripe_runtime::Object::id(#objects),)* }
                }
            }
        }
    });
    let form_impl = def.in_request.then(|| {
        quote! {
            impl stripe_runtime::FormValue for #name {
                fn write_form(&self, writer: &mut stripe_runtime::FormWriter) {
                    match self { #(Self::#arms(value) => value.write_form(writer),)* }
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq #serde_derives)]
        #untagged
        pub enum #name { #(#decls,)* }
        #object_impl
        #form_impl
    }
}

fn operation(model: &Model, operation: &Operation) -> TokenStream {
    let params = model.ty(operation.params);
    let name = ident(&params.name);
    let returns = ty_tokens(model, &operation.returns, operation.module);
    let method = match operation.method {
        Method::Get => quote!(stripe_runtime::Method::Get),
        Method::Post => quote!(stripe_runtime::Method::Post),
        Method::Delete => quote!(stripe_runtime::Method::Delete),
    };
    let verb = match operation.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Delete => "DELETE",
    };
    let send_doc = format!(" Sends `{verb} {}` with these parameters and decodes the answer.", operation.path);
    let TypeKind::Struct(s) = &params.kind else { unreachable!("operation parameters are a struct") };
    // Each path parameter is encoded into a local named after it, captured by `format!`.
    let mut template = operation.path.clone();
    let mut segments = Vec::new();
    for (i, field) in s.fields.iter().filter(|f| f.in_path).enumerate() {
        let local = match field.rust_name.as_str() {
            plain if !plain.starts_with("r#") && !["body", "client", "options"].contains(&plain) => plain.to_owned(),
            _ => format!("segment{i}"),
        };
        template = template.replace(&format!("{{{}}}", field.wire_name), &format!("{{{local}}}"));
        let (local, value) = (ident(&local), ident(&field.rust_name));
        segments.push(quote! { let #local = stripe_runtime::form::encode_path_segment(&self.#value.to_string()); });
    }
    let path = if segments.is_empty() { quote!(#template) } else { quote!(&format!(#template)) };
    quote! {
        impl #name {
            #[doc = #send_doc]
            pub async fn send(&self, client: &stripe_runtime::Client) -> Result<#returns, stripe_runtime::Error> {
                self.send_with(client, &stripe_runtime::RequestOptions::default()).await
            }
            #[doc = " Like `send`, with per-request options: idempotency key, `Stripe-Account`, API version."]
            pub async fn send_with(
                &self,
                client: &stripe_runtime::Client,
                options: &stripe_runtime::RequestOptions,
            ) -> Result<#returns, stripe_runtime::Error> {
                #(#segments)*
                let body = stripe_runtime::form::to_form_body(self);
                client.execute(#method, #path, body, crate::API_VERSION, options).await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::ModuleId;
    use crate::render::format_tokens;
    use crate::test_support::widget_model;

    /// A resource with a keyword field, optional/nullable fields, an enum, a recursive field, a
    /// reference into another resource's module, and a create operation with a path parameter.
    fn emitted() -> String {
        let schemas = json!({
            "thing.widget": {
                "type": "object", "x-resourceId": "thing.widget", "required": ["id", "type", "maker"],
                "properties": {
                    "id": {"type": "string"},
                    "type": {"type": "string", "enum": ["big", "zh-HK"], "description": "How big."},
                    "note": {"type": "string"},
                    "label": {"type": "string", "nullable": true},
                    "parent": {"anyOf": [{"$ref": "#/components/schemas/thing.widget"}], "nullable": true},
                    "maker": {"$ref": "#/components/schemas/maker"}
                }
            },
            "maker": {"type": "object", "x-resourceId": "maker", "required": ["id"], "properties": {"id": {"type": "string"}}}
        });
        let list = json!({"type": "object", "properties": {
            "object": {"type": "string", "enum": ["list"]}, "has_more": {"type": "boolean"}, "url": {"type": "string"},
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/thing.widget"}}}});
        let paths = json!({"/v1/shelves/{shelf}/widgets": {
        "get": {
            "operationId": "GetWidgets",
            "parameters": [{"name": "shelf", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": list}}}}
        },
        "post": {
            "operationId": "PostWidgets", "description": "<p>Creates a widget.</p>",
            "parameters": [{"name": "shelf", "in": "path", "required": true, "schema": {"type": "string"}}],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}}
        }}});
        let model = widget_model(schemas, paths);
        format_tokens(super::module(&model, ModuleId(0)), "test").unwrap()
    }

    fn assert_contains_all(code: &str, fragments: &[&str]) {
        for fragment in fragments {
            assert!(code.contains(fragment), "missing:\n{fragment}\nin:\n{code}");
        }
    }

    #[test]
    fn response_structs_follow_the_field_rules() {
        let code = emitted();
        assert_contains_all(
            &code,
            &[
                "#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]\npub struct Widget {",
                // serde reads raw identifiers without `r#`, so `type` needs no rename.
                "    /// How big.\n    pub r#type: WidgetType,",
                "    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub note: Option<String>,",
                "    pub label: Option<String>,",
                "    pub parent: Option<Box<Widget>>,",
                "    pub maker: crate::maker::Maker,",
                "impl stripe_runtime::Object for Widget {",
            ],
        );
        assert!(
            !code.contains("#[serde(skip_serializing_if = \"Option::is_none\")]\n    pub label"),
            "nullable fields encode null"
        );
    }

    #[test]
    fn enums_are_forward_compatible() {
        let code = emitted();
        assert_contains_all(
            &code,
            &[
                "#[non_exhaustive]\npub enum WidgetType {",
                "    /// `zh-HK`\n    ZhHk,",
                "    Unknown(stripe_runtime::UnknownValue),",
                "            \"zh-HK\" => Self::ZhHk,",
                "            other => Self::Unknown(stripe_runtime::UnknownValue::new(other)),",
                "            Self::Unknown(value) => value.as_str(),",
                "stripe_runtime::enums::deserialize_str_enum(deserializer)",
            ],
        );
    }

    #[test]
    fn operations_get_a_constructor_setters_form_encoding_and_send() {
        let code = emitted();
        assert_contains_all(
            &code,
            &[
            "/// Creates a widget.\n#[derive(Clone, Debug, PartialEq)]\npub struct CreateWidget {",
            "pub fn new(shelf: impl Into<String>, name: impl Into<String>) -> Self {",
            "pub fn tags(mut self, value: impl IntoIterator<Item = impl Into<String>>) -> Self {",
            "writer.field(\"name\", &self.name);\n        writer.field(\"tags\", &self.tags);\n    }",
            "pub async fn send(\n        &self,\n        client: &stripe_runtime::Client,\n    ) -> Result<Widget, stripe_runtime::Error> {",
            "let shelf = stripe_runtime::form::encode_path_segment(&self.shelf.to_string());",
            "&format!(\"/v1/shelves/{shelf}/widgets\"),",
            "crate::API_VERSION",
            "pub struct ListWidgets {",
            ") -> Result<stripe_runtime::List<Widget>, stripe_runtime::Error> {",
            "stripe_runtime::Method::Get",
        ],
        );
        assert!(!code.contains("writer.field(\"shelf\""), "path parameters are not form fields");
    }
}
