//! The OpenAPI 3.0 dump, emitted through `openapiv3`.
//!
//! The document is built as typed `openapiv3` values and written from them. Schemas are read
//! into `openapiv3::Schema` once per shared definition, so a schema openapiv3 cannot read fails
//! here, not in a user's tool. Before that they are translated where 3.0 differs: a type list `[T, "null"]` becomes `type: T, nullable: true`,
//! other type lists become `anyOf`, tuple `items` lists become one items schema, and
//! `type: file` becomes a binary string. Keywords 3.0 lacks (`patternProperties`) are dropped
//! by openapiv3, and so are keyword values of an impossible shape (see [`drop_invalid_shapes`]).

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, StatusCode};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize as _;
use serde_json::{Map, Value, json};

use super::schemas::{Kept, Schemas, Use};
use super::{
    DumpError, Options, own_extras, own_info, own_servers, security_requirements, title, version,
};
use crate::model::{Api, Endpoint, Example, Header, Method, ParamLocation, Response, SecurityKind};
use crate::schema::Dialect;
use crate::source::Node;

/// The API as one bundled OpenAPI 3.0 document, every ref inlined.
pub fn openapi3(api: &Api) -> Result<OpenApi30, DumpError> {
    openapi3_with(api, &Options::default())
}

/// The API as one bundled OpenAPI 3.0 document, written as `options` say.
pub fn openapi3_with(api: &Api, options: &Options) -> Result<OpenApi30, DumpError> {
    let mut builder = Builder {
        api,
        typed: HashMap::default(),
        schemas: Schemas::new(&api.ref_targets, options, "#/components/schemas/"),
        responses: Kept::new(options, "#/components/responses/"),
        headers: Kept::new(options, "#/components/headers/"),
        dialect: Dialect::OpenApi30,
    };
    let mut paths: IndexMap<String, ReferenceOr<PathItem>> = IndexMap::new();
    let mut schemes: IndexMap<String, ReferenceOr<openapiv3::SecurityScheme>> = IndexMap::new();
    for group in &api.groups {
        for scheme in &group.security_schemes {
            let description = scheme.description.clone();
            let typed = match &scheme.kind {
                SecurityKind::ApiKey { name, location } => openapiv3::SecurityScheme::APIKey {
                    location: match location {
                        ParamLocation::Query | ParamLocation::Path => {
                            openapiv3::APIKeyLocation::Query
                        }
                        ParamLocation::Header => openapiv3::APIKeyLocation::Header,
                        ParamLocation::Cookie => openapiv3::APIKeyLocation::Cookie,
                    },
                    name: name.clone(),
                    description,
                    extensions: IndexMap::new(),
                },
                SecurityKind::Http { scheme } => openapiv3::SecurityScheme::HTTP {
                    scheme: scheme.clone(),
                    bearer_format: None,
                    description,
                    extensions: IndexMap::new(),
                },
                SecurityKind::OAuth2 { flows } => openapiv3::SecurityScheme::OAuth2 {
                    flows: oauth2_flows(flows),
                    description,
                    extensions: IndexMap::new(),
                },
                SecurityKind::OpenIdConnect { url } => openapiv3::SecurityScheme::OpenIDConnect {
                    open_id_connect_url: url.clone(),
                    description,
                    extensions: IndexMap::new(),
                },
                SecurityKind::Other { kind } => {
                    return Err(builder.error(
                        None,
                        format!(
                            "security scheme `{}` has a type ({kind}) the dump cannot express",
                            scheme.name
                        ),
                    ));
                }
            };
            schemes
                .entry(scheme.name.clone())
                .or_insert(ReferenceOr::Item(typed));
        }
        builder.dialect = Dialect::of(group.format);
        for endpoint in &group.endpoints {
            let item = paths
                .entry(endpoint.full_path.clone())
                .or_insert_with(|| ReferenceOr::Item(PathItem::default()));
            let ReferenceOr::Item(item) = item else {
                unreachable!("path items are built inline")
            };
            let slot = match endpoint.method {
                Method::Get => &mut item.get,
                Method::Put => &mut item.put,
                Method::Post => &mut item.post,
                Method::Delete => &mut item.delete,
                Method::Options => &mut item.options,
                Method::Head => &mut item.head,
                Method::Patch => &mut item.patch,
                Method::Trace => &mut item.trace,
            };
            if slot.is_none() {
                *slot = Some(builder.operation(endpoint)?);
            }
        }
    }
    let mut schemas = IndexMap::new();
    for (name, definition) in builder.schemas.into_definitions() {
        let typed = openapiv3::Schema::deserialize(schema(definition))
            .map_err(|err| error(api, None, format!("schema {name}: {err}")))?;
        schemas.insert(name, ReferenceOr::Item(typed));
    }
    let responses: IndexMap<_, _> = builder.responses.into_items().into_iter().collect();
    let headers: IndexMap<_, _> = builder.headers.into_items().into_iter().collect();
    let components = openapiv3::Components {
        security_schemes: schemes,
        schemas,
        responses,
        headers,
        ..Default::default()
    };
    let components = (components != openapiv3::Components::default()).then_some(components);
    // A document's own info, where openapiv3 reads it (an `info` 3.1 extends, with a
    // `summary` or a license `identifier`, falls back to its title and version).
    let info = own_info(api)
        .and_then(|info| serde_json::from_value(info).ok())
        .unwrap_or_else(|| openapiv3::Info {
            title: title(api),
            version: version(api),
            ..Default::default()
        });
    let servers: Vec<openapiv3::Server> = own_servers(api)
        .into_iter()
        .filter_map(|server| serde_json::from_value(server).ok())
        .collect();
    // The document's own tags, externalDocs and extensions, where openapiv3 reads them.
    let mut extras = own_extras(api);
    let tags = extras
        .remove("tags")
        .and_then(|tags| serde_json::from_value(tags).ok())
        .unwrap_or_default();
    let external_docs = extras
        .remove("externalDocs")
        .and_then(|docs| serde_json::from_value(docs).ok());
    Ok(OpenApi30(openapiv3::OpenAPI {
        openapi: "3.0.3".to_owned(),
        info,
        tags,
        external_docs,
        extensions: extras.into_iter().collect(),
        paths: openapiv3::Paths {
            paths,
            extensions: IndexMap::new(),
        },
        components,
        // The paths are absolute (base paths included), so a server is an origin: the
        // document's own, or where the document is served from; Redocly's `no-empty-servers`
        // asks for one.
        servers: if servers.is_empty() {
            vec![openapiv3::Server {
                url: "/".to_owned(),
                ..Default::default()
            }]
        } else {
            servers
        },
        ..Default::default()
    }))
}

