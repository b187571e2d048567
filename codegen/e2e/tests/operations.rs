//! Every kind of generated operation against a real HTTP server on 127.0.0.1: retrieve with
//! expand, update with an unset, delete, an action on an id that needs percent-encoding, and list
//! and search walked page by page through the generated `paginate` methods. The crate under test
//! is the golden-file output of `codegen/tests/golden/widgets.yaml` (a workspace member).

use std::time::Duration;

use serde_json::{json, Value};
use stripe_e2e::{FakeStripe, Recorded, Reply};
use stripe_runtime::{Error, RetryPolicy};
use stripe_widgets::thing::widget::{
    DeleteWidget, ListWidgets, PolishWidget, RetrieveWidget, SearchWidgets, UpdateWidget, Widget, WidgetFinish,
};
use stripe_widgets::{BlockingClient, Client, Decoded, Expandable, Unsettable};

const KEY: &str = "sk_test_widgets";

fn client(server: &FakeStripe) -> Client {
    Client::builder(KEY)
        .base_url(&server.base_url)
        .retry_policy(RetryPolicy { initial_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .build()
        .unwrap()
}

fn blocking_client(server: &FakeStripe) -> BlockingClient {
    BlockingClient::builder(KEY)
        .base_url(&server.base_url)
        .retry_policy(RetryPolicy { initial_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .build_blocking()
        .unwrap()
}

fn maker(id: &str) -> Value {
    json!({"id": id, "address": {"city": "Berlin", "country": "DE"}})
}

fn widget(id: &str) -> Value {
    json!({"id": id, "object": "thing.widget", "created": 1700000000, "name": "Sprocket", "note": null,
        "status": "active", "maker": "mkr_1", "inspector": null, "finish": {"gloss": 0.5}, "dimensions": null})
}

fn list_page(ids: &[&str], has_more: bool) -> Reply {
    let data: Vec<Value> = ids.iter().map(|id| widget(id)).collect();
    Reply::json(
        200,
        json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/thing/widgets"}).to_string(),
    )
}

fn search_page(ids: &[&str], next_page: Option<&str>) -> Reply {
    let data: Vec<Value> = ids.iter().map(|id| widget(id)).collect();
    let page = json!({"object": "search_result", "data": data, "has_more": next_page.is_some(),
        "next_page": next_page, "url": "/v1/thing/widgets/search"});
    Reply::json(200, page.to_string())
}

fn error_reply() -> Reply {
    Reply::json(400, json!({"error": {"type": "invalid_request_error", "message": "Bad cursor"}}).to_string())
}

/// Method and path with query of each request, in order.
fn lines(requests: &[Recorded]) -> Vec<String> {
    requests.iter().map(|r| format!("{} {}", r.method, r.path)).collect()
}

fn ids(widgets: &[Decoded<Widget>]) -> Vec<&str> {
    widgets.iter().map(|w| w.id.as_str()).collect()
}

#[tokio::test]
async fn retrieve_expands_two_fields_and_decodes_both_objects() {
    let mut expanded = widget("wid_1");
    expanded["maker"] = maker("mkr_1");
    expanded["inspector"] = maker("mkr_2");
    let server = FakeStripe::start(vec![Reply::json(200, expanded.to_string())]);
    let widget = RetrieveWidget::new("wid_1").expand(["maker", "inspector"]).send(&client(&server)).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(lines(&server.requests()), ["GET /v1/thing/widgets/wid_1?expand[0]=maker&expand[1]=inspector"]);
    assert_eq!((request.body.as_str(), request.header("idempotency-key")), ("", None));
    let Expandable::Object(maker) = &widget.maker else { panic!("maker not expanded: {:?}", widget.maker) };
    assert_eq!(maker.address.city.as_deref(), Some("Berlin"));
    let Some(Expandable::Object(inspector)) = &widget.inspector else { panic!("{:?}", widget.inspector) };
    assert_eq!(inspector.id, "mkr_2");
    assert!(matches!(widget.finish, WidgetFinish::Varnish(ref v) if v.gloss == 0.5));
}

#[tokio::test]
async fn update_sends_an_unset_as_an_empty_value() {
    let server = FakeStripe::start(vec![Reply::json(200, widget("wid_1").to_string())]);
    let params = UpdateWidget::new("wid_1").name("Cog").note(Unsettable::Unset);
    params.send(&client(&server)).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(lines(&server.requests()), ["POST /v1/thing/widgets/wid_1"]);
    assert_eq!(request.body, "name=Cog&note=");
    assert!(request.header("idempotency-key").is_some(), "a POST carries an idempotency key");
}

#[tokio::test]
async fn delete_returns_the_deleted_object() {
    let deleted = json!({"id": "wid_1", "object": "thing.widget", "deleted": true});
    let server = FakeStripe::start(vec![Reply::json(200, deleted.to_string())]);
    let deleted = DeleteWidget::new("wid_1").send(&client(&server)).await.unwrap();
    assert_eq!(lines(&server.requests()), ["DELETE /v1/thing/widgets/wid_1"]);
    assert_eq!(server.requests()[0].body, "");
    assert_eq!(deleted.id, "wid_1");
    assert!(deleted.deleted);
}

#[tokio::test]
async fn an_action_percent_encodes_the_id_in_its_path() {
    let server = FakeStripe::start(vec![Reply::json(200, widget("wid 1/ä?#").to_string())]);
    let polished = PolishWidget::new("wid 1/ä?#").send(&client(&server)).await.unwrap();
    assert_eq!(lines(&server.requests()), ["POST /v1/thing/widgets/wid%201%2F%C3%A4%3F%23/polish"]);
    assert_eq!(polished.id, "wid 1/ä?#");
}

#[tokio::test]
async fn a_list_is_walked_over_three_pages_with_the_limit_as_page_size() {
    let server = FakeStripe::start(vec![
        list_page(&["wid_1", "wid_2"], true),
        list_page(&["wid_3", "wid_4"], true),
        list_page(&["wid_5"], false),
    ]);
    let widgets = ListWidgets::new().limit(2).paginate(&client(&server)).collect_up_to(100).await.unwrap();
    assert_eq!(ids(&widgets), ["wid_1", "wid_2", "wid_3", "wid_4", "wid_5"]);
    assert_eq!(
        lines(&server.requests()),
        [
            "GET /v1/thing/widgets?limit=2",
            "GET /v1/thing/widgets?limit=2&starting_after=wid_2",
            "GET /v1/thing/widgets?limit=2&starting_after=wid_4",
        ]
    );
    assert!(server.requests().iter().all(|r| r.body.is_empty() && r.header("idempotency-key").is_none()));
}

#[tokio::test]
async fn a_walk_stops_after_n_items_without_fetching_further() {
    let server = FakeStripe::start(vec![list_page(&["wid_1", "wid_2"], true), list_page(&["wid_3", "wid_4"], true)]);
    let widgets = ListWidgets::new().limit(2).paginate(&client(&server)).max_items(3).collect_up_to(100).await.unwrap();
    assert_eq!(ids(&widgets), ["wid_1", "wid_2", "wid_3"]);
    assert_eq!(server.requests().len(), 2, "{:?}", lines(&server.requests()));
}

#[tokio::test]
async fn a_list_started_with_ending_before_is_walked_backwards() {
    // Stripe answers `ending_before` pages oldest first; the walk yields them newest first and
    // asks for the page before the last item it yielded.
    let server = FakeStripe::start(vec![list_page(&["wid_7", "wid_8"], true), list_page(&["wid_5", "wid_6"], false)]);
    let widgets =
        ListWidgets::new().limit(2).ending_before("wid_9").paginate(&client(&server)).collect_up_to(10).await.unwrap();
    assert_eq!(ids(&widgets), ["wid_8", "wid_7", "wid_6", "wid_5"]);
    assert_eq!(
        lines(&server.requests()),
        ["GET /v1/thing/widgets?limit=2&ending_before=wid_9", "GET /v1/thing/widgets?limit=2&ending_before=wid_7"]
    );
}

#[tokio::test]
async fn a_search_is_walked_over_two_pages_by_next_page() {
    let server =
        FakeStripe::start(vec![search_page(&["wid_1", "wid_2"], Some("page_abc")), search_page(&["wid_3"], None)]);
    let search = SearchWidgets::new("name:'Sprocket'").limit(2);
    let widgets = search.paginate(&client(&server)).collect_up_to(10).await.unwrap();
    assert_eq!(ids(&widgets), ["wid_1", "wid_2", "wid_3"]);
    assert_eq!(
        lines(&server.requests()),
        [
            "GET /v1/thing/widgets/search?query=name%3A%27Sprocket%27&limit=2",
            "GET /v1/thing/widgets/search?query=name%3A%27Sprocket%27&limit=2&page=page_abc",
        ]
    );
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_page_one_and_the_walk_resumes_from_the_last_id() {
    // Page 2 fails (a 400 is not retried): page 1's items first, then the error.
    let server = FakeStripe::start(vec![list_page(&["wid_1", "wid_2"], true), error_reply()]);
    let mut pager = ListWidgets::new().limit(2).paginate(&client(&server));
    let mut seen = Vec::new();
    let error = loop {
        match pager.next().await {
            Some(Ok(widget)) => seen.push(widget.id.clone()),
            Some(Err(error)) => break error,
            None => panic!("the walk ended without the error"),
        }
    };
    assert_eq!(seen, ["wid_1", "wid_2"]);
    assert!(matches!(&error, Error::Api(api) if api.message.as_deref() == Some("Bad cursor")), "{error:?}");
    let last_id = pager.last_id().expect("an item was yielded").to_owned();

    // Resumed from the last id, in a new walk: the remaining items, nothing twice.
    let server = FakeStripe::start(vec![list_page(&["wid_3", "wid_4"], true), list_page(&["wid_5"], false)]);
    let resumed = ListWidgets::new().limit(2).starting_after(last_id).paginate(&client(&server));
    let rest = resumed.collect_up_to(10).await.unwrap();
    assert_eq!(ids(&rest), ["wid_3", "wid_4", "wid_5"]);
    assert_eq!(
        lines(&server.requests()),
        ["GET /v1/thing/widgets?limit=2&starting_after=wid_2", "GET /v1/thing/widgets?limit=2&starting_after=wid_4"]
    );
}

/// The blocking pager over the same pages asks for the same pages.
#[cfg(feature = "ureq")]
#[tokio::test]
async fn paginate_blocking_sends_what_paginate_sends() {
    let pages = || vec![list_page(&["wid_1", "wid_2"], true), list_page(&["wid_3"], false)];
    let server = FakeStripe::start(pages());
    ListWidgets::new().limit(2).paginate(&client(&server)).collect_up_to(10).await.unwrap();
    let async_lines = lines(&server.requests());

    let server = FakeStripe::start(pages());
    let blocking = blocking_client(&server);
    let widgets = tokio::task::spawn_blocking(move || {
        ListWidgets::new().limit(2).paginate_blocking(&blocking).collect::<Result<Vec<_>, Error>>()
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(ids(&widgets), ["wid_1", "wid_2", "wid_3"]);
    assert_eq!(lines(&server.requests()), async_lines);
}
