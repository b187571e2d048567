//! Pagination against real HTTP servers on 127.0.0.1 (issue 10, point 2). Every walk runs
//! through the async `Pager` and the `BlockingPager` the build has, each against a fresh server,
//! and checks the exact query string of every page request.

// A build with neither client's transport has no pager to test.
#![cfg(any(feature = "async", feature = "blocking"))]

mod common;

use common::{builder, no_wait, ok, Item, Seen, Server, KEY, VERSION};
use stripe_runtime::{ClientBuilder, Error, RequestOptions};

const LIST: &str = "/v1/billing_portal/configurations";
const SEARCH: &str = "/v1/customers/search";

/// The value of `key` in a query string (values here need no decoding).
fn param<'q>(query: &'q str, key: &str) -> Option<&'q str> {
    query.split('&').find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

/// A Stripe list of `ids` (in the list's order) paged as Stripe does: `limit` items after
/// `starting_after`, or the `limit` items just before `ending_before`.
fn list_page(query: &str, ids: &[&str]) -> String {
    let limit: usize = param(query, "limit").map_or(10, |l| l.parse().unwrap());
    let position = |id: &str| ids.iter().position(|x| *x == id).unwrap();
    let (page, has_more) = if let Some(before) = param(query, "ending_before") {
        let end = position(before);
        let start = end.saturating_sub(limit);
        (&ids[start..end], start > 0)
    } else {
        let start = param(query, "starting_after").map_or(0, |after| position(after) + 1);
        let end = (start + limit).min(ids.len());
        (&ids[start..end], end < ids.len())
    };
    let data: Vec<_> =
        page.iter().map(|id| serde_json::json!({"id": id, "object": "billing_portal.configuration"})).collect();
    serde_json::json!({"object": "list", "data": data, "has_more": has_more, "url": LIST}).to_string()
}

const IDS: [&str; 5] = ["bpc_1", "bpc_2", "bpc_3", "bpc_4", "bpc_5"];

/// A server with the 5 configurations of `IDS`.
fn configurations() -> Server {
    Server::start(|request, _| ok(list_page(request.query(), &IDS)))
}

// ---- both pagers behind one face ----

#[derive(Clone, Copy, Debug)]
enum Mode {
    #[cfg(feature = "async")]
    Async,
    #[cfg(feature = "blocking")]
    Blocking,
}

/// The pagers this build has.
fn modes() -> Vec<Mode> {
    vec![
        #[cfg(feature = "async")]
        Mode::Async,
        #[cfg(feature = "blocking")]
        Mode::Blocking,
    ]
}

enum AnyPager {
    #[cfg(feature = "async")]
    Async(tokio::runtime::Runtime, stripe_runtime::Pager<Item>),
    #[cfg(feature = "blocking")]
    Blocking(stripe_runtime::BlockingPager<Item>),
}

impl AnyPager {
    fn new(mode: Mode, builder: ClientBuilder, search: bool, path: &str, params: &str) -> AnyPager {
        let options = RequestOptions::new();
        match mode {
            #[cfg(feature = "async")]
            Mode::Async => {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                let client = builder.build().unwrap();
                let pager = if search {
                    stripe_runtime::Pager::search(&client, path, params.into(), VERSION, &options)
                } else {
                    stripe_runtime::Pager::list(&client, path, params.into(), VERSION, &options)
                };
                AnyPager::Async(runtime, pager)
            }
            #[cfg(feature = "blocking")]
            Mode::Blocking => {
                let client = builder.build_blocking().unwrap();
                let pager = if search {
                    stripe_runtime::BlockingPager::search(&client, path, params.into(), VERSION, &options)
                } else {
                    stripe_runtime::BlockingPager::list(&client, path, params.into(), VERSION, &options)
                };
                AnyPager::Blocking(pager)
            }
        }
    }

    fn list(mode: Mode, server: &Server, params: &str) -> AnyPager {
        AnyPager::new(mode, builder(server), false, LIST, params)
    }

    fn next(&mut self) -> Option<Result<Item, Error>> {
        match self {
            #[cfg(feature = "async")]
            AnyPager::Async(runtime, pager) => runtime.block_on(pager.next()),
            #[cfg(feature = "blocking")]
            AnyPager::Blocking(pager) => pager.next(),
        }
    }

