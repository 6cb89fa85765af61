//! The Swagger 2.0 dump.

use serde_json::{Map, Value, json};

use super::downgrade::draft4_forms;
use super::schemas::{Kept, Schemas, Use};
use super::{
    DumpError, Options, own_extras, own_info, own_servers, security_requirements, title, version,
};
use crate::model::{Api, Endpoint, ParamLocation, Response, SecurityKind};
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
    doc.extend(own_extras(api));
    if !security_definitions.is_empty() {
        doc.insert(
            "securityDefinitions".into(),
            Value::Object(security_definitions),
        );
    }
    doc.insert("paths".into(), Value::Object(paths));
    let definitions: Map<String, Value> = schemas
        .into_definitions()
        .into_iter()
        .map(|(name, mut schema)| {
            translate(&mut schema);
            (name, schema)
        })
        .collect();
    if !definitions.is_empty() {
        doc.insert("definitions".into(), Value::Object(definitions));
    }
    let responses = responses.into_items();
    if !responses.is_empty() {
        doc.insert(
            "responses".into(),
            Value::Object(responses.into_iter().collect()),
        );
    }
    let mut doc = Value::Object(doc);
    drop_undefined_required(&mut doc);
    Ok(doc)
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
    // Swagger 2.0 has no cookie parameters: they are kept where its tools skip them.
    let mut cookies: Vec<Value> = Vec::new();
    for param in &endpoint.parameters {
        let mut p = Map::new();
        p.insert("in".into(), json!(param.location.key()));
        p.insert("name".into(), json!(param.name));
        if param.required {
            p.insert("required".into(), json!(true));
        }
        // Swagger 2.0 writes a parameter's schema inline, as one primitive type or an array,
        // where `example` is no keyword: the schema's own example is the parameter's
        // `x-example` unless it has one of its own.
        let mut schema = schemas.inline(&param.schema.node)?;
        if let Some(schema) = schema.as_object_mut() {
            if let Some(example) = schema.remove("example") {
                p.insert("x-example".into(), example);
            }
            if let Some(description) = schema.remove("description") {
                p.insert("description".into(), description);
            }
        }
        if let Some(description) = &param.description {
            p.insert("description".into(), json!(description));
        }
        p.extend(simple(schema));
        if let Some(example) = &param.example {
            p.insert("x-example".into(), schemas.data(example)?);
        }
        match param.location {
            ParamLocation::Cookie => cookies.push(Value::Object(p)),
            _ => parameters.push(Value::Object(p)),
        }
    }
    if !cookies.is_empty() {
        put("x-cookie-parameters", Value::Array(cookies));
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
        let mut schema = schemas.schema(&body.schema.node, dialect)?;
        translate(&mut schema);
        p.insert("schema".into(), schema);
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
        // Swagger 2.0 has no status ranges: `4XX` is kept as the extension `x-4XX` (reported).
        let key = match super::status_range(&response.status.text) {
            true => format!("x-{}", response.status.text),
            false => response.status.text.clone(),
        };
        responses.insert(key, written);
    }
    // Swagger 2.0 needs a response where OpenAPI 3.1 may list none, or only ranges (a loss,
    // reported).
    if responses.keys().all(|key| key.starts_with("x-")) {
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
        let mut schema = schemas.schema(&schema.node, dialect)?;
        translate(&mut schema);
        r.insert("schema".into(), schema);
    }
    if !response.headers.is_empty() {
        let mut headers = Map::new();
        for h in &response.headers {
            // A header's schema is written in place: Swagger 2.0 headers cannot refer.
            let mut header = simple(schemas.inline(&h.schema.node)?);
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

/// The keywords with which a Swagger 2.0 parameter, header or schema describes a value.
const VALUE_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The keywords only a Swagger 2.0 Schema Object has.
const SCHEMA_ONLY_KEYWORDS: [&str; 14] = [
    "$ref",
    "title",
    "description",
    "maxProperties",
    "minProperties",
    "required",
    "additionalProperties",
    "allOf",
    "properties",
    "discriminator",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
];

/// OpenAPI 3 schema keywords Swagger 2.0 lacks, kept as the `x-` extensions its tools skip
/// (`nullable` as `x-nullable`, which many of them read).
const KEPT_AS_EXTENSIONS: [&str; 6] = [
    "nullable",
    "oneOf",
    "anyOf",
    "not",
    "writeOnly",
    "deprecated",
];

/// Translates a schema (OpenAPI 3.0 or JSON Schema 2020-12) into a Swagger 2.0 Schema Object:
/// the draft 4 forms of newer keywords, a type list as its one other type and `x-nullable`,
/// OpenAPI 3's keywords as `x-` extensions, a discriminator as its property name, and no
/// keyword Swagger 2.0 lacks (what each of these loses is a `dump-lossy` warning).
fn translate(value: &mut Value) {
    let Value::Object(map) = value else {
        // A 2020-12 boolean schema: `true` accepts anything, which `{}` says too.
        if value.is_boolean() {
            *value = json!({});
        }
        return;
    };
    draft4_forms(map, "x-anyOf");
    let mut nullable = false;
    match map.get("type").cloned() {
        Some(Value::Array(types)) => {
            nullable = types.iter().any(|t| t == "null");
            let rest: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
            map.remove("type");
            if let [single] = rest.as_slice() {
                map.insert("type".into(), single.clone());
            }
        }
        Some(Value::String(t)) if t == "null" => {
            nullable = true;
            map.remove("type");
        }
        _ => {}
    }
    for keyword in KEPT_AS_EXTENSIONS {
        if let Some(kept) = map.remove(keyword) {
            map.insert(format!("x-{keyword}"), kept);
        }
    }
    if nullable || map.get("x-nullable").is_some_and(|n| n == true) {
        map.insert("x-nullable".into(), json!(true));
        // Swagger 2.0 validators read no `x-nullable`: a `null` default or example, which
        // says no more than the value's absence, would be invalid there.
        for key in ["default", "example"] {
            if map.get(key).is_some_and(Value::is_null) {
                map.remove(key);
            }
        }
    }
    match map.get("discriminator") {
        Some(Value::Object(discriminator)) => match discriminator.get("propertyName").cloned() {
            Some(name @ Value::String(_)) => {
                map.insert("discriminator".into(), name);
            }
            _ => {
                map.remove("discriminator");
            }
        },
        Some(Value::String(_)) | None => {}
        Some(_) => {
            map.remove("discriminator");
        }
    }
    map.retain(|key, _| {
        let key = key.as_str();
        VALUE_KEYWORDS.contains(&key)
            || SCHEMA_ONLY_KEYWORDS.contains(&key)
            || key.starts_with("x-")
    });
    if let Some(items) = map.get_mut("items") {
        translate(items);
    }
    if let Some(additional) = map.get_mut("additionalProperties")
        && additional.is_object()
    {
        translate(additional);
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(translate);
    }
    if let Some(Value::Array(parts)) = map.get_mut("allOf") {
        parts.iter_mut().for_each(translate);
    }
}

/// A schema as a Swagger 2.0 parameter or header describes its value: one primitive type or an
/// array of them. Of alternatives (`oneOf`, `anyOf`) the string one is kept, else the first
/// simple one; `allOf` parts are merged; a value of no simple type (an object) is a string.
fn simple(mut value: Value) -> Map<String, Value> {
    translate(&mut value);
    let Value::Object(mut map) = value else {
        return Map::from_iter([("type".to_owned(), json!("string"))]);
    };
    let simple_type = |v: Option<&Value>| {
        matches!(
            v.and_then(Value::as_str),
            Some("string" | "number" | "integer" | "boolean" | "array")
        )
    };
    if !map.contains_key("type") {
        let alternatives = ["x-oneOf", "x-anyOf"]
            .iter()
            .find_map(|key| map.get(*key).and_then(Value::as_array))
            .cloned()
            .unwrap_or_default();
        let chosen = alternatives
            .iter()
            .find(|a| a.get("type").and_then(Value::as_str) == Some("string"))
            .or_else(|| alternatives.iter().find(|a| simple_type(a.get("type"))));
        if let Some(Value::Object(chosen)) = chosen {
            for (key, value) in chosen {
                map.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
    if let Some(Value::Array(parts)) = map.remove("allOf") {
        for part in parts {
            if let Value::Object(part) = part {
                for (key, value) in part {
                    map.entry(key).or_insert(value);
                }
            }
        }
    }
    if !simple_type(map.get("type")) {
        map.insert("type".into(), json!("string"));
        map.remove("format");
    }
    if map.get("type").and_then(Value::as_str) == Some("array") {
        let items = map.remove("items").unwrap_or_else(|| json!({}));
        map.insert("items".into(), Value::Object(simple(items)));
    } else {
        map.remove("items");
    }
    // `collectionFormat` is the one keyword a parameter or header has and a schema lacks.
    map.retain(|key, _| {
        let key = key.as_str();
        VALUE_KEYWORDS.contains(&key) || key == "collectionFormat" || key.starts_with("x-")
    });
    map
}

/// Leaves out of each schema with `allOf` the `required` names that neither it nor its parts
/// define as properties: a spec defect (`check` reports it as `required-unknown-property`)
/// that Swagger 2.0 validators reject where JSON Schema only makes the schema stricter. One
/// pass reads the document (data, such as examples, is not schemas and is skipped), then the
/// schemas found are changed where they are.
fn drop_undefined_required(doc: &mut Value) {
    fn find(
        value: &Value,
        definitions: &Map<String, Value>,
        pointer: &mut String,
        found: &mut Vec<(String, Vec<Value>)>,
    ) {
        match value {
            Value::Object(map) => {
                if let (Some(Value::Array(required)), true) =
                    (map.get("required"), map.contains_key("allOf"))
                {
                    let mut defined = std::collections::BTreeSet::new();
                    let mut seen = std::collections::BTreeSet::new();
                    defined_properties(map, definitions, &mut defined, &mut seen);
                    let kept: Vec<Value> = required
                        .iter()
                        .filter(|name| name.as_str().is_some_and(|n| defined.contains(n)))
                        .cloned()
                        .collect();
                    if kept.len() != required.len() {
                        found.push((pointer.clone(), kept));
                    }
                }
                for (key, child) in map {
                    if matches!(
                        key.as_str(),
                        "example" | "examples" | "x-example" | "default" | "enum"
                    ) {
                        continue;
                    }
                    let len = pointer.len();
                    crate::schema::push_token(pointer, key);
                    find(child, definitions, pointer, found);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    crate::schema::push_token(pointer, &index.to_string());
                    find(item, definitions, pointer, found);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let empty = Map::new();
    let definitions = doc
        .get("definitions")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut found = Vec::new();
    find(doc, definitions, &mut String::new(), &mut found);
    for (pointer, kept) in found {
        if let Some(Value::Object(schema)) = doc.pointer_mut(&pointer) {
            match kept.is_empty() {
                true => schema.remove("required"),
                false => schema.insert("required".into(), Value::Array(kept)),
            };
        }
    }
}

/// The property names `schema` and its `allOf` parts define, following refs to definitions
/// (each once).
fn defined_properties(
    schema: &Map<String, Value>,
    definitions: &Map<String, Value>,
    defined: &mut std::collections::BTreeSet<String>,
    seen: &mut std::collections::BTreeSet<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/definitions/")
            .unwrap_or(reference);
        if seen.insert(name.to_owned())
            && let Some(Value::Object(target)) = definitions.get(name)
        {
            defined_properties(target, definitions, defined, seen);
        }
        return;
    }
    if let Some(Value::Object(properties)) = schema.get("properties") {
        defined.extend(properties.keys().cloned());
    }
    for part in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Value::Object(part) = part {
            defined_properties(part, definitions, defined, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translated(mut value: Value) -> Value {
        translate(&mut value);
        value
    }

    #[test]
    fn schemas_take_their_swagger_2_forms() {
        assert_eq!(
            translated(json!({"type": ["string", "null"], "default": null, "const": "a"})),
            json!({"type": "string", "enum": ["a"], "x-nullable": true})
        );
        assert_eq!(
            translated(
                json!({"type": "object", "nullable": true, "discriminator": {"propertyName": "kind"},
                "oneOf": [{"type": "string"}], "writeOnly": true, "if": {}, "properties": {"n": {"type": "null"}}})
            ),
            json!({"type": "object", "discriminator": "kind", "x-oneOf": [{"type": "string"}],
                "x-writeOnly": true, "x-nullable": true, "properties": {"n": {"x-nullable": true}}})
        );
        assert_eq!(
            translated(json!({"type": "array", "items": true})),
            json!({"type": "array", "items": {}})
        );
    }

    #[test]
    fn parameters_and_headers_describe_one_simple_value() {
        let simple = |value: Value| Value::Object(simple(value));
        assert_eq!(
            simple(
                json!({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^a"}], "readOnly": true})
            ),
            json!({"type": "string", "pattern": "^a", "x-anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^a"}]})
        );
        assert_eq!(
            simple(json!({"type": "object", "properties": {"a": {"type": "string"}}})),
            json!({"type": "string"})
        );
        assert_eq!(
            simple(json!({"type": "array", "items": {"type": "object"}, "minItems": 1})),
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1})
        );
        assert_eq!(
            simple(json!({"type": "array"})),
            json!({"type": "array", "items": {"type": "string"}})
        );
    }

    #[test]
    fn required_names_no_part_defines_are_left_out_beside_all_of() {
        let schema = json!({"allOf": [{"$ref": "#/definitions/Base"}], "properties": {"b": {}}, "required": ["a", "b", "c"]});
        let mut doc = json!({
            "definitions": {"Base": {"type": "object", "properties": {"a": {}}}, "Uses": schema.clone()},
            "responses": {"R": {"description": "r", "schema": schema.clone()}},
            // Without `allOf`, JSON Schema's reading (the name only makes the schema
            // stricter) is Swagger 2.0 validators' too; data is not a schema.
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
                "schema": {"properties": {}, "required": ["c"]},
                "examples": {"application/json": schema.clone()}}}}}},
        });
        drop_undefined_required(&mut doc);
        assert_eq!(doc["definitions"]["Uses"]["required"], json!(["a", "b"]));
        assert_eq!(
            doc["responses"]["R"]["schema"]["required"],
            json!(["a", "b"])
        );
        let ok = &doc["paths"]["/a"]["get"]["responses"]["200"];
        assert_eq!(ok["schema"]["required"], json!(["c"]));
        assert_eq!(ok["examples"]["application/json"], schema);
    }
}
