//! Decoding compiled once, in the crate that defines the type.
//!
//! serde's `Deserialize` impls are generic over the deserializer, so they are compiled (and
//! optimized) in whichever crate first names a concrete one: a call such as
//! `serde_json::from_slice::<Customer>` in an application compiles `Customer`'s decoder, and every
//! type it holds, into the application, again on every release rebuild of it. Generated code
//! therefore names each decoder in a non-generic function of its own crate, and the runtime's
//! generic code (operations, pagers, webhooks) only calls it through a function pointer or
//! [`Decode`]: what an application instantiates per type is a thin call. (rustc compiles the body
//! of an `async fn` in the crate that awaits it, so the decoder is never named in one.)

use serde::de::DeserializeOwned;

use serde_json::{Map, Value};

use crate::decoded::Decoded;
use crate::json::{FromJson, JsonResult, Reader};

use crate::pager::Page;

/// A type decoded from Stripe's JSON by code compiled once, in the crate that defines it.
///
/// The generated crate implements it for every type an operation answers with (its objects, and
/// the items of its lists and searches) and for its typed `event::Event`.
/// `Customer::decode(json)` gives what serde's derive (the generated crate's `deserialize`
/// feature) gives for `serde_json::from_slice::<Customer>(json)`, in a [`Decoded`] box, without
/// compiling a decoder (or the value's drop code) in the calling crate, with two differences:
/// floats are read exactly (serde_json without its `float_roundtrip` feature may be one unit in
/// the last place off), and every error is a data error (`serde_json::Error::classify` is `Data`,
/// its message still says where).
pub trait Decode: Sized {
    /// Decodes `json`, a JSON document of this type.
    fn decode(json: &[u8]) -> Result<Decoded<Self>, serde_json::Error>;
}

/// `impl Decode for $ty` by its generated `FromJson` decoder: one line per generated type. `#[inline(never)]` keeps
/// rustc from compiling the decoder again in a crate that calls `decode`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_decode {
    ($ty:ty) => {
        impl $crate::Decode for $ty {
            #[inline(never)]
            fn decode(
                json: &[u8],
            ) -> ::core::result::Result<$crate::Decoded<Self>, $crate::__codegen::serde_json::Error> {
                $crate::__codegen::decode_json(json)
            }
        }
    };
}

/// Decodes `json` into `T` by its [`FromJson`] decoder, boxed in a [`Decoded`] that drops it by
/// code compiled here too: what generated code names as an operation's decoder (compiled where it
/// is named).
pub fn decode_json<T: FromJson>(json: &[u8]) -> Result<Decoded<T>, serde_json::Error> {
    crate::json::from_slice(json).map(Decoded::new)
}

/// Decodes a page of `T`s by its [`FromJson`] decoder, each item in a [`Decoded`]: what a
/// generated `paginate` names as its pager's decoder.
pub(crate) fn decode_page_json<T: FromJson>(json: &[u8]) -> Result<Page<Decoded<T>>, serde_json::Error> {
    crate::json::from_slice::<Page<T>>(json).map(|page| page.map(Decoded::new))
}

/// Decodes `json` into `T` by serde: for types of the caller's own, as `Client::execute` and the
/// public pager constructors take them.
pub(crate) fn decode_serde<T: DeserializeOwned>(json: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice(json)
}

/// How a pager decodes one page of `I`s: a plain function pointer, named where the pager is made
/// (the generated crate's `paginate`), so the pager's generic code never instantiates the items'
/// decoder.
pub(crate) type PageDecoder<I> = fn(&[u8]) -> Result<Page<I>, serde_json::Error>;

