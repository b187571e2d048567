//! Walking a list or a search page by page, as Stripe's SDKs' auto-pagination does.
//!
//! The async [`Pager`] and the [`BlockingPager`](crate::BlockingPager) share the page logic here
//! and differ only in how they fetch a page: a plain GET through their client's `execute`, so
//! headers, retries and errors are those of any other request, and no `Idempotency-Key` is sent.
//!
//! - A list (`"object": "list"`) is walked forwards, the next page asked for with
//!   `starting_after=<id of the last item yielded>`, while `has_more`. When the caller's
//!   parameters have `ending_before` (and no `starting_after`), it is walked backwards with
//!   `ending_before=<id of the last item yielded>`, each page's items yielded last to first, as
//!   Stripe's SDKs do: the walk moves steadily towards newer items.
//! - A search (`"object": "search_result"`) is walked with `page=<next_page>` while `has_more`.
//!
//! The caller's parameters are sent as given for the first page (their `limit` is the page
//! size); later pages send them again with the cursor last, replacing any the caller set. A
//! failed page is returned as an error after the items before it; asking for the next item
//! again sends the same page request again, so the walk resumes where it stopped.

use std::collections::VecDeque;
use std::fmt;

#[cfg(feature = "async")]
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::client::{decode_response_with, Answered};
#[cfg(feature = "async")]
use crate::decode::decode_page_json;
#[cfg(any(feature = "async", test))]
use crate::decode::decode_serde;
use crate::decode::{read_member, PageDecoder};
#[cfg(feature = "async")]
use crate::decoded::Decoded;
use crate::error::Error;
use crate::expandable::Object;
use crate::form::{has_param, with_param};
use crate::json::{missing, FromJson, JsonResult, Reader};
use crate::options::RequestOptions;
use crate::response::ResponseMetadata;
use crate::trace::Label;
#[cfg(feature = "async")]
use crate::{client::Method, Client};

/// The cursors of a list, which a page request sets (and the caller's are dropped).
const LIST_CURSORS: &[&str] = &["starting_after", "ending_before"];

/// One page, as both list and search result objects carry it.
#[derive(Deserialize)]
pub(crate) struct Page<T> {
    data: Vec<T>,
    has_more: bool,
    #[serde(default)]
    next_page: Option<String>,
}

impl<T> Page<T> {
    /// The same page with each item mapped by `f`.
    pub(crate) fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { data: self.data.into_iter().map(f).collect(), has_more: self.has_more, next_page: self.next_page }
    }
}

impl<T: FromJson> FromJson for Page<T> {
    fn from_json(reader: &mut Reader<'_>) -> JsonResult<Self> {
        let (mut data, mut has_more, mut next_page) = (None::<Vec<T>>, None::<bool>, None::<Option<String>>);
        reader.object(&mut |reader, key| match key {
            "data" => read_member(&mut data, key, reader),
            "has_more" => read_member(&mut has_more, key, reader),
            "next_page" => read_member(&mut next_page, key, reader),
            _ => reader.skip(),
        })?;
        Ok(Page {
            data: data.ok_or_else(|| missing(reader, "data"))?,
            has_more: has_more.ok_or_else(|| missing(reader, "has_more"))?,
            next_page: next_page.flatten(),
        })
    }
}

/// How the walk asks for the next page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// `starting_after` the last item yielded.
    Forward,
    /// `ending_before` the last item yielded (the first of its page).
    Backward,
    /// `page` = the previous page's `next_page`.
    Search,
}

/// The request of every page of a walk, before its cursor.
pub(crate) struct WalkRequest {
    path: String,
    params: String,
    api_version: String,
    options: RequestOptions,
    label: Label,
}

impl WalkRequest {
    /// A raw pager's request (its span names no path: it may hold ids).
    pub(crate) fn new(path: String, params: String, api_version: String, options: &RequestOptions) -> Self {
        WalkRequest { path, params, api_version, options: options.clone(), label: Label::PAGER }
    }

    /// The request of a generated operation's pager, named by `label`.
    pub(crate) fn labelled(self, label: Label) -> Self {
        WalkRequest { label, ..self }
    }
}

