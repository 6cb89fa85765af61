//! Types that several endpoints use, re-exported by each endpoint module that does.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct GetValidated3pidResponse200 {
    /// The 3PID medium.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub medium: String,
    /// The 3PID address.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub address: String,
    /// When the 3PID was validated, in milliseconds since the epoch.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub validated_at: i64,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The body of every error response.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct ErrorBody {
    /// A machine-readable error code, such as `M_UNKNOWN`.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub errcode: String,
    /// A message for people; clients should not parse it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct BindRequestBody {
    /// The session ID of the validation.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub sid: String,
    /// The client secret of the validation.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub client_secret: String,
    /// The Matrix user ID to bind the 3PID to.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub mxid: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// An association between a 3PID and a Matrix user ID, signed by the identity server.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct SignedAssociation {
    /// The 3PID address.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub address: String,
    /// The 3PID medium, such as `email` or `msisdn`.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub medium: String,
    /// The Matrix user ID the 3PID is bound to.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub mxid: String,
    /// When the association starts to be valid, in milliseconds since the epoch.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub not_before: i64,
    /// When the association stops being valid, in milliseconds since the epoch.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub not_after: i64,
    /// When the association was made, in milliseconds since the epoch.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub ts: i64,
    /// Signatures of the object, by signing entity and then by key ID, as the
    /// Signing JSON section of the appendices describes.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub signatures: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    >,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// The 3PID to unbind.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct _3pid {
    /// The 3PID medium.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub medium: String,
    /// The 3PID address.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub address: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct UnbindRequestBody {
    /// The session ID of a validation of the 3PID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The client secret of that session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The Matrix user ID the 3PID is bound to.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub mxid: String,
    /// The 3PID to unbind.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub threepid: _3pid,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct EmailValidationRequest {
    /// A secret the client made up for this session. It must be of the characters
    /// `[0-9a-zA-Z.=_-]`, between 1 and 255 characters long.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub client_secret: String,
    /// The email address to validate.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub email: String,
    /// A counter the client increases for each new attempt. The server sends a
    /// new email only when it is larger than in the previous request with the
    /// same `client_secret` and `email`.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
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
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct Session {
    /// The session ID. It is an opaque string of the characters
    /// `[0-9a-zA-Z.=_-]`, between 1 and 255 characters long.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub sid: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct TokenSubmission {
    /// The session ID the `requestToken` call returned.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub sid: String,
    /// The client secret given to `requestToken`.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub client_secret: String,
    /// The token the user received by email or SMS.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct SuccessBody {
    /// Whether the validation succeeded.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub success: bool,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct BlindlySignStuffRequestBody {
    /// The Matrix user ID of the invited user.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub mxid: String,
    /// The token of the stored invitation.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token: String,
    /// The short-term private key, in unpadded base64.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub private_key: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct BlindlySignStuffResponse200 {
    /// The Matrix user ID of the invited user.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub mxid: String,
    /// The Matrix user ID of the inviter.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub sender: String,
    /// The token of the invitation.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token: String,
    /// Signatures of the object, by signing entity and then by key ID, as the
    /// Signing JSON section of the appendices describes.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub signatures: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    >,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct PhoneNumberValidationRequest {
    /// A secret the client made up for this session. It must be of the characters
    /// `[0-9a-zA-Z.=_-]`, between 1 and 255 characters long.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub client_secret: String,
    /// The two-letter upper-case ISO-3166-1 alpha-2 country code that
    /// `phone_number` is to be read in if it has no international prefix.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub country: String,
    /// The phone number to validate.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub phone_number: String,
    /// A counter the client increases for each new attempt. The server sends a
    /// new SMS only when it is larger than in the previous request with the
    /// same `client_secret`, `country` and `phone_number`.
    #[cfg_attr(
        feature = "lenient",
        serde(default, deserialize_with = "crate::support::lenient::integer")
    )]
    pub send_attempt: i64,
    /// A URL the server may redirect the user to once the number is validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct GetPubKeyResponse200 {
    /// The public key, in unpadded base64.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub public_key: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct IsPubKeyValidResponse200 {
    /// True when the key is valid.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub valid: bool,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct StoreInviteRequestBody {
    /// The 3PID medium. Only `email` is supported.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub medium: String,
    /// The 3PID address.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub address: String,
    /// The room the invitation is for.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub room_id: String,
    /// The Matrix user ID of the inviter.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub sender: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct InvitationKey {
    /// The public key, in unpadded base64.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub public_key: String,
    /// Where to check that the key is still valid.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub key_validity_url: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "lenient", derive(Default))]
pub struct StoreInviteResponse200 {
    /// A token that identifies the invitation: of the characters
    /// `[0-9a-zA-Z.=_-]`, between 1 and 255 characters long.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub token: String,
    /// The server's long-term key and a key made for this invitation.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub public_keys: Vec<InvitationKey>,
    /// The address, redacted for display in the room.
    #[cfg_attr(feature = "lenient", serde(default))]
    pub display_name: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