/// An OpenAPI 3.0 dump: the typed document, serialized without the `null` that openapiv3
/// writes for a server variable without a description (the specification wants a string
/// there or nothing).
#[derive(Clone, Debug)]
pub struct OpenApi30(pub openapiv3::OpenAPI);

impl serde::Serialize for OpenApi30 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut value = serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)?;
        for server in value
            .get_mut("servers")
            .and_then(serde_json::Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            for variable in server
                .get_mut("variables")
                .and_then(serde_json::Value::as_object_mut)
                .into_iter()
                .flat_map(|variables| variables.values_mut())
            {
                if let Some(variable) = variable
                    .as_object_mut()
                    .filter(|v| v.get("description").is_some_and(|d| d.is_null()))
                {
                    variable.remove("description");
                }
            }
        }
        value.serialize(serializer)
    }
}

/// Builds typed operations; each distinct schema (by the identity of its shared node) is
/// translated and read by openapiv3 once, then cloned.
struct Builder<'a> {
    api: &'a Api,
    typed: HashMap<usize, ReferenceOr<openapiv3::Schema>>,
    schemas: Schemas<'a>,
    responses: Kept<ReferenceOr<openapiv3::Response>>,
    headers: Kept<ReferenceOr<openapiv3::Header>>,
    /// The dialect of the group whose operations are being built.
    dialect: Dialect,
}

impl<'a> Builder<'a> {
    fn error(&self, endpoint: Option<&Endpoint>, message: String) -> DumpError {
        error(self.api, endpoint, message)
    }

    fn schema(
        &mut self,
        endpoint: &Endpoint,
        node: &'a Node,
    ) -> Result<ReferenceOr<openapiv3::Schema>, DumpError> {
        let identity = node.shared_identity();
        if let Some(done) = identity.and_then(|id| self.typed.get(&id)) {
            return Ok(done.clone());
        }
        let json = self.schemas.schema(node, self.dialect)?;
        let typed = match json.as_object().and_then(reference) {
            Some(reference) => ReferenceOr::Reference { reference },
            None => ReferenceOr::Item(
                openapiv3::Schema::deserialize(schema(json))
                    .map_err(|err| self.error(Some(endpoint), err.to_string()))?,
            ),
        };
        if let Some(id) = identity {
            self.typed.insert(id, typed.clone());
        }
        Ok(typed)
    }