/// Where a walk stands: the request it makes, the items fetched but not yet yielded, and the
/// cursor of the next page. Fetching is the pager's business.
pub(crate) struct Walk<T> {
    pub(crate) path: String,
    params: String,
    pub(crate) api_version: String,
    pub(crate) options: RequestOptions,
    /// What its page requests' spans say.
    pub(crate) label: Label,
    direction: Direction,
    id_of: Option<fn(&T) -> &str>,
    /// Named where the walk is made (the generated crate), so that `T`'s decoder is compiled there.
    pub(crate) decode: PageDecoder<T>,
    buffer: VecDeque<T>,
    started: bool,
    more: bool,
    next_page: Option<String>,
    last_id: Option<String>,
    left: Option<usize>,
    /// What Stripe answered the last page fetched.
    pub(crate) last_response: Option<ResponseMetadata>,
}

impl<T> Walk<T> {
    fn new(request: WalkRequest, direction: Direction, decode: PageDecoder<T>) -> Self {
        let WalkRequest { path, params, api_version, options, label } = request;
        Walk {
            path,
            params,
            api_version,
            label,
            options,
            direction,
            id_of: None,
            decode,
            buffer: VecDeque::new(),
            started: false,
            more: false,
            next_page: None,
            last_id: None,
            last_response: None,
            left: None,
        }
    }

    /// A list walk, backwards when `params` has `ending_before` and no `starting_after`.
    pub(crate) fn list(request: WalkRequest, decode: PageDecoder<T>) -> Self
    where
        T: Object,
    {
        let params = &request.params;
        let backward = has_param(params, "ending_before") && !has_param(params, "starting_after");
        let direction = if backward { Direction::Backward } else { Direction::Forward };
        Walk { id_of: Some(<T as Object>::id), ..Walk::new(request, direction, decode) }
    }

    /// A search walk.
    pub(crate) fn search(request: WalkRequest, decode: PageDecoder<T>) -> Self {
        Walk::new(request, Direction::Search, decode)
    }

    /// Yields at most `n` more items.
    pub(crate) fn cap(&mut self, n: usize) {
        self.left = Some(self.left.map_or(n, |left| left.min(n)));
    }

    /// The next item already fetched, unless the cap is reached.
    pub(crate) fn pop(&mut self) -> Option<T> {
        if self.left == Some(0) {
            return None;
        }
        let item = self.buffer.pop_front()?;
        if let Some(id_of) = self.id_of {
            // An item without an id (`""`: optional in a few of Stripe's schemas) leaves no cursor,
            // so the walk ends after it rather than asking for the same page again.
            let id = id_of(&item);
            self.last_id = (!id.is_empty()).then(|| id.to_owned());
        }
        if let Some(left) = &mut self.left {
            *left -= 1;
        }
        Some(item)
    }

    /// The query string of the page to fetch once [`pop`](Self::pop) has nothing; `None` when
    /// the walk is over.
    pub(crate) fn next_query(&self) -> Option<String> {
        if self.left == Some(0) || !self.buffer.is_empty() {
            return None;
        }
        if !self.started {
            return Some(self.params.clone());
        }
        if !self.more {
            return None;
        }
        Some(match self.direction {
            Direction::Forward => with_param(&self.params, LIST_CURSORS, "starting_after", self.last_id.as_deref()?),
            Direction::Backward => with_param(&self.params, LIST_CURSORS, "ending_before", self.last_id.as_deref()?),
            Direction::Search => with_param(&self.params, &["page"], "page", self.next_page.as_deref()?),
        })
    }

    /// Takes in the page fetched with [`next_query`](Self::next_query).
    pub(crate) fn accept(&mut self, page: Page<T>) {
        self.started = true;
        // An empty page ends a list walk even if it claims more: there is no id to go on from.
        self.more = page.has_more && !page.data.is_empty();
        if self.direction == Direction::Search {
            self.more = page.has_more && page.next_page.is_some();
            self.next_page = page.next_page;
        }
        if self.direction == Direction::Backward {
            self.buffer.extend(page.data.into_iter().rev());
        } else {
            self.buffer.extend(page.data);
        }
    }

    /// Takes the answer to the page request of [`next_query`](Self::next_query), the same for
    /// both pagers: a success's page and metadata are kept, anything else is the error.
    pub(crate) fn take(&mut self, answer: Result<Answered, Error>) -> Result<(), Error> {
        let Answered { response, metadata } = answer?;
        self.accept(decode_response_with(response, self.decode)?);
        self.last_response = Some(metadata);
        Ok(())
    }

    /// The id of the last item yielded (lists only).
    pub(crate) fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }
}

impl<T> fmt::Debug for Walk<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Walk")
            .field("path", &self.path)
            .field("params", &self.params)
            .field("direction", &self.direction)
            .field("buffered", &self.buffer.len())
            .field("more", &(!self.started || self.more))
            .field("last_id", &self.last_id)
            .field("left", &self.left)
            .finish_non_exhaustive()
    }
}

