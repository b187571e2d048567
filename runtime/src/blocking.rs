//! The blocking client: the same requests, retries and errors as the async
//! [`Client`](crate::Client), on the caller's thread, with no async runtime in the build.
//!
//! Everything but sending one attempt and sleeping between attempts is the async client's own
//! code: [`ClientBuilder`], the headers and idempotency key, the form encoding, the retry
//! decisions and backoff, and the mapping of answers to [`Error`]s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use crate::client::{deadline_passed, decode_response, Answered, Call, ClientBuilder, Method, Settings};
use crate::decode::{decode_page_json, decode_serde};
use crate::decoded::Decoded;
use crate::error::Error;
use crate::expandable::Object;
use crate::json::FromJson;
use crate::options::RequestOptions;
use crate::pager::{Page, Walk, WalkRequest};
use crate::response::ResponseMetadata;
use crate::retry::{jitter, Attempts, Next};
use crate::trace::{AttemptSeen, CallSpan, Label};
use crate::transport::BlockingTransport;

/// A Stripe API client that blocks the calling thread; no tokio needed (build with
/// `default-features = false, features = ["blocking"]` to leave tokio out). Cheap to clone.
///
/// ```no_run
/// let client = stripe_runtime::BlockingClient::from_env()?;
/// let options = stripe_runtime::RequestOptions::new();
/// let balance: serde_json::Value =
///     client.execute(stripe_runtime::Method::Get, "/v1/balance", String::new(), "2023-08-16", &options)?;
/// # Ok::<(), stripe_runtime::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct BlockingClient {
    settings: Arc<Settings>,
    transport: Arc<dyn BlockingTransport>,
}

impl BlockingClient {
    pub(crate) fn new(settings: Arc<Settings>, transport: Arc<dyn BlockingTransport>) -> Self {
        BlockingClient { settings, transport }
    }

    /// Starts a client for `secret_key` with Stripe's defaults; finish with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(secret_key.into())
    }

    /// A client from `STRIPE_SECRET_KEY`, and `STRIPE_API_BASE` as base URL if it is set.
    pub fn from_env() -> Result<BlockingClient, Error> {
        ClientBuilder::from_env()?.build_blocking()
    }

    /// Sends a request and decodes the JSON answer into `T`, retrying as Stripe's SDKs do: the
    /// blocking form of [`Client::execute`](crate::Client::execute), with the same arguments,
    /// the same request bytes and the same errors.
    pub fn execute<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
    ) -> Result<T, Error> {
        decode_response(self.answer(method, path, params, api_version, options, Label::EXECUTE)?.response)
    }

    /// The final answer to a request, undecoded: [`execute`](Self::execute) up to the decoding.
    pub(crate) fn answer(
        &self,
        method: Method,
        path: &str,
        params: String,
        api_version: &str,
        options: &RequestOptions,
        label: Label,
    ) -> Result<Answered, Error> {
        let call = self.settings.prepare(method, path, params, api_version, options)?;
        CallSpan::new(label, method).run(|| self.send_with_retries(call))
    }

    /// Sends until an answer that is not retried, retries run out, or `deadline` passes; each
    /// attempt is given what remains of the deadline.
    fn send_with_retries(&self, call: Call) -> Result<Answered, Error> {
        let Call { request, deadline, retry } = call;
        let end = deadline.map(|deadline| Instant::now() + deadline);
        let time_left = || end.map(|end| end.saturating_duration_since(Instant::now()));
        let mut attempts = Attempts::new(&retry);
        loop {
            let sent = Instant::now();
            let outcome = self.transport.send_blocking(request.clone(), time_left());
            let (attempt, seen) = (attempts.sent(), AttemptSeen::of(&outcome, sent.elapsed()));
            let left = time_left();
            if let (Some(deadline), Some(Duration::ZERO), Err(_)) = (deadline, left, &outcome) {
                seen.report(attempt, None);
                return Err(deadline_passed(deadline));
            }
            match attempts.after(outcome, left, jitter()) {
                Next::Done(outcome) => {
                    seen.report(attempt, None);
                    return self.settings.finished(outcome, &request, attempt, sent);
                }
                Next::Retry(delay) => {
                    seen.report(attempt, Some(delay));
                    std::thread::sleep(delay)
                }
            }
        }
    }
}

