//! Endpoint records: what the endpoint template shows of one operation.
//!
//! The fields and their rules are the original renderer's (its `swagger_endpoints` units),
//! so the corpus suite can compare every record with `units/swagger_endpoints.json`: the
//! example request is built from `x-example`s, Python-encoded; `requires_auth` is the
//! operation's own `security` key; `rate_limited` is an integer `429` response; response
//! tables come from the integer `200` response only.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use super::tables::{self, TypeRow, TypeTable, inherit_parents};
use crate::model::{Api, Endpoint, Group, Response};
use crate::py::{JsonStyle, json_dumps, py_str, quote, urlencode};

/// The endpoints of one group, as the template sees them.
#[derive(Clone, Debug, Serialize)]
pub struct GroupRecord {
    /// The base path without a trailing `/`.
    pub base: String,
    /// The group's name with the API suffix (`store_invite_is`).
    pub group: String,
    /// The endpoints in source order.
    pub endpoints: Vec<EndpointRecord>,
}

/// One endpoint, as the template sees it.
#[derive(Clone, Debug, Serialize)]
pub struct EndpointRecord {
    /// The summary.
    pub title: String,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The description, or the summary when there is none.
    pub desc: String,
    /// The upper-case method.
    pub method: String,
    /// Base path plus path, placeholders left in.
    pub path: String,
    /// The operation has a `security` key.
    pub requires_auth: bool,
    /// The responses have an integer `429` key.
    pub rate_limited: bool,
    /// Parameter rows by location (`path`, `query`, `header`, `JSON body`), in order of first
    /// appearance.
    pub req_param_by_loc: IndexMap<String, Vec<TypeRow>>,
    /// Tables of objects nested in the request body.
    pub req_body_tables: Vec<TypeTable>,
    /// Headers of the `200` response.
    pub res_headers: Option<TypeTable>,
    /// Tables of the `200` response body.
    pub res_tables: Vec<TypeTable>,
    /// Every response, sorted by status.
    pub responses: Vec<ResponseRecord>,
    /// The example request.
    pub example: ExampleRecord,
}

/// One response of an [`EndpointRecord`].
#[derive(Clone, Debug, Serialize)]
pub struct ResponseRecord {
    /// The status: a number for integer keys, else the key text.
    pub code: Value,
    /// The description.
    pub description: String,
    /// The example as indented JSON.
    pub example: Option<String>,
}

/// The example request of an [`EndpointRecord`].
#[derive(Clone, Debug, Serialize)]
pub struct ExampleRecord {
    /// Request line, content type and body.
    pub req: String,
}

/// The short name the original gave each API (`cs` for `client-server`); other folders keep
/// their name.
pub fn api_suffix(api: &str) -> String {
    match api {
        "application-service" => "as".into(),
        "client-server" => "cs".into(),
        "identity" => "is".into(),
        "push-gateway" => "push".into(),
        "server-server" => "ss".into(),
        other => other.replace('-', "_"),
    }
}

/// A group's name with its API's short name (`store_invite_is`); its section is this name
/// and `_http_api`.
pub fn group_record_name(api: &Api, group: &Group) -> String {
    format!("{}_{}", group.name.replace('-', "_"), api_suffix(&api.name))
}

/// The record of a group.
pub fn group_record(api: &Api, group: &Group) -> GroupRecord {
    GroupRecord {
        base: group.base_path.trim_end_matches('/').to_owned(),
        group: group_record_name(api, group),
        endpoints: group.endpoints.iter().map(endpoint_record).collect(),
    }
}

/// Indented JSON in source key order: how examples are shown.
pub const PRETTY: JsonStyle = JsonStyle {
    indent: Some(2),
    sort_keys: false,
};

