//! The `{{definition_<api>_<path>}}` sections: an API's shared definitions shown on their own,
//! with their field tables and an example.

use serde::Serialize;
use serde_json::Value;

use super::endpoints::{api_suffix, example_for_schema};
use super::events::sorted_example;
use super::http_api::uncaptioned_type_table;
use super::layout::Table;
use super::tables;
use super::templates::{TemplateError, Templates};
use crate::model::{Api, NamedSchema};

/// The placeholder name of a definition: `definition_`, the API's short name and the path
/// below `definitions/` with every character but letters, digits and `_` made `_`
/// (`definition_cs_errors_error`).
pub fn section_name(api: &Api, definition: &NamedSchema) -> String {
    let path: String = definition
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("definition_{}_{path}", api_suffix(&api.name))
}

/// Whether a definition gets a section: the original skipped files without a `type`.
pub fn has_section(definition: &NamedSchema) -> bool {
    definition.schema.node.get("type").is_some()
}

#[derive(Serialize)]
struct CaptionedTable {
    caption: String,
    table: Table,
}

/// Renders a definition's section; the title is underlined with `title_char`.
pub fn render(
    templates: &Templates,
    definition: &NamedSchema,
    title_char: char,
) -> Result<String, TemplateError> {
    let mut schema = definition.schema.node.to_json();
    let example = example_for_schema(&schema);
    if let Value::Object(map) = &mut schema {
        map.entry("title")
            .or_insert_with(|| Value::from("NO_TITLE"));
    }
    let title = schema
        .get("title")
        .map(crate::py::py_str)
        .unwrap_or_default();
    let field_tables: Vec<CaptionedTable> = tables::tables_for_schema(&schema)
        .iter()
        .map(|t| CaptionedTable {
            caption: t.title.clone().unwrap_or_else(|| "None".into()),
            table: uncaptioned_type_table(t),
        })
        .collect();
    let heading = format!("``{title}`` schema");
    let context = minijinja::context! {
        underline => title_char.to_string().repeat(heading.chars().count()),
        heading,
        description => schema.get("description").and_then(Value::as_str),
        field_tables,
        examples => example.iter().map(sorted_example).collect::<Vec<_>>(),
    };
    templates.render("definition.rst", context)
}
