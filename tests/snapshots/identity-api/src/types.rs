//! Types that several endpoints use, re-exported by each endpoint module that does.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GetValidated3pidResponse200 {
    /// The 3PID medium.
    pub medium: String,
    /// The 3PID address.
    pub address: String,
    /// When the 3PID was validated, in milliseconds since the epoch.
    pub validated_at: i64,
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BindRequestBody {
    /// The session ID of the validation.
    pub sid: String,
    /// The client secret of the validation.
    pub client_secret: String,
    /// The Matrix user ID to bind the 3PID to.
    pub mxid: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
/// An association between a 3PID and a Matrix user ID, signed by the identity server.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignedAssociation {
    /// The 3PID address.
    pub address: String,
    /// The 3PID medium, such as ``email`` or ``msisdn``.
    pub medium: String,
    /// The Matrix user ID the 3PID is bound to.
    pub mxid: String,
    /// When the association starts to be valid, in milliseconds since the epoch.
    pub not_before: i64,
    /// When the association stops being valid, in milliseconds since the epoch.
    pub not_after: i64,
    /// When the association was made, in milliseconds since the epoch.
    pub ts: i64,
    /// Signatures of the object, by signing entity and then by key ID, as the
    /// `Signing JSON`_ section of the appendices describes.
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
pub struct _3pid {
    /// The 3PID medium.
    pub medium: String,
    /// The 3PID address.
    pub address: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnbindRequestBody {
    /// The session ID of a validation of the 3PID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// The client secret of that session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// The Matrix user ID the 3PID is bound to.
    pub mxid: String,
    /// The 3PID to unbind.
    pub threepid: _3pid,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
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
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TokenSubmission {
    /// The session ID the ``requestToken`` call returned.
    pub sid: String,
    /// The client secret given to ``requestToken``.
    pub client_secret: String,
    /// The token the user received by email or SMS.
    pub token: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Success {
    /// Whether the validation succeeded.
    pub success: bool,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BlindlySignStuffRequestBody {
    /// The Matrix user ID of the invited user.
    pub mxid: String,
    /// The token of the stored invitation.
    pub token: String,
    /// The short-term private key, in unpadded base64.
    pub private_key: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BlindlySignStuffResponse200 {
    /// The Matrix user ID of the invited user.
    pub mxid: String,
    /// The Matrix user ID of the inviter.
    pub sender: String,
    /// The token of the invitation.
    pub token: String,
    /// Signatures of the object, by signing entity and then by key ID, as the
    /// `Signing JSON`_ section of the appendices describes.
    pub signatures: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, String>,
    >,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PhoneNumberValidationRequest {
    /// A secret the client made up for this session. It must be of the characters
    /// ``[0-9a-zA-Z.=_-]``, between 1 and 255 characters long.
    pub client_secret: String,
    /// The two-letter upper-case ISO-3166-1 alpha-2 country code that
    /// ``phone_number`` is to be read in if it has no international prefix.
    pub country: String,
    /// The phone number to validate.
    pub phone_number: String,
    /// A counter the client increases for each new attempt. The server sends a
    /// new SMS only when it is larger than in the previous request with the
    /// same ``client_secret``, ``country`` and ``phone_number``.
    pub send_attempt: i64,
    /// A URL the server may redirect the user to once the number is validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GetPubKeyResponse200 {
    /// The public key, in unpadded base64.
    pub public_key: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IsPubKeyValidResponse200 {
    /// True when the key is valid.
    pub valid: bool,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoreInviteRequestBody {
    /// The 3PID medium. Only ``email`` is supported.
    pub medium: String,
    /// The 3PID address.
    pub address: String,
    /// The room the invitation is for.
    pub room_id: String,
    /// The Matrix user ID of the inviter.
    pub sender: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InvitationKey {
    /// The public key, in unpadded base64.
    pub public_key: String,
    /// Where to check that the key is still valid.
    pub key_validity_url: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoreInviteResponse200 {
    /// A token that identifies the invitation: of the characters
    /// ``[0-9a-zA-Z.=_-]``, between 1 and 255 characters long.
    pub token: String,
    /// The server's long-term key and a key made for this invitation.
    pub public_keys: Vec<InvitationKey>,
    /// The address, redacted for display in the room.
    pub display_name: String,
    /// Fields beyond the ones named above.
    #[serde(flatten)]
    pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,
}
