//! Event records and the event sections: one per event schema (`{{m_room_member_event}}`),
//! the lists of message types, VoIP, presence and room events, and the common fields of the
//! core event schemas.
//!
//! Records follow the original's units (compared with `units/event_schemas.json` by the
//! corpus suite): the kind (`Message Event`, `State Event`) comes from the schema's first
//! `allOf` ref as written, the content table from `properties/content`, and examples are the
//! example files named like the schema or like it with a `$variant`.

use serde::Serialize;
use serde_json::Value;

use super::layout::{self, Table, indent_block};
use super::tables::{self, TypeTable};
use super::templates::{TemplateError, Templates};
use crate::model::{EventSchema, NamedSchema, Spec};
use crate::py::{JsonStyle, json_dumps};
use crate::source::SourceTree;

const ROOM_EVENT: &str = "core-event-schema/room_event.yaml";
const STATE_EVENT: &str = "core-event-schema/state_event.yaml";

/// One event schema, as the template sees it.
#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    /// `Message Event`, `State Event` or empty.
    #[serde(rename = "typeof")]
    pub kind_of: String,
    /// For state events, what the state key holds.
    pub typeof_info: String,
    /// The event type (`m.room.member`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The schema title.
    pub title: Option<String>,
    /// The schema description.
    pub desc: String,
    /// The `msgtype` of an `m.room.message` variant.
    pub msgtype: Option<String>,
    /// `m.room.message (m.text)`: the type with its message type or verification method.
    pub type_with_msgtype: Option<String>,
    /// Tables of the content's fields.
    pub content_fields: Vec<TypeTable>,
}

fn pointer_str<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}

fn first_enum(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .and_then(|values| values.first())
        .map(crate::py::py_str)
}

/// The record of an event schema.
pub fn event_record(tree: &SourceTree, event: &EventSchema) -> EventRecord {
    let raw_first_ref = tree
        .file(event.file)
        .node
        .as_ref()
        .and_then(|node| node.get("allOf"))
        .and_then(|all| all.as_seq())
        .and_then(|all| all.first())
        .and_then(|first| first.get_str("$ref"))
        .map(str::to_owned);
    let kind_of = match raw_first_ref.as_deref() {
        Some(ROOM_EVENT) => "Message Event",
        Some(STATE_EVENT) => "State Event",
        _ => "",
    };
    let schema = event.schema.node.to_json();
    let kind = first_enum(&schema, "/properties/type/enum").unwrap_or_default();
    let mut desc = pointer_str(&schema, "/description")
        .unwrap_or("")
        .to_owned();
    let content_fields = schema
        .pointer("/properties/content")
        .map(tables::tables_for_schema)
        .unwrap_or_default();
    let msgtype = first_enum(&schema, "/properties/content/properties/msgtype/enum");
    let mut type_with_msgtype = msgtype.as_ref().map(|m| format!("{kind} ({m})"));
    if kind == "m.room.message" && msgtype.is_none() {
        desc.push_str(" For more information on ``msgtypes``, see `m.room.message msgtypes`_.");
    }
    if kind == "m.key.verification.start"
        && let Some(method) = first_enum(&schema, "/properties/content/properties/method/enum")
    {
        type_with_msgtype = Some(format!("{kind} ({method})"));
    }
    let typeof_info = if kind_of == "State Event" {
        let key = pointer_str(&schema, "/properties/state_key/description").unwrap_or("");
        format!("``state_key``: {key}")
    } else {
        String::new()
    };
    EventRecord {
        kind_of: kind_of.to_owned(),
        typeof_info,
        kind,
        title: pointer_str(&schema, "/title").map(str::to_owned),
        desc,
        msgtype,
        type_with_msgtype,
        content_fields,
    }
}

/// The examples shown with event schema `name`: example files named `name` or `name$...`,
/// sorted by file name, as 4-space indented JSON with sorted keys.
pub fn event_examples(spec: &Spec, name: &str) -> Vec<String> {
    example_values(spec, name)
        .iter()
        .map(sorted_example)
        .collect()
}

