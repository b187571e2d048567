//! The create call end to end against a real HTTP server on 127.0.0.1: exact bytes and headers,
//! retries with one idempotency key, and error mapping.

use std::sync::Arc;
use std::time::Duration;

use stripe_api::billing_portal::session::{
    AfterCompletionHostedConfirmationParam, AfterCompletionRedirectParam, CouponOfferParam, CreateSession,
    FlowDataAfterCompletionParam, FlowDataParam, FlowDataSubscriptionCancelParam,
    FlowDataSubscriptionUpdateConfirmParam, FlowDataSubscriptionUpdateParam, PortalFlowsFlowAfterCompletionType,
    PortalFlowsFlowType, PortalFlowsRetentionType, RetentionParam, Session, SubscriptionUpdateConfirmDiscountParams,
    SubscriptionUpdateConfirmItemParams,
};
use stripe_api::{Client, Decoded, Error, ErrorKind, RequestOptions};
use stripe_e2e::{session_fixture, FakeStripe, Recorded, Reply};
use stripe_runtime::RetryPolicy;

const KEY: &str = "sk_test_verysecret123";

fn ok() -> Reply {
    Reply::json(200, session_fixture("2023-08-16").to_string())
}

fn client(server: &FakeStripe) -> Client {
    Client::builder(KEY)
        .base_url(&server.base_url)
        .retry_policy(RetryPolicy { initial_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .build()
        .unwrap()
}

/// Sends `params` to a server answering 200, checks method, path and every header Stripe's SDKs
/// send, and returns the one request the server saw.
async fn sent(params: CreateSession) -> Recorded {
    let server = FakeStripe::start(vec![ok()]);
    let session = params.send(&client(&server)).await.expect("success");
    assert_eq!(session.object.as_str(), "billing_portal.session");
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = requests.remove(0);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/v1/billing_portal/sessions");
    assert_eq!(request.header("authorization"), Some("Bearer sk_test_verysecret123"));
    assert_eq!(request.header("stripe-version"), Some(stripe_api::API_VERSION));
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    let agent = format!("Stripe/v1 RustBindings/{}", stripe_runtime::VERSION);
    assert_eq!(request.header("user-agent"), Some(agent.as_str()));
    assert!(is_uuid_v4(request.header("idempotency-key").unwrap()));
    assert_eq!(request.header("stripe-account"), None);
    request
}

fn is_uuid_v4(key: &str) -> bool {
    let parts: Vec<&str> = key.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && key.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
        && parts[2].starts_with('4')
}

fn cancel_flow() -> FlowDataParam {
    FlowDataParam::new(PortalFlowsFlowType::SubscriptionCancel)
        .after_completion(
            FlowDataAfterCompletionParam::new(PortalFlowsFlowAfterCompletionType::Redirect)
                .redirect(AfterCompletionRedirectParam::new("https://example.com/cancelled")),
        )
        .subscription_cancel(FlowDataSubscriptionCancelParam::new("sub_123").retention(RetentionParam::new(
            CouponOfferParam::new("coupon_25off"),
            PortalFlowsRetentionType::CouponOffer,
        )))
}

#[tokio::test]
async fn minimal_params_method_path_headers_body() {
    assert_eq!(sent(CreateSession::new("cus_123")).await.body, "customer=cus_123");
}

#[tokio::test]
async fn the_issue_example_byte_for_byte() {
    let params = CreateSession::new("cus_123")
        .return_url("https://example.com/account?tab=billing&x=1")
        .flow_data(cancel_flow());
    assert_eq!(
        sent(params).await.body,
        "customer=cus_123&flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Fcancelled&flow_data[after_completion][type]=redirect&flow_data[subscription_cancel][retention][coupon_offer][coupon]=coupon_25off&flow_data[subscription_cancel][retention][type]=coupon_offer&flow_data[subscription_cancel][subscription]=sub_123&flow_data[type]=subscription_cancel&return_url=https%3A%2F%2Fexample.com%2Faccount%3Ftab%3Dbilling%26x%3D1"
    );
}

#[tokio::test]
async fn payment_method_update_flow() {
    let flow = FlowDataParam::new(PortalFlowsFlowType::PaymentMethodUpdate);
    assert_eq!(
        sent(CreateSession::new("cus_1").flow_data(flow)).await.body,
        "customer=cus_1&flow_data[type]=payment_method_update"
    );
}

#[tokio::test]
async fn subscription_update_flow() {
    let flow = FlowDataParam::new(PortalFlowsFlowType::SubscriptionUpdate)
        .subscription_update(FlowDataSubscriptionUpdateParam::new("sub_9"));
    assert_eq!(
        sent(CreateSession::new("cus_1").flow_data(flow)).await.body,
        "customer=cus_1&flow_data[subscription_update][subscription]=sub_9&flow_data[type]=subscription_update"
    );
}

#[tokio::test]
async fn subscription_update_confirm_with_two_items_and_a_discount() {
    let confirm = FlowDataSubscriptionUpdateConfirmParam::new(
        [
            SubscriptionUpdateConfirmItemParams::new("si_1").price("price_1").quantity(2),
            SubscriptionUpdateConfirmItemParams::new("si_2").quantity(1),
        ],
        "sub_1",
    )
    .discounts([SubscriptionUpdateConfirmDiscountParams::new().coupon("c_10")]);
    let flow = FlowDataParam::new(PortalFlowsFlowType::SubscriptionUpdateConfirm).subscription_update_confirm(confirm);
    assert_eq!(
        sent(CreateSession::new("cus_1").flow_data(flow)).await.body,
        "customer=cus_1\
         &flow_data[subscription_update_confirm][discounts][0][coupon]=c_10\
         &flow_data[subscription_update_confirm][items][0][id]=si_1\
         &flow_data[subscription_update_confirm][items][0][price]=price_1\
         &flow_data[subscription_update_confirm][items][0][quantity]=2\
         &flow_data[subscription_update_confirm][items][1][id]=si_2\
         &flow_data[subscription_update_confirm][items][1][quantity]=1\
         &flow_data[subscription_update_confirm][subscription]=sub_1\
         &flow_data[type]=subscription_update_confirm"
    );
}

#[tokio::test]
async fn after_completion_hosted_confirmation_with_every_special_character() {
    let after = FlowDataAfterCompletionParam::new(PortalFlowsFlowAfterCompletionType::HostedConfirmation)
        .hosted_confirmation(
            AfterCompletionHostedConfirmationParam::new().custom_message("Merci & à bientôt = 100%+ [ok]/é"),
        );
    let flow = FlowDataParam::new(PortalFlowsFlowType::PaymentMethodUpdate).after_completion(after);
    assert_eq!(
        sent(CreateSession::new("cus_1").flow_data(flow)).await.body,
        "customer=cus_1\
         &flow_data[after_completion][hosted_confirmation][custom_message]=Merci+%26+%C3%A0+bient%C3%B4t+%3D+100%25%2B+[ok]%2F%C3%A9\
         &flow_data[after_completion][type]=hosted_confirmation\
         &flow_data[type]=payment_method_update"
    );
}

#[tokio::test]
async fn expand_locale_on_behalf_of_and_configuration() {
    let params = CreateSession::new("cus_1")
        .configuration("bpc_1")
        .expand(["configuration", "configuration.application"])
        .locale("zh-HK")
        .on_behalf_of("acct_1");
    assert_eq!(
        sent(params).await.body,
        "configuration=bpc_1&customer=cus_1&expand[0]=configuration&expand[1]=configuration.application&locale=zh-HK&on_behalf_of=acct_1"
    );
}

#[tokio::test]
async fn an_explicit_unset_is_sent_as_an_empty_value() {
    // Stripe clears a parameter sent as `key=`; the SDKs send an empty string that way.
    assert_eq!(sent(CreateSession::new("cus_1").return_url("")).await.body, "customer=cus_1&return_url=");
}

/// A parameter newer than the spec, set through `extra_param`: after the typed ones, encoded alike.
#[tokio::test]
async fn an_extra_param_goes_after_the_typed_ones() {
    let params = CreateSession::new("cus_123")
        .flow_data(FlowDataParam::new(PortalFlowsFlowType::from("subscription_pause")))
        .extra_param("flow_data[subscription_pause][subscription]", "sub_123");
    assert_eq!(
        sent(params).await.body,
        "customer=cus_123&flow_data[type]=subscription_pause&flow_data[subscription_pause][subscription]=sub_123"
    );
}

/// An extra parameter with a typed one's name replaces its value where it stands: one pair.
#[tokio::test]
async fn an_extra_param_overrides_the_typed_one_of_the_same_name() {
    let params = CreateSession::new("cus_123")
        .locale(stripe_api::billing_portal::session::SessionLocale::Fr)
        .return_url("https://example.com")
        .extra_param("locale", "tlh")
        .extra_param("after_expiration[recovery][enabled]", "true");
    assert_eq!(
        sent(params).await.body,
        "customer=cus_123&locale=tlh&return_url=https%3A%2F%2Fexample.com&after_expiration[recovery][enabled]=true"
    );
}

#[tokio::test]
async fn stripe_account_and_idempotency_key_from_the_caller() {
    let server = FakeStripe::start(vec![ok(), ok()]);
    let client = Client::builder(KEY).base_url(&server.base_url).stripe_account("acct_client").build().unwrap();
    CreateSession::new("cus_1").send(&client).await.unwrap();
    let options =
        RequestOptions::new().stripe_account("acct_request").idempotency_key("my-key-1").api_version("2024-04-10");
    CreateSession::new("cus_1").send_with(&client, &options).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("stripe-account"), Some("acct_client"));
    assert_eq!(requests[1].header("stripe-account"), Some("acct_request"));
    assert_eq!(requests[1].header("idempotency-key"), Some("my-key-1"));
    assert_eq!(requests[1].header("stripe-version"), Some("2024-04-10"));
    assert_ne!(requests[0].header("idempotency-key"), requests[1].header("idempotency-key"));
}

#[tokio::test]
async fn app_info_goes_into_the_user_agent() {
    let server = FakeStripe::start(vec![ok()]);
    let client = Client::builder(KEY)
        .base_url(&server.base_url)
        .app_info("MyShop", Some("2.1"), Some("https://shop.example"))
        .build()
        .unwrap();
    CreateSession::new("cus_1").send(&client).await.unwrap();
    let expected = format!("Stripe/v1 RustBindings/{} MyShop/2.1 (https://shop.example)", stripe_runtime::VERSION);
    assert_eq!(server.requests()[0].header("user-agent"), Some(expected.as_str()));
}

// ---- retries ----

fn error_body(message: &str) -> String {
    format!(r#"{{"error":{{"type":"api_error","message":"{message}"}}}}"#)
}

/// Runs one create against `replies`; returns the result and what the server saw.
async fn with_replies(replies: Vec<Reply>) -> (Result<Decoded<Session>, Error>, Vec<Recorded>) {
    let server = FakeStripe::start(replies);
    let result = CreateSession::new("cus_1").return_url("https://x.io").send(&client(&server)).await;
    (result, server.requests())
}

fn assert_one_logical_request(requests: &[Recorded], attempts: usize) {
    assert_eq!(requests.len(), attempts);
    let key = requests[0].header("idempotency-key").unwrap();
    for request in requests {
        assert_eq!(request.header("idempotency-key"), Some(key), "every attempt carries the same key");
        assert_eq!(request.body, requests[0].body, "every attempt carries the same body");
    }
}

#[tokio::test]
async fn retries_500_503_and_409_once_then_succeeds() {
    for status in [500, 503, 409] {
        let (result, requests) = with_replies(vec![Reply::json(status, error_body("busy")), ok()]).await;
        assert!(result.is_ok(), "{status}: {result:?}");
        assert_one_logical_request(&requests, 2);
    }
}

/// A success tells what Stripe answered (issue 27): the final attempt's `Request-Id` and status,
/// the idempotency key every attempt carried, and how many attempts it took.
#[tokio::test]
async fn a_success_carries_its_request_id_key_and_attempts() {
    let (result, requests) = with_replies(vec![Reply::json(500, error_body("busy")), ok()]).await;
    let session = result.expect("the retry succeeds");
    let response = session.response().expect("send's answer has its metadata");
    assert_eq!((response.status, response.request_id.as_deref(), response.attempts), (200, Some("req_200"), 2));
    assert_eq!(response.idempotency_key.as_deref(), requests[1].header("idempotency-key"));
    assert_eq!(response.header("request-id"), Some("req_200"));
    assert_eq!(session.clone().response(), Some(response), "a clone keeps it");
}

#[tokio::test]
async fn retries_a_dropped_connection() {
    let (result, requests) = with_replies(vec![Reply::Drop, ok()]).await;
    assert!(result.is_ok(), "{result:?}");
    assert_one_logical_request(&requests, 2);
}

#[tokio::test]
async fn does_not_retry_429() {
    let (result, requests) = with_replies(vec![Reply::json(429, error_body("slow down")), ok()]).await;
    assert_eq!(result.unwrap_err().api_error().unwrap().kind, ErrorKind::RateLimit);
    assert_eq!(requests.len(), 1);
}

#[tokio::test]
async fn should_retry_header_overrides_the_status() {
    let no = Reply::json(500, error_body("no")).with_header("Stripe-Should-Retry", "false");
    let (result, requests) = with_replies(vec![no, ok()]).await;
    assert_eq!(result.unwrap_err().api_error().unwrap().status, 500);
    assert_eq!(requests.len(), 1);

    let yes = Reply::json(400, error_body("again")).with_header("Stripe-Should-Retry", "true");
    let (result, requests) = with_replies(vec![yes, ok()]).await;
    assert!(result.is_ok());
    assert_one_logical_request(&requests, 2);
}

#[tokio::test]
async fn exhausted_retries_return_the_last_error() {
    let replies = ["first", "second", "third"].map(|m| Reply::json(500, error_body(m))).to_vec();
    let (result, requests) = with_replies(replies).await;
    let error = result.unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.message.as_deref(), Some("third"));
    assert_eq!(api.request_id.as_deref(), Some("req_500"));
    assert_one_logical_request(&requests, 3);
}

#[tokio::test]
async fn exhausted_connection_retries_are_a_connection_error() {
    let (result, requests) = with_replies(vec![Reply::Drop, Reply::Drop, Reply::Drop]).await;
    assert!(matches!(result, Err(Error::Connection { .. })), "{result:?}");
    assert_eq!(requests.len(), 3);
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let held: Vec<_> = (0..2).filter_map(|_| listener.accept().ok()).collect();
        std::thread::sleep(Duration::from_millis(400));
        drop(held);
    });
    let client = Client::builder(KEY)
        .base_url(base)
        .request_timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy { max_retries: 1, initial_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .build()
        .unwrap();
    let result = CreateSession::new("cus_1").send(&client).await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    hold.join().unwrap();
}

