//! `POST /_matrix/identity/v2/account/register`: Exchange an OpenID token for an access token of this server.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::ErrorBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/v2/account/register",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: false,
};
/// Exchange an OpenID token for an access token of this server.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The OpenID token from the homeserver.
    pub access_token: String,
    /// The token type; always `Bearer`.
    pub token_type: String,
    /// The homeserver that issued the token.
    pub matrix_server_name: String,
    /// How many seconds the token stays valid.
    pub expires_in: i64,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The caller is registered.
    Status200(Response200),
    /// The homeserver did not confirm the OpenID token.
    Status401(ErrorBody),
}
/// The body of a `POST /_matrix/identity/v2/account/register` request.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct OpenIdToken {
    /// The OpenID token from the homeserver.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub access_token: String,
    /// The token type; always `Bearer`.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token_type: String,
    /// The homeserver that issued the token.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub matrix_server_name: String,
    /// How many seconds the token stays valid.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub expires_in: i64,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct Response200 {
    /// The access token for this identity server. It is not the
    /// homeserver's access token.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(
        access_token: String,
        token_type: String,
        matrix_server_name: String,
        expires_in: i64,
    ) -> Self {
        Request {
            access_token,
            token_type,
            matrix_server_name,
            expires_in,
            additional_properties: Default::default(),
        }
    }
    /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
    /// `METADATA` asks.
    pub fn try_into_http_request(
        &self,
        base_url: &str,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let builder = crate::support::request_builder(
            &METADATA,
            base_url,
            METADATA.path,
            &[],
            "application/json",
            Some("application/json"),
            access_token,
        )?;
        Ok(
            builder
                .body({
                    let request = self.clone();
                    serde_json::to_vec(
                        &OpenIdToken {
                            access_token: request.access_token,
                            token_type: request.token_type,
                            matrix_server_name: request.matrix_server_name,
                            expires_in: request.expires_in,
                            additional_properties: request.additional_properties,
                        },
                    )?
                })?,
        )
    }
    /// Reads the HTTP request (server side); `path_args` are the path's `{...}` values in
    /// order, as a router extracted them.
    pub fn try_from_http_request(
        request: &http::Request<Vec<u8>>,
        path_args: &[&str],
    ) -> Result<Self, Error> {
        let _ = path_args;
        let body: OpenIdToken = serde_json::from_slice(request.body())?;
        Ok(Request {
            access_token: body.access_token,
            token_type: body.token_type,
            matrix_server_name: body.matrix_server_name,
            expires_in: body.expires_in,
            additional_properties: body.additional_properties,
        })
    }
}
/// What a successful call answers: the body of the one success response the
/// spec lists.
pub type Success = Response200;
impl Response {
    /// The success's body; None for a response of another status.
    pub fn into_success(self) -> Option<Success> {
        match self {
            Response::Status200(body) => Some(body),
            _ => None,
        }
    }
}
impl Response {
    /// Reads a response (client side).
    pub fn try_from_http_response(
        response: &http::Response<Vec<u8>>,
    ) -> Result<Self, Error> {
        match response.status().as_u16() {
            200u16 => Ok(Response::Status200(serde_json::from_slice(response.body())?)),
            401u16 => Ok(Response::Status401(serde_json::from_slice(response.body())?)),
            status => Err(Error::UnexpectedStatus(status)),
        }
    }
    /// Writes the response (server side).
    pub fn try_into_http_response(&self) -> Result<http::Response<Vec<u8>>, Error> {
        let (status, body, content_type) = match self {
            Response::Status200(body) => {
                (200u16, serde_json::to_vec(body)?, "application/json")
            }
            Response::Status401(body) => {
                (401u16, serde_json::to_vec(body)?, "application/json")
            }
        };
        crate::support::response(status, body, content_type)
    }
}