/// Walks every page of a list or search for the [`BlockingClient`], as an [`Iterator`] of
/// items; the page logic and its rules are the async [`Pager`](crate::Pager)'s.
///
/// A page that fails is an `Err` after the items before it; calling `next` again sends the same
/// page request again, so the walk resumes where it stopped.
///
/// ```no_run
/// # fn run(client: &stripe_runtime::BlockingClient) -> Result<(), stripe_runtime::Error> {
/// # #[derive(serde::Deserialize)] struct Configuration { id: String }
/// # impl stripe_runtime::Object for Configuration { fn id(&self) -> &str { &self.id } }
/// let options = stripe_runtime::RequestOptions::new();
/// let pager = stripe_runtime::BlockingPager::<Configuration>::list(
///     client, "/v1/billing_portal/configurations", "limit=100".into(), "2023-08-16", &options,
/// );
/// for configuration in pager {
///     println!("{}", configuration?.id);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct BlockingPager<T> {
    client: BlockingClient,
    walk: Walk<T>,
}

impl<T: DeserializeOwned> BlockingPager<T> {
    /// Walks the list at `path` from the encoded `params`; see [`Pager::list`](crate::Pager::list).
    pub fn list(
        client: &BlockingClient,
        path: impl Into<String>,
        params: String,
        api_version: impl Into<String>,
        options: &RequestOptions,
    ) -> Self
    where
        T: Object,
    {
        let request = WalkRequest::new(path.into(), params, api_version.into(), options);
        BlockingPager { client: client.clone(), walk: Walk::list(request, decode_serde::<Page<T>>) }
    }

    /// Walks the search at `path` from the encoded `params`; see
    /// [`Pager::search`](crate::Pager::search).
    pub fn search(
        client: &BlockingClient,
        path: impl Into<String>,
        params: String,
        api_version: impl Into<String>,
        options: &RequestOptions,
    ) -> Self {
        let request = WalkRequest::new(path.into(), params, api_version.into(), options);
        BlockingPager { client: client.clone(), walk: Walk::search(request, decode_serde::<Page<T>>) }
    }
}

/// A generated list operation's `paginate_blocking`: [`BlockingPager::list`] for a generated item
/// type, decoded by its compiled-once decoder, each item in a [`Decoded`].
pub fn blocking_list_pager<T: FromJson + Object>(
    client: &BlockingClient,
    path: String,
    params: String,
    api_version: &str,
    options: &RequestOptions,
    label: Label,
) -> BlockingPager<Decoded<T>> {
    let request = WalkRequest::new(path, params, api_version.into(), options).labelled(label);
    BlockingPager { client: client.clone(), walk: Walk::list(request, decode_page_json::<T>) }
}

/// A generated search operation's `paginate_blocking`: [`BlockingPager::search`] for a generated
/// item type, each item in a [`Decoded`].
pub fn blocking_search_pager<T: FromJson>(
    client: &BlockingClient,
    path: String,
    params: String,
    api_version: &str,
    options: &RequestOptions,
    label: Label,
) -> BlockingPager<Decoded<T>> {
    let request = WalkRequest::new(path, params, api_version.into(), options).labelled(label);
    BlockingPager { client: client.clone(), walk: Walk::search(request, decode_page_json::<T>) }
}

impl<T> BlockingPager<T> {
    /// Stops after `n` more items, fetching no page beyond the one that holds the last of them.
    pub fn max_items(mut self, n: usize) -> Self {
        self.walk.cap(n);
        self
    }

    /// What Stripe answered the last page fetched; `None` before the first.
    pub fn last_response(&self) -> Option<&ResponseMetadata> {
        self.walk.last_response.as_ref()
    }

    /// The id of the last item yielded; see [`Pager::last_id`](crate::Pager::last_id).
    pub fn last_id(&self) -> Option<&str> {
        self.walk.last_id()
    }

    /// Every item up to `cap` of them, or the first error.
    pub fn collect_up_to(mut self, cap: usize) -> Result<Vec<T>, Error> {
        self.walk.cap(cap);
        self.collect()
    }
}

impl<T> Iterator for BlockingPager<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.walk.pop() {
                return Some(Ok(item));
            }
            let query = self.walk.next_query()?;
            let walk = &self.walk;
            let answer =
                self.client.answer(Method::Get, &walk.path, query, &walk.api_version, &walk.options, walk.label);
            if let Err(error) = self.walk.take(answer) {
                return Some(Err(error));
            }
        }
    }
}