/// `impl FromJson` for a generated answer struct: each member by its wire name into its field
/// (`required` ones must come; `optional` ones, `Option`s, are `None` when absent or `null`), and
/// every other member into `unknown_fields`. A macro so that each field costs one line of
/// generated source (its name, wire name, kind and place in the tuple of what was read). A type
/// that is parameters too ends with `extra_params`, its private field, which starts empty.
///
/// Its shape keeps the compiled decoder small: what was read is one tuple, each member is read by
/// [`read_member`] (one function per field type, not per field), and there is one way out without
/// the value, so the fields read so far are dropped in one place.
#[doc(hidden)]
#[macro_export]
macro_rules! __struct_from_json {
    ($name:ident { $($field:ident: $wire:literal $kind:ident $index:tt,)* } $($empty:ident)?) => {
        impl $crate::__codegen::FromJson for $name {
            fn from_json(
                reader: &mut $crate::__codegen::Reader<'_>,
            ) -> $crate::__codegen::JsonResult<Self> {
                // A struct without fields reads into `()`, which is never changed.
                #[allow(unused_mut)]
                let mut read = ($($crate::__struct_from_json!(@none $field),)*);
                let mut unknown_fields = $crate::__codegen::serde_json::Map::new();
                let outcome = reader.object(&mut |reader, key| match key {
                    $($wire => $crate::__codegen::read_member(&mut read.$index, $wire, reader),)*
                    _ => $crate::__codegen::read_unknown(&mut unknown_fields, key, reader),
                });
                match (outcome, read) {
                    (::core::result::Result::Ok(()), ($($crate::__struct_from_json!(@present $kind $field),)*)) => {
                        ::core::result::Result::Ok($name {
                            $($field: $crate::__struct_from_json!(@value $kind $field),)*
                            unknown_fields,
                            $($empty: ::core::default::Default::default(),)?
                        })
                    }
                    (outcome, read) => {
                        let missing = $crate::__codegen::first_missing(&[$($crate::__struct_from_json!(@absent $kind read.$index, $wire),)*]);
                        ::core::result::Result::Err($crate::__codegen::read_error(outcome, reader, missing, read))
                    }
                }
            }
        }
    };
    (@none $field:ident) => { ::core::option::Option::None };
    (@present required $field:ident) => { ::core::option::Option::Some($field) };
    (@present optional $field:ident) => { $field };
    (@value required $field:ident) => { $field };
    (@value optional $field:ident) => { $field.unwrap_or(::core::option::Option::None) };
    (@absent required $slot:expr, $wire:literal) => { ($slot.is_none(), $wire) };
    (@absent optional $slot:expr, $wire:literal) => { (false, $wire) };
}

/// `impl FromJson` for a generated untagged union, one line of generated source: each alternative
/// in turn from the same place, as serde's `untagged` tries them; the first that decodes is the
/// value.
#[doc(hidden)]
#[macro_export]
macro_rules! __union_from_json {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        impl $crate::__codegen::FromJson for $name {
            fn from_json(
                reader: &mut $crate::__codegen::Reader<'_>,
            ) -> $crate::__codegen::JsonResult<Self> {
                let start = reader.position();
                $(
                    match $crate::__codegen::FromJson::from_json(reader) {
                        ::core::result::Result::Ok(value) => return ::core::result::Result::Ok(Self::$variant(value)),
                        ::core::result::Result::Err(_) => reader.reset(start),
                    }
                )+
                ::core::result::Result::Err(reader.error(::core::concat!(
                    "data did not match any variant of untagged enum ",
                    ::core::stringify!($name)
                )))
            }
        }
    };
}

/// The error of a struct decoder that has no value: the reader's, else the missing field's. Takes
/// what was read to drop it here, out of line, once per struct type.
#[inline(never)]
pub fn read_error<T>(outcome: JsonResult<()>, reader: &Reader<'_>, missing: &str, read: T) -> serde_json::Error {
    drop(read);
    match outcome {
        Err(error) => error,
        Ok(()) => crate::json::missing(reader, missing),
    }
}

