//! What the OpenAPI 3.0 and Swagger 2.0 dumps do alike to a schema written for a newer
//! dialect (JSON Schema 2020-12, as OpenAPI 3.1 has it): keywords those two have another form
//! for are written in it. Each change is a `dump-lossy` warning where [`super::losses`] finds
//! that the form says less.

use serde_json::{Map, Value, json};

/// Rewrites one schema's own keywords (not its subschemas) into their draft 4 forms:
/// - `const: v` is `enum: [v]`;
/// - `examples: [a, ...]` is `example: a`;
/// - a numeric `exclusiveMinimum` / `exclusiveMaximum` (2020-12) is the bound and `true`;
/// - tuple `items` (a list) is one items schema, or `anyOf` the distinct ones (`any_of` names
///   the keyword the target has for it);
/// - an empty `required` or `enum`, which draft 4 forbids, is left out.
pub(super) fn draft4_forms(map: &mut Map<String, Value>, any_of: &str) {
    if let Some(value) = map.remove("const")
        && !map.contains_key("enum")
    {
        map.insert("enum".into(), json!([value]));
    }
    if let Some(Value::Array(mut examples)) = map.remove("examples")
        && !examples.is_empty()
        && !map.contains_key("example")
    {
        map.insert("example".into(), examples.swap_remove(0));
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(limit)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(limit));
            map.insert(exclusive.into(), json!(true));
        }
    }
    if let Some(Value::Array(tuple)) = map.get("items").cloned() {
        let mut distinct: Vec<Value> = Vec::new();
        for item in tuple {
            if !distinct.contains(&item) {
                distinct.push(item);
            }
        }
        let items = match distinct.len() {
            0 => json!({}),
            1 => distinct.remove(0),
            _ => json!({ any_of: distinct }),
        };
        map.insert("items".into(), items);
    }
    for list in ["required", "enum"] {
        if map
            .get(list)
            .is_some_and(|l| l.as_array().is_some_and(Vec::is_empty))
        {
            map.remove(list);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(value: Value) -> Value {
        let Value::Object(mut map) = value else {
            unreachable!()
        };
        draft4_forms(&mut map, "anyOf");
        Value::Object(map)
    }

    #[test]
    fn newer_keywords_take_their_draft_4_forms() {
        assert_eq!(forms(json!({"const": 3})), json!({"enum": [3]}));
        assert_eq!(
            forms(json!({"examples": ["a", "b"]})),
            json!({"example": "a"})
        );
        assert_eq!(
            forms(json!({"type": "integer", "exclusiveMinimum": 0})),
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 0})
        );
        assert_eq!(
            forms(json!({"exclusiveMaximum": true, "maximum": 9})),
            json!({"exclusiveMaximum": true, "maximum": 9})
        );
        assert_eq!(
            forms(json!({"items": [{"type": "string"}, {"type": "string"}]})),
            json!({"items": {"type": "string"}})
        );
        assert_eq!(
            forms(json!({"items": [{"type": "string"}, {"type": "integer"}]})),
            json!({"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
        );
        assert_eq!(forms(json!({"required": [], "enum": []})), json!({}));
    }
}
