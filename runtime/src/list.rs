//! Stripe's list and search result objects: one page of results.

use serde::{Deserialize, Serialize};

use crate::decode::read_member;
use crate::json::{missing, FromJson, JsonResult, Reader};

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

impl<T: FromJson> FromJson for List<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let (mut object, mut data, mut has_more, mut url) =
            (None::<String>, None::<Vec<T>>, None::<bool>, None::<String>);
        reader.object(&mut |reader, key| match key {
            "object" => read_member(&mut object, key, reader),
            "data" => read_member(&mut data, key, reader),
            "has_more" => read_member(&mut has_more, key, reader),
            "url" => read_member(&mut url, key, reader),
            _ => reader.skip(),
        })?;
        Ok(List {
            object: object.unwrap_or_else(list_object),
            data: data.ok_or_else(|| missing(reader, "data"))?,
            has_more: has_more.ok_or_else(|| missing(reader, "has_more"))?,
            url: url.ok_or_else(|| missing(reader, "url"))?,
        })
    }
}

impl<T: FromJson> FromJson for SearchResult<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let (mut object, mut data, mut has_more) = (None::<String>, None::<Vec<T>>, None::<bool>);
        let (mut next_page, mut url, mut total_count) = (None::<Option<String>>, None::<String>, None::<Option<u64>>);
        reader.object(&mut |reader, key| match key {
            "object" => read_member(&mut object, key, reader),
            "data" => read_member(&mut data, key, reader),
            "has_more" => read_member(&mut has_more, key, reader),
            "next_page" => read_member(&mut next_page, key, reader),
            "url" => read_member(&mut url, key, reader),
            "total_count" => read_member(&mut total_count, key, reader),
            _ => reader.skip(),
        })?;
        Ok(SearchResult {
            object: object.unwrap_or_else(search_result_object),
            data: data.ok_or_else(|| missing(reader, "data"))?,
            has_more: has_more.ok_or_else(|| missing(reader, "has_more"))?,
            next_page: next_page.flatten(),
            url: url.ok_or_else(|| missing(reader, "url"))?,
            total_count: total_count.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both decoders give the same page, or both fail.
    fn same<T: FromJson + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(json: &str) {
        let ours = crate::json::from_slice::<T>(json.as_bytes());
        let serde = serde_json::from_str::<T>(json);
        assert_eq!(ours.as_ref().ok(), serde.as_ref().ok(), "{json}");
        assert_eq!(ours.is_err(), serde.is_err(), "{json}: ours {ours:?}, serde {serde:?}");
    }

    #[test]
    fn pages_decode_as_serde_decodes_them() {
        same::<List<String>>(r#"{"object":"list","data":["a","b"],"has_more":true,"url":"/v1/x","extra":[1]}"#);
        same::<List<String>>(r#"{"data":[],"has_more":false,"url":"/v1/x"}"#);
        same::<List<String>>(r#"{"object":"list","data":["a"],"url":"/v1/x"}"#);
        same::<List<String>>(r#"{"object":"list","data":[1],"has_more":false,"url":"/v1/x"}"#);
        same::<SearchResult<i64>>(
            r#"{"object":"search_result","data":[1],"has_more":true,"next_page":"p2","url":"/v1/s","total_count":9}"#,
        );
        same::<SearchResult<i64>>(r#"{"data":[],"has_more":false,"next_page":null,"url":"/v1/s"}"#);
        same::<SearchResult<i64>>(r#"{"data":[],"next_page":null,"url":"/v1/s"}"#);
        // A member sent twice is an error, as with serde's derive.
        same::<List<String>>(r#"{"data":[],"has_more":false,"url":"/a","url":"/b"}"#);
        same::<SearchResult<i64>>(r#"{"data":[],"has_more":false,"url":"/a","next_page":"p","next_page":"q"}"#);
    }

    #[test]
    fn a_missing_member_is_named() {
        let error = crate::json::from_slice::<List<String>>(br#"{"data":[],"url":"/v1/x"}"#).unwrap_err();
        assert!(error.to_string().starts_with("missing field `has_more`"), "{error}");
    }
}
