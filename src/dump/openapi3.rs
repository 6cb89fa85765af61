//! The OpenAPI 3.0 dump, emitted through `openapiv3`.
//!
//! The document is assembled as JSON, read into `openapiv3::OpenAPI` (so anything openapiv3
//! cannot read fails here, not in a user's tool), and written from that typed value. Schemas are
//! translated where 3.0 differs: a type list `[T, "null"]` becomes `type: T, nullable: true`,
//! other type lists become `anyOf`, tuple `items` lists become one items schema, and
//! `type: file` becomes a binary string. Keywords 3.0 lacks (`patternProperties`) are dropped
//! by openapiv3, and so are keyword values of an impossible shape (see [`drop_invalid_shapes`]).

use serde::Deserialize as _;
use serde_json::{Map, Value, json};

use super::{DumpError, security_requirements, title, version};
use crate::model::{Api, Endpoint, SecurityKind};

/// The API as one bundled OpenAPI 3.0 document.
pub fn openapi3(api: &Api) -> Result<openapiv3::OpenAPI, DumpError> {
    let mut paths: Map<String, Value> = Map::new();
    let mut schemes = Map::new();
    for group in &api.groups {
        for scheme in &group.security_schemes {
            let mut definition = match &scheme.kind {
                SecurityKind::ApiKey { name, location } => {
                    json!({"type": "apiKey", "name": name, "in": location.key()})
                }
                SecurityKind::Http { scheme } => json!({"type": "http", "scheme": scheme}),
                SecurityKind::Other { kind } => json!({ "type": kind }),
            };
            if let Some(description) = &scheme.description {
                definition["description"] = json!(description);
            }
            schemes.entry(scheme.name.clone()).or_insert(definition);
        }
        for endpoint in &group.endpoints {
            let item = paths
                .entry(endpoint.full_path.clone())
                .or_insert_with(|| json!({}));
            let item = item.as_object_mut().expect("path items are objects");
            if !item.contains_key(endpoint.method.key()) {
                item.insert(endpoint.method.key().to_owned(), operation(endpoint));
            }
        }
    }
    let mut doc = json!({
        "openapi": "3.0.3",
        "info": {"title": title(api), "version": version(api)},
        "paths": paths,
    });
    if !schemes.is_empty() {
        doc["components"] = json!({ "securitySchemes": schemes });
    }
    match openapiv3::OpenAPI::deserialize(&doc) {
        Ok(openapi) => Ok(openapi),
        Err(err) => Err(locate_error(api, err)),
    }
}

/// openapiv3 refused the document; reading each operation alone finds the one to blame, so the
/// error names it. Only runs on this error path.
fn locate_error(api: &Api, whole: serde_json::Error) -> DumpError {
    for endpoint in api.groups.iter().flat_map(|g| &g.endpoints) {
        if let Err(err) = openapiv3::Operation::deserialize(&operation(endpoint)) {
            return DumpError::Schema {
                api: api.name.clone(),
                method: endpoint.method.upper(),
                path: endpoint.full_path.clone(),
                message: err.to_string(),
            };
        }
    }
    DumpError::Schema {
        api: api.name.clone(),
        method: "",
        path: String::new(),
        message: whole.to_string(),
    }
}

fn operation(endpoint: &Endpoint) -> Value {
    let mut op = Map::new();
    if let Some(summary) = &endpoint.summary {
        op.insert("summary".into(), json!(summary));
    }
    if let Some(description) = &endpoint.description {
        op.insert("description".into(), json!(description));
    }
    if let Some(id) = &endpoint.operation_id {
        op.insert("operationId".into(), json!(id));
    }
    if !endpoint.tags.is_empty() {
        op.insert("tags".into(), json!(endpoint.tags));
    }
    if endpoint.deprecated {
        op.insert("deprecated".into(), json!(true));
    }
    if let Some(security) = security_requirements(&endpoint.auth) {
        op.insert("security".into(), json!(security));
    }
    let parameters: Vec<Value> = endpoint
        .parameters
        .iter()
        .map(|param| {
            let mut p = json!({
                "name": param.name,
                "in": param.location.key(),
                "required": param.required,
                "schema": schema(param.schema.node.to_json()),
            });
            if let Some(description) = &param.description {
                p["description"] = json!(description);
            }
            if param.deprecated {
                p["deprecated"] = json!(true);
            }
            if let Some(example) = &param.example {
                p["example"] = example.to_json();
            }
            p
        })
        .collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = &endpoint.body {
        let media_types = if body.media_types.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            body.media_types.clone()
        };
        let mut content = Map::new();
        for media in media_types {
            let mut entry = json!({ "schema": schema(body.schema.node.to_json()) });
            if let Some(example) = body.examples.first() {
                entry["example"] = example.value.to_json();
            }
            content.insert(media, entry);
        }
        let mut request = json!({ "content": content, "required": body.required });
        if let Some(description) = &body.description {
            request["description"] = json!(description);
        }
        op.insert("requestBody".into(), request);
    }
    let mut responses = Map::new();
    for response in &endpoint.responses {
        let mut r = json!({ "description": response.description });
        if let Some(body_schema) = &response.schema {
            let media_types = if response.media_types.is_empty() {
                vec!["application/json".to_owned()]
            } else {
                response.media_types.clone()
            };
            let mut content = Map::new();
            for media in media_types {
                let mut entry = json!({ "schema": schema(body_schema.node.to_json()) });
                let example = response
                    .examples
                    .iter()
                    .find(|e| e.label.as_deref() == Some(&media))
                    .or(response.examples.first());
                if let Some(example) = example {
                    entry["example"] = example.value.to_json();
                }
                content.insert(media, entry);
            }
            r["content"] = Value::Object(content);
        }
        if !response.headers.is_empty() {
            let headers: Map<String, Value> = response
                .headers
                .iter()
                .map(|h| {
                    let mut header = json!({ "schema": schema(h.schema.node.to_json()) });
                    if let Some(description) = &h.description {
                        header["description"] = json!(description);
                    }
                    (h.name.clone(), header)
                })
                .collect();
            r["headers"] = Value::Object(headers);
        }
        responses.insert(response.status.text.clone(), r);
    }
    op.insert("responses".into(), Value::Object(responses));
    for (key, value) in &endpoint.extensions {
        op.insert(key.clone(), value.to_json());
    }
    Value::Object(op)
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
                }
                many => {
                    let any: Vec<Value> = many.iter().map(|t| json!({ "type": t })).collect();
                    map.insert("anyOf".into(), Value::Array(any));
                }
            }
            if nullable {
                map.insert("nullable".into(), json!(true));
            }
        }
        Some(Value::String(t)) if t == "file" => {
            map.insert("type".into(), json!("string"));
            map.insert("format".into(), json!("binary"));
        }
        _ => {}
    }
    // Draft 4 tuples (`items: [A, B]`) have no OpenAPI 3.0 form: the items become one schema,
    // or `anyOf` the distinct ones.
    if let Some(Value::Array(tuple)) = map.get("items").cloned() {
        let mut distinct: Vec<Value> = Vec::new();
        for item in tuple {
            if !distinct.contains(&item) {
                distinct.push(item);
            }
        }
        let items = if distinct.len() == 1 {
            distinct.remove(0)
        } else {
            json!({ "anyOf": distinct })
        };
        map.insert("items".into(), items);
    }
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
