//! What a model holds, in numbers: the facts `cargo xtask generate --report` prints.

use std::collections::BTreeMap;

use super::{Model, Ty, TypeKind};
use crate::names::{self, Reserved};

/// Counts and lists that tell whether the type space is healthy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Modules named after a resource.
    pub resources: usize,
    /// Operations.
    pub operations: usize,
    /// Named types.
    pub types: usize,
    /// Types defined under the same name with the same shape in more than one module
    /// (`Name in a::b, c::d`); empty when every shape is defined once.
    pub defined_twice: Vec<String>,
    /// Type names that end in a digit (`PaymentMethodP24`): each must be Stripe's own word,
    /// since the generator never numbers a name.
    pub ending_in_digit: Vec<String>,
    /// Fields whose type is named after another field of the same owner
    /// (`module::Owner.fpx: …OwnerAffirm`); empty when every name is true.
    pub named_after_another_field: Vec<String>,
    /// Type names that a prelude, `std` or crate-root name of a glob import would shadow (or be
    /// shadowed by): `names::reserved`'s type names and keywords; empty when none is.
    pub reserved_names: Vec<String>,
    /// Types reachable at more than one path: `old::Path → its::Path` for each re-export at a
    /// path an earlier crate gave the type (see [`former`](super::former)).
    pub reexports: Vec<String>,
}

impl Model {
    /// The model's summary.
    pub fn summary(&self) -> Summary {
        let modules: Vec<String> = self.modules.iter().map(|m| m.path.join("::")).collect();
        // An operation's parameters carry its path too: two operations are never one type. (By
        // type; in reverse, so that the first operation's path is the one kept.)
        let mut path: Vec<&str> = vec![""; self.types.len()];
        for operation in self.operations.iter().rev() {
            path[operation.params.0] = &operation.path;
        }
        let mut defined: BTreeMap<(&str, String), Vec<&str>> = BTreeMap::new();
        for (def, path) in self.types.iter().zip(path) {
            let key = (def.name.as_str(), format!("{path}{}", self.shape(&def.kind, &modules)));
            defined.entry(key).or_default().push(&modules[def.module.0]);
        }
        Summary {
            resources: self.modules.iter().filter(|m| m.resource.is_some()).count(),
            operations: self.operations.len(),
            types: self.types.len(),
            defined_twice: defined
                .into_iter()
                .filter(|(_, modules)| modules.len() > 1)
                .map(|((name, _), modules)| format!("{name} in {}", modules.join(", ")))
                .collect(),
            ending_in_digit: self
                .types
                .iter()
                .filter(|t| t.name.ends_with(|c: char| c.is_ascii_digit()))
                .map(|t| format!("{}::{}", modules[t.module.0], t.name))
                .collect(),
            named_after_another_field: self.named_after_another_field(&modules),
            reexports: self.reexports(&modules),
            reserved_names: self
                .types
                .iter()
                .filter(|t| matches!(names::reserved(names::bare(&t.name)), Some(Reserved::Type | Reserved::Keyword)))
                .map(|t| format!("{}::{}", modules[t.module.0], t.name))
                .collect(),
        }
    }

    /// Every re-export, as `module::Alias → home::Type`.
    fn reexports(&self, modules: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for (module, path) in self.modules.iter().zip(modules) {
            for alias in &module.aliases {
                let def = self.ty(alias.ty);
                out.push(format!("{path}::{} → {}::{}", alias.name, modules[def.module.0], def.name));
            }
        }
        out
    }

    /// Fields of a struct whose type (through lists, maps, …) is named as the struct's name plus
    /// the name of another of its fields, with or without a kind (`Object`, `Enum`, `Union`).
    fn named_after_another_field(&self, modules: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for def in &self.types {
            let TypeKind::Struct(s) = &def.kind else { continue };
            let owner = def.name.trim_end_matches('_');
            let camel: Vec<String> = s.fields.iter().map(|f| names::type_name(&f.ident.wire)).collect();
            for (field, own) in s.fields.iter().zip(&camel) {
                let mut ty = &field.ty;
                while let Some(inner) = ty.inner() {
                    ty = inner;
                }
                let Ty::Named(id) = ty else { continue };
                let used = self.ty(*id);
                // A component schema is named after its own key, Stripe's name for it.
                if used.pointer.strip_prefix("#/components/schemas/").is_some_and(|key| !key.contains('/')) {
                    continue;
                }
                let name = &used.name;
                let Some(rest) = name.strip_prefix(owner) else { continue };
                let rest = ["Object", "Enum", "Union"].iter().find_map(|k| rest.strip_suffix(k)).unwrap_or(rest);
                if rest != own && camel.iter().any(|other| other == rest) {
                    let (module, used_module) = (&modules[def.module.0], &modules[used.module.0]);
                    out.push(format!("{module}::{}.{}: {used_module}::{name}", def.name, field.ident.wire));
                }
            }
        }
        out
    }

    /// A type's shape with every named type written as its full path (`modules` holds each
    /// module's), so that two definitions compare equal exactly when they would read the same.
    fn shape(&self, kind: &TypeKind, modules: &[String]) -> String {
        let ty = |ty: &Ty| self.ty_path(ty, modules);
        match kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| format!("{}:{}:{}:{};", f.ident.wire, f.required, f.nullable, ty(&f.ty)))
                .collect(),
            TypeKind::Enum(vs) => vs.iter().map(|v| format!("{};", v.ident.wire)).collect(),
            TypeKind::Union(vs) => vs.iter().map(|v| format!("{};", ty(&v.ty))).collect(),
            TypeKind::Objects(vs) => vs.iter().map(|v| format!("{}={};", v.ident.wire, ty(&v.ty))).collect(),
        }
    }

    fn ty_path(&self, ty: &Ty, modules: &[String]) -> String {
        let inner = |t: &Ty| self.ty_path(t, modules);
        match ty {
            Ty::Named(id) => {
                let def = self.ty(*id);
                format!("{}::{}", modules[def.module.0], def.name)
            }
            Ty::List(t) => format!("List<{}>", inner(t)),
            Ty::Map(t) => format!("Map<{}>", inner(t)),
            Ty::StripeList(t) => format!("StripeList<{}>", inner(t)),
            Ty::SearchResult(t) => format!("SearchResult<{}>", inner(t)),
            Ty::Expandable(t) => format!("Expandable<{}>", inner(t)),
            Ty::Unsettable(t) => format!("Unsettable<{}>", inner(t)),
            other => format!("{other:?}"),
        }
    }
}
