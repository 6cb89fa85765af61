//! `POST /_matrix/identity/v2/3pid/bind`: Bind a validated 3PID to a Matrix user ID.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::BindRequestBody as RequestBody;
pub use crate::types::SignedAssociation;
pub use crate::types::ErrorBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/v2/3pid/bind",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::AccessToken,
    deprecated: false,
};
/// Bind a validated 3PID to a Matrix user ID.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The session ID of the validation.
    pub sid: String,
    /// The client secret of the validation.
    pub client_secret: String,
    /// The Matrix user ID to bind the 3PID to.
    pub mxid: String,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The 3PID is bound.
    Status200(SignedAssociation),
    /// The session has not been validated (`M_SESSION_NOT_VALIDATED`).
    Status400(ErrorBody),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(sid: String, client_secret: String, mxid: String) -> Self {
        Request {
            sid,
            client_secret,
            mxid,
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
                            sid: request.sid,
                            client_secret: request.client_secret,
                            mxid: request.mxid,
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
            sid: body.sid,
            client_secret: body.client_secret,
            mxid: body.mxid,
            additional_properties: body.additional_properties,
        })
    }
}
/// What a successful call answers: the body of the one success response the
/// spec lists.
pub type Success = SignedAssociation;
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
            400u16 => Ok(Response::Status400(serde_json::from_slice(response.body())?)),
            status => Err(Error::UnexpectedStatus(status)),
        }
    }
    /// Writes the response (server side).
    pub fn try_into_http_response(&self) -> Result<http::Response<Vec<u8>>, Error> {
        let (status, body, content_type) = match self {
            Response::Status200(body) => {
                (200u16, serde_json::to_vec(body)?, "application/json")
            }
            Response::Status400(body) => {
                (400u16, serde_json::to_vec(body)?, "application/json")
            }
        };
        crate::support::response(status, body, content_type)
    }
}
