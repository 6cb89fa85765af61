//! A page's Markdown made whole: fragments included (`cs-module`, `rver-fragment`), every
//! other shortcode replaced by a placeholder for its HTML, and for every byte of the result the
//! file and offset it came from, so problems found later name the right line.

use super::Writer;
use crate::content::shortcode::{self, Item, Tag};
use crate::diagnostic::{Diagnostic, Rule};
use crate::limits::{MAX_INCLUDE_DEPTH, MAX_INCLUDES_PER_PAGE, MAX_PAGE_BYTES};
use crate::markdown::placeholder;
use crate::rst::html::escape;
use crate::source::{FileId, Node, SourceTree, Span};

/// Files the site copies beside its pages, and data some shortcodes read.
#[derive(Debug, Default)]
pub struct Assets {
    /// `diagrams/<name>.webp` with its bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// `data-definitions/sas-emoji.json`, when the tree has it.
    pub sas_emoji: Option<Node>,
    /// `data/msc/proposals.json` (the spec's `proposals.js` writes it from GitHub), when the
    /// tree has it.
    pub proposals: Option<Node>,
}

/// Reads the diagrams of `assets/diagrams/` and the SAS emoji list.
pub fn load_assets(tree: &mut SourceTree, diagnostics: &mut Vec<Diagnostic>) -> Assets {
    let mut assets = Assets::default();
    if let Ok(folder) = tree.confine("assets/diagrams")
        && let Ok(entries) = std::fs::read_dir(&folder)
    {
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".webp"))
            .collect();
        names.sort();
        for name in names {
            let Ok(path) = tree.confine(&format!("assets/diagrams/{name}")) else {
                continue;
            };
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_file()
                && meta.len() <= crate::limits::MAX_FILE_BYTES
                && let Ok(bytes) = std::fs::read(&path)
            {
                assets.files.push((format!("diagrams/{name}"), bytes));
            }
        }
    }
    let mut data_file = |relative: &str| {
        let file = tree.load_relative(relative).ok()?;
        let source = tree.file(file);
        diagnostics.extend(source.problems.iter().map(Diagnostic::of_parse_problem));
        source.node.as_deref().cloned()
    };
    assets.sas_emoji = data_file("data-definitions/sas-emoji.json");
    assets.proposals = data_file("data/msc/proposals.json");
    assets
}

/// A page's text ready for the Markdown renderer.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Markdown with placeholders.
    pub text: String,
    /// The HTML of each placeholder.
    pub pieces: Vec<String>,
    /// (offset in `text`, file, offset in the file) at every change of origin.
    origins: Vec<(usize, FileId, usize)>,
    /// Fragments included so far.
    includes: usize,
    /// Bytes of text and pieces so far.
    bytes: usize,
    /// Set once a bound was passed (and reported): nothing more is expanded.
    bounded: bool,
    /// Set once an include too deep was reported.
    too_deep: bool,
}

impl Expanded {
    /// The file and position that byte `offset` of the text came from.
    pub fn locate(&self, tree: &SourceTree, offset: usize) -> Option<Span> {
        let index = self.origins.partition_point(|(at, _, _)| *at <= offset);
        let (at, file, file_offset) = *self.origins.get(index.checked_sub(1)?)?;
        Some(tree.file(file).span_at(file, file_offset + (offset - at)))
    }

    fn push_source(&mut self, text: &str, file: FileId, file_offset: usize) {
        if text.is_empty() {
            return;
        }
        self.origins.push((self.text.len(), file, file_offset));
        self.text.push_str(text);
        self.bytes += text.len();
    }

    /// Markdown made by a shortcode, placed at the shortcode.
    fn push_made(&mut self, text: &str, file: FileId, at: usize) {
        self.origins.push((self.text.len(), file, at));
        self.text.push_str(text);
        self.bytes += text.len();
    }

    /// `text[range]` of `file` (whose text starts at `start`), each formula wholly inside it
    /// as a piece of MathML.
    fn push_source_with_maths(
        &mut self,
        text: &str,
        range: std::ops::Range<usize>,
        formulas: &[(std::ops::Range<usize>, String)],
        file: FileId,
        start: usize,
    ) {
        let mut position = range.start;
        let first = formulas.partition_point(|(r, _)| r.start < range.start);
        for (formula, html) in &formulas[first..] {
            if formula.end > range.end {
                break;
            }
            self.push_source(&text[position..formula.start], file, start + position);
            self.push_piece(html.clone(), false, "", file, start + formula.start);
            position = formula.end;
        }
        self.push_source(&text[position..range.end], file, start + position);
    }

