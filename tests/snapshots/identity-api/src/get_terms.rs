//! `GET /_matrix/identity/v2/terms`: List the policies a user must accept.
use crate::support::{AuthScheme, Error, Metadata};
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "GET",
    path: "/_matrix/identity/v2/terms",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: false,
};
/// List the policies a user must accept.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The policies.
    Status200(Response200),
}
/// The policy in one language, keyed by language code.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct PolicyTranslation {
    /// The document's name in this language.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub name: String,
    /// Where to read the document; it identifies the version.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub url: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// One policy, in each language it is offered in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct Policy {
    /// The version, for people to read.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub version: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, PolicyTranslation>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct Response200 {
    /// The policies, by an identifier of the server's choosing.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub policies: std::collections::BTreeMap<String, Policy>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
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
