//! The typed event's parts: the enum of objects told apart by their `object` field, and the
//! event's check of its API version.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, ty_tokens, DocBlocks};
use crate::model::{Field, Model, ObjectVariant, Ty, TypeId, TypeKind};

/// An enum of objects ([`TypeKind::Objects`]): one boxed variant per object and `Other` for the
/// rest. It decodes through `stripe_runtime::__codegen::RawObject`, which reads the `object` field first; an
/// object whose type is not here, or which does not decode into its type, becomes `Other`.
pub(super) fn objects_def(model: &Model, id: TypeId, variants: &[ObjectVariant], docs: &DocBlocks) -> TokenStream {
    let def = model.ty(id);
    let name = ident(&def.name);
    let doc = docs.attr(&def.doc);
    let arms: Vec<_> = variants.iter().map(|v| ident(&v.ident.rust)).collect();
    let tags: Vec<&str> = variants.iter().map(|v| v.ident.wire.as_str()).collect();
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.ident.rust);
        let ty = ty_tokens(model, &v.ty, def.module);
        let doc = docs.attr(&v.doc);
        quote!(#doc #variant(Box<#ty>))
    });
    let ids = variants.iter().map(|v| {
        let variant = ident(&v.ident.rust);
        match v.ty {
            Ty::Named(ty) if model.is_object(ty) => {
                quote!(Self::#variant(object) => Some(stripe_runtime::Object::id(&**object)))
            }
            _ => quote!(Self::#variant(_) => None),
        }
    });
    // With no object of its own, everything is `Other` (a match would have one arm).
    let decode = if variants.is_empty() {
        quote!(raw.to_value().map(Self::Other).map_err(serde::de::Error::custom))
    } else {
        quote! {
            let typed = match raw.object() {
                #(Some(#tags) => raw.decode().ok().map(|object| Self::#arms(Box::new(object))),)*
                _ => None,
            };
            match typed {
                Some(typed) => Ok(typed),
                None => raw.to_value().map(Self::Other).map_err(serde::de::Error::custom),
            }
        }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls,)*
            #[doc = " Any other object, as sent: one of a type this crate does not have, or one that did not"]
            #[doc = " decode into its type (an event rendered for another API version may differ)."]
            Other(serde_json::Value),
        }
        impl #name {
            #[doc = " The object's `object` field: Stripe's name of its type (`customer`), if it has one."]
            pub fn object_type(&self) -> Option<&str> {
                match self {
                    #(Self::#arms(_) => Some(#tags),)*
                    Self::Other(value) => value.get("object").and_then(serde_json::Value::as_str),
                }
            }
            #[doc = " The object's id, if it has one."]
            pub fn id(&self) -> Option<&str> {
                match self {
                    #(#ids,)*
                    Self::Other(value) => value.get("id").and_then(serde_json::Value::as_str),
                }
            }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#arms(object) => serde::Serialize::serialize(object, serializer),)*
                    Self::Other(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
        #[cfg(feature = "deserialize")]
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = stripe_runtime::__codegen::RawObject::deserialize(deserializer)?;
                #decode
            }
        }
    }
}

/// For the model's event: `api_version_mismatch`, the version its `data` was rendered with when
/// that is not the crate's. Nothing for any other type, or for an event without `api_version`.
pub(super) fn event_methods(model: &Model, id: TypeId) -> TokenStream {
    if model.event != Some(id) {
        return TokenStream::new();
    }
    let TypeKind::Struct(s) = &model.ty(id).kind else { return TokenStream::new() };
    let Some(field) = s.fields.iter().find(|f| f.ident.wire == "api_version" && f.ty == Ty::String) else {
        return TokenStream::new();
    };
    let name = ident(&model.ty(id).name);
    let version = version(field);
    quote! {
        impl #name {
            #[doc = " The API version this event's `data` was rendered with, when it is not the one this crate"]
            #[doc = " was generated from ([`crate::API_VERSION`]); `None` when they match or the"]
            #[doc = " event does not say. The event still decodes: fields the crate's types do not have are"]
            #[doc = " ignored, and an object that does not decode into its type is kept as JSON."]
            pub fn api_version_mismatch(&self) -> Option<&str> {
                #version.filter(|version| *version != crate::API_VERSION)
            }
        }
    }
}

fn version(field: &Field) -> TokenStream {
    let name = ident(&field.ident.rust);
    if field.optional() {
        quote!(self.#name.as_deref())
    } else {
        quote!(Some(self.#name.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::{build, Selection};
    use crate::test_support::spec;

    /// The module `event` of a spec with an event, a widget and the list of event names, as text.
    fn event_module(selection: &[&str]) -> String {
        let resource = |id: &str| {
            json!({"type": "object", "x-resourceId": id, "required": ["id"], "properties": {
                "id": {"type": "string"}, "object": {"type": "string", "enum": [id]}
            }})
        };
        let mut event = resource("event");
        event["properties"]["type"] = json!({"type": "string"});
        event["properties"]["api_version"] = json!({"type": "string", "nullable": true});
        event["properties"]["data"] = json!({"type": "object", "properties": {"object": {"type": "object"}}});
        let names = json!({"type": "array", "items": {"type": "string", "enum": ["*", "thing.widget.created"]}});
        let body = json!({"type": "object", "properties": {"enabled_events": names}});
        let ok = json!({"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/thing.widget"}}}}});
        let paths = json!({"/v1/webhook_endpoints": {"post": {"operationId": "PostWebhookEndpoints", "responses": ok,
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": body}}}}}});
        let text = spec(json!({"event": event, "thing.widget": resource("thing.widget")}), paths);
        let loaded = crate::load::parse("t.json", crate::load::Format::Json, text.as_bytes()).unwrap();
        let model =
            build(&loaded.api, "t.json", &Selection::Resources(selection.iter().map(|s| s.to_string()).collect()))
                .unwrap();
        let id = model.modules.iter().position(|m| m.path == ["event"]).map(crate::model::ModuleId).unwrap();
        crate::format::module(super::super::module(&model, id), "event").unwrap()
    }

    #[test]
    fn objects_decode_by_their_object_field_and_the_event_checks_its_version() {
        let source = event_module(&["thing.widget"]);
        for expected in [
            "pub struct EventData {",
            "    pub object: Option<EventDataObject>,",
            "pub enum EventDataObject {",
            "    ThingWidget(Box<crate::thing::widget::Widget>),",
            "    Other(serde_json::Value),",
            "let raw = stripe_runtime::__codegen::RawObject::deserialize(deserializer)?;",
            "Some(\"thing.widget\") => {",
            "Self::ThingWidget(object) => Some(stripe_runtime::Object::id(&**object)),",
            "pub fn api_version_mismatch(&self) -> Option<&str> {",
            "self.api_version.as_deref().filter(|version| *version != crate::API_VERSION)",
            "    ThingWidgetCreated,",
        ] {
            assert!(source.contains(expected), "{expected} in\n{source}");
        }
        assert!(!source.contains("\"*\""), "`*` is not an event name");
    }

    #[test]
    fn without_objects_of_its_own_everything_is_other() {
        let source = event_module(&["event"]);
        assert!(source.contains("pub enum EventDataObject {\n"), "{source}");
        assert!(!source.contains("raw.object()"), "no match with a single arm: {source}");
        assert!(source.contains("raw.to_value().map(Self::Other).map_err(serde::de::Error::custom)"), "{source}");
    }
}
