//! Doc comments, kept out of syn and prettyplease.
//!
//! A description is already laid out line by line, and in the `--all` crate doc comments are a
//! third of the text: tokenizing them as string literals, parsing those back and unescaping them
//! to print `///` lines was a third of the format phase. So each doc block is emitted as one
//! placeholder attribute, `#[doc = "\0N"]` (`N` its index in [`Emitted::docs`]), which prettyplease
//! prints as `///\0N` at the item's indentation; [`splice`] then writes the block's lines there,
//! byte for byte what prettyplease makes of one `#[doc = " line"]` per line. A NUL never appears
//! in formatted code otherwise: string literals spell it `\0`.

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// What [`super::module`] emits: the module's tokens and the text of its doc blocks.
pub struct Emitted {
    /// The module's items, each doc block a placeholder.
    pub tokens: TokenStream,
    /// The doc blocks, by placeholder index.
    pub docs: Vec<String>,
}

impl From<TokenStream> for Emitted {
    /// Tokens without placeholders.
    fn from(tokens: TokenStream) -> Self {
        Emitted { tokens, docs: Vec::new() }
    }
}

/// Marks a placeholder's value.
const MARK: char = '\0';

/// The doc blocks of the module being emitted.
#[derive(Default)]
pub(super) struct DocBlocks(RefCell<Vec<String>>);

impl DocBlocks {
    /// The attribute standing for `doc`; nothing when it has no lines.
    pub(super) fn attr(&self, doc: &str) -> TokenStream {
        if doc.lines().next().is_none() {
            return TokenStream::new();
        }
        let mut blocks = self.0.borrow_mut();
        let placeholder = format!("{MARK}{}", blocks.len());
        blocks.push(doc.to_owned());
        quote!(#[doc = #placeholder])
    }

    pub(super) fn into_inner(self) -> Vec<String> {
        self.0.into_inner()
    }
}

/// `text` as formatted, each placeholder line replaced by its block's `///` lines; `None` when a
/// placeholder is missing, repeated or not on a line of its own (a generator bug).
pub(crate) fn splice(text: &str, docs: &[String]) -> Option<String> {
    if docs.is_empty() {
        return Some(text.to_owned());
    }
    let mut out =
        String::with_capacity(text.len() + docs.iter().map(|d| d.len() + 8 * d.lines().count()).sum::<usize>());
    let mut seen = vec![false; docs.len()];
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let Some(index) = body.strip_prefix("///").and_then(|rest| rest.strip_prefix(MARK)) else {
            out.push_str(line);
            continue;
        };
        let index: usize = index.strip_suffix('\n').unwrap_or(index).parse().ok()?;
        if std::mem::replace(seen.get_mut(index)?, true) {
            return None;
        }
        let indent = &line[..line.len() - body.len()];
        for doc_line in docs[index].lines() {
            // As `#[doc = " line"]` prints: a space before the text, trailing spaces dropped;
            // a CR left in a line (rustc refuses a bare one) written as `\r`.
            out.push_str(indent);
            out.push_str("///");
            let text = doc_line.trim_end_matches(' ');
            if !text.is_empty() {
                out.push(' ');
                for (i, part) in text.split('\r').enumerate() {
                    if i > 0 {
                        out.push_str("\\r");
                    }
                    out.push_str(part);
                }
            }
            out.push('\n');
        }
    }
    // Each placeholder written once, so none is left (a description may hold a NUL of its own).
    seen.iter().all(|&s| s).then_some(out)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// The spliced text is what prettyplease prints for one `#[doc]` per line.
    #[test]
    fn spliced_docs_read_as_prettyplease_prints_them() {
        let docs = DocBlocks::default();
        let (item, field) = (docs.attr("A widget.\n\n  Indented.  \nA \r in it."), docs.attr("Its size."));
        assert!(docs.attr("").is_empty(), "an empty doc has no attribute");
        let tokens = quote! { #item pub struct W { #field pub size: i64 } };
        let emitted = Emitted { tokens, docs: docs.into_inner() };
        let spliced = crate::format::module(emitted, "m").unwrap();
        let lines = ["A widget.", "", "  Indented.  ", "A \\r in it."].map(|l| {
            if l.is_empty() {
                l.to_owned()
            } else {
                format!(" {l}")
            }
        });
        let plain = quote! { #(#[doc = #lines])* pub struct W { #[doc = " Its size."] pub size: i64 } };
        assert_eq!(spliced, crate::format::module(plain, "m").unwrap());
        assert_eq!(spliced, "/// A widget.\n///\n///   Indented.\n/// A \\r in it.\npub struct W {\n    /// Its size.\n    pub size: i64,\n}\n");
    }

    #[test]
    fn a_missing_or_repeated_placeholder_is_refused() {
        let docs = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(splice("///\u{0}0\n///\u{0}1\n", &docs).as_deref(), Some("/// a\n/// b\n"));
        assert_eq!(splice("///\u{0}0\n", &docs), None, "block 1 is missing");
        assert_eq!(splice("///\u{0}0\n///\u{0}0\n///\u{0}1\n", &docs), None, "block 0 twice");
        assert_eq!(splice("x ///\u{0}0\n///\u{0}1\n", &docs), None, "not on a line of its own");
        let nul = vec!["a NUL: \u{0}1".to_owned()];
        assert_eq!(splice("///\u{0}0\n", &nul).as_deref(), Some("/// a NUL: \u{0}1\n"), "a doc's own NUL is kept");
    }
}
