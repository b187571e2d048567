//! Building the [`Model`] from an `openapiv3::OpenAPI` document.
//!
//! Naming rule (documented in the README):
//! - a resource (`x-resourceId: billing_portal.session`) gets the module `billing_portal::session`
//!   and the type name of its last segment (`Session`);
//! - any other component schema lives in the module of the resource that first references it and
//!   is named after its key (`portal_flows_flow` → `PortalFlowsFlow`);
//! - an inline object is named after its `title` if it has one (`flow_data_param` →
//!   `FlowDataParam`), else after its parent type and field (`Configuration` + `application` →
//!   `ConfigurationApplication`); inline enums and unions are named after parent and field;
//! - an operation's parameters type is verb + returned type: `Create` / `List` (POST / GET on a
//!   collection), `Retrieve` / `Update` / `Delete` (on `/{id}`), or the action's last path segment
//!   (see `operations::params_type_name`);
//! - inline types with the same shape in one module are stored once, under the first name;
//!   a name already taken by a different type falls back to the next rule, then gets a number.

use std::collections::{HashMap, HashSet, VecDeque};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use super::{
    boxing, Field, Method, Model, Module, ModuleId, Operation, Struct, Ty, TypeDef, TypeId, TypeKind, UnionVariant,
    Variant, Warning,
};
use crate::docs::rustdoc;
use crate::error::{Error, Result};
use crate::names;

mod operations;

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

/// Names no generated type may take, since generated code uses them from the prelude.
const PRELUDE: &[&str] = &["Box", "Err", "HashMap", "None", "Ok", "Option", "Result", "Some", "String", "Vec"];

/// Builds the model of `selection` from `api`; `file` names the spec in errors.
pub fn build(api: &OpenAPI, file: &str, selection: &Selection) -> Result<Model> {
    let empty = IndexMap::new();
    let schemas = api.components.as_ref().map(|c| &c.schemas).unwrap_or(&empty);
    let mut builder = Builder {
        api,
        schemas,
        file,
        types: Vec::new(),
        components: HashMap::new(),
        in_progress: HashSet::new(),
        pending: VecDeque::new(),
        modules: Vec::new(),
        module_ids: HashMap::new(),
        names: HashMap::new(),
        signatures: HashMap::new(),
        operations: Vec::new(),
        warnings: Vec::new(),
        response_roots: Vec::new(),
    };
    builder.select(selection)?;
    Ok(builder.finish())
}

struct Builder<'a> {
    api: &'a OpenAPI,
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    file: &'a str,
    /// `None` marks a type dropped as a duplicate; `finish` compacts them away.
    types: Vec<Option<TypeDef>>,
    components: HashMap<String, Ty>,
    in_progress: HashSet<String>,
    pending: VecDeque<(String, TypeId)>,
    modules: Vec<Module>,
    module_ids: HashMap<Vec<String>, ModuleId>,
    names: HashMap<(ModuleId, String), TypeId>,
    signatures: HashMap<(ModuleId, String), TypeId>,
    operations: Vec<Operation>,
    warnings: Vec<Warning>,
    response_roots: Vec<Ty>,
}

/// Where a schema is being converted: its module, the names around it, its JSON pointer.
#[derive(Clone)]
struct Ctx {
    module: ModuleId,
    /// Rust name of the enclosing type.
    parent: String,
    /// Wire name of the field (or another hint) the schema is for.
    field: String,
    pointer: String,
    /// Converting request parameters (form-encoded) rather than a response.
    request: bool,
}

impl Ctx {
    fn child(&self, parent: &str, field: &str, pointer: String) -> Ctx {
        Ctx { module: self.module, parent: parent.to_owned(), field: field.to_owned(), pointer, request: self.request }
    }
    fn at(&self, pointer: String) -> Ctx {
        Ctx { pointer, ..self.clone() }
    }
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn resource_id(schema: &Schema) -> Option<&str> {
    schema.schema_data.extensions.get("x-resourceId")?.as_str()
}

/// An object schema's properties, in the spec's order.
type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Properties and required list of an object schema with properties.
fn object_parts(schema: &Schema) -> Option<(&Properties, &[String])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => Some((&o.properties, &o.required)),
        SchemaKind::Any(a) if !a.properties.is_empty() && a.any_of.is_empty() && a.one_of.is_empty() => {
            Some((&a.properties, &a.required))
        }
        _ => None,
    }
}

