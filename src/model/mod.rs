//! The model: one intermediate representation of a spec tree, whatever the input version.
//!
//! A spec tree has APIs (one per folder of `api/`), each made of groups (one per YAML file
//! directly in that folder), each holding endpoints; and event schemas with their examples.
//! Schemas and examples stay resolved [`Node`] trees, so every consumer can still point at the
//! file and line a piece came from. The model knows nothing of any output format.

mod build;
pub mod changelog;
mod events;
mod openapi3;
pub mod rules;
pub mod schema;
mod shared;
mod swagger2;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Node, Span};

pub use build::{LoadOptions, build};
pub use schema::Schema;

/// A whole spec tree.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The APIs, sorted by folder name.
    pub apis: Vec<Api>,
    /// The event schemas of `event-schemas/schema/`, sorted by name.
    pub events: Vec<EventSchema>,
    /// The core event schemas (`event-schemas/schema/core-event-schema/*.yaml`) the event
    /// schemas build on, sorted by name.
    pub core_events: Vec<NamedSchema>,
    /// The schemas of a matrix-spec repository's other folders of `data/` (`data/schemas/`),
    /// named by their path below `data/` without the extension (`schemas/server-signatures`),
    /// sorted: what a `definition` may name besides an API's definitions.
    pub data_schemas: Vec<NamedSchema>,
    /// The changelogs of `changelogs/`, sorted by name.
    pub changelogs: Vec<changelog::Changelog>,
    /// Why outputs that inline every `$ref` (dumps, crates, documents) must refuse this spec:
    /// inlined, its documents would pass the `inlined-nodes` limit. `check` is not one of them.
    pub inline_refusal: Option<Diagnostic>,
    /// The rule levels `check` applies: the tree's `redocly.yaml`, or its preset.
    pub rules: rules::RuleLevels,
}

/// The markup of descriptions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prose {
    /// reStructuredText: a matrix-doc tree, whose templates put descriptions into RST pages.
    Rst,
    /// CommonMark: a matrix-spec repository, and any OpenAPI or Swagger document (both
    /// specifications say descriptions are Markdown).
    Markdown,
}

/// One API: the files of one folder of `api/`.
#[derive(Clone, Debug)]
pub struct Api {
    /// The folder name (`client-server`, `identity`, ...).
    pub name: String,
    /// The markup of its descriptions.
    pub prose: Prose,
    /// The groups, sorted by file name.
    pub groups: Vec<Group>,
    /// The shared schemas of `definitions/` (and its direct subfolders), sorted by path.
    pub definitions: Vec<NamedSchema>,
    /// The `$ref` targets of the tree, by the [`Node::shared_identity`] of their resolved
    /// node: what a code generator names an untitled schema's type after, and what a dump
    /// names its components after.
    ///
    /// [`Node::shared_identity`]: crate::source::Node::shared_identity
    pub ref_targets: std::sync::Arc<crate::resolve::RefTargets>,
    /// A folder of a Matrix tree (matrix-doc or matrix-spec), whose outputs follow Matrix's
    /// conventions (the titles and servers of its own dump script); false for one OpenAPI or
    /// Swagger document, whose own `info` and servers its dumps keep.
    pub matrix: bool,
}

/// A schema file shown on its own: an API definition or a core event schema.
#[derive(Clone, Debug)]
pub struct NamedSchema {
    /// The path below its folder without `.yaml` (`errors/error`, `room_event`).
    pub name: String,
    /// The file.
    pub file: FileId,
    /// The schema, refs resolved.
    pub schema: Schema,
}

/// Which format a group was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecFormat {
    /// `swagger: "2.0"`.
    Swagger2,
    /// `openapi: 3.0.x`.
    OpenApi30,
    /// `openapi: 3.1.x`.
    OpenApi31,
}