    fn push_piece(&mut self, html: String, block: bool, indent: &str, file: FileId, at: usize) {
        self.origins.push((self.text.len(), file, at));
        let marker = placeholder(self.pieces.len());
        self.bytes += html.len();
        self.pieces.push(html);
        if block {
            self.text
                .push_str(&format!("\n\n{indent}{marker}\n\n{indent}"));
        } else {
            self.text.push_str(&marker);
        }
    }
}

/// The paired shortcodes: the alert boxes.
fn box_kind(name: &str) -> Option<&'static str> {
    match name {
        "boxes/note" => Some("note"),
        "boxes/warning" => Some("warning"),
        "boxes/rationale" => Some("rationale"),
        _ => None,
    }
}

impl Writer<'_> {
    /// The formulas of a file's text (from byte `start`) with their MathML, when the tree's
    /// configuration enables maths; one that is not rendered keeps its source, with a warning.
    fn formulas(
        &mut self,
        file: FileId,
        start: usize,
        text: &str,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let Some(passthrough) = &self.data.content.config.passthrough else {
            return Vec::new();
        };
        let mut rendered = Vec::new();
        for formula in crate::markdown::math::find(text, passthrough) {
            match crate::markdown::math::mathml(&formula.latex, formula.display) {
                Ok(html) => rendered.push((formula.range, html)),
                Err(message) => self.diagnostics.push(Diagnostic::new(
                    Rule::MathInvalid,
                    self.data
                        .tree
                        .file(file)
                        .span_at(file, start + formula.range.start),
                    message,
                )),
            }
        }
        rendered
    }

    /// Expands `page`.
    pub fn expand(&mut self) -> Expanded {
        self.prerender();
        let mut expanded = Expanded::default();
        self.expand_file(self.page.file, self.page.body_start, &mut expanded, 0);
        expanded
    }

    fn expand_file(&mut self, file: FileId, start: usize, out: &mut Expanded, depth: usize) {
        let data = self.data;
        let text = &data.tree.file(file).text[start..];
        let formulas = self.formulas(file, start, text);
        let source = |out: &mut Expanded, range: std::ops::Range<usize>| {
            out.push_source_with_maths(text, range, &formulas, file, start);
        };
        let mut position = 0;
        let mut open_boxes: Vec<(String, usize)> = Vec::new();
        for item in shortcode::scan(text) {
            match item {
                Item::Literal {
                    text: literal,
                    range,
                } => {
                    source(out, position..range.start);
                    out.push_source(&literal, file, start + range.start);
                    position = range.end;
                }
                Item::Malformed { offset, message } => {
                    self.diagnostics.push(Diagnostic::new(
                        Rule::ShortcodeInvalid,
                        data.tree.file(file).span_at(file, start + offset),
                        message,
                    ));
                }
                Item::Tag(tag) => {
                    source(out, position..tag.range.start);
                    position = tag.range.end;
                    let at = start + tag.range.start;
                    let span = data.tree.file(file).span_at(file, at);
                    let line_start = text[..tag.range.start].rfind('\n').map_or(0, |i| i + 1);
                    let before = &text[line_start..tag.range.start];
                    let indent = if before.trim().is_empty() { before } else { "" };
                    if let Some(kind) = box_kind(&tag.name) {
                        if tag.closing {
                            match open_boxes.pop() {
                                Some((name, _)) if name == tag.name => {}
                                _ => self.diagnostics.push(Diagnostic::new(
                                    Rule::ShortcodeInvalid,
                                    span,
                                    format!(
                                        "`{{{{% /{} %}}}}` closes no open `{}`",
                                        tag.name, tag.name
                                    ),
                                )),
                            }
                            out.push_piece("</div>\n".into(), true, indent, file, at);
                        } else {
                            open_boxes.push((tag.name.clone(), at));
                            let html = format!("<div class=\"alert {kind} \" role=\"note\">\n");
                            out.push_piece(html, true, indent, file, at);
                        }
                        continue;
                    }
                    if tag.closing {
                        self.diagnostics.push(Diagnostic::new(
                            Rule::ShortcodeInvalid,
                            span,
                            format!(
                                "`{}` is not a paired shortcode; nothing closes it",
                                tag.name
                            ),
                        ));
                        continue;
                    }
                    if out.bytes > MAX_PAGE_BYTES || out.includes > MAX_INCLUDES_PER_PAGE {
                        if !out.bounded {
                            out.bounded = true;
                            self.diagnostics.push(Diagnostic::new(
                                Rule::LimitExceeded,
                                span,
                                if out.bytes > MAX_PAGE_BYTES {
                                    format!("the page grew past {MAX_PAGE_BYTES} bytes; from here on its shortcodes are left out")
                                } else {
                                    format!("the page includes more than {MAX_INCLUDES_PER_PAGE} fragments; from here on its shortcodes are left out")
                                },
                            ));
                        }
                        continue;
                    }
                    if let Some(bundle) = include_bundle(&tag.name) {
                        self.include(&tag, bundle, span, out, depth);
                        continue;
                    }
                    if let Some(template) = self.tree_shortcode(&tag.name) {
                        let outcome = match self.prerendered.get(&(file, at)) {
                            Some(outcome) => outcome.clone(),
                            None => self.data.layouts.run(&template, &tag, self.page, "", span),
                        };
                        match outcome {
                            Ok(rendered) => {
                                for warning in rendered.warnings {
                                    self.diagnostics.push(Diagnostic::new(
                                        Rule::TemplateWarning,
                                        span,
                                        warning,
                                    ));
                                }
                                if tag.markdown {
                                    // Hugo renders what a `{{% %}}` call writes as the
                                    // page's Markdown, in its place.
                                    out.push_made(&rendered.text, file, at);
                                } else {
                                    // A `{{< >}}` call's HTML is placed after the Markdown
                                    // is rendered, so it is cleaned here: it is the tree's.
                                    let (html, report) =
                                        crate::sanitize::clean_html(&rendered.text);
                                    if let Some(report) = report {
                                        self.diagnostics.push(Diagnostic::new(
                                            Rule::UnsafeHtml,
                                            span,
                                            report,
                                        ));
                                    }
                                    out.push_piece(html, false, indent, file, at);
                                }
                            }
                            Err(diagnostic) => {
                                self.diagnostics.push(*diagnostic);
                                out.push_source(&text[tag.range.clone()], file, at);
                            }
                        }
                        continue;
                    }
                    if tag.name == "proposal-tables"
                        && let Some(states) = self.assets.proposals.as_ref()
                    {
                        self.proposal_tables(states, out, file, at);
                        continue;
                    }
                    match self.shortcode(&tag) {
                        Ok((html, block)) => out.push_piece(html, block, indent, file, at),
                        Err(message) => {
                            self.diagnostics.push(Diagnostic::new(
                                Rule::ShortcodeInvalid,
                                span,
                                message,
                            ));
                            out.push_source(&text[tag.range.clone()], file, at);
                        }
                    }
                }
            }
        }
        source(out, position..text.len());
        for (name, at) in open_boxes {
            self.diagnostics.push(Diagnostic::new(
                Rule::ShortcodeInvalid,
                data.tree.file(file).span_at(file, at),
                format!("`{name}` is opened here and never closed with `{{{{% /{name} %}}}}`"),
            ));
            out.push_piece("</div>\n".into(), true, "", file, at);
        }
    }

    /// Runs the page's calls of the tree's shortcodes, in the page and the fragments it
    /// includes (as [`Writer::expand_file`] finds them, within its bounds), in parallel: a page
    /// such as the client-server API makes most of a site's calls. A call this misses is run
    /// where the page is put together.
    fn prerender(&mut self) {
        let mut calls = Vec::new();
        let mut includes = 0;
        self.tree_calls(
            self.page.file,
            self.page.body_start,
            0,
            &mut includes,
            &mut calls,
        );
        let (tree, layouts, page) = (self.data.tree, &self.data.layouts, self.page);
        use rayon::prelude::*;
        self.prerendered = calls
            .into_par_iter()
            .map(|(file, at, tag, template)| {
                let span = tree.file(file).span_at(file, at);
                ((file, at), layouts.run(&template, &tag, page, "", span))
            })
            .collect();
    }

    /// The calls of the tree's shortcodes in `file` from `start`, and in the fragments it
    /// includes: file, offset, call and template.
    fn tree_calls(
        &self,
        file: FileId,
        start: usize,
        depth: usize,
        includes: &mut usize,
        calls: &mut Vec<(FileId, usize, Tag, String)>,
    ) {
        let text = &self.data.tree.file(file).text[start..];
        for item in shortcode::scan(text) {
            let Item::Tag(tag) = item else { continue };
            if tag.closing {
                continue;
            }
            if let Some(bundle) = include_bundle(&tag.name) {
                let found = tag
                    .arg("name")
                    .and_then(|name| self.data.content.bundles.get(bundle)?.get(name).copied());
                if let Some((included, body_start)) = found
                    && depth < MAX_INCLUDE_DEPTH
                    && *includes < MAX_INCLUDES_PER_PAGE
                {
                    *includes += 1;
                    self.tree_calls(included, body_start, depth + 1, includes, calls);
                }
            } else if let Some(template) = self.tree_shortcode(&tag.name) {
                calls.push((file, start + tag.range.start, tag, template));
            }
        }
    }

    fn include(&mut self, tag: &Tag, bundle: &str, span: Span, out: &mut Expanded, depth: usize) {
        let Some(name) = tag.arg("name") else {
            self.diagnostics.push(Diagnostic::new(
                Rule::ShortcodeInvalid,
                span,
                format!("`{}` needs a `name`", tag.name),
            ));
            return;
        };
        let found = self
            .data
            .content
            .bundles
            .get(bundle)
            .and_then(|files| files.get(name))
            .copied();
        let Some((file, body_start)) = found else {
            self.diagnostics.push(Diagnostic::new(
                Rule::ShortcodeInvalid,
                span,
                format!(
                    "`{}` names `{name}`, but content/{bundle}/{name}.md does not exist",
                    tag.name
                ),
            ));
            return;
        };
        if depth >= MAX_INCLUDE_DEPTH {
            // Once per page: a fragment that includes itself would say it at every level.
            if !out.too_deep {
                out.too_deep = true;
                self.diagnostics.push(Diagnostic::new(
                    Rule::LimitExceeded,
                    span,
                    format!("fragments include each other more than {MAX_INCLUDE_DEPTH} deep; `{name}` was not included, nor any other this deep"),
                ));
            }
            return;
        }
        out.includes += 1;
        self.expand_file(file, body_start, out, depth + 1);
    }

    /// The tree's own template for shortcode `name`, when the tree has one that mxspec runs:
    /// every shortcode but those that need what a build without Hugo does not have (images
    /// resized by Hugo's pipeline).
    fn tree_shortcode(&self, name: &str) -> Option<String> {
        if matches!(name, "diagram") {
            return None;
        }
        self.data.layouts.shortcode(name)
    }

    /// The HTML of a shortcode that is not an include or a box, and whether it is a block.
    fn shortcode(&mut self, tag: &Tag) -> Result<(String, bool), String> {
        let (data, page, assets) = (self.data, self.page, self.assets);
        let required = |key: &str| {
            tag.arg(key)
                .ok_or_else(|| format!("`{}` needs a `{key}` argument", tag.name))
        };
        let mut html = String::new();
        match tag.name.as_str() {
            "added-in" | "changed-in" => {
                let version = required("v")?;
                let html = version_badge(&tag.name, version, page.front.version.as_deref());
                return Ok((html, false));
            }
            "http-api" => {
                let (api, group) = (required("spec")?, required("api")?);
                let group = data.group(api, group).ok_or_else(|| {
                    format!(
                        "`http-api` names `{api}/{group}`, which is not an API group of data/api/"
                    )
                })?;
                self.http_api(&mut html, group, tag.arg("anchor_base"));
            }
            "event" => {
                let name = required("event")?;
                let event = data.event(name).ok_or_else(|| {
                    format!("`event` names `{name}`, which has no schema in event-schemas/schema/")
                })?;
                self.event(
                    &mut html,
                    event,
                    name,
                    tag.arg("desired_example_name"),
                    tag.arg("title"),
                );
            }
            "event-group" => self.event_group(&mut html, required("group_name")?),
            "msgtypes" => self.msgtypes(&mut html),
            "event-fields" => {
                let kind = required("event_type")?;
                let core = data.core_event(kind).ok_or_else(|| {
                    format!("`event-fields` names `{kind}`, which is not in core-event-schema/")
                })?;
                self.event_fields(&mut html, core);
            }
            "definition" => {
                let path = required("path")?;
                let definition = data.definition(path).ok_or_else(|| {
                    format!("`definition` names `{path}`, which is no API definition or schema under data/")
                })?;
                self.definition(&mut html, definition, tag.arg("compact").is_some());
            }
            "sas-emojis" => {
                let list = assets
                    .sas_emoji
                    .as_ref()
                    .and_then(Node::as_seq)
                    .ok_or("`sas-emojis` needs data-definitions/sas-emoji.json, a list")?;
                html.push_str("<table>\n  <tr>\n    <th>Number</th>\n    <th>Emoji</th>\n    <th>Unicode</th>\n    <th>Description</th>\n  </tr>\n");
                for emoji in list {
                    let cell = |key: &str| {
                        escape(
                            &emoji
                                .get(key)
                                .map(super::schema::scalar_text)
                                .unwrap_or_default(),
                        )
                    };
                    html.push_str(&format!(
                        "  <tr>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n  </tr>\n",
                        cell("number"),
                        cell("emoji"),
                        cell("unicode"),
                        cell("description")
                    ));
                }
                html.push_str("</table>\n");
            }
            "diagram" => {
                let name = required("name")?;
                let alt = tag.arg("alt").unwrap_or("");
                let path = format!("diagrams/{name}.webp");
                if !assets.files.iter().any(|(p, _)| *p == path) {
                    return Err(format!(
                        "`diagram` names `{name}`, but assets/{path} does not exist"
                    ));
                }
                html = format!(
                    "<picture>\n    <img src=\"/{}\" alt=\"{}\" loading=\"lazy\">\n</picture>",
                    escape(&path),
                    escape(alt)
                );
                return Ok((html, false));
            }
            "proposal-tables" => {
                html.push_str(
                    "<div class=\"alert note \" role=\"note\">\n<p>The tables of proposals are made from \
                     GitHub's list of open pull requests, which mxspec does not fetch: a build reads only the \
                     spec tree (data/msc/proposals.json, written by the spec's <code>npm run get-proposals</code>, \
                     is used when present).</p>\n</div>\n",
                );
            }
            _ => {
                return Err(format!(
                    "`{0}` is no shortcode of the tree's layouts (layouts/_shortcodes/{0}.html) nor one mxspec knows",
                    tag.name
                ));
            }
        }
        Ok((html, true))
    }
}

