//! Response metadata on success (issue 27, point 1): each pager's last page, against a real HTTP
//! server on 127.0.0.1. (An operation's `send` and `send_blocking` are checked in
//! `codegen/e2e/tests/http.rs`.)

#![cfg(feature = "ureq-transport")]

mod common;

use common::{builder, no_wait, Item, Server, VERSION};
use stripe_runtime::{BlockingPager, Pager, RequestOptions};

/// Two pages of one item each; the first page fails once (a 500, retried); each answer's
/// `Request-Id` is `req_<n>`, `n` counting requests from 0.
fn server() -> Server {
    Server::start(|request, n| {
        let page = if request.query().contains("starting_after") {
            r#"{"object":"list","data":[{"id":"b"}],"has_more":false,"url":"/v1/x"}"#
        } else {
            r#"{"object":"list","data":[{"id":"a"}],"has_more":true,"url":"/v1/x"}"#
        };
        let status = if n % 3 == 0 { 500 } else { 200 };
        (status, vec![("Request-Id", format!("req_{n}")), ("Stripe-Extra", "x".into())], page.into())
    })
}

#[test]
fn each_pager_tells_what_stripe_answered_its_last_page() {
    let options = RequestOptions::new();
    let server = server();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = builder(&server).retry_policy(no_wait(1)).build().unwrap();
    let mut pager = Pager::<Item>::list(&client, "/v1/x", "limit=1".into(), VERSION, &options);
    assert_eq!(pager.last_response(), None, "nothing fetched yet");
    assert_eq!(runtime.block_on(pager.next()).unwrap().unwrap().id, "a");
    let first = pager.last_response().expect("the first page's answer").clone();
    assert_eq!((first.status, first.request_id.as_deref(), first.attempts), (200, Some("req_1"), 2));
    assert_eq!((first.header("stripe-extra"), first.idempotency_key.as_deref()), (Some("x"), None));
    assert_eq!(runtime.block_on(pager.next()).unwrap().unwrap().id, "b");
    let second = pager.last_response().unwrap();
    assert_eq!((second.request_id.as_deref(), second.attempts), (Some("req_2"), 1));

    let client = builder(&server).retry_policy(no_wait(1)).build_blocking().unwrap();
    let mut pager = BlockingPager::<Item>::list(&client, "/v1/x", "limit=1".into(), VERSION, &options);
    assert_eq!(pager.last_response(), None);
    assert_eq!(pager.next().unwrap().unwrap().id, "a");
    let first = pager.last_response().unwrap();
    assert_eq!((first.request_id.as_deref(), first.attempts), (Some("req_4"), 2), "request 3 failed");
    assert_eq!(pager.next().unwrap().unwrap().id, "b");
    assert_eq!(pager.last_response().unwrap().request_id.as_deref(), Some("req_5"));
}
