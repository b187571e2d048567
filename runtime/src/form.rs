//! Stripe's `application/x-www-form-urlencoded` encoding, written field by field.
//!
//! The rules are those of Stripe's official SDKs: nested objects as `a[b][c]=v`, arrays always
//! indexed (`expand[0]=x`), booleans as `true`/`false`, `A-Z a-z 0-9 _ . - ~` kept, space as `+`,
//! every other byte `%XX` (uppercase hex), and `[` `]` written literally in keys and values.

use std::collections::{BTreeMap, HashMap};

/// Writes a form body one scalar at a time; the current key is a path such as `flow_data[type]`.
///
/// Everything written is percent-encoded, so the body is ASCII: it is kept as bytes and checked
/// once when finished.
#[derive(Debug, Default)]
pub struct FormWriter {
    body: Vec<u8>,
    key: Vec<u8>,
}

impl FormWriter {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `value` under the child key `name` of the current key (`name` at the top level).
    pub fn field<V: FormValue + ?Sized>(&mut self, name: &str, value: &V) {
        if value.is_absent() {
            return;
        }
        let saved = self.key.len();
        if self.key.is_empty() {
            encode(&mut self.key, name);
        } else {
            self.key.push(b'[');
            encode(&mut self.key, name);
            self.key.push(b']');
        }
        value.write_form(self);
        self.key.truncate(saved);
    }

    /// Writes `value` under the array index `index` of the current key: `key[index]`.
    pub fn index<V: FormValue + ?Sized>(&mut self, index: usize, value: &V) {
        if value.is_absent() {
            return;
        }
        let saved = self.key.len();
        self.key.push(b'[');
        self.key.extend_from_slice(itoa(index as u64, &mut [0u8; 20]).as_bytes());
        self.key.push(b']');
        value.write_form(self);
        self.key.truncate(saved);
    }

    /// Writes `key=value` for the current key.
    pub fn scalar(&mut self, value: &str) {
        if !self.body.is_empty() {
            self.body.push(b'&');
        }
        self.body.extend_from_slice(&self.key);
        self.body.push(b'=');
        encode(&mut self.body, value);
    }

    /// Writes each extra parameter under the current key, after everything written so far. A
    /// parameter whose full key was already written replaces that pair's value where it stands
    /// (an extra overrides the typed field of the same name), so no key is sent twice.
    pub fn extra(&mut self, extra: &ExtraParams) {
        for (path, value) in &extra.0 {
            let saved = self.key.len();
            for (i, segment) in path_segments(path).into_iter().enumerate() {
                if i == 0 && self.key.is_empty() {
                    encode(&mut self.key, segment);
                } else {
                    self.key.push(b'[');
                    encode(&mut self.key, segment);
                    self.key.push(b']');
                }
            }
            match self.pair_value_range() {
                Some(range) => {
                    let mut encoded = Vec::with_capacity(value.len());
                    encode(&mut encoded, value);
                    self.body.splice(range, encoded);
                }
                None => self.scalar(value),
            }
            self.key.truncate(saved);
        }
    }

    /// Where the value of the pair with the current key is in the body, if there is one.
    fn pair_value_range(&self) -> Option<std::ops::Range<usize>> {
        let mut start = 0;
        for pair in self.body.split(|&b| b == b'&') {
            let end = start + pair.len();
            if pair.len() > self.key.len() && pair.starts_with(&self.key) && pair[self.key.len()] == b'=' {
                return Some(start + self.key.len() + 1..end);
            }
            start = end + 1;
        }
        None
    }

    /// The body written so far.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.body).expect("an encoded body is ASCII")
    }

    /// The finished body.
    pub fn finish(self) -> String {
        String::from_utf8(self.body).expect("an encoded body is ASCII")
    }
}

/// Parameters the generated types do not have yet (newer than the spec they were generated from),
/// each a bracketed path and a value: `flow_data[subscription_pause][subscription]` = `sub_123`.
/// Every parameters type keeps them and encodes them after its typed fields, with the same
/// encoding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraParams(Vec<(String, String)>);