/// One group of endpoints: one Swagger/OpenAPI document.
#[derive(Clone, Debug)]
pub struct Group {
    /// The file stem (`lookup`, `v2_ping`).
    pub name: String,
    /// The file.
    pub file: FileId,
    /// The format it was written in.
    pub format: SpecFormat,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// The base path as written (Swagger `basePath`, or the path of the first OpenAPI server),
    /// placeholders such as `%CLIENT_MAJOR_VERSION%` left in.
    pub base_path: String,
    /// Every server the document names, in order (Swagger 2.0: one from `schemes`, `host`
    /// and `basePath`, when it has a host); `base_path` is the first one's path.
    pub servers: Vec<Server>,
    /// Security schemes the group defines, in source order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The endpoints, in source order.
    pub endpoints: Vec<Endpoint>,
    /// The operations of OpenAPI 3.1's `webhooks`: requests the API sends, not ones it
    /// serves, so they are not endpoints; their `path` is the webhook's name. Checked like
    /// endpoints; outputs that cannot carry them say so.
    pub webhooks: Vec<Endpoint>,
    /// The whole document, resolved (ref-free): what a dump that keeps the source's own
    /// shape, such as the OpenAPI 3.1 one, is made from.
    pub document: Node,
}

/// A server of a document: OpenAPI 3's `servers` entry, or Swagger 2.0's `schemes`, `host`
/// and `basePath`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The URL as written (`{protocol}://{hostname}{basePath}`).
    pub template: String,
    /// The URL with every variable at its default (`https://localhost:8448/_matrix/federation/v1`).
    pub url: String,
    /// Its path (`/_matrix/federation/v1`).
    pub base_path: String,
    /// What it is, when the document says.
    pub description: Option<String>,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// All methods, in the order Swagger lists them in a path item.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// Lower-case name, as a path item key.
    pub fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// Upper-case name, as in an HTTP request line.
    pub fn upper(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// The method for a path item key.
    pub fn from_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// How an endpoint authenticates callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// No authentication.
    None,
    /// One of these schemes must be used.
    Required {
        /// Scheme names, as in the security requirement.
        schemes: Vec<String>,
        /// The requirements as written: one of them must be met.
        requirements: Vec<Requirement>,
    },
    /// Callers may authenticate with one of these schemes (the requirement list also holds `{}`).
    Optional {
        /// Scheme names.
        schemes: Vec<String>,
        /// The requirements as written, but the empty one.
        requirements: Vec<Requirement>,
    },
}

/// One security requirement: every scheme it names (all of them together), each with the
/// scopes it needs.
pub type Requirement = Vec<(String, Vec<String>)>;

/// Where an endpoint's credential goes, as the first scheme of its security requirement says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <token>`: a `bearer` scheme, OAuth2, OpenID Connect, or no
    /// scheme mxspec can place otherwise.
    Bearer,
    /// `Authorization: Basic <credentials>`: an `http` `basic` scheme.
    Basic,
    /// A header of this name (an `apiKey` scheme `in: header`).
    Header(String),
    /// A query parameter of this name (an `apiKey` scheme `in: query`).
    Query(String),
}

/// A security scheme a group defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityScheme {
    /// The name requirements use.
    pub name: String,
    /// What kind of scheme.
    pub kind: SecurityKind,
    /// Its description.
    pub description: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of [`SecurityScheme`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecurityKind {
    /// A key sent as a query parameter, header or cookie.
    ApiKey {
        /// Parameter or header name.
        name: String,
        /// Where the key goes.
        location: ParamLocation,
    },
    /// HTTP authentication (`bearer`, `basic`, ...).
    Http {
        /// The scheme name.
        scheme: String,
    },
    /// OAuth 2.0: its flows (Swagger 2.0 writes one; OpenAPI 3 up to four).
    OAuth2 {
        /// The flows, in the order OpenAPI 3 lists their keys.
        flows: Vec<OAuthFlow>,
    },
    /// OpenID Connect: where its configuration is discovered.
    OpenIdConnect {
        /// `openIdConnectUrl`.
        url: String,
    },
    /// Anything else, kept by type name.
    Other {
        /// The `type` as written.
        kind: String,
    },
}

/// One flow of an OAuth 2.0 scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthFlow {
    /// Which flow.
    pub kind: OAuthFlowKind,
    /// `authorizationUrl` (implicit and authorization code flows).
    pub authorization_url: Option<String>,
    /// `tokenUrl` (password, client credentials and authorization code flows).
    pub token_url: Option<String>,
    /// `refreshUrl` (OpenAPI 3 only).
    pub refresh_url: Option<String>,
    /// The scopes and their descriptions, as written.
    pub scopes: Vec<(String, String)>,
}

