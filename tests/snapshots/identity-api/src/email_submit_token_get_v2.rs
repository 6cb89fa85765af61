//! `GET /_matrix/identity/v2/validate/email/submitToken`: Submit the token that validates an email address, from a link.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::SuccessBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "GET",
    path: "/_matrix/identity/v2/validate/email/submitToken",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::AccessToken,
    deprecated: false,
};
/// Submit the token that validates an email address, from a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The session ID the `requestToken` call returned.
    ///
    /// `sid`, a query parameter.
    pub sid: String,
    /// The client secret given to `requestToken`.
    ///
    /// `client_secret`, a query parameter.
    pub client_secret: String,
    /// The token the user received.
    ///
    /// `token`, a query parameter.
    pub token: String,
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
        }
    }
    /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
    /// `METADATA` asks.
    pub fn try_into_http_request(
        &self,
        base_url: &str,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let mut query: Vec<(&str, String)> = Vec::new();
        query.push(("sid", self.sid.to_string()));
        query.push(("client_secret", self.client_secret.to_string()));
        query.push(("token", self.token.to_string()));
        let builder = crate::support::request_builder(
            &METADATA,
            base_url,
            METADATA.path,
            &query,
            "application/json",
            Some("application/json"),
            access_token,
        )?;
        Ok(builder.body(Vec::new())?)
    }
    /// Reads the HTTP request (server side); `path_args` are the path's `{...}` values in
    /// order, as a router extracted them.
    pub fn try_from_http_request(
        request: &http::Request<Vec<u8>>,
        path_args: &[&str],
    ) -> Result<Self, Error> {
        let _ = path_args;
        let query = crate::support::query_pairs(request.uri());
        let sid = crate::support::query_value(&query, "sid")?
            .ok_or(Error::Missing("sid"))?;
        let client_secret = crate::support::query_value(&query, "client_secret")?
            .ok_or(Error::Missing("client_secret"))?;
        let token = crate::support::query_value(&query, "token")?
            .ok_or(Error::Missing("token"))?;
        Ok(Request {
            sid,
            client_secret,
            token,
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
