//! `POST /_matrix/identity/api/v1/bulk_lookup`: Find the Matrix user IDs bound to several 3PIDs.
#![allow(deprecated)]
use crate::support::{AuthScheme, Error, Metadata};
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/api/v1/bulk_lookup",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: true,
};
/// Find the Matrix user IDs bound to several 3PIDs.
#[deprecated = "This API is deprecated and will be removed from a future release."]
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The 3PIDs to look up, each a pair of medium and address.
    pub threepids: Vec<Vec<String>>,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The bound 3PIDs, each a triple of medium, address and user ID.
    Status200(Response200),
}
/// The body of a `POST /_matrix/identity/api/v1/bulk_lookup` request.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct RequestBody {
    /// The 3PIDs to look up, each a pair of medium and address.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub threepids: Vec<Vec<String>>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct Response200 {
    #[cfg_attr(feature = "lenient", serde(default))]
    pub threepids: Vec<Vec<String>>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(threepids: Vec<Vec<String>>) -> Self {
        Request {
            threepids,
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
                        &RequestBody {
                            threepids: request.threepids,
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
        let body: RequestBody = serde_json::from_slice(request.body())?;
        Ok(Request {
            threepids: body.threepids,
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
