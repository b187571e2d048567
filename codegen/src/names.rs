//! Rust identifiers from Stripe's names: one place decides how every name is spelled.
//!
//! Types and variants are UpperCamelCase, fields and modules snake_case (heck). Keywords become
//! raw identifiers (`r#type`); the few that cannot be raw (`self`, `Self`, `super`, `crate`, `_`)
//! get a `_` suffix; a name starting with a digit gets a prefix (`V` for types, `n` for fields);
//! an empty name becomes `Empty` / `empty`.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A name as it is on the wire (JSON key, form key, enum value) and as it is in Rust.
///
/// The Rust spelling is decided once, here: it may be raw (`r#type`), and no later phase strips or
/// re-escapes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    /// The name in JSON and forms, as Stripe spells it.
    pub wire: String,
    /// The Rust identifier, possibly raw (`r#type`).
    pub rust: String,
}

impl Ident {
    /// A field (snake_case): `type` → `r#type`.
    pub fn field(wire: &str) -> Ident {
        Ident { wire: wire.to_owned(), rust: field_name(wire) }
    }

    /// An enum variant (UpperCamelCase): `zh-HK` → `ZhHk`.
    pub fn variant(wire: &str) -> Ident {
        Ident { wire: wire.to_owned(), rust: type_name(wire) }
    }

    /// The Rust name without `r#`, as serde and messages see it.
    pub fn bare(&self) -> &str {
        bare(&self.rust)
    }

    /// Whether serde needs `rename`: the Rust name (without `r#`) is not the wire name.
    pub fn renamed(&self) -> bool {
        self.bare() != self.wire
    }
}

/// Spells every character that is not a letter or digit by name, keeping the case of letters:
/// the fallback for enum values whose plain names collide (`Etc/GMT+1` → `EtcSlashGMTPlus1`).
pub fn spelled_type_name(raw: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper_next { c.to_ascii_uppercase() } else { c });
            upper_next = false;
        } else {
            out.push_str(match c {
                '+' => "Plus",
                '-' => "Minus",
                '/' => "Slash",
                '.' => "Dot",
                '_' => "Underscore",
                ' ' => "Space",
                _ => "Char",
            });
            upper_next = true;
        }
    }
    type_name(&out)
}

/// What a name is reserved for: the one table every naming rule consults (types, fields,
/// setters, variants, modules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reserved {
    /// A Rust keyword: written raw (`r#type`).
    Keyword,
    /// A keyword that cannot be raw (`self`, `Self`, `super`, `crate`, `_`): followed by `_`.
    NotRaw,
    /// A name that the prelude, `std` or the generated crate's root brings into scope of a user who
    /// glob-imports a module (`Option`, `Default`, `Error`, `Client`), or that generated code
    /// uses unqualified (`HashMap`): no generated type takes it.
    Type,
    /// A method the runtime's macros define on generated types (`send`, `paginate`,
    /// `extra_param`): a parameter of that name gets the setter `with_<name>`.
    Method,
    /// A private field of generated types (`unknown_fields`, `extra_params`): a Stripe field of
    /// that name is followed by `_`.
    Field,
    /// The variant that holds a string enum's values the crate does not know: a value of that
    /// name is followed by `_`.
    Variant,
    /// A top-level module name the crate uses itself (`lib`, `shared`): a resource of that name
    /// is followed by `_`.
    Module,
}

/// Every reserved name, sorted (a test checks), with what it is reserved for.
#[rustfmt::skip]
const RESERVED: &[(&str, Reserved)] = {
    use Reserved::*;
    &[
        ("AsMut", Type), ("AsRef", Type), ("BlockingClient", Type), ("BlockingPager", Type), ("Box", Type),
        ("Client", Type), ("ClientBuilder", Type), ("Clone", Type), ("Copy", Type), ("Decode", Type),
        ("Decoded", Type), ("Default", Type), ("DoubleEndedIterator", Type), ("Drop", Type), ("Eq", Type),
        ("Err", Type), ("Error", Type), ("ErrorKind", Type), ("ExactSizeIterator", Type), ("Expandable", Type),
        ("Extend", Type), ("Fn", Type), ("FnMut", Type), ("FnOnce", Type), ("From", Type),
        ("FromIterator", Type), ("HashMap", Type), ("Into", Type), ("IntoIterator", Type), ("Iterator", Type),
        ("List", Type), ("None", Type), ("Object", Type), ("Ok", Type), ("Option", Type), ("Ord", Type),
        ("Pager", Type), ("PartialEq", Type), ("PartialOrd", Type), ("RequestOptions", Type), ("Result", Type),
        ("SearchResult", Type), ("Self", NotRaw), ("Send", Type), ("Sized", Type), ("Some", Type),
        ("String", Type), ("Sync", Type), ("ToOwned", Type), ("ToString", Type), ("TryFrom", Type),
        ("TryInto", Type), ("Unknown", Variant), ("UnknownValue", Type), ("Unpin", Type), ("Unsettable", Type),
        ("Vec", Type), ("_", NotRaw), ("abstract", Keyword), ("as", Keyword), ("async", Keyword),
        ("await", Keyword), ("become", Keyword), ("box", Keyword), ("break", Keyword), ("const", Keyword),
        ("continue", Keyword), ("crate", NotRaw), ("do", Keyword), ("dyn", Keyword), ("else", Keyword),
        ("enum", Keyword), ("extern", Keyword), ("extra_param", Method), ("extra_params", Field),
        ("false", Keyword), ("final", Keyword), ("fn", Keyword), ("for", Keyword), ("gen", Keyword),
        ("if", Keyword), ("impl", Keyword), ("in", Keyword), ("let", Keyword), ("lib", Module),
        ("loop", Keyword), ("macro", Keyword), ("main", Module), ("match", Keyword), ("mod", Keyword),
        ("move", Keyword), ("mut", Keyword), ("new", Method), ("override", Keyword), ("paginate", Method),
        ("paginate_blocking", Method), ("paginate_with", Method), ("priv", Keyword), ("pub", Keyword),
        ("ref", Keyword), ("return", Keyword), ("runtime", Module), ("self", NotRaw), ("send", Method),
        ("send_blocking", Method), ("send_blocking_with", Method), ("send_with", Method), ("shared", Module),
        ("static", Keyword), ("struct", Keyword), ("super", NotRaw), ("trait", Keyword), ("true", Keyword),
        ("try", Keyword), ("type", Keyword), ("typeof", Keyword), ("unknown_fields", Field),
        ("unsafe", Keyword), ("unsized", Keyword), ("use", Keyword), ("virtual", Keyword), ("where", Keyword),
        ("while", Keyword), ("yield", Keyword),
    ]
};

