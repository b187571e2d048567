//! Operations: each becomes a parameters struct (path, query and form fields) that carries `send`.

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};

use super::*;

/// The parameters type of an operation: verb + the returned type's name.
///
/// `Create`/`List` for POST/GET on a collection, `Retrieve`/`Update`/`Delete` on `/{id}`, else
/// the action's last path segment (`POST /v1/invoices/{invoice}/pay` → `Pay` + `Invoice`); a
/// nested path that can also be listed is a collection (`POST .../{customer}/tax_ids` → `Create`). The
/// noun is left out when the verb already names it (`ListSources`), and a `Deleted` prefix is
/// dropped (DELETE returns `deleted_customer`, the operation is `DeleteCustomer`).
/// `segments` are the path's segments without `v1`.
fn params_type_name(method: Method, segments: &[&str], noun: &str, listable: bool) -> String {
    let last = segments.last().copied().unwrap_or_default();
    let nested = segments.iter().any(|s| s.starts_with('{'));
    // A path that can also be listed (GET) is a collection; a POST-only nested path is an action.
    let collection = !nested || listable;
    let verb = match (method, last.starts_with('{'), collection) {
        (Method::Get, true, _) => "Retrieve".to_owned(),
        (Method::Post, true, _) => "Update".to_owned(),
        (Method::Delete, _, _) => "Delete".to_owned(),
        (Method::Get, false, _) if nested => format!("List{}", names::type_name(last)),
        (Method::Get, false, _) => "List".to_owned(),
        (Method::Post, false, true) => "Create".to_owned(),
        (Method::Post, false, false) => names::type_name(last),
    };
    // DELETE returns `deleted_<resource>`: the operation still deletes the resource.
    let noun = noun.strip_prefix("Deleted").filter(|rest| !rest.is_empty()).unwrap_or(noun);
    if verb.ends_with(noun) || verb.ends_with(&format!("{noun}s")) {
        verb
    } else {
        format!("{verb}{noun}")
    }
}