/// The example values shown with event schema `name`, sorted by file name.
pub fn example_values(spec: &Spec, name: &str) -> Vec<Value> {
    let mut examples: Vec<(&str, &crate::source::Node)> = spec
        .events
        .iter()
        .flat_map(|e| e.examples.iter())
        .filter(|ex| ex.name == name || ex.name.split('$').next() == Some(name))
        .map(|ex| (ex.name.as_str(), &ex.value))
        .collect();
    examples.sort_by(|a, b| a.0.cmp(b.0));
    examples
        .into_iter()
        .map(|(_, value)| value.to_json())
        .collect()
}

/// An example as the event and definition templates print it.
pub fn sorted_example(value: &Value) -> String {
    let style = JsonStyle {
        indent: Some(4),
        sort_keys: true,
    };
    indent_block(&json_dumps(value, style), 4)
}

#[derive(Serialize)]
struct EventView {
    heading: String,
    underline: String,
    kind_of: String,
    typeof_info: String,
    desc: String,
    tables: Vec<Table>,
    examples: Vec<String>,
}

fn content_table(table: &TypeTable) -> Table {
    let key = format!("{} Key", table.title.as_deref().unwrap_or("Content"));
    let caption = table.title.as_deref().unwrap_or("");
    layout::rows_table(caption, [&key, "Type", "Description"], &table.rows)
}

fn event_view(
    record: &EventRecord,
    examples: Vec<String>,
    title_char: char,
    msgtype_title: bool,
) -> EventView {
    let heading = format!("``{}``", title(record, msgtype_title));
    EventView {
        underline: title_char.to_string().repeat(heading.chars().count()),
        heading,
        kind_of: record.kind_of.clone(),
        typeof_info: indent_block(&record.typeof_info, 4),
        desc: record.desc.clone(),
        tables: record.content_fields.iter().map(content_table).collect(),
        examples,
    }
}

/// The title of an event's section: its type (with `$variant`), or its `msgtype` in the
/// list of message types.
pub fn title(record: &EventRecord, msgtype_title: bool) -> String {
    match (&record.msgtype, msgtype_title) {
        (Some(msgtype), true) => msgtype.clone(),
        _ => record
            .type_with_msgtype
            .clone()
            .unwrap_or_else(|| record.kind.clone()),
    }
}

/// The section of one event schema (`{{m_room_member_event}}`).
pub fn render_event(
    templates: &Templates,
    tree: &SourceTree,
    spec: &Spec,
    event: &EventSchema,
    title_char: char,
) -> Result<String, TemplateError> {
    let record = event_record(tree, event);
    let view = event_view(
        &record,
        event_examples(spec, &event.name),
        title_char,
        false,
    );
    templates.render("event.rst", minijinja::context! { event => view })
}

/// The name of an event schema's placeholder (`m.room.message$m.text` gives
/// `m_room_message_m_text_event`).
pub fn section_name(event: &str) -> String {
    format!("{}_event", event.replace(['.', '$'], "_"))
}

/// The order of `{{voip_events}}`: the order of a call.
pub const VOIP_ORDER: [&str; 4] = [
    "m.call.invite",
    "m.call.candidates",
    "m.call.answer",
    "m.call.hangup",
];

/// The sections of the events whose schema name `select` accepts, two newlines apart
/// (`{{room_events}}`, `{{voip_events}}`, `{{presence_events}}`): those named in `first` in
/// that order, then the others sorted.
pub fn render_event_list(
    templates: &Templates,
    tree: &SourceTree,
    events: &[&EventSchema],
    spec: &Spec,
    title_char: char,
) -> Result<String, TemplateError> {
    let mut sections = Vec::new();
    for event in events {
        sections.push(render_event(templates, tree, spec, event, title_char)?);
    }
    Ok(sections.join("\n\n"))
}

