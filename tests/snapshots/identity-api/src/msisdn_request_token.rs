//! `POST /_matrix/identity/api/v1/validate/msisdn/requestToken`: Ask for a token to validate a phone number.
#![allow(deprecated)]
use crate::support::{AuthScheme, Error, Metadata};
pub use crate::types::PhoneNumberValidationRequest;
pub use crate::types::Session;
pub use crate::types::ErrorBody;
/// What the endpoint is.
pub const METADATA: Metadata = Metadata {
    method: "POST",
    path: "/_matrix/identity/api/v1/validate/msisdn/requestToken",
    rate_limited: false,
    credential: crate::support::Credential::Bearer,
    authentication: AuthScheme::None,
    deprecated: true,
};
/// Ask for a token to validate a phone number.
#[deprecated = "This API is deprecated and will be removed from a future release."]
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// A secret the client made up for this session. It must be of the characters
    /// `[0-9a-zA-Z.=_-]`, between 1 and 255 characters long.
    pub client_secret: String,
    /// The two-letter upper-case ISO-3166-1 alpha-2 country code that
    /// `phone_number` is to be read in if it has no international prefix.
    pub country: String,
    /// The phone number to validate.
    pub phone_number: String,
    /// A counter the client increases for each new attempt. The server sends a
    /// new SMS only when it is larger than in the previous request with the
    /// same `client_secret`, `country` and `phone_number`.
    pub send_attempt: i64,
    /// A URL the server may redirect the user to once the number is validated.
    pub next_link: Option<String>,
    /// Fields of the body beyond the ones named above.
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The responses the spec lists, by status.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The session was created; the token is on its way.
    Status200(Session),
    /// The request was malformed, or the address cannot receive tokens.
    Status400(ErrorBody),
}
impl Request {
    /// A request with the required values; every optional one is None.
    pub fn new(
        client_secret: String,
        country: String,
        phone_number: String,
        send_attempt: i64,
    ) -> Self {
        Request {
            client_secret,
            country,
            phone_number,
            send_attempt,
            next_link: None,
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
                        &PhoneNumberValidationRequest {
                            client_secret: request.client_secret,
                            country: request.country,
                            phone_number: request.phone_number,
                            send_attempt: request.send_attempt,
                            next_link: request.next_link,
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
        let body: PhoneNumberValidationRequest = serde_json::from_slice(request.body())?;
        Ok(Request {
            client_secret: body.client_secret,
            country: body.country,
            phone_number: body.phone_number,
            send_attempt: body.send_attempt,
            next_link: body.next_link,
            additional_properties: body.additional_properties,
        })
    }
}
/// What a successful call answers: the body of the one success response the
/// spec lists.
pub type Success = Session;
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
