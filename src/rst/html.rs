//! A resolved document as HTML: the body of a page (the page around it is the build's).
//! Sections are `<section>` elements with their ids, headings numbered when the document
//! asked for `sectnum`, each with a permalink; `contents` becomes a nested list of links.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::highlight::highlight;
use super::resolve::Resolved;
use super::{Block, Cell, Inline, RefTarget, Section, Table, for_each_inlines, plain_text};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for HTML.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut from = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

/// The HTML of the document title and body.
///
/// The top-level blocks are written in parallel and joined: a large page is most of a build's
/// last stretch. Anonymous references are numbered in document order, so each block's writer
/// starts counting where the blocks before it left off.
pub fn body(resolved: &Resolved) -> String {
    let blocks = &resolved.document.blocks;
    let mut out = String::with_capacity(1 << 20);
    let mut first_anonymous = 0;
    if let Some(title) = &resolved.title {
        let mut writer = Writer::new(resolved, 0);
        let id = resolved.title_id.as_deref().unwrap_or("top");
        let _ = write!(writer.out, "<h1 class=\"title\" id=\"{id}\">");
        writer.inlines(title);
        writer.out.push_str("</h1>\n");
        out.push_str(&writer.out);
        first_anonymous = writer.anonymous;
    }
    let starts: Vec<usize> = blocks
        .iter()
        .scan(first_anonymous, |next, block| {
            let start = *next;
            *next += anonymous_references(std::slice::from_ref(block));
            Some(start)
        })
        .collect();
    let parts: Vec<String> = blocks
        .par_iter()
        .zip(starts)
        .map(|(block, start)| {
            let mut writer = Writer::new(resolved, start);
            writer.block(block, 1);
            writer.out
        })
        .collect();
    for part in parts {
        out.push_str(&part);
    }
    out
}

/// How many anonymous references `blocks` hold, counted as resolution counts them.
fn anonymous_references(blocks: &[Block]) -> usize {
    fn count(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Reference {
                    target: RefTarget::Anonymous(_),
                    ..
                } => 1,
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Cite(c) => count(c),
                _ => 0,
            })
            .sum()
    }
    let mut total = 0;
    for_each_inlines(blocks, &mut |inlines| total += count(inlines));
    total
}

/// The page title: the document title as plain text.
pub fn title(resolved: &Resolved) -> Option<String> {
    resolved.title.as_ref().map(|t| plain_text(t))
}

struct Writer<'a> {
    resolved: &'a Resolved,
    out: String,
    /// The number of the next anonymous reference.
    anonymous: usize,
}

