//! One shared definition (`{{definition_<api>_<path>}}`) as document blocks, from the model:
//! a section titled `Title schema`, the description, the field tables (type cells linking to
//! nested tables) and the example made from the schema.

use serde_json::Value;

use super::Fragments;
use super::blocks::{heading, parameter, type_tables};
use crate::model::NamedSchema;
use crate::py::{JsonStyle, json_dumps, py_str};
use crate::render::endpoints::example_for_schema;
use crate::render::tables::tables_for_schema;
use crate::rst::ids::make_id;
use crate::rst::{Block, Inline, Section};

/// The section of `definition` and its anchor.
pub fn section(definition: &NamedSchema, fragments: &mut Fragments<'_>) -> (Section, String) {
    let schema = definition.schema.node.to_json();
    let title = schema
        .get("title")
        .map_or_else(|| definition.name.clone(), py_str);
    let id = make_id(&format!("{title} schema"));
    let mut body = Vec::new();
    if let Some(description) = schema.get("description").and_then(Value::as_str) {
        body.extend(fragments.blocks(description));
    }
    body.extend(type_tables(
        &tables_for_schema(&schema),
        &format!("{id}-fields"),
        &parameter,
        fragments,
    ));
    if let Some(example) = example_for_schema(&schema) {
        body.push(heading("Example:"));
        let style = JsonStyle {
            indent: Some(4),
            sort_keys: true,
        };
        body.push(Block::Literal {
            language: Some("json".into()),
            text: json_dumps(&example, style),
        });
    }
    let section = Section {
        title: vec![Inline::Literal(title), Inline::Text(" schema".into())],
        ids: vec![id.clone()],
        classes: vec!["definition".into()],
        number: None,
        body,
    };
    (section, id)
}
