//! Phase 4: one module's tokens formatted as Rust source by prettyplease.

use crate::error::{Error, Result};

/// Formats the tokens of the module `what` (named in the error if they do not parse).
pub fn module(tokens: proc_macro2::TokenStream, what: &str) -> Result<String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::file(what, format!("internal error: emitted tokens do not parse: {e}")))?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn formats_items_one_per_line() {
        let text = super::module(quote! { pub struct A { pub b: i64 } }, "m").unwrap();
        assert_eq!(text, "pub struct A {\n    pub b: i64,\n}\n");
    }

    #[test]
    fn tokens_that_do_not_parse_name_the_module() {
        let error = super::module(quote! { pub struct }, "billing_portal::session").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("billing_portal::session") && message.contains("do not parse"), "{message}");
    }
}
