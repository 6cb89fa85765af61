//! reStructuredText: the subset the spec's prose and generated sections use, parsed into a
//! [`Document`] and written as HTML.
//!
//! No crate parses this subset well (rust-rst panics on most corpus files, pandoc loses span
//! rows and docutils' anchor ids), so this is our own. The scope is listed in
//! `docs/rst.md`. Parsing never fails: a construct it does not know becomes a [`Problem`]
//! with its line, and the text is kept as a literal block so nothing is dropped silently.
//!
//! The parts, in the order data flows:
//! - [`block`]: lines to blocks (sections, lists, directives, tables via [`table`]);
//! - [`inline`]: a paragraph's text to inline nodes (literals, emphasis, references, roles);
//! - [`resolve`]: ids, section numbers, reference targets and substitutions of a whole
//!   document, checked once (unknown names are problems);
//! - [`html`]: the resolved document as HTML, code highlighted by [`highlight`], formulas
//!   by [`math`].

pub mod block;
pub mod highlight;
pub mod html;
pub mod ids;
pub mod inline;
pub mod markdown;
pub mod math;
pub mod resolve;
pub mod table;

/// A parsed document: a tree of blocks, sections nested.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The top-level blocks.
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Clone, Debug)]
pub enum Block {
    /// A titled section and what it contains.
    Section(Section),
    /// A paragraph, with the classes a `.. class::` gave it.
    Paragraph {
        /// The text.
        content: Vec<Inline>,
        /// Extra CSS classes.
        classes: Vec<String>,
    },
    /// Preformatted text; `language` when it is a `code` block.
    Literal {
        /// `json`, `http`, ... or None.
        language: Option<String>,
        /// The text, indentation removed.
        text: String,
    },
    /// A bulleted list; each item is a list of blocks.
    BulletList(Vec<Vec<Block>>),
    /// A numbered list.
    EnumeratedList {
        /// The first number.
        start: i64,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// Terms with definitions.
    DefinitionList(Vec<DefinitionItem>),
    /// `:name: body` fields.
    FieldList(Vec<(Vec<Inline>, Vec<Block>)>),
    /// A note, warning or titled admonition.
    Admonition {
        /// The CSS class (`note`, `warning`, `admonition`).
        class: String,
        /// The title shown.
        title: Vec<Inline>,
        /// The body.
        body: Vec<Block>,
    },
    /// An indented block.
    BlockQuote(Vec<Block>),
    /// A table.
    Table(Table),
    /// `.. topic::`.
    Topic {
        /// The title.
        title: Vec<Inline>,
        /// The body.
        body: Vec<Block>,
    },
    /// `.. contents::`: the table of contents goes here.
    Contents {
        /// Its title.
        title: String,
        /// How many levels deep, all when None.
        depth: Option<usize>,
    },
    /// `.. sectnum::`: sections are numbered.
    SectNum,
    /// An RST comment, kept as an HTML comment.
    Comment(String),
    /// `.. raw:: html` and HTML made by a renderer other than this module's.
    Raw(String),
    /// `.. _name:` pointing at the next element: an anchor here.
    Anchor {
        /// The target's names as written.
        names: Vec<String>,
        /// Its id, set by [`resolve`].
        id: String,
    },
    /// A horizontal rule (`----` between blank lines).
    Transition,
    /// A footnote body.
    Footnote {
        /// Its label (`1`, `#`).
        label: String,
        /// Its body.
        body: Vec<Block>,
    },
    /// `.. mxspec:: NAME`: a section rendered from the model, filled in by the caller.
    Placeholder {
        /// The section's name.
        name: String,
        /// The line of the directive.
        line: usize,
    },
    /// Blocks with classes from `.. class::`.
    Classed {
        /// The classes.
        classes: Vec<String>,
        /// The blocks.
        body: Vec<Block>,
    },
}

/// A section: title, anchors and body.
#[derive(Clone, Debug, Default)]
pub struct Section {
    /// The title.
    pub title: Vec<Inline>,
    /// Its anchors, the first the docutils id of the title; more when targets point at it.
    pub ids: Vec<String>,
    /// Extra CSS classes (`deprecated`).
    pub classes: Vec<String>,
    /// `1.2.3` when numbered, set by [`resolve`].
    pub number: Option<String>,
    /// What the section holds, subsections included.
    pub body: Vec<Block>,
}

/// A term of a definition list.
#[derive(Clone, Debug)]
pub struct DefinitionItem {
    /// The term.
    pub term: Vec<Inline>,
    /// The classifier after ` : `.
    pub classifier: Option<Vec<Inline>>,
    /// The definition.
    pub definition: Vec<Block>,
}

/// A table: rows of cells, each cell spanning columns and rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The caption.
    pub caption: Option<Vec<Inline>>,
    /// Header rows.
    pub head: Vec<Vec<Cell>>,
    /// Body rows.
    pub body: Vec<Vec<Cell>>,
    /// Leading columns shown as headers (`:stub-columns:`).
    pub stub_columns: usize,
}

/// A table cell.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    /// The content.
    pub blocks: Vec<Block>,
    /// Columns covered.
    pub colspan: usize,
    /// Rows covered.
    pub rowspan: usize,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// ``literal``.
    Literal(String),
    /// *emphasis*.
    Emphasis(Vec<Inline>),
    /// **strong**.
    Strong(Vec<Inline>),
    /// `interpreted text` in the default role.
    Cite(Vec<Inline>),
    /// :math:`...`.
    Math(String),
    /// :sup:`...`.
    Superscript(Vec<Inline>),
    /// :sub:`...`.
    Subscript(Vec<Inline>),
    /// A link.
    Reference {
        /// The link text.
        content: Vec<Inline>,
        /// Where it goes.
        target: RefTarget,
        /// The line it is written on.
        line: usize,
    },
    /// `|name|`, replaced by the definition's text.
    Substitution {
        /// The name.
        name: String,
        /// `|name|_`: also a link to the target called `name`.
        linked: bool,
        /// The line it is used on.
        line: usize,
    },
    /// `[1]_`.
    FootnoteRef(String),
    /// HTML made elsewhere.
    Raw(String),
}