/// The events of a list placeholder, in its order: `{{room_events}}`, `{{voip_events}}` and
/// `{{presence_events}}` (those of [`VOIP_ORDER`] first, then the others sorted), and
/// `{{msgtype_events}}` (see [`msgtypes`]). None for other names.
pub fn list<'s>(spec: &'s Spec, name: &str) -> Option<Vec<&'s EventSchema>> {
    let (select, first): (fn(&str) -> bool, &[&str]) = match name {
        "voip_events" => (|n| n.starts_with("m.call."), &VOIP_ORDER),
        "presence_events" => (|n| n.starts_with("m.presence"), &[]),
        "room_events" => (
            |n| n.starts_with("m.room") && !n.starts_with("m.room.message$m."),
            &[],
        ),
        "msgtype_events" => return Some(msgtypes(spec)),
        _ => return None,
    };
    let selected: Vec<&EventSchema> = spec.events.iter().filter(|e| select(&e.name)).collect();
    let listed = first
        .iter()
        .filter_map(|name| selected.iter().find(|e| e.name == *name).copied());
    let rest = selected
        .iter()
        .filter(|e| !first.contains(&e.name.as_str()))
        .copied();
    Some(listed.chain(rest).collect())
}

/// Message types listed first, in this order, by `{{msgtype_events}}`; the rest follow sorted.
const MSGTYPE_ORDER: [&str; 5] = [
    "m.room.message$m.text",
    "m.room.message$m.emote",
    "m.room.message$m.notice",
    "m.room.message$m.image",
    "m.room.message$m.file",
];

/// Left out of `{{msgtype_events}}`: server notices have a module of their own.
const MSGTYPE_EXCLUDED: [&str; 1] = ["m.room.message$m.server_notice"];

/// `{{msgtype_events}}`: the `m.room.message` variants, titled by message type, with their
/// first example.
pub fn render_msgtypes(
    templates: &Templates,
    tree: &SourceTree,
    spec: &Spec,
    title_char: char,
) -> Result<String, TemplateError> {
    let mut sections = Vec::new();
    for event in msgtypes(spec) {
        let record = event_record(tree, event);
        let mut view = event_view(&record, event_examples(spec, &event.name), title_char, true);
        view.desc = layout::wrap_paragraphs(&view.desc, 80);
        sections.push(templates.render("msgtype.rst", minijinja::context! { event => view })?);
    }
    Ok(sections.join("\n\n"))
}

/// The message types of `{{msgtype_events}}`, in order.
pub fn msgtypes(spec: &Spec) -> Vec<&EventSchema> {
    let ordered = MSGTYPE_ORDER
        .iter()
        .filter_map(|name| spec.events.iter().find(|e| e.name == *name));
    let others = spec.events.iter().filter(|e| {
        e.name.starts_with("m.room.message$m.")
            && !MSGTYPE_ORDER.contains(&e.name.as_str())
            && !MSGTYPE_EXCLUDED.contains(&e.name.as_str())
    });
    ordered.chain(others).collect()
}

/// `{{common_<name>_fields}}` for core schema `name` (`event`, `room_event`, `state_event`).
pub fn render_common_fields(
    templates: &Templates,
    schema: &NamedSchema,
    title_char: char,
) -> Result<String, TemplateError> {
    let value = schema.schema.node.to_json();
    let title = pointer_str(&value, "/title").unwrap_or("").to_owned();
    let heading = format!("{title} Fields");
    let data = tables::process_data_type(&value, false, true);
    let tables: Vec<Table> = data
        .tables
        .iter()
        .map(|t| {
            let caption = t.title.as_deref().unwrap_or("");
            layout::rows_table(caption, ["Key", "Type", "Description"], &t.rows)
        })
        .collect();
    let context = minijinja::context! {
        underline => title_char.to_string().repeat(heading.chars().count()),
        heading,
        desc => pointer_str(&value, "/description").unwrap_or(""),
        field_tables => tables,
    };
    templates.render("common-fields.rst", context)
}