    fn last_id(&self) -> Option<&str> {
        match self {
            #[cfg(feature = "async")]
            AnyPager::Async(_, pager) => pager.last_id(),
            #[cfg(feature = "blocking")]
            AnyPager::Blocking(pager) => pager.last_id(),
        }
    }

    fn max_items(self, n: usize) -> AnyPager {
        match self {
            #[cfg(feature = "async")]
            AnyPager::Async(runtime, pager) => AnyPager::Async(runtime, pager.max_items(n)),
            #[cfg(feature = "blocking")]
            AnyPager::Blocking(pager) => AnyPager::Blocking(pager.max_items(n)),
        }
    }

    fn collect_up_to(self, cap: usize) -> Result<Vec<String>, Error> {
        let items = match self {
            #[cfg(feature = "async")]
            AnyPager::Async(runtime, pager) => runtime.block_on(pager.collect_up_to(cap)),
            #[cfg(feature = "blocking")]
            AnyPager::Blocking(pager) => pager.collect_up_to(cap),
        };
        items.map(|items| items.into_iter().map(|item| item.id).collect())
    }

    /// The ids of every item to the end; panics on an error.
    fn ids(mut self) -> Vec<String> {
        std::iter::from_fn(|| self.next()).map(|item| item.unwrap().id).collect()
    }
}

/// Every page request is a plain GET of `path`: no body, no idempotency key, authenticated.
fn assert_plain_gets(seen: &[Seen], path: &str) {
    for request in seen {
        assert_eq!((request.method.as_str(), request.path()), ("GET", path), "{request:?}");
        assert_eq!(request.header("idempotency-key"), None, "{request:?}");
        assert!(request.body.is_empty(), "{request:?}");
        assert_eq!(request.header("authorization"), Some(&*format!("Bearer {KEY}")));
    }
}

// ---- lists ----

/// 5 items, 2 a page: 3 requests, each after the last id of the page before.
#[test]
fn a_list_is_walked_over_three_pages() {
    for mode in modes() {
        let server = configurations();
        let ids = AnyPager::list(mode, &server, "limit=2").ids();
        assert_eq!(ids, IDS, "{mode:?}");
        assert_eq!(
            server.queries(),
            ["limit=2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_4"],
            "{mode:?}"
        );
        assert_plain_gets(&server.seen(), LIST);
    }
}

/// The caller's own `starting_after` starts the walk; later pages replace it, never repeat it.
#[test]
fn the_callers_cursor_is_replaced_not_repeated() {
    for mode in modes() {
        let server = configurations();
        let ids = AnyPager::list(mode, &server, "limit=2&starting_after=bpc_1").ids();
        assert_eq!(ids, ["bpc_2", "bpc_3", "bpc_4", "bpc_5"], "{mode:?}");
        assert_eq!(server.queries(), ["limit=2&starting_after=bpc_1", "limit=2&starting_after=bpc_3"], "{mode:?}");
    }
}

/// `max_items(3)` and `collect_up_to(3)` stop after the third item: the third page is never
/// asked for.
#[test]
fn a_walk_stops_after_n_items() {
    for mode in modes() {
        let server = configurations();
        let ids = AnyPager::list(mode, &server, "limit=2").max_items(3).ids();
        assert_eq!(ids, ["bpc_1", "bpc_2", "bpc_3"], "{mode:?}");
        assert_eq!(server.queries(), ["limit=2", "limit=2&starting_after=bpc_2"], "{mode:?}");

        let server = configurations();
        let ids = AnyPager::list(mode, &server, "limit=2").collect_up_to(3).unwrap();
        assert_eq!(ids, ["bpc_1", "bpc_2", "bpc_3"], "{mode:?}");
        assert_eq!(server.queries(), ["limit=2", "limit=2&starting_after=bpc_2"], "{mode:?}");

        // A cap past the end is the whole list.
        let server = configurations();
        assert_eq!(AnyPager::list(mode, &server, "limit=2").collect_up_to(100).unwrap(), IDS, "{mode:?}");
    }
}

