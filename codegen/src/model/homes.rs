//! Homes: the module of every entry and operation, from the spec alone (never the selection).
//!
//! - A resource `a.b` lives in `a::b`; a `deleted_a.b` resource beside it, in `a::b`.
//! - An operation lives with the resource it returns (the items' resource for a list), else in
//!   the module named after its path's first segment (singular).
//! - Any other type lives in the module of the one resource or operation module that uses it
//!   (through other such types, not through other resources); a type used from two or more
//!   modules, or from none, lives in `shared`.
//! - Module names are snake_case; `lib`, `main`, `runtime` and `shared` at the top would clash
//!   with the crate's own files and items, so a resource of that name gets a `_` suffix.

use crate::fast_hash::{FastMap, FastSet};

use super::operation_names::{path_resource, singular};
use super::registry::{references, Origin, Registry};
use super::TypeId;
use crate::names;

/// The module every type is declared in when two or more modules use it.
pub(super) const SHARED: &str = "shared";

/// Module paths, interned.
#[derive(Debug, Default)]
pub(super) struct Homes {
    /// Every module path, first use first.
    pub modules: Vec<Vec<String>>,
    /// The module of each entry (index into `modules`).
    pub entry: Vec<usize>,
    /// The module of each operation.
    pub operation: Vec<usize>,
    /// The resource each module is named after.
    pub resource: FastMap<usize, String>,
    index: FastMap<Vec<String>, usize>,
}

impl Homes {
    pub fn module(&mut self, path: Vec<String>) -> usize {
        if let Some(&i) = self.index.get(&path) {
            return i;
        }
        self.modules.push(path.clone());
        self.index.insert(path, self.modules.len() - 1);
        self.modules.len() - 1
    }

    pub fn shared(&mut self) -> usize {
        self.module(vec![SHARED.to_owned()])
    }
}

/// The module path of resource `id`.
pub(super) fn resource_module(id: &str) -> Vec<String> {
    let id = id.strip_prefix("deleted_").unwrap_or(id);
    let mut path: Vec<String> = id.split('.').map(names::module_name).collect();
    if names::reserved(&path[0]) == Some(names::Reserved::Module) {
        path[0].push('_');
    }
    path
}

/// Assigns every entry and operation its module.
pub(super) fn assign(registry: &Registry) -> Homes {
    let mut homes = Homes::default();
    for (id, _) in &registry.resources {
        let module = homes.module(resource_module(id));
        homes.resource.entry(module).or_insert_with(|| id.clone());
    }
    let resource_ids: FastSet<String> = registry.resources.iter().map(|(id, _)| id.clone()).collect();
    homes.operation = registry
        .operations
        .iter()
        .map(|op| match op.resource.clone().or_else(|| path_resource(&op.path, &resource_ids).0) {
            Some(id) => homes.module(resource_module(&id)),
            // Named like a resource of that name, so the reserved names are escaped in one place.
            None => {
                let first = op.path.trim_start_matches('/').split('/').find(|s| *s != "v1" && !s.is_empty());
                homes.module(resource_module(&singular(first.unwrap_or("api"))))
            }
        })
        .collect();

    let labels = labels(registry, &homes);
    let shared = homes.shared();
    homes.entry = registry
        .entries
        .iter()
        .zip(&labels)
        .map(|(entry, labels)| match &entry.origin {
            Origin::Resource(id) => homes.module(resource_module(id)),
            Origin::Params(op) => homes.operation[*op],
            _ => match labels {
                [Some(only), None] => *only,
                _ => shared,
            },
        })
        .collect();
    homes
}

/// For each entry, up to two modules that use it (`[None, None]`: none).
fn labels(registry: &Registry, homes: &Homes) -> Vec<[Option<usize>; 2]> {
    let entries = &registry.entries;
    let mut labels = vec![[None, None]; entries.len()];
    let mut roots: Vec<(usize, Vec<TypeId>)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if let Origin::Resource(id) = &entry.origin {
            let module = homes.index[&resource_module(id)];
            let mut edges = Vec::new();
            references(&entry.kind, &mut edges);
            roots.push((module, edges));
            labels[i] = [Some(module), None];
        }
    }
    for (op, module) in registry.operations.iter().zip(&homes.operation) {
        let mut edges = vec![op.params];
        super::registry::named_in(&op.returns, &mut edges);
        roots.push((*module, edges));
    }
    let mut stack = Vec::new();
    for (label, edges) in roots {
        stack.extend(edges);
        while let Some(TypeId(next)) = stack.pop() {
            let entry = &entries[next];
            if matches!(entry.origin, Origin::Resource(_)) {
                continue;
            }
            match &mut labels[next] {
                [Some(a), _] if *a == label => continue,
                [_, Some(b)] if *b == label => continue,
                // Two modules already: so are all it reaches.
                [Some(_), Some(_)] => continue,
                [slot @ None, _] | [Some(_), slot @ None] => *slot = Some(label),
            }
            references(&entry.kind, &mut stack);
        }
    }
    labels
}
