//! How generated operations reach the client, with their answer's decoder compiled once.
//!
//! Each generated parameters type implements [`Operation`]: its `request` builds the [`Request`]
//! (method, path, encoded parameters) and names the answer's decoder, in a plain function of the
//! generated crate marked `#[inline(never)]`, so the decoder is compiled there. `send_with` is an
//! `async fn`, and rustc compiles an async body in the crate that awaits it, the application:
//! there it only calls [`send`], which reaches the decoder through the request's function pointer.

use crate::blocking::BlockingClient;
use crate::client::{decode_response_with, Method};
use crate::decoded::Decoded;
use crate::options::RequestOptions;
use crate::trace::Label;
#[cfg(feature = "async")]
use crate::Client;
use crate::Error;

/// One call of an operation, as its generated parameters type builds it.
#[derive(Debug)]
pub struct Request<T> {
    /// The HTTP method.
    pub method: Method,
    /// The path, its parameters encoded.
    pub path: String,
    /// The encoded parameters (query string or form body).
    pub params: String,
    /// The API version the operation was generated from.
    pub api_version: &'static str,
    /// Decodes a success's body.
    pub decode: fn(&[u8]) -> Result<Decoded<T>, serde_json::Error>,
    /// The operation and its path template, for tracing.
    pub label: Label,
}

/// A generated parameters type: the operation it calls.
pub trait Operation {
    /// What a success decodes into.
    type Answer;
    /// The request for these parameters.
    fn request(&self) -> Request<Self::Answer>;
}

/// Sends `operation` with `client`: `send_with` of every generated operation.
#[cfg(feature = "async")]
pub async fn send<O: Operation>(
    client: &Client,
    operation: &O,
    options: &RequestOptions,
) -> Result<Decoded<O::Answer>, Error> {
    let request = operation.request();
    let answered = client
        .answer(request.method, &request.path, request.params, request.api_version, options, request.label)
        .await?;
    Ok(decode_response_with(answered.response, request.decode)?.with_response(answered.metadata))
}

/// [`send`] from synchronous code: `send_blocking_with` of every generated operation.
pub fn send_blocking<O: Operation>(
    client: &BlockingClient,
    operation: &O,
    options: &RequestOptions,
) -> Result<Decoded<O::Answer>, Error> {
    let request = operation.request();
    let answered =
        client.answer(request.method, &request.path, request.params, request.api_version, options, request.label)?;
    Ok(decode_response_with(answered.response, request.decode)?.with_response(answered.metadata))
}

/// A generated operation's `send`, `send_with`, `send_blocking` and `send_blocking_with`, in its
/// parameters type's `impl` block: `$endpoint` is its method and path (for the docs), `$answer`
/// what it answers with (`list Item` for a `List<Item>`, `search Item` for a
/// `SearchResult<Item>`). One line of generated source per operation; the async methods exist
/// when the generated crate's `async` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __send_methods {
    ($endpoint:literal, list $item:ty) => {
        $crate::__send_methods!($endpoint, $crate::List<$item>);
    };
    ($endpoint:literal, search $item:ty) => {
        $crate::__send_methods!($endpoint, $crate::SearchResult<$item>);
    };
    ($endpoint:literal, $answer:ty) => {
        #[doc = ::core::concat!(" Sends `", $endpoint, "` with these parameters and decodes the answer.")]
        #[cfg(feature = "async")]
        pub async fn send(
            &self,
            client: &$crate::Client,
        ) -> ::core::result::Result<$crate::Decoded<$answer>, $crate::Error> {
            self.send_with(client, &$crate::RequestOptions::default()).await
        }
        /// Like `send`, with per-request options (`RequestOptions`: API key, `Stripe-Account`,
        /// `Stripe-Context`, API version, idempotency key, retries, extra headers, deadline).
        #[cfg(feature = "async")]
        pub async fn send_with(
            &self,
            client: &$crate::Client,
            options: &$crate::RequestOptions,
        ) -> ::core::result::Result<$crate::Decoded<$answer>, $crate::Error> {
            $crate::__codegen::send(client, self, options).await
        }
        /// Like `send`, from synchronous code: the same request, retries and errors.
        pub fn send_blocking(
            &self,
            client: &$crate::BlockingClient,
        ) -> ::core::result::Result<$crate::Decoded<$answer>, $crate::Error> {
            self.send_blocking_with(client, &$crate::RequestOptions::default())
        }
        /// Like `send_with`, from synchronous code.
        pub fn send_blocking_with(
            &self,
            client: &$crate::BlockingClient,
            options: &$crate::RequestOptions,
        ) -> ::core::result::Result<$crate::Decoded<$answer>, $crate::Error> {
            $crate::__codegen::send_blocking(client, self, options)
        }
    };
}

