//! One event schema as document blocks, from the model: a section titled with the event type
//! (anchor `m-room-member`), its kind and `state_key`, the description, the content tables
//! (type cells linking to nested tables) and the examples.

use super::Fragments;
use super::blocks::{heading, paragraph, type_tables};
use crate::model::{EventSchema, Spec};
use crate::py::{JsonStyle, json_dumps};
use crate::render::events::{self, event_record, example_values};
use crate::render::tables::TypeTable;
use crate::rst::ids::make_id;
use crate::rst::{Block, Inline, Section};
use crate::source::SourceTree;

/// The section of `event`; titled by its `msgtype` in the list of message types.
pub fn section(
    tree: &SourceTree,
    spec: &Spec,
    event: &EventSchema,
    msgtype_title: bool,
    fragments: &mut Fragments<'_>,
) -> (Section, String) {
    let record = event_record(tree, event);
    let name = events::title(&record, msgtype_title);
    let id = make_id(&name);
    let mut body = Vec::new();
    if !record.kind_of.is_empty() && !msgtype_title {
        body.push(paragraph(vec![Inline::Emphasis(vec![Inline::Text(
            record.kind_of.clone(),
        )])]));
        body.extend(fragments.blocks(&record.typeof_info));
    }
    body.extend(fragments.blocks(&record.desc));
    let key = |table: &TypeTable| format!("{} Key", table.title.as_deref().unwrap_or("Content"));
    body.extend(type_tables(
        &record.content_fields,
        &format!("{id}-content"),
        &key,
        fragments,
    ));
    let mut examples = example_values(spec, &event.name);
    if msgtype_title {
        examples.truncate(1);
    }
    if !examples.is_empty() {
        body.push(heading(if examples.len() > 1 {
            "Examples:"
        } else {
            "Example:"
        }));
    }
    let style = JsonStyle {
        indent: Some(4),
        sort_keys: true,
    };
    for example in &examples {
        body.push(Block::Literal {
            language: Some("json".into()),
            text: json_dumps(example, style),
        });
    }
    let section = Section {
        title: vec![Inline::Literal(name)],
        ids: vec![id.clone()],
        classes: vec!["event".into()],
        number: None,
        body,
    };
    (section, id)
}
