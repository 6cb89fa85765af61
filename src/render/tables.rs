//! Schemas as the original renderer tabulated them: one table per titled object, a row per
//! property with its type name and description.
//!
//! The rules are the original's, quirks included (reference README, quirks 2 and 3): `allOf`
//! keeps only type, title, description, required and the property maps; a titled object
//! nested anywhere gets its own table; tables are de-duplicated by title, the last kept.
//! Work is on JSON values because the rules are about plain maps, not positions.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::py::{JsonStyle, json_dumps, py_str};

/// A table of fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TypeTable {
    /// The object's title; the first table of a body has none.
    pub title: Option<String>,
    /// Always empty in the original; kept so the record shape matches.
    pub desc: Option<String>,
    /// One row per property.
    pub rows: Vec<TypeRow>,
}

/// One field of a [`TypeTable`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeRow {
    /// The property name.
    pub key: String,
    /// The type name (`string`, `[string]`, `{string: integer}`, an object's title).
    pub title: String,
    /// The description, `**Required.**` first for required fields.
    pub desc: String,
    /// Whether the field is required.
    pub required: bool,
}

/// What [`process_data_type`] learns of one schema.
#[derive(Clone, Debug, Default)]
pub struct DataType {
    /// The type name.
    pub title: String,
    /// The row description.
    pub desc: String,
    /// `One of: [...]` or `Must be '...'.` for enums.
    pub enum_desc: Option<String>,
    /// The schema is an object (then it needs no `<body>` row).
    pub is_object: bool,
    /// Tables of the nested objects.
    pub tables: Vec<TypeTable>,
}

/// Merges `allOf` parents into one schema, the child last (it wins).
pub fn inherit_parents(schema: &Value) -> Cow<'_, Value> {
    let Some(parents) = schema.get("allOf").and_then(Value::as_array) else {
        return Cow::Borrowed(schema);
    };
    if parents.is_empty() {
        return Cow::Borrowed(schema);
    }
    let mut result = Map::new();
    let merged: Vec<Cow<Value>> = parents.iter().map(inherit_parents).collect();
    for part in merged
        .iter()
        .map(|p| p.as_ref())
        .chain(std::iter::once(schema))
    {
        for key in ["type", "title", "description"] {
            if let Some(value) = part.get(key).filter(|v| truthy(v)) {
                result.insert(key.into(), value.clone());
            }
        }
        if let Some(Value::Array(required)) = part.get("required").filter(|v| truthy(v)) {
            let list = result
                .entry("required")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                list.extend(required.iter().cloned());
            }
        }
        for key in ["properties", "additionalProperties", "patternProperties"] {
            if let Some(Value::Object(fields)) = part.get(key).filter(|v| truthy(v)) {
                let target = result
                    .entry(key)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(target) = target {
                    for (name, field) in fields {
                        target.insert(name.clone(), field.clone());
                    }
                }
            }
        }
    }
    Cow::Owned(Value::Object(result))
}

