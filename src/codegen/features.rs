//! The generated crate's optional halves: `client` (an async reqwest client, one method per
//! endpoint) and `server` (an axum router over a trait with one method per endpoint).

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::Endpoint;

/// An endpoint and its module name.
pub type Named<'a> = (String, &'a Endpoint);

fn deprecated_attr(endpoint: &Endpoint) -> TokenStream {
    if endpoint.deprecated {
        quote!(#[deprecated = "This API is deprecated and will be removed from a future release."])
    } else {
        quote!()
    }
}

/// The rustdoc of an endpoint's method: its method and path, its summary, then `more`.
fn summary_doc(endpoint: &Endpoint, more: &str) -> TokenStream {
    let mut text = super::docs::code_span(&format!(
        "{} {}",
        endpoint.method.upper(),
        endpoint.full_path.trim()
    ));
    if let Some(summary) = endpoint.summary.as_deref() {
        text.push_str(": ");
        text.push_str(summary);
    }
    if !more.is_empty() {
        text.push_str("\n\n");
        text.push_str(more);
    }
    super::docs::doc_attr(Some(&text))
}

/// Endpoints per block of a large API's client methods and server handlers: each block is
/// made and printed on its own, side by side (see `codegen::format_chunked`).
pub const CHUNK: usize = 512;

/// The client methods of `endpoints`; `matrix`: the API is a Matrix tree's.
fn client_methods<'e>(
    endpoints: &'e [Named],
    matrix: bool,
) -> impl Iterator<Item = TokenStream> + 'e {
    let more = if matrix {
        "A status that is not a success is `Err(ClientError::Status(..))`, with the\n\
         body, its Matrix error and, where the spec lists the status, its typed\n\
         `Response` (see [`StatusError::typed`])."
    } else {
        "A status that is not a success is `Err(ClientError::Status(..))`, with the\n\
         body and, where the spec lists the status, its typed `Response` (see\n\
         [`StatusError::typed`])."
    };
    endpoints.iter().map(move |(name, endpoint)| {
        let module = ident(name);
        let deprecated = deprecated_attr(endpoint);
        // One success listed: the call returns its body; several: the `Response` to match.
        let (returns, pick, what) = if super::endpoint::has_success(endpoint) {
            (
                quote!(crate::#module::Success),
                quote!(crate::#module::Response::into_success),
                "A success returns its body (`Success`).",
            )
        } else {
            (
                quote!(crate::#module::Response),
                quote!(Some),
                "A success returns the `Response` it is, one of the several the spec lists.",
            )
        };
        let doc = summary_doc(endpoint, &format!("{what} {more}"));
        quote! {
            #doc
            #deprecated
            pub async fn #module(&self, request: &crate::#module::Request) -> Result<#returns, ClientError> {
                let metadata = &crate::#module::METADATA;
                let http = request.try_into_http_request(self.base_url_for(metadata.path), self.access_token.as_deref());
                self.call(metadata, http, crate::#module::Response::try_from_http_response, #pick).await
            }
        }
    })
}

/// More client methods, for the endpoints past the first [`CHUNK`] (see [`client`]).
pub fn client_more(endpoints: &[Named], matrix: bool) -> TokenStream {
    let methods = client_methods(endpoints, matrix);
    quote! {
        #[allow(deprecated)]
        impl Client {
            #(#methods)*
        }
    }
}

/// The Matrix half of a Matrix tree's client: its error body and user-interactive
/// authentication.
fn matrix_client_items() -> TokenStream {
    quote! {
        /// How many challenges [`Client::with_uia`] answers before the last call is returned
        /// as it is.
        pub const MAX_UIA_ROUNDS: usize = 8;

        impl ClientError {
            /// The Matrix error of a failed status, when the body was one.
            pub fn matrix(&self) -> Option<&MatrixError> {
                match self {
                    ClientError::Status(status) => status.matrix.as_ref(),
                    _ => None,
                }
            }
        }

        /// The Matrix standard error body: `{"errcode": "M_FORBIDDEN", "error": "..."}`.
        #[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
        pub struct MatrixError {
            /// The error code (`M_UNKNOWN_TOKEN`).
            pub errcode: String,
            /// A human-readable message.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub error: Option<String>,
            /// How long to wait before retrying (429 `M_LIMIT_EXCEEDED`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub retry_after_ms: Option<u64>,
            /// Whether the token was soft-logged-out (401 `M_UNKNOWN_TOKEN`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub soft_logout: Option<bool>,
            /// Every other field of the body.
            #[serde(flatten)]
            pub other: serde_json::Map<String, serde_json::Value>,
        }

        /// A user-interactive authentication challenge: the body of a 401 that lists `flows`.
        #[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
        pub struct UiaChallenge {
            /// The session to send back with each stage.
            #[serde(default)]
            pub session: Option<String>,
            /// The ways to complete the authentication, each a list of stages.
            #[serde(default)]
            pub flows: Vec<UiaFlow>,
            /// The stages already completed.
            #[serde(default)]
            pub completed: Vec<String>,
            /// Parameters of the stages, by stage type.
            #[serde(default)]
            pub params: serde_json::Map<String, serde_json::Value>,
        }

        /// One way through a user-interactive authentication.
        #[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
        pub struct UiaFlow {
            /// The stage types, in order (`m.login.password`).
            #[serde(default)]
            pub stages: Vec<String>,
        }

        impl UiaChallenge {
            /// The next stage to complete: the first stage not yet completed of the first flow
            /// whose stages are all in `supported`.
            pub fn next_stage(&self, supported: &[&str]) -> Option<&str> {
                self.flows
                    .iter()
                    .filter(|flow| flow.stages.iter().all(|stage| supported.contains(&stage.as_str())))
                    .find_map(|flow| flow.stages.iter().find(|stage| !self.completed.contains(stage)))
                    .map(String::as_str)
            }

            /// The `auth` object that completes stage `kind` of this session: `fields` (for
            /// `m.login.password`, the identifier and password) with `type` and `session`.
            pub fn auth(&self, kind: &str, fields: serde_json::Value) -> serde_json::Value {
                let mut auth = match fields {
                    serde_json::Value::Object(map) => map,
                    _ => serde_json::Map::new(),
                };
                auth.insert("type".into(), kind.into());
                if let Some(session) = &self.session {
                    auth.insert("session".into(), session.clone().into());
                }
                serde_json::Value::Object(auth)
            }
        }

        impl StatusError {
            /// The user-interactive authentication challenge, when this is one (a 401 whose body
            /// lists `flows`).
            pub fn uia(&self) -> Option<UiaChallenge> {
                if self.status != 401 {
                    return None;
                }
                let challenge: UiaChallenge = serde_json::from_slice(&self.body).ok()?;
                (!challenge.flows.is_empty()).then_some(challenge)
            }
        }

    }
}

/// `src/client.rs`, with the methods of `endpoints` (the first [`CHUNK`] of the API; the
/// rest follow in blocks of [`client_more`]).
///
/// Matrix's error body (`errcode`) and user-interactive authentication are there for a Matrix
/// tree's API only (`matrix`); another API's client keeps a failed status's body as it came.
pub fn client(endpoints: &[Named], matrix: bool) -> TokenStream {
    let methods = client_methods(endpoints, matrix);
    // Matrix also says how long to wait in the error body (`retry_after_ms`, deprecated in
    // favour of the header since v1.10).
    let (retry_after_doc, retry_after_body) = if matrix {
        (
            ", else the Matrix error's `retry_after_ms`",
            quote! {
                header.or_else(|| {
                    serde_json::from_slice::<MatrixError>(body)
                        .ok()
                        .and_then(|error| error.retry_after_ms)
                        .map(std::time::Duration::from_millis)
                })
            },
        )
    } else {
        ("", quote!(let _ = body; header))
    };
    let status_retry_doc = super::docs::doc_attr(Some(&format!(
        "How long the server asks to wait before the request is sent again: its\n`Retry-After` header in seconds{retry_after_doc}."
    )));
    let helper_retry_doc = super::docs::doc_attr(Some(&format!(
        "The wait a response asks for: `Retry-After` in seconds (an HTTP date is not\nread){retry_after_doc}."
    )));
    let matrix_items = matrix.then(matrix_client_items);
    let (status_matrix_field, status_matrix_read, status_matrix_value, status_matrix_debug) =
        if matrix {
            (
                quote! {
                    /// The body read as a Matrix error, when it is one.
                    pub matrix: Option<MatrixError>,
                },
                quote!(let matrix = serde_json::from_slice(&body).ok();),
                quote!(matrix,),
                quote!(.field("matrix", &self.matrix)),
            )
        } else {
            (quote!(), quote!(), quote!(), quote!())
        };
    let status_display = if matrix {
        quote! {
            match &self.matrix {
                Some(matrix) => write!(
                    f,
                    "status {}: {} {}",
                    self.status,
                    matrix.errcode,
                    matrix.error.as_deref().unwrap_or("")
                ),
                None => write!(f, "status {} ({} bytes of body)", self.status, self.body.len()),
            }
        }
    } else {
        quote!(write!(
            f,
            "status {} ({} bytes of body)",
            self.status,
            self.body.len()
        ))
    };
    let with_uia = matrix.then(|| {
        quote! {
            /// Runs an endpoint that may need user-interactive authentication: `call` is made
            /// with no `auth` first, then with what `answer` gives for each challenge (None
            /// gives up and returns the challenge's error), at most [`MAX_UIA_ROUNDS`] times.
            /// `call` puts the `auth` object into its request body, typically with
            /// `serde_json::from_value`.
            pub async fn with_uia<T, F, Fut>(
                &self,
                mut call: F,
                mut answer: impl FnMut(&UiaChallenge) -> Option<serde_json::Value>,
            ) -> Result<T, ClientError>
            where
                F: FnMut(Option<serde_json::Value>) -> Fut,
                Fut: std::future::Future<Output = Result<T, ClientError>>,
            {
                let mut auth = None;
                for _ in 0..MAX_UIA_ROUNDS {
                    match call(auth.take()).await {
                        Err(ClientError::Status(status)) => {
                            let Some(next) = status.uia().and_then(|challenge| answer(&challenge)) else {
                                return Err(ClientError::Status(status));
                            };
                            auth = Some(next);
                        }
                        other => return other,
                    }
                }
                call(auth).await
            }
        }
    });
    quote! {
        //! An async client over reqwest: one method per endpoint.

        use crate::support::Error;

        /// Why a call failed.
        #[derive(Debug)]
        pub enum ClientError {
            /// The server answered with a status that is not a success.
            Status(Box<StatusError>),
            /// A success whose body is not what the spec says (or whose status it does not
            /// list): the response is kept, to be read another way.
            Decode(Box<DecodeError>),
            /// The request could not be built.
            Api(Error),
            /// The HTTP exchange failed.
            Transport(reqwest::Error),
            /// The endpoint takes a signed request and the client has no `RequestSigner`.
            NoSigner,
            /// The signer could not sign the request.
            Signing(String),
        }

        /// A success response the endpoint's `Response` cannot read: a server that differs
        /// from the spec (a missing field, a float for an integer). The response is whole, so
        /// it can be read as JSON ([`DecodeError::json`]) or into a type of the caller's.
        #[derive(Debug)]
        pub struct DecodeError {
            /// The response: status, headers and body as they came.
            pub response: http::Response<Vec<u8>>,
            /// Why it did not read.
            pub error: Error,
        }

        impl DecodeError {
            /// The body as JSON, if it is JSON at all.
            pub fn json(&self) -> Option<serde_json::Value> {
                serde_json::from_slice(self.response.body()).ok()
            }
        }

        /// Signs the requests of endpoints whose `METADATA.authentication` is
        /// `SignedRequest` (Matrix federation's `Authorization: X-Matrix` header): the crate
        /// knows no keys, so the caller does it. `sign` gets the finished request (method,
        /// URI, body) and adds its header.
        pub trait RequestSigner: std::fmt::Debug + Send + Sync {
            /// Adds the signature to `request`.
            fn sign(&self, request: &mut http::Request<Vec<u8>>) -> Result<(), String>;
        }

        impl std::fmt::Display for ClientError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    ClientError::Status(err) => err.fmt(f),
                    ClientError::Decode(err) => write!(
                        f,
                        "status {} does not read as the spec's response: {}",
                        err.response.status().as_u16(),
                        err.error
                    ),
                    ClientError::Api(err) => err.fmt(f),
                    ClientError::Transport(err) => write!(f, "the HTTP exchange failed: {err}"),
                    ClientError::NoSigner => f.write_str("the endpoint takes a signed request and the client has no signer"),
                    ClientError::Signing(err) => write!(f, "the request could not be signed: {err}"),
                }
            }
        }

        impl std::error::Error for ClientError {}

        #matrix_items

        /// A response whose status is not a success, kept whole.
        pub struct StatusError {
            /// The status.
            pub status: u16,
            /// The headers.
            pub headers: http::HeaderMap,
            /// The body as it came (JSON, an HTML error page, nothing).
            pub body: Vec<u8>,
            #status_matrix_field
            typed: Option<Box<dyn std::any::Any + Send + Sync>>,
        }

        impl StatusError {
            fn new(response: http::Response<Vec<u8>>, typed: Option<Box<dyn std::any::Any + Send + Sync>>) -> StatusError {
                let (parts, body) = response.into_parts();
                #status_matrix_read
                StatusError { status: parts.status.as_u16(), headers: parts.headers, body, #status_matrix_value typed }
            }

            /// The endpoint's typed response (`crate::<endpoint>::Response`) when the spec lists
            /// this status and the body matched it.
            pub fn typed<R: 'static>(&self) -> Option<&R> {
                self.typed.as_ref()?.downcast_ref()
            }

            #status_retry_doc
            pub fn retry_after(&self) -> Option<std::time::Duration> {
                retry_after(&self.headers, &self.body)
            }
        }

        /// The longest wait [`Client::set_rate_limit_retries`] waits.
        const MAX_RATE_LIMIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

        #helper_retry_doc
        fn retry_after(headers: &http::HeaderMap, body: &[u8]) -> Option<std::time::Duration> {
            let header = headers
                .get(http::header::RETRY_AFTER)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.trim().parse::<u64>().ok())
                .map(std::time::Duration::from_secs);
            #retry_after_body
        }

        /// A request as it was before sending, to send it again.
        fn copy_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
            let mut copy = http::Request::new(request.body().clone());
            *copy.method_mut() = request.method().clone();
            *copy.uri_mut() = request.uri().clone();
            *copy.version_mut() = request.version();
            *copy.headers_mut() = request.headers().clone();
            copy
        }

        impl std::fmt::Debug for StatusError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("StatusError")
                    .field("status", &self.status)
                    #status_matrix_debug
                    .field("body_bytes", &self.body.len())
                    .field("typed", &self.typed.is_some())
                    .finish()
            }
        }

        impl std::fmt::Display for StatusError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #status_display
            }
        }

        impl From<Error> for ClientError {
            fn from(err: Error) -> Self {
                ClientError::Api(err)
            }
        }

        impl From<reqwest::Error> for ClientError {
            fn from(err: reqwest::Error) -> Self {
                ClientError::Transport(err)
            }
        }

        /// A client of the API at a base URL (and others for some paths, see
        /// [`Client::set_base_url_for`]), with the access token it sends where an endpoint
        /// takes one.
        #[derive(Clone, Debug)]
        pub struct Client {
            http: reqwest::Client,
            base_url: String,
            /// (path prefix, base URL), longest prefix first.
            routes: Vec<(String, String)>,
            access_token: Option<String>,
            token_everywhere: bool,
            signer: Option<std::sync::Arc<dyn RequestSigner>>,
            rate_limit_retries: u32,
        }

        #[allow(deprecated)]
        impl Client {
            /// A client of the server at `base_url` (`https://example.org`).
            pub fn new(base_url: impl Into<String>) -> Self {
                Self::with_http(reqwest::Client::new(), base_url)
            }

            /// A client over a reqwest client of your own (timeouts, proxies, TLS roots).
            pub fn with_http(http: reqwest::Client, base_url: impl Into<String>) -> Self {
                Client { http, base_url: base_url.into(), routes: Vec::new(), access_token: None, token_everywhere: false, signer: None, rate_limit_retries: 0 }
            }

            /// Sends a request answered `429 Too Many Requests` again, up to `retries` times,
            /// after the wait the answer asks for ([`StatusError::retry_after`]; one second when
            /// it names none). A wait longer than a minute is not waited: the 429 is returned.
            /// Off (0) by default; the wait needs a Tokio runtime with its timer enabled.
            pub fn set_rate_limit_retries(&mut self, retries: u32) {
                self.rate_limit_retries = retries;
            }

            /// Sends the access token to every endpoint, also those the spec marks as
            /// unauthenticated (servers may require it where the spec is older than they are).
            pub fn set_token_everywhere(&mut self, everywhere: bool) {
                self.token_everywhere = everywhere;
            }

            /// The base URL requests go to, unless [`Client::set_base_url_for`] says otherwise.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// Sends the requests whose path starts with `prefix` (`/_matrix/media/`) to
            /// `base_url` instead: a part of the API served from a host of its own. The
            /// longest matching prefix wins; a prefix set again replaces its URL.
            pub fn set_base_url_for(&mut self, prefix: impl Into<String>, base_url: impl Into<String>) {
                let prefix = prefix.into();
                self.routes.retain(|(known, _)| *known != prefix);
                self.routes.push((prefix, base_url.into()));
                self.routes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            }

            /// The base URL of a request to `path` (an endpoint's `METADATA.path`).
            pub fn base_url_for(&self, path: &str) -> &str {
                self.routes
                    .iter()
                    .find(|(prefix, _)| path.starts_with(prefix.as_str()))
                    .map_or(self.base_url.as_str(), |(_, url)| url.as_str())
            }

            /// Sets the signer of requests to endpoints that take a signed request.
            pub fn set_signer(&mut self, signer: Option<std::sync::Arc<dyn RequestSigner>>) {
                self.signer = signer;
            }

            fn authorize(&self, metadata: &crate::support::Metadata, request: &mut http::Request<Vec<u8>>) -> Result<(), ClientError> {
                if metadata.authentication != crate::support::AuthScheme::SignedRequest {
                    if let (true, Some(token)) = (self.token_everywhere, &self.access_token) {
                        if !request.headers().contains_key(http::header::AUTHORIZATION) {
                            let value = http::HeaderValue::try_from(format!("Bearer {token}"))
                                .map_err(|err| Error::Http(err.into()))?;
                            request.headers_mut().insert(http::header::AUTHORIZATION, value);
                        }
                    }
                    return Ok(());
                }
                let signer = self.signer.as_ref().ok_or(ClientError::NoSigner)?;
                signer.sign(request).map_err(ClientError::Signing)
            }

            /// Sets the access token to send.
            pub fn set_access_token(&mut self, access_token: Option<String>) {
                self.access_token = access_token;
            }

            #with_uia

            /// What every endpoint method does with its built request: sign it if the endpoint
            /// asks, send it, read the response as `read` does and keep of it what `pick`
            /// does (a success's body, or the whole `Response`); a failed status is an
            /// error holding the response (and its typed form when `read` knows the status),
            /// a success `read` cannot read, or that is not the one `pick` keeps, is a
            /// [`DecodeError`].
            async fn call<R: std::any::Any + Send + Sync, S>(
                &self,
                metadata: &crate::support::Metadata,
                request: Result<http::Request<Vec<u8>>, Error>,
                read: fn(&http::Response<Vec<u8>>) -> Result<R, Error>,
                pick: fn(R) -> Option<S>,
            ) -> Result<S, ClientError> {
                let mut request = request?;
                self.authorize(metadata, &mut request)?;
                let mut retries = self.rate_limit_retries;
                let response = loop {
                    let again = (retries > 0).then(|| copy_request(&request));
                    let response = self.send(request).await?;
                    let wait = (response.status().as_u16() == 429)
                        .then(|| retry_after(response.headers(), response.body()))
                        .map(|wait| wait.unwrap_or(std::time::Duration::from_secs(1)))
                        .filter(|wait| *wait <= MAX_RATE_LIMIT_WAIT);
                    match (again, wait) {
                        (Some(again), Some(wait)) => {
                            retries -= 1;
                            tokio::time::sleep(wait).await;
                            request = again;
                        }
                        _ => break response,
                    }
                };
                if !response.status().is_success() {
                    let typed = read(&response)
                        .ok()
                        .map(|typed| Box::new(typed) as Box<dyn std::any::Any + Send + Sync>);
                    return Err(ClientError::Status(Box::new(StatusError::new(response, typed))));
                }
                let error = match read(&response).map(pick) {
                    Ok(Some(picked)) => return Ok(picked),
                    // A success the spec does not list, read as its `default` response.
                    Ok(None) => Error::UnexpectedStatus(response.status().as_u16()),
                    Err(error) => error,
                };
                Err(ClientError::Decode(Box::new(DecodeError { response, error })))
            }

            /// Sends any request (one an endpoint's `try_into_http_request` built, or one of
            /// your own, for an endpoint the spec lacks) and returns the response as it came:
            /// status, headers and body.
            pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ClientError> {
                let request = reqwest::Request::try_from(request)?;
                let response = self.http.execute(request).await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?.to_vec();
                let mut out = http::Response::builder().status(status).body(body).map_err(Error::from)?;
                *out.headers_mut() = headers;
                Ok(out)
            }

            #(#methods)*
        }
    }
}

