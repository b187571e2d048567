//! The comparison itself: operations, then types, each change classified by the rules in the
//! [module docs](super).

use std::collections::{HashMap, HashSet};

use super::pair::{module_path, rust_path, rust_ty, Pairs};
use super::{Change, ChangeKind};
use crate::model::{Field, Model, ModuleId, ObjectVariant, Struct, TypeDef, TypeId, TypeKind, UnionVariant, Variant};

/// Every change from `old` to `new`, operations first, then types in the new model's order, then
/// what the new model lost.
pub(super) fn changes(old: &Model, new: &Model, pairs: &Pairs) -> Vec<Change> {
    let mut cx = Cx { old, new, pairs, out: Vec::new(), skip_old: HashSet::new(), skip_new: HashSet::new() };
    cx.operations();
    cx.types();
    cx.out
}

struct Cx<'a> {
    old: &'a Model,
    new: &'a Model,
    pairs: &'a Pairs,
    out: Vec<Change>,
    /// Parameters types of removed operations, reported with the operation.
    skip_old: HashSet<TypeId>,
    /// Parameters types of added operations, reported with the operation.
    skip_new: HashSet<TypeId>,
}

/// What one change says, before it is placed in a module.
struct Found {
    kind: ChangeKind,
    item: String,
    detail: String,
    breaking: bool,
    effect: String,
}

