//! One endpoint as document blocks, straight from the model and its record: a section titled
//! with method and path (anchor `get-matrix-client-r0-sync`), the deprecation banner,
//! badges, rate limit and authentication, parameter tables per location, request body
//! tables whose type cells link to the nested tables, a table of every response status and
//! the tables of each response, and the examples.

use serde_json::Value;

use super::Fragments;
use super::blocks::{
    PARAMETER, cell, header_row, heading, paragraph, parameter, text, text_cell, type_tables,
};
use crate::model::{Auth, Endpoint, MatrixVersions, Response};
use crate::py::json_dumps;
use crate::render::endpoints::PRETTY;
use crate::render::endpoints::{EndpointRecord, header_rows};
use crate::render::tables::{TypeTable, tables_for_response};
use crate::rst::ids::make_id;
use crate::rst::{Block, Cell, Inline, RefTarget, Section, Table};
use crate::source::Node;

/// What the page's endpoint index lists of one endpoint.
#[derive(Clone, Debug)]
pub struct IndexEntry {
    /// `GET`.
    pub method: String,
    /// The full path.
    pub path: String,
    /// The summary.
    pub summary: String,
    /// Deprecated.
    pub deprecated: bool,
    /// The section's anchor.
    pub id: String,
}

/// The stable anchor of an endpoint: lower-case method and path, docutils style.
pub fn anchor(method: &str, path: &str) -> String {
    make_id(&format!("{method} {path}"))
}

const DEPRECATION: &str = "This API is deprecated and will be removed from a future release.";

/// The section of one endpoint; `id` is its anchor, already unique on the page.
pub fn section(
    endpoint: &Endpoint,
    record: &EndpointRecord,
    id: String,
    fragments: &mut Fragments<'_>,
) -> (Section, IndexEntry) {
    let call = format!("{} {}", record.method, record.path);
    let mut title = Vec::new();
    if record.deprecated {
        title.push(Inline::Text("Deprecated: ".into()));
    }
    title.push(Inline::Literal(call.clone()));
    let mut ids = vec![id.clone()];
    if record.deprecated {
        ids.push(make_id(&format!("Deprecated: {call}")));
    }
    let mut body = Vec::new();
    if record.deprecated {
        body.push(Block::Admonition {
            class: "warning deprecated".into(),
            title: text("Warning"),
            body: vec![paragraph(text(DEPRECATION))],
        });
    }
    body.extend(versions(&endpoint.versions));
    body.extend(fragments.blocks_at(&record.desc, endpoint.span));
    let auth = match &endpoint.auth {
        Auth::None => "No.",
        Auth::Required { .. } => "Yes.",
        Auth::Optional { .. } => "Optional.",
    };
    body.push(Block::FieldList(vec![
        (
            text("Rate-limited"),
            vec![paragraph(text(if record.rate_limited {
                "Yes."
            } else {
                "No."
            }))],
        ),
        (text("Requires auth"), vec![paragraph(text(auth))]),
    ]));
    body.push(heading("Request format:"));
    if record.req_param_by_loc.is_empty() && record.req_body_tables.is_empty() {
        body.push(paragraph(vec![Inline::Cite(text("No parameters"))]));
    }
    if !record.req_param_by_loc.is_empty() {
        body.push(Block::Table(parameter_table(endpoint, record, fragments)));
    }
    let request_prefix = format!("{id}-request");
    body.extend(type_tables(
        &record.req_body_tables,
        &request_prefix,
        &parameter,
        fragments,
    ));
    body.push(heading("Example request:"));
    body.push(Block::Literal {
        language: Some("http".into()),
        text: record.example.req.clone(),
    });
    // The request shows the first example; the other named ones follow as bodies.
    if let Some(request) = &endpoint.body {
        let named: Vec<_> = request
            .examples
            .iter()
            .filter(|e| e.is_json() && e.name.is_some())
            .skip(1)
            .collect();
        body.extend(named_examples(&named, "Example request body"));
    }
    if !endpoint.responses.is_empty() {
        body.push(heading(if endpoint.responses.len() > 1 {
            "Responses:"
        } else {
            "Response:"
        }));
        body.push(Block::Table(status_table(endpoint, &id, fragments)));
    }
    for (response, shown) in endpoint.responses.iter().zip(&record.responses) {
        let status = &response.status.text;
        body.push(Block::Anchor {
            names: Vec::new(),
            id: format!("{id}-{}", make_id(&format!("status {status}"))),
        });
        body.push(paragraph(vec![Inline::Strong(text(&format!(
            "Status code {status}:"
        )))]));
        body.extend(fragments.blocks_at(&response.description, response.span));
        body.extend(response_tables(
            response,
            &format!("{id}-{}", status_slug(status)),
            fragments,
        ));
        let named: Vec<_> = response
            .examples
            .iter()
            .filter(|e| e.is_json() && e.name.is_some())
            .collect();
        if !named.is_empty() {
            body.extend(named_examples(&named, "Example"));
        } else if let Some(example) = &shown.example {
            body.push(heading("Example"));
            body.push(Block::Literal {
                language: Some("json".into()),
                text: example.clone(),
            });
        }
    }
    let mut classes = vec!["endpoint".to_owned()];
    if record.deprecated {
        classes.push("deprecated".into());
    }
    let section = Section {
        title,
        ids,
        classes,
        number: None,
        body,
    };
    let entry = IndexEntry {
        method: record.method.clone(),
        path: record.path.clone(),
        summary: record.title.clone(),
        deprecated: record.deprecated,
        id,
    };
    (section, entry)
}