fn is_empty_string_enum(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration.iter().all(|v| v.as_deref() == Some("")),
            SchemaKind::Any(a) => a.enumeration.iter().all(|v| v == ""),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

impl Builder<'_> {
    fn select(&mut self, selection: &Selection) -> Result<()> {
        match selection {
            Selection::Resources(ids) => {
                for id in ids {
                    let name = self
                        .schemas
                        .iter()
                        .find(|(_, s)| s.as_item().and_then(resource_id) == Some(id.as_str()))
                        .map(|(name, _)| name.clone())
                        .ok_or_else(|| {
                            Error::at(
                                self.file,
                                "#/components/schemas",
                                format!("the spec has no schema with x-resourceId `{id}`"),
                            )
                        })?;
                    self.root(&name, None)?;
                }
                self.operations(Some(ids))
            }
            Selection::All => {
                let resources: Vec<String> = self
                    .schemas
                    .iter()
                    .filter(|(_, s)| s.as_item().and_then(resource_id).is_some())
                    .map(|(name, _)| name.clone())
                    .collect();
                for name in resources {
                    self.root(&name, None)?;
                }
                self.operations(None)?;
                let rest: Vec<String> =
                    self.schemas.keys().filter(|k| !self.components.contains_key(*k)).cloned().collect();
                let shared = self.shared_module();
                for name in rest {
                    self.root(&name, Some(shared))?;
                }
                Ok(())
            }
        }
    }

    /// Converts component `name` and everything it reaches, as a response type.
    fn root(&mut self, name: &str, module: Option<ModuleId>) -> Result<()> {
        let ty = self.component(name, module, "#/components/schemas")?;
        self.response_roots.push(ty);
        self.drain_pending()
    }

    /// The module of schemas that no resource reaches.
    fn shared_module(&mut self) -> ModuleId {
        self.module(vec!["shared".to_owned()], Some("Schemas no resource references."))
    }

    fn module(&mut self, path: Vec<String>, doc: Option<&str>) -> ModuleId {
        if let Some(&id) = self.module_ids.get(&path) {
            return id;
        }
        let id = ModuleId(self.modules.len());
        self.modules.push(Module {
            path: path.clone(),
            doc: doc.and_then(rustdoc),
            types: Vec::new(),
            operations: Vec::new(),
        });
        for reserved in PRELUDE {
            self.names.insert((id, (*reserved).to_owned()), TypeId(usize::MAX));
        }
        self.module_ids.insert(path, id);
        id
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Warning { pointer: pointer.to_owned(), message: message.into() });
    }

    /// Reserves a type under the first free candidate name (or the first with a number).
    fn reserve(&mut self, module: ModuleId, candidates: &[String], pointer: &str) -> TypeId {
        let free = |name: &String| !self.names.contains_key(&(module, name.clone()));
        let name = match candidates.iter().find(|c| free(c)) {
            Some(name) => name.clone(),
            None => (2..).map(|n| format!("{}{n}", candidates[0])).find(free).expect("some number is free"),
        };
        let id = TypeId(self.types.len());
        self.names.insert((module, name.clone()), id);
        self.types.push(Some(TypeDef {
            name,
            module,
            doc: None,
            kind: TypeKind::Struct(Struct { fields: Vec::new() }),
            pointer: pointer.to_owned(),
            in_response: false,
            in_request: false,
        }));
        id
    }

    fn def(&mut self, id: TypeId) -> &mut TypeDef {
        self.types[id.0].as_mut().expect("a live type")
    }

    /// Keeps `id` unless a type of the same shape exists in its module; returns the one to use.
    fn dedupe(&mut self, id: TypeId, request: bool) -> TypeId {
        let def = self.types[id.0].as_ref().expect("a live type");
        let signature = format!("{request}:{:?}", def.kind);
        let key = (def.module, signature);
        match self.signatures.get(&key) {
            Some(&existing) => {
                let dropped = self.types[id.0].take().expect("a live type");
                self.names.remove(&(dropped.module, dropped.name));
                existing
            }
            None => {
                self.signatures.insert(key, id);
                id
            }
        }
    }

    /// Names for an inline type: its title, then parent + field.
    fn candidates(&self, schema: Option<&Schema>, ctx: &Ctx) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(title) = schema.and_then(|s| s.schema_data.title.as_deref()) {
            out.push(names::type_name(title));
        }
        out.push(format!("{}{}", ctx.parent, names::type_name(&ctx.field)));
        out
    }

    fn component(&mut self, name: &str, module: Option<ModuleId>, from: &str) -> Result<Ty> {
        if let Some(ty) = self.components.get(name) {
            return Ok(ty.clone());
        }
        let pointer = format!("#/components/schemas/{}", escape_pointer(name));
        let schema = match self.schemas.get(name) {
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => {
                let reference = reference.clone();
                return self.reference(&reference, module, &pointer);
            }
            None => {
                return Err(Error::at(self.file, from, format!("$ref to nothing: `#/components/schemas/{name}`")));
            }
        };
        let (module, type_name) = match resource_id(schema) {
            Some(id) => {
                let path = id.split('.').map(names::module_name).collect();
                let module = self.module(path, schema.schema_data.description.as_deref());
                (module, names::type_name(id.rsplit('.').next().unwrap_or(id)))
            }
            None => {
                let module = match module {
                    Some(module) => module,
                    None => self.shared_module(),
                };
                (module, names::type_name(name))
            }
        };
        if object_parts(schema).is_some() && !is_stripe_list(schema) {
            let id = self.reserve(module, &[type_name, names::type_name(name)], &pointer);
            self.components.insert(name.to_owned(), Ty::Named(id));
            self.pending.push_back((name.to_owned(), id));
            return Ok(Ty::Named(id));
        }
        if !self.in_progress.insert(name.to_owned()) {
            self.warn(
                &pointer,
                "recursive reference through a schema that is not an object; typed as serde_json::Value",
            );
            return Ok(Ty::Json);
        }
        let ctx = Ctx { module, parent: String::new(), field: name.to_owned(), pointer, request: false };
        let ty = self.schema(schema, &ctx, Some(vec![type_name]))?;
        self.in_progress.remove(name);
        self.components.insert(name.to_owned(), ty.clone());
        Ok(ty)
    }

    fn reference(&mut self, reference: &str, module: Option<ModuleId>, from: &str) -> Result<Ty> {
        match reference.strip_prefix("#/components/schemas/") {
            Some(name) => self.component(name, module, from),
            None => Err(Error::at(
                self.file,
                from,
                format!("unsupported $ref `{reference}`: only #/components/schemas/… is read"),
            )),
        }
    }

    fn drain_pending(&mut self) -> Result<()> {
        while let Some((name, id)) = self.pending.pop_front() {
            let Some(ReferenceOr::Item(schema)) = self.schemas.get(&name) else { unreachable!("queued items exist") };
            let (props, required) = object_parts(schema).expect("queued schemas are objects");
            let def = self.types[id.0].as_ref().expect("reserved");
            let ctx = Ctx {
                module: def.module,
                parent: def.name.clone(),
                field: String::new(),
                pointer: def.pointer.clone(),
                request: false,
            };
            let fields = self.fields(props, required, &ctx)?;
            let def = self.def(id);
            def.doc = schema.schema_data.description.as_deref().and_then(rustdoc);
            def.kind = TypeKind::Struct(Struct { fields });
        }
        Ok(())
    }

    fn schema_ref(&mut self, schema: &ReferenceOr<Schema>, ctx: &Ctx) -> Result<Ty> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, Some(ctx.module), &ctx.pointer),
            ReferenceOr::Item(schema) => self.schema(schema, ctx, None),
        }
    }

    fn boxed_ref(&mut self, schema: &ReferenceOr<Box<Schema>>, ctx: &Ctx) -> Result<Ty> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, Some(ctx.module), &ctx.pointer),
            ReferenceOr::Item(schema) => self.schema(schema, ctx, None),
        }
    }

    /// Converts one schema. `names` overrides the inline naming rule (for component schemas).
    fn schema(&mut self, schema: &Schema, ctx: &Ctx, names: Option<Vec<String>>) -> Result<Ty> {
        let names = names.unwrap_or_else(|| self.candidates(Some(schema), ctx));
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&str> = s.enumeration.iter().flatten().map(String::as_str).collect();
                if values.is_empty() {
                    Ok(Ty::String)
                } else {
                    Ok(Ty::Named(self.enum_type(&values, schema, ctx, &names)))
                }
            }
            SchemaKind::Type(Type::Integer(_)) => Ok(Ty::Int),
            SchemaKind::Type(Type::Number(_)) => Ok(Ty::Float),
            SchemaKind::Type(Type::Boolean(_)) => Ok(Ty::Bool),
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), ctx),
            SchemaKind::Type(Type::Object(o)) => {
                self.object(schema, &o.properties, &o.required, o.additional_properties.as_ref(), ctx, &names)
            }
            SchemaKind::AnyOf { any_of: alternatives } | SchemaKind::OneOf { one_of: alternatives } => {
                self.alternatives(alternatives, schema, ctx, &names)
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.schema_ref(&all_of[0], &ctx.at(format!("{}/allOf/0", ctx.pointer)))
            }
            SchemaKind::AllOf { .. } | SchemaKind::Not { .. } => {
                self.warn(&ctx.pointer, "allOf/not is not supported; typed as serde_json::Value");
                Ok(Ty::Json)
            }
            SchemaKind::Any(a) => {
                if !a.any_of.is_empty() || !a.one_of.is_empty() {
                    let alternatives = if a.any_of.is_empty() { &a.one_of } else { &a.any_of };
                    return self.alternatives(alternatives, schema, ctx, &names);
                }
                match a.typ.as_deref() {
                    _ if !a.properties.is_empty() || a.typ.as_deref() == Some("object") => {
                        self.object(schema, &a.properties, &a.required, a.additional_properties.as_ref(), ctx, &names)
                    }
                    Some("string") => {
                        let values: Vec<&str> = a.enumeration.iter().filter_map(|v| v.as_str()).collect();
                        if values.is_empty() {
                            Ok(Ty::String)
                        } else {
                            Ok(Ty::Named(self.enum_type(&values, schema, ctx, &names)))
                        }
                    }
                    Some("integer") => Ok(Ty::Int),
                    Some("number") => Ok(Ty::Float),
                    Some("boolean") => Ok(Ty::Bool),
                    Some("array") => self.array(a.items.as_ref(), ctx),
                    _ => {
                        self.warn(&ctx.pointer, "schema without a type; typed as serde_json::Value");
                        Ok(Ty::Json)
                    }
                }
            }
        }
    }

    fn array(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, ctx: &Ctx) -> Result<Ty> {
        match items {
            Some(items) => {
                let item_ctx = ctx.at(format!("{}/items", ctx.pointer));
                Ok(Ty::List(Box::new(self.boxed_ref(items, &item_ctx)?)))
            }
            None => {
                self.warn(&ctx.pointer, "array without items; items typed as serde_json::Value");
                Ok(Ty::List(Box::new(Ty::Json)))
            }
        }
    }

    fn object(
        &mut self,
        schema: &Schema,
        properties: &Properties,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        ctx: &Ctx,
        names: &[String],
    ) -> Result<Ty> {
        if properties.is_empty() {
            return match additional {
                Some(AdditionalProperties::Schema(value)) => {
                    let value_ctx = ctx.at(format!("{}/additionalProperties", ctx.pointer));
                    Ok(Ty::Map(Box::new(self.schema_ref(value, &value_ctx)?)))
                }
                _ => Ok(Ty::Map(Box::new(Ty::Json))),
            };
        }
        if is_stripe_list(schema) {
            let data = &properties["data"];
            let data_ctx = ctx.at(format!("{}/properties/data", ctx.pointer));
            return match self.boxed_ref(data, &data_ctx)? {
                Ty::List(item) => Ok(Ty::StripeList(item)),
                _ => unreachable!("is_stripe_list checked data is an array"),
            };
        }
        let id = self.reserve(ctx.module, names, &ctx.pointer);
        let name = self.def(id).name.clone();
        let fields = self.fields(properties, required, &ctx.child(&name, "", ctx.pointer.clone()))?;
        let def = self.def(id);
        def.doc = schema.schema_data.description.as_deref().and_then(rustdoc);
        def.kind = TypeKind::Struct(Struct { fields });
        Ok(Ty::Named(self.dedupe(id, ctx.request)))
    }

    fn fields(&mut self, props: &Properties, required: &[String], ctx: &Ctx) -> Result<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::with_capacity(props.len());
        for (wire, prop) in props {
            let pointer = format!("{}/properties/{}", ctx.pointer, escape_pointer(wire));
            let field_ctx = ctx.child(&ctx.parent, wire, pointer);
            let (ty, doc, nullable) = match prop {
                ReferenceOr::Reference { reference } => {
                    (self.reference(reference, Some(ctx.module), &field_ctx.pointer)?, None, false)
                }
                ReferenceOr::Item(schema) => (
                    self.schema(schema, &field_ctx, None)?,
                    schema.schema_data.description.as_deref().and_then(rustdoc),
                    schema.schema_data.nullable,
                ),
            };
            let rust_name = unique_field_name(wire, &fields);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name,
                doc,
                ty,
                required: required.contains(wire),
                nullable,
                boxed: false,
                in_path: false,
            });
        }
        Ok(fields)
    }

    fn enum_type(&mut self, values: &[&str], schema: &Schema, ctx: &Ctx, names: &[String]) -> TypeId {
        let mut variants: Vec<Variant> = Vec::with_capacity(values.len());
        let mut taken: HashSet<String> = ["Unknown".to_owned()].into();
        for value in values {
            let mut rust_name = names::type_name(value);
            if !taken.insert(rust_name.clone()) {
                rust_name = (2..).map(|n| format!("{rust_name}{n}")).find(|n| !taken.contains(n)).expect("free");
                taken.insert(rust_name.clone());
            }
            variants.push(Variant { wire: (*value).to_owned(), rust_name });
        }
        let kind = TypeKind::Enum(variants);
        // Enums serve requests and responses alike, so they are shared across both.
        if let Some(&existing) = self.signatures.get(&(ctx.module, format!("enum:{kind:?}"))) {
            return existing;
        }
        // A component enum keeps its own name only; an inline one is named after parent and field.
        let names: Vec<String> =
            if ctx.parent.is_empty() { names.to_vec() } else { names.last().cloned().into_iter().collect() };
        let id = self.reserve(ctx.module, &names, &ctx.pointer);
        let def = self.def(id);
        def.kind = kind;
        def.doc = schema.schema_data.description.as_deref().and_then(rustdoc);
        let signature = format!("enum:{:?}", def.kind);
        self.signatures.insert((ctx.module, signature), id);
        id
    }

    fn alternatives(
        &mut self,
        alternatives: &[ReferenceOr<Schema>],
        schema: &Schema,
        ctx: &Ctx,
        names: &[String],
    ) -> Result<Ty> {
        let emptyable = alternatives.iter().any(is_empty_string_enum);
        let rest: Vec<(usize, &ReferenceOr<Schema>)> =
            alternatives.iter().enumerate().filter(|(_, a)| !is_empty_string_enum(a)).collect();
        let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" };
        let inner = if schema.schema_data.extensions.contains_key("x-expansionResources") {
            let mut objects = Vec::new();
            for (i, alternative) in &rest {
                if matches!(alternative, ReferenceOr::Reference { .. }) {
                    objects.push(self.schema_ref(alternative, &ctx.at(format!("{}/{keyword}/{i}", ctx.pointer)))?);
                }
            }
            let object = match objects.len() {
                0 => {
                    return Err(Error::at(
                        self.file,
                        &ctx.pointer,
                        "x-expansionResources without an object alternative",
                    ))
                }
                1 => objects.remove(0),
                _ => Ty::Named(self.union(objects, schema, ctx, names)),
            };
            Ty::Expandable(Box::new(object))
        } else if rest.is_empty() {
            Ty::String
        } else if rest.len() == 1 {
            let (i, alternative) = rest[0];
            self.schema_ref(alternative, &ctx.at(format!("{}/{keyword}/{i}", ctx.pointer)))?
        } else {
            let mut tys = Vec::new();
            for (i, alternative) in &rest {
                let ty = self.schema_ref(alternative, &ctx.at(format!("{}/{keyword}/{i}", ctx.pointer)))?;
                if !tys.contains(&ty) {
                    tys.push(ty);
                }
            }
            if tys.len() == 1 {
                tys.remove(0)
            } else {
                Ty::Named(self.union(tys, schema, ctx, names))
            }
        };
        Ok(if emptyable && ctx.request { Ty::Unsettable(Box::new(inner)) } else { inner })
    }

    fn union(&mut self, tys: Vec<Ty>, schema: &Schema, ctx: &Ctx, names: &[String]) -> TypeId {
        let mut variants: Vec<UnionVariant> = Vec::new();
        for ty in tys {
            let base = match &ty {
                Ty::Named(id) => self.types[id.0].as_ref().map(|d| d.name.clone()).unwrap_or_default(),
                Ty::Bool => "Boolean".into(),
                Ty::Int => "Integer".into(),
                Ty::Float => "Number".into(),
                Ty::String => "String".into(),
                Ty::Json => "Value".into(),
                Ty::List(_) | Ty::StripeList(_) => "List".into(),
                Ty::Map(_) => "Map".into(),
                Ty::Expandable(_) => "Expandable".into(),
                Ty::Unsettable(_) => "Unsettable".into(),
            };
            let mut rust_name = base.clone();
            let mut n = 2;
            while variants.iter().any(|v| v.rust_name == rust_name) {
                rust_name = format!("{base}{n}");
                n += 1;
            }
            variants.push(UnionVariant { rust_name, ty, boxed: false });
        }
        let id = self.reserve(ctx.module, &names[names.len() - 1..], &ctx.pointer);
        let def = self.def(id);
        def.kind = TypeKind::Union(variants);
        def.doc = schema.schema_data.description.as_deref().and_then(rustdoc);
        self.dedupe(id, ctx.request)
    }

    fn finish(mut self) -> Model {
        self.mark_roles();
        self.order_union_variants();
        // Compact away types dropped as duplicates and renumber every reference.
        let mut remap = vec![TypeId(usize::MAX); self.types.len()];
        let mut types = Vec::new();
        for (old, def) in self.types.into_iter().enumerate() {
            if let Some(def) = def {
                remap[old] = TypeId(types.len());
                types.push(def);
            }
        }
        let renumber = |ty: &mut Ty| renumber(ty, &remap);
        for def in &mut types {
            match &mut def.kind {
                TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| renumber(&mut f.ty)),
                TypeKind::Union(vs) => vs.iter_mut().for_each(|v| renumber(&mut v.ty)),
                TypeKind::Enum(_) => {}
            }
        }
        for operation in &mut self.operations {
            operation.params = remap[operation.params.0];
            renumber(&mut operation.returns);
        }
        for (i, def) in types.iter().enumerate() {
            self.modules[def.module.0].types.push(TypeId(i));
        }
        boxing::box_cycles(&mut types);
        Model {
            api_version: self.api.info.version.clone(),
            modules: self.modules,
            types,
            operations: self.operations,
            warnings: self.warnings,
        }
    }

    /// Untagged decoding tries variants in order: objects with more required fields go first, so
    /// a `deleted_application` (`deleted`, `id`, `object`) is not read as an `application`.
    /// Done once every component struct is filled in.
    fn order_union_variants(&mut self) {
        let required: Vec<usize> = self
            .types
            .iter()
            .map(|def| match def.as_ref().map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => s.fields.iter().filter(|f| f.required).count() + 1,
                _ => 0,
            })
            .collect();
        for def in self.types.iter_mut().flatten() {
            if let TypeKind::Union(variants) = &mut def.kind {
                variants.sort_by_key(|v| match v.ty {
                    Ty::Named(id) => std::cmp::Reverse(required[id.0]),
                    _ => std::cmp::Reverse(0),
                });
            }
        }
    }

    /// Marks which types are decoded from responses and which are encoded into requests.
    fn mark_roles(&mut self) {
        let mut stack: Vec<(Ty, bool)> = self.response_roots.iter().map(|t| (t.clone(), false)).collect();
        stack.extend(self.operations.iter().map(|o| (Ty::Named(o.params), true)));
        let mut seen = HashSet::new();
        while let Some((ty, request)) = stack.pop() {
            let mut ids = Vec::new();
            named_in(&ty, &mut ids);
            for id in ids {
                if !seen.insert((id, request)) {
                    continue;
                }
                let def = self.types[id.0].as_mut().expect("references point at live types");
                if request {
                    def.in_request = true;
                } else {
                    def.in_response = true;
                }
                match &def.kind {
                    TypeKind::Struct(s) => stack.extend(s.fields.iter().map(|f| (f.ty.clone(), request))),
                    TypeKind::Union(vs) => stack.extend(vs.iter().map(|v| (v.ty.clone(), request))),
                    TypeKind::Enum(_) => {}
                }
            }
        }
    }
}

