//! Fields that Stripe returns as an id unless the request asked to expand them.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

use crate::json::{FromJson, JsonResult, Peek, Reader};

/// An object with a Stripe id. Generated for every type with a required `id` string.
pub trait Object {
    /// The object's id, e.g. `bpc_123`.
    fn id(&self) -> &str;
}

/// `impl Object` for a generated type by its `id` field (`optional` when the field is an
/// `Option`, whose absence reads as an empty id): one line of generated source.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_object {
    ($name:ident) => {
        impl $crate::Object for $name {
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
    ($name:ident optional) => {
        impl $crate::Object for $name {
            fn id(&self) -> &str {
                self.id.as_deref().unwrap_or_default()
            }
        }
    };
}

/// `impl Object` for a generated union whose every alternative is an object: the id of the one it
/// holds. One line of generated source.
#[doc(hidden)]
#[macro_export]
macro_rules! __union_object {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        impl $crate::Object for $name {
            fn id(&self) -> &str {
                match self {
                    $(Self::$variant(object) => $crate::Object::id(object),)+
                }
            }
        }
    };
}

/// A boxed object's id is the object's (generated unions box their alternatives).
impl<T: Object + ?Sized> Object for Box<T> {
    fn id(&self) -> &str {
        (**self).id()
    }
}

/// Either the id of an object or, when the field was expanded, the object itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T> {
    /// The field was not expanded: only the id.
    Id(String),
    /// The field was expanded (`expand[]=field`): the whole object.
    Object(Box<T>),
}

impl<T: Object> Expandable<T> {
    /// The id, whichever form was returned.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// The object, if the field was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }

    /// Whether the field holds the expanded object.
    pub fn is_object(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExpandableVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
            type Value = Expandable<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or an expanded object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Expandable::Id(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|object| Expandable::Object(Box::new(object)))
            }
        }
        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

impl<T: FromJson> FromJson for Expandable<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        match reader.peek()? {
            Peek::String => Ok(Expandable::Id(reader.string()?.into_owned())),
            Peek::Object => T::from_json(reader).map(|object| Expandable::Object(Box::new(object))),
            _ => Err(reader.error("invalid type: expected an id string or an expanded object")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Thing {
        id: String,
        size: i64,
    }
    impl Object for Thing {
        fn id(&self) -> &str {
            &self.id
        }
    }

    #[test]
    fn decodes_both_forms_and_gives_the_id() {
        let id: Expandable<Thing> = serde_json::from_str(r#""th_1""#).unwrap();
        assert_eq!(id.id(), "th_1");
        assert!(!id.is_object());
        let object: Expandable<Thing> = serde_json::from_str(r#"{"id":"th_2","size":3}"#).unwrap();
        assert_eq!(object.id(), "th_2");
        assert_eq!(object.as_object().unwrap().size, 3);
        assert_eq!(serde_json::to_string(&object).unwrap(), r#"{"id":"th_2","size":3}"#);
        assert!(serde_json::from_str::<Expandable<Thing>>("12").is_err());
    }

    impl FromJson for Thing {
        fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
            let (mut id, mut size) = (None, None);
            reader.object(&mut |reader, key| match key {
                "id" => crate::decode::read_member(&mut id, "id", reader),
                "size" => crate::decode::read_member(&mut size, "size", reader),
                _ => reader.skip(),
            })?;
            Ok(Thing { id: id.unwrap_or_default(), size: size.unwrap_or_default() })
        }
    }

    #[test]
    fn the_generated_decoders_read_both_forms_like_serde() {
        for json in [r#""th_1""#, r#"{"id":"th_2","size":3}"#, "12", "null", "[]", r#"{"id":"th_3","size":"x"}"#] {
            let ours = crate::json::from_slice::<Expandable<Thing>>(json.as_bytes());
            let serde = serde_json::from_str::<Expandable<Thing>>(json);
            assert_eq!(ours.as_ref().ok(), serde.as_ref().ok(), "{json}");
            assert_eq!(ours.is_err(), serde.is_err(), "{json}");
        }
    }
}
