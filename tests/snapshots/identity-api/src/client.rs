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
            ClientError::Decode(err) => {
                write!(
                    f, "status {} does not read as the spec's response: {}", err.response
                    .status().as_u16(), err.error
                )
            }
            ClientError::Api(err) => err.fmt(f),
            ClientError::Transport(err) => write!(f, "the HTTP exchange failed: {err}"),
            ClientError::NoSigner => {
                f.write_str(
                    "the endpoint takes a signed request and the client has no signer",
                )
            }
            ClientError::Signing(err) => {
                write!(f, "the request could not be signed: {err}")
            }
        }
    }
}
impl std::error::Error for ClientError {}
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
            .filter(|flow| {
                flow.stages.iter().all(|stage| supported.contains(&stage.as_str()))
            })
            .find_map(|flow| {
                flow.stages.iter().find(|stage| !self.completed.contains(stage))
            })
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
/// A response whose status is not a success, kept whole.
pub struct StatusError {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: http::HeaderMap,
    /// The body as it came (JSON, an HTML error page, nothing).
    pub body: Vec<u8>,
    /// The body read as a Matrix error, when it is one.
    pub matrix: Option<MatrixError>,
    typed: Option<Box<dyn std::any::Any + Send + Sync>>,
}
impl StatusError {
    fn new(
        response: http::Response<Vec<u8>>,
        typed: Option<Box<dyn std::any::Any + Send + Sync>>,
    ) -> StatusError {
        let (parts, body) = response.into_parts();
        let matrix = serde_json::from_slice(&body).ok();
        StatusError {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
            matrix,
            typed,
        }
    }
    /// The endpoint's typed response (`crate::<endpoint>::Response`) when the spec lists
    /// this status and the body matched it.
    pub fn typed<R: 'static>(&self) -> Option<&R> {
        self.typed.as_ref()?.downcast_ref()
    }
    /// How long the server asks to wait before the request is sent again: its
    /// `Retry-After` header in seconds, else the Matrix error's `retry_after_ms`.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        retry_after(&self.headers, &self.body)
    }
}
/// The longest wait [`Client::set_rate_limit_retries`] waits.
const MAX_RATE_LIMIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);
/// The wait a response asks for: `Retry-After` in seconds (an HTTP date is not
/// read), else the Matrix error's `retry_after_ms`.
fn retry_after(headers: &http::HeaderMap, body: &[u8]) -> Option<std::time::Duration> {
    let header = headers
        .get(http::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(std::time::Duration::from_secs);
    header
        .or_else(|| {
            serde_json::from_slice::<MatrixError>(body)
                .ok()
                .and_then(|error| error.retry_after_ms)
                .map(std::time::Duration::from_millis)
        })
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
            .field("matrix", &self.matrix)
            .field("body_bytes", &self.body.len())
            .field("typed", &self.typed.is_some())
            .finish()
    }
}
impl std::fmt::Display for StatusError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.matrix {
            Some(matrix) => {
                write!(
                    f, "status {}: {} {}", self.status, matrix.errcode, matrix.error
                    .as_deref().unwrap_or("")
                )
            }
            None => {
                write!(f, "status {} ({} bytes of body)", self.status, self.body.len())
            }
        }
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
        Client {
            http,
            base_url: base_url.into(),
            routes: Vec::new(),
            access_token: None,
            token_everywhere: false,
            signer: None,
            rate_limit_retries: 0,
        }
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
    pub fn set_base_url_for(
        &mut self,
        prefix: impl Into<String>,
        base_url: impl Into<String>,
    ) {
        let prefix = prefix.into();
        self.routes.retain(|(known, _)| *known != prefix);
        self.routes.push((prefix, base_url.into()));
        self.routes
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
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
    fn authorize(
        &self,
        metadata: &crate::support::Metadata,
        request: &mut http::Request<Vec<u8>>,
    ) -> Result<(), ClientError> {
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
                    let Some(next) = status
                        .uia()
                        .and_then(|challenge| answer(&challenge)) else {
                        return Err(ClientError::Status(status));
                    };
                    auth = Some(next);
                }
                other => return other,
            }
        }
        call(auth).await
    }
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
            Ok(None) => Error::UnexpectedStatus(response.status().as_u16()),
            Err(error) => error,
        };
        Err(ClientError::Decode(Box::new(DecodeError { response, error })))
    }
    /// Sends any request (one an endpoint's `try_into_http_request` built, or one of
    /// your own, for an endpoint the spec lacks) and returns the response as it came:
    /// status, headers and body.
    pub async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        let request = reqwest::Request::try_from(request)?;
        let response = self.http.execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        let mut out = http::Response::builder()
            .status(status)
            .body(body)
            .map_err(Error::from)?;
        *out.headers_mut() = headers;
        Ok(out)
    }
    /// `GET /_matrix/identity/api/v1/3pid/getValidated3pid`: Ask which 3PID a validation session proved.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn get_validated3pid(
        &self,
        request: &crate::get_validated3pid::Request,
    ) -> Result<crate::get_validated3pid::Success, ClientError> {
        let metadata = &crate::get_validated3pid::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_validated3pid::Response::try_from_http_response,
                crate::get_validated3pid::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/3pid/bind`: Bind a validated 3PID to a Matrix user ID.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn bind(
        &self,
        request: &crate::bind::Request,
    ) -> Result<crate::bind::Success, ClientError> {
        let metadata = &crate::bind::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::bind::Response::try_from_http_response,
                crate::bind::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/3pid/unbind`: Remove the binding of a 3PID.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn unbind(
        &self,
        request: &crate::unbind::Request,
    ) -> Result<crate::unbind::Success, ClientError> {
        let metadata = &crate::unbind::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::unbind::Response::try_from_http_response,
                crate::unbind::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/validate/email/requestToken`: Ask for a token to validate an email address.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn email_request_token(
        &self,
        request: &crate::email_request_token::Request,
    ) -> Result<crate::email_request_token::Success, ClientError> {
        let metadata = &crate::email_request_token::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_request_token::Response::try_from_http_response,
                crate::email_request_token::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/validate/email/submitToken`: Submit the token that validates an email address.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn email_submit_token_post(
        &self,
        request: &crate::email_submit_token_post::Request,
    ) -> Result<crate::email_submit_token_post::Success, ClientError> {
        let metadata = &crate::email_submit_token_post::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_submit_token_post::Response::try_from_http_response,
                crate::email_submit_token_post::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/validate/email/submitToken`: Submit the token that validates an email address, from a link.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn email_submit_token_get(
        &self,
        request: &crate::email_submit_token_get::Request,
    ) -> Result<crate::email_submit_token_get::Success, ClientError> {
        let metadata = &crate::email_submit_token_get::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_submit_token_get::Response::try_from_http_response,
                crate::email_submit_token_get::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/sign-ed25519`: Sign invitation details with a short-term key.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn blindly_sign_stuff(
        &self,
        request: &crate::blindly_sign_stuff::Request,
    ) -> Result<crate::blindly_sign_stuff::Success, ClientError> {
        let metadata = &crate::blindly_sign_stuff::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::blindly_sign_stuff::Response::try_from_http_response,
                crate::blindly_sign_stuff::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/lookup`: Find the Matrix user ID bound to a 3PID.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn lookup_user(
        &self,
        request: &crate::lookup_user::Request,
    ) -> Result<crate::lookup_user::Success, ClientError> {
        let metadata = &crate::lookup_user::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::lookup_user::Response::try_from_http_response,
                crate::lookup_user::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/bulk_lookup`: Find the Matrix user IDs bound to several 3PIDs.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn lookup_users(
        &self,
        request: &crate::lookup_users::Request,
    ) -> Result<crate::lookup_users::Success, ClientError> {
        let metadata = &crate::lookup_users::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::lookup_users::Response::try_from_http_response,
                crate::lookup_users::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/validate/msisdn/requestToken`: Ask for a token to validate a phone number.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn msisdn_request_token(
        &self,
        request: &crate::msisdn_request_token::Request,
    ) -> Result<crate::msisdn_request_token::Success, ClientError> {
        let metadata = &crate::msisdn_request_token::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_request_token::Response::try_from_http_response,
                crate::msisdn_request_token::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/validate/msisdn/submitToken`: Submit the token that validates a phone number.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn msisdn_submit_token_post(
        &self,
        request: &crate::msisdn_submit_token_post::Request,
    ) -> Result<crate::msisdn_submit_token_post::Success, ClientError> {
        let metadata = &crate::msisdn_submit_token_post::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_submit_token_post::Response::try_from_http_response,
                crate::msisdn_submit_token_post::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/validate/msisdn/submitToken`: Submit the token that validates a phone number, from a link.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn msisdn_submit_token_get(
        &self,
        request: &crate::msisdn_submit_token_get::Request,
    ) -> Result<crate::msisdn_submit_token_get::Success, ClientError> {
        let metadata = &crate::msisdn_submit_token_get::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_submit_token_get::Response::try_from_http_response,
                crate::msisdn_submit_token_get::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1`: Check that the identity server answers at this API version.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn ping(
        &self,
        request: &crate::ping::Request,
    ) -> Result<crate::ping::Success, ClientError> {
        let metadata = &crate::ping::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::ping::Response::try_from_http_response,
                crate::ping::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/pubkey/{keyId}`: Get a public key of the identity server.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn get_pub_key(
        &self,
        request: &crate::get_pub_key::Request,
    ) -> Result<crate::get_pub_key::Success, ClientError> {
        let metadata = &crate::get_pub_key::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_pub_key::Response::try_from_http_response,
                crate::get_pub_key::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/pubkey/isvalid`: Check whether a long-term public key is still valid.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn is_pub_key_valid(
        &self,
        request: &crate::is_pub_key_valid::Request,
    ) -> Result<crate::is_pub_key_valid::Success, ClientError> {
        let metadata = &crate::is_pub_key_valid::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::is_pub_key_valid::Response::try_from_http_response,
                crate::is_pub_key_valid::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/api/v1/pubkey/ephemeral/isvalid`: Check whether a ephemeral public key is still valid.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn is_ephemeral_pub_key_valid(
        &self,
        request: &crate::is_ephemeral_pub_key_valid::Request,
    ) -> Result<crate::is_ephemeral_pub_key_valid::Success, ClientError> {
        let metadata = &crate::is_ephemeral_pub_key_valid::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::is_ephemeral_pub_key_valid::Response::try_from_http_response,
                crate::is_ephemeral_pub_key_valid::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/api/v1/store-invite`: Keep an invitation for a 3PID that is not bound yet.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    #[deprecated = "This API is deprecated and will be removed from a future release."]
    pub async fn store_invite(
        &self,
        request: &crate::store_invite::Request,
    ) -> Result<crate::store_invite::Success, ClientError> {
        let metadata = &crate::store_invite::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::store_invite::Response::try_from_http_response,
                crate::store_invite::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/3pid/getValidated3pid`: Ask which 3PID a validation session proved.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn get_validated3pid_v2(
        &self,
        request: &crate::get_validated3pid_v2::Request,
    ) -> Result<crate::get_validated3pid_v2::Success, ClientError> {
        let metadata = &crate::get_validated3pid_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_validated3pid_v2::Response::try_from_http_response,
                crate::get_validated3pid_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/3pid/bind`: Bind a validated 3PID to a Matrix user ID.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn bind_v2(
        &self,
        request: &crate::bind_v2::Request,
    ) -> Result<crate::bind_v2::Success, ClientError> {
        let metadata = &crate::bind_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::bind_v2::Response::try_from_http_response,
                crate::bind_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/3pid/unbind`: Remove the binding of a 3PID.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn unbind_v2(
        &self,
        request: &crate::unbind_v2::Request,
    ) -> Result<crate::unbind_v2::Success, ClientError> {
        let metadata = &crate::unbind_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::unbind_v2::Response::try_from_http_response,
                crate::unbind_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/account/register`: Exchange an OpenID token for an access token of this server.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn register_account(
        &self,
        request: &crate::register_account::Request,
    ) -> Result<crate::register_account::Success, ClientError> {
        let metadata = &crate::register_account::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::register_account::Response::try_from_http_response,
                crate::register_account::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/account`: Tell whom an access token belongs to.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn get_account(
        &self,
        request: &crate::get_account::Request,
    ) -> Result<crate::get_account::Success, ClientError> {
        let metadata = &crate::get_account::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_account::Response::try_from_http_response,
                crate::get_account::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/account/logout`: Invalidate an access token.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn logout(
        &self,
        request: &crate::logout::Request,
    ) -> Result<crate::logout::Success, ClientError> {
        let metadata = &crate::logout::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::logout::Response::try_from_http_response,
                crate::logout::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/validate/email/requestToken`: Ask for a token to validate an email address.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn email_request_token_v2(
        &self,
        request: &crate::email_request_token_v2::Request,
    ) -> Result<crate::email_request_token_v2::Success, ClientError> {
        let metadata = &crate::email_request_token_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_request_token_v2::Response::try_from_http_response,
                crate::email_request_token_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/validate/email/submitToken`: Submit the token that validates an email address.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn email_submit_token_post_v2(
        &self,
        request: &crate::email_submit_token_post_v2::Request,
    ) -> Result<crate::email_submit_token_post_v2::Success, ClientError> {
        let metadata = &crate::email_submit_token_post_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_submit_token_post_v2::Response::try_from_http_response,
                crate::email_submit_token_post_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/validate/email/submitToken`: Submit the token that validates an email address, from a link.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn email_submit_token_get_v2(
        &self,
        request: &crate::email_submit_token_get_v2::Request,
    ) -> Result<crate::email_submit_token_get_v2::Success, ClientError> {
        let metadata = &crate::email_submit_token_get_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::email_submit_token_get_v2::Response::try_from_http_response,
                crate::email_submit_token_get_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/sign-ed25519`: Sign invitation details with a short-term key.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn blindly_sign_stuff_v2(
        &self,
        request: &crate::blindly_sign_stuff_v2::Request,
    ) -> Result<crate::blindly_sign_stuff_v2::Success, ClientError> {
        let metadata = &crate::blindly_sign_stuff_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::blindly_sign_stuff_v2::Response::try_from_http_response,
                crate::blindly_sign_stuff_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/validate/msisdn/requestToken`: Ask for a token to validate a phone number.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn msisdn_request_token_v2(
        &self,
        request: &crate::msisdn_request_token_v2::Request,
    ) -> Result<crate::msisdn_request_token_v2::Success, ClientError> {
        let metadata = &crate::msisdn_request_token_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_request_token_v2::Response::try_from_http_response,
                crate::msisdn_request_token_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/validate/msisdn/submitToken`: Submit the token that validates a phone number.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn msisdn_submit_token_post_v2(
        &self,
        request: &crate::msisdn_submit_token_post_v2::Request,
    ) -> Result<crate::msisdn_submit_token_post_v2::Success, ClientError> {
        let metadata = &crate::msisdn_submit_token_post_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_submit_token_post_v2::Response::try_from_http_response,
                crate::msisdn_submit_token_post_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/validate/msisdn/submitToken`: Submit the token that validates a phone number, from a link.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn msisdn_submit_token_get_v2(
        &self,
        request: &crate::msisdn_submit_token_get_v2::Request,
    ) -> Result<crate::msisdn_submit_token_get_v2::Success, ClientError> {
        let metadata = &crate::msisdn_submit_token_get_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::msisdn_submit_token_get_v2::Response::try_from_http_response,
                crate::msisdn_submit_token_get_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2`: Check that the identity server answers at this API version.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn ping_v2(
        &self,
        request: &crate::ping_v2::Request,
    ) -> Result<crate::ping_v2::Success, ClientError> {
        let metadata = &crate::ping_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::ping_v2::Response::try_from_http_response,
                crate::ping_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/pubkey/{keyId}`: Get a public key of the identity server.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn get_pub_key_v2(
        &self,
        request: &crate::get_pub_key_v2::Request,
    ) -> Result<crate::get_pub_key_v2::Success, ClientError> {
        let metadata = &crate::get_pub_key_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_pub_key_v2::Response::try_from_http_response,
                crate::get_pub_key_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/pubkey/isvalid`: Check whether a long-term public key is still valid.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn is_pub_key_valid_v2(
        &self,
        request: &crate::is_pub_key_valid_v2::Request,
    ) -> Result<crate::is_pub_key_valid_v2::Success, ClientError> {
        let metadata = &crate::is_pub_key_valid_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::is_pub_key_valid_v2::Response::try_from_http_response,
                crate::is_pub_key_valid_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/pubkey/ephemeral/isvalid`: Check whether a ephemeral public key is still valid.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn is_ephemeral_pub_key_valid_v2(
        &self,
        request: &crate::is_ephemeral_pub_key_valid_v2::Request,
    ) -> Result<crate::is_ephemeral_pub_key_valid_v2::Success, ClientError> {
        let metadata = &crate::is_ephemeral_pub_key_valid_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::is_ephemeral_pub_key_valid_v2::Response::try_from_http_response,
                crate::is_ephemeral_pub_key_valid_v2::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/store-invite`: Keep an invitation for a 3PID that is not bound yet.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn store_invite_v2(
        &self,
        request: &crate::store_invite_v2::Request,
    ) -> Result<crate::store_invite_v2::Success, ClientError> {
        let metadata = &crate::store_invite_v2::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::store_invite_v2::Response::try_from_http_response,
                crate::store_invite_v2::Response::into_success,
            )
            .await
    }
    /// `GET /_matrix/identity/v2/terms`: List the policies a user must accept.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn get_terms(
        &self,
        request: &crate::get_terms::Request,
    ) -> Result<crate::get_terms::Success, ClientError> {
        let metadata = &crate::get_terms::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::get_terms::Response::try_from_http_response,
                crate::get_terms::Response::into_success,
            )
            .await
    }
    /// `POST /_matrix/identity/v2/terms`: Accept policies.
    ///
    /// A success returns its body (`Success`). A status that is not a success is `Err(ClientError::Status(..))`, with the
    /// body, its Matrix error and, where the spec lists the status, its typed
    /// `Response` (see [`StatusError::typed`]).
    pub async fn agree_to_terms(
        &self,
        request: &crate::agree_to_terms::Request,
    ) -> Result<crate::agree_to_terms::Success, ClientError> {
        let metadata = &crate::agree_to_terms::METADATA;
        let http = request
            .try_into_http_request(
                self.base_url_for(metadata.path),
                self.access_token.as_deref(),
            );
        self.call(
                metadata,
                http,
                crate::agree_to_terms::Response::try_from_http_response,
                crate::agree_to_terms::Response::into_success,
            )
            .await
    }
}
