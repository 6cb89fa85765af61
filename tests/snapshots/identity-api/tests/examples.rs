//! The spec's 82 request and response examples, each read into its generated type and written back.
/// Reads `json` into `T` and writes it back: the result must be the same JSON, but for
/// `null` members (absent and `null` are one thing to an `Option`) and number forms.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    what: &str,
    json: &str,
) {
    let original: serde_json::Value = serde_json::from_str(json).unwrap();
    let typed: T = match serde_json::from_value(original.clone()) {
        Ok(typed) => typed,
        Err(err) => panic!("{what}: the example does not fit its type: {err}\n{json}"),
    };
    let written = serde_json::to_value(&typed).unwrap();
    assert_eq!(
        normal(& written), normal(& original),
        "{what}: the example changed on the way through its type"
    );
}
fn normal(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            Value::Object(
                map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), normal(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
        Value::Number(n) => {
            n.as_f64().map_or(Value::Number(n.clone()), |f| serde_json::json!(f))
        }
        other => other.clone(),
    }
}
#[test]
#[allow(deprecated)]
fn get_validated3pid() {
    #[allow(unused_imports)]
    use identity_api::get_validated3pid::*;
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"medium\":\"email\",\"address\":\"alice@example.org\",\"validated_at\":1428825849161}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NO_VALID_SESSION\",\"error\":\"No valid session was found matching that sid and client secret\"}",
    );
}
#[test]
#[allow(deprecated)]
fn bind() {
    #[allow(unused_imports)]
    use identity_api::bind::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"mxid\":\"@alice:example.org\"}",
    );
    round_trip::<
        SignedAssociation,
    >(
        "response 200",
        "{\"address\":\"alice@example.org\",\"medium\":\"email\",\"mxid\":\"@alice:example.org\",\"not_before\":1428825849161,\"not_after\":4582425849161,\"ts\":1428825849161,\"signatures\":{\"id.example.org\":{\"ed25519:0\":\"c2lnbmF0dXJlIG9mIHRoZSBvYmplY3Q\"}}}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
}
#[test]
#[allow(deprecated)]
fn unbind() {
    #[allow(unused_imports)]
    use identity_api::unbind::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"mxid\":\"@alice:example.org\",\"threepid\":{\"medium\":\"email\",\"address\":\"alice@example.org\"}}",
    );
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 403",
        "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"The signature does not match the user's homeserver\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"The 3PID is not bound to this user\"}",
    );
}
#[test]
#[allow(deprecated)]
fn email_request_token() {
    #[allow(unused_imports)]
    use identity_api::email_request_token::*;
    round_trip::<
        EmailValidationRequest,
    >(
        "request body",
        "{\"client_secret\":\"monkeys_are_GREAT\",\"email\":\"alice@example.org\",\"send_attempt\":1}",
    );
    round_trip::<Session>("response 200", "{\"sid\":\"1234abcd\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_INVALID_EMAIL\",\"error\":\"The email address is not valid\"}",
    );
}
#[test]
#[allow(deprecated)]
fn email_submit_token_post() {
    #[allow(unused_imports)]
    use identity_api::email_submit_token_post::*;
    round_trip::<
        TokenSubmission,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"token\":\"atoken\"}",
    );
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn email_submit_token_get() {
    #[allow(unused_imports)]
    use identity_api::email_submit_token_get::*;
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn blindly_sign_stuff() {
    #[allow(unused_imports)]
    use identity_api::blindly_sign_stuff::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"mxid\":\"@bob:example.org\",\"token\":\"sometoken\",\"private_key\":\"cHJpdmF0ZSBrZXkgaW4gYmFzZTY0\"}",
    );
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"mxid\":\"@bob:example.org\",\"sender\":\"@alice:example.org\",\"token\":\"sometoken\",\"signatures\":{\"id.example.org\":{\"ed25519:0\":\"c2lnbmF0dXJlIG9mIHRoZSBvYmplY3Q\"}}}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Didn't recognize token\"}",
    );
}
#[test]
#[allow(deprecated)]
fn lookup_user() {
    #[allow(unused_imports)]
    use identity_api::lookup_user::*;
    round_trip::<
        SignedAssociation,
    >(
        "response 200",
        "{\"address\":\"alice@example.org\",\"medium\":\"email\",\"mxid\":\"@alice:example.org\",\"not_before\":1428825849161,\"not_after\":4582425849161,\"ts\":1428825849161,\"signatures\":{\"id.example.org\":{\"ed25519:0\":\"c2lnbmF0dXJlIG9mIHRoZSBvYmplY3Q\"}}}",
    );
}
#[test]
#[allow(deprecated)]
fn lookup_users() {
    #[allow(unused_imports)]
    use identity_api::lookup_users::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"threepids\":[[\"email\",\"alice@example.org\"],[\"msisdn\",\"447700900001\"]]}",
    );
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"threepids\":[[\"email\",\"alice@example.org\",\"@alice:example.org\"]]}",
    );
}
#[test]
#[allow(deprecated)]
fn msisdn_request_token() {
    #[allow(unused_imports)]
    use identity_api::msisdn_request_token::*;
    round_trip::<
        PhoneNumberValidationRequest,
    >(
        "request body",
        "{\"client_secret\":\"monkeys_are_GREAT\",\"country\":\"GB\",\"phone_number\":\"07700900001\",\"send_attempt\":1}",
    );
    round_trip::<Session>("response 200", "{\"sid\":\"1234abcd\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_INVALID_ADDRESS\",\"error\":\"The phone number is not valid\"}",
    );
}
#[test]
#[allow(deprecated)]
fn msisdn_submit_token_post() {
    #[allow(unused_imports)]
    use identity_api::msisdn_submit_token_post::*;
    round_trip::<
        TokenSubmission,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"token\":\"atoken\"}",
    );
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn msisdn_submit_token_get() {
    #[allow(unused_imports)]
    use identity_api::msisdn_submit_token_get::*;
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn ping() {
    #[allow(unused_imports)]
    use identity_api::ping::*;
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
}
#[test]
#[allow(deprecated)]
fn get_pub_key() {
    #[allow(unused_imports)]
    use identity_api::get_pub_key::*;
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"public_key\":\"VXuGitF39UH5iRfvbIknlvlAVKgD1BsLDMvBf0pmp7c\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"The public key was not found\"}",
    );
}
#[test]
#[allow(deprecated)]
fn is_pub_key_valid() {
    #[allow(unused_imports)]
    use identity_api::is_pub_key_valid::*;
    round_trip::<Response200>("response 200", "{\"valid\":true}");
}
#[test]
#[allow(deprecated)]
fn is_ephemeral_pub_key_valid() {
    #[allow(unused_imports)]
    use identity_api::is_ephemeral_pub_key_valid::*;
    round_trip::<Response200>("response 200", "{\"valid\":true}");
}
#[test]
#[allow(deprecated)]
fn store_invite() {
    #[allow(unused_imports)]
    use identity_api::store_invite::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"medium\":\"email\",\"address\":\"bob@example.org\",\"room_id\":\"!something:example.org\",\"sender\":\"@alice:example.org\"}",
    );
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"token\":\"sometoken\",\"public_keys\":[{\"public_key\":\"serverPublicKey\",\"key_validity_url\":\"https://id.example.org/_matrix/identity/v2/pubkey/isvalid\"},{\"public_key\":\"ephemeralPublicKey\",\"key_validity_url\":\"https://id.example.org/_matrix/identity/v2/pubkey/ephemeral/isvalid\"}],\"display_name\":\"b...@e...\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_THREEPID_IN_USE\",\"error\":\"Binding already known\",\"mxid\":\"@bob:example.org\"}",
    );
}
#[test]
#[allow(deprecated)]
fn get_validated3pid_v2() {
    #[allow(unused_imports)]
    use identity_api::get_validated3pid_v2::*;
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"medium\":\"email\",\"address\":\"alice@example.org\",\"validated_at\":1428825849161}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NO_VALID_SESSION\",\"error\":\"No valid session was found matching that sid and client secret\"}",
    );
}
#[test]
#[allow(deprecated)]
fn bind_v2() {
    #[allow(unused_imports)]
    use identity_api::bind_v2::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"mxid\":\"@alice:example.org\"}",
    );
    round_trip::<
        SignedAssociation,
    >(
        "response 200",
        "{\"address\":\"alice@example.org\",\"medium\":\"email\",\"mxid\":\"@alice:example.org\",\"not_before\":1428825849161,\"not_after\":4582425849161,\"ts\":1428825849161,\"signatures\":{\"id.example.org\":{\"ed25519:0\":\"c2lnbmF0dXJlIG9mIHRoZSBvYmplY3Q\"}}}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
}
#[test]
#[allow(deprecated)]
fn unbind_v2() {
    #[allow(unused_imports)]
    use identity_api::unbind_v2::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"mxid\":\"@alice:example.org\",\"threepid\":{\"medium\":\"email\",\"address\":\"alice@example.org\"}}",
    );
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_SESSION_NOT_VALIDATED\",\"error\":\"This validation session has not yet been completed\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 403",
        "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"The signature does not match the user's homeserver\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"The 3PID is not bound to this user\"}",
    );
}
#[test]
#[allow(deprecated)]
fn register_account() {
    #[allow(unused_imports)]
    use identity_api::register_account::*;
    round_trip::<
        OpenIdToken,
    >(
        "request body",
        "{\"access_token\":\"SomeT0kenHere\",\"token_type\":\"Bearer\",\"matrix_server_name\":\"example.org\",\"expires_in\":3600}",
    );
    round_trip::<Response200>("response 200", "{\"token\":\"abc123_OpaqueString\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 401",
        "{\"errcode\":\"M_UNAUTHORIZED\",\"error\":\"The OpenID token could not be verified\"}",
    );
}
#[test]
#[allow(deprecated)]
fn get_account() {
    #[allow(unused_imports)]
    use identity_api::get_account::*;
    round_trip::<Response200>("response 200", "{\"user_id\":\"@alice:example.org\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 401",
        "{\"errcode\":\"M_UNAUTHORIZED\",\"error\":\"Unrecognised access token\"}",
    );
}
#[test]
#[allow(deprecated)]
fn logout() {
    #[allow(unused_imports)]
    use identity_api::logout::*;
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
    round_trip::<
        ErrorBody,
    >(
        "response 401",
        "{\"errcode\":\"M_UNAUTHORIZED\",\"error\":\"Unrecognised access token\"}",
    );
}
#[test]
#[allow(deprecated)]
fn email_request_token_v2() {
    #[allow(unused_imports)]
    use identity_api::email_request_token_v2::*;
    round_trip::<
        EmailValidationRequest,
    >(
        "request body",
        "{\"client_secret\":\"monkeys_are_GREAT\",\"email\":\"alice@example.org\",\"send_attempt\":1}",
    );
    round_trip::<Session>("response 200", "{\"sid\":\"1234abcd\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_INVALID_EMAIL\",\"error\":\"The email address is not valid\"}",
    );
}
#[test]
#[allow(deprecated)]
fn email_submit_token_post_v2() {
    #[allow(unused_imports)]
    use identity_api::email_submit_token_post_v2::*;
    round_trip::<
        TokenSubmission,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"token\":\"atoken\"}",
    );
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn email_submit_token_get_v2() {
    #[allow(unused_imports)]
    use identity_api::email_submit_token_get_v2::*;
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn blindly_sign_stuff_v2() {
    #[allow(unused_imports)]
    use identity_api::blindly_sign_stuff_v2::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"mxid\":\"@bob:example.org\",\"token\":\"sometoken\",\"private_key\":\"cHJpdmF0ZSBrZXkgaW4gYmFzZTY0\"}",
    );
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"mxid\":\"@bob:example.org\",\"sender\":\"@alice:example.org\",\"token\":\"sometoken\",\"signatures\":{\"id.example.org\":{\"ed25519:0\":\"c2lnbmF0dXJlIG9mIHRoZSBvYmplY3Q\"}}}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Didn't recognize token\"}",
    );
}
#[test]
#[allow(deprecated)]
fn msisdn_request_token_v2() {
    #[allow(unused_imports)]
    use identity_api::msisdn_request_token_v2::*;
    round_trip::<
        PhoneNumberValidationRequest,
    >(
        "request body",
        "{\"client_secret\":\"monkeys_are_GREAT\",\"country\":\"GB\",\"phone_number\":\"07700900001\",\"send_attempt\":1}",
    );
    round_trip::<Session>("response 200", "{\"sid\":\"1234abcd\"}");
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_INVALID_ADDRESS\",\"error\":\"The phone number is not valid\"}",
    );
}
#[test]
#[allow(deprecated)]
fn msisdn_submit_token_post_v2() {
    #[allow(unused_imports)]
    use identity_api::msisdn_submit_token_post_v2::*;
    round_trip::<
        TokenSubmission,
    >(
        "request body",
        "{\"sid\":\"1234abcd\",\"client_secret\":\"monkeys_are_GREAT\",\"token\":\"atoken\"}",
    );
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn msisdn_submit_token_get_v2() {
    #[allow(unused_imports)]
    use identity_api::msisdn_submit_token_get_v2::*;
    round_trip::<SuccessBody>("response 200", "{\"success\":true}");
}
#[test]
#[allow(deprecated)]
fn ping_v2() {
    #[allow(unused_imports)]
    use identity_api::ping_v2::*;
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
}
#[test]
#[allow(deprecated)]
fn get_pub_key_v2() {
    #[allow(unused_imports)]
    use identity_api::get_pub_key_v2::*;
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"public_key\":\"VXuGitF39UH5iRfvbIknlvlAVKgD1BsLDMvBf0pmp7c\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 404",
        "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"The public key was not found\"}",
    );
}
#[test]
#[allow(deprecated)]
fn is_pub_key_valid_v2() {
    #[allow(unused_imports)]
    use identity_api::is_pub_key_valid_v2::*;
    round_trip::<Response200>("response 200", "{\"valid\":true}");
}
#[test]
#[allow(deprecated)]
fn is_ephemeral_pub_key_valid_v2() {
    #[allow(unused_imports)]
    use identity_api::is_ephemeral_pub_key_valid_v2::*;
    round_trip::<Response200>("response 200", "{\"valid\":true}");
}
#[test]
#[allow(deprecated)]
fn store_invite_v2() {
    #[allow(unused_imports)]
    use identity_api::store_invite_v2::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"medium\":\"email\",\"address\":\"bob@example.org\",\"room_id\":\"!something:example.org\",\"sender\":\"@alice:example.org\"}",
    );
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"token\":\"sometoken\",\"public_keys\":[{\"public_key\":\"serverPublicKey\",\"key_validity_url\":\"https://id.example.org/_matrix/identity/v2/pubkey/isvalid\"},{\"public_key\":\"ephemeralPublicKey\",\"key_validity_url\":\"https://id.example.org/_matrix/identity/v2/pubkey/ephemeral/isvalid\"}],\"display_name\":\"b...@e...\"}",
    );
    round_trip::<
        ErrorBody,
    >(
        "response 400",
        "{\"errcode\":\"M_THREEPID_IN_USE\",\"error\":\"Binding already known\",\"mxid\":\"@bob:example.org\"}",
    );
}
#[test]
#[allow(deprecated)]
fn get_terms() {
    #[allow(unused_imports)]
    use identity_api::get_terms::*;
    round_trip::<
        Response200,
    >(
        "response 200",
        "{\"policies\":{\"terms_of_service\":{\"version\":\"2.0\",\"en\":{\"name\":\"Terms of Service\",\"url\":\"https://id.example.org/terms-2.0-en.html\"},\"fr\":{\"name\":\"Conditions d'utilisation\",\"url\":\"https://id.example.org/terms-2.0-fr.html\"}}}}",
    );
}
#[test]
#[allow(deprecated)]
fn agree_to_terms() {
    #[allow(unused_imports)]
    use identity_api::agree_to_terms::*;
    round_trip::<
        RequestBody,
    >(
        "request body",
        "{\"user_accepts\":[\"https://id.example.org/terms-2.0-en.html\"]}",
    );
    round_trip::<serde_json::Map<String, serde_json::Value>>("response 200", "{}");
    round_trip::<
        ErrorBody,
    >(
        "response 401",
        "{\"errcode\":\"M_UNAUTHORIZED\",\"error\":\"Unrecognised access token\"}",
    );
}
