//! `POST /_matrix/identity/api/v1/validate/email/submitToken`: Submit the token that validates an email address.
#![allow(deprecated)]
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::TokenSubmission;
pub use crate::types::SuccessBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/api/v1/validate/email/submitToken",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: true,
};
/// Submit the token that validates an email address.
#[deprecated = "This API is deprecated and will be removed from a future release."]
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The session ID the `requestToken` call returned.
    pub sid: String,
    /// The client secret given to `requestToken`.
    pub client_secret: String,
    /// The token the user received by email or SMS.
    pub token: String,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// Whether the token was correct.
    Status200(SuccessBody),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(sid: String, client_secret: String, token: String) -> Self {
        Request {
            sid,
            client_secret,
            token,
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
                        &TokenSubmission {
                            sid: request.sid,
                            client_secret: request.client_secret,
                            token: request.token,
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
        let body: TokenSubmission = serde_json::from_slice(request.body())?;
        Ok(Request {
            sid: body.sid,
            client_secret: body.client_secret,
            token: body.token,
            additional_properties: body.additional_properties,
        })
    }
}
/// What a successful call answers: the body of the one success response the
/// spec lists.
pub type Success = SuccessBody;
impl Response {
    /// The success's body; None for a response of another status.
    pub fn into_success(self) -> Option<Success> {
        match self {
            Response::Status200(body) => Some(body),
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
            status => Err(Error::UnexpectedStatus(status)),
        }
    }
    /// Writes the response (server side).
    pub fn try_into_http_response(&self) -> Result<http::Response<Vec<u8>>, Error> {
        let (status, body, content_type) = match self {
            Response::Status200(body) => {
                (200u16, serde_json::to_vec(body)?, "application/json")
            }
        };
        crate::support::response(status, body, content_type)
    }
}
