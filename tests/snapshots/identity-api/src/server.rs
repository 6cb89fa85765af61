//! An axum router over [`Handler`]: one trait method per endpoint; the router checks
//! access tokens and reads requests, the handler answers.
#![allow(deprecated)]
use crate::support::{AuthScheme, Error, Metadata};
/// A failure a handler reports; it becomes a Matrix error response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerError {
    /// The HTTP status.
    pub status: u16,
    /// The Matrix error code (`M_NOT_FOUND`).
    pub errcode: String,
    /// A message for people.
    pub error: String,
}
impl ServerError {
    /// An error response.
    pub fn new(status: u16, errcode: &str, error: &str) -> Self {
        ServerError {
            status,
            errcode: errcode.to_owned(),
            error: error.to_owned(),
        }
    }
    /// What an endpoint the handler does not implement answers.
    pub fn not_implemented() -> Self {
        ServerError::new(
            404,
            "M_UNRECOGNIZED",
            "this server does not implement the endpoint",
        )
    }
    fn into_response(self) -> axum::response::Response {
        let body = serde_json::json!({ "errcode" : self.errcode, "error" : self.error });
        http::Response::builder()
            .status(self.status)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap_or_default()
    }
}
/// The server's answers, one method per endpoint. Each has a default that answers
/// 404 `M_UNRECOGNIZED`, so an implementation overrides only what it serves. The
/// `access_token` argument is the caller's token; for an endpoint whose
/// `METADATA.authentication` is `SignedRequest` it is the whole `Authorization`
/// value (`X-Matrix origin=...`), which the handler verifies.
pub trait Handler: Send + Sync + 'static {
    /// `GET /_matrix/identity/api/v1/3pid/getValidated3pid`: Ask which 3PID a validation session proved.
    fn get_validated3pid(
        &self,
        request: crate::get_validated3pid::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_validated3pid::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/3pid/bind`: Bind a validated 3PID to a Matrix user ID.
    fn bind(
        &self,
        request: crate::bind::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::bind::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/3pid/unbind`: Remove the binding of a 3PID.
    fn unbind(
        &self,
        request: crate::unbind::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::unbind::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/validate/email/requestToken`: Ask for a token to validate an email address.
    fn email_request_token(
        &self,
        request: crate::email_request_token::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_request_token::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/validate/email/submitToken`: Submit the token that validates an email address.
    fn email_submit_token_post(
        &self,
        request: crate::email_submit_token_post::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_submit_token_post::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/validate/email/submitToken`: Submit the token that validates an email address, from a link.
    fn email_submit_token_get(
        &self,
        request: crate::email_submit_token_get::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_submit_token_get::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/sign-ed25519`: Sign invitation details with a short-term key.
    fn blindly_sign_stuff(
        &self,
        request: crate::blindly_sign_stuff::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::blindly_sign_stuff::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/lookup`: Find the Matrix user ID bound to a 3PID.
    fn lookup_user(
        &self,
        request: crate::lookup_user::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::lookup_user::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/bulk_lookup`: Find the Matrix user IDs bound to several 3PIDs.
    fn lookup_users(
        &self,
        request: crate::lookup_users::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::lookup_users::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/validate/msisdn/requestToken`: Ask for a token to validate a phone number.
    fn msisdn_request_token(
        &self,
        request: crate::msisdn_request_token::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_request_token::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/validate/msisdn/submitToken`: Submit the token that validates a phone number.
    fn msisdn_submit_token_post(
        &self,
        request: crate::msisdn_submit_token_post::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_submit_token_post::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/validate/msisdn/submitToken`: Submit the token that validates a phone number, from a link.
    fn msisdn_submit_token_get(
        &self,
        request: crate::msisdn_submit_token_get::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_submit_token_get::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1`: Check that the identity server answers at this API version.
    fn ping(
        &self,
        request: crate::ping::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::ping::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/pubkey/{keyId}`: Get a public key of the identity server.
    fn get_pub_key(
        &self,
        request: crate::get_pub_key::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_pub_key::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/pubkey/isvalid`: Check whether a long-term public key is still valid.
    fn is_pub_key_valid(
        &self,
        request: crate::is_pub_key_valid::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::is_pub_key_valid::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/api/v1/pubkey/ephemeral/isvalid`: Check whether a ephemeral public key is still valid.
    fn is_ephemeral_pub_key_valid(
        &self,
        request: crate::is_ephemeral_pub_key_valid::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::is_ephemeral_pub_key_valid::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/api/v1/store-invite`: Keep an invitation for a 3PID that is not bound yet.
    fn store_invite(
        &self,
        request: crate::store_invite::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::store_invite::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/3pid/getValidated3pid`: Ask which 3PID a validation session proved.
    fn get_validated3pid_v2(
        &self,
        request: crate::get_validated3pid_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_validated3pid_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/3pid/bind`: Bind a validated 3PID to a Matrix user ID.
    fn bind_v2(
        &self,
        request: crate::bind_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::bind_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/3pid/unbind`: Remove the binding of a 3PID.
    fn unbind_v2(
        &self,
        request: crate::unbind_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::unbind_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/account/register`: Exchange an OpenID token for an access token of this server.
    fn register_account(
        &self,
        request: crate::register_account::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::register_account::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/account`: Tell whom an access token belongs to.
    fn get_account(
        &self,
        request: crate::get_account::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_account::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/account/logout`: Invalidate an access token.
    fn logout(
        &self,
        request: crate::logout::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::logout::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/validate/email/requestToken`: Ask for a token to validate an email address.
    fn email_request_token_v2(
        &self,
        request: crate::email_request_token_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_request_token_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/validate/email/submitToken`: Submit the token that validates an email address.
    fn email_submit_token_post_v2(
        &self,
        request: crate::email_submit_token_post_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_submit_token_post_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/validate/email/submitToken`: Submit the token that validates an email address, from a link.
    fn email_submit_token_get_v2(
        &self,
        request: crate::email_submit_token_get_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::email_submit_token_get_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/sign-ed25519`: Sign invitation details with a short-term key.
    fn blindly_sign_stuff_v2(
        &self,
        request: crate::blindly_sign_stuff_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::blindly_sign_stuff_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/validate/msisdn/requestToken`: Ask for a token to validate a phone number.
    fn msisdn_request_token_v2(
        &self,
        request: crate::msisdn_request_token_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_request_token_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/validate/msisdn/submitToken`: Submit the token that validates a phone number.
    fn msisdn_submit_token_post_v2(
        &self,
        request: crate::msisdn_submit_token_post_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_submit_token_post_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/validate/msisdn/submitToken`: Submit the token that validates a phone number, from a link.
    fn msisdn_submit_token_get_v2(
        &self,
        request: crate::msisdn_submit_token_get_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::msisdn_submit_token_get_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2`: Check that the identity server answers at this API version.
    fn ping_v2(
        &self,
        request: crate::ping_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::ping_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/pubkey/{keyId}`: Get a public key of the identity server.
    fn get_pub_key_v2(
        &self,
        request: crate::get_pub_key_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_pub_key_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/pubkey/isvalid`: Check whether a long-term public key is still valid.
    fn is_pub_key_valid_v2(
        &self,
        request: crate::is_pub_key_valid_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::is_pub_key_valid_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/pubkey/ephemeral/isvalid`: Check whether a ephemeral public key is still valid.
    fn is_ephemeral_pub_key_valid_v2(
        &self,
        request: crate::is_ephemeral_pub_key_valid_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::is_ephemeral_pub_key_valid_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/store-invite`: Keep an invitation for a 3PID that is not bound yet.
    fn store_invite_v2(
        &self,
        request: crate::store_invite_v2::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::store_invite_v2::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `GET /_matrix/identity/v2/terms`: List the policies a user must accept.
    fn get_terms(
        &self,
        request: crate::get_terms::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::get_terms::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
    /// `POST /_matrix/identity/v2/terms`: Accept policies.
    fn agree_to_terms(
        &self,
        request: crate::agree_to_terms::Request,
        access_token: Option<String>,
    ) -> impl std::future::Future<
        Output = Result<crate::agree_to_terms::Response, ServerError>,
    > + Send {
        let _ = (request, access_token);
        async { Err(ServerError::not_implemented()) }
    }
}
/// The access token of a request, where `credential` puts it: for Matrix's bearer
/// token, the `Authorization: Bearer` header, else the `access_token` query parameter.
fn access_token(
    request: &http::Request<Vec<u8>>,
    credential: crate::support::Credential,
) -> Option<String> {
    use crate::support::Credential;
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let query = |wanted: &str| {
        crate::support::query_pairs(request.uri())
            .into_iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, value)| value)
    };
    match credential {
        Credential::Bearer => {
            header("authorization")
                .and_then(|value| value.strip_prefix("Bearer ").map(str::to_owned))
                .or_else(|| query("access_token"))
        }
        Credential::Basic => {
            header("authorization")
                .and_then(|value| value.strip_prefix("Basic ").map(str::to_owned))
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
        return ServerError::new(400, "M_BAD_JSON", "the body could not be read")
            .into_response();
    };
    let request = http::Request::from_parts(parts, body.to_vec());
    let token = if metadata.authentication == AuthScheme::SignedRequest {
        request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    } else {
        access_token(&request, metadata.credential)
    };
    match (metadata.authentication, &token) {
        (AuthScheme::AccessToken, None) => {
            return ServerError::new(
                    401,
                    "M_MISSING_TOKEN",
                    "an access token is required",
                )
                .into_response();
        }
        (AuthScheme::SignedRequest, None) => {
            return ServerError::new(
                    401,
                    "M_UNAUTHORIZED",
                    "a signed request is required",
                )
                .into_response();
        }
        _ => {}
    }
    let args: Vec<String> = params
        .iter()
        .map(|(_, value)| crate::support::decode(value, false))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let parsed = match parse(&request, &args) {
        Ok(parsed) => parsed,
        Err(Error::Json(err)) => {
            let code = if serde_json::from_slice::<serde_json::Value>(request.body())
                .is_err()
            {
                "M_NOT_JSON"
            } else {
                "M_BAD_JSON"
            };
            return ServerError::new(400, code, &err.to_string()).into_response();
        }
        Err(Error::Missing(name)) => {
            return ServerError::new(400, "M_MISSING_PARAM", name).into_response();
        }
        Err(err) => {
            return ServerError::new(400, "M_INVALID_PARAM", &err.to_string())
                .into_response();
        }
    };
    match call(parsed, token).await {
        Ok(response) => {
            match write(&response) {
                Ok(response) => response.map(axum::body::Body::from),
                Err(err) => {
                    ServerError::new(500, "M_UNKNOWN", &err.to_string()).into_response()
                }
            }
        }
        Err(err) => err.into_response(),
    }
}
/// The axum handler of the endpoint module `$module`: [`serve`] with the module's types
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
/// A router serving every endpoint through `handler`.
pub fn router<H: Handler>(handler: std::sync::Arc<H>) -> axum::Router {
    let router = axum::Router::new();
    let router = router
        .route(
            "/_matrix/identity/api/v1/3pid/getValidated3pid",
            axum::routing::get(handle!(get_validated3pid)),
        );
    let router = router
        .route("/_matrix/identity/api/v1/3pid/bind", axum::routing::post(handle!(bind)));
    let router = router
        .route(
            "/_matrix/identity/api/v1/3pid/unbind",
            axum::routing::post(handle!(unbind)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/validate/email/requestToken",
            axum::routing::post(handle!(email_request_token)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/validate/email/submitToken",
            axum::routing::post(handle!(email_submit_token_post))
                .get(handle!(email_submit_token_get)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/sign-ed25519",
            axum::routing::post(handle!(blindly_sign_stuff)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/lookup",
            axum::routing::get(handle!(lookup_user)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/bulk_lookup",
            axum::routing::post(handle!(lookup_users)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/validate/msisdn/requestToken",
            axum::routing::post(handle!(msisdn_request_token)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/validate/msisdn/submitToken",
            axum::routing::post(handle!(msisdn_submit_token_post))
                .get(handle!(msisdn_submit_token_get)),
        );
    let router = router
        .route("/_matrix/identity/api/v1", axum::routing::get(handle!(ping)));
    let router = router
        .route(
            "/_matrix/identity/api/v1/pubkey/{keyId}",
            axum::routing::get(handle!(get_pub_key)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/pubkey/isvalid",
            axum::routing::get(handle!(is_pub_key_valid)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/pubkey/ephemeral/isvalid",
            axum::routing::get(handle!(is_ephemeral_pub_key_valid)),
        );
    let router = router
        .route(
            "/_matrix/identity/api/v1/store-invite",
            axum::routing::post(handle!(store_invite)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/3pid/getValidated3pid",
            axum::routing::get(handle!(get_validated3pid_v2)),
        );
    let router = router
        .route("/_matrix/identity/v2/3pid/bind", axum::routing::post(handle!(bind_v2)));
    let router = router
        .route(
            "/_matrix/identity/v2/3pid/unbind",
            axum::routing::post(handle!(unbind_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/account/register",
            axum::routing::post(handle!(register_account)),
        );
    let router = router
        .route("/_matrix/identity/v2/account", axum::routing::get(handle!(get_account)));
    let router = router
        .route(
            "/_matrix/identity/v2/account/logout",
            axum::routing::post(handle!(logout)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/validate/email/requestToken",
            axum::routing::post(handle!(email_request_token_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/validate/email/submitToken",
            axum::routing::post(handle!(email_submit_token_post_v2))
                .get(handle!(email_submit_token_get_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/sign-ed25519",
            axum::routing::post(handle!(blindly_sign_stuff_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/validate/msisdn/requestToken",
            axum::routing::post(handle!(msisdn_request_token_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/validate/msisdn/submitToken",
            axum::routing::post(handle!(msisdn_submit_token_post_v2))
                .get(handle!(msisdn_submit_token_get_v2)),
        );
    let router = router
        .route("/_matrix/identity/v2", axum::routing::get(handle!(ping_v2)));
    let router = router
        .route(
            "/_matrix/identity/v2/pubkey/{keyId}",
            axum::routing::get(handle!(get_pub_key_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/pubkey/isvalid",
            axum::routing::get(handle!(is_pub_key_valid_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/pubkey/ephemeral/isvalid",
            axum::routing::get(handle!(is_ephemeral_pub_key_valid_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/store-invite",
            axum::routing::post(handle!(store_invite_v2)),
        );
    let router = router
        .route(
            "/_matrix/identity/v2/terms",
            axum::routing::get(handle!(get_terms)).post(handle!(agree_to_terms)),
        );
    router.with_state(handler)
}
