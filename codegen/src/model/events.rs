//! Events: the `event` resource typed for webhooks, the one `Event` of every selection.
//!
//! Stripe's spec types an event's `type` as a string and its `data.object` as any object. When the
//! spec has the `event` resource and the list of event names (the `enabled_events` of
//! `POST /v1/webhook_endpoints`), [`type_events`] rewrites the event's entries before anything is
//! homed or named:
//! - `type` becomes a string enum of those names (`*`, which means "all", left out), named by the
//!   usual rule: owner + field, `EventType`;
//! - `data.object` becomes a [`TypeKind::Objects`] (owner + field, `NotificationEventDataObject`),
//!   its variants left for [`choose_objects`];
//! - `data.previous_attributes` stays raw JSON (`serde_json::Value`).
//!
//! Every selection then starts from the event as well, so it always has its one `Event` (selecting
//! the `event` resource only adds its operations). Once the selection is known, [`choose_objects`]
//! gives the objects enum one variant per selected resource that has a single `object` value (the
//! resource's tag on the wire), except `deleted_` resources (they share their resource's value)
//! and the event itself. Nothing here applies to a spec without events.

use super::registry::{Entry, Origin, Registry};
use super::{Field, Method, ObjectVariant, Ty, TypeId, TypeKind, Variant};
use crate::names::Ident;

/// The `x-resourceId` of Stripe's event.
const EVENT: &str = "event";
/// The operation whose `enabled_events` parameter lists every event name.
const ENDPOINTS: (Method, &str) = (Method::Post, "/v1/webhook_endpoints");

/// The entries [`type_events`] typed.
#[derive(Clone, Copy, Debug)]
pub(super) struct EventParts {
    /// The event resource.
    pub event: TypeId,
    /// The enum of its `data.object`.
    pub objects: TypeId,
}

impl EventParts {
    /// The same parts after dedup replaced entries by their representatives.
    pub fn representatives(self, representative: &[TypeId]) -> EventParts {
        EventParts { event: representative[self.event.0], objects: representative[self.objects.0] }
    }
}

/// Types the event's `type` and `data` (see the module docs); `None`, changing nothing, when the
/// spec has no event resource, no list of event names, or an event of another shape.
pub(super) fn type_events(registry: &mut Registry) -> Option<EventParts> {
    let Some((_, Ty::Named(event))) = registry.resources.iter().find(|(id, _)| id == EVENT) else { return None };
    let event = *event;
    let names = event_names(registry)?;
    let type_field = field_index(registry, event, "type", |ty| *ty == Ty::String)?;
    let data_field = field_index(registry, event, "data", |ty| matches!(ty, Ty::Named(_)))?;
    let Ty::Named(data) = struct_field(registry, event, data_field).ty else { unreachable!("checked above") };
    let object_field = field_index(registry, data, "object", |_| true)?;

    let event_type = inline(registry, event, "type", "Type", TypeKind::Enum(names), "The names of Stripe's events.");
    let objects_doc = "The object an event is about: one of this crate's objects, chosen by its `object` field, \
                       or any other object as JSON.";
    let objects = inline(registry, data, "object", "Object", TypeKind::Objects(Vec::new()), objects_doc);
    struct_field(registry, event, type_field).ty = Ty::Named(event_type);
    struct_field(registry, data, object_field).ty = Ty::Named(objects);
    if let Some(previous) = field_index(registry, data, "previous_attributes", |_| true) {
        struct_field(registry, data, previous).ty = Ty::Json;
    }
    Some(EventParts { event, objects })
}

/// Gives the objects enum its variants: the resources of `included` that have a single `object`
/// value, in spec order, except `deleted_` ones and the event.
pub(super) fn choose_objects(registry: &mut Registry, parts: EventParts, included: &[bool]) {
    let mut variants: Vec<ObjectVariant> = Vec::new();
    for (id, ty) in &registry.resources {
        let Ty::Named(resource) = *ty else { continue };
        if id.starts_with("deleted_") || resource == parts.event || !included[resource.0] {
            continue;
        }
        let Some(tag) = object_tag(registry, resource) else { continue };
        if variants.iter().all(|v| v.ident.wire != tag) {
            let doc = format!("An object whose `object` is `{tag}`.");
            variants.push(ObjectVariant {
                ident: Ident { wire: tag.to_owned(), rust: String::new() },
                doc,
                ty: ty.clone(),
            });
        }
    }
    registry.entries[parts.objects.0].kind = TypeKind::Objects(variants);
}

/// Spells the variants' Rust names as an enum's values are spelled (`billing_portal.session` →
/// `BillingPortalSession`); `Other`, the variant of any other object, is not one of them.
pub(super) fn name_objects(variants: &mut [ObjectVariant]) {
    let names = super::naming::variants(variants.iter().map(|v| v.ident.wire.as_str()));
    for (variant, name) in variants.iter_mut().zip(names) {
        variant.ident.rust = if name.ident.rust == "Other" { "Other_".to_owned() } else { name.ident.rust };
    }
}

/// The `object` value of a struct whose `object` field is an enum of one value.
fn object_tag(registry: &Registry, id: TypeId) -> Option<&str> {
    let TypeKind::Struct(s) = &registry.entries[id.0].kind else { return None };
    let Ty::Named(tag) = s.fields.iter().find(|f| f.ident.wire == "object")?.ty else { return None };
    match &registry.entries[tag.0].kind {
        TypeKind::Enum(values) if values.len() == 1 => Some(&values[0].ident.wire),
        _ => None,
    }
}

/// Every event name: the values of `enabled_events` of `POST /v1/webhook_endpoints`, but `*`.
fn event_names(registry: &Registry) -> Option<Vec<Variant>> {
    let op = registry.operations.iter().find(|op| (op.method, op.path.as_str()) == ENDPOINTS)?;
    let TypeKind::Struct(params) = &registry.entries[op.params.0].kind else { return None };
    let Ty::List(item) = &params.fields.iter().find(|f| f.ident.wire == "enabled_events")?.ty else { return None };
    let Ty::Named(names) = **item else { return None };
    let TypeKind::Enum(values) = &registry.entries[names.0].kind else { return None };
    Some(values.iter().filter(|v| v.ident.wire != "*").cloned().collect())
}

/// The position of `owner`'s field `wire`, if its type passes `check`.
fn field_index(registry: &Registry, owner: TypeId, wire: &str, check: impl Fn(&Ty) -> bool) -> Option<usize> {
    let TypeKind::Struct(s) = &registry.entries[owner.0].kind else { return None };
    s.fields.iter().position(|f| f.ident.wire == wire && check(&f.ty))
}

fn struct_field(registry: &mut Registry, owner: TypeId, index: usize) -> &mut Field {
    match &mut registry.entries[owner.0].kind {
        TypeKind::Struct(s) => &mut s.fields[index],
        _ => unreachable!("field_index found a struct"),
    }
}

/// A new inline type of `owner`'s field `field`, named owner + `suffix`.
fn inline(registry: &mut Registry, owner: TypeId, field: &str, suffix: &str, kind: TypeKind, doc: &str) -> TypeId {
    let owner_entry = &registry.entries[owner.0];
    let pointer = format!("{}/properties/{field}", owner_entry.pointer);
    let names = vec![format!("{}{suffix}", owner_entry.names[0])];
    let origin = Origin::Inline { owner: Some(owner), field: field.to_owned(), title: None, suffix: suffix.to_owned() };
    registry.push(Entry { pointer, kind, description: Some(doc.to_owned()), origin, names, request: false })
}

#[cfg(test)]
mod tests;
