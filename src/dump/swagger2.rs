//! The Swagger 2.0 dump.

use serde_json::{Map, Value, json};

use super::schemas::{Kept, Schemas, Use};
use super::{DumpError, Options, own_info, own_servers, security_requirements, title, version};
use crate::model::{Api, Endpoint, Response, SecurityKind};
use crate::resolve::RefTargets;
use crate::schema::Dialect;

/// The API as one bundled Swagger 2.0 document, every ref inlined.
pub fn swagger2(api: &Api) -> Value {
    swagger2_with(api, &Options::default())
        .unwrap_or_else(|_| unreachable!("an inlining dump has no budget to exceed"))
}

/// The API as one bundled Swagger 2.0 document, written as `options` say.
pub fn swagger2_with(api: &Api, options: &Options) -> Result<Value, DumpError> {
    let mut schemas = Schemas::new(&api.ref_targets, options, "#/definitions/");
    let mut responses = Kept::new(options, "#/responses/");
    let mut paths: Map<String, Value> = Map::new();
    let mut security_definitions = Map::new();
    for group in &api.groups {
        for scheme in &group.security_schemes {
            let mut definition = match &scheme.kind {
                SecurityKind::ApiKey { name, location } => {
                    json!({"type": "apiKey", "name": name, "in": location.key()})
                }
                // HTTP authentication scheme names ignore case (RFC 7235): `Basic` is `basic`.
                SecurityKind::Http { scheme } if scheme.eq_ignore_ascii_case("basic") => {
                    json!({"type": "basic"})
                }
                // Swagger 2.0 has no bearer scheme; a token sent in the Authorization header
                // is what an apiKey in that header describes.
                SecurityKind::Http { scheme } => {
                    json!({"type": "apiKey", "name": "Authorization", "in": "header", "x-scheme": scheme})
                }
                // Swagger 2.0's scheme has one flow: the first (losses say what of the rest
                // and of `refreshUrl` is left out).
                SecurityKind::OAuth2 { flows } => match flows.first() {
                    Some(flow) => {
                        let mut definition = json!({
                            "type": "oauth2",
                            "flow": flow.kind.swagger2_name(),
                            "scopes": flow.scopes.iter().map(|(name, text)| (name.clone(), Value::from(text.as_str()))).collect::<Map<String, Value>>(),
                        });
                        for (key, url) in [
                            ("authorizationUrl", &flow.authorization_url),
                            ("tokenUrl", &flow.token_url),
                        ] {
                            if let Some(url) = url {
                                definition[key] = Value::from(url.as_str());
                            }
                        }
                        definition
                    }
                    None => json!({"type": "oauth2"}),
                },
                // Swagger 2.0 has no OpenID Connect: the token it yields goes in the
                // Authorization header, which an apiKey there describes (a loss, reported).
                SecurityKind::OpenIdConnect { url } => json!({
                    "type": "apiKey",
                    "name": "Authorization",
                    "in": "header",
                    "x-openIdConnectUrl": url,
                }),
                SecurityKind::Other { kind } => json!({ "type": kind }),
            };
            if let Some(description) = &scheme.description {
                definition["description"] = Value::from(description.as_str());
            }
            security_definitions
                .entry(scheme.name.clone())
                .or_insert(definition);
        }
        let dialect = Dialect::of(group.format);
        for endpoint in &group.endpoints {
            let item = paths
                .entry(endpoint.full_path.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(item) = item.as_object_mut()
                && !item.contains_key(endpoint.method.key())
            {
                let sections = (&mut schemas, &mut responses, &*api.ref_targets);
                let operation = operation(endpoint, sections, dialect)?;
                item.insert(endpoint.method.key().to_owned(), operation);
            }
        }
    }
    let mut doc = Map::new();
    doc.insert("swagger".into(), json!("2.0"));
    doc.insert(
        "info".into(),
        own_info(api).unwrap_or_else(|| json!({"title": title(api), "version": version(api)})),
    );
    // The first server of a document, as host and scheme: the paths carry its base path.
    let origin = own_servers(api)
        .first()
        .and_then(|server| server["url"].as_str().map(str::to_owned))
        .and_then(|url| {
            let (scheme, rest) = url.split_once("://")?;
            let host = rest.split('/').next().filter(|h| !h.is_empty())?;
            Some((scheme.to_owned(), host.to_owned()))
        });
    if let Some((scheme, host)) = origin {
        doc.insert("host".into(), json!(host));
        if matches!(scheme.as_str(), "http" | "https" | "ws" | "wss") {
            doc.insert("schemes".into(), json!([scheme]));
        }
    }
    doc.insert("basePath".into(), json!("/"));
    if !security_definitions.is_empty() {
        doc.insert(
            "securityDefinitions".into(),
            Value::Object(security_definitions),
        );
    }
    doc.insert("paths".into(), Value::Object(paths));
    let definitions = schemas.into_definitions();
    if !definitions.is_empty() {
        doc.insert(
            "definitions".into(),
            Value::Object(definitions.into_iter().collect()),
        );
    }
    let responses = responses.into_items();
    if !responses.is_empty() {
        doc.insert(
            "responses".into(),
            Value::Object(responses.into_iter().collect()),
        );
    }
    Ok(Value::Object(doc))
}

fn operation<'a>(
    endpoint: &'a Endpoint,
    (schemas, kept, targets): (&mut Schemas<'a>, &mut Kept<Value>, &RefTargets),
    dialect: Dialect,
) -> Result<Value, DumpError> {
    let mut op = Map::new();
    let mut put = |key: &str, value: Value| {
        op.insert(key.to_owned(), value);
    };
    if let Some(summary) = &endpoint.summary {
        put("summary", json!(summary));
    }
    if let Some(description) = &endpoint.description {
        put("description", json!(description));
    }
    if let Some(id) = &endpoint.operation_id {
        put("operationId", json!(id));
    }
    if !endpoint.tags.is_empty() {
        put("tags", json!(endpoint.tags));
    }
    if endpoint.deprecated {
        put("deprecated", json!(true));
    }
    if let Some(body) = &endpoint.body
        && !body.media_types.is_empty()
    {
        put("consumes", json!(body.media_types));
    }
    let produces: Vec<&String> = endpoint
        .responses
        .iter()
        .flat_map(|r| &r.media_types)
        .collect();
    if let Some(first) = produces.first() {
        let mut unique: Vec<&String> = vec![first];
        for media in &produces {
            if !unique.contains(media) {
                unique.push(media);
            }
        }
        put("produces", json!(unique));
    }
    if let Some(security) = security_requirements(&endpoint.auth) {
        put("security", json!(security));
    }
    let mut parameters: Vec<Value> = Vec::new();
    for param in &endpoint.parameters {
        let mut p = Map::new();
        p.insert("in".into(), json!(param.location.key()));
        p.insert("name".into(), json!(param.name));
        if param.required {
            p.insert("required".into(), json!(true));
        }
        if let Some(description) = &param.description {
            p.insert("description".into(), json!(description));
        }
        // Swagger 2.0 writes a parameter's schema inline, where `example` is no keyword: the
        // schema's own example is the parameter's `x-example` unless it has one of its own.
        if let Value::Object(mut schema) = schemas.inline(&param.schema.node)? {
            if let Some(example) = schema.remove("example") {
                p.insert("x-example".into(), example);
            }
            p.extend(schema);
        }
        if let Some(example) = &param.example {
            p.insert("x-example".into(), schemas.data(example)?);
        }
        parameters.push(Value::Object(p));
    }
    if let Some(body) = &endpoint.body {
        let mut p = Map::new();
        p.insert("in".into(), json!("body"));
        p.insert("name".into(), json!(body.name.as_deref().unwrap_or("body")));
        if body.required {
            p.insert("required".into(), json!(true));
        }
        if let Some(description) = &body.description {
            p.insert("description".into(), json!(description));
        }
        p.insert("schema".into(), schemas.schema(&body.schema.node, dialect)?);
        if let Some(example) = body.examples.first() {
            p.insert("x-example".into(), schemas.data(&example.value)?);
        }
        parameters.push(Value::Object(p));
    }
    if !parameters.is_empty() {
        put("parameters", Value::Array(parameters));
    }
    let mut responses = Map::new();
    for response in &endpoint.responses {
        let written = match kept.use_of(targets, response.identity, &response.media_types) {
            Use::Inline => self::response(response, schemas, dialect)?,
            Use::Ref(reference) => json!({ "$ref": reference }),
            Use::Keep(name) => {
                let item = self::response(response, schemas, dialect)?;
                json!({ "$ref": kept.keep(name, item) })
            }
        };
        responses.insert(response.status.text.clone(), written);
    }
    // Swagger 2.0 needs a response where OpenAPI 3.1 may list none (a loss, reported).
    if responses.is_empty() {
        responses.insert(
            "default".into(),
            json!({"description": super::openapi3::NO_RESPONSES}),
        );
    }
    put("responses", Value::Object(responses));
    for (key, value) in &endpoint.extensions {
        op.insert(key.clone(), schemas.data(value)?);
    }
    Ok(Value::Object(op))
}

/// A response object: description, schema, headers and an example per media type.
fn response<'a>(
    response: &'a Response,
    schemas: &mut Schemas<'a>,
    dialect: Dialect,
) -> Result<Value, DumpError> {
    let mut r = Map::new();
    r.insert("description".into(), json!(response.description));
    if let Some(schema) = &response.schema {
        r.insert("schema".into(), schemas.schema(&schema.node, dialect)?);
    }
    if !response.headers.is_empty() {
        let mut headers = Map::new();
        for h in &response.headers {
            // A header's schema is written in place: Swagger 2.0 headers cannot refer.
            let mut header = match schemas.inline(&h.schema.node)? {
                Value::Object(map) => map,
                _ => Map::new(),
            };
            if let Some(description) = &h.description {
                header.insert("description".into(), json!(description));
            }
            headers.insert(h.name.clone(), Value::Object(header));
        }
        r.insert("headers".into(), Value::Object(headers));
    }
    if !response.examples.is_empty() {
        // Swagger 2.0 has one example per media type: the first one listed under it.
        let mut examples = Map::new();
        for example in &response.examples {
            let media = example
                .media_type
                .clone()
                .unwrap_or_else(|| "application/json".into());
            if !examples.contains_key(&media) {
                examples.insert(media, schemas.data(&example.value)?);
            }
        }
        r.insert("examples".into(), Value::Object(examples));
    }
    Ok(Value::Object(r))
}
