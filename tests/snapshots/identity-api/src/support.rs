//! What every endpoint module shares.
/// What the `lenient` feature reads that the spec does not allow, field by field.
#[cfg(feature = "lenient")]
pub mod lenient {
    use serde::Deserialize as _;
    /// An integer, also when written as a float (`5.0`; `5.5` is truncated toward
    /// zero). A float beyond the range of `i64` is an error.
    pub fn integer<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<i64, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        number_to_integer(&number)
            .ok_or_else(|| {
                serde::de::Error::custom(
                    format!("{number} is not an integer, even truncated"),
                )
            })
    }
    /// [`integer`] for an optional or nullable field.
    pub fn optional_integer<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<i64>, D::Error> {
        match Option::<serde_json::Number>::deserialize(deserializer)? {
            None => Ok(None),
            Some(number) => {
                number_to_integer(&number)
                    .map(Some)
                    .ok_or_else(|| {
                        serde::de::Error::custom(
                            format!("{number} is not an integer, even truncated"),
                        )
                    })
            }
        }
    }
    /// Whether `value` is an object with every one of `names` (a union's alternative
    /// that fits as the spec writes it, before one that fits only leniently).
    pub fn has_fields(value: &serde_json::Value, names: &[&str]) -> bool {
        match value {
            serde_json::Value::Object(object) => {
                names.iter().all(|name| object.contains_key(*name))
            }
            _ => names.is_empty(),
        }
    }
    fn number_to_integer(number: &serde_json::Number) -> Option<i64> {
        if let Some(integer) = number.as_i64() {
            return Some(integer);
        }
        let float = number.as_f64()?.trunc();
        (float.is_finite() && float >= i64::MIN as f64 && float < i64::MAX as f64)
            .then_some(float as i64)
    }
}
/// How an endpoint authenticates its callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// No authentication.
    None,
    /// An access token is required.
    AccessToken,
    /// An access token may be sent.
    AccessTokenOptional,
    /// An `Authorization` header the caller computes per request, such as Matrix
    /// federation's `X-Matrix` signature: the client's `RequestSigner` adds it.
    SignedRequest,
}
/// Where an endpoint's credential goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <credentials>` (the base64 of `user:password`).
    Basic,
    /// A header of this name (an API key).
    Header(&'static str),
    /// A query parameter of this name (an API key).
    Query(&'static str),
}
/// What an endpoint is, independent of its request and response types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// The HTTP method.
    pub method: &'static str,
    /// The full path, with `{name}` for each path parameter.
    pub path: &'static str,
    /// Whether the server may answer 429.
    pub rate_limited: bool,
    /// Where the access token (or key) goes.
    pub credential: Credential,
    /// How callers authenticate.
    pub authentication: AuthScheme,
    /// Whether the endpoint is deprecated.
    pub deprecated: bool,
}
impl Metadata {
    /// The method as an `http` value.
    pub fn http_method(&self) -> http::Method {
        http::Method::from_bytes(self.method.as_bytes()).unwrap_or(http::Method::GET)
    }
}
/// Why a conversion failed.
#[derive(Debug)]
pub enum Error {
    /// Building the HTTP message failed.
    Http(http::Error),
    /// A body was not the JSON its type expects.
    Json(serde_json::Error),
    /// The endpoint needs an access token and none was given.
    MissingAccessToken,
    /// A required path, query or header value is missing.
    Missing(&'static str),
    /// A path, query or header value does not parse as its type.
    Invalid(&'static str),
    /// The response has a status the spec does not list.
    UnexpectedStatus(u16),
}
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Http(err) => write!(f, "cannot build the HTTP message: {err}"),
            Error::Json(err) => write!(f, "the body is not the expected JSON: {err}"),
            Error::MissingAccessToken => {
                f.write_str("the endpoint needs an access token")
            }
            Error::Missing(name) => write!(f, "`{name}` is missing"),
            Error::Invalid(name) => write!(f, "`{name}` does not parse"),
            Error::UnexpectedStatus(status) => write!(f, "unexpected status {status}"),
        }
    }
}
impl std::error::Error for Error {}
impl From<http::Error> for Error {
    fn from(err: http::Error) -> Self {
        Error::Http(err)
    }
}
impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Json(err)
    }
}
/// A body that is not JSON (a download, an upload): its bytes and media type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawBody {
    /// The `Content-Type` it came with, or goes out with (`application/octet-stream`
    /// when None).
    pub content_type: Option<String>,
    /// The bytes, as they are.
    pub bytes: Vec<u8>,
}
impl RawBody {
    /// The body and content type of a response.
    pub fn of(response: &http::Response<Vec<u8>>) -> RawBody {
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        RawBody {
            content_type,
            bytes: response.body().clone(),
        }
    }
}
/// Sets header `name` of a request being built, replacing any value it had.
pub fn set_header(
    builder: &mut http::request::Builder,
    name: &str,
    value: &str,
) -> Result<(), Error> {
    let name = http::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Invalid("header name"))?;
    let value = http::header::HeaderValue::from_str(value)
        .map_err(|_| Error::Invalid("header value"))?;
    if let Some(headers) = builder.headers_mut() {
        headers.insert(name, value);
    }
    Ok(())
}
/// Percent-encodes `text` for a URL; `/` too unless `keep_slash`.
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~') || (keep_slash && byte == b'/');
        if plain {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
/// Decodes `%XX` escapes, and `+` as a space when `plus_is_space` (a query string).
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
/// The `name=value` pairs of a request's query string, decoded.
pub fn query_pairs(uri: &http::Uri) -> Vec<(String, String)> {
    uri.query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name, true), decode(value, true))
        })
        .collect()
}
/// A response of `status` with `body` of `content_type` (server side).
pub fn response(
    status: u16,
    body: Vec<u8>,
    content_type: &str,
) -> Result<http::Response<Vec<u8>>, Error> {
    Ok(
        http::Response::builder()
            .status(status)
            .header(http::header::CONTENT_TYPE, content_type)
            .body(body)?,
    )
}
/// Starts a request for `metadata` at `base_url` + `path` + `query`, with
/// `access_token` applied as the endpoint asks, and `accept` (the media type of
/// the answers the crate reads) as the `Accept` header.
pub fn request_builder(
    metadata: &Metadata,
    base_url: &str,
    path: &str,
    query: &[(&str, String)],
    content_type: &str,
    accept: Option<&str>,
    access_token: Option<&str>,
) -> Result<http::request::Builder, Error> {
    let token = match (metadata.authentication, access_token) {
        (AuthScheme::None | AuthScheme::SignedRequest, _)
        | (AuthScheme::AccessTokenOptional, None) => None,
        (_, Some(token)) => Some(token),
        (AuthScheme::AccessToken, None) => return Err(Error::MissingAccessToken),
    };
    let mut query = query.to_vec();
    let mut header = None;
    match (token, metadata.credential) {
        (None, _) => {}
        (Some(token), Credential::Bearer) => {
            header = Some(("authorization", format!("Bearer {token}")));
        }
        (Some(token), Credential::Basic) => {
            header = Some(("authorization", format!("Basic {token}")));
        }
        (Some(token), Credential::Header(name)) => {
            header = Some((name, token.to_owned()));
        }
        (Some(token), Credential::Query(name)) => query.push((name, token.to_owned())),
    }
    let mut builder = http::Request::builder()
        .method(metadata.http_method())
        .uri(url(base_url, path, &query))
        .header(http::header::CONTENT_TYPE, content_type);
    if let Some(accept) = accept {
        builder = builder.header(http::header::ACCEPT, accept);
    }
    Ok(
        match header {
            Some((name, value)) => builder.header(name, value),
            None => builder,
        },
    )
}
/// Replaces `placeholder` (`{name}`) in `path` by `value`, percent-encoded.
pub fn fill_path(path: &mut String, placeholder: &str, value: &impl std::fmt::Display) {
    *path = path.replace(placeholder, &encode(&value.to_string(), false));
}
/// The next path argument, parsed as the type of the parameter `name`.
pub fn path_arg<T: std::str::FromStr>(
    args: &mut std::slice::Iter<'_, &str>,
    name: &'static str,
) -> Result<T, Error> {
    args.next().ok_or(Error::Missing(name))?.parse().map_err(|_| Error::Invalid(name))
}
/// The first value of the query parameter `name`, parsed; None when it is absent.
pub fn query_value<T: std::str::FromStr>(
    query: &[(String, String)],
    name: &'static str,
) -> Result<Option<T>, Error> {
    query
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.parse().map_err(|_| Error::Invalid(name)))
        .transpose()
}
/// The query pairs no named parameter takes: the entries of an exploded map
/// parameter.
pub fn query_rest(
    query: &[(String, String)],
    named: &[&str],
) -> std::collections::BTreeMap<String, String> {
    query
        .iter()
        .filter(|(key, _)| key != "access_token" && !named.contains(&key.as_str()))
        .cloned()
        .collect()
}
/// Every value of the query parameter `name`, parsed.
pub fn query_values<T: std::str::FromStr>(
    query: &[(String, String)],
    name: &'static str,
) -> Result<Vec<T>, Error> {
    query
        .iter()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.parse().map_err(|_| Error::Invalid(name)))
        .collect()
}
/// The header `name`, parsed; None when it is absent or not text.
pub fn header_value<T: std::str::FromStr>(
    request: &http::Request<Vec<u8>>,
    name: &'static str,
) -> Result<Option<T>, Error> {
    request
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.parse().map_err(|_| Error::Invalid(name)))
        .transpose()
}
/// Joins a base URL, a path and query pairs. A character of the path that a URL
/// cannot hold (`/<upload_url>`) is percent-encoded; the filled parameters already
/// are.
pub fn url(base_url: &str, path: &str, query: &[(&str, String)]) -> String {
    let mut url = base_url.trim_end_matches('/').to_owned();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(name, false));
        url.push('=');
        url.push_str(&encode(value, false));
    }
    url
}