    fn operation(&mut self, endpoint: &'a Endpoint) -> Result<openapiv3::Operation, DumpError> {
        let mut parameters = Vec::new();
        for param in &endpoint.parameters {
            let parameter_data = openapiv3::ParameterData {
                name: param.name.clone(),
                description: param.description.clone(),
                required: param.required,
                deprecated: param.deprecated.then_some(true),
                format: ParameterSchemaOrContent::Schema(
                    self.schema(endpoint, &param.schema.node)?,
                ),
                example: match &param.example {
                    Some(example) => Some(self.schemas.data(example)?),
                    None => None,
                },
                examples: IndexMap::new(),
                explode: None,
                extensions: IndexMap::new(),
            };
            parameters.push(ReferenceOr::Item(match param.location {
                ParamLocation::Path => Parameter::Path {
                    parameter_data,
                    style: Default::default(),
                },
                ParamLocation::Query => Parameter::Query {
                    parameter_data,
                    allow_reserved: false,
                    style: Default::default(),
                    allow_empty_value: None,
                },
                ParamLocation::Header => Parameter::Header {
                    parameter_data,
                    style: Default::default(),
                },
                ParamLocation::Cookie => Parameter::Cookie {
                    parameter_data,
                    style: Default::default(),
                },
            }));
        }
        let request_body = match &endpoint.body {
            Some(body) => {
                let content = self.content(
                    endpoint,
                    &body.media_types,
                    &body.schema.node,
                    &body.examples,
                )?;
                Some(ReferenceOr::Item(openapiv3::RequestBody {
                    description: body.description.clone(),
                    content,
                    required: body.required,
                    extensions: IndexMap::new(),
                }))
            }
            None => None,
        };
        let mut responses = openapiv3::Responses::default();
        for response in &endpoint.responses {
            let typed = match self.responses.use_of(
                &self.api.ref_targets,
                response.identity,
                &response.media_types,
            ) {
                Use::Inline => ReferenceOr::Item(self.response(endpoint, response)?),
                Use::Ref(reference) => ReferenceOr::Reference { reference },
                Use::Keep(name) => {
                    let item = ReferenceOr::Item(self.response(endpoint, response)?);
                    let reference = self.responses.keep(name, item);
                    ReferenceOr::Reference { reference }
                }
            };
            match status(&response.status.text) {
                Some(Some(code)) => {
                    responses.responses.insert(code, typed);
                }
                Some(None) => responses.default = Some(typed),
                None => {
                    let message = format!(
                        "response status `{}` is not an HTTP status, a range like 4XX, or default",
                        response.status.text
                    );
                    return Err(self.error(Some(endpoint), message));
                }
            }
        }
        // OpenAPI 3.1 lets an operation list no responses; 3.0 needs one (a loss, reported).
        if endpoint.responses.is_empty() {
            responses.default = Some(ReferenceOr::Item(openapiv3::Response {
                description: NO_RESPONSES.to_owned(),
                ..Default::default()
            }));
        }
        // An operation without authentication says so (`security: []`), as Redocly's
        // `security-defined` rule asks, rather than leaving it to a default.
        let security = Some(
            security_requirements(&endpoint.auth)
                .unwrap_or_default()
                .into_iter()
                .map(|requirement| {
                    requirement
                        .into_iter()
                        .map(|(name, scopes)| {
                            (name, serde_json::from_value(scopes).unwrap_or_default())
                        })
                        .collect()
                })
                .collect(),
        );
        Ok(openapiv3::Operation {
            tags: endpoint.tags.clone(),
            summary: endpoint.summary.clone(),
            description: endpoint.description.clone(),
            operation_id: endpoint.operation_id.clone(),
            parameters,
            request_body,
            responses,
            deprecated: endpoint.deprecated,
            security,
            extensions: endpoint
                .extensions
                .iter()
                .map(|(k, v)| Ok((k.clone(), self.schemas.data(v)?)))
                .collect::<Result<_, DumpError>>()?,
            ..Default::default()
        })
    }