/// Walks every page of a list or search for the async [`Client`], one item at a time.
///
/// - A list (`"object": "list"`) is walked forwards, the next page asked for with
///   `starting_after=<id of the last item yielded>`, while `has_more`. When the caller's
///   parameters have `ending_before` (and no `starting_after`), it is walked backwards with
///   `ending_before=<id of the last item yielded>`, each page's items yielded last to first, as
///   Stripe's SDKs do.
/// - A search (`"object": "search_result"`) is walked with `page=<next_page>` while `has_more`.
/// - The caller's parameters are sent as given for the first page (their `limit` is the page
///   size); later pages send them again with the cursor last. Every page is a plain GET (no
///   `Idempotency-Key`), retried like any other request. A failed page is returned as an error
///   after the items before it; asking for the next item again sends the same page request again.
///
/// ```no_run
/// # async fn run(client: &stripe_runtime::Client) -> Result<(), stripe_runtime::Error> {
/// # #[derive(serde::Deserialize)] struct Configuration { id: String }
/// # impl stripe_runtime::Object for Configuration { fn id(&self) -> &str { &self.id } }
/// let options = stripe_runtime::RequestOptions::new();
/// let mut pager = stripe_runtime::Pager::<Configuration>::list(
///     client, "/v1/billing_portal/configurations", "limit=100".into(), "2023-08-16", &options,
/// );
/// while let Some(configuration) = pager.next().await {
///     println!("{}", configuration?.id);
/// }
/// # Ok(()) }
/// ```
#[cfg(feature = "async")]
#[derive(Debug)]
pub struct Pager<T> {
    client: Client,
    walk: Walk<T>,
}

#[cfg(feature = "async")]
impl<T: DeserializeOwned> Pager<T> {
    /// Walks the list at `path` (`GET`, answering `"object": "list"`) from the encoded `params`
    /// (the first page's query string), with `starting_after`, or `ending_before` when `params`
    /// has it, set to the last item's id for each later page. `api_version` and `options` are
    /// those of [`Client::execute`] and apply to every page.
    pub fn list(
        client: &Client,
        path: impl Into<String>,
        params: String,
        api_version: impl Into<String>,
        options: &RequestOptions,
    ) -> Self
    where
        T: Object,
    {
        let request = WalkRequest::new(path.into(), params, api_version.into(), options);
        Pager { client: client.clone(), walk: Walk::list(request, decode_serde::<Page<T>>) }
    }

    /// Walks the search at `path` (`GET`, answering `"object": "search_result"`) from the encoded
    /// `params`, with `page` set to the previous page's `next_page` for each later page.
    pub fn search(
        client: &Client,
        path: impl Into<String>,
        params: String,
        api_version: impl Into<String>,
        options: &RequestOptions,
    ) -> Self {
        let request = WalkRequest::new(path.into(), params, api_version.into(), options);
        Pager { client: client.clone(), walk: Walk::search(request, decode_serde::<Page<T>>) }
    }
}

/// A generated list operation's `paginate`: [`Pager::list`] for a generated item type, decoded by
/// its compiled-once decoder, each item in a [`Decoded`].
#[cfg(feature = "async")]
pub fn list_pager<T: FromJson + Object>(
    client: &Client,
    path: String,
    params: String,
    api_version: &str,
    options: &RequestOptions,
    label: Label,
) -> Pager<Decoded<T>> {
    let request = WalkRequest::new(path, params, api_version.into(), options).labelled(label);
    Pager { client: client.clone(), walk: Walk::list(request, decode_page_json::<T>) }
}

/// A generated search operation's `paginate`: [`Pager::search`] for a generated item type, each
/// item in a [`Decoded`].
#[cfg(feature = "async")]
pub fn search_pager<T: FromJson>(
    client: &Client,
    path: String,
    params: String,
    api_version: &str,
    options: &RequestOptions,
    label: Label,
) -> Pager<Decoded<T>> {
    let request = WalkRequest::new(path, params, api_version.into(), options).labelled(label);
    Pager { client: client.clone(), walk: Walk::search(request, decode_page_json::<T>) }
}

#[cfg(feature = "async")]
impl<T> Pager<T> {
    /// Stops after `n` more items, fetching no page beyond the one that holds the last of them.
    pub fn max_items(mut self, n: usize) -> Self {
        self.walk.cap(n);
        self
    }