impl ExtraParams {
    /// Adds `path` = `value`; a later value for the same path replaces the earlier one.
    pub fn set(&mut self, path: impl Into<String>, value: impl Into<String>) {
        let (path, value) = (path.into(), value.into());
        match self.0.iter_mut().find(|(p, _)| *p == path) {
            Some(pair) => pair.1 = value,
            None => self.0.push((path, value)),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The segments of a bracketed path: `a[b][c]` → `a`, `b`, `c`; `a[]` → `a` and an empty one.
fn path_segments(path: &str) -> Vec<&str> {
    match path.split_once('[') {
        None => vec![path],
        Some((first, rest)) => {
            let rest = rest.strip_suffix(']').unwrap_or(rest);
            std::iter::once(first).chain(rest.split("][")).collect()
        }
    }
}

/// Encodes a whole parameter value as a form body.
pub fn to_form_body<V: FormValue + ?Sized>(value: &V) -> String {
    let mut writer = FormWriter { body: Vec::with_capacity(256), key: Vec::with_capacity(64) };
    value.write_form(&mut writer);
    writer.finish()
}

fn itoa(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("digits are ASCII")
}

/// Bytes written as they are: `A-Z a-z 0-9 _ . - ~`, and `[` `]` which Stripe's SDKs leave literal.
fn is_kept(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-' | b'~' | b'[' | b']')
}

/// Appends `text` percent-encoded by Stripe's rules. Runs of kept bytes are copied at once.
fn encode(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if is_kept(byte) {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        if byte == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', HEX[(byte >> 4) as usize], HEX[(byte & 0xF) as usize]]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
}

/// Encodes one path segment (an id in `/v1/customers/{customer}`): unreserved bytes as they
/// are, every other byte `%XX`.
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &byte in segment.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `query` (an encoded form) without its pairs whose key is one of `dropped`, then `key=value`
/// with `value` encoded: how a pager puts its cursor after the caller's parameters, never twice.
pub(crate) fn with_param(query: &str, dropped: &[&str], key: &str, value: &str) -> String {
    let mut out = Vec::with_capacity(query.len() + key.len() + value.len() + 2);
    for pair in query.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        if pair.is_empty() || dropped.contains(&name) {
            continue;
        }
        out.extend_from_slice(pair.as_bytes());
        out.push(b'&');
    }
    encode(&mut out, key);
    out.push(b'=');
    encode(&mut out, value);
    String::from_utf8(out).expect("an encoded query is ASCII")
}

/// Whether the encoded `query` has a pair named `key`.
pub(crate) fn has_param(query: &str, key: &str) -> bool {
    query.split('&').any(|pair| pair.split_once('=').map_or(pair, |(name, _)| name) == key)
}

/// A value that can be written into a form body at the writer's current key.
pub trait FormValue {
    /// Writes this value at `writer`'s current key; an absent value writes nothing.
    fn write_form(&self, writer: &mut FormWriter);

    /// Whether the value writes nothing at all (a `None`), so the writer can skip its key.
    fn is_absent(&self) -> bool {
        false
    }
}

/// `impl FormValue` for a generated parameters type: each listed field at its wire name (the
/// field's own name, or the literal after `=` where the two differ), in the order listed, then the
/// extra parameters. A macro so that a parameters type's encoding costs a line or two of generated
/// source, not a line per field.
#[doc(hidden)]
#[macro_export]
macro_rules! __form_value {
    ($name:ident { $($field:ident $(= $wire:literal)?),* $(,)? }) => {
        impl $crate::__codegen::FormValue for $name {
            fn write_form(&self, writer: &mut $crate::__codegen::FormWriter) {
                $(writer.field($crate::__form_value!(@wire $field $(= $wire)?), &self.$field);)*
                writer.extra(&self.extra_params);
            }
        }
    };
    (@wire $field:ident) => { ::core::stringify!($field) };
    (@wire $field:ident = $wire:literal) => { $wire };
}

/// `impl FormValue` for a generated union of parameter shapes: the alternative it holds, written
/// as that alternative writes itself. One line of generated source.
#[doc(hidden)]
#[macro_export]
macro_rules! __union_form_value {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        impl $crate::__codegen::FormValue for $name {
            fn write_form(&self, writer: &mut $crate::__codegen::FormWriter) {
                match self {
                    $(Self::$variant(value) => $crate::__codegen::FormValue::write_form(value, writer),)+
                }
            }
        }
    };
}

impl FormValue for str {
    fn write_form(&self, writer: &mut FormWriter) {
        writer.scalar(self);
    }
}

impl FormValue for String {
    fn write_form(&self, writer: &mut FormWriter) {
        writer.scalar(self);
    }
}

impl FormValue for bool {
    fn write_form(&self, writer: &mut FormWriter) {
        writer.scalar(if *self { "true" } else { "false" });
    }
}

impl FormValue for i64 {
    fn write_form(&self, writer: &mut FormWriter) {
        let mut buf = [0u8; 20];
        if *self < 0 {
            let digits = itoa(self.unsigned_abs(), &mut buf);
            writer.scalar(&format!("-{digits}"));
        } else {
            writer.scalar(itoa(*self as u64, &mut buf));
        }
    }
}

impl FormValue for f64 {
    fn write_form(&self, writer: &mut FormWriter) {
        writer.scalar(&self.to_string());
    }
}

impl<T: FormValue> FormValue for Option<T> {
    fn write_form(&self, writer: &mut FormWriter) {
        if let Some(value) = self {
            value.write_form(writer);
        }
    }
    fn is_absent(&self) -> bool {
        self.as_ref().is_none_or(FormValue::is_absent)
    }
}

impl<T: FormValue + ?Sized> FormValue for Box<T> {
    fn write_form(&self, writer: &mut FormWriter) {
        (**self).write_form(writer);
    }
    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl<T: FormValue> FormValue for Vec<T> {
    fn write_form(&self, writer: &mut FormWriter) {
        for (i, item) in self.iter().enumerate() {
            writer.index(i, item);
        }
    }
}

/// Maps are written in key order, so the same map always gives the same bytes.
impl<V: FormValue> FormValue for HashMap<String, V> {
    fn write_form(&self, writer: &mut FormWriter) {
        let mut keys: Vec<&String> = self.keys().collect();
        keys.sort();
        for key in keys {
            writer.field(key, &self[key]);
        }
    }
}

impl<V: FormValue> FormValue for BTreeMap<String, V> {
    fn write_form(&self, writer: &mut FormWriter) {
        for (key, value) in self {
            writer.field(key, value);
        }
    }
}

impl FormValue for serde_json::Value {
    fn write_form(&self, writer: &mut FormWriter) {
        use serde_json::Value;
        match self {
            Value::Null => writer.scalar(""),
            Value::Bool(b) => b.write_form(writer),
            Value::Number(n) => writer.scalar(&n.to_string()),
            Value::String(s) => writer.scalar(s),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    writer.index(i, item);
                }
            }
            Value::Object(map) => {
                for (key, value) in map {
                    writer.field(key, value);
                }
            }
        }
    }
}

/// A parameter that can be set, or explicitly unset: Stripe clears a field sent as `key=`.
#[derive(Clone, Debug, PartialEq)]
pub enum Unsettable<T> {
    /// Send this value.
    Set(T),
    /// Send `key=` so Stripe clears the field.
    Unset,
}

impl<T> From<T> for Unsettable<T> {
    fn from(value: T) -> Self {
        Unsettable::Set(value)
    }
}

impl<T: FormValue> FormValue for Unsettable<T> {
    fn write_form(&self, writer: &mut FormWriter) {
        match self {
            Unsettable::Set(value) => value.write_form(writer),
            Unsettable::Unset => writer.scalar(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parameters type as generated: typed fields, then its extras.
    struct Flow {
        kind: Option<String>,
        extra: ExtraParams,
    }
    impl FormValue for Flow {
        fn write_form(&self, writer: &mut FormWriter) {
            writer.field("type", &self.kind);
            writer.extra(&self.extra);
        }
    }
    struct Create {
        customer: String,
        flow_data: Option<Flow>,
        extra: ExtraParams,
    }
    impl FormValue for Create {
        fn write_form(&self, writer: &mut FormWriter) {
            writer.field("customer", &self.customer);
            writer.field("flow_data", &self.flow_data);
            writer.extra(&self.extra);
        }
    }

    #[test]
    fn extra_params_come_after_the_typed_ones_encoded_alike() {
        let mut extra = ExtraParams::default();
        extra.set("flow_data[subscription_pause][subscription]", "sub_123");
        extra.set("metadata[a b]", "x&y");
        let flow = Flow { kind: Some("subscription_pause".into()), extra: ExtraParams::default() };
        let params = Create { customer: "cus_123".into(), flow_data: Some(flow), extra };
        assert_eq!(
            to_form_body(&params),
            "customer=cus_123&flow_data[type]=subscription_pause\
             &flow_data[subscription_pause][subscription]=sub_123&metadata[a+b]=x%26y"
        );
    }

    #[test]
    fn a_nested_types_extras_go_under_its_key_and_lists_take_empty_brackets() {
        let mut extra = ExtraParams::default();
        extra.set("subscription_pause[subscription]", "sub_1");
        extra.set("items[]", "a");
        let flow = Flow { kind: None, extra };
        let params = Create { customer: "c".into(), flow_data: Some(flow), extra: ExtraParams::default() };
        assert_eq!(
            to_form_body(&params),
            "customer=c&flow_data[subscription_pause][subscription]=sub_1&flow_data[items][]=a"
        );
    }

    #[test]
    fn an_extra_with_a_typed_fields_key_overrides_its_value_in_place() {
        let mut extra = ExtraParams::default();
        extra.set("customer", "cus_new");
        extra.set("flow_data[type]", "payment_method_update");
        extra.set("customer", "cus_newer");
        let flow = Flow { kind: Some("subscription_pause".into()), extra: ExtraParams::default() };
        let params = Create { customer: "cus_1".into(), flow_data: Some(flow), extra };
        assert_eq!(to_form_body(&params), "customer=cus_newer&flow_data[type]=payment_method_update");
        // A key that only starts like a typed one is a different key.
        let mut extra = ExtraParams::default();
        extra.set("customer_x", "1");
        let params = Create { customer: "cus_1".into(), flow_data: None, extra };
        assert_eq!(to_form_body(&params), "customer=cus_1&customer_x=1");
    }

    fn encoded(text: &str) -> String {
        let mut out = Vec::new();
        encode(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn encodes_bytes_by_stripe_rules() {
        assert_eq!(encoded("AZaz09_.-~"), "AZaz09_.-~");
        assert_eq!(encoded("a b"), "a+b");
        assert_eq!(encoded("&=+/%"), "%26%3D%2B%2F%25");
        assert_eq!(encoded("[x]"), "[x]");
        assert_eq!(encoded("é"), "%C3%A9");
        assert_eq!(encoded("aé b"), "a%C3%A9+b");
        assert_eq!(encoded(""), "");
        assert_eq!(encoded("https://x.io/?a=1"), "https%3A%2F%2Fx.io%2F%3Fa%3D1");
    }

    #[test]
    fn nests_keys_and_indexes_arrays() {
        struct Item {
            id: String,
            quantity: Option<i64>,
        }
        impl FormValue for Item {
            fn write_form(&self, w: &mut FormWriter) {
                w.field("id", &self.id);
                w.field("quantity", &self.quantity);
            }
        }
        let mut w = FormWriter::new();
        w.field("expand", &vec!["a".to_string(), "b.c".to_string()]);
        w.field(
            "items",
            &vec![Item { id: "si_1".into(), quantity: None }, Item { id: "si_2".into(), quantity: Some(-2) }],
        );
        w.field("flag", &true);
        w.field("absent", &None::<String>);
        w.field("cleared", &Unsettable::<String>::Unset);
        assert_eq!(
            w.finish(),
            "expand[0]=a&expand[1]=b.c&items[0][id]=si_1&items[1][id]=si_2&items[1][quantity]=-2&flag=true&cleared="
        );
    }

    #[test]
    fn path_segments_escape_everything_reserved() {
        assert_eq!(encode_path_segment("cus_123"), "cus_123");
        assert_eq!(encode_path_segment("a b/c[d]"), "a%20b%2Fc%5Bd%5D");
    }

    #[test]
    fn maps_are_written_in_key_order() {
        let map: HashMap<String, String> =
            [("b key", "2"), ("a", "1")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut w = FormWriter::new();
        w.field("metadata", &map);
        assert_eq!(w.finish(), "metadata[a]=1&metadata[b+key]=2");
    }

    #[test]
    fn a_cursor_goes_last_and_replaces_the_callers() {
        let cursors = ["starting_after", "ending_before"];
        assert_eq!(with_param("limit=2", &cursors, "starting_after", "bpc_2"), "limit=2&starting_after=bpc_2");
        assert_eq!(with_param("", &cursors, "starting_after", "bpc_2"), "starting_after=bpc_2");
        assert_eq!(
            with_param("starting_after=bpc_0&limit=2&expand[0]=data.x", &cursors, "starting_after", "bpc_2"),
            "limit=2&expand[0]=data.x&starting_after=bpc_2"
        );
        assert_eq!(
            with_param("ending_before=bpc_9&limit=2", &cursors, "ending_before", "bpc_7"),
            "limit=2&ending_before=bpc_7"
        );
        // Only whole keys match; the value is encoded.
        assert_eq!(with_param("pages=1&page=a", &["page"], "page", "a+b/="), "pages=1&page=a%2Bb%2F%3D");
        assert!(has_param("limit=2&ending_before=x", "ending_before"));
        assert!(!has_param("limit=2&ending_before_x=x", "ending_before"));
    }
}