impl<'a> Writer<'a> {
    fn new(resolved: &'a Resolved, anonymous: usize) -> Writer<'a> {
        Writer {
            resolved,
            out: String::new(),
            anonymous,
        }
    }

    fn blocks(&mut self, blocks: &[Block], depth: usize) {
        for block in blocks {
            self.block(block, depth);
        }
    }

    /// Blocks of a cell or list item: a lone paragraph is written without `<p>`.
    fn compact(&mut self, blocks: &[Block], depth: usize) {
        match blocks {
            [Block::Paragraph { content, classes }] if classes.is_empty() => self.inlines(content),
            _ => self.blocks(blocks, depth),
        }
    }

    fn block(&mut self, block: &Block, depth: usize) {
        match block {
            Block::Section(section) => self.section(section, depth),
            Block::Paragraph { content, classes } => {
                self.open("p", classes);
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::Literal { language, text } => match language {
                Some(language) => {
                    let _ = write!(self.out, "<pre class=\"code {}\"><code>", escape(language));
                    self.out.push_str(&highlight(text, language));
                    self.out.push_str("</code></pre>\n");
                }
                None => {
                    self.out.push_str("<pre class=\"literal-block\">");
                    escape_into(&mut self.out, text);
                    self.out.push_str("</pre>\n");
                }
            },
            Block::BulletList(items) => {
                self.out.push_str("<ul>\n");
                for item in items {
                    self.out.push_str("<li>");
                    self.compact(item, depth);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str("</ul>\n");
            }
            Block::EnumeratedList { start, items } => {
                if *start == 1 {
                    self.out.push_str("<ol>\n");
                } else {
                    let _ = writeln!(self.out, "<ol start=\"{start}\">");
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.compact(item, depth);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str("</ol>\n");
            }
            Block::DefinitionList(items) => {
                self.out.push_str("<dl>\n");
                for item in items {
                    self.out.push_str("<dt>");
                    self.inlines(&item.term);
                    if let Some(classifier) = &item.classifier {
                        self.out.push_str(" <span class=\"classifier\">");
                        self.inlines(classifier);
                        self.out.push_str("</span>");
                    }
                    self.out.push_str("</dt>\n<dd>");
                    self.blocks(&item.definition, depth);
                    self.out.push_str("</dd>\n");
                }
                self.out.push_str("</dl>\n");
            }
            Block::FieldList(fields) => {
                self.out.push_str("<dl class=\"field-list\">\n");
                for (name, body) in fields {
                    self.out.push_str("<dt>");
                    self.inlines(name);
                    self.out.push_str(":</dt>\n<dd>");
                    self.compact(body, depth);
                    self.out.push_str("</dd>\n");
                }
                self.out.push_str("</dl>\n");
            }
            Block::Admonition { class, title, body } => {
                let _ = write!(
                    self.out,
                    "<div class=\"admonition {}\">\n<p class=\"admonition-title\">",
                    escape(class)
                );
                self.inlines(title);
                self.out.push_str("</p>\n");
                self.blocks(body, depth);
                self.out.push_str("</div>\n");
            }
            Block::BlockQuote(body) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(body, depth);
                self.out.push_str("</blockquote>\n");
            }
            Block::Table(table) => self.table(table, depth),
            Block::Topic { title, body } => {
                self.out
                    .push_str("<div class=\"topic\">\n<p class=\"topic-title\">");
                self.inlines(title);
                self.out.push_str("</p>\n");
                self.blocks(body, depth);
                self.out.push_str("</div>\n");
            }
            Block::Contents {
                title,
                depth: limit,
            } => self.contents(title, *limit),
            Block::SectNum | Block::Placeholder { .. } => {}
            Block::Comment(text) => {
                // Escaped, and no `--`, so no text can end the comment early.
                let _ = writeln!(self.out, "<!-- {} -->", escape(text).replace("--", "- -"));
            }
            Block::Raw(html) => {
                self.out.push_str(html);
                self.out.push('\n');
            }
            Block::Anchor { id, .. } => {
                let _ = writeln!(self.out, "<span id=\"{}\"></span>", escape(id));
            }
            Block::Transition => self.out.push_str("<hr />\n"),
            Block::Footnote { label, body } => {
                let _ = write!(
                    self.out,
                    "<div class=\"footnote\" id=\"footnote-{0}\"><span class=\"label\">[{0}]</span> ",
                    escape(label)
                );
                self.compact(body, depth);
                self.out.push_str("</div>\n");
            }
            Block::Classed { classes, body } => match body.as_slice() {
                [
                    Block::Paragraph {
                        content,
                        classes: own,
                    },
                ] => {
                    let all: Vec<String> = classes.iter().chain(own).cloned().collect();
                    self.open("p", &all);
                    self.inlines(content);
                    self.out.push_str("</p>\n");
                }
                _ if classes.is_empty() => self.blocks(body, depth),
                _ => {
                    self.open("div", classes);
                    self.out.push('\n');
                    self.blocks(body, depth);
                    self.out.push_str("</div>\n");
                }
            },
        }
    }

    fn open(&mut self, tag: &str, classes: &[String]) {
        if classes.is_empty() {
            let _ = write!(self.out, "<{tag}>");
        } else {
            let _ = write!(self.out, "<{tag} class=\"{}\">", escape(&classes.join(" ")));
        }
    }

    fn section(&mut self, section: &Section, depth: usize) {
        let id = section.ids.first().map_or("", String::as_str);
        let mut classes = section.classes.clone();
        classes.insert(0, "section".into());
        let _ = writeln!(
            self.out,
            "<section id=\"{}\" class=\"{}\">",
            escape(id),
            escape(&classes.join(" "))
        );
        for extra in section.ids.iter().skip(1) {
            let _ = writeln!(self.out, "<span id=\"{}\"></span>", escape(extra));
        }
        let level = depth.min(6);
        let _ = write!(self.out, "<h{level}>");
        if let Some(number) = &section.number {
            let _ = write!(self.out, "<span class=\"secnum\">{number}</span> ");
        }
        self.inlines(&section.title);
        let _ = writeln!(
            self.out,
            " <a class=\"permalink\" href=\"#{}\" title=\"Link to this section\">¶</a></h{level}>",
            escape(id)
        );
        self.blocks(&section.body, depth + 1);
        self.out.push_str("</section>\n");
    }

    fn table(&mut self, table: &Table, depth: usize) {
        self.out.push_str("<table class=\"docutils\">\n");
        if let Some(caption) = &table.caption {
            self.out.push_str("<caption>");
            self.inlines(caption);
            self.out.push_str("</caption>\n");
        }
        let row = |w: &mut Self, cells: &[Cell], head: bool| {
            w.out.push_str("<tr>");
            for (index, cell) in cells.iter().enumerate() {
                let tag = if head || index < table.stub_columns {
                    "th"
                } else {
                    "td"
                };
                w.out.push('<');
                w.out.push_str(tag);
                if cell.colspan > 1 {
                    let _ = write!(w.out, " colspan=\"{}\"", cell.colspan);
                }
                if cell.rowspan > 1 {
                    let _ = write!(w.out, " rowspan=\"{}\"", cell.rowspan);
                }
                w.out.push('>');
                w.compact(&cell.blocks, depth);
                let _ = write!(w.out, "</{tag}>");
            }
            w.out.push_str("</tr>\n");
        };
        if !table.head.is_empty() {
            self.out.push_str("<thead>\n");
            for cells in &table.head {
                row(self, cells, true);
            }
            self.out.push_str("</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for cells in &table.body {
            row(self, cells, false);
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn contents(&mut self, title: &str, limit: Option<usize>) {
        let _ = writeln!(
            self.out,
            "<nav class=\"contents topic\" id=\"{}\">\n<p class=\"topic-title\">{}</p>",
            super::ids::make_id(title),
            escape(title)
        );
        let blocks = &self.resolved.document.blocks;
        self.toc(blocks, 1, limit.unwrap_or(usize::MAX));
        self.out.push_str("</nav>\n");
    }

    fn toc(&mut self, blocks: &[Block], depth: usize, limit: usize) {
        let sections: Vec<&Section> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Section(s) => Some(s),
                _ => None,
            })
            .collect();
        if sections.is_empty() || depth > limit {
            return;
        }
        self.out.push_str("<ul>\n");
        for section in sections {
            let id = section.ids.first().map_or("", String::as_str);
            let _ = write!(self.out, "<li><a href=\"#{}\">", escape(id));
            if let Some(number) = &section.number {
                let _ = write!(self.out, "<span class=\"secnum\">{number}</span> ");
            }
            self.inlines_plain_links(&section.title);
            self.out.push_str("</a>");
            if section.classes.iter().any(|c| c == "deprecated") {
                self.out
                    .push_str(" <span class=\"tag deprecated\">deprecated</span>");
            }
            self.toc(&section.body, depth + 1, limit);
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ul>\n");
    }

    /// Inline content inside a link: references lose their own links.
    fn inlines_plain_links(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Reference { content, .. } => self.inlines_plain_links(content),
                other => self.inline(other),
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    /// Where a link goes; None for a target that is unknown or whose URL could run script
    /// (`crate::sanitize::safe_url`; reported while resolving).
    fn href(&mut self, target: &RefTarget) -> Option<String> {
        self.href_unchecked(target)
            .filter(|href| crate::sanitize::safe_url(href))
    }

    fn href_unchecked(&mut self, target: &RefTarget) -> Option<String> {
        match target {
            RefTarget::Url(url) => Some(url.clone()),
            RefTarget::Name(name) => self.resolved.names.get(name).cloned(),
            RefTarget::Anonymous(_) => {
                let href = self.resolved.anonymous.get(self.anonymous).cloned();
                self.anonymous += 1;
                href
            }
            RefTarget::Id(id) => Some(format!("#{id}")),
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => escape_into(&mut self.out, text),
            Inline::Literal(text) => {
                self.out.push_str("<code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code>");
            }
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Cite(c) => self.wrap("cite", c),
            Inline::Superscript(c) => self.wrap("sup", c),
            Inline::Subscript(c) => self.wrap("sub", c),
            Inline::Math(text) => {
                self.out.push_str("<span class=\"math\">");
                self.out.push_str(&super::math::to_html(text));
                self.out.push_str("</span>");
            }
            Inline::Reference {
                content, target, ..
            } => match self.href(target) {
                Some(href) => {
                    let class = if href.starts_with('#') {
                        "internal"
                    } else {
                        "external"
                    };
                    let _ = write!(
                        self.out,
                        "<a class=\"reference {class}\" href=\"{}\">",
                        escape(&href)
                    );
                    self.inlines(content);
                    self.out.push_str("</a>");
                }
                None => {
                    self.out.push_str("<span class=\"problematic\">");
                    self.inlines(content);
                    self.out.push_str("</span>");
                }
            },
            Inline::Substitution { name, linked, .. } => {
                let resolved = self.resolved;
                let content = resolved.substitutions.get(name);
                let href = linked
                    .then(|| resolved.names.get(name))
                    .flatten()
                    .filter(|href| crate::sanitize::safe_url(href));
                if let Some(href) = &href {
                    let _ = write!(
                        self.out,
                        "<a class=\"reference\" href=\"{}\">",
                        escape(href)
                    );
                }
                match content {
                    Some(content) => self.inlines(content),
                    None => {
                        let _ = write!(
                            self.out,
                            "<span class=\"problematic\">|{}|</span>",
                            escape(name)
                        );
                    }
                }
                if href.is_some() {
                    self.out.push_str("</a>");
                }
            }
            Inline::FootnoteRef(label) => {
                let _ = write!(
                    self.out,
                    "<a class=\"footnote-reference\" href=\"#footnote-{0}\">[{0}]</a>",
                    escape(label)
                );
            }
            Inline::Raw(html) => self.out.push_str(html),
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }
}
