//! `GET /_matrix/identity/v2/pubkey/isvalid`: Check whether a long-term public key is still valid.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::IsPubKeyValidResponse200 as Response200;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "GET",
    path: "/_matrix/identity/v2/pubkey/isvalid",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: false,
};
/// Check whether a long-term public key is still valid.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The public key to check, in unpadded base64.
    ///
    /// `public_key`, a query parameter.
    pub public_key: String,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// Whether the key is valid.
    Status200(Response200),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(public_key: String) -> Self {
        Request { public_key }
    }
    /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
    /// `METADATA` asks.
    pub fn try_into_http_request(
        &self,
        base_url: &str,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let mut query: Vec<(&str, String)> = Vec::new();
        query.push(("public_key", self.public_key.to_string()));
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
        let public_key = crate::support::query_value(&query, "public_key")?
            .ok_or(Error::Missing("public_key"))?;
        Ok(Request { public_key })
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