/// The OAuth 2.0 flows, by their OpenAPI 3 names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OAuthFlowKind {
    /// `implicit`.
    Implicit,
    /// `password`.
    Password,
    /// `clientCredentials` (Swagger 2.0's `application`).
    ClientCredentials,
    /// `authorizationCode` (Swagger 2.0's `accessCode`).
    AuthorizationCode,
}

impl OAuthFlowKind {
    /// Every flow, in the order OpenAPI 3 lists them.
    pub const ALL: [OAuthFlowKind; 4] = [
        OAuthFlowKind::Implicit,
        OAuthFlowKind::Password,
        OAuthFlowKind::ClientCredentials,
        OAuthFlowKind::AuthorizationCode,
    ];

    /// Its key in an OpenAPI 3 `flows` object.
    pub fn openapi3_key(self) -> &'static str {
        match self {
            OAuthFlowKind::Implicit => "implicit",
            OAuthFlowKind::Password => "password",
            OAuthFlowKind::ClientCredentials => "clientCredentials",
            OAuthFlowKind::AuthorizationCode => "authorizationCode",
        }
    }

    /// Its name as Swagger 2.0's `flow`.
    pub fn swagger2_name(self) -> &'static str {
        match self {
            OAuthFlowKind::Implicit => "implicit",
            OAuthFlowKind::Password => "password",
            OAuthFlowKind::ClientCredentials => "application",
            OAuthFlowKind::AuthorizationCode => "accessCode",
        }
    }
}

/// One operation: a method on a path.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The method.
    pub method: Method,
    /// The path as written in `paths`.
    pub path: String,
    /// Base path plus path, placeholders left in (`/_matrix/client/%CLIENT_MAJOR_VERSION%/sync`).
    pub raw_full_path: String,
    /// Base path plus path with placeholders filled from the load options.
    pub full_path: String,
    /// `operationId`.
    pub operation_id: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The responses include 429.
    pub rate_limited: bool,
    /// Authentication, from the operation's `security` or the document's.
    pub auth: Auth,
    /// Whether the operation itself has a `security` key (the original toolchain's
    /// `requires_auth` looked only at that).
    pub has_security_key: bool,
    /// Path, query, header and cookie parameters, path-level ones merged in.
    pub parameters: Vec<Parameter>,
    /// The request body.
    pub body: Option<Body>,
    /// Responses in source order.
    pub responses: Vec<Response>,
    /// `x-` extension fields of the operation, in source order.
    pub extensions: Vec<(String, Node)>,
    /// The Matrix versions that added and changed it.
    pub versions: MatrixVersions,
    /// Where the operation is: its method key (`get:`).
    pub span: Span,
}

/// The Matrix spec's version extensions of an operation, parameter or schema
/// (`openapi_extensions.md` of matrix-spec): `x-addedInMatrixVersion: "1.1"` and
/// `x-changedInMatrixVersion: {"1.6": what changed}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixVersions {
    /// The version that added it (`1.1`).
    pub added_in: Option<String>,
    /// Each version that changed it, with what changed, in source order.
    pub changed_in: Vec<(String, String)>,
}

