//! `POST /_matrix/identity/v2/validate/email/requestToken`: Ask for a token to validate an email address.
use crate::support::{AuthScheme, Error, Metadata};
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/v2/validate/email/requestToken",
    rate_limited: false,
    authentication: AuthScheme::AccessToken,
    deprecated: false,
};
/// Ask for a token to validate an email address.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The request body.
    pub body: EmailValidationRequest,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The session was created; the token is on its way.
    Status200(Session),
    /// The request was malformed, or the address cannot receive tokens.
    Status400(ErrorBody),
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EmailValidationRequest {
    /// A secret the client made up for this session. It must be of the characters
    /// ``[0-9a-zA-Z.=_-]``, between 1 and 255 characters long.
    pub client_secret: String,
    /// The email address to validate.
    pub email: String,
    /// A counter the client increases for each new attempt. The server sends a
    /// new email only when it is larger than in the previous request with the
    /// same ``client_secret`` and ``email``.
    pub send_attempt: i64,
    /// A URL the server may redirect the user to once the address is
    /// validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    /// The session ID. It is an opaque string of the characters
    /// ``[0-9a-zA-Z.=_-]``, between 1 and 255 characters long.
    pub sid: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The body of every error response.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// A machine-readable error code, such as ``M_UNKNOWN``.
    pub errcode: String,
    /// A message for people; clients should not parse it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[allow(deprecated)]
impl Request {
    /// Builds the HTTP request (client side) against `base_url`, with `access_token` as
    /// `METADATA` asks.
    pub fn try_into_http_request(
        &self,
        base_url: &str,
        access_token: Option<&str>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        #[allow(unused_mut)]
        let mut path = METADATA.path.to_owned();
        #[allow(unused_mut)]
        let mut query: Vec<(&str, String)> = Vec::new();
        #[allow(unused_mut)]
        let mut builder = crate::support::request_builder(
            &METADATA,
            base_url,
            &path,
            &query,
            "application/json",
            access_token,
        )?;
        Ok(builder.body(serde_json::to_vec(&self.body)?)?)
    }
    /// Reads the HTTP request (server side); `path_args` are the path's `{...}` values in
    /// order, as a router extracted them.
    pub fn try_from_http_request(
        request: &http::Request<Vec<u8>>,
        path_args: &[&str],
    ) -> Result<Self, Error> {
        let _ = request;
        #[allow(unused_mut, unused_variables)]
        let mut path_args = path_args.iter();
        let body = serde_json::from_slice(request.body())?;
        Ok(Request { body })
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
        let (status, body) = match self {
            Response::Status200(body) => (200u16, serde_json::to_vec(body)?),
            Response::Status400(body) => (400u16, serde_json::to_vec(body)?),
        };
        Ok(
            http::Response::builder()
                .status(status)
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body)?,
        )
    }
}