/// Reads a member's value into its field's slot; a member that comes twice is an error, as with
/// serde's derive. Kept out of line, one copy per field type serving every field of it, and with
/// no drop of the slot's old value (always `None`, so nothing is lost by not dropping it): each
/// drop would compile the field type's drop code again here.
#[inline(never)]
pub fn read_member<T: FromJson>(slot: &mut Option<T>, name: &str, reader: &mut Reader<'_>) -> JsonResult<()> {
    if slot.is_some() {
        return Err(reader.error(format_args!("duplicate field `{name}`")));
    }
    let value = T::from_json(reader)?;
    // `None`, checked above: forgetting it frees nothing.
    std::mem::forget(slot.replace(value));
    Ok(())
}

/// Reads a member the type has no field for into its unknown fields.
pub fn read_unknown(unknown: &mut Map<String, Value>, key: &str, reader: &mut Reader<'_>) -> JsonResult<()> {
    unknown.insert(key.to_owned(), reader.value()?);
    Ok(())
}

/// The wire name of the first required field that did not come (`""` if none: not reached).
pub fn first_missing<'a>(fields: &[(bool, &'a str)]) -> &'a str {
    fields.iter().find(|(absent, _)| *absent).map_or("", |(_, wire)| wire)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};

    use crate::json::from_slice;

    /// Field names the macro's own locals must not clash with, a raw identifier, and more fields
    /// than a tuple has trait impls for.
    #[derive(Debug, PartialEq)]
    struct Awkward {
        reader: String,
        read: Option<i64>,
        key: bool,
        outcome: Option<String>,
        missing: Option<String>,
        r#type: String,
        f7: Option<i64>,
        f8: Option<i64>,
        f9: Option<i64>,
        f10: Option<i64>,
        f11: Option<i64>,
        f12: Option<i64>,
        f13: Option<i64>,
        unknown_fields: Map<String, Value>,
    }
    crate::__struct_from_json!(Awkward {
        reader: "reader" required 0,
        read: "read" optional 1,
        key: "key" required 2,
        outcome: "outcome" optional 3,
        missing: "missing" optional 4,
        r#type: "type" required 5,
        f7: "f7" optional 6,
        f8: "f8" optional 7,
        f9: "f9" optional 8,
        f10: "f10" optional 9,
        f11: "f11" optional 10,
        f12: "f12" optional 11,
        f13: "f13" optional 12,
    });

    #[derive(Debug, PartialEq)]
    struct Empty {
        unknown_fields: Map<String, Value>,
    }
    crate::__struct_from_json!(Empty {});

    #[test]
    fn members_go_to_their_fields_and_the_rest_to_unknown_fields() {
        let json = br#"{"type":"t","reader":"r","key":true,"f13":13,"read":null,"new":[1],"missing":"m"}"#;
        let value: Awkward = from_slice(json).unwrap();
        assert_eq!((value.reader.as_str(), value.r#type.as_str(), value.key), ("r", "t", true));
        assert_eq!((value.read, value.f13, value.missing.as_deref(), value.outcome), (None, Some(13), Some("m"), None));
        assert_eq!(value.unknown_fields.get("new"), Some(&serde_json::json!([1])));
        let empty: Empty = from_slice(br#"{"a":1}"#).unwrap();
        assert_eq!(empty.unknown_fields.len(), 1);
        assert!(from_slice::<Empty>(b"[]").is_err());
    }

    #[test]
    fn the_first_missing_required_field_or_the_readers_error_is_the_error() {
        let error = from_slice::<Awkward>(br#"{"reader":"r"}"#).unwrap_err();
        assert!(error.to_string().starts_with("missing field `key`"), "{error}");
        let error = from_slice::<Awkward>(br#"{"reader":"r","key":1}"#).unwrap_err();
        assert!(error.to_string().starts_with("invalid type"), "{error}");
        let error = from_slice::<Awkward>(br#"{"reader":"r","reader":"s"}"#).unwrap_err();
        assert!(error.to_string().starts_with("duplicate field `reader`"), "{error}");
    }
}