impl MatrixVersions {
    /// The extensions of `node` (a map); versions written as numbers (`1.1` unquoted) are
    /// read as their text.
    pub fn of(node: &Node) -> MatrixVersions {
        use crate::source::Value;
        let text = |node: &Node| match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(n) => Some(n.to_string()),
            _ => None,
        };
        let added_in = node.get("x-addedInMatrixVersion").and_then(text);
        let changed_in = node
            .get("x-changedInMatrixVersion")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(|changes| changes.iter())
            .map(|(version, what)| (version.to_owned(), text(what).unwrap_or_default()))
            .collect();
        MatrixVersions {
            added_in,
            changed_in,
        }
    }

    /// True when neither extension is present.
    pub fn is_empty(&self) -> bool {
        self.added_in.is_none() && self.changed_in.is_empty()
    }
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// An HTTP header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    /// The `in:` value.
    pub fn key(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }

    /// The location for an `in:` value (`body` and `formData` are not parameters in the model).
    pub fn from_key(key: &str) -> Option<ParamLocation> {
        match key {
            "path" => Some(ParamLocation::Path),
            "query" => Some(ParamLocation::Query),
            "header" => Some(ParamLocation::Header),
            "cookie" => Some(ParamLocation::Cookie),
            _ => None,
        }
    }
}

/// A non-body parameter.
#[derive(Clone, Debug)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// `required`.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Its schema. Swagger 2.0 writes it inline (`type`, `enum`, `items`, ...); the model always
    /// has it as a schema.
    pub schema: Schema,
    /// `x-example` (Swagger 2.0) or `example` (OpenAPI 3).
    pub example: Option<Node>,
    /// The Matrix versions that added and changed it.
    pub versions: MatrixVersions,
    /// Where the parameter starts.
    pub span: Span,
}

/// A request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// The Swagger 2.0 body parameter's name; None for OpenAPI 3.
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `required`.
    pub required: bool,
    /// Media types (`consumes`, or the keys of OpenAPI's `content`).
    pub media_types: Vec<String>,
    /// The schema.
    pub schema: Schema,
    /// Examples: the body's `x-example`, and OpenAPI `example`/`examples` of the media type.
    /// The schema's own `example` stays in the schema.
    pub examples: Vec<Example>,
    /// How many of the endpoint's parameters come before the body in the source (Swagger 2.0
    /// lists the body among them; OpenAPI 3 puts it after).
    pub position: usize,
    /// Where the body starts.
    pub span: Span,
}

/// An example value with the place it came from.
#[derive(Clone, Debug)]
pub struct Example {
    /// The media type it is listed under (`application/json`); None for Swagger 2.0's
    /// `x-example` of a body.
    pub media_type: Option<String>,
    /// Its name among an OpenAPI 3 media type's named `examples`; None for a single
    /// `example` (or Swagger 2.0's).
    pub name: Option<String>,
    /// The named example's `summary`.
    pub summary: Option<String>,
    /// The value, refs resolved.
    pub value: Node,
    /// The schema of the media type it is listed under, when that media type has one (each
    /// media type of an OpenAPI 3 `content` map has its own); None for Swagger 2.0, whose
    /// response has one schema.
    pub schema: Option<Schema>,
}

impl Example {
    /// True when it is JSON: listed under a JSON media type, or under none (Swagger 2.0's
    /// body `x-example`).
    pub fn is_json(&self) -> bool {
        self.media_type
            .as_deref()
            .is_none_or(|media| media.contains("json"))
    }
}

/// A response status as written: Swagger gives integer keys a meaning quoted keys lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The key text (`200`, `4XX`, `default`).
    pub text: String,
    /// True when YAML read the key as an integer.
    pub integer: bool,
}

/// One response of an endpoint.
#[derive(Clone, Debug)]
pub struct Response {
    /// The status.
    pub status: Status,
    /// `description`.
    pub description: String,
    /// Response headers.
    pub headers: Vec<Header>,
    /// The body schema, if the response has one.
    pub schema: Option<Schema>,
    /// Media types of the body (`produces`, or the keys of OpenAPI's `content`).
    pub media_types: Vec<String>,
    /// Examples by media type or name.
    pub examples: Vec<Example>,
    /// Where the response starts.
    pub span: Span,
    /// The [`Node::shared_identity`] of the response object: every use of one `$ref` target
    /// has the same (see [`crate::resolve::RefTargets`]).
    ///
    /// [`Node::shared_identity`]: crate::source::Node::shared_identity
    pub identity: Option<usize>,
}