/// A generated parameters type's [`Operation`] impl, one line of generated source per operation:
/// `$params, $answer, $method $path`, where the answer is written as for `__send_methods!`
/// (`list Item`, `search Item`, or a type), the method is `Get`, `Post` or `Delete`, and the path is
/// its literal pieces and its path parameters' field names in order (`"/v1/racks/" rack "/widgets"`).
/// `request` names the answer's decoder in a plain function of the generated crate, kept out of
/// other crates (`#[inline(never)]`), so the decoder is compiled there and not in the application.
#[doc(hidden)]
#[macro_export]
// `crate::API_VERSION` is the generated crate's: the version the operation was generated from.
#[allow(clippy::crate_in_macro_def)]
macro_rules! __operation {
    (@template $literal:literal) => {
        $literal
    };
    (@template $field:ident) => {
        ::core::concat!("{", ::core::stringify!($field), "}")
    };
    (@path $self:tt $path:literal) => {
        ::core::convert::Into::into($path)
    };
    (@path $self:tt $($piece:tt)+) => {
        [$($crate::__operation!(@piece $self $piece)),+].concat()
    };
    (@piece $self:tt $literal:literal) => {
        $literal
    };
    (@piece $self:tt $field:ident) => {
        &$crate::__codegen::encode_path_segment(&$self.$field.to_string())
    };
    ($params:ty, list $item:ty, $method:ident $($piece:tt)+) => {
        $crate::__operation!($params, $crate::List<$item>, $method $($piece)+);
    };
    ($params:ty, search $item:ty, $method:ident $($piece:tt)+) => {
        $crate::__operation!($params, $crate::SearchResult<$item>, $method $($piece)+);
    };
    ($params:ty, $answer:ty, $method:ident $($piece:tt)+) => {
        impl $crate::__codegen::Operation for $params {
            type Answer = $answer;
            #[inline(never)]
            fn request(&self) -> $crate::__codegen::Request<$answer> {
                $crate::__codegen::Request {
                    method: $crate::Method::$method,
                    path: $crate::__operation!(@path self $($piece)+),
                    params: $crate::__codegen::to_form_body(self),
                    api_version: crate::API_VERSION,
                    decode: $crate::__codegen::decode_json::<$answer>,
                    label: $crate::__codegen::Label {
                        operation: ::core::stringify!($params),
                        path: ::core::concat!($($crate::__operation!(@template $piece)),+),
                    },
                }
            }
        }
    };
}

/// A generated list (`list`) or search (`search`) operation's `paginate`, `paginate_with` and
/// `paginate_blocking`, walking its `$item`s, in its parameters type's `impl` block. The pagers
/// are made here, in the generated crate, so that they name the items' decoder there.
#[doc(hidden)]
#[macro_export]
macro_rules! __paginate_methods {
    (list $item:ty) => {
        $crate::__paginate_methods!(
            @methods $item,
            list_pager,
            blocking_list_pager,
            " Every item of the list, page after page (`starting_after` the last item's id, or\n `ending_before` when these parameters set it); `limit` is the page size."
        );
    };
    (search $item:ty) => {
        $crate::__paginate_methods!(
            @methods $item,
            search_pager,
            blocking_search_pager,
            " Every item the search finds, page after page (`page` the previous page's\n `next_page`); `limit` is the page size."
        );
    };
    (@methods $item:ty, $pager:ident, $blocking_pager:ident, $doc:literal) => {
        #[doc = $doc]
        #[cfg(feature = "async")]
        pub fn paginate(&self, client: &$crate::Client) -> $crate::Pager<$crate::Decoded<$item>> {
            self.paginate_with(client, &$crate::RequestOptions::default())
        }
        /// Like `paginate`, with per-request options for every page.
        #[cfg(feature = "async")]
        pub fn paginate_with(
            &self,
            client: &$crate::Client,
            options: &$crate::RequestOptions,
        ) -> $crate::Pager<$crate::Decoded<$item>> {
            let request = $crate::__codegen::Operation::request(self);
            $crate::__codegen::$pager(client, request.path, request.params, request.api_version, options, request.label)
        }
        /// Like `paginate`, from synchronous code: an iterator over every item.
        pub fn paginate_blocking(&self, client: &$crate::BlockingClient) -> $crate::BlockingPager<$crate::Decoded<$item>> {
            let request = $crate::__codegen::Operation::request(self);
            let options = $crate::RequestOptions::default();
            $crate::__codegen::$blocking_pager(
                client,
                request.path,
                request.params,
                request.api_version,
                &options,
                request.label,
            )
        }
    };
}
