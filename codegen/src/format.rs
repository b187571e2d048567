//! Phase 4: one module's tokens formatted as Rust source by prettyplease, with its doc comments
//! written in where their placeholders are (see [`crate::emit::Emitted`]).

use crate::emit::{splice_docs, Emitted};
use crate::error::{Error, Result};

/// Formats the module `what` (named in the error if its tokens do not parse).
pub fn module(emitted: impl Into<Emitted>, what: &str) -> Result<String> {
    let Emitted { tokens, docs } = emitted.into();
    let internal = |e: String| Error::file(what, format!("internal error: {e}"));
    let file: syn::File = syn::parse2(tokens).map_err(|e| internal(format!("emitted tokens do not parse: {e}")))?;
    let text = prettyplease::unparse(&file);
    drop(file);
    splice_docs(&text, &docs).ok_or_else(|| internal("a doc comment's placeholder was lost in formatting".into()))
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
