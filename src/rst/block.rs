//! Lines to blocks. Every construct starts at a line of the current region (a region is the
//! document, or the indented body of a list item, directive or quote, its indentation
//! removed); sections are only recognised in the document itself and nested by the order
//! their underline styles first appear, as docutils does.

use std::borrow::Cow;

use super::inline::{self, Context};
use super::table::{self, RawTable};
use super::{
    Block, Cell, DefinitionItem, Document, Inline, Problem, ProblemKind, Section, Table,
    normalize_name,
};
use crate::limits::MAX_PROSE_DEPTH;

/// A line of a region: its index in the document and its text, the region's indentation
/// removed.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    index: usize,
    text: &'a str,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start().len()
    }
}

/// Where a named target points.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetKind {
    /// An address.
    Url(String),
    /// Another target's name (`.. _a: b_`).
    Alias(String),
    /// The anchor at this place in the document.
    Here,
}

/// A `.. _name:` target.
#[derive(Clone, Debug)]
pub struct TargetDef {
    /// The normalised name.
    pub name: String,
    /// Where it points.
    pub kind: TargetKind,
    /// Its line.
    pub line: usize,
}

/// A parsed document with the definitions found while parsing.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// `.. title::`.
    pub title: Option<String>,
    /// Named targets, in order.
    pub targets: Vec<TargetDef>,
    /// Anonymous targets (`.. __: url`, `__ name_`), in order.
    pub anonymous: Vec<TargetKind>,
    /// `|name|` definitions: name, replacement, line.
    pub substitutions: Vec<(String, Vec<Inline>, usize)>,
    /// Inline parsing state: embedded targets and anonymous references.
    pub inline: Context,
    /// Problems found (more come from [`super::resolve`]).
    pub problems: Vec<Problem>,
}

/// Parses a whole document.
pub fn parse(text: &str) -> Parsed {
    let expanded = untabbed_lines(text);
    let lines: Vec<Line<'_>> = expanded
        .iter()
        .enumerate()
        .map(|(index, text)| Line {
            index,
            text: text.as_ref(),
        })
        .collect();
    let mut parser = Parser {
        parsed: Parsed::default(),
        styles: Vec::new(),
        depth: 0,
    };
    let items = parser.blocks(&lines, true);
    parser.parsed.document.blocks = nest(items);
    let mut parsed = parser.parsed;
    let inline_problems = std::mem::take(&mut parsed.inline.problems);
    parsed.problems.extend(inline_problems);
    parsed.problems.sort_by_key(|p| p.line);
    parsed
}

/// Parses a fragment (a description from the model) into the document `ctx` is parsing;
/// every line of it counts as line `line` of the document.
pub fn parse_fragment(text: &str, line: usize, ctx: &mut Parsed) -> Vec<Block> {
    let expanded = untabbed_lines(text);
    let lines: Vec<Line<'_>> = expanded
        .iter()
        .map(|text| Line {
            index: line,
            text: text.as_ref(),
        })
        .collect();
    let mut parser = Parser {
        parsed: std::mem::take(ctx),
        styles: Vec::new(),
        depth: 0,
    };
    parser.parsed.inline.fixed_line = Some(line);
    let items = parser.blocks(&lines, false);
    parser.parsed.inline.fixed_line = None;
    *ctx = parser.parsed;
    let problems = std::mem::take(&mut ctx.inline.problems);
    ctx.problems.extend(problems);
    items.into_iter().filter_map(block_only).collect()
}

/// The lines of `text`, tabs expanded to 8-column stops.
fn untabbed_lines(text: &str) -> Vec<Cow<'_, str>> {
    text.lines()
        .map(|l| {
            if l.contains('\t') {
                Cow::Owned(expand_tabs(l))
            } else {
                Cow::Borrowed(l)
            }
        })
        .collect()
}

fn expand_tabs(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars() {
        if c == '\t' {
            let pad = 8 - out.chars().count() % 8;
            out.extend(std::iter::repeat_n(' ', pad));
        } else {
            out.push(c);
        }
    }
    out
}

enum Item {
    Block(Block),
    Title { level: usize, title: Vec<Inline> },
}