    /// A response object: its description, content and headers (each header kept by name
    /// like the response, when a ref names it).
    fn response(
        &mut self,
        endpoint: &Endpoint,
        response: &'a Response,
    ) -> Result<openapiv3::Response, DumpError> {
        let mut typed = openapiv3::Response {
            description: response.description.clone(),
            ..Default::default()
        };
        if let Some(schema) = &response.schema {
            typed.content = self.content(
                endpoint,
                &response.media_types,
                &schema.node,
                &response.examples,
            )?;
        }
        for header in &response.headers {
            let use_of = self
                .headers
                .use_of(&self.api.ref_targets, header.identity, &[]);
            let typed_header = match use_of {
                Use::Ref(reference) => ReferenceOr::Reference { reference },
                Use::Inline => ReferenceOr::Item(self.header(endpoint, header)?),
                Use::Keep(name) => {
                    let item = ReferenceOr::Item(self.header(endpoint, header)?);
                    ReferenceOr::Reference {
                        reference: self.headers.keep(name, item),
                    }
                }
            };
            typed.headers.insert(header.name.clone(), typed_header);
        }
        Ok(typed)
    }

    fn header(
        &mut self,
        endpoint: &Endpoint,
        header: &'a Header,
    ) -> Result<openapiv3::Header, DumpError> {
        Ok(openapiv3::Header {
            description: header.description.clone(),
            style: Default::default(),
            required: false,
            deprecated: None,
            format: ParameterSchemaOrContent::Schema(self.schema(endpoint, &header.schema.node)?),
            example: None,
            examples: IndexMap::new(),
            extensions: IndexMap::new(),
        })
    }

    /// A `content` map: one media type entry per media type (application/json when none),
    /// each with its examples: the named ones as `examples`, else the single `example`
    /// listed for it (or for no media type: Swagger 2.0's body `x-example`).
    fn content(
        &mut self,
        endpoint: &Endpoint,
        media_types: &[String],
        schema: &'a Node,
        examples: &[Example],
    ) -> Result<IndexMap<String, openapiv3::MediaType>, DumpError> {
        let default = ["application/json".to_owned()];
        let media_types = if media_types.is_empty() {
            &default[..]
        } else {
            media_types
        };
        let schema = self.schema(endpoint, schema)?;
        let mut content = IndexMap::new();
        for media in media_types {
            let listed = |e: &&Example| e.media_type.as_deref().is_none_or(|m| m == media);
            let mut named: IndexMap<String, ReferenceOr<openapiv3::Example>> = IndexMap::new();
            for e in examples.iter().filter(listed) {
                let Some(name) = &e.name else { continue };
                let example = openapiv3::Example {
                    summary: e.summary.clone(),
                    value: Some(self.schemas.data(&e.value)?),
                    ..Default::default()
                };
                named.insert(name.clone(), ReferenceOr::Item(example));
            }
            let single = match examples.iter().find(listed) {
                Some(e) if named.is_empty() => Some(self.schemas.data(&e.value)?),
                _ => None,
            };
            let entry = openapiv3::MediaType {
                schema: Some(schema.clone()),
                example: single,
                examples: named,
                ..Default::default()
            };
            content.insert(media.clone(), entry);
        }
        Ok(content)
    }
}

/// A schema the dump cannot express, at the operation that uses it (None: a definition).
fn error(api: &Api, endpoint: Option<&Endpoint>, message: String) -> DumpError {
    DumpError::Schema {
        api: api.name.clone(),
        method: endpoint.map_or("", |e| e.method.upper()),
        path: endpoint.map(|e| e.full_path.clone()).unwrap_or_default(),
        message,
    }
}

/// The target of a schema that is nothing but a `$ref`.
fn reference(map: &Map<String, Value>) -> Option<String> {
    match map.get("$ref") {
        Some(Value::String(reference)) if map.len() == 1 => Some(reference.clone()),
        _ => None,
    }
}

/// OpenAPI 3's `flows` of an OAuth 2.0 scheme: each flow with its URLs and scopes (a URL its
/// flow requires and the source left out is written empty, as openapiv3 has no absent one).
fn oauth2_flows(flows: &[crate::model::OAuthFlow]) -> openapiv3::OAuth2Flows {
    use crate::model::OAuthFlowKind;
    let mut out = openapiv3::OAuth2Flows::default();
    for flow in flows {
        let scopes: IndexMap<String, String> = flow.scopes.iter().cloned().collect();
        let (authorization_url, token_url, refresh_url) = (
            flow.authorization_url.clone().unwrap_or_default(),
            flow.token_url.clone().unwrap_or_default(),
            flow.refresh_url.clone(),
        );
        let extensions = IndexMap::new();
        match flow.kind {
            OAuthFlowKind::Implicit => {
                out.implicit = Some(openapiv3::ImplicitOAuth2Flow {
                    authorization_url,
                    refresh_url,
                    scopes,
                    extensions,
                });
            }
            OAuthFlowKind::Password => {
                out.password = Some(openapiv3::PasswordOAuth2Flow {
                    token_url,
                    refresh_url,
                    scopes,
                    extensions,
                });
            }
            OAuthFlowKind::ClientCredentials => {
                out.client_credentials = Some(openapiv3::ClientCredentialsOAuth2Flow {
                    token_url,
                    refresh_url,
                    scopes,
                    extensions,
                });
            }
            OAuthFlowKind::AuthorizationCode => {
                out.authorization_code = Some(openapiv3::AuthorizationCodeOAuth2Flow {
                    authorization_url,
                    token_url,
                    refresh_url,
                    scopes,
                    extensions,
                });
            }
        }
    }
    out
}