/// What `name` (as spelled in Rust, without `r#`) is reserved for, if anything.
pub fn reserved(name: &str) -> Option<Reserved> {
    RESERVED.binary_search_by(|(r, _)| (*r).cmp(name)).ok().map(|i| RESERVED[i].1)
}

/// A type or variant name: `portal_flows_flow` → `PortalFlowsFlow`, `zh-HK` → `ZhHk`.
pub fn type_name(raw: &str) -> String {
    let camel = lower_words_to_camel(raw).unwrap_or_else(|| ascii(raw).to_upper_camel_case());
    let camel = if camel.is_empty() { "Empty".to_owned() } else { camel };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("V{camel}") } else { camel };
    escape(camel)
}

/// `heck`'s UpperCamelCase of a name with no uppercase letter and no non-ASCII character, the
/// shape of nearly every name in Stripe's spec (`portal_flows_flow`, `billing_portal.session`):
/// words are the runs of letters and digits, each capitalized. `None` for any other name. Heck
/// decides word boundaries inside mixed-case words, which this skips; it is a fifth of a
/// selection's model time otherwise. A test checks both agree.
fn lower_words_to_camel(raw: &str) -> Option<String> {
    if !raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return None;
    }
    let mut out = String::with_capacity(raw.len());
    for word in raw.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        out.push(word.as_bytes()[0].to_ascii_uppercase() as char);
        out.push_str(&word[1..]);
    }
    Some(out)
}

/// A field, function or module name: `return_url` → `return_url`, `type` → `r#type`.
pub fn field_name(raw: &str) -> String {
    let snake = ascii(raw).to_snake_case();
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

/// Identifiers are ASCII: any other character becomes its code point as a word of its own
/// (`x²` → `x_u00b2`, `٣abc` → `u0663_abc`), so every name is a valid identifier and none looks
/// like another.
fn ascii(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.is_ascii() {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("_u{:04x}_", c as u32));
        }
    }
    out.into()
}

fn escape(name: String) -> String {
    match reserved(&name) {
        Some(Reserved::NotRaw) => format!("{name}_"),
        Some(Reserved::Keyword) => format!("r#{name}"),
        _ => name,
    }
}

/// The identifier without a raw prefix, as serde sees it.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_camel_case_agrees_with_heck() {
        use heck::ToUpperCamelCase;
        // Every string of up to 4 characters over an alphabet with each kind of character.
        let alphabet = ['a', 'z', '0', '9', '_', '.', '-', ' '];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}"))).collect();
            words.extend(longer);
        }
        words
            .extend(["portal_flows_flow", "billing_portal.session", "p24", "v2_x", "a1b2", "ab9c_d"].map(String::from));
        for word in words {
            assert_eq!(super::lower_words_to_camel(&word), Some(word.to_upper_camel_case()), "{word:?}");
        }
        assert_eq!(super::lower_words_to_camel("Mixed"), None);
    }

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
        assert_eq!(spelled_type_name("Etc/GMT+1"), "EtcSlashGmtPlus1");
        assert_eq!(spelled_type_name("Etc/GMT-1"), "EtcSlashGmtMinus1");
    }

    #[test]
    fn any_unicode_becomes_an_ascii_identifier() {
        assert_eq!(field_name("x²"), "x_u00b2");
        assert_eq!(field_name("½"), "u00bd");
        assert_eq!(field_name("٣abc"), "u0663_abc");
        assert_eq!(type_name("٣abc"), "U0663Abc");
        assert_eq!(module_name("café"), "caf_u00e9");
        for raw in ["x²", "½", "٣abc", "日本", "a\u{0}b", "\"", "{{", "*/"] {
            for name in [type_name(raw), field_name(raw), module_name(raw)] {
                let bare = bare(&name);
                assert!(bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{raw:?} -> {name}");
                assert!(!bare.starts_with(|c: char| c.is_ascii_digit()), "{raw:?} -> {name}");
            }
        }
    }

    #[test]
    fn the_reserved_table_is_sorted_and_every_name_once() {
        assert!(RESERVED.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no name twice");
        assert_eq!(reserved("send_blocking"), Some(Reserved::Method));
        assert_eq!(reserved("Default"), Some(Reserved::Type));
        assert_eq!(reserved("type"), Some(Reserved::Keyword));
        assert_eq!(reserved("customer"), None);
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