/// Where a reference points.
#[derive(Clone, Debug, PartialEq)]
pub enum RefTarget {
    /// An address, as written.
    Url(String),
    /// A target or section name (`text`_), normalised.
    Name(String),
    /// The n-th anonymous target (`text`__).
    Anonymous(usize),
    /// An id on this page, already known.
    Id(String),
}

/// Something wrong in the RST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The line index (0-based) into the parsed lines.
    pub line: usize,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong.
    pub message: String,
}

/// The kinds of [`Problem`], each a diagnostic rule of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// Inline markup without its end, a bad table, a directive without its argument.
    Malformed,
    /// A directive this renderer does not know.
    UnknownDirective,
    /// A reference or substitution to a name nothing defines.
    UndefinedName,
    /// Legal but doubtful: title levels out of order, empty topics, ambiguous names.
    Suspicious,
    /// Past one of [`crate::limits`]: blocks nested too deep, substitutions that use
    /// themselves or expand too far.
    Limit,
    /// Raw HTML or a link that could run script, removed from the page.
    Unsafe,
}

/// Normalises a reference name as docutils does: lower case, whitespace collapsed.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The plain text of inline content.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Literal(t) | Inline::Math(t) => out.push_str(t),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Cite(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c) => push_plain(c, out),
            Inline::Reference { content, .. } => push_plain(content, out),
            Inline::Substitution { name, .. } => out.push_str(name),
            Inline::FootnoteRef(label) => out.push_str(label),
            Inline::Raw(_) => {}
        }
    }
}

/// Calls `f` with every block of `blocks` and of the blocks inside them, in document order,
/// before their insides; `f` may change a block's own fields.
pub fn for_each_block_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::Section(s) => for_each_block_mut(&mut s.body, f),
            Block::BulletList(items) | Block::EnumeratedList { items, .. } => {
                items
                    .iter_mut()
                    .for_each(|item| for_each_block_mut(item, f));
            }
            Block::DefinitionList(items) => {
                for item in items {
                    for_each_block_mut(&mut item.definition, f);
                }
            }
            Block::FieldList(fields) => {
                for (_, body) in fields {
                    for_each_block_mut(body, f);
                }
            }
            Block::Admonition { body, .. }
            | Block::Topic { body, .. }
            | Block::BlockQuote(body)
            | Block::Classed { body, .. }
            | Block::Footnote { body, .. } => for_each_block_mut(body, f),
            Block::Table(table) => {
                for row in table.head.iter_mut().chain(&mut table.body) {
                    for cell in row {
                        for_each_block_mut(&mut cell.blocks, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` with every inline of a block's own inline runs (title, paragraph, term, field
/// name, admonition or topic title), nested ones included, in order.
pub fn for_each_own_inline_mut(block: &mut Block, f: &mut impl FnMut(&mut Inline)) {
    fn walk(inlines: &mut [Inline], f: &mut impl FnMut(&mut Inline)) {
        for inline in inlines {
            f(inline);
            match inline {
                Inline::Emphasis(c)
                | Inline::Strong(c)
                | Inline::Cite(c)
                | Inline::Superscript(c)
                | Inline::Subscript(c)
                | Inline::Reference { content: c, .. } => walk(c, f),
                _ => {}
            }
        }
    }
    match block {
        Block::Section(s) => walk(&mut s.title, f),
        Block::Paragraph { content, .. } => walk(content, f),
        Block::DefinitionList(items) => items.iter_mut().for_each(|i| walk(&mut i.term, f)),
        Block::FieldList(fields) => fields.iter_mut().for_each(|(name, _)| walk(name, f)),
        Block::Admonition { title, .. } | Block::Topic { title, .. } => walk(title, f),
        _ => {}
    }
}

/// Calls `f` with every run of inline content in `blocks`, in document order: titles,
/// paragraphs, terms, field names, admonition and topic titles, table cells.
pub fn for_each_inlines<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a [Inline])) {
    for block in blocks {
        match block {
            Block::Section(s) => {
                f(&s.title);
                for_each_inlines(&s.body, f);
            }
            Block::Paragraph { content, .. } => f(content),
            Block::BulletList(items) | Block::EnumeratedList { items, .. } => {
                items.iter().for_each(|item| for_each_inlines(item, f));
            }
            Block::DefinitionList(items) => {
                for item in items {
                    f(&item.term);
                    for_each_inlines(&item.definition, f);
                }
            }
            Block::FieldList(fields) => {
                for (name, body) in fields {
                    f(name);
                    for_each_inlines(body, f);
                }
            }
            Block::Admonition { title, body, .. } | Block::Topic { title, body } => {
                f(title);
                for_each_inlines(body, f);
            }
            Block::BlockQuote(body)
            | Block::Classed { body, .. }
            | Block::Footnote { body, .. } => {
                for_each_inlines(body, f);
            }
            Block::Table(table) => {
                for row in table.head.iter().chain(&table.body) {
                    for cell in row {
                        for_each_inlines(&cell.blocks, f);
                    }
                }
            }
            _ => {}
        }
    }
}
