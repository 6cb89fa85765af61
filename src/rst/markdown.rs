//! A parsed RST description written as CommonMark, for rustdoc: the 2019 tree's descriptions
//! are RST (``literal``, `` `text <url>`_ ``, `:ref:`...``, `::` literal blocks), which rustdoc
//! would show with the markup as written.
//!
//! Only what a description uses is written with its meaning: paragraphs, literals, emphasis,
//! links to addresses, lists, definition lists, literal blocks (as ` ```text ` fences, so no
//! doctest is made of them), notes. A reference to a section or target of the spec keeps its
//! text, since rustdoc cannot follow it. What has no Markdown form (tables, math) keeps its text.

use super::block::{self, TargetKind};
use super::{Block, Inline, RefTarget};

/// `text` (RST) as CommonMark.
pub fn from_rst(text: &str) -> String {
    let parsed = block::parse(text);
    let urls: Vec<(&str, &str)> = parsed
        .targets
        .iter()
        .filter_map(|t| match &t.kind {
            TargetKind::Url(url) => Some((t.name.as_str(), url.as_str())),
            _ => None,
        })
        .collect();
    let mut writer = Writer {
        urls,
        out: Vec::new(),
    };
    writer.blocks(&parsed.document.blocks, "");
    let mut text = writer.out.join("\n");
    while text.ends_with('\n') {
        text.pop();
    }
    text
}

struct Writer<'a> {
    /// Named targets that are addresses (`.. _name: https://...`).
    urls: Vec<(&'a str, &'a str)>,
    /// Lines written so far.
    out: Vec<String>,
}

impl Writer<'_> {
    /// Writes `blocks`, every line prefixed by `indent`, blocks separated by a blank line.
    fn blocks(&mut self, blocks: &[Block], indent: &str) {
        let mut first = true;
        for block in blocks {
            if !first {
                self.out.push(String::new());
            }
            let before = self.out.len();
            self.block(block, indent);
            if self.out.len() == before {
                // A block with nothing to show (a comment, a target) leaves no blank line.
                if !first {
                    self.out.pop();
                }
                continue;
            }
            first = false;
        }
    }

    fn block(&mut self, block: &Block, indent: &str) {
        match block {
            Block::Paragraph { content, .. } => {
                let text = self.inlines(content);
                self.lines(&text, indent);
            }
            Block::Literal { text, .. } => {
                let fence = "```";
                self.out.push(format!("{indent}{fence}text"));
                for line in text.lines() {
                    self.out.push(format!("{indent}{line}"));
                }
                self.out.push(format!("{indent}{fence}"));
            }
            Block::BulletList(items) => {
                for item in items {
                    self.item("- ", item, indent);
                }
            }
            Block::EnumeratedList { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    let marker = format!("{}. ", start + n as i64);
                    self.item(&marker, item, indent);
                }
            }
            Block::DefinitionList(items) => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        self.out.push(String::new());
                    }
                    let mut term = self.inlines(&item.term);
                    if let Some(classifier) = &item.classifier {
                        term = format!("{term} ({})", self.inlines(classifier));
                    }
                    // The term as a line of its own, the definition below it.
                    self.lines(&term, indent);
                    self.out.push(String::new());
                    self.blocks(&item.definition, indent);
                }
            }
            Block::FieldList(fields) => {
                for (name, body) in fields {
                    let marker = format!("- **{}**: ", self.inlines(name));
                    self.item(&marker, body, indent);
                }
            }
            Block::Admonition { title, body, .. } => {
                let title = self.inlines(title);
                self.out.push(format!("{indent}> **{title}**"));
                self.out.push(format!("{indent}>"));
                let quoted = format!("{indent}> ");
                let start = self.out.len();
                self.blocks(body, &quoted);
                for line in &mut self.out[start..] {
                    if line.is_empty() {
                        *line = format!("{indent}>");
                    }
                }
            }
            Block::BlockQuote(body) | Block::Classed { body, .. } => self.blocks(body, indent),
            Block::Topic { title, body } => {
                let title = self.inlines(title);
                self.lines(&format!("**{title}**"), indent);
                self.out.push(String::new());
                self.blocks(body, indent);
            }
            Block::Section(section) => {
                let title = self.inlines(&section.title);
                self.lines(&format!("**{title}**"), indent);
                self.out.push(String::new());
                self.blocks(&section.body, indent);
            }
            Block::Table(table) => {
                // Cells as lines of text: a description's table has no Markdown form that
                // keeps its spans.
                for row in table.head.iter().chain(&table.body) {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|cell| {
                            let mut writer = Writer {
                                urls: self.urls.clone(),
                                out: Vec::new(),
                            };
                            writer.blocks(&cell.blocks, "");
                            writer.out.join(" ")
                        })
                        .collect();
                    self.out.push(format!("{indent}- {}", cells.join(" | ")));
                }
            }
            Block::Footnote { label, body } => {
                let marker = format!("[{label}] ");
                self.item(&marker, body, indent);
            }
            Block::Transition => self.out.push(format!("{indent}---")),
            Block::Comment(_)
            | Block::Raw(_)
            | Block::Anchor { .. }
            | Block::Contents { .. }
            | Block::SectNum
            | Block::Placeholder { .. } => {}
        }
    }

    /// A list item: `marker` before its first line, its other lines indented to match.
    fn item(&mut self, marker: &str, body: &[Block], indent: &str) {
        let inner = format!("{indent}{}", " ".repeat(marker.chars().count()));
        let start = self.out.len();
        self.blocks(body, &inner);
        match self.out.get_mut(start) {
            Some(first) => {
                let text = first.strip_prefix(inner.as_str()).unwrap_or(first);
                *first = format!("{indent}{marker}{text}");
            }
            None => self.out.push(format!("{indent}{}", marker.trim_end())),
        }
    }

    /// `text`'s lines, each prefixed by `indent`.
    fn lines(&mut self, text: &str, indent: &str) {
        for line in text.lines() {
            self.out.push(format!("{indent}{line}"));
        }
    }

    fn inlines(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            self.inline(inline, &mut out);
        }
        out
    }

    fn inline(&self, inline: &Inline, out: &mut String) {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Literal(text) | Inline::Math(text) => out.push_str(&code_span(text)),
            Inline::Emphasis(content) => {
                out.push('*');
                out.push_str(&self.inlines(content));
                out.push('*');
            }
            Inline::Strong(content) => {
                out.push_str("**");
                out.push_str(&self.inlines(content));
                out.push_str("**");
            }
            // The spec uses the default role for names of things: code in Markdown.
            Inline::Cite(content) => out.push_str(&code_span(&super::plain_text(content))),
            Inline::Superscript(content) | Inline::Subscript(content) => {
                out.push_str(&self.inlines(content));
            }
            Inline::Reference {
                content, target, ..
            } => {
                let text = self.inlines(content);
                let url = match target {
                    RefTarget::Url(url) => Some(url.as_str()),
                    RefTarget::Name(name) => self
                        .urls
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, url)| *url),
                    RefTarget::Anonymous(_) | RefTarget::Id(_) => None,
                };
                match url.filter(|url| is_address(url)) {
                    Some(url) => {
                        out.push('[');
                        out.push_str(&text);
                        out.push_str("](");
                        out.push_str(&url.replace(' ', "%20").replace(')', "%29"));
                        out.push(')');
                    }
                    None => out.push_str(&text),
                }
            }
            Inline::Substitution { name, .. } => out.push_str(&escape(name)),
            Inline::FootnoteRef(label) => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
            Inline::Raw(_) => {}
        }
    }
}

