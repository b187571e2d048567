//! Rust identifiers from Stripe's names: one place decides how every name is spelled.
//!
//! Types and variants are UpperCamelCase, fields and modules snake_case (heck). Keywords become
//! raw identifiers (`r#type`); the few that cannot be raw (`self`, `Self`, `super`, `crate`, `_`)
//! get a `_` suffix; a name starting with a digit gets a prefix (`V` for types, `n` for fields);
//! an empty name becomes `Empty` / `empty`.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A type or variant name: `portal_flows_flow` → `PortalFlowsFlow`, `zh-HK` → `ZhHk`.
pub fn type_name(raw: &str) -> String {
    let camel = raw.to_upper_camel_case();
    let camel = if camel.is_empty() { "Empty".to_owned() } else { camel };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("V{camel}") } else { camel };
    escape(camel)
}

/// A field, function or module name: `return_url` → `return_url`, `type` → `r#type`.
pub fn field_name(raw: &str) -> String {
    let snake = raw.to_snake_case();
    let snake = if snake.is_empty() { "empty".to_owned() } else { snake };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("n{snake}") } else { snake };
    escape(snake)
}

/// A module name: like [`field_name`] but never raw, since it names a file.
pub fn module_name(raw: &str) -> String {
    let name = field_name(raw);
    match name.strip_prefix("r#") {
        Some(bare) => format!("{bare}_"),
        None => name,
    }
}

fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The identifier without a raw prefix, as serde sees it.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_variants() {
        assert_eq!(type_name("portal_flows_flow"), "PortalFlowsFlow");
        assert_eq!(type_name("zh-HK"), "ZhHk");
        assert_eq!(type_name("es-419"), "Es419");
        assert_eq!(type_name("billing_portal.session"), "BillingPortalSession");
        assert_eq!(type_name("3d_secure"), "V3dSecure");
        assert_eq!(type_name(""), "Empty");
        assert_eq!(type_name("self"), "Self_");
    }

    #[test]
    fn fields_and_modules() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("return_url"), "return_url");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("3ds"), "n3ds");
        assert_eq!(module_name("type"), "type_");
        assert_eq!(module_name("billing_portal"), "billing_portal");
        assert_eq!(bare("r#type"), "type");
    }
}
