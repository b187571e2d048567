//! An operation's methods on its parameters type: `send` and `send_blocking` (with options), and
//! for a list of objects with ids or a search, `paginate` and `paginate_blocking`, each set one
//! runtime macro call (`__send_methods!`, `__paginate_methods!`); and the parameters type's
//! `Operation` impl, which builds the request and names the answer's decoder (`__operation!`).

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use super::{ident, ty_tokens};
use crate::model::{Field, Method, Model, Operation, Struct, Ty, TypeKind};

/// An operation's methods for its parameters type's `impl` block (`send`, `send_with`, their
/// blocking forms, and `paginate` for a list or search, by the runtime's macros), and the
/// parameters type's `stripe_runtime::__codegen::Operation` impl, which builds the request.
pub(super) fn operation_methods(model: &Model, operation: &Operation) -> (TokenStream, TokenStream) {
    let endpoint = format!("{} {}", operation.method.as_str(), operation.path);
    // A list or search answer by its items (`list Widget`): prettyplease spaces the tokens of a
    // macro's arguments, so `crate::List<Widget>` there would read `crate ::List < Widget >`.
    let answer = match &operation.returns {
        Ty::StripeList(item) => {
            let item = ty_tokens(model, item, operation.module);
            quote!(list #item)
        }
        Ty::SearchResult(item) => {
            let item = ty_tokens(model, item, operation.module);
            quote!(search #item)
        }
        returns => ty_tokens(model, returns, operation.module),
    };
    // A pageable answer is a list or a search: the pager walks the same items.
    let pagers = model.pages(operation).map(|_| quote!(stripe_runtime::__paginate_methods!(#answer);));
    let methods = quote! {
        stripe_runtime::__send_methods!(#endpoint, #answer);
        #pagers
    };
    (methods, operation_impl(model, operation, &answer))
}

/// `impl Operation`, the request these parameters make, as one `stripe_runtime::__operation!`
/// line: the parameters type, the answer (as for `__send_methods!`), the method, and the path's literal pieces and
/// path parameters in order.
fn operation_impl(model: &Model, operation: &Operation, answer: &TokenStream) -> TokenStream {
    let params = model.ty(operation.params);
    let TypeKind::Struct(s) = &params.kind else { unreachable!("operation parameters are a struct") };
    let name = super::type_path(model, operation.params, operation.module);
    let method = match operation.method {
        Method::Get => quote!(Get),
        Method::Post => quote!(Post),
        Method::Delete => quote!(Delete),
    };
    let pieces = path_pieces(&operation.path, s).into_iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(#text),
        PathPiece::Param(field) => ident(&field.ident.rust).into_token_stream(),
    });
    quote!(stripe_runtime::__operation!(#name, #answer, #method #(#pieces)*);)
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