fn is_stripe_list(schema: &Schema) -> bool {
    let Some((props, _)) = object_parts(schema) else { return false };
    let object_is_list = match props.get("object") {
        Some(ReferenceOr::Item(s)) => match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => t.enumeration == [Some("list".to_owned())],
            _ => false,
        },
        _ => false,
    };
    let data_is_array = matches!(props.get("data"), Some(ReferenceOr::Item(s)) if matches!(s.schema_kind, SchemaKind::Type(Type::Array(_))));
    object_is_list && data_is_array && props.contains_key("has_more") && props.contains_key("url")
}

fn unique_field_name(wire: &str, fields: &[Field]) -> String {
    let base = names::field_name(wire);
    let mut name = base.clone();
    let mut n = 2;
    while fields.iter().any(|f| f.rust_name == name) {
        name = format!("{}{n}", names::bare(&base));
        n += 1;
    }
    name
}

/// Named types a `Ty` mentions directly (through lists, maps, expandables…).
pub(super) fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::List(inner) | Ty::Map(inner) | Ty::StripeList(inner) | Ty::Expandable(inner) | Ty::Unsettable(inner) => {
            named_in(inner, out)
        }
        Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json => {}
    }
}

fn renumber(ty: &mut Ty, remap: &[TypeId]) {
    match ty {
        Ty::Named(id) => *id = remap[id.0],
        Ty::List(inner) | Ty::Map(inner) | Ty::StripeList(inner) | Ty::Expandable(inner) | Ty::Unsettable(inner) => {
            renumber(inner, remap)
        }
        Ty::Bool | Ty::Int | Ty::Float | Ty::String | Ty::Json => {}
    }
}