impl Writer<'_> {
    /// A description's shortcodes (alert boxes and version badges; a description cannot pull
    /// in API sections) replaced by placeholders; their HTML is in the second value.
    pub fn expand_description(&mut self, text: &str, span: Span) -> (String, Vec<String>) {
        let (out, pieces, problems) =
            description_shortcodes(text, self.page.front.version.as_deref());
        let lines = crate::source::lines::LineIndex::new(text);
        for (offset, message) in problems {
            let at = super::at_line(span, &lines, offset);
            self.diagnostics
                .push(Diagnostic::new(Rule::ShortcodeInvalid, at, message));
        }
        (out, pieces)
    }
}

/// What `added-in` or `changed-in` (`name`) of version `v` writes on a page of room version
/// `page_version` (or any other page): a room version page marks only what is new in its own
/// version; Hugo's shortcode says "New" for an addition and "Changed" for a change.
pub fn version_badge(name: &str, v: &str, page_version: Option<&str>) -> String {
    let verb = if name == "added-in" {
        "Added"
    } else {
        "Changed"
    };
    match page_version {
        Some(this) if this == v && verb == "Added" => {
            "<strong>[New in this version]</strong>".to_owned()
        }
        Some(this) if this == v => "<strong>[Changed in this version]</strong>".to_owned(),
        Some(_) => String::new(),
        None => format!("<strong>[{verb} in <code>v{}</code>]</strong>", escape(v)),
    }
}