/// Python truthiness.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn get_str<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The type name, description and nested tables of a schema.
pub fn process_data_type(schema: &Value, required: bool, enforce_title: bool) -> DataType {
    let prop = inherit_parents(schema);
    let prop_type = prop
        .get("oneOf")
        .or_else(|| prop.get("type"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut tables = Vec::new();
    let mut enum_desc = None;
    let mut is_object = false;
    let mut title = match &prop_type {
        Value::String(t) if t == "object" => {
            let (title, object_tables) = object_fields(&prop, enforce_title);
            tables = object_tables;
            is_object = true;
            title
        }
        Value::String(t) if t == "array" => match prop.get("items") {
            Some(Value::Array(items)) => {
                let mut titles = Vec::new();
                for item in items {
                    let nested = process_data_type(item, false, true);
                    tables.extend(nested.tables);
                    titles.push(nested.title);
                }
                format!("[{}]", titles.join(", "))
            }
            Some(items) => {
                let nested = process_data_type(items, false, true);
                tables = nested.tables;
                enum_desc = nested.enum_desc;
                format!("[{}]", nested.title)
            }
            None => "[]".to_owned(),
        },
        Value::Array(options) => {
            let mut titles = Vec::new();
            for option in options {
                if option.is_object() {
                    let nested = process_data_type(option, false, true);
                    tables.extend(nested.tables);
                    titles.push(nested.title);
                    enum_desc = nested.enum_desc.map(|d| format!("{d} if the type is enum"));
                } else {
                    titles.push(py_str(option));
                }
            }
            titles.join(" or ")
        }
        other => py_str(other),
    };
    if let Some(Value::Array(values)) = prop.get("enum").filter(|v| truthy(v)) {
        enum_desc = Some(if values.len() > 1 {
            title = "enum".into();
            let flat = JsonStyle {
                indent: None,
                sort_keys: false,
            };
            format!(
                "One of: {}",
                json_dumps(&Value::Array(values.clone()), flat)
            )
        } else {
            format!("Must be '{}'.", py_str(&values[0]))
        });
    }
    let desc = join_desc(
        required,
        get_str(&prop, "description"),
        enum_desc.as_deref(),
    );
    DataType {
        title,
        desc,
        enum_desc,
        is_object,
        tables,
    }
}

/// `**Required.**`, the description and the enum note, joined by spaces.
pub fn join_desc(required: bool, description: Option<&str>, enum_desc: Option<&str>) -> String {
    let parts = [required.then_some("**Required.**"), description, enum_desc];
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An object's title and tables: its own table first, then those of its fields.
fn object_fields(obj: &Value, enforce_title: bool) -> (String, Vec<TypeTable>) {
    let obj_title = get_str(obj, "title").map(str::to_owned);
    let additional = obj.get("additionalProperties").filter(|v| truthy(v));
    let mut props = obj
        .get("properties")
        .filter(|v| truthy(v))
        .map(Cow::Borrowed);
    if let (Some(additional @ Value::Object(_)), None) = (additional, &props) {
        // Not really an object: a map from keys to values.
        let key_type = get_str(additional, "x-pattern").unwrap_or("string");
        let value = process_data_type(additional, false, true);
        return (format!("{{{key_type}: {}}}", value.title), value.tables);
    }
    if props.is_none() {
        props = obj
            .get("patternProperties")
            .filter(|v| truthy(v))
            .map(|pattern| Cow::Owned(pretty_pattern_keys(pattern)));
    }
    let Some(Value::Object(props)) = props.as_deref().filter(|p| truthy(p)) else {
        return (obj_title.unwrap_or_else(|| "object".into()), Vec::new());
    };
    let obj_title = match obj_title {
        None if enforce_title => Some("NO_TITLE".to_owned()),
        other => other,
    };
    let required_keys: Vec<&str> = obj
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    for (key, prop) in props {
        let required = required_keys.contains(&key.as_str());
        let nested = process_data_type(prop, required, true);
        rows.push(TypeRow {
            key: key.clone(),
            title: nested.title,
            desc: nested.desc,
            required,
        });
        tables.extend(nested.tables);
    }
    tables.insert(
        0,
        TypeTable {
            title: obj_title.clone(),
            desc: None,
            rows,
        },
    );
    (obj_title.unwrap_or_else(|| "None".into()), tables)
}

/// `patternProperties` with each regex key that has an `x-pattern` renamed to it (moved to
/// the end, as the original's rename did).
fn pretty_pattern_keys(pattern: &Value) -> Value {
    let mut pattern = pattern.clone();
    if let Value::Object(map) = &mut pattern {
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            let Some(pretty) = map.get(&key).and_then(|p| get_str(p, "x-pattern")) else {
                continue;
            };
            let pretty = pretty.to_owned();
            if pretty != key
                && let Some(value) = map.get(&key).cloned()
            {
                map.insert(pretty, value);
                map.shift_remove(&key);
            }
        }
    }
    pattern
}

/// Keeps the last table of each title, in order.
pub fn deduplicate(tables: Vec<TypeTable>) -> Vec<TypeTable> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<TypeTable> = tables
        .into_iter()
        .rev()
        .filter(|t| seen.insert(t.title.clone()))
        .collect();
    kept.reverse();
    kept
}

/// The tables of a request body's schema.
pub fn tables_for_schema(schema: &Value) -> Vec<TypeTable> {
    deduplicate(process_data_type(schema, false, false).tables)
}

/// The tables of a response: a `<body>` row first unless the body is an object.
pub fn tables_for_response(schema: &Value) -> Vec<TypeTable> {
    let data = process_data_type(schema, false, false);
    let mut tables = deduplicate(data.tables);
    if !data.is_object {
        tables.insert(
            0,
            TypeTable {
                title: None,
                desc: None,
                rows: vec![TypeRow {
                    key: "<body>".into(),
                    title: data.title,
                    desc: data.desc,
                    required: false,
                }],
            },
        );
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_titled_objects_get_tables() {
        let schema = json!({
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": "string", "description": "First.", "enum": ["x", "y"]},
                "b": {"type": "array", "items": {"type": "object", "title": "Thing",
                      "properties": {"c": {"type": "integer"}}}},
                "d": {"type": "object", "additionalProperties": {"type": "integer"}}
            }
        });
        let tables = tables_for_schema(&schema);
        assert_eq!(tables.len(), 2);
        let rows = &tables[0].rows;
        assert_eq!(rows[0].desc, r#"**Required.** First. One of: ["x", "y"]"#);
        assert_eq!(rows[1].title, "[Thing]");
        assert_eq!(rows[2].title, "{string: integer}");
        assert_eq!(tables[1].title.as_deref(), Some("Thing"));
    }

    #[test]
    fn all_of_merges_with_the_child_last() {
        let schema = json!({
            "allOf": [{"type": "object", "title": "Base", "required": ["a"],
                       "properties": {"a": {"type": "string"}}}],
            "title": "Child",
            "properties": {"b": {"type": "integer"}}
        });
        let merged = inherit_parents(&schema);
        assert_eq!(merged["title"], "Child");
        assert_eq!(merged["properties"].as_object().map(Map::len), Some(2));
    }

    #[test]
    fn last_table_of_a_title_wins() {
        let table = |title: &str, key: &str| TypeTable {
            title: Some(title.into()),
            desc: None,
            rows: vec![TypeRow {
                key: key.into(),
                title: String::new(),
                desc: String::new(),
                required: false,
            }],
        };
        let kept = deduplicate(vec![table("A", "1"), table("B", "2"), table("A", "3")]);
        assert_eq!(kept, vec![table("B", "2"), table("A", "3")]);
    }
}