/// Nests a flat list of blocks and titles into sections.
fn nest(items: Vec<Item>) -> Vec<Block> {
    let mut stack: Vec<(usize, Section)> = Vec::new();
    let mut top: Vec<Block> = Vec::new();
    fn close(stack: &mut Vec<(usize, Section)>, top: &mut Vec<Block>) {
        let Some((_, section)) = stack.pop() else {
            return;
        };
        match stack.last_mut() {
            Some((_, parent)) => parent.body.push(Block::Section(section)),
            None => top.push(Block::Section(section)),
        }
    }
    for item in items {
        match item {
            Item::Block(block) => match stack.last_mut() {
                Some((_, section)) => section.body.push(block),
                None => top.push(block),
            },
            Item::Title { level, title } => {
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    close(&mut stack, &mut top);
                }
                stack.push((
                    level,
                    Section {
                        title,
                        ..Section::default()
                    },
                ));
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

struct Parser {
    parsed: Parsed,
    /// Underline characters in the order first seen: index + 1 is the level.
    styles: Vec<char>,
    /// How many regions (list items, block quotes, directive bodies) enclose the one being
    /// parsed; bounded by [`MAX_PROSE_DEPTH`], so hostile nesting cannot exhaust the stack.
    depth: usize,
}

const ADMONITIONS: [&str; 10] = [
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "tip",
    "warning",
    "seealso",
];

fn is_underline(line: &str) -> Option<char> {
    let line = line.trim_end();
    let first = line.chars().next()?;
    (first.is_ascii_punctuation() && line.chars().all(|c| c == first) && line.len() >= 3)
        .then_some(first)
}

/// The marker width of a bullet item starting `text`.
fn bullet(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if !matches!(c, '*' | '-' | '+' | '•') {
        return None;
    }
    let rest = &text[c.len_utf8()..];
    if rest.is_empty() {
        return Some((c, c.len_utf8() + 1));
    }
    if !rest.starts_with(' ') {
        return None;
    }
    let spaces = rest.len() - rest.trim_start().len();
    Some((c, c.len_utf8() + spaces.max(1)))
}

/// An enumerated item: (number, kind, marker width). `#` is None.
fn enumerator(text: &str) -> Option<(Option<i64>, &'static str, usize)> {
    let (inner, kind, skip) = if let Some(rest) = text.strip_prefix('(') {
        let close = rest.find(')')?;
        (&rest[..close], "()", close + 2)
    } else {
        let end = text.find(['.', ')'])?;
        let kind = if text[end..].starts_with('.') {
            "."
        } else {
            ")"
        };
        (&text[..end], kind, end + 1)
    };
    let letter = inner.len() == 1 && inner.as_bytes()[0].is_ascii_alphabetic() && kind != "()";
    let number = if inner == "#" {
        None
    } else if letter {
        Some(i64::from(
            inner.as_bytes()[0].to_ascii_lowercase() - b'a' + 1,
        ))
    } else if !inner.is_empty() && inner.len() < 4 && inner.chars().all(|c| c.is_ascii_digit()) {
        Some(inner.parse().ok()?)
    } else {
        return None;
    };
    let rest = &text[skip..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let spaces = rest.len() - rest.trim_start().len();
    Some((number, kind, skip + spaces.max(1)))
}

/// The field name of a `:name: body` line and where its body starts.
fn field(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(':')?;
    if rest.starts_with([' ', ':']) {
        return None;
    }
    let mut from = 0;
    loop {
        let at = from + rest[from..].find(':')?;
        if at > 0 && !rest[..at].ends_with('\\') {
            let after = &rest[at + 1..];
            if after.is_empty() || after.starts_with(' ') {
                return Some((&rest[..at], at + 2));
            }
            if after.starts_with('`') {
                return None; // a role
            }
        }
        from = at + 1;
    }
}

/// The name and argument of a `.. name:: argument` line.
fn directive(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix(".. ")?;
    let end = rest.find("::")?;
    // docutils allows one space before the `::` (`.. code :: json`).
    let name = rest[..end].strip_suffix(' ').unwrap_or(&rest[..end]);
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':'));
    let after = &rest[end + 2..];
    (valid && (after.is_empty() || after.starts_with(' '))).then(|| (name, after.trim()))
}

/// Lines `from..` that belong to an indented body: blank or indented past `indent`.
fn body_end(lines: &[Line<'_>], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut last_text = from;
    while end < lines.len() {
        let line = &lines[end];
        if !line.blank() && line.indent() < indent {
            break;
        }
        end += 1;
        if !line.blank() {
            last_text = end;
        }
    }
    last_text.max(from)
}

/// The lines of `lines`, `indent` columns removed (blank lines kept).
fn dedent<'a>(lines: &[Line<'a>], indent: usize) -> Vec<Line<'a>> {
    lines
        .iter()
        .map(|l| Line {
            index: l.index,
            text: l.text.get(indent.min(l.indent())..).unwrap_or(""),
        })
        .collect()
}

fn min_indent(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .filter(|l| !l.blank())
        .map(Line::indent)
        .min()
        .unwrap_or(0)
}

impl Parser {
    fn problem(&mut self, line: usize, kind: ProblemKind, message: impl Into<String>) {
        self.parsed.problems.push(Problem {
            line,
            kind,
            message: message.into(),
        });
    }

