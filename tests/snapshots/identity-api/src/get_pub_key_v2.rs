//! `GET /_matrix/identity/v2/pubkey/{keyId}`: Get a public key of the identity server.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::GetPubKeyResponse200 as Response200;
pub use crate::types::ErrorBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "GET",
    path: "/_matrix/identity/v2/pubkey/{keyId}",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: false,
};
/// Get a public key of the identity server.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The key ID, in the form `algorithm:identifier`.
    ///
    /// `keyId`, a path parameter.
    pub key_id: String,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The key.
    Status200(Response200),
    /// The server has no key with this ID.
    Status404(ErrorBody),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(key_id: String) -> Self {
        Request { key_id }
    }
    /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
    /// `METADATA` asks.
    pub fn try_into_http_request(
        &self,
        base_url: &str,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let mut path = METADATA.path.to_owned();
        crate::support::fill_path(&mut path, "{keyId}", &self.key_id);
        let builder = crate::support::request_builder(
            &METADATA,
            base_url,
            &path,
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
        let _ = request;
        let mut path_args = path_args.iter();
        let key_id = crate::support::path_arg(&mut path_args, "keyId")?;
        Ok(Request { key_id })
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
            404u16 => Ok(Response::Status404(serde_json::from_slice(response.body())?)),
            status => Err(Error::UnexpectedStatus(status)),
        }
    }
    /// Writes the response (server side).
    pub fn try_into_http_response(&self) -> Result<http::Response<Vec<u8>>, Error> {
        let (status, body, content_type) = match self {
            Response::Status200(body) => {
                (200u16, serde_json::to_vec(body)?, "application/json")
            }
            Response::Status404(body) => {
                (404u16, serde_json::to_vec(body)?, "application/json")
            }
        };
        crate::support::response(status, body, content_type)
    }
}
