//! Stripe's list and search result objects: one page of results.

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

/// A page of a Stripe search (`"object": "search_result"`); the next page is asked for with
/// `page=<next_page>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResult<T> {
    /// Always `search_result`.
    #[serde(default = "search_result_object")]
    pub object: String,
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The token of the next page, if there is one.
    #[serde(default)]
    pub next_page: Option<String>,
    /// The URL of this search.
    pub url: String,
    /// How many items match, when the search was asked to count them (`expand[]=total_count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
}

fn search_result_object() -> String {
    "search_result".to_owned()
}
