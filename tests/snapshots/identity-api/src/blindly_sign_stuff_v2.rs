//! `POST /_matrix/identity/v2/sign-ed25519`: Sign invitation details with a short-term key.
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::BlindlySignStuffRequestBody as RequestBody;
pub use crate::types::BlindlySignStuffResponse200 as Response200;
pub use crate::types::ErrorBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/v2/sign-ed25519",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::AccessToken,
    deprecated: false,
};
/// Sign invitation details with a short-term key.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The Matrix user ID of the invited user.
    pub mxid: String,
    /// The token of the stored invitation.
    pub token: String,
    /// The short-term private key, in unpadded base64.
    pub private_key: String,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The signed details.
    Status200(Response200),
    /// No invitation has this token.
    Status404(ErrorBody),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(mxid: String, token: String, private_key: String) -> Self {
        Request {
            mxid,
            token,
            private_key,
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
                            mxid: request.mxid,
                            token: request.token,
                            private_key: request.private_key,
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
            mxid: body.mxid,
            token: body.token,
            private_key: body.private_key,
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
