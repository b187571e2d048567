//! What a model holds, in numbers: the facts `cargo xtask generate --report` prints.

use std::collections::BTreeMap;

use super::{Model, Ty, TypeId, TypeKind};

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
}

impl Model {
    /// The model's summary.
    pub fn summary(&self) -> Summary {
        let mut defined: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for (i, def) in self.types.iter().enumerate() {
            // An operation's parameters carry its path too: two operations are never one type.
            let path = self.operations.iter().find(|o| o.params == TypeId(i)).map_or("", |o| o.path.as_str());
            let key = (def.name.clone(), format!("{path}{}", self.shape(&def.kind)));
            defined.entry(key).or_default().push(self.modules[def.module.0].path.join("::"));
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
                .map(|t| format!("{}::{}", self.modules[t.module.0].path.join("::"), t.name))
                .collect(),
        }
    }

    /// A type's shape with every named type written as its full path, so that two definitions
    /// compare equal exactly when they would read the same.
    fn shape(&self, kind: &TypeKind) -> String {
        let ty = |ty: &Ty| self.ty_path(ty);
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

    fn ty_path(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named(id) => {
                let def = self.ty(*id);
                format!("{}::{}", self.modules[def.module.0].path.join("::"), def.name)
            }
            Ty::List(t) => format!("List<{}>", self.ty_path(t)),
            Ty::Map(t) => format!("Map<{}>", self.ty_path(t)),
            Ty::StripeList(t) => format!("StripeList<{}>", self.ty_path(t)),
            Ty::SearchResult(t) => format!("SearchResult<{}>", self.ty_path(t)),
            Ty::Expandable(t) => format!("Expandable<{}>", self.ty_path(t)),
            Ty::Unsettable(t) => format!("Unsettable<{}>", self.ty_path(t)),
            other => format!("{other:?}"),
        }
    }
}
