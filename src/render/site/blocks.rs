//! Document blocks the model sections are made of: paragraphs, headings, cells, and the
//! field tables whose type cells link to the nested tables.

use super::Fragments;
use crate::render::tables::{TypeRow, TypeTable};
use crate::rst::ids::make_id;
use crate::rst::{Block, Cell, Inline, RefTarget, Table};

/// One text node.
pub fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_owned())]
}

/// A paragraph.
pub fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        classes: Vec::new(),
    }
}

/// A label above a part of an endpoint (`Request format:`).
pub fn heading(label: &str) -> Block {
    Block::Paragraph {
        content: text(label),
        classes: vec!["httpheaders".into()],
    }
}

/// A cell of one column and row.
pub fn cell(blocks: Vec<Block>) -> Cell {
    Cell {
        blocks,
        colspan: 1,
        rowspan: 1,
    }
}

/// A cell holding plain text.
pub fn text_cell(s: &str) -> Cell {
    cell(vec![paragraph(text(s))])
}

/// The first column of parameter and field tables.
pub const PARAMETER: &str = "Parameter";

/// The first column of every table of an endpoint or definition.
pub fn parameter(_: &TypeTable) -> String {
    PARAMETER.to_owned()
}

/// A header row: `key`, `Type`, `Description`.
pub fn header_row(key: &str) -> Vec<Cell> {
    [key, "Type", "Description"]
        .iter()
        .map(|t| text_cell(t))
        .collect()
}

/// Tables of object fields, each with an anchor; a type cell naming another of the tables
/// links to it.
pub fn type_tables(
    tables: &[TypeTable],
    prefix: &str,
    key: &dyn Fn(&TypeTable) -> String,
    fragments: &mut Fragments<'_>,
) -> Vec<Block> {
    let anchor_of = |title: &str| format!("{prefix}-{}", make_id(title));
    let titles: Vec<&str> = tables.iter().filter_map(|t| t.title.as_deref()).collect();
    let mut blocks = Vec::new();
    for table in tables {
        if let Some(title) = &table.title {
            blocks.push(Block::Anchor {
                names: Vec::new(),
                id: anchor_of(title),
            });
        }
        let rows: Vec<Vec<Cell>> = table
            .rows
            .iter()
            .map(|row: &TypeRow| {
                let type_cell = cell(vec![paragraph(type_inlines(
                    &row.title, &titles, &anchor_of,
                ))]);
                vec![
                    text_cell(&row.key),
                    type_cell,
                    cell(fragments.blocks(&row.desc)),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: table.title.as_ref().map(|t| text(t)),
            head: vec![header_row(&key(table))],
            body: rows,
            stub_columns: 0,
        }));
    }
    blocks
}

/// A type cell (`[LoginFlow]`, `{string: Thing}`, `Thing`) with the named table linked.
fn type_inlines(title: &str, tables: &[&str], anchor_of: &dyn Fn(&str) -> String) -> Vec<Inline> {
    let (before, name, after) =
        if let Some(inner) = title.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            ("[", inner, "]")
        } else if let Some(inner) = title
            .strip_prefix("{string: ")
            .and_then(|t| t.strip_suffix('}'))
        {
            ("{string: ", inner, "}")
        } else {
            ("", title, "")
        };
    if !tables.contains(&name) {
        return text(title);
    }
    let mut out = Vec::new();
    if !before.is_empty() {
        out.push(Inline::Text(before.into()));
    }
    out.push(Inline::Reference {
        content: text(name),
        target: RefTarget::Id(anchor_of(name)),
        line: 0,
    });
    if !after.is_empty() {
        out.push(Inline::Text(after.into()));
    }
    out
}
