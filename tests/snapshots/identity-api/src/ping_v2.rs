//! `GET /_matrix/identity/v2`: Check that the identity server answers at this API version.
use crate::support::{AuthScheme, Error, Metadata};
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "GET",
    path: "/_matrix/identity/v2",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: false,
};
/// Check that the identity server answers at this API version.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The server supports this API version.
    Status200(serde_json::Map<String, serde_json::Value>),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new() -> Self {
        Request {}
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
        Ok(builder.body(Vec::new())?)
    }
    /// Reads the HTTP request (server side); `path_args` are the path's `{...}` values in
    /// order, as a router extracted them.
    pub fn try_from_http_request(
        request: &http::Request<Vec<u8>>,
        path_args: &[&str],
    ) -> Result<Self, Error> {
        let _ = (request, path_args);
        Ok(Request {})
    }
}
impl Default for Request {
    fn default() -> Self {
        Request::new()
    }
}
/// What a successful call answers: the body of the one success response the
/// spec lists.
pub type Success = serde_json::Map<String, serde_json::Value>;
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