// ---- errors ----

async fn error_for(status: u16, body: &str) -> Error {
    let server = FakeStripe::start(vec![Reply::json(status, body)]);
    let client = Client::builder(KEY).base_url(&server.base_url).max_network_retries(0).build().unwrap();
    CreateSession::new("cus_1").send(&client).await.unwrap_err()
}

#[tokio::test]
async fn error_statuses_map_to_kinds_with_the_request_id() {
    let body = r#"{"error":{"type":"invalid_request_error","code":"resource_missing","param":"customer","message":"No such customer: 'cus_1'","doc_url":"https://stripe.com/docs/error-codes/resource-missing","request_log_url":"https://dashboard.stripe.com/logs/req_400"}}"#;
    let error = error_for(400, body).await;
    let api = error.api_error().unwrap();
    assert_eq!(api.kind, ErrorKind::InvalidRequest);
    assert_eq!(api.status, 400);
    assert_eq!(api.code.as_deref(), Some("resource_missing"));
    assert_eq!(api.param.as_deref(), Some("customer"));
    assert_eq!(api.error_type.as_deref(), Some("invalid_request_error"));
    assert_eq!(api.doc_url.as_deref(), Some("https://stripe.com/docs/error-codes/resource-missing"));
    assert_eq!(api.request_log_url.as_deref(), Some("https://dashboard.stripe.com/logs/req_400"));
    assert_eq!(api.request_id.as_deref(), Some("req_400"));
    assert_eq!(
        error.to_string(),
        "Stripe InvalidRequest error (HTTP 400) [resource_missing]: No such customer: 'cus_1' (param: customer) (request id: req_400)"
    );

    let card = r#"{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Declined"}}"#;
    let api = error_for(402, card).await.api_error().unwrap().clone();
    assert_eq!((api.kind, api.decline_code.as_deref()), (ErrorKind::Card, Some("insufficient_funds")));

    for (status, kind) in [
        (401, ErrorKind::Authentication),
        (403, ErrorKind::Permission),
        (404, ErrorKind::InvalidRequest),
        (429, ErrorKind::RateLimit),
    ] {
        let error = error_for(status, &error_body("nope")).await;
        let api = error.api_error().unwrap();
        assert_eq!(api.kind, kind, "{status}");
        assert_eq!(api.request_id, Some(format!("req_{status}")));
    }
    let idempotency = r#"{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters"}}"#;
    assert_eq!(error_for(400, idempotency).await.api_error().unwrap().kind, ErrorKind::Idempotency);
}

