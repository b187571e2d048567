//! What the generated crate decodes comes boxed in a [`Decoded`], whose drop runs code compiled
//! where the value was decoded.
//!
//! Dropping a value runs the drop code of every type it holds, and rustc compiles that code in
//! each crate that drops the value (a release build does not share generic code between crates).
//! A `Customer` or an `Event` holds hundreds of types: an application that dropped them compiled
//! their drop code again on every release rebuild of its own code. A `Decoded` drops its value
//! through a function pointer instead, named by the decoder, in the generated crate.

use std::fmt;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};

use crate::response::ResponseMetadata;

/// A value decoded by the generated crate (an operation's answer, a pager's item, a webhook
/// event): a box that reads like the value, through [`Deref`], and whose drop runs code compiled in
/// the generated crate rather than in yours.
///
/// Fields and methods are reached as on the value itself (`session.url`, `customer.email.as_deref()`).
/// Matching on or moving out a field needs a reference (`match &event.data.object`,
/// `session.url.clone()`); [`into_inner`](Self::into_inner) gives the value itself, whose drop code
/// is then compiled in the crate that drops it.
///
/// ```
/// use stripe_runtime::Decoded;
///
/// struct Session { url: String }
/// let session = Decoded::new(Session { url: "https://billing.stripe.com/p/session/x".into() });
/// assert!(session.url.starts_with("https://"));
/// let Session { url } = session.into_inner();
/// assert_eq!(url, "https://billing.stripe.com/p/session/x");
/// ```
pub struct Decoded<T> {
    /// `ManuallyDrop`, so that the compiler never drops the value (which would compile its drop
    /// code where the `Decoded` is dropped); taken out once, by `drop` or `into_inner`.
    value: ManuallyDrop<Box<T>>,
    /// Drops the value: named in [`new`](Self::new), compiled where that is.
    drop: fn(Box<T>),
    /// What Stripe answered, for an operation's answer (boxed: most values, a pager's items, an
    /// event, have none).
    response: Option<Box<ResponseMetadata>>,
}

impl<T> Decoded<T> {
    /// Boxes `value`. Its drop code is compiled in the crate that calls `new` (the generated
    /// crate, for what it decodes).
    pub fn new(value: T) -> Self {
        Decoded { value: ManuallyDrop::new(Box::new(value)), drop: drop_box::<T>, response: None }
    }

    /// What Stripe answered the call that returned this value (its `Request-Id`, status,
    /// headers, idempotency key and attempts), for an operation's `send` and `send_blocking`;
    /// `None` for a value decoded otherwise (a pager's item, a webhook's event, [`new`](Self::new)).
    pub fn response(&self) -> Option<&ResponseMetadata> {
        self.response.as_deref()
    }

    /// The value with the metadata of the answer it came in.
    pub(crate) fn with_response(mut self, response: ResponseMetadata) -> Self {
        self.response = Some(Box::new(response));
        self
    }

    /// The value itself, out of its box.
    pub fn into_inner(self) -> T {
        let mut this = ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped, so its value is taken once, here.
        *unsafe { ManuallyDrop::take(&mut this.value) }
    }
}

/// Drops a decoded value: the one function per type that a [`Decoded`] calls.
fn drop_box<T>(value: Box<T>) {
    drop(value);
}

impl<T> Drop for Decoded<T> {
    fn drop(&mut self) {
        // SAFETY: this is the `Decoded`'s drop: its value is not used again. (`into_inner` takes it
        // out of a `Decoded` that is never dropped.)
        let value = unsafe { ManuallyDrop::take(&mut self.value) };
        (self.drop)(value);
    }
}

impl<T> Deref for Decoded<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Decoded<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T> AsRef<T> for Decoded<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T> AsMut<T> for Decoded<T> {
    fn as_mut(&mut self) -> &mut T {
        self
    }
}

impl<T> From<T> for Decoded<T> {
    fn from(value: T) -> Self {
        Decoded::new(value)
    }
}

/// A clone is dropped by the same function as the original.
impl<T: Clone> Clone for Decoded<T> {
    fn clone(&self) -> Self {
        Decoded { value: ManuallyDrop::new(Box::new(T::clone(self))), drop: self.drop, response: self.response.clone() }
    }
}

/// Prints the value alone, as if it were not boxed.
impl<T: fmt::Debug> fmt::Debug for Decoded<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        T::fmt(self, f)
    }
}

impl<T: PartialEq> PartialEq for Decoded<T> {
    fn eq(&self, other: &Self) -> bool {
        T::eq(self, other)
    }
}

impl<T: Eq> Eq for Decoded<T> {}

/// A decoded object has its value's id: a pager of `Decoded` items walks by it.
impl<T: crate::Object> crate::Object for Decoded<T> {
    fn id(&self) -> &str {
        T::id(self)
    }
}

/// Serializes the value alone, as if it were not boxed.
impl<T: serde::Serialize> serde::Serialize for Decoded<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        T::serialize(self, serializer)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    /// Counts its drops.
    #[derive(Clone, Debug, PartialEq)]
    struct Counted(Rc<Cell<u32>>);

    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn the_value_is_dropped_once_with_its_box() {
        let drops = Rc::new(Cell::new(0));
        let decoded = Decoded::new(Counted(drops.clone()));
        let copy = decoded.clone();
        drop(decoded);
        assert_eq!(drops.get(), 1);
        drop(copy);
        assert_eq!(drops.get(), 2);
    }

    #[test]
    fn into_inner_gives_the_value_without_dropping_it() {
        let drops = Rc::new(Cell::new(0));
        let value = Decoded::new(Counted(drops.clone())).into_inner();
        assert_eq!(drops.get(), 0);
        drop(value);
        assert_eq!(drops.get(), 1);
    }

    #[test]
    fn it_reads_compares_prints_and_serializes_as_the_value() {
        let mut decoded = Decoded::new(vec![1, 2]);
        decoded.push(3);
        assert_eq!(decoded.len(), 3);
        assert_eq!(decoded, Decoded::from(vec![1, 2, 3]));
        assert_eq!(format!("{decoded:?}"), "[1, 2, 3]");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), "[1,2,3]");
        assert_eq!(decoded.as_ref(), &[1, 2, 3]);
    }
}
