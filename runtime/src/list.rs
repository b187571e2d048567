//! Stripe's list object: one page of results.

use serde::{Deserialize, Serialize};

/// A page of a Stripe list (`"object": "list"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The URL of this list.
    pub url: String,
}

fn list_object() -> String {
    "list".to_owned()
}
