//! Support for generated string enums that stay forward compatible.
//!
//! Stripe adds enum values without a new API version. A generated enum keeps an `Unknown`
//! variant holding an [`UnknownValue`]: decoding never fails on a new value, the raw string
//! survives a round trip, and user code cannot match on a value a later spec turns into a variant.

use std::fmt;
use std::marker::PhantomData;

/// A string enum value this version of the crate does not know. Read it with [`as_str`](Self::as_str).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    /// Wraps a raw value. Generated enums call this for any value they do not list.
    pub fn new(value: &str) -> Self {
        UnknownValue(value.into())
    }

    /// The raw value as Stripe sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deserializes a string enum `T` from a JSON string without allocating for known values.
pub fn deserialize_str_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct Visitor<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(Visitor(PhantomData))
}

/// Implements, for a generated string enum that has `as_str(&self) -> &str` and `From<&str>`,
/// the impls that follow from them: `FromStr`, `Display`, `Serialize`, `Deserialize` and form
/// encoding.
///
/// Generated code calls it once per enum, so these impls are written (and reviewed) once, here.
///
/// ```
/// /// How a payment was made.
/// #[derive(Clone, Debug, PartialEq, Eq, Hash)]
/// #[non_exhaustive]
/// pub enum PaymentKind {
///     /// `card`
///     Card,
///     /// A value this version does not know.
///     Unknown(stripe_runtime::UnknownValue),
/// }
/// impl PaymentKind {
///     /// The value as Stripe spells it.
///     pub fn as_str(&self) -> &str {
///         match self {
///             Self::Card => "card",
///             Self::Unknown(value) => value.as_str(),
///         }
///     }
/// }
/// impl From<&str> for PaymentKind {
///     fn from(value: &str) -> Self {
///         match value {
///             "card" => Self::Card,
///             other => Self::Unknown(stripe_runtime::UnknownValue::new(other)),
///         }
///     }
/// }
/// stripe_runtime::string_enum!(PaymentKind);
///
/// assert_eq!("card".parse::<PaymentKind>(), Ok(PaymentKind::Card));
/// assert_eq!("sepa".parse::<PaymentKind>().unwrap().as_str(), "sepa");
/// assert_eq!(PaymentKind::Card.to_string(), "card");
/// ```
#[macro_export]
macro_rules! string_enum {
    ($name:ident) => {
        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            // Not `Self::Err`: a variant named `Err` would make that ambiguous.
            fn from_str(value: &str) -> ::core::result::Result<Self, ::core::convert::Infallible> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl $crate::__codegen::serde::Serialize for $name {
            fn serialize<S: $crate::__codegen::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__codegen::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__codegen::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__codegen::deserialize_str_enum(deserializer)
            }
        }
        impl $crate::__codegen::FormValue for $name {
            fn write_form(&self, writer: &mut $crate::__codegen::FormWriter) {
                writer.scalar(self.as_str());
            }
        }
        impl $crate::__codegen::FromJson for $name {
            fn from_json(reader: &mut $crate::__codegen::Reader<'_>) -> $crate::__codegen::JsonResult<Self> {
                ::core::result::Result::Ok(Self::from(&*reader.string()?))
            }
        }
    };
}