    fn inline(&mut self, text: &str, line: usize) -> Vec<Inline> {
        inline::parse(text, line, &mut self.parsed.inline)
    }

    fn join(lines: &[Line<'_>]) -> String {
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(line.text.trim_end());
        }
        text
    }

    fn sub_blocks(&mut self, lines: &[Line<'_>]) -> Vec<Block> {
        let indent = min_indent(lines);
        let lines = dedent(lines, indent);
        self.nested(&lines)
    }

    /// The blocks of a region inside another (a list item, a block quote, a directive's
    /// body), or past [`MAX_PROSE_DEPTH`] its text as a literal block and a problem.
    fn nested(&mut self, lines: &[Line<'_>]) -> Vec<Block> {
        if self.depth >= MAX_PROSE_DEPTH {
            let line = lines.first().map_or(0, |l| l.index);
            self.problem(
                line,
                ProblemKind::Limit,
                format!(
                    "blocks nest more than {MAX_PROSE_DEPTH} levels deep; the rest is shown as a literal block"
                ),
            );
            return vec![Block::Literal {
                language: None,
                text: literal_text(lines),
            }];
        }
        self.depth += 1;
        let blocks = self
            .blocks(lines, false)
            .into_iter()
            .filter_map(block_only)
            .collect();
        self.depth -= 1;
        blocks
    }

    /// Parses the lines of a region. Titles are recognised only at the top level.
    fn blocks(&mut self, lines: &[Line<'_>], top: bool) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        let mut level = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.blank() {
                i += 1;
                continue;
            }
            let text = line.text;
            // A title: a text line and an underline.
            if line.indent() == 0
                && let Some(next) = lines.get(i + 1)
                && let Some(c) = is_underline(next.text)
                && is_underline(text).is_none()
                && (next.text.trim_end().chars().count() >= text.trim_end().chars().count()
                    || next.text.trim_end().len() >= 4)
            {
                if !top {
                    self.problem(
                        line.index,
                        ProblemKind::Malformed,
                        "a section title inside a list, quote or directive",
                    );
                    i += 2;
                    continue;
                }
                let title = self.inline(text.trim(), line.index);
                let known = self.styles.iter().position(|s| *s == c);
                let new_level = match known {
                    Some(p) if p < level + 1 => p + 1,
                    Some(p) => {
                        self.problem(
                            line.index,
                            ProblemKind::Suspicious,
                            format!("title style `{c}` is level {}, but this title follows a level {level} title; placed at level {}", p + 1, level + 1),
                        );
                        level + 1
                    }
                    None if self.styles.len() == level => {
                        self.styles.push(c);
                        level + 1
                    }
                    None => {
                        self.problem(
                            line.index,
                            ProblemKind::Suspicious,
                            format!("inconsistent title style: `{c}` first appears under a level {level} title"),
                        );
                        level + 1
                    }
                };
                level = new_level;
                items.push(Item::Title { level, title });
                i += 2;
                continue;
            }
            let (block, used) = self.block(lines, i);
            if let Some(block) = block {
                items.push(Item::Block(block));
            }
            i += used.max(1);
        }
        items
    }

    /// One block starting at `lines[i]` (not blank, not a title): the block and the lines
    /// it used.
    fn block(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let line = lines[i];
        let text = line.text;
        if line.indent() > 0 {
            let end = body_end(lines, i, 1);
            let body = self.sub_blocks(&lines[i..end]);
            return (Some(Block::BlockQuote(body)), end - i);
        }
        if text.starts_with("..") && (text.len() == 2 || text.as_bytes()[2] == b' ') {
            return self.explicit(lines, i);
        }
        if let Some(target) = text.strip_prefix("__ ") {
            let end = body_end(lines, i + 1, 1);
            self.anonymous_target(target, &lines[i + 1..end], lines[i].index);
            return (None, end - i);
        }
        if table::is_grid_border(text) {
            return self.grid_table(lines, i);
        }
        // A border of several columns, or of one column with a row under it (a lone `====`
        // is a transition).
        let row_follows = lines
            .get(i + 1)
            .is_some_and(|l| !l.blank() && is_underline(l.text).is_none());
        if table::is_simple_border(text) && (text.trim_end().contains(' ') || row_follows) {
            return self.simple_table(lines, i);
        }
        if is_underline(text).is_some() && text.trim_end().len() >= 4 {
            return (Some(Block::Transition), 1);
        }
        if let Some((marker, width)) = bullet(text) {
            return self.bullet_list(lines, i, marker, width);
        }
        if let Some((number, kind, _)) = enumerator(text)
            && lines
                .get(i + 1)
                .is_none_or(|l| l.blank() || l.indent() > 0 || enumerator(l.text).is_some())
        {
            return self.enumerated_list(lines, i, number, kind);
        }
        if field(text).is_some() {
            return self.field_list(lines, i);
        }
        if lines
            .get(i + 1)
            .is_some_and(|l| !l.blank() && l.indent() > 0)
        {
            return self.definition_list(lines, i);
        }
        self.paragraph(lines, i)
    }

    fn paragraph(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let mut end = i + 1;
        while end < lines.len() && !lines[end].blank() && lines[end].indent() == 0 {
            end += 1;
        }
        let mut text = Self::join(&lines[i..end]);
        let literal_follows = text.ends_with("::");
        if literal_follows {
            if text == "::" {
                text.clear();
            } else if text.ends_with(" ::") || text.ends_with("\n::") {
                text.truncate(text.len() - 3);
            } else {
                text.truncate(text.len() - 1);
            }
        }
        let paragraph = (!text.trim().is_empty()).then(|| Block::Paragraph {
            content: self.inline(&text, lines[i].index),
            classes: Vec::new(),
        });
        if !literal_follows {
            return (paragraph, end - i);
        }
        // The literal block: the indented lines after the blank lines.
        let mut start = end;
        while start < lines.len() && lines[start].blank() {
            start += 1;
        }
        if start >= lines.len() || lines[start].indent() == 0 {
            self.problem(
                lines[end - 1].index,
                ProblemKind::Malformed,
                "literal block expected after `::`; none found",
            );
            return (paragraph, end - i);
        }
        let stop = body_end(lines, start, 1);
        let literal = Block::Literal {
            language: None,
            text: literal_text(&lines[start..stop]),
        };
        let block = match paragraph {
            Some(p) => Block::Classed {
                classes: Vec::new(),
                body: vec![p, literal],
            },
            None => literal,
        };
        (Some(block), stop - i)
    }

    fn bullet_list(
        &mut self,
        lines: &[Line<'_>],
        i: usize,
        marker: char,
        _width: usize,
    ) -> (Option<Block>, usize) {
        let mut items = Vec::new();
        let mut j = i;
        while j < lines.len() {
            let Some((m, width)) = bullet(lines[j].text) else {
                break;
            };
            if m != marker || lines[j].indent() > 0 {
                break;
            }
            let body_indent = width.min(lines[j].text.trim_end().len().max(1)).max(1);
            let (item, next) = self.list_item(lines, j, width, body_indent);
            items.push(item);
            j = next;
        }
        let used = last_used(lines, i, j);
        (Some(Block::BulletList(items)), used)
    }

    /// The item whose marker (`width` columns) starts `lines[j]`, its body the lines indented
    /// at least `body_indent`; and the line after it and the blank lines that follow.
    fn list_item(
        &mut self,
        lines: &[Line<'_>],
        j: usize,
        width: usize,
        body_indent: usize,
    ) -> (Vec<Block>, usize) {
        let end = body_end(lines, j + 1, body_indent);
        let mut item_lines = vec![Line {
            index: lines[j].index,
            text: lines[j].text.get(width..).unwrap_or(""),
        }];
        item_lines.extend(dedent(&lines[j + 1..end], width));
        let blocks = self.region(&item_lines);
        let mut next = end;
        while next < lines.len() && lines[next].blank() {
            next += 1;
        }
        (blocks, next)
    }

    /// Blocks of a list item or field body whose first line carries text after a marker.
    fn region(&mut self, lines: &[Line<'_>]) -> Vec<Block> {
        let Some((first, rest)) = lines.split_first() else {
            return Vec::new();
        };
        let mut adjusted = vec![*first];
        adjusted.extend(dedent(
            rest,
            if first.blank() { min_indent(rest) } else { 0 },
        ));
        self.nested(&adjusted)
    }

    fn enumerated_list(
        &mut self,
        lines: &[Line<'_>],
        i: usize,
        number: Option<i64>,
        kind: &str,
    ) -> (Option<Block>, usize) {
        let mut items = Vec::new();
        let mut j = i;
        while j < lines.len() && lines[j].indent() == 0 {
            let Some((_, k, width)) = enumerator(lines[j].text) else {
                break;
            };
            if k != kind {
                break;
            }
            let (item, next) = self.list_item(lines, j, width, width);
            items.push(item);
            j = next;
        }
        let used = last_used(lines, i, j);
        (
            Some(Block::EnumeratedList {
                start: number.unwrap_or(1),
                items,
            }),
            used,
        )
    }

    fn field_list(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let mut fields = Vec::new();
        let mut j = i;
        while j < lines.len() && lines[j].indent() == 0 {
            let Some((name, body_start)) = field(lines[j].text) else {
                break;
            };
            let name = self.inline(name, lines[j].index);
            let end = body_end(lines, j + 1, 1);
            let mut body_lines = vec![Line {
                index: lines[j].index,
                text: lines[j].text.get(body_start..).unwrap_or("").trim_start(),
            }];
            let indent = min_indent(&lines[j + 1..end]);
            body_lines.extend(dedent(&lines[j + 1..end], indent));
            let body = self
                .blocks(&body_lines, false)
                .into_iter()
                .filter_map(block_only)
                .collect();
            fields.push((name, body));
            j = end;
            while j < lines.len() && lines[j].blank() {
                j += 1;
            }
        }
        let used = last_used(lines, i, j);
        (Some(Block::FieldList(fields)), used)
    }

    fn definition_list(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let mut items = Vec::new();
        let mut j = i;
        while j + 1 < lines.len()
            && lines[j].indent() == 0
            && !lines[j].blank()
            && !lines[j + 1].blank()
            && lines[j + 1].indent() > 0
        {
            let term_line = lines[j].text.trim_end();
            let (term, classifier) = match term_line.split_once(" : ") {
                Some((t, c)) => (t, Some(c)),
                None => (term_line, None),
            };
            let term = self.inline(term, lines[j].index);
            let classifier = classifier.map(|c| self.inline(c, lines[j].index));
            let end = body_end(lines, j + 1, 1);
            let definition = self.sub_blocks(&lines[j + 1..end]);
            items.push(DefinitionItem {
                term,
                classifier,
                definition,
            });
            j = end;
            while j < lines.len() && lines[j].blank() {
                j += 1;
            }
        }
        let used = last_used(lines, i, j);
        (Some(Block::DefinitionList(items)), used)
    }

    fn grid_table(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let mut end = i;
        while end < lines.len()
            && (lines[end].text.starts_with('+') || lines[end].text.starts_with('|'))
        {
            end += 1;
        }
        let texts: Vec<&str> = lines[i..end].iter().map(|l| l.text).collect();
        let table = table::grid(&texts);
        (self.table(table, &lines[i..end]), end - i)
    }

    fn simple_table(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        // Ends at a border followed by a blank line (or the end).
        let mut end = i + 1;
        let mut last_border = None;
        while end < lines.len() {
            if table::is_simple_border(lines[end].text) {
                last_border = Some(end);
                if lines.get(end + 1).is_none_or(Line::blank) {
                    break;
                }
            }
            end += 1;
        }
        let Some(last) = last_border else {
            self.problem(
                lines[i].index,
                ProblemKind::Malformed,
                "simple table has no bottom border",
            );
            return (None, 1);
        };
        let texts: Vec<&str> = lines[i..=last].iter().map(|l| l.text).collect();
        let table = table::simple(&texts);
        (self.table(table, &lines[i..=last]), last + 1 - i)
    }

    fn table(&mut self, table: Result<RawTable, String>, lines: &[Line<'_>]) -> Option<Block> {
        let raw = match table {
            Ok(raw) => raw,
            Err(message) => {
                self.problem(lines[0].index, ProblemKind::Malformed, message);
                return Some(Block::Literal {
                    language: None,
                    text: literal_text(lines),
                });
            }
        };
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for row in raw.rows {
            let mut cells = Vec::new();
            for cell in row {
                let base = lines[cell.first_line.min(lines.len() - 1)].index;
                let cell_lines: Vec<Line<'_>> = cell
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Line {
                        index: base + k,
                        text: t.as_str(),
                    })
                    .collect();
                let blocks = self
                    .blocks(&cell_lines, false)
                    .into_iter()
                    .filter_map(block_only)
                    .collect();
                cells.push(Cell {
                    blocks,
                    colspan: cell.colspan,
                    rowspan: cell.rowspan,
                });
            }
            rows.push(cells);
        }
        let body = rows.split_off(raw.head_rows.min(rows.len()));
        Some(Block::Table(Table {
            caption: None,
            head: rows,
            body,
            stub_columns: 0,
        }))
    }

    /// `..` blocks: targets, substitution definitions, footnotes, directives, comments.
    fn explicit(&mut self, lines: &[Line<'_>], i: usize) -> (Option<Block>, usize) {
        let end = body_end(lines, i + 1, 1);
        let used = end - i;
        let line = lines[i];
        let text = line.text.trim_end();
        let rest = &lines[i + 1..end];
        if let Some(url) = text.strip_prefix(".. __:") {
            self.anonymous_target(url, rest, line.index);
            return (None, used);
        }
        if let Some(target) = text.strip_prefix(".. _") {
            return (self.target(target, rest, line.index), used);
        }
        if let Some(sub) = text.strip_prefix(".. |") {
            return (self.substitution_def(sub, rest, line.index), used);
        }
        if let Some(footnote) = text.strip_prefix(".. [")
            && let Some(close) = footnote.find(']')
        {
            let label = footnote[..close].to_owned();
            let mut body_lines = vec![Line {
                index: line.index,
                text: footnote[close + 1..].trim_start(),
            }];
            let indent = min_indent(rest);
            body_lines.extend(dedent(rest, indent));
            let body = self
                .blocks(&body_lines, false)
                .into_iter()
                .filter_map(block_only)
                .collect();
            return (Some(Block::Footnote { label, body }), used);
        }
        if let Some((name, argument)) = directive(text) {
            return (
                self.directive(name, argument, rest, line.index, &lines[i..end]),
                used,
            );
        }
        // A comment: everything in the block.
        let mut comment = text.strip_prefix("..").unwrap_or("").trim().to_owned();
        let indent = min_indent(rest);
        for l in dedent(rest, indent) {
            comment.push('\n');
            comment.push_str(l.text.trim_end());
        }
        (Some(Block::Comment(comment.trim_end().to_owned())), used)
    }

    fn anonymous_target(&mut self, first: &str, rest: &[Line<'_>], line: usize) {
        let mut value: String = first.trim().to_owned();
        for l in rest {
            value.push_str(l.text.trim());
        }
        let kind = match value.strip_suffix('_').filter(|v| !v.ends_with('\\')) {
            Some(alias) => TargetKind::Alias(normalize_name(alias.trim_matches('`'))),
            None => TargetKind::Url(value),
        };
        // Named targets are judged while resolving; an anonymous one has no name to be
        // found by there, so it is judged here, where its line is known.
        if let TargetKind::Url(url) = &kind
            && !crate::sanitize::safe_url(url)
        {
            self.parsed
                .problems
                .push(super::resolve::unsafe_link(url, line));
        }
        self.parsed.anonymous.push(kind);
    }

    fn target(&mut self, target: &str, rest: &[Line<'_>], line: usize) -> Option<Block> {
        // `name: url`, `` `name: with colons`: url ``.
        let (name, after) = if let Some(quoted) = target.strip_prefix('`') {
            let close = quoted.find("`:")?;
            (&quoted[..close], &quoted[close + 2..])
        } else {
            let bytes = target.as_bytes();
            let colon = (0..bytes.len())
                .find(|&k| {
                    bytes[k] == b':'
                        && (k == 0 || bytes[k - 1] != b'\\')
                        && bytes.get(k + 1).is_none_or(|b| *b == b' ')
                })
                .unwrap_or(target.len());
            (&target[..colon], target.get(colon + 1..).unwrap_or(""))
        };
        let mut value: String = after.trim().to_owned();
        for l in rest {
            value.push_str(l.text.trim());
        }
        let name = normalize_name(&inline::unescape(name));
        let kind = if value.is_empty() {
            TargetKind::Here
        } else if let Some(alias) = value.strip_suffix('_').filter(|v| !v.ends_with("\\_")) {
            TargetKind::Alias(normalize_name(alias.trim_matches('`')))
        } else {
            TargetKind::Url(value.split_whitespace().collect())
        };
        let here = kind == TargetKind::Here;
        self.parsed.targets.push(TargetDef {
            name: name.clone(),
            kind,
            line,
        });
        here.then(|| Block::Anchor {
            names: vec![name],
            id: String::new(),
        })
    }

    fn substitution_def(&mut self, sub: &str, rest: &[Line<'_>], line: usize) -> Option<Block> {
        let Some(close) = sub.find('|') else {
            self.problem(
                line,
                ProblemKind::Malformed,
                "substitution definition without a closing `|`",
            );
            return None;
        };
        let name = normalize_name(&sub[..close]);
        let def = sub[close + 1..].trim();
        let Some(text) = def.strip_prefix("replace::") else {
            self.problem(
                line,
                ProblemKind::UnknownDirective,
                format!("substitution `|{name}|` uses `{def}`; only `replace::` is supported"),
            );
            return None;
        };
        let mut value = text.trim().to_owned();
        for l in rest {
            value.push('\n');
            value.push_str(l.text.trim());
        }
        let content = self.inline(value.trim(), line);
        self.parsed.substitutions.push((name, content, line));
        None
    }

    fn directive(
        &mut self,
        name: &str,
        argument: &str,
        rest: &[Line<'_>],
        line: usize,
        all: &[Line<'_>],
    ) -> Option<Block> {
        // Options: `:name: value` lines right after the directive line.
        let indent = min_indent(rest);
        let body_lines = dedent(rest, indent);
        let mut options: Vec<(String, String)> = Vec::new();
        let mut k = 0;
        while k < body_lines.len() && !body_lines[k].blank() {
            match field(body_lines[k].text) {
                Some((opt, start)) => {
                    options.push((
                        opt.to_owned(),
                        body_lines[k]
                            .text
                            .get(start..)
                            .unwrap_or("")
                            .trim()
                            .to_owned(),
                    ));
                    k += 1;
                }
                None => break,
            }
        }
        let body = &body_lines[k..];
        let option = |key: &str| {
            options
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "code" | "code-block" | "sourcecode" => Some(Block::Literal {
                language: (!argument.is_empty()).then(|| argument.to_ascii_lowercase()),
                text: literal_text(body),
            }),
            admonition if ADMONITIONS.contains(&admonition) => {
                let mut content = Vec::new();
                if !argument.is_empty() {
                    content.push(Line {
                        index: line,
                        text: argument,
                    });
                    content.extend(body.iter().copied());
                } else {
                    content.extend(body.iter().copied());
                }
                let body = self
                    .blocks(&dedent_keep(&content), false)
                    .into_iter()
                    .filter_map(block_only)
                    .collect();
                let mut title = lower.clone();
                title[..1].make_ascii_uppercase();
                Some(Block::Admonition {
                    class: lower.clone(),
                    title: vec![Inline::Text(if lower == "seealso" {
                        "See also".into()
                    } else {
                        title
                    })],
                    body,
                })
            }
            "admonition" => {
                let title = self.inline(argument, line);
                let body = self.sub_blocks(body);
                Some(Block::Admonition {
                    class: format!("admonition-{}", super::ids::make_id(argument)),
                    title,
                    body,
                })
            }
            "contents" => Some(Block::Contents {
                title: if argument.is_empty() {
                    "Contents".into()
                } else {
                    argument.to_owned()
                },
                depth: option("depth").and_then(|d| d.parse().ok()),
            }),
            "sectnum" | "section-numbering" => Some(Block::SectNum),
            "topic" => {
                if body.iter().all(Line::blank) {
                    self.problem(
                        line,
                        ProblemKind::Suspicious,
                        format!("the topic `{argument}` has no content"),
                    );
                }
                let title = self.inline(argument, line);
                let body = self.sub_blocks(body);
                Some(Block::Topic { title, body })
            }
            "table" => {
                let blocks = self.sub_blocks(body);
                let caption = (!argument.is_empty()).then(|| self.inline(argument, line));
                let mut blocks = blocks.into_iter();
                match blocks.next() {
                    Some(Block::Table(mut table)) => {
                        table.caption = caption;
                        Some(Block::Table(table))
                    }
                    _ => {
                        self.problem(
                            line,
                            ProblemKind::Malformed,
                            "`table` directive without a table",
                        );
                        None
                    }
                }
            }
            "csv-table" => self.csv_table(argument, &options, body, line),
            "class" => {
                let classes = argument.split_whitespace().map(str::to_owned).collect();
                let body = self.sub_blocks(body);
                Some(Block::Classed { classes, body })
            }
            "raw" => {
                let formats: Vec<&str> = argument.split_whitespace().collect();
                if !formats.contains(&"html") {
                    return None;
                }
                let (html, removed) = crate::sanitize::clean_html(&literal_text(body));
                if let Some(removed) = removed {
                    self.problem(line, ProblemKind::Unsafe, removed);
                }
                Some(Block::Raw(html))
            }
            "title" => {
                self.parsed.title = Some(argument.to_owned());
                None
            }
            "mxspec" => Some(Block::Placeholder {
                name: argument.to_owned(),
                line,
            }),
            _ => {
                self.problem(
                    line,
                    ProblemKind::UnknownDirective,
                    format!("unknown directive `{name}`; its text is shown as a literal block"),
                );
                Some(Block::Literal {
                    language: None,
                    text: literal_text(all),
                })
            }
        }
    }

    fn csv_table(
        &mut self,
        argument: &str,
        options: &[(String, String)],
        body: &[Line<'_>],
        line: usize,
    ) -> Option<Block> {
        let option = |key: &str| {
            options
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let header_rows: usize = option("header-rows")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let stub_columns: usize = option("stub-columns")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let cell = |this: &mut Self, text: &str| Cell {
            blocks: vec![Block::Paragraph {
                content: this.inline(text, line),
                classes: Vec::new(),
            }],
            colspan: 1,
            rowspan: 1,
        };
        if let Some(header) = option("header") {
            let fields = csv_fields(header);
            rows.push(fields.iter().map(|f| cell(self, f)).collect());
        }
        let explicit_header = rows.len();
        for l in body.iter().filter(|l| !l.blank()) {
            let fields = csv_fields(l.text);
            rows.push(fields.iter().map(|f| cell(self, f)).collect());
        }
        let head_count = explicit_header + header_rows;
        let body_rows = rows.split_off(head_count.min(rows.len()));
        Some(Block::Table(Table {
            caption: (!argument.is_empty()).then(|| self.inline(argument, line)),
            head: rows,
            body: body_rows,
            stub_columns,
        }))
    }
}

fn block_only(item: Item) -> Option<Block> {
    match item {
        Item::Block(b) => Some(b),
        Item::Title { .. } => None,
    }
}

/// Removes the common indentation of all lines but the first (an argument on the directive
/// line).
fn dedent_keep<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    if lines.is_empty() {
        return Vec::new();
    }
    let mut out = vec![lines[0]];
    let indent = min_indent(&lines[1..]);
    out.extend(dedent(&lines[1..], indent));
    out
}

/// Where a list ends: after its last non-blank line.
fn last_used(lines: &[Line<'_>], start: usize, end: usize) -> usize {
    let mut last = end;
    while last > start + 1 && lines[last - 1].blank() {
        last -= 1;
    }
    last - start
}

/// A literal block's text: common indentation and trailing blank lines removed.
fn literal_text(lines: &[Line<'_>]) -> String {
    let indent = min_indent(lines);
    let mut texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text.get(indent..).unwrap_or("").trim_end())
        .collect();
    while texts.last().is_some_and(|t| t.is_empty()) {
        texts.pop();
    }
    while texts.first().is_some_and(|t| t.is_empty()) {
        texts.remove(0);
    }
    texts.join("\n")
}

/// The fields of one CSV line: comma separated, `"` quoted with `""` escapes.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut chars = line.trim().chars().peekable();
    loop {
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        break;
                    }
                } else {
                    field.push(c);
                }
            }
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            fields.push(field);
            if chars.peek().is_none() && !line.trim_end().ends_with(',') {
                break;
            }
        } else {
            let mut ended = true;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = false;
                    break;
                }
                field.push(c);
            }
            fields.push(field.trim().to_owned());
            if ended {
                break;
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Parsed {
        parse(text)
    }

    #[test]
    fn sections_nest_by_first_seen_style() {
        let parsed = doc("Top\n===\n\nA\n---\n\ntext\n\nB\n---\n\nB1\n~~~\n\nC\n---\n");
        let Block::Section(top) = &parsed.document.blocks[0] else {
            panic!()
        };
        let titles: Vec<String> = top
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Section(s) => Some(super::super::plain_text(&s.title)),
                _ => None,
            })
            .collect();
        assert_eq!(titles, ["A", "B", "C"]);
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn lists_literals_and_directives() {
        let parsed = doc(
            "* one\n* two\n\n  more\n\n#. first\n#. second\n\nText::\n\n  code\n\n.. code:: json\n\n  {}\n\n.. NOTE::\n  Careful.\n\n:Field: value\n\nterm\n  definition\n",
        );
        let kinds: Vec<&str> = parsed
            .document
            .blocks
            .iter()
            .map(|b| match b {
                Block::BulletList(items) => {
                    if items.len() == 2 {
                        "bullets"
                    } else {
                        "bad"
                    }
                }
                Block::EnumeratedList { .. } => "enumerated",
                Block::Classed { .. } => "paragraph+literal",
                Block::Literal {
                    language: Some(_), ..
                } => "code",
                Block::Admonition { .. } => "admonition",
                Block::FieldList(_) => "fields",
                Block::DefinitionList(_) => "definitions",
                _ => "other",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "bullets",
                "enumerated",
                "paragraph+literal",
                "code",
                "admonition",
                "fields",
                "definitions"
            ]
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    }

    #[test]
    fn targets_substitutions_and_unknown_directives() {
        let parsed = doc(
            ".. _here:\n\n.. _ext: http://x\n\n.. _alias: ext_\n\n.. |n| replace:: ``N``\n\n.. __: http://anon\n\n.. bogus:: x\n\n  body\n",
        );
        let kinds: Vec<&TargetKind> = parsed.targets.iter().map(|t| &t.kind).collect();
        assert_eq!(
            kinds,
            [
                &TargetKind::Here,
                &TargetKind::Url("http://x".into()),
                &TargetKind::Alias("ext".into())
            ]
        );
        assert_eq!(parsed.substitutions[0].0, "n");
        assert_eq!(parsed.anonymous, [TargetKind::Url("http://anon".into())]);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, ProblemKind::UnknownDirective);
        assert_eq!(parsed.problems[0].line, 10);
    }

    #[test]
    fn csv_fields_follow_quoting() {
        assert_eq!(csv_fields(r#""a","b ""c""", d"#), ["a", "b \"c\"", "d"]);
        assert_eq!(csv_fields(r#""Number", "Emoji""#), ["Number", "Emoji"]);
    }
}
