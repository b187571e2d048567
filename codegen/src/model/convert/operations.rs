//! Operations: each becomes a parameters entry (path, query and form fields) and what it returns.

use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind, Type};

use crate::model::registry::Registry;

use super::*;
use crate::model::operation_names::{operation_names, PathShape};
use crate::model::registry::OperationEntry;
use crate::model::Method;

/// Converts every operation, the paths cut into `runs` runs, each converted by a converter of its
/// own on every core. Each run's entries are numbered from the end of `base` (the components);
/// [`Registry::append`] renumbers them in order, so the result is the same for any number of runs.
pub(super) fn convert_in_runs<'a>(
    api: &'a OpenAPI,
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    file: &'a str,
    base: &'a Registry,
    components: &FastMap<&'a str, Ty>,
    runs: usize,
) -> Result<Vec<Registry>> {
    let resource_ids: FastSet<String> = base.resources.iter().map(|(id, _)| id.clone()).collect();
    let paths: Vec<(&String, &ReferenceOr<PathItem>)> = api.paths.paths.iter().collect();
    let runs: Vec<_> = paths.chunks(paths.len().div_ceil(runs.max(1)).max(1)).collect();
    let parts = crate::parallel::map(&runs, crate::parallel::cores(), |run| {
        let mut converter = Converter::new(schemas, file, &base.entries);
        converter.components = components.clone();
        converter.operations(run, &resource_ids).map(|()| converter.registry)
    });
    // In path order, so the first error is the one a single converter would meet first.
    parts.into_iter().collect()
}

impl<'a> Converter<'a> {
    /// Converts the operations of `paths`, in the spec's order.
    fn operations(
        &mut self,
        paths: &[(&'a String, &'a ReferenceOr<PathItem>)],
        resource_ids: &FastSet<String>,
    ) -> Result<()> {
        for &(path, item) in paths {
            let Some(item) = item.as_item() else {
                self.warn(&format!("#/paths/{}", escape_pointer(path)), "path item $ref is not supported; skipped");
                continue;
            };
            let get_returns_list = item.get.as_ref().and_then(success_schema).is_some_and(|s| self.is_list(s));
            for (method, operation) in
                [(Method::Get, &item.get), (Method::Post, &item.post), (Method::Delete, &item.delete)]
            {
                let Some(operation) = operation else { continue };
                let resource = success_schema(operation).and_then(|s| self.returned_resource(s));
                let shape = PathShape {
                    method,
                    path,
                    has_get: item.get.is_some(),
                    get_returns_list,
                    returns_list: success_schema(operation).is_some_and(|s| self.is_list(s)),
                    returns: resource.as_deref(),
                };
                let names = operation_names(&shape, resource_ids, operation.operation_id.as_deref());
                self.operation(path, method, item, operation, names, resource)?;
            }
        }
        Ok(())
    }