fn endpoint_record(endpoint: &Endpoint) -> EndpointRecord {
    let path = endpoint.raw_full_path.trim().to_owned();
    let mut record = EndpointRecord {
        title: endpoint.summary.clone().unwrap_or_default(),
        deprecated: endpoint.deprecated,
        desc: endpoint
            .description
            .clone()
            .or_else(|| endpoint.summary.clone())
            .unwrap_or_default(),
        method: endpoint.method.upper().to_owned(),
        path: path.clone(),
        requires_auth: endpoint.has_security_key,
        rate_limited: endpoint
            .responses
            .iter()
            .any(|r| r.status.integer && r.status.text == "429"),
        req_param_by_loc: IndexMap::new(),
        req_body_tables: Vec::new(),
        res_headers: None,
        res_tables: Vec::new(),
        responses: Vec::new(),
        example: ExampleRecord { req: String::new() },
    };
    // The request line keeps what `.strip()` took off the title path.
    let mut request_path = endpoint.raw_full_path.clone();
    let mut query = Vec::new();
    let mut example_body = None;
    let mut example_mime = "application/json".to_owned();
    // An OpenAPI 3 body comes after every parameter.
    let body_position = endpoint
        .body
        .as_ref()
        .map_or(usize::MAX, |b| b.position.min(endpoint.parameters.len()));
    for index in 0..=endpoint.parameters.len() {
        if index == body_position
            && let Some(body) = &endpoint.body
        {
            add_body(&mut record, &body.schema.node.to_json());
            example_body = body_example(body);
        }
        let Some(param) = endpoint.parameters.get(index) else {
            break;
        };
        let schema = param.schema.node.to_json();
        let location = param.location.key();
        let example = param.example.as_ref().map(|e| e.to_json());
        if location == "header"
            && param.name == "Content-Type"
            && let Some(mime) = example.as_ref().filter(|e| tables::truthy(e))
        {
            example_mime = py_str(mime);
        }
        let mut desc = param.description.clone().unwrap_or_default();
        if param.required {
            desc = format!("**Required.** {desc}");
        }
        let mut title = match schema.get("type") {
            Some(t) => py_str(t),
            None => "None".into(),
        };
        if title == "array" {
            match schema.get("items") {
                Some(Value::Array(items)) => {
                    let types: Vec<String> = items
                        .iter()
                        .map(|i| i.get("type").map(py_str).unwrap_or_else(|| "None".into()))
                        .collect();
                    title = format!("[{}]", types.join(", "));
                }
                Some(items) if tables::truthy(items) => {
                    title = format!(
                        "[{}]",
                        items
                            .get("type")
                            .map(py_str)
                            .unwrap_or_else(|| "None".into())
                    );
                }
                _ => {}
            }
        }
        if let Some(values) = schema.get("enum").filter(|v| tables::truthy(v)) {
            title = "enum".into();
            let flat = JsonStyle {
                indent: None,
                sort_keys: false,
            };
            desc.push_str(&format!(" One of: {}", json_dumps(values, flat)));
        }
        record
            .req_param_by_loc
            .entry(location.to_owned())
            .or_default()
            .push(TypeRow {
                key: param.name.clone(),
                title,
                desc,
                // The original's parameter rows never carried the flag; only the text says it.
                required: false,
            });
        let Some(example) = example else { continue };
        match location {
            "path" => {
                request_path = request_path.replace(
                    &format!("{{{}}}", param.name),
                    &quote(&py_str(&example), "/"),
                );
            }
            "query" => match example {
                Value::Array(values) => {
                    query.extend(values.into_iter().map(|v| (param.name.clone(), v)));
                }
                value => query.push((param.name.clone(), value)),
            },
            _ => {}
        }
    }
    add_responses(&mut record, &endpoint.responses);
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", urlencode(&query))
    };
    let method = &record.method;
    record.example.req = match example_body.filter(|b| !b.is_empty()) {
        Some(body) => {
            format!(
                "{method} {request_path}{query} HTTP/1.1\nContent-Type: {example_mime}\n\n{body}"
            )
        }
        None => format!("{method} {request_path}{query} HTTP/1.1\n\n"),
    };
    record
}

/// Top-level body fields go with the parameters as `JSON body`; nested objects get tables.
fn add_body(record: &mut EndpointRecord, schema: &Value) {
    let merged = inherit_parents(schema);
    if merged.get("type").and_then(Value::as_str) != Some("object") {
        return;
    }
    let mut body_tables = tables::tables_for_schema(&merged);
    if body_tables.is_empty() {
        return;
    }
    let first = body_tables.remove(0);
    record
        .req_param_by_loc
        .entry("JSON body".to_owned())
        .or_default()
        .extend(first.rows);
    record.req_body_tables.extend(body_tables);
}

