//! Objects told apart by their `object` field, decoded in two steps: the field, then the type.
//!
//! Stripe names every object's type in its `object` field (`"object": "billing_portal.session"`),
//! anywhere in the object. A generated enum of objects (an event's `data.object`) decodes through
//! [`RawObject`]: it keeps the object's JSON text, reads only its `object` field, and the enum then
//! decodes the text into the type that value names, or keeps it as a [`serde_json::Value`].

use std::borrow::Cow;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_json::value::RawValue;

use crate::json::{JsonResult, Peek, Reader};

/// A JSON value as received, with its `object` field read.
#[derive(Debug)]
pub struct RawObject {
    raw: Box<RawValue>,
    object: Option<String>,
}

impl RawObject {
    /// The value's `object` field, when it is an object with a string `object`.
    pub fn object(&self) -> Option<&str> {
        self.object.as_deref()
    }

    /// Decodes the value into `T`.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.raw.get())
    }

    /// The value as JSON.
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.raw.get())
    }

    /// The value's JSON text, as received.
    pub fn json(&self) -> &str {
        self.raw.get()
    }
}

/// The `object` field alone; every other field is skipped without being decoded.
#[derive(serde::Deserialize)]
struct Tag<'a> {
    #[serde(borrow)]
    object: Option<Cow<'a, str>>,
}

impl<'de> Deserialize<'de> for RawObject {
    /// Keeps the value's text (from `serde_json`'s deserializers, including `from_value`) and reads
    /// its `object` field; any JSON value is accepted.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let object = serde_json::from_str::<Tag>(raw.get()).ok().and_then(|tag| tag.object).map(Cow::into_owned);
        Ok(RawObject { raw, object })
    }
}

/// For a generated enum of objects decoding from `reader`: the next value's `object` field, when
/// it is an object that has one that is a string. Reads nothing.
pub fn object_tag<'a>(reader: &mut Reader<'a>) -> JsonResult<Option<Cow<'a, str>>> {
    if reader.peek()? == Peek::Object {
        reader.peek_member("object")
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Thing {
        id: String,
    }

    #[test]
    fn reads_the_object_field_wherever_it_is() {
        let raw: RawObject =
            serde_json::from_str(r#"{"id": "th_1", "nested": {"object": "no"}, "object": "thing"}"#).unwrap();
        assert_eq!(raw.object(), Some("thing"));
        assert_eq!(raw.decode::<Thing>().unwrap(), Thing { id: "th_1".into() });
        assert_eq!(raw.to_value().unwrap()["nested"]["object"], "no");
        let escaped: RawObject = serde_json::from_str(r#"{"object": "a\u002eb"}"#).unwrap();
        assert_eq!(escaped.object(), Some("a.b"));
    }

    #[test]
    fn any_json_value_is_accepted_without_an_object_field() {
        for text in [r#""text""#, "[1, 2]", "null", r#"{"object": 3}"#, r#"{"id": "th_1"}"#] {
            let raw: RawObject = serde_json::from_str(text).unwrap();
            assert_eq!(raw.object(), None, "{text}");
            assert_eq!(raw.to_value().unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
        }
        assert!(serde_json::from_str::<RawObject>("{").is_err());
    }

    #[test]
    fn decodes_from_a_value_too() {
        let raw: RawObject = serde_json::from_value(json!({"object": "thing", "id": "th_2"})).unwrap();
        assert_eq!(raw.object(), Some("thing"));
        assert_eq!(raw.decode::<Thing>().unwrap().id, "th_2");
        assert!(raw.decode::<Vec<i64>>().is_err());
    }
}
