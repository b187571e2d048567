//! Selection: the model's steps in order, then the part of the named registry a selection reaches.
//!
//! Everything is converted, homed, merged and named over the whole spec first; a selection only
//! chooses which of those types and operations are emitted (the closure of its resources and
//! their operations), so a type has the same Rust path in every selection.

use crate::fast_hash::{FastMap, FastSet};

use openapiv3::OpenAPI;

use super::describe::Describer;
use super::registry::{named_in, references, Origin, Registry};
use super::{boxing, convert, dedup, events, homes, naming};
use super::{FormerPath, Model, Module, ModuleId, Operation, Ty, TypeDef, TypeId, TypeKind};
use crate::docs::rustdoc;
use crate::error::{Error, Result};
use crate::Leftovers;

/// Which part of the API to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// These resources (by `x-resourceId`), their operations, and everything they reference.
    Resources(Vec<String>),
    /// Every schema and every operation.
    All,
}

impl Default for Selection {
    fn default() -> Self {
        Selection::Resources(vec!["billing_portal.session".to_owned()])
    }
}

/// Builds the model of `selection` from `api`; `file` names the spec in errors.
pub fn build(api: &OpenAPI, file: &str, selection: &Selection) -> Result<Model> {
    build_leaving(api, file, selection, &[], &mut Leftovers::default())
}

/// [`build`], keeping the `former` paths of an earlier crate where they still name a type (see
/// [`former`](super::former)), its whole-spec working data (registry, homes, names) left in
/// `leftovers`.
pub fn build_leaving(
    api: &OpenAPI,
    file: &str,
    selection: &Selection,
    former: &[FormerPath],
    leftovers: &mut Leftovers,
) -> Result<Model> {
    let mut registry = convert::convert(api, file)?;
    let events = events::type_events(&mut registry);
    let mut homes = homes::assign(&registry);
    let mut merged = dedup::dedup(&mut registry, &mut homes);
    // Live: what the whole spec reaches once merged types point at the one that stands for them.
    let (all_roots, all_operations) = roots(&registry, &Selection::All, file)?;
    let mut live = closure(&registry, &all_roots, &all_operations);
    let mut names = naming::assign(&registry, &homes, &live, &merged.representative, file)?;
    while dedup::merge_same_names(&mut registry, &mut homes, &mut merged, &names, &live)
        || dedup::split_by_field(&mut registry, &mut homes, &mut merged, &names, &live)
    {
        live = closure(&registry, &all_roots, &all_operations);
        names = naming::assign(&registry, &homes, &live, &merged.representative, file)?;
    }

    let events = events.map(|parts| parts.representatives(&merged.representative));
    let (mut roots, operations) = roots(&registry, selection, file)?;
    roots.extend(events.map(|parts| Ty::Named(parts.event)));
    let included = closure(&registry, &roots, &operations);
    if let Some(parts) = events {
        events::choose_objects(&mut registry, parts, &included);
    }
    let mut response_roots = roots;
    response_roots.extend(operations.iter().map(|&op| registry.operations[op].returns.clone()));
    let request_roots: Vec<Ty> = operations.iter().map(|&op| Ty::Named(registry.operations[op].params)).collect();
    let event = events.map(|parts| parts.event);
    let describe = Describer::new(&registry, &names, &live);
    let model = Assembly { registry: &registry, homes: &homes, names: &names, describe: &describe, file, event }.model(
        &included,
        &operations,
        &response_roots,
        &request_roots,
    );
    drop(describe);
    let model = model.map(|mut model| {
        if !former.is_empty() {
            let entry_at: FastMap<&str, usize> =
                registry.entries.iter().enumerate().rev().map(|(i, e)| (e.pointer.as_str(), i)).collect();
            let type_at: FastMap<String, TypeId> =
                model.types.iter().enumerate().map(|(t, def)| (def.pointer.clone(), TypeId(t))).collect();
            let located = |pointer: &str| {
                let representative = merged.representative[*entry_at.get(pointer)?].0;
                type_at.get(&registry.entries[representative].pointer).copied()
            };
            model.former_paths = super::former::keep(&mut model, former, located);
        }
        model
    });
    leftovers.keep((registry, homes, merged, names, live));
    model
}

