//! An operation's methods on its parameters type: `send` and `send_blocking` (with options), and
//! for a list of objects with ids or a search, `paginate` and `paginate_blocking`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, is_object, ty_tokens};
use crate::model::{Field, Method, Model, Operation, Struct, Ty, TypeKind};

/// `send` and `send_with` of an operation, for its parameters type's `impl` block.
pub(super) fn operation_methods(model: &Model, operation: &Operation) -> TokenStream {
    let params = model.ty(operation.params);
    let returns = ty_tokens(model, &operation.returns, operation.module);
    let method = match operation.method {
        Method::Get => quote!(stripe_runtime::Method::Get),
        Method::Post => quote!(stripe_runtime::Method::Post),
        Method::Delete => quote!(stripe_runtime::Method::Delete),
    };
    let send_doc = format!(
        " Sends `{} {}` with these parameters and decodes the answer.",
        operation.method.as_str(),
        operation.path
    );
    let TypeKind::Struct(s) = &params.kind else { unreachable!("operation parameters are a struct") };
    let pieces = path_pieces(&operation.path, s).into_iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(#text),
        PathPiece::Param(field) => {
            let field = ident(&field.ident.rust);
            quote!(&stripe_runtime::__codegen::encode_path_segment(&self.#field.to_string()))
        }
    });
    // `path` is a `&str` for `execute`; `owned_path` an `impl Into<String>` for the pagers.
    let (path, owned_path) = if s.fields.iter().any(|f| f.in_path) {
        let concat = quote!([#(#pieces),*].concat());
        (quote!(&#concat), concat)
    } else {
        let path = &operation.path;
        (quote!(#path), quote!(#path))
    };
    let pagers = page_of(model, &operation.returns).map(|(walk, item)| {
        let item = ty_tokens(model, item, operation.module);
        let (walk, doc) = match walk {
            Walk::List => (
                quote!(list),
                quote! {
                    #[doc = " Every item of the list, page after page (`starting_after` the last item's id, or"]
                    #[doc = " `ending_before` when these parameters set it); `limit` is the page size."]
                },
            ),
            Walk::Search => (
                quote!(search),
                quote! {
                    #[doc = " Every item the search finds, page after page (`page` the previous page's"]
                    #[doc = " `next_page`); `limit` is the page size."]
                },
            ),
        };
        quote! {
            #doc
            #[cfg(feature = "async")]
            pub fn paginate(&self, client: &crate::Client) -> crate::Pager<#item> {
                self.paginate_with(client, &crate::RequestOptions::default())
            }
            #[doc = " Like `paginate`, with per-request options for every page."]
            #[cfg(feature = "async")]
            pub fn paginate_with(
                &self,
                client: &crate::Client,
                options: &crate::RequestOptions,
            ) -> crate::Pager<#item> {
                let query = stripe_runtime::__codegen::to_form_body(self);
                crate::Pager::#walk(client, #owned_path, query, crate::API_VERSION, options)
            }
            #[doc = " Like `paginate`, from synchronous code: an iterator over every item."]
            pub fn paginate_blocking(
                &self,
                client: &crate::BlockingClient,
            ) -> crate::BlockingPager<#item> {
                let query = stripe_runtime::__codegen::to_form_body(self);
                let options = crate::RequestOptions::default();
                crate::BlockingPager::#walk(client, #owned_path, query, crate::API_VERSION, &options)
            }
        }
    });
    quote! {
        #[doc = #send_doc]
        #[cfg(feature = "async")]
        pub async fn send(&self, client: &crate::Client) -> Result<#returns, crate::Error> {
            self.send_with(client, &crate::RequestOptions::default()).await
        }
        #[doc = " Like `send`, with per-request options: idempotency key, `Stripe-Account`, API version."]
        #[cfg(feature = "async")]
        pub async fn send_with(
            &self,
            client: &crate::Client,
            options: &crate::RequestOptions,
        ) -> Result<#returns, crate::Error> {
            let body = stripe_runtime::__codegen::to_form_body(self);
            client.execute(#method, #path, body, crate::API_VERSION, options).await
        }
        #[doc = " Like `send`, from synchronous code: the same request, retries and errors."]
        pub fn send_blocking(
            &self,
            client: &crate::BlockingClient,
        ) -> Result<#returns, crate::Error> {
            self.send_blocking_with(client, &crate::RequestOptions::default())
        }
        #[doc = " Like `send_with`, from synchronous code."]
        pub fn send_blocking_with(
            &self,
            client: &crate::BlockingClient,
            options: &crate::RequestOptions,
        ) -> Result<#returns, crate::Error> {
            let body = stripe_runtime::__codegen::to_form_body(self);
            client.execute(#method, #path, body, crate::API_VERSION, options)
        }
        #pagers
    }
}

/// How a page of results leads to the next.
enum Walk {
    /// By the last item's id (`starting_after` / `ending_before`).
    List,
    /// By the page's `next_page` token.
    Search,
}

/// How to walk the pages an operation returns, and their item type: a list whose items have ids
/// to page by, or a search result.
fn page_of<'m>(model: &Model, returns: &'m Ty) -> Option<(Walk, &'m Ty)> {
    match returns {
        Ty::StripeList(item) => {
            matches!(**item, Ty::Named(id) if is_object(model, id)).then_some((Walk::List, &**item))
        }
        Ty::SearchResult(item) => Some((Walk::Search, &**item)),
        _ => None,
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
