//! An operation's methods on its parameters type: `send` and `send_blocking` (with options), and
//! for a list of objects with ids or a search, `paginate` and `paginate_blocking`; and the
//! parameters type's `Operation` impl, which builds the request and names the answer's decoder.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, ty_tokens};
use crate::model::{Field, Method, Model, Operation, Struct, TypeKind, Walk};

/// An operation's methods for its parameters type's `impl` block (`send`, `send_with`, their
/// blocking forms, and `paginate` for a list or search), and the parameters type's
/// `stripe_runtime::__codegen::Operation` impl, which builds the request.
pub(super) fn operation_methods(model: &Model, operation: &Operation) -> (TokenStream, TokenStream) {
    let returns = ty_tokens(model, &operation.returns, operation.module);
    let send_doc = format!(
        " Sends `{} {}` with these parameters and decodes the answer.",
        operation.method.as_str(),
        operation.path
    );
    let pagers = model.pages(operation).map(|(walk, item)| {
        let item = ty_tokens(model, item, operation.module);
        let (pager, blocking_pager, doc) = match walk {
            Walk::List => (
                quote!(list_pager),
                quote!(blocking_list_pager),
                quote! {
                    #[doc = " Every item of the list, page after page (`starting_after` the last item's id, or"]
                    #[doc = " `ending_before` when these parameters set it); `limit` is the page size."]
                },
            ),
            Walk::Search => (
                quote!(search_pager),
                quote!(blocking_search_pager),
                quote! {
                    #[doc = " Every item the search finds, page after page (`page` the previous page's"]
                    #[doc = " `next_page`); `limit` is the page size."]
                },
            ),
        };
        quote! {
            #doc
            #[cfg(feature = "async")]
            pub fn paginate(&self, client: &crate::Client) -> crate::Pager<crate::Decoded<#item>> {
                self.paginate_with(client, &crate::RequestOptions::default())
            }
            #[doc = " Like `paginate`, with per-request options for every page."]
            #[cfg(feature = "async")]
            pub fn paginate_with(
                &self,
                client: &crate::Client,
                options: &crate::RequestOptions,
            ) -> crate::Pager<crate::Decoded<#item>> {
                let request = stripe_runtime::__codegen::Operation::request(self);
                stripe_runtime::__codegen::#pager(client, request.path, request.params, request.api_version, options)
            }
            #[doc = " Like `paginate`, from synchronous code: an iterator over every item."]
            pub fn paginate_blocking(
                &self,
                client: &crate::BlockingClient,
            ) -> crate::BlockingPager<crate::Decoded<#item>> {
                let request = stripe_runtime::__codegen::Operation::request(self);
                let options = crate::RequestOptions::default();
                stripe_runtime::__codegen::#blocking_pager(client, request.path, request.params, request.api_version, &options)
            }
        }
    });
    let methods = quote! {
        #[doc = #send_doc]
        #[cfg(feature = "async")]
        pub async fn send(&self, client: &crate::Client) -> Result<crate::Decoded<#returns>, crate::Error> {
            self.send_with(client, &crate::RequestOptions::default()).await
        }
        #[doc = " Like `send`, with per-request options: idempotency key, `Stripe-Account`, API version."]
        #[cfg(feature = "async")]
        pub async fn send_with(
            &self,
            client: &crate::Client,
            options: &crate::RequestOptions,
        ) -> Result<crate::Decoded<#returns>, crate::Error> {
            stripe_runtime::__codegen::send(client, self, options).await
        }
        #[doc = " Like `send`, from synchronous code: the same request, retries and errors."]
        pub fn send_blocking(
            &self,
            client: &crate::BlockingClient,
        ) -> Result<crate::Decoded<#returns>, crate::Error> {
            self.send_blocking_with(client, &crate::RequestOptions::default())
        }
        #[doc = " Like `send_with`, from synchronous code."]
        pub fn send_blocking_with(
            &self,
            client: &crate::BlockingClient,
            options: &crate::RequestOptions,
        ) -> Result<crate::Decoded<#returns>, crate::Error> {
            stripe_runtime::__codegen::send_blocking(client, self, options)
        }
        #pagers
    };
    (methods, operation_impl(model, operation, &returns))
}

/// `impl Operation`: the request these parameters make. Its decoder is named here, in a plain
/// function kept out of other crates (`#[inline(never)]`), so it is compiled in the generated
/// crate: the body of `send_with` is an `async fn`'s, compiled in the application that awaits it.
fn operation_impl(model: &Model, operation: &Operation, returns: &TokenStream) -> TokenStream {
    let params = model.ty(operation.params);
    let TypeKind::Struct(s) = &params.kind else { unreachable!("operation parameters are a struct") };
    let name = super::type_path(model, operation.params, operation.module);
    let method = match operation.method {
        Method::Get => quote!(stripe_runtime::Method::Get),
        Method::Post => quote!(stripe_runtime::Method::Post),
        Method::Delete => quote!(stripe_runtime::Method::Delete),
    };
    let pieces = path_pieces(&operation.path, s).into_iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(#text),
        PathPiece::Param(field) => {
            let field = ident(&field.ident.rust);
            quote!(&stripe_runtime::__codegen::encode_path_segment(&self.#field.to_string()))
        }
    });
    let path = if s.fields.iter().any(|f| f.in_path) {
        quote!([#(#pieces),*].concat())
    } else {
        let path = &operation.path;
        quote!(#path.into())
    };
    quote! {
        impl stripe_runtime::__codegen::Operation for #name {
            type Answer = #returns;
            #[inline(never)]
            fn request(&self) -> stripe_runtime::__codegen::Request<#returns> {
                stripe_runtime::__codegen::Request {
                    method: #method,
                    path: #path,
                    params: stripe_runtime::__codegen::to_form_body(self),
                    api_version: crate::API_VERSION,
                    decode: stripe_runtime::__codegen::decode_json::<#returns>,
                }
            }
        }
    }
}

/// A piece of an operation's path: text as written, or a path parameter.
enum PathPiece<'s> {
    Literal(String),
    Param(&'s Field),
}

/// The path split at its path parameters (`/v1/racks/{rack}/widgets` → `/v1/racks/`, `rack`,
/// `/widgets`).
fn path_pieces<'s>(path: &str, params: &'s Struct) -> Vec<PathPiece<'s>> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        let param = rest.strip_prefix('{').and_then(|after| {
            let (name, _) = after.split_once('}')?;
            params.fields.iter().find(|f| f.in_path && f.ident.wire == name).map(|f| (f, name.len() + 2))
        });
        if let Some((field, len)) = param {
            if !literal.is_empty() {
                pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
            }
            pieces.push(PathPiece::Param(field));
            rest = &rest[len..];
        } else {
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !literal.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    pieces
}