/// Which entries `roots` and `operations` reach.
fn closure(registry: &Registry, roots: &[Ty], operations: &[usize]) -> Vec<bool> {
    let mut included = vec![false; registry.entries.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for ty in roots.iter().chain(operations.iter().map(|&op| &registry.operations[op].returns)) {
        named_in(ty, &mut stack);
    }
    stack.extend(operations.iter().map(|&op| registry.operations[op].params));
    while let Some(id) = stack.pop() {
        if !std::mem::replace(&mut included[id.0], true) {
            references(&registry.entries[id.0].kind, &mut stack);
        }
    }
    included
}

/// The types and operations a selection starts from.
fn roots(registry: &Registry, selection: &Selection, file: &str) -> Result<(Vec<Ty>, Vec<usize>)> {
    match selection {
        Selection::All => {
            let types = (0..registry.entries.len())
                .filter(|&i| matches!(registry.entries[i].origin, Origin::Resource(_) | Origin::Component))
                .map(|i| Ty::Named(TypeId(i)))
                .collect();
            Ok((types, (0..registry.operations.len()).collect()))
        }
        Selection::Resources(ids) => {
            let mut types = Vec::new();
            for id in ids {
                let ty =
                    registry.resources.iter().find(|(r, _)| r == id).map(|(_, ty)| ty.clone()).ok_or_else(|| {
                        Error::at(
                            file,
                            "#/components/schemas",
                            format!("the spec has no schema with x-resourceId `{id}`"),
                        )
                    })?;
                types.push(ty);
            }
            let modules: FastSet<Vec<String>> = ids.iter().map(|id| homes::resource_module(id)).collect();
            let operations = (0..registry.operations.len())
                .filter(|&op| {
                    registry.operations[op]
                        .resource
                        .as_ref()
                        .is_some_and(|r| modules.contains(&homes::resource_module(r)))
                })
                .collect();
            Ok((types, operations))
        }
    }
}

struct Assembly<'r> {
    registry: &'r Registry,
    homes: &'r homes::Homes,
    names: &'r [String],
    describe: &'r Describer<'r>,
    file: &'r str,
    /// The typed event, if any (a registry id).
    event: Option<TypeId>,
}