/// The description of the `default` response a down-converted operation that lists none gets.
pub(super) const NO_RESPONSES: &str = "The source lists no responses.";

/// `Some(Some(code))` for `200` or `4XX`, `Some(None)` for `default`, None otherwise.
fn status(text: &str) -> Option<Option<StatusCode>> {
    if text == "default" {
        return Some(None);
    }
    if let Ok(code) = text.parse::<u16>() {
        return Some(Some(StatusCode::Code(code)));
    }
    let first = text.as_bytes().first().copied().unwrap_or_default();
    super::status_range(text).then(|| Some(StatusCode::Range(u16::from(first - b'0'))))
}

/// Translates a JSON-schema / Swagger 2.0 schema into an OpenAPI 3.0 schema.
fn schema(mut value: Value) -> Value {
    translate(&mut value);
    value
}

fn translate(value: &mut Value) {
    let Value::Object(map) = value else { return };
    drop_invalid_shapes(map);
    match map.get("type").cloned() {
        Some(Value::Array(types)) => {
            let nullable = types.iter().any(|t| t == "null");
            let rest: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
            map.remove("type");
            match rest.as_slice() {
                [] => {}
                [single] => {
                    map.insert("type".into(), single.clone());
                    if nullable {
                        map.insert("nullable".into(), json!(true));
                    }
                }
                // `nullable` needs a `type` beside it in 3.0, so each alternative carries it.
                many => {
                    let any: Vec<Value> = many
                        .iter()
                        .map(|t| match nullable {
                            true => json!({ "type": t, "nullable": true }),
                            false => json!({ "type": t }),
                        })
                        .collect();
                    map.insert("anyOf".into(), Value::Array(any));
                }
            }
        }
        Some(Value::String(t)) if t == "file" => {
            map.insert("type".into(), json!("string"));
            map.insert("format".into(), json!("binary"));
        }
        _ => {}
    }
    super::downgrade::draft4_forms(map, "anyOf");
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = map.get_mut(key) {
            translate(child);
        }
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(translate);
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(parts)) = map.get_mut(key) {
            parts.iter_mut().for_each(translate);
        }
    }
}

/// The JSON Schema types; anything else in `type` is a spec defect (`type: enum`).
const TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "null",
];

/// Removes keyword values whose shape no schema can have (`properties: []`, `required: true`,
/// `type: enum`), which `check` reports as `schema-invalid`. The dump still has to be a document
/// openapiv3 reads, so these are dropped rather than passed on.
fn drop_invalid_shapes(map: &mut Map<String, Value>) {
    if map.get("properties").is_some_and(|p| !p.is_object()) {
        map.remove("properties");
    }
    if map
        .get("required")
        .is_some_and(|r| !r.as_array().is_some_and(|l| l.iter().all(Value::is_string)))
    {
        map.remove("required");
    }
    match map.get_mut("type") {
        Some(Value::String(t)) if !TYPES.contains(&t.as_str()) && t != "file" => {
            map.remove("type");
        }
        Some(Value::Array(types)) => {
            types.retain(|t| t.as_str().is_some_and(|t| TYPES.contains(&t)))
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_bounds_and_constants_are_read_by_openapiv3() {
        let translated = schema(json!({"type": "integer", "exclusiveMinimum": 0, "const": 1}));
        assert_eq!(
            translated,
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 0, "enum": [1]})
        );
        openapiv3::Schema::deserialize(translated).unwrap();
    }

    #[test]
    fn type_lists_become_valid_openapi_3_0() {
        assert_eq!(
            schema(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        // `nullable` is only valid beside a `type` (Redocly's `spec` rule).
        assert_eq!(
            schema(json!({"type": ["string", "integer", "null"]})),
            json!({"anyOf": [
                {"type": "string", "nullable": true},
                {"type": "integer", "nullable": true}
            ]})
        );
    }
}