impl Cx<'_> {
    fn push(&mut self, model: &Model, module: ModuleId, found: Found) {
        let module = &model.modules[module.0];
        self.out.push(Change {
            module: module.path.join("::"),
            resource: module.resource.clone(),
            kind: found.kind,
            item: found.item,
            detail: found.detail,
            breaking: found.breaking,
            effect: found.effect,
        });
    }

    fn operations(&mut self) {
        let (old, new) = (self.old, self.new);
        let paired_new: HashMap<usize, usize> = self.pairs.operations.iter().map(|&(o, n)| (n, o)).collect();
        let paired_old: HashSet<usize> = self.pairs.operations.iter().map(|&(o, _)| o).collect();
        for (n, op) in new.operations.iter().enumerate() {
            let params = &new.ty(op.params).name;
            let item = format!("{} {}", op.method.as_str(), op.path);
            let Some(&o) = paired_new.get(&n) else {
                self.skip_new.insert(op.params);
                let detail = format!("`{params}` returns `{}`", rust_ty(new, &op.returns));
                let effect = format!("a new parameters type `{params}` with `send`");
                let found = Found { kind: ChangeKind::OperationAdded, item, detail, breaking: false, effect };
                self.push(new, op.module, found);
                continue;
            };
            let was = &old.operations[o];
            if !self.pairs.same_ty(&was.returns, &op.returns) {
                let detail = arrow(
                    (rust_ty(old, &was.returns), rust_ty(new, &op.returns)),
                    (rust_path(old, &was.returns), rust_path(new, &op.returns)),
                );
                let effect = format!("`{params}::send` returns another type");
                let found = Found { kind: ChangeKind::OperationResultChanged, item, detail, breaking: true, effect };
                self.push(new, op.module, found);
            }
        }
        for (_, op) in old.operations.iter().enumerate().filter(|(o, _)| !paired_old.contains(o)) {
            self.skip_old.insert(op.params);
            let params = &old.ty(op.params).name;
            let found = Found {
                kind: ChangeKind::OperationRemoved,
                item: format!("{} {}", op.method.as_str(), op.path),
                detail: format!("`{params}` is gone"),
                breaking: true,
                effect: format!("code that builds `{params}` or calls its `send` no longer compiles"),
            };
            self.push(old, op.module, found);
        }
    }

    fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        for (n, def) in new.types.iter().enumerate() {
            let n = TypeId(n);
            match self.pairs.new_to_old[n.0] {
                Some(o) => self.compare(old.ty(o), def),
                None if self.skip_new.contains(&n) => {}
                None => {
                    let found = Found {
                        kind: ChangeKind::TypeAdded,
                        item: def.name.clone(),
                        detail: format!("{} `{}::{}`", kind_name(&def.kind), module_path(new, n), def.name),
                        breaking: false,
                        effect: "a new type".into(),
                    };
                    self.push(new, def.module, found);
                }
            }
        }
        for (o, def) in old.types.iter().enumerate() {
            let o = TypeId(o);
            if self.pairs.old_to_new[o.0].is_some() || self.skip_old.contains(&o) {
                continue;
            }
            let path = format!("{}::{}", module_path(old, o), def.name);
            let found = Found {
                kind: ChangeKind::TypeRemoved,
                item: def.name.clone(),
                detail: format!("{} `{path}` is gone", kind_name(&def.kind)),
                breaking: true,
                effect: format!("code that names `{path}` no longer compiles"),
            };
            self.push(old, def.module, found);
        }
    }

    /// A paired type: where it lives, then its shape.
    fn compare(&mut self, was: &TypeDef, is: &TypeDef) {
        let old_path = format!("{}::{}", self.old.modules[was.module.0].path.join("::"), was.name);
        let new_path = format!("{}::{}", self.new.modules[is.module.0].path.join("::"), is.name);
        if old_path != new_path {
            // Re-exported at its old path (`model::former`), the type is still named there.
            let kept = self.new.resolve(&old_path).is_some_and(|t| std::ptr::eq(self.new.ty(t), is));
            let found = Found {
                kind: ChangeKind::TypeMoved,
                item: is.name.clone(),
                detail: format!("`{old_path}` → `{new_path}`"),
                breaking: !kept,
                effect: match kept {
                    true => format!("`{old_path}` still names it (a re-export)"),
                    false => format!("code that names `{old_path}` no longer compiles"),
                },
            };
            self.push(self.new, is.module, found);
        }
        match (&was.kind, &is.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => self.fields(was, is, a, b),
            (TypeKind::Enum(a), TypeKind::Enum(b)) => self.enum_values(is, a, b, "Unknown"),
            (TypeKind::Union(a), TypeKind::Union(b)) => self.union_variants(was, is, a, b),
            // Told apart by their `object` values, like an enum's values (with `Other` for the rest).
            (TypeKind::Objects(a), TypeKind::Objects(b)) => self.enum_values(is, &tags(a), &tags(b), "Other"),
            (a, b) => {
                let found = Found {
                    kind: ChangeKind::KindChanged,
                    item: is.name.clone(),
                    detail: format!("{} → {}", kind_name(a), kind_name(b)),
                    breaking: true,
                    effect: "constructing, matching or reading it is written differently".into(),
                };
                self.push(self.new, is.module, found);
            }
        }
    }

    fn fields(&mut self, was: &TypeDef, is: &TypeDef, a: &Struct, b: &Struct) {
        let (old, new) = (self.old, self.new);
        let request = is.in_request;
        let old_fields: HashMap<&str, &Field> = a.fields.iter().map(|f| (f.ident.wire.as_str(), f)).collect();
        let new_wires: HashSet<&str> = b.fields.iter().map(|f| f.ident.wire.as_str()).collect();
        let mut found = Vec::new();
        for field in &b.fields {
            let item = format!("{}.{}", is.name, field.ident.bare());
            let ty = field_ty(new, field, false);
            let Some(prev) = old_fields.get(field.ident.wire.as_str()) else {
                let kind = if request { ChangeKind::ParamAdded } else { ChangeKind::FieldAdded };
                let (breaking, effect) = match (request, field.optional()) {
                    (true, false) => {
                        (true, format!("`{}::new` takes one more argument, `{}`", is.name, field.ident.bare()))
                    }
                    (true, true) => (false, format!("a new setter `{}`", field.setter)),
                    (false, _) => (false, "a new field".to_owned()),
                };
                let detail = format!("`{ty}`{}", if field.optional() { "" } else { ", required" });
                found.push(Found { kind, item, detail, breaking, effect });
                continue;
            };
            let was_ty = field_ty(old, prev, false);
            if !self.pairs.same_ty(&prev.ty, &field.ty) || prev.boxed != field.boxed {
                let detail =
                    arrow((was_ty.clone(), ty.clone()), (field_ty(old, prev, true), field_ty(new, field, true)));
                let effect = "the Rust type differs".to_owned();
                found.push(Found { kind: ChangeKind::TypeChanged, item: item.clone(), detail, breaking: true, effect });
            }
            let flips = prev.optional() != field.optional();
            let optionality = |kind, breaking: bool| {
                let detail =
                    if flips { format!("`{was_ty}` → `{ty}`") } else { format!("the Rust type stays `{ty}`") };
                let effect = match (breaking, request, field.optional()) {
                    (false, _, _) if flips => "counted with the requiredness change".to_owned(),
                    (false, _, _) => "only how `None` is encoded changes".to_owned(),
                    (true, true, true) => format!("it leaves `{}::new`'s arguments for a setter", is.name),
                    (true, true, false) => format!("it leaves the setters for an argument of `{}::new`", is.name),
                    (true, false, true) => "reads of it must now handle `None`".to_owned(),
                    (true, false, false) => "code that handles its `None` no longer compiles".to_owned(),
                };
                Found { kind, item: item.clone(), detail, breaking, effect }
            };
            if prev.required != field.required {
                let kind = if field.required { ChangeKind::MadeRequired } else { ChangeKind::MadeOptional };
                found.push(optionality(kind, flips));
            }
            if prev.nullable != field.nullable {
                let kind = if field.nullable { ChangeKind::MadeNullable } else { ChangeKind::MadeNonNullable };
                found.push(optionality(kind, flips && prev.required == field.required));
            }
            if prev.ident.rust != field.ident.rust {
                let detail = format!("field `{}` → `{}`", prev.ident.rust, field.ident.rust);
                found.push(renamed(item.clone(), detail));
            } else if request && prev.optional() && field.optional() && prev.setter != field.setter {
                let detail = format!("setter `{}` → `{}`", prev.setter, field.setter);
                found.push(renamed(item, detail));
            }
        }
        for prev in a.fields.iter().filter(|f| !new_wires.contains(f.ident.wire.as_str())) {
            let item = format!("{}.{}", was.name, prev.ident.bare());
            let (kind, effect) = match (request, prev.optional()) {
                (true, true) => (ChangeKind::ParamRemoved, format!("its setter `{}` is gone", prev.setter)),
                (true, false) => (ChangeKind::ParamRemoved, format!("`{}::new` takes one argument fewer", was.name)),
                (false, _) => (ChangeKind::FieldRemoved, "reading it no longer compiles".to_owned()),
            };
            let detail = format!("`{}`", field_ty(old, prev, false));
            found.push(Found { kind, item, detail, breaking: true, effect });
        }
        for f in found {
            self.push(new, is.module, f);
        }
    }

    fn enum_values(&mut self, is: &TypeDef, a: &[Variant], b: &[Variant], fallback: &str) {
        let old_values: HashMap<&str, &Variant> = a.iter().map(|v| (v.ident.wire.as_str(), v)).collect();
        let new_values: HashSet<&str> = b.iter().map(|v| v.ident.wire.as_str()).collect();
        let mut found = Vec::new();
        for value in b {
            let item = format!("{}::{}", is.name, value.ident.bare());
            match old_values.get(value.ident.wire.as_str()) {
                None => found.push(Found {
                    kind: ChangeKind::EnumValueAdded,
                    item,
                    detail: format!("`{}`", value.ident.wire),
                    breaking: false,
                    effect: format!(
                        "the enum is `#[non_exhaustive]` with an `{fallback}` variant, which held this value until now"
                    ),
                }),
                Some(prev) if prev.ident.rust != value.ident.rust => {
                    let detail =
                        format!("`{}`: variant `{}` → `{}`", value.ident.wire, prev.ident.rust, value.ident.rust);
                    found.push(renamed(item, detail));
                }
                Some(_) => {}
            }
        }
        for prev in a.iter().filter(|v| !new_values.contains(v.ident.wire.as_str())) {
            found.push(Found {
                kind: ChangeKind::EnumValueRemoved,
                item: format!("{}::{}", is.name, prev.ident.bare()),
                detail: format!("`{}`", prev.ident.wire),
                breaking: true,
                effect: "its variant is gone".into(),
            });
        }
        for f in found {
            self.push(self.new, is.module, f);
        }
    }

    fn union_variants(&mut self, was: &TypeDef, is: &TypeDef, a: &[UnionVariant], b: &[UnionVariant]) {
        let (old, new) = (self.old, self.new);
        let old_variants: HashMap<&str, &UnionVariant> = a.iter().map(|v| (v.name.as_str(), v)).collect();
        let new_names: HashSet<&str> = b.iter().map(|v| v.name.as_str()).collect();
        let decoded = was.in_response || is.in_response;
        let mut found = Vec::new();
        for variant in b {
            let item = format!("{}::{}", is.name, variant.name);
            let ty = boxed(rust_ty(new, &variant.ty), variant.boxed);
            match old_variants.get(variant.name.as_str()) {
                None => found.push(Found {
                    kind: ChangeKind::UnionVariantAdded,
                    item,
                    detail: format!("`{ty}`"),
                    breaking: decoded,
                    effect: if decoded {
                        "unions are exhaustive enums: a `match` over a decoded value misses this arm".into()
                    } else {
                        "a new alternative to build a request-only value from".into()
                    },
                }),
                Some(prev) if !self.pairs.same_ty(&prev.ty, &variant.ty) || prev.boxed != variant.boxed => {
                    found.push(Found {
                        kind: ChangeKind::TypeChanged,
                        item,
                        detail: arrow(
                            (boxed(rust_ty(old, &prev.ty), prev.boxed), ty),
                            (
                                boxed(rust_path(old, &prev.ty), prev.boxed),
                                boxed(rust_path(new, &variant.ty), variant.boxed),
                            ),
                        ),
                        breaking: true,
                        effect: "the Rust type differs".into(),
                    })
                }
                Some(_) => {}
            }
        }
        for prev in a.iter().filter(|v| !new_names.contains(v.name.as_str())) {
            found.push(Found {
                kind: ChangeKind::UnionVariantRemoved,
                item: format!("{}::{}", is.name, prev.name),
                detail: format!("`{}`", boxed(rust_ty(old, &prev.ty), prev.boxed)),
                breaking: true,
                effect: "its variant is gone".into(),
            });
        }
        for f in found {
            self.push(new, is.module, f);
        }
    }
}

fn renamed(item: String, detail: String) -> Found {
    let effect = "code that uses the old name no longer compiles".into();
    Found { kind: ChangeKind::Renamed, item, detail, breaking: true, effect }
}

/// `` `old` → `new` `` with bare type names, or with module paths where those read the same.
fn arrow(bare: (String, String), paths: (String, String)) -> String {
    let (old, new) = if bare.0 == bare.1 { paths } else { bare };
    format!("`{old}` → `{new}`")
}

/// The field's Rust type as declared, `Option<Box<T>>`; named types with their module path when
/// `paths`.
fn field_ty(model: &Model, field: &Field, paths: bool) -> String {
    let ty = if paths { rust_path(model, &field.ty) } else { rust_ty(model, &field.ty) };
    let ty = boxed(ty, field.boxed);
    if field.optional() {
        format!("Option<{ty}>")
    } else {
        ty
    }
}

fn boxed(ty: String, boxed: bool) -> String {
    if boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

/// The `object` values of an enum of objects, as an enum's values.
fn tags(variants: &[ObjectVariant]) -> Vec<Variant> {
    variants.iter().map(|v| Variant { ident: v.ident.clone(), doc: v.doc.clone() }).collect()
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Objects(_) => "enum of objects",
    }
}
