//! The OpenAPI 3.1 dump of a document that is not part of a Matrix tree: the bundle of an
//! OpenAPI 3.1 document as it is; an OpenAPI 3.0 document (a bundle, or the 3.0 dump of a
//! Swagger 2.0 one) with its schemas in JSON Schema 2020-12's words. Refs stay refs, so the
//! dump keeps its source's size.

use serde_json::{Map, Value, json};

use super::bundle::{bundle, each_schema};
use super::{DumpError, Options, openapi3_with};
use crate::diagnostic::Diagnostic;
use crate::model::{Api, Group, SpecFormat};
use crate::source::SourceTree;

/// Why a document could not be dumped as OpenAPI 3.1.
#[derive(Debug, thiserror::Error)]
pub enum Openapi31Error {
    /// Bundling it found problems (the diagnostics say where).
    #[error("bundling the document found {} problems", .0.len())]
    Bundle(Vec<Diagnostic>),
    /// Its OpenAPI 3.0 dump failed.
    #[error(transparent)]
    Dump(#[from] DumpError),
}

/// The OpenAPI 3.1 dump of `group`, a document of `api` (not a Matrix tree): its bundle when
/// it is OpenAPI 3.1 already; an OpenAPI 3.0 document's bundle, or a Swagger 2.0 one's OpenAPI
/// 3.0 dump (written as `options` say), upgraded by [`openapi31_from_30`].
pub fn openapi31_of_document(
    tree: &mut SourceTree,
    api: &Api,
    group: &Group,
    options: &Options,
) -> Result<Value, Openapi31Error> {
    match group.format {
        SpecFormat::Swagger2 => {
            let openapi3 = serde_json::to_value(openapi3_with(api, options)?)
                .unwrap_or_else(|_| unreachable!("a typed document is plain JSON"));
            Ok(openapi31_from_30(openapi3))
        }
        format => {
            let bundled = bundle(tree, group.file, format).map_err(Openapi31Error::Bundle)?;
            Ok(match format {
                SpecFormat::OpenApi30 => openapi31_from_30(bundled.json),
                _ => bundled.json,
            })
        }
    }
}
use crate::schema::{Dialect, Holds, holds};

/// `document`, an OpenAPI 3.0 document, as OpenAPI 3.1:
/// - `nullable: true` is `null` among the types (`type: [string, "null"]`), or, beside no
///   `type`, an `anyOf` of the schema and `{type: "null"}`;
/// - a boolean `exclusiveMinimum` / `exclusiveMaximum` is the bound it makes exclusive;
/// - `default: null` on a schema that is not nullable, which says there is no default, is
///   left out.
///
/// Everything else reads the same in both.
pub fn openapi31_from_30(mut document: Value) -> Value {
    each_schema(&mut document, SpecFormat::OpenApi30, &mut upgrade);
    if let Value::Object(map) = &mut document {
        map.insert("openapi".into(), json!("3.1.0"));
    }
    document
}

/// The keywords of a schema that describe it rather than constrain it: they stay beside the
/// `anyOf` a nullable schema without a type becomes.
const ANNOTATIONS: [&str; 8] = [
    "title",
    "description",
    "default",
    "example",
    "readOnly",
    "writeOnly",
    "deprecated",
    "externalDocs",
];

fn upgrade(value: &mut Value) {
    let Value::Object(map) = value else { return };
    for (key, child) in map.iter_mut() {
        match holds(key, Dialect::OpenApi30) {
            Some(Holds::One) => upgrade(child),
            Some(Holds::OneOrList | Holds::List) => match child {
                Value::Array(items) => items.iter_mut().for_each(upgrade),
                _ => upgrade(child),
            },
            Some(Holds::Map | Holds::MapOfSchemaOrNames) => {
                if let Value::Object(children) = child {
                    children.values_mut().for_each(upgrade);
                }
            }
            None => {}
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        match map.get(exclusive) {
            Some(Value::Bool(true)) => match map.remove(bound) {
                Some(limit) => {
                    map.insert(exclusive.into(), limit);
                }
                None => {
                    map.remove(exclusive);
                }
            },
            Some(Value::Bool(false)) => {
                map.remove(exclusive);
            }
            _ => {}
        }
    }
    if map.remove("nullable") != Some(Value::Bool(true)) {
        // `default: null` where OpenAPI 3.0 allows no null says only that there is no
        // default; in 3.1 it would be a default the schema rejects.
        if map.get("default").is_some_and(Value::is_null) {
            map.remove("default");
        }
        return;
    }
    match map.get_mut("type") {
        Some(Value::String(single)) => {
            let single = std::mem::take(single);
            map.insert("type".into(), json!([single, "null"]));
            if let Some(Value::Array(values)) = map.get_mut("enum")
                && !values.contains(&Value::Null)
            {
                values.push(Value::Null);
            }
        }
        Some(_) => {}
        None => {
            let mut inner = Map::new();
            for (key, child) in std::mem::take(map) {
                if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") {
                    map.insert(key, child);
                } else {
                    inner.insert(key, child);
                }
            }
            map.insert(
                "anyOf".into(),
                json!([Value::Object(inner), {"type": "null"}]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upgraded(mut value: Value) -> Value {
        upgrade(&mut value);
        value
    }

    #[test]
    fn openapi_3_0_schemas_read_as_json_schema_2020_12() {
        assert_eq!(
            upgraded(json!({"type": "string", "nullable": true, "enum": ["a"]})),
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        assert_eq!(
            upgraded(
                json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
            ),
            json!({"description": "d", "anyOf": [{"allOf": [{"$ref": "#/components/schemas/A"}]}, {"type": "null"}]})
        );
        assert_eq!(
            upgraded(
                json!({"type": "object", "properties": {"n": {"type": "integer", "minimum": 0, "exclusiveMinimum": true, "nullable": false}}})
            ),
            json!({"type": "object", "properties": {"n": {"type": "integer", "exclusiveMinimum": 0}}})
        );
        assert_eq!(
            upgraded(json!({"default": null, "oneOf": [{"type": "string"}]})),
            json!({"oneOf": [{"type": "string"}]})
        );
    }

    #[test]
    fn every_schema_of_a_document_is_upgraded_and_data_is_not() {
        let document = json!({
            "openapi": "3.0.3",
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "nullable": true}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "integer", "nullable": true},
                    "example": {"nullable": true},
                }}}},
            }}},
            "components": {"schemas": {"S": {"type": "boolean", "nullable": true}}},
        });
        let upgraded = openapi31_from_30(document);
        assert_eq!(upgraded["openapi"], "3.1.0");
        let get = &upgraded["paths"]["/a"]["get"];
        assert_eq!(
            get["parameters"][0]["schema"]["type"],
            json!(["string", "null"])
        );
        let media = &get["responses"]["200"]["content"]["application/json"];
        assert_eq!(media["schema"]["type"], json!(["integer", "null"]));
        assert_eq!(media["example"], json!({"nullable": true}));
        assert_eq!(
            upgraded["components"]["schemas"]["S"]["type"],
            json!(["boolean", "null"])
        );
    }
}
