//! RST layout computed in code, so templates only place finished lines: simple tables with
//! measured columns and a wrapped last column, and text indented as a block.
//!
//! The rules are the original's: the first columns are as wide as their widest cell and at
//! least 10; the last is 50 wide and wrapped like Python's `textwrap` paragraph by
//! paragraph, bullet paragraphs indented under their dash; rule lines end with a space.

use serde::Serialize;

use super::tables::TypeRow;
use crate::py::wrap;

/// Width of a table's last column.
pub const DESCRIPTION_WIDTH: usize = 50;

/// A laid-out simple table.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// The caption after `.. table::` (may be empty).
    pub caption: String,
    /// The `=== ===` rule.
    pub rule: String,
    /// The column titles, padded.
    pub header: String,
    /// Body lines: rows (a wrapped row takes several), and section rows that span the table.
    pub lines: Vec<String>,
}

/// Rows under an optional spanning label (`*query parameters*`).
pub struct Section<'a> {
    /// The label, or None for rows without one.
    pub label: Option<String>,
    /// The rows.
    pub rows: &'a [TypeRow],
}

/// Lays out `sections` under the column `titles` (key, type, description).
pub fn table(caption: &str, titles: [&str; 3], sections: &[Section]) -> Table {
    let width = |s: &str| s.chars().count();
    let rows = || sections.iter().flat_map(|s| s.rows.iter());
    let key_width = rows()
        .map(|r| width(&r.key))
        .chain([width(titles[0]), 10])
        .max()
        .unwrap_or(10);
    let type_width = rows()
        .map(|r| width(&r.title))
        .chain([width(titles[1]), 10])
        .max()
        .unwrap_or(10);
    let widths = [key_width, type_width, DESCRIPTION_WIDTH];
    let rule: String = widths
        .iter()
        .map(|&w| format!("{} ", "=".repeat(w)))
        .collect();
    let mut lines = Vec::new();
    for section in sections {
        if let Some(label) = &section.label {
            lines.push(label.clone());
            lines.push(format!("{} ", "-".repeat(widths.iter().sum::<usize>() + 2)));
        }
        for row in section.rows {
            let text = row_line(&widths, &row.key, &row.title, &row.desc);
            lines.extend(text.split('\n').map(str::to_owned));
        }
    }
    Table {
        caption: caption.to_owned(),
        header: row_line(&widths, titles[0], titles[1], titles[2]),
        rule,
        lines,
    }
}

/// A table of `rows` without section labels.
pub fn rows_table(caption: &str, titles: [&str; 3], rows: &[TypeRow]) -> Table {
    table(caption, titles, &[Section { label: None, rows }])
}

fn row_line(widths: &[usize; 3], key: &str, kind: &str, desc: &str) -> String {
    let indent = widths[0] + widths[1] + 2;
    let text = indent_block(&wrap_paragraphs(desc, widths[2]), indent);
    format!(
        "{key:<w0$} {kind:<w1$} {text}",
        w0 = widths[0],
        w1 = widths[1]
    )
}

/// The original's `wrap` filter: each `\n\n` paragraph filled to `width`, continuation lines
/// of a `- ` bullet paragraph indented by two.
pub fn wrap_paragraphs(text: &str, width: usize) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            let filled = wrap(paragraph, width).join("\n");
            if filled.starts_with("- ") {
                filled.replace('\n', "\n  ")
            } else {
                filled
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Every line after the first indented by `indent` spaces (blank lines too), like the
/// original's `indent_block`.
pub fn indent_block(text: &str, indent: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(indent)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, title: &str, desc: &str) -> TypeRow {
        TypeRow {
            key: key.into(),
            title: title.into(),
            desc: desc.into(),
            required: false,
        }
    }

    #[test]
    fn columns_fit_the_widest_cell_and_wrap_the_last() {
        let rows = [row(
            "content_uri",
            "string",
            &format!("{}end", "word ".repeat(12)),
        )];
        let table = table(
            "",
            ["Parameter", "Type", "Description"],
            &[Section {
                label: None,
                rows: &rows,
            }],
        );
        assert_eq!(
            table.rule,
            format!("{} {} {} ", "=".repeat(11), "=".repeat(10), "=".repeat(50))
        );
        assert_eq!(
            table.header,
            format!("{:<11} {:<10} Description", "Parameter", "Type")
        );
        assert_eq!(
            table.lines,
            [
                format!("content_uri string     {}", "word ".repeat(10).trim_end()),
                format!("{}word word end", " ".repeat(23))
            ]
        );
    }

    #[test]
    fn bullets_hang_under_their_dash() {
        let text = "Intro.\n\n- a long bullet item that needs to wrap onto a second line";
        assert_eq!(
            wrap_paragraphs(text, 30),
            "Intro.\n\n- a long bullet item that\n  needs to wrap onto a second\n  line"
        );
    }
}