/// A response header.
#[derive(Clone, Debug)]
pub struct Header {
    /// The header name.
    pub name: String,
    /// `description`.
    pub description: Option<String>,
    /// Its schema.
    pub schema: Schema,
    /// Where it starts.
    pub span: Span,
    /// The [`Node::shared_identity`] of the header object, as for a [`Response`].
    ///
    /// [`Node::shared_identity`]: crate::source::Node::shared_identity
    pub identity: Option<usize>,
}

/// An event schema from `event-schemas/schema/`.
#[derive(Clone, Debug)]
pub struct EventSchema {
    /// The file name: the event type, with a variant after `$` (`m.room.message$m.text`).
    pub name: String,
    /// The file.
    pub file: FileId,
    /// The schema, refs resolved.
    pub schema: Schema,
    /// Examples from `event-schemas/examples/` for this schema, sorted by file name.
    pub examples: Vec<EventExample>,
}

/// An example event.
#[derive(Clone, Debug)]
pub struct EventExample {
    /// The file name (`m.room.member$invite_room_state`).
    pub name: String,
    /// The file.
    pub file: FileId,
    /// The example, refs resolved.
    pub value: Node,
}

impl Group {
    /// The endpoints, then the webhooks: every operation the document describes.
    pub fn operations(&self) -> impl Iterator<Item = &Endpoint> {
        self.endpoints.iter().chain(&self.webhooks)
    }

    /// Where `endpoint`'s credential goes: by the first scheme its security requirement
    /// names (Bearer when it names none mxspec can place).
    pub fn credential(&self, endpoint: &Endpoint) -> Credential {
        let first = match &endpoint.auth {
            Auth::None => None,
            Auth::Required { schemes, .. } | Auth::Optional { schemes, .. } => schemes.first(),
        };
        let scheme = first.and_then(|name| self.security_schemes.iter().find(|s| &s.name == name));
        match scheme.map(|s| &s.kind) {
            Some(SecurityKind::ApiKey { name, location }) => match location {
                ParamLocation::Header => Credential::Header(name.clone()),
                ParamLocation::Query => Credential::Query(name.clone()),
                _ => Credential::Bearer,
            },
            Some(SecurityKind::Http { scheme }) if scheme.eq_ignore_ascii_case("basic") => {
                Credential::Basic
            }
            _ => Credential::Bearer,
        }
    }

    /// The `Authorization` scheme of `endpoint` when the caller must compute it per request:
    /// every scheme its security names is HTTP authentication of a scheme other than
    /// `bearer`, `basic` or `digest` (Matrix federation's `X-Matrix` signature).
    pub fn signed_request_scheme(&self, endpoint: &Endpoint) -> Option<&str> {
        let names = match &endpoint.auth {
            Auth::None => return None,
            Auth::Required { schemes, .. } | Auth::Optional { schemes, .. } => schemes,
        };
        let mut found = None;
        for name in names {
            let scheme = self.security_schemes.iter().find(|s| &s.name == name)?;
            match &scheme.kind {
                SecurityKind::Http { scheme }
                    if !["bearer", "basic", "digest"]
                        .iter()
                        .any(|standard| scheme.eq_ignore_ascii_case(standard)) =>
                {
                    found = Some(scheme.as_str());
                }
                _ => return None,
            }
        }
        found
    }
}

impl Spec {
    /// Every operation, the endpoints' and the webhooks', with its API and group.
    pub fn operations(&self) -> impl Iterator<Item = (&Api, &Group, &Endpoint)> {
        self.apis.iter().flat_map(|api| {
            api.groups
                .iter()
                .flat_map(move |group| group.operations().map(move |e| (api, group, e)))
        })
    }

    /// Every endpoint of every API, with its API and group.
    pub fn endpoints(&self) -> impl Iterator<Item = (&Api, &Group, &Endpoint)> {
        self.apis.iter().flat_map(|api| {
            api.groups
                .iter()
                .flat_map(move |group| group.endpoints.iter().map(move |e| (api, group, e)))
        })
    }

    /// The API named `name`.
    pub fn api(&self, name: &str) -> Option<&Api> {
        self.apis.iter().find(|api| api.name == name)
    }
}
