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