    fn component_schema(&self, reference: &str) -> Option<&'a Schema> {
        self.schemas.get(reference.strip_prefix("#/components/schemas/")?)?.as_item()
    }

    fn resolve(&self, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
        match schema {
            ReferenceOr::Reference { reference } => self.component_schema(reference),
            ReferenceOr::Item(schema) => Some(schema),
        }
    }

    fn is_list(&self, success: &'a ReferenceOr<Schema>) -> bool {
        self.resolve(success).is_some_and(is_stripe_list)
    }

    /// The resource an operation returns: its success schema's resource, or the resource of the
    /// items of a page of results (`GET /v1/customers` returns a list of `customer`,
    /// `GET /v1/customers/search` a search result of them).
    fn returned_resource(&self, success: &'a ReferenceOr<Schema>) -> Option<String> {
        let schema = self.resolve(success)?;
        if let Some(id) = resource_id(schema) {
            return Some(id.to_owned());
        }
        page_object(schema)?;
        let (props, _) = object_parts(schema)?;
        let SchemaKind::Type(Type::Array(array)) = &props.get("data")?.as_item()?.schema_kind else { return None };
        let item = match array.items.as_ref()? {
            ReferenceOr::Reference { reference } => self.component_schema(reference)?,
            ReferenceOr::Item(item) => item,
        };
        resource_id(item).map(str::to_owned)
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        names: Vec<String>,
        resource: Option<String>,
    ) -> Result<()> {
        let pointer = format!("#/paths/{}/{}", escape_pointer(path), method.as_str().to_ascii_lowercase());
        let index = self.registry.operations.len();
        let base = names[0].clone();
        let returns_ctx = Ctx {
            owner: None,
            base: base.clone(),
            field: "response".into(),
            pointer: format!("{pointer}/responses/200"),
            request: false,
        };
        let first_child = self.next_id();
        let success = success_schema(operation);
        let returns = match success {
            Some(schema) => self.schema_ref(schema, &returns_ctx)?,
            None => {
                self.warn(&pointer, "no JSON success response; result typed as serde_json::Value");
                Ty::Json
            }
        };
        let ctx = Ctx { owner: None, base, field: String::new(), pointer: pointer.clone(), request: true };
        let mut fields = self.parameter_fields(path, item, operation, &ctx)?;
        self.body_fields(operation, &ctx, &mut fields)?;
        let params = self.push(Entry {
            pointer: pointer.clone(),
            kind: TypeKind::Struct(Struct { fields }),
            description: operation.description.clone(),
            origin: Origin::Params(index),
            names,
            request: true,
        });
        self.set_owner(first_child, params);
        self.registry.operations.push(OperationEntry {
            operation_id: operation.operation_id.clone().unwrap_or_else(|| self.get(params).names[0].clone()),
            method,
            path: path.to_owned(),
            pointer,
            description: operation.description.clone(),
            params,
            returns,
            resource,
        });
        Ok(())
    }

    /// Path and query parameters (of the path item and the operation), in the spec's order.
    /// Every `{name}` in the path must be a declared path parameter of a scalar type.
    fn parameter_fields(
        &mut self,
        path: &str,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
        ctx: &Ctx,
    ) -> Result<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::new();
        for (i, parameter) in item.parameters.iter().chain(&operation.parameters).enumerate() {
            let parameter_pointer = format!("{}/parameters/{i}", ctx.pointer);
            let Some(parameter) = parameter.as_item() else {
                self.warn(&parameter_pointer, "parameter $ref is not supported; skipped");
                continue;
            };
            let (data, in_path) = match parameter {
                Parameter::Path { parameter_data, .. } => (parameter_data, true),
                Parameter::Query { parameter_data, .. } => (parameter_data, false),
                Parameter::Header { parameter_data, .. } | Parameter::Cookie { parameter_data, .. } => {
                    let message =
                        format!("header/cookie parameter `{}` is not supported; skipped", parameter_data.name);
                    self.warn(&parameter_pointer, message);
                    continue;
                }
            };
            let field_ctx =
                Ctx { field: data.name.clone(), pointer: format!("{parameter_pointer}/schema"), ..ctx.clone() };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => self.schema_ref(schema, &field_ctx)?,
                ParameterSchemaOrContent::Content(_) => {
                    self.warn(
                        &parameter_pointer,
                        "parameter with content is not supported; typed as serde_json::Value",
                    );
                    Ty::Json
                }
            };
            // A path segment is the parameter's `to_string()`: strings, integers and string enums.
            let is_enum = |id: &TypeId| matches!(self.get(*id).kind, TypeKind::Enum(_));
            if in_path && !matches!(&ty, Ty::String | Ty::Int) && !matches!(&ty, Ty::Named(id) if is_enum(id)) {
                return Err(Error::at(
                    self.file,
                    parameter_pointer,
                    format!("path parameter `{}` is not a string or integer", data.name),
                ));
            }
            if fields.iter().any(|f| f.ident.wire == data.name) {
                self.warn(
                    &parameter_pointer,
                    format!("parameter `{}` is declared twice; the first is used", data.name),
                );
                continue;
            }
            let doc = data.description.clone();
            fields.push(field(&data.name, doc, ty, data.required || in_path, false, in_path));
        }
        for name in path_placeholders(path) {
            if !fields.iter().any(|f| f.in_path && f.ident.wire == name) {
                return Err(Error::at(
                    self.file,
                    &ctx.pointer,
                    format!("the path has `{{{name}}}` but no path parameter `{name}`"),
                ));
            }
        }
        Ok(fields)
    }

    /// The form body's properties, appended to `fields`.
    fn body_fields(&mut self, operation: &'a openapiv3::Operation, ctx: &Ctx, fields: &mut Vec<Field>) -> Result<()> {
        let Some(body) = &operation.request_body else { return Ok(()) };
        let body_pointer = format!("{}/requestBody", ctx.pointer);
        let Some(body) = body.as_item() else {
            return Err(Error::at(self.file, &body_pointer, "requestBody $ref is not supported"));
        };
        for (content_type, media) in &body.content {
            let media_pointer = format!("{body_pointer}/content/{}/schema", escape_pointer(content_type));
            if content_type != "application/x-www-form-urlencoded" {
                self.warn(&media_pointer, format!("request body `{content_type}` is not supported; skipped"));
                continue;
            }
            let schema = match &media.schema {
                Some(ReferenceOr::Item(schema)) => schema,
                Some(ReferenceOr::Reference { .. }) => {
                    return Err(Error::at(self.file, &media_pointer, "request body schema $ref is not supported"));
                }
                None => continue,
            };
            let Some((props, required)) = object_parts(schema) else { continue };
            let body_ctx = Ctx { pointer: media_pointer, ..ctx.clone() };
            for field in self.fields(props, required, &body_ctx)? {
                if fields.iter().any(|f| f.ident.wire == field.ident.wire) {
                    let pointer = format!("{}/properties/{}", body_ctx.pointer, escape_pointer(&field.ident.wire));
                    self.warn(&pointer, "a body parameter with the name of a path or query parameter; skipped");
                    continue;
                }
                fields.push(field);
            }
        }
        Ok(())
    }
}

/// The `{name}` placeholders of a path template.
fn path_placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

pub(super) fn success_schema(operation: &openapiv3::Operation) -> Option<&ReferenceOr<Schema>> {
    let response = operation.responses.responses.get(&openapiv3::StatusCode::Code(200))?.as_item()?;
    response.content.get("application/json")?.schema.as_ref()
}