/// The [`server`]'s `Handler` trait methods of `endpoints`.
fn handler_methods<'e>(endpoints: &'e [Named]) -> impl Iterator<Item = TokenStream> + 'e {
    endpoints.iter().map(|(name, endpoint)| {
        let module = ident(name);
        let doc = summary_doc(endpoint, "");
        quote! {
            #doc
            fn #module(&self, request: crate::#module::Request, access_token: Option<String>) -> impl std::future::Future<Output = Result<crate::#module::Response, ServerError>> + Send {
                let _ = (request, access_token);
                async { Err(ServerError::not_implemented()) }
            }
        }
    })
}

/// More `Handler` methods, for the endpoints past the first [`CHUNK`]: a trait of their own
/// to print, whose body goes into [`server`]'s trait (`codegen::server_file`), so no single
/// printed item grows with the whole API.
pub fn handler_more(endpoints: &[Named]) -> TokenStream {
    let methods = handler_methods(endpoints);
    quote! {
        pub trait Handler: Send + Sync + 'static {
            #(#methods)*
        }
    }
}

/// The `handle!` macro of `src/server.rs`, put in as text before the router once the file is
/// printed (prettyplease prints a macro's body as one run of tokens): the axum handler of an
/// endpoint module, the same glue for every endpoint.
pub const HANDLE_MACRO: &str = r#"/// The axum handler of the endpoint module `$module`: [`serve`] with the module's types
/// and the `Handler` method of the same name.
macro_rules! handle {
    ($module:ident) => {
        |axum::extract::State(handler): axum::extract::State<std::sync::Arc<H>>,
         params: axum::extract::RawPathParams,
         request: axum::extract::Request| async move {
            serve(
                &crate::$module::METADATA,
                request,
                params,
                crate::$module::Request::try_from_http_request,
                crate::$module::Response::try_into_http_response,
                |request, token| handler.$module(request, token),
            )
            .await
        }
    };
}
"#;