impl Assembly<'_> {
    fn model(
        &self,
        included: &[bool],
        operations: &[usize],
        response_roots: &[Ty],
        request_roots: &[Ty],
    ) -> Result<Model> {
        let (registry, homes) = (self.registry, self.homes);
        // Modules that hold something, sorted by path; types in spec order within each.
        let mut used: Vec<usize> =
            (0..registry.entries.len()).filter(|&i| included[i]).map(|i| homes.entry[i]).collect();
        used.extend(operations.iter().map(|&op| homes.operation[op]));
        used.sort_by(|a, b| homes.modules[*a].cmp(&homes.modules[*b]));
        used.dedup();
        let module_of: FastMap<usize, ModuleId> = used.iter().enumerate().map(|(i, &m)| (m, ModuleId(i))).collect();
        let mut new_id = vec![TypeId(usize::MAX); registry.entries.len()];
        let kept: Vec<usize> = (0..registry.entries.len()).filter(|&i| included[i]).collect();
        for (k, &i) in kept.iter().enumerate() {
            new_id[i] = TypeId(k);
        }
        let mut types = self.type_defs(&kept, &module_of)?;
        let map = |id: TypeId| new_id[id.0];
        for def in &mut types {
            super::registry::renumber_kind(&mut def.kind, &map);
        }
        let mut modules: Vec<Module> = used
            .iter()
            .map(|&m| {
                let resource = homes.resource.get(&m).cloned();
                let doc = resource.as_ref().and_then(|r| registry.resource_docs.get(r)).and_then(|d| rustdoc(d));
                let path = homes.modules[m].clone();
                Module { path, doc, resource, types: Vec::new(), operations: Vec::new(), aliases: Vec::new() }
            })
            .collect();
        for (i, def) in types.iter().enumerate() {
            modules[def.module.0].types.push(TypeId(i));
        }
        let mut model_operations = Vec::new();
        for &op in operations {
            let entry = &registry.operations[op];
            let mut returns = entry.returns.clone();
            super::registry::renumber(&mut returns, &map);
            let module = module_of[&homes.operation[op]];
            modules[module.0].operations.push(model_operations.len());
            model_operations.push(Operation {
                operation_id: entry.operation_id.clone(),
                method: entry.method,
                path: entry.path.clone(),
                doc: doc_or(entry.description.as_deref(), || format!("`{} {}`", entry.method.as_str(), entry.path)),
                params: map(entry.params),
                returns,
                module,
            });
        }
        let pointers: Vec<&str> = (0..registry.entries.len())
            .filter(|&i| included[i])
            .map(|i| registry.entries[i].pointer.as_str())
            .chain(operations.iter().map(|&op| registry.operations[op].pointer.as_str()))
            .collect();
        let warnings =
            registry.warnings.iter().filter(|w| pointers.iter().any(|p| w.pointer.starts_with(p))).cloned().collect();
        let renumbered = |tys: &[Ty]| -> Vec<Ty> {
            tys.iter()
                .map(|t| {
                    let mut t = t.clone();
                    super::registry::renumber(&mut t, &map);
                    t
                })
                .collect()
        };
        mark_roles(&mut types, &renumbered(response_roots), false);
        mark_roles(&mut types, &renumbered(request_roots), true);
        order_union_variants(&mut types);
        boxing::box_cycles(&mut types);
        let event = self.event.map(map);
        super::answers::mark_decoded_alone(&mut types, &model_operations, event);
        Ok(Model {
            api_version: registry.api_version.clone(),
            modules,
            types,
            operations: model_operations,
            warnings,
            event,
            former_paths: Vec::new(),
        })
    }

    /// The type of each entry of `kept`, in order, or the first one's error. Their docs (Stripe's
    /// descriptions rewritten, most of the model's time for `--all`) are written on every core.
    fn type_defs(&self, kept: &[usize], module_of: &FastMap<usize, ModuleId>) -> Result<Vec<TypeDef>> {
        let types = crate::parallel::map(kept, crate::parallel::cores(), |&i| {
            self.type_def(i, module_of[&self.homes.entry[i]])
        });
        types.into_iter().collect()
    }

    fn type_def(&self, i: usize, module: ModuleId) -> Result<TypeDef> {
        let entry = &self.registry.entries[i];
        let name = self.names[i].clone();
        let mut kind = entry.kind.clone();
        match &mut kind {
            TypeKind::Struct(s) => {
                naming::name_fields(&mut s.fields);
                for f in &mut s.fields {
                    f.doc = self.describe.field_doc(i, f);
                }
            }
            TypeKind::Enum(variants) => {
                *variants = naming::variants(variants.iter().map(|v| v.ident.wire.as_str()));
            }
            TypeKind::Objects(variants) => events::name_objects(variants),
            TypeKind::Union(variants) => {
                let tys: Vec<Ty> = variants.iter().map(|v| v.ty.clone()).collect();
                let names = naming::union_variant_names(&tys, self.names, self.homes, self.file, &entry.pointer)?;
                for (v, name) in variants.iter_mut().zip(names) {
                    v.doc = self.describe.variant_doc(&v.ty);
                    v.name = name;
                }
            }
        }
        let doc = self.describe.type_doc(i);
        Ok(TypeDef {
            name,
            module,
            doc,
            kind,
            pointer: entry.pointer.clone(),
            in_response: false,
            in_request: false,
            decoded_alone: false,
        })
    }
}

/// The description as rustdoc, or `fallback` when there is none.
fn doc_or(description: Option<&str>, fallback: impl FnOnce() -> String) -> String {
    description.and_then(rustdoc).unwrap_or_else(fallback)
}

/// Marks the types reachable from `roots` as decoded from responses or encoded into requests.
fn mark_roles(types: &mut [TypeDef], roots: &[Ty], request: bool) {
    let mut stack = Vec::new();
    for ty in roots {
        named_in(ty, &mut stack);
    }
    let mut seen = vec![false; types.len()];
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        let def = &mut types[id.0];
        if request {
            def.in_request = true;
        } else {
            def.in_response = true;
        }
        references(&def.kind, &mut stack);
    }
}

/// Untagged decoding tries variants in order: objects with more required fields go first, so
/// a `deleted_application` (`deleted`, `id`, `object`) is not read as an `application`.
fn order_union_variants(types: &mut [TypeDef]) {
    let required: Vec<usize> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().filter(|f| f.required).count() + 1,
            _ => 0,
        })
        .collect();
    for def in types.iter_mut() {
        if let TypeKind::Union(variants) = &mut def.kind {
            variants.sort_by_key(|v| match v.ty {
                Ty::Named(id) => std::cmp::Reverse(required[id.0]),
                _ => std::cmp::Reverse(0),
            });
        }
    }
}