/// "Added in `v1.1`" and "Changed in `v1.6`: what changed", as today's Matrix spec shows
/// its version extensions (the text of a change is shown as written).
fn versions(versions: &MatrixVersions) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(version) = &versions.added_in {
        blocks.push(paragraph(vec![Inline::Strong(vec![
            Inline::Text("Added in ".into()),
            Inline::Literal(format!("v{version}")),
        ])]));
    }
    for (version, what) in &versions.changed_in {
        blocks.push(paragraph(vec![
            Inline::Strong(vec![
                Inline::Text("Changed in ".into()),
                Inline::Literal(format!("v{version}")),
                Inline::Text(":".into()),
            ]),
            Inline::Text(format!(" {what}")),
        ]));
    }
    blocks
}

/// Parameters by location under span rows, with the model's defaults and constraints.
fn parameter_table(
    endpoint: &Endpoint,
    record: &EndpointRecord,
    fragments: &mut Fragments<'_>,
) -> Table {
    let mut rows = Vec::new();
    for (location, params) in &record.req_param_by_loc {
        rows.push(vec![Cell {
            blocks: vec![paragraph(vec![Inline::Emphasis(text(&format!(
                "{location} parameters"
            )))])],
            colspan: 3,
            rowspan: 1,
        }]);
        for row in params {
            let model = endpoint
                .parameters
                .iter()
                .find(|p| p.name == row.key && p.location.key() == location);
            let mut description = match model {
                Some(param) => fragments.blocks_at(&row.desc, param.span),
                None => fragments.blocks(&row.desc),
            };
            if let Some(extra) = model.and_then(|p| constraints(&p.schema.node)) {
                description.push(paragraph(extra));
            }
            if let Some(param) = model {
                description.extend(versions(&param.versions));
            }
            rows.push(vec![
                text_cell(&row.key),
                text_cell(&row.title),
                cell(description),
            ]);
        }
    }
    Table {
        caption: None,
        head: vec![header_row(PARAMETER)],
        body: rows,
        stub_columns: 0,
    }
}

/// `Default: x. Constraints: ...` for a parameter schema that has them.
fn constraints(schema: &Node) -> Option<Vec<Inline>> {
    let mut parts = Vec::new();
    if let Some(default) = schema.get("default") {
        parts.push(Inline::Text("Default: ".into()));
        parts.push(Inline::Literal(default.to_json().to_string()));
        parts.push(Inline::Text(". ".into()));
    }
    let keys = [
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("minLength", "minimum length"),
        ("maxLength", "maximum length"),
        ("pattern", "pattern"),
        ("format", "format"),
    ];
    let found: Vec<(&str, Value)> = keys
        .iter()
        .filter_map(|(k, label)| schema.get(k).map(|v| (*label, v.to_json())))
        .collect();
    if !found.is_empty() {
        parts.push(Inline::Text("Constraints: ".into()));
        for (index, (label, value)) in found.iter().enumerate() {
            if index > 0 {
                parts.push(Inline::Text(", ".into()));
            }
            parts.push(Inline::Text(format!("{label} ")));
            parts.push(Inline::Literal(match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }));
        }
        parts.push(Inline::Text(".".into()));
    }
    (!parts.is_empty()).then_some(parts)
}

/// Every status with its description's first sentence, linking to its details.
fn status_table(endpoint: &Endpoint, id: &str, fragments: &mut Fragments<'_>) -> Table {
    let rows = endpoint
        .responses
        .iter()
        .map(|response| {
            let status = &response.status.text;
            let link = Inline::Reference {
                content: text(status),
                target: RefTarget::Id(format!("{id}-{}", make_id(&format!("status {status}")))),
                line: 0,
            };
            vec![
                cell(vec![paragraph(vec![link])]),
                cell(fragments.blocks(&response.description)),
            ]
        })
        .collect();
    Table {
        caption: None,
        head: vec![vec![text_cell("Status"), text_cell("Description")]],
        body: rows,
        stub_columns: 0,
    }
}

/// The body and header tables of one response.
fn response_tables(response: &Response, prefix: &str, fragments: &mut Fragments<'_>) -> Vec<Block> {
    let mut blocks = Vec::new();
    if !response.headers.is_empty() {
        let rows = header_rows(&response.headers);
        blocks.push(heading("Response headers:"));
        let table = TypeTable {
            title: None,
            desc: None,
            rows,
        };
        blocks.extend(type_tables(
            &[table],
            &format!("{prefix}-headers"),
            &parameter,
            fragments,
        ));
    }
    if let Some(schema) = &response.schema {
        let json = schema.node.to_json();
        if json.get("type").and_then(Value::as_str) != Some("file") {
            let tables = tables_for_response(&json);
            if tables.iter().any(|t| !t.rows.is_empty()) {
                blocks.push(heading("Response format:"));
                blocks.extend(type_tables(
                    &tables,
                    &format!("{prefix}-body"),
                    &parameter,
                    fragments,
                ));
            }
        }
    }
    blocks
}

/// A status as it goes into an anchor (`200`, `4xx`): docutils' ids would drop the digits.
fn status_slug(status: &str) -> String {
    status
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Named OpenAPI examples, each under a heading with its summary (else its name).
fn named_examples(examples: &[&crate::model::Example], what: &str) -> Vec<Block> {
    examples
        .iter()
        .flat_map(|example| {
            let title = example
                .summary
                .as_deref()
                .or(example.name.as_deref())
                .unwrap_or_default();
            [
                heading(&format!("{what}: {title}")),
                Block::Literal {
                    language: Some("json".into()),
                    text: json_dumps(&example.value.to_json(), PRETTY),
                },
            ]
        })
        .collect()
}