fn body_example(body: &crate::model::Body) -> Option<String> {
    // Swagger 2.0's `x-example` is shown as the original toolchain showed it; an OpenAPI 3
    // example (the first JSON one, named or not) as indented JSON.
    if let Some(example) = body.examples.iter().find(|e| e.media_type.is_none()) {
        return Some(py_str(&example.value.to_json()));
    }
    if let Some(example) = body.examples.iter().find(|e| e.is_json()) {
        return Some(json_dumps(&example.value.to_json(), PRETTY));
    }
    let schema = body.schema.node.to_json();
    let example = match schema.get("example") {
        Some(example) if !example.is_null() => Some(example.clone()),
        _ => example_for_schema(&schema),
    }?;
    Some(json_dumps(&example, PRETTY))
}

/// A made-up example for a schema without one: its properties' examples, `0` for integers,
/// `"string"` for strings.
pub fn example_for_schema(schema: &Value) -> Option<Value> {
    let schema = inherit_parents(schema);
    if let Some(example) = schema.get("example") {
        return Some(example.clone());
    }
    match schema.get("type").and_then(Value::as_str)? {
        "object" => {
            let props = schema.get("properties")?.as_object()?;
            let mut out = serde_json::Map::new();
            for (name, prop) in props {
                out.insert(name.clone(), example_for_schema(prop)?);
            }
            Some(Value::Object(out))
        }
        "array" => match schema.get("items")? {
            // A tuple: one example per position.
            Value::Array(items) => items
                .iter()
                .map(example_for_schema)
                .collect::<Option<_>>()
                .map(Value::Array),
            items => Some(Value::Array(vec![example_for_schema(items)?])),
        },
        "integer" => Some(Value::from(0)),
        "string" => Some(Value::from("string")),
        _ => None,
    }
}

fn add_responses(record: &mut EndpointRecord, responses: &[Response]) {
    let mut sorted: Vec<&Response> = responses.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |r: &Response| {
            let number = r
                .status
                .text
                .parse::<i64>()
                .ok()
                .filter(|_| r.status.integer);
            (number.is_none(), number, r.status.text.clone())
        };
        key(a).cmp(&key(b))
    });
    let mut good = None;
    for response in sorted {
        let code = match response.status.text.parse::<i64>() {
            Ok(n) if response.status.integer => Value::from(n),
            _ => Value::from(response.status.text.clone()),
        };
        if good.is_none() && code == 200 {
            good = Some(response);
        }
        record.responses.push(ResponseRecord {
            code,
            description: response.description.clone(),
            example: response_example(response),
        });
    }
    let Some(good) = good else { return };
    if let Some(schema) = &good.schema {
        record.res_tables = tables::tables_for_response(&schema.node.to_json());
    }
    if !good.headers.is_empty() {
        let rows = header_rows(&good.headers);
        record.res_headers = Some(TypeTable {
            title: None,
            desc: None,
            rows,
        });
    }
}

/// The rows of a response's header table: name, type (`None` when the schema has none, as
/// the original printed it), description.
pub fn header_rows(headers: &[crate::model::Header]) -> Vec<TypeRow> {
    headers
        .iter()
        .map(|header| TypeRow {
            key: header.name.clone(),
            title: header
                .schema
                .node
                .get("type")
                .map_or("None".into(), |t| py_str(&t.to_json())),
            desc: header.description.clone().unwrap_or_default(),
            required: false,
        })
        .collect()
}

fn response_example(response: &Response) -> Option<String> {
    // The JSON example of the response; of named ones, the first.
    let listed = response
        .examples
        .iter()
        .filter(|e| e.media_type.as_deref() == Some("application/json"))
        .min_by_key(|e| e.name.is_some())
        .map(|e| e.value.to_json())
        .filter(|v| !v.is_null());
    let example = match listed {
        Some(example) => example,
        None => {
            let schema = response.schema.as_ref()?.node.to_json();
            if schema.get("type").and_then(Value::as_str) == Some("file") {
                return None;
            }
            example_for_schema(&schema)?
        }
    };
    Some(json_dumps(&example, PRETTY))
}