    /// What Stripe answered the last page fetched (its `Request-Id`, status, headers, attempts);
    /// `None` before the first.
    pub fn last_response(&self) -> Option<&ResponseMetadata> {
        self.walk.last_response.as_ref()
    }

    /// The id of the last item yielded (`None` for a search, or before the first item). To
    /// resume a walk elsewhere, list again with `starting_after` (or `ending_before` when walking
    /// backwards) set to it; within this pager, calling [`next`](Self::next) again after an
    /// error is enough.
    pub fn last_id(&self) -> Option<&str> {
        self.walk.last_id()
    }

    /// The next item, fetching the next page when the current one is used up; `None` at the
    /// end. A page that fails is an `Err` after the items before it; calling `next` again sends
    /// the same page request again.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.walk.pop() {
                return Some(Ok(item));
            }
            let query = self.walk.next_query()?;
            let walk = &self.walk;
            let answer =
                self.client.answer(Method::Get, &walk.path, query, &walk.api_version, &walk.options, walk.label).await;
            if let Err(error) = self.walk.take(answer) {
                return Some(Err(error));
            }
        }
    }

    /// Every item up to `cap` of them, or the first error.
    pub async fn collect_up_to(mut self, cap: usize) -> Result<Vec<T>, Error> {
        self.walk.cap(cap);
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Item(String);
    impl Object for Item {
        fn id(&self) -> &str {
            &self.0
        }
    }

    fn page(ids: &[&str], has_more: bool) -> Page<Item> {
        Page { data: ids.iter().map(|id| Item(id.to_string())).collect(), has_more, next_page: None }
    }

    fn walk(params: &str) -> Walk<Item> {
        let request = WalkRequest::new("/v1/x".into(), params.into(), "v".into(), &RequestOptions::new());
        Walk::list(request, decode_serde::<Page<Item>>)
    }

    fn drain(walk: &mut Walk<Item>) -> Vec<String> {
        std::iter::from_fn(|| walk.pop()).map(|item| item.0).collect()
    }

    #[test]
    fn a_list_walk_asks_after_the_last_item_until_no_more() {
        let mut walk = walk("limit=2");
        assert_eq!(walk.next_query().as_deref(), Some("limit=2"));
        walk.accept(page(&["a", "b"], true));
        assert_eq!(walk.next_query(), None, "items are waiting");
        assert_eq!(drain(&mut walk), ["a", "b"]);
        assert_eq!(walk.next_query().as_deref(), Some("limit=2&starting_after=b"));
        walk.accept(page(&["c"], false));
        assert_eq!(drain(&mut walk), ["c"]);
        assert_eq!(walk.next_query(), None);
    }

    #[test]
    fn a_backward_walk_yields_each_page_reversed_and_asks_before_its_first_item() {
        let mut walk = walk("ending_before=e&limit=2");
        assert_eq!(walk.next_query().as_deref(), Some("ending_before=e&limit=2"));
        walk.accept(page(&["c", "d"], true));
        assert_eq!(drain(&mut walk), ["d", "c"]);
        assert_eq!(walk.next_query().as_deref(), Some("limit=2&ending_before=c"));
    }

    #[test]
    fn the_cap_stops_mid_page_and_an_empty_page_ends_the_walk() {
        let mut capped = walk("");
        capped.cap(1);
        capped.accept(page(&["a", "b"], true));
        assert_eq!(drain(&mut capped), ["a"]);
        assert_eq!(capped.next_query(), None);

        let mut empty = walk("");
        empty.accept(page(&[], true));
        assert_eq!(empty.next_query(), None);
    }

    #[test]
    fn an_item_without_an_id_ends_the_walk_after_it() {
        let mut walk = walk("limit=2");
        walk.accept(page(&["a", ""], true));
        assert_eq!(drain(&mut walk), ["a", ""]);
        assert_eq!((walk.last_id(), walk.next_query()), (None, None));
    }

    #[test]
    fn a_search_walk_follows_next_page() {
        let mut walk: Walk<Item> = Walk::search(
            WalkRequest::new("/v1/x/search".into(), "page=old&query=a".into(), "v".into(), &RequestOptions::new()),
            decode_serde::<Page<Item>>,
        );
        walk.accept(Page { data: vec![Item("a".into())], has_more: true, next_page: Some("t/2".into()) });
        assert_eq!(drain(&mut walk), ["a"]);
        assert_eq!(walk.last_id(), None);
        assert_eq!(walk.next_query().as_deref(), Some("query=a&page=t%2F2"));
        walk.accept(Page { data: vec![], has_more: false, next_page: None });
        assert_eq!(walk.next_query(), None);
    }
}