impl Builder<'_> {
    /// Converts the operations that return one of `resources` (`None`: every operation).
    pub(super) fn operations(&mut self, resources: Option<&[String]>) -> Result<()> {
        for (path, item) in &self.api.paths.paths {
            let Some(item) = item.as_item() else {
                self.warn(&format!("#/paths/{}", escape_pointer(path)), "path item $ref is not supported; skipped");
                continue;
            };
            for (method, operation) in
                [(Method::Get, &item.get), (Method::Post, &item.post), (Method::Delete, &item.delete)]
            {
                let Some(operation) = operation else { continue };
                let success = success_schema(operation);
                let returned_resource = success.and_then(|schema| self.returned_resource(schema));
                let selected = match resources {
                    None => true,
                    Some(ids) => returned_resource.is_some_and(|r| ids.iter().any(|id| id == r)),
                };
                if selected {
                    self.operation(path, method, item, operation)?;
                }
            }
        }
        Ok(())
    }

    /// The resource an operation returns: its success schema's resource, or the resource of the
    /// items of a Stripe list object (`GET /v1/customers` returns a list of `customer`).
    fn returned_resource<'s>(&'s self, success: &'s ReferenceOr<Schema>) -> Option<&'s str> {
        let component = |reference: &str| self.schemas.get(reference.strip_prefix("#/components/schemas/")?)?.as_item();
        let schema = match success {
            ReferenceOr::Reference { reference } => component(reference)?,
            ReferenceOr::Item(schema) => schema,
        };
        if let Some(id) = resource_id(schema) {
            return Some(id);
        }
        if !is_stripe_list(schema) {
            return None;
        }
        let (props, _) = object_parts(schema)?;
        let SchemaKind::Type(Type::Array(array)) = &props.get("data")?.as_item()?.schema_kind else { return None };
        match array.items.as_ref()? {
            ReferenceOr::Reference { reference } => component(reference).and_then(resource_id),
            ReferenceOr::Item(item) => resource_id(item),
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        item: &openapiv3::PathItem,
        operation: &openapiv3::Operation,
    ) -> Result<()> {
        let method_name = match method {
            Method::Get => "get",
            Method::Post => "post",
            Method::Delete => "delete",
        };
        let pointer = format!("#/paths/{}/{method_name}", escape_pointer(path));
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| *s != "v1").collect();
        let fallback_module = self.module(vec![names::module_name(segments.first().copied().unwrap_or("api"))], None);
        let returns_ctx = Ctx {
            module: fallback_module,
            parent: names::type_name(operation.operation_id.as_deref().unwrap_or("Operation")),
            field: "response".into(),
            pointer: format!("{pointer}/responses/200"),
            request: false,
        };
        let returns = match success_schema(operation) {
            Some(schema) => self.schema_ref(schema, &returns_ctx)?,
            None => {
                self.warn(&pointer, "no JSON success response; result typed as serde_json::Value");
                Ty::Json
            }
        };
        self.response_roots.push(returns.clone());
        let named = first_named(&returns);
        let module = named.map(|id| self.types[id.0].as_ref().expect("live").module).unwrap_or(fallback_module);
        let noun = match named {
            Some(id) => self.types[id.0].as_ref().expect("live").name.clone(),
            None => names::type_name(&segments.join("_")),
        };
        let params_name = params_type_name(method, &segments, &noun, item.get.is_some());
        let id = self.reserve(module, &[params_name], &pointer);
        let name = self.def(id).name.clone();
        let ctx = Ctx { module, parent: name.clone(), field: String::new(), pointer: pointer.clone(), request: true };

        let mut fields = self.parameter_fields(item, operation, &ctx)?;
        self.body_fields(operation, &ctx, &mut fields)?;
        let def = self.def(id);
        def.doc = operation.description.as_deref().and_then(rustdoc);
        def.kind = TypeKind::Struct(Struct { fields });
        let index = self.operations.len();
        self.operations.push(Operation {
            operation_id: operation.operation_id.clone().unwrap_or_else(|| name.clone()),
            method,
            path: path.to_owned(),
            doc: operation.description.as_deref().and_then(rustdoc),
            params: id,
            returns,
            module,
        });
        self.modules[module.0].operations.push(index);
        self.drain_pending()
    }

    /// Path and query parameters (of the path item and the operation), in the spec's order.
    fn parameter_fields(
        &mut self,
        item: &openapiv3::PathItem,
        operation: &openapiv3::Operation,
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
                    self.warn(
                        &parameter_pointer,
                        format!("header/cookie parameter `{}` is not supported; skipped", parameter_data.name),
                    );
                    continue;
                }
            };
            let field_ctx = ctx.child(&ctx.parent, &data.name, format!("{parameter_pointer}/schema"));
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
            fields.push(Field {
                rust_name: unique_field_name(&data.name, &fields),
                wire_name: data.name.clone(),
                doc: data.description.as_deref().and_then(rustdoc),
                ty,
                required: data.required || in_path,
                nullable: false,
                boxed: false,
                in_path,
            });
        }
        Ok(fields)
    }

    /// The form body's properties, appended to `fields`.
    fn body_fields(&mut self, operation: &openapiv3::Operation, ctx: &Ctx, fields: &mut Vec<Field>) -> Result<()> {
        if let Some(body) = &operation.request_body {
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
                let body_ctx = ctx.child(&ctx.parent, "", media_pointer);
                for mut field in self.fields(props, required, &body_ctx)? {
                    field.rust_name = unique_field_name(&field.wire_name, fields);
                    fields.push(field);
                }
            }
        }
        Ok(())
    }
}

fn success_schema(operation: &openapiv3::Operation) -> Option<&ReferenceOr<Schema>> {
    let response = operation.responses.responses.get(&openapiv3::StatusCode::Code(200))?.as_item()?;
    response.content.get("application/json")?.schema.as_ref()
}

fn first_named(ty: &Ty) -> Option<TypeId> {
    let mut ids = Vec::new();
    named_in(ty, &mut ids);
    ids.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_follow_the_rule() {
        let name = |method, path: &str, noun| {
            let segments: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| *s != "v1").collect();
            let listable = path.ends_with("sources") || path.ends_with("tax_ids") || path == "/v1/customers";
            params_type_name(method, &segments, noun, listable)
        };
        assert_eq!(name(Method::Post, "/v1/billing_portal/sessions", "Session"), "CreateSession");
        assert_eq!(name(Method::Get, "/v1/customers", "Customer"), "ListCustomer");
        assert_eq!(name(Method::Get, "/v1/customers/{customer}", "Customer"), "RetrieveCustomer");
        assert_eq!(name(Method::Post, "/v1/customers/{customer}", "Customer"), "UpdateCustomer");
        assert_eq!(name(Method::Delete, "/v1/customers/{customer}", "DeletedCustomer"), "DeleteCustomer");
        assert_eq!(name(Method::Post, "/v1/invoices/{invoice}/pay", "Invoice"), "PayInvoice");
        assert_eq!(name(Method::Get, "/v1/customers/{customer}/sources", "Source"), "ListSources");
        assert_eq!(name(Method::Post, "/v1/customers/{customer}/tax_ids", "TaxId"), "CreateTaxId");
        assert_eq!(name(Method::Post, "/v1/accounts/{account}/reject", "Account"), "RejectAccount");
    }
}