/// True for an absolute web or mail address: the only links rustdoc can follow from a crate.
fn is_address(url: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// `text` as a code span, with a fence of backticks longer than any run inside it.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Plain text with the characters Markdown would read as markup escaped. An underscore inside
/// a word (`user_id`) is no markup in CommonMark and stays as it is.
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric());
        let inside_word =
            word(i.checked_sub(1).and_then(|j| chars.get(j))) && word(chars.get(i + 1));
        if matches!(c, '\\' | '`' | '*' | '[' | ']' | '<') || (c == '_' && !inside_word) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::from_rst;

    #[test]
    fn inline_markup_becomes_markdown() {
        assert_eq!(
            from_rst(
                "Set ``errcode`` to ``M_FORBIDDEN``; see `the spec <https://spec.matrix.org>`_ and the `m.room.member`_ event, *really*."
            ),
            "Set `errcode` to `M_FORBIDDEN`; see [the spec](https://spec.matrix.org) and the m.room.member event, *really*."
        );
    }

    #[test]
    fn literal_blocks_are_text_fences_and_lists_keep_their_shape() {
        let rst = "Example::\n\n  {\"a\": 1}\n\n* one ``x``\n* two\n  continued\n";
        assert_eq!(
            from_rst(rst),
            "Example:\n\n```text\n{\"a\": 1}\n```\n\n- one `x`\n- two\n  continued"
        );
    }

    #[test]
    fn a_term_with_an_indented_list_is_a_line_and_a_list() {
        let rst =
            "Failed with one of:\n  * ``M_FORBIDDEN``: wrong.\n  * ``M_USER_DEACTIVATED``: gone.\n";
        assert_eq!(
            from_rst(rst),
            "Failed with one of:\n\n- `M_FORBIDDEN`: wrong.\n- `M_USER_DEACTIVATED`: gone."
        );
        let nested = "* a\n\n  * b\n    c\n";
        assert_eq!(from_rst(nested), "- a\n\n  - b\n    c");
    }

    #[test]
    fn text_that_looks_like_markdown_stays_text() {
        assert_eq!(
            from_rst("a_b _c *and* <tag> [x]"),
            r"a_b \_c *and* \<tag> \[x\]"
        );
    }
}