#[tokio::test]
async fn a_200_that_is_not_json_is_a_decode_error() {
    let error = error_for(200, "<html>maintenance</html>").await;
    match &error {
        Error::Decode { status, request_id, body_prefix, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(request_id.as_deref(), Some("req_200"));
            assert_eq!(body_prefix, "<html>maintenance</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(error.to_string().contains("(request id: req_200)"), "{error}");
}

/// A transport a user might plug in; it never answers.
#[derive(Debug)]
struct Plugged;

impl stripe_runtime::Transport for Plugged {
    fn send(
        &self,
        _: stripe_runtime::HttpRequest,
    ) -> stripe_runtime::BoxFuture<Result<stripe_runtime::HttpResponse, stripe_runtime::TransportError>> {
        Box::pin(async { Err(stripe_runtime::TransportError::Connection("unplugged".into())) })
    }
}

#[tokio::test]
async fn a_plugged_in_transport_is_used() {
    let client = Client::builder(KEY).transport(Arc::new(Plugged)).max_network_retries(0).build().unwrap();
    let error = CreateSession::new("cus_1").send(&client).await.unwrap_err();
    assert!(matches!(&error, Error::Connection { message } if message == "unplugged"), "{error:?}");
}

#[tokio::test]
async fn the_secret_key_never_shows_in_debug_or_display() {
    let server = FakeStripe::start(vec![]);
    let client = client(&server);
    assert!(!format!("{client:?}").contains("verysecret"));
    let mut errors = vec![
        error_for(401, &error_body("Invalid API Key provided: sk_test_****t123")).await,
        error_for(200, "not json").await,
    ];
    let unreachable = Client::builder(KEY).base_url("http://127.0.0.1:1").max_network_retries(0).build().unwrap();
    errors.push(CreateSession::new("cus_1").send(&unreachable).await.unwrap_err());
    errors.push(Client::builder("").build().unwrap_err());
    for error in &errors {
        for shown in [format!("{error:?}"), error.to_string()] {
            assert!(!shown.contains("verysecret"), "{shown}");
        }
    }
    let transport: Arc<dyn stripe_runtime::Transport> = Arc::new(Plugged);
    let with_transport = Client::builder(KEY).transport(transport).build().unwrap();
    assert!(!format!("{with_transport:?}").contains("verysecret"));
}

#[test]
fn the_suite_runs_over_the_transport_its_feature_selects() {
    let shown = format!("{:?}", Client::builder(KEY).build().unwrap());
    let expected = if cfg!(feature = "ureq") { "UreqTransport" } else { "ReqwestTransport" };
    assert!(shown.contains(expected), "{shown}");
}

#[tokio::test]
async fn get_sends_params_in_the_query_and_no_body() {
    let server =
        FakeStripe::start(vec![Reply::json(200, r#"{"object":"list","data":[],"has_more":false,"url":"/v1/x"}"#)]);
    let client = client(&server);
    let options = RequestOptions::new();
    let list: stripe_runtime::List<serde_json::Value> = client
        .execute(stripe_runtime::Method::Get, "/v1/x", "limit=3&expand[0]=data.customer".into(), "2023-08-16", &options)
        .await
        .unwrap();
    assert!(!list.has_more);
    let request = &server.requests()[0];
    assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/v1/x?limit=3&expand[0]=data.customer"));
    assert_eq!(request.header("content-length"), None);
    assert_eq!(request.header("content-type"), None);
    assert_eq!(request.header("idempotency-key"), None, "only POST carries an idempotency key");
    assert_eq!(request.body, "");
}

#[tokio::test]
async fn send_futures_can_be_spawned_on_a_multithreaded_runtime() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let server = FakeStripe::start(vec![ok()]);
    let client = client(&server);
    let task = async move { CreateSession::new("cus_1").send(&client).await };
    assert_send(&task);
    assert!(tokio::spawn(task).await.unwrap().is_ok());
}

/// `send_blocking` of the generated create call: the same request as `send`, byte for byte but for
/// the idempotency key (and `Host`: two servers), and the same error for the same answer. The
/// blocking client's transport is ureq, so this runs where the default transport is ureq too.
#[cfg(feature = "ureq")]
#[tokio::test]
async fn send_blocking_sends_what_send_sends_and_maps_errors_alike() {
    let params = CreateSession::new("cus_123").return_url("https://example.com/a?b=c").flow_data(cancel_flow());
    let async_request = sent(params.clone()).await;

    let server = FakeStripe::start(vec![ok(), Reply::json(400, error_body("No such customer"))]);
    let blocking = stripe_api::BlockingClient::builder(KEY)
        .base_url(&server.base_url)
        .retry_policy(RetryPolicy { initial_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .build_blocking()
        .unwrap();
    let (session, error) = tokio::task::spawn_blocking(move || {
        (params.send_blocking(&blocking), CreateSession::new("cus_404").send_blocking(&blocking))
    })
    .await
    .unwrap();
    let session = session.expect("success");
    assert_eq!(session.object.as_str(), "billing_portal.session");
    let response = session.response().expect("send_blocking's answer has its metadata");
    assert_eq!((response.request_id.as_deref(), response.attempts), (Some("req_200"), 1));
    let requests = server.requests();
    let blocking_request = &requests[0];
    assert_eq!(
        (&blocking_request.method, &blocking_request.path, &blocking_request.body),
        (&async_request.method, &async_request.path, &async_request.body)
    );
    let without_key = |r: &Recorded| {
        let mut headers: Vec<(String, String)> =
            r.headers.iter().filter(|(name, _)| name != "idempotency-key" && name != "host").cloned().collect();
        headers.sort();
        headers
    };
    assert_eq!(without_key(blocking_request), without_key(&async_request));

    let server = FakeStripe::start(vec![Reply::json(400, error_body("No such customer"))]);
    let async_error = CreateSession::new("cus_404").send(&client(&server)).await.unwrap_err();
    assert_eq!(format!("{:?}", error.unwrap_err()), format!("{async_error:?}"));
}