/// Started with `ending_before`, the walk goes backwards: each page is asked for
/// `ending_before` its first item, and its items come last to first.
#[test]
fn a_list_is_walked_backwards_with_ending_before() {
    for mode in modes() {
        let server = configurations();
        let ids = AnyPager::list(mode, &server, "ending_before=bpc_5&limit=2").ids();
        assert_eq!(ids, ["bpc_4", "bpc_3", "bpc_2", "bpc_1"], "{mode:?}");
        assert_eq!(server.queries(), ["ending_before=bpc_5&limit=2", "limit=2&ending_before=bpc_3"], "{mode:?}");
        assert_plain_gets(&server.seen(), LIST);
    }
}

// ---- search ----

/// A search follows `next_page` (encoded as a form value) until `has_more` is false.
#[test]
fn a_search_is_walked_over_two_pages_via_next_page() {
    const QUERY: &str = "limit=2&query=email%3A%27a%40b.co%27";
    for mode in modes() {
        let server = Server::start(|request, _| {
            let body = match param(request.query(), "page") {
                None => serde_json::json!({
                    "object": "search_result", "url": SEARCH, "has_more": true, "next_page": "WzE3MDBd+/=",
                    "data": [{"id": "cus_1"}, {"id": "cus_2"}],
                }),
                Some(_) => serde_json::json!({
                    "object": "search_result", "url": SEARCH, "has_more": false, "next_page": null,
                    "data": [{"id": "cus_3"}],
                }),
            };
            ok(body.to_string())
        });
        let ids = AnyPager::new(mode, builder(&server), true, SEARCH, QUERY).ids();
        assert_eq!(ids, ["cus_1", "cus_2", "cus_3"], "{mode:?}");
        assert_eq!(server.queries(), [QUERY.to_owned(), format!("{QUERY}&page=WzE3MDBd%2B%2F%3D")], "{mode:?}");
        assert_plain_gets(&server.seen(), SEARCH);
    }
}

// ---- errors ----

/// The second page fails once (429, not retried): page 1's items come first, then the error;
/// the pager keeps the last id, and the next call asks for the same page again and goes on.
#[test]
fn an_error_on_the_second_page_comes_after_the_first_pages_items_and_the_walk_resumes() {
    for mode in modes() {
        let server = Server::start(|request, n| match n {
            1 => (429, vec![("Request-Id", "req_429".to_owned())], r#"{"error":{"type":"rate_limit_error"}}"#.into()),
            _ => ok(list_page(request.query(), &IDS)),
        });
        let mut pager = AnyPager::list(mode, &server, "limit=2");
        assert_eq!(pager.next().unwrap().unwrap().id, "bpc_1");
        assert_eq!(pager.next().unwrap().unwrap().id, "bpc_2");
        let error = pager.next().unwrap().unwrap_err();
        let api = error.api_error().unwrap_or_else(|| panic!("{mode:?}: {error:?}"));
        assert_eq!((api.status, api.request_id.as_deref()), (429, Some("req_429")), "{mode:?}");
        assert_eq!(pager.last_id(), Some("bpc_2"), "{mode:?}");
        assert_eq!(pager.ids(), ["bpc_3", "bpc_4", "bpc_5"], "{mode:?}");
        assert_eq!(
            server.queries(),
            ["limit=2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_4"],
            "{mode:?}"
        );
    }
}

/// A page answered 500 is retried by the client's retry logic, as any GET: the walk never sees
/// the failure.
#[test]
fn page_requests_are_retried_like_any_request() {
    for mode in modes() {
        let server = Server::start(|request, n| match n {
            1 => (500, Vec::new(), r#"{"error":{"type":"api_error"}}"#.into()),
            _ => ok(list_page(request.query(), &IDS)),
        });
        let pager = AnyPager::new(mode, builder(&server).retry_policy(no_wait(1)), false, LIST, "limit=2");
        assert_eq!(pager.ids(), IDS, "{mode:?}");
        assert_eq!(
            server.queries(),
            ["limit=2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_4"],
            "{mode:?}"
        );
        assert_plain_gets(&server.seen(), LIST);
    }
}

// ---- the blocking client beside the async one ----