/// Where [`HANDLE_MACRO`] goes in the printed `src/server.rs`: before the router.
pub const ROUTER_DOC: &str = "/// A router serving every endpoint through `handler`.\n";

/// The routed endpoints' module names in route order: one `route` per path, with every
/// method of it; a repeated method and path is served by its first definition, and gets no
/// handler.
pub fn routed(endpoints: &[Named]) -> Vec<(String, Vec<(String, String)>)> {
    let mut paths: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut path_index: std::collections::HashMap<String, usize> = Default::default();
    for (name, endpoint) in endpoints {
        let path = endpoint.full_path.trim().to_owned();
        let method = endpoint.method.key().to_owned();
        match path_index.get(&path) {
            Some(&i) if paths[i].1.iter().any(|(m, _)| *m == method) => {}
            Some(&i) => paths[i].1.push((method, name.clone())),
            None => {
                path_index.insert(path.clone(), paths.len());
                paths.push((path, vec![(method, name.clone())]));
            }
        }
    }
    paths
}

/// `src/server.rs`: the trait with the methods of `endpoints` (the first [`CHUNK`] of the
/// API; the rest are printed in blocks of [`handler_more`]), the router of the `paths`
/// ([`routed`]), each route's handler made by the file's `handle!` macro: the glue between
/// axum and a `Handler` method is the same for every endpoint, so it is written once (as
/// one function per endpoint, a 400-endpoint `server.rs` had 11,356 lines; now 5,375).
///
/// A Matrix tree's server answers failures with Matrix error bodies (`errcode`); another
/// API's with RFC 9457 problem details (`application/problem+json`), and an endpoint the
/// handler does not implement with 501.
pub fn server(
    endpoints: &[Named],
    paths: &[(String, Vec<(String, String)>)],
    matrix: bool,
) -> TokenStream {
    // What a failure of each kind is called: a Matrix error code, or a problem's title.
    let code = |matrix_code: &str, title: &str| {
        if matrix {
            matrix_code.to_owned()
        } else {
            title.to_owned()
        }
    };
    let bad_json = code("M_BAD_JSON", "Bad Request");
    // Matrix tells a body that is not JSON from JSON of the wrong shape.
    let json_error_code = if matrix {
        quote!(
            if serde_json::from_slice::<serde_json::Value>(request.body()).is_err() {
                "M_NOT_JSON"
            } else {
                "M_BAD_JSON"
            }
        )
    } else {
        quote!("Bad Request")
    };
    // Matrix: a request without its access token is `M_MISSING_TOKEN`; one without its
    // signature `M_UNAUTHORIZED`.
    let unauthorized = code("M_UNAUTHORIZED", "Unauthorized");
    let missing_token = code("M_MISSING_TOKEN", "Unauthorized");
    let missing_param = code("M_MISSING_PARAM", "Bad Request");
    let invalid_param = code("M_INVALID_PARAM", "Bad Request");
    let unknown = code("M_UNKNOWN", "Internal Server Error");
    // The error body: a Matrix error, or RFC 9457 problem details.
    let (error_doc, code_field, code_doc, text_field, text_doc, missing, body, content_type) =
        if matrix {
            (
                "A failure a handler reports; it becomes a Matrix error response.",
                quote!(errcode),
                "The Matrix error code (`M_NOT_FOUND`).",
                quote!(error),
                "A message for people.",
                quote!(ServerError::new(
                    404,
                    "M_UNRECOGNIZED",
                    "this server does not implement the endpoint"
                )),
                quote!(serde_json::json!({ "errcode": self.errcode, "error": self.error })),
                "application/json",
            )
        } else {
            (
                "A failure a handler reports; it becomes an RFC 9457 problem details response\n(`application/problem+json`).",
                quote!(title),
                "A short summary of the kind of problem (`Not Found`).",
                quote!(detail),
                "What went wrong this time, for people.",
                quote!(ServerError::new(
                    501,
                    "Not Implemented",
                    "this server does not implement the endpoint"
                )),
                quote!(serde_json::json!({
                    "type": "about:blank",
                    "title": self.title,
                    "status": self.status,
                    "detail": self.detail,
                })),
                "application/problem+json",
            )
        };
    let (error_doc, code_doc, text_doc) = (
        super::docs::doc_attr(Some(error_doc)),
        super::docs::doc_attr(Some(code_doc)),
        super::docs::doc_attr(Some(text_doc)),
    );
    let server_error = quote! {
        #error_doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct ServerError {
            /// The HTTP status.
            pub status: u16,
            #code_doc
            pub #code_field: String,
            #text_doc
            pub #text_field: String,
        }

        impl ServerError {
            /// An error response.
            pub fn new(status: u16, #code_field: &str, #text_field: &str) -> Self {
                ServerError { status, #code_field: #code_field.to_owned(), #text_field: #text_field.to_owned() }
            }

            /// What an endpoint the handler does not implement answers.
            pub fn not_implemented() -> Self {
                #missing
            }

            fn into_response(self) -> axum::response::Response {
                let body = #body;
                http::Response::builder()
                    .status(self.status)
                    .header(http::header::CONTENT_TYPE, #content_type)
                    .body(axum::body::Body::from(body.to_string()))
                    .unwrap_or_default()
            }
        }
    };
    // Matrix also takes the token as an `access_token` query parameter (deprecated there).
    let (access_token_doc, bearer_fallback) = if matrix {
        (
            "The access token of a request, where `credential` puts it: for Matrix's bearer\ntoken, the `Authorization: Bearer` header, else the `access_token` query parameter.",
            quote!(.or_else(|| query("access_token"))),
        )
    } else {
        (
            "The credential of a request, where `credential` puts it.",
            quote!(),
        )
    };
    let access_token_doc = super::docs::doc_attr(Some(access_token_doc));
    let default_answer = if matrix {
        "404 `M_UNRECOGNIZED`"
    } else {
        "501 Not Implemented"
    };
    let signed_value = if matrix {
        "value (`X-Matrix origin=...`)"
    } else {
        "value"
    };
    let handler_doc = super::docs::doc_attr(Some(&format!(
        "The server's answers, one method per endpoint. Each has a default that answers\n{default_answer}, so an implementation overrides only what it serves. The\n`access_token` argument is the caller's token; for an endpoint whose\n`METADATA.authentication` is `SignedRequest` it is the whole `Authorization`\n{signed_value}, which the handler verifies."
    )));
    let methods = handler_methods(endpoints);
    let routes = paths.iter().map(|(path, methods)| {
        let chain = methods.iter().enumerate().map(|(i, (method, name))| {
            let method = ident(method);
            let module = ident(name);
            if i == 0 {
                quote!(axum::routing::#method(handle!(#module)))
            } else {
                quote!(.#method(handle!(#module)))
            }
        });
        // A statement per path, not one long method chain: printing and compiling a chain
        // recurses once per link, and an API may have thousands of paths.
        quote!(let router = router.route(#path, #(#chain)*);)
    });
    quote! {
        //! An axum router over [`Handler`]: one trait method per endpoint; the router checks
        //! access tokens and reads requests, the handler answers.
        #![allow(deprecated)]

        use crate::support::{AuthScheme, Error, Metadata};

        #server_error

        #handler_doc
        pub trait Handler: Send + Sync + 'static {
            #(#methods)*
        }

        #access_token_doc
        fn access_token(request: &http::Request<Vec<u8>>, credential: crate::support::Credential) -> Option<String> {
            use crate::support::Credential;
            let header = |name: &str| {
                request.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
            };
            let query = |wanted: &str| {
                crate::support::query_pairs(request.uri())
                    .into_iter()
                    .find(|(name, _)| name == wanted)
                    .map(|(_, value)| value)
            };
            match credential {
                Credential::Bearer => header("authorization")
                    .and_then(|value| value.strip_prefix("Bearer ").map(str::to_owned))
                    #bearer_fallback,
                Credential::Basic => {
                    header("authorization").and_then(|value| value.strip_prefix("Basic ").map(str::to_owned))
                }
                Credential::Header(name) => header(name),
                Credential::Query(name) => query(name),
            }
        }

        async fn serve<Req, Resp, Fut>(
            metadata: &Metadata,
            request: axum::extract::Request,
            params: axum::extract::RawPathParams,
            parse: fn(&http::Request<Vec<u8>>, &[&str]) -> Result<Req, Error>,
            write: fn(&Resp) -> Result<http::Response<Vec<u8>>, Error>,
            call: impl FnOnce(Req, Option<String>) -> Fut,
        ) -> axum::response::Response
        where
            Fut: std::future::Future<Output = Result<Resp, ServerError>>,
        {
            let (parts, body) = request.into_parts();
            let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
                return ServerError::new(400, #bad_json, "the body could not be read").into_response();
            };
            let request = http::Request::from_parts(parts, body.to_vec());
            // A signed endpoint's handler gets the whole `Authorization` value to verify.
            let token = if metadata.authentication == AuthScheme::SignedRequest {
                request.headers().get(http::header::AUTHORIZATION).and_then(|value| value.to_str().ok()).map(str::to_owned)
            } else {
                access_token(&request, metadata.credential)
            };
            match (metadata.authentication, &token) {
                (AuthScheme::AccessToken, None) => {
                    return ServerError::new(401, #missing_token, "an access token is required").into_response();
                }
                (AuthScheme::SignedRequest, None) => {
                    return ServerError::new(401, #unauthorized, "a signed request is required").into_response();
                }
                _ => {}
            }
            let args: Vec<String> = params.iter().map(|(_, value)| crate::support::decode(value, false)).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let parsed = match parse(&request, &args) {
                Ok(parsed) => parsed,
                Err(Error::Json(err)) => {
                    let code = #json_error_code;
                    return ServerError::new(400, code, &err.to_string()).into_response();
                }
                Err(Error::Missing(name)) => return ServerError::new(400, #missing_param, name).into_response(),
                Err(err) => return ServerError::new(400, #invalid_param, &err.to_string()).into_response(),
            };
            match call(parsed, token).await {
                Ok(response) => match write(&response) {
                    Ok(response) => response.map(axum::body::Body::from),
                    Err(err) => ServerError::new(500, #unknown, &err.to_string()).into_response(),
                },
                Err(err) => err.into_response(),
            }
        }

        /// A router serving every endpoint through `handler`.
        pub fn router<H: Handler>(handler: std::sync::Arc<H>) -> axum::Router {
            let router = axum::Router::new();
            #(#routes)*
            router.with_state(handler)
        }
    }
}