/// A description's shortcodes (alert boxes and version badges, on a page of `page_version`)
/// replaced by placeholders: the text, the HTML of each placeholder, and each problem's
/// offset and message.
pub fn description_shortcodes(
    text: &str,
    page_version: Option<&str>,
) -> (String, Vec<String>, Vec<(usize, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut pieces = Vec::new();
    let mut problems = Vec::new();
    let mut position = 0;
    for item in shortcode::scan(text) {
        let (range, replacement) = match item {
            Item::Literal {
                text: literal,
                range,
            } => (range, literal),
            Item::Malformed { offset, message } => {
                problems.push((offset, message));
                continue;
            }
            Item::Tag(tag) => {
                let html = match box_kind(&tag.name) {
                    Some(_) if tag.closing => Ok(("</div>\n".to_owned(), true)),
                    Some(kind) => Ok((
                        format!("<div class=\"alert {kind} \" role=\"note\">\n"),
                        true,
                    )),
                    None if matches!(tag.name.as_str(), "added-in" | "changed-in") => {
                        match tag.arg("v") {
                            Some(v) => Ok((version_badge(&tag.name, v, page_version), false)),
                            None => Err(format!("`{}` needs a `v` argument", tag.name)),
                        }
                    }
                    None => Err(format!(
                        "`{}` cannot be used in a description of the data",
                        tag.name
                    )),
                };
                match html {
                    Ok((html, block)) => {
                        let marker = placeholder(pieces.len());
                        pieces.push(html);
                        let replacement = if block {
                            format!("\n\n{marker}\n\n")
                        } else {
                            marker
                        };
                        (tag.range, replacement)
                    }
                    Err(message) => {
                        problems.push((tag.range.start, message));
                        continue;
                    }
                }
            }
        };
        out.push_str(&text[position..range.start]);
        out.push_str(&replacement);
        position = range.end;
    }
    out.push_str(&text[position..]);
    (out, pieces, problems)
}

impl Writer<'_> {
    /// `proposal-tables` from `data/msc/proposals.json`: per state a heading (Markdown, so it
    /// is anchored and listed in the table of contents) and a table of its proposals.
    fn proposal_tables(&mut self, states: &Node, out: &mut Expanded, file: FileId, at: usize) {
        let text = |node: &Node, key: &str| {
            node.get(key)
                .map(super::schema::scalar_text)
                .unwrap_or_default()
        };
        let link = |url: &str, shown: &str| {
            if crate::sanitize::safe_url(url) {
                format!("<a href=\"{}\">{}</a>", escape(url), escape(shown))
            } else {
                escape(shown)
            }
        };
        for state in states.as_seq().unwrap_or(&[]) {
            let title = text(state, "title").replace(['\n', '{', '}'], " ");
            out.push_made(
                &format!("\n\n### {title} {{.proposal-table-title}}\n\n"),
                file,
                at,
            );
            let proposals = state.get("proposals").and_then(Node::as_seq).unwrap_or(&[]);
            if proposals.is_empty() {
                out.push_made("No MSCs are currently in this state.\n\n", file, at);
                continue;
            }
            let mut html = String::from(
                "<table class=\"msc-table table\">\n  <thead>\n    <tr>\n      <th>MSC</th>\n      <th>Title</th>\n      \
                 <th>Created at</th>\n      <th>Updated at</th>\n      <th>Docs</th>\n      <th>Author</th>\n      \
                 <th>Shepherd</th>\n    </tr>\n  </thead>\n  <tbody>\n",
            );
            for proposal in proposals {
                let docs: Vec<String> = proposal
                    .get("documentation")
                    .and_then(Node::as_seq)
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                    .map(|(i, url)| link(url.as_str().unwrap_or(""), &(i + 1).to_string()))
                    .collect();
                let github =
                    |user: &str| link(&format!("https://github.com/{user}"), &format!("@{user}"));
                let authors: Vec<String> = proposal
                    .get("authors")
                    .and_then(Node::as_seq)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(Node::as_str)
                    .map(github)
                    .collect();
                let shepherd = proposal.get_str("shepherd").map(github).unwrap_or_default();
                html.push_str(&format!(
                    "  <tr>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n      \
                     <td>{}</td>\n      <td>{}</td>\n      <td>{shepherd}</td>\n  </tr>\n",
                    link(&text(proposal, "url"), &text(proposal, "number")),
                    escape(&text(proposal, "title")),
                    escape(&text(proposal, "created_at")),
                    escape(&text(proposal, "updated_at")),
                    docs.join(", "),
                    authors.join(", "),
                ));
            }
            html.push_str("  </tbody>\n</table>\n");
            out.push_piece(html, true, "", file, at);
        }
    }
}

/// The headless bundle an include shortcode reads from.
fn include_bundle(name: &str) -> Option<&'static str> {
    match name {
        "cs-module" => Some("client-server-api/modules"),
        "rver-fragment" => Some("rooms/fragments"),
        _ => None,
    }
}
