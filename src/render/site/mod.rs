//! `mxspec build --format html`: one self-contained page per target.
//!
//! The prose goes through our RST renderer ([`crate::rst`]); API groups come straight from
//! the model ([`endpoint`]): their placeholder line becomes an `.. mxspec::` directive that
//! is replaced by section blocks after parsing, so endpoints join the document's sections,
//! numbering, table of contents and reference names like any prose section. The other
//! placeholders (events, definitions, changelogs, tables) are filled with the RST the RST
//! build makes and parsed with the prose.
//!
//! Every line keeps its origin (file and line of the prose), so RST problems and broken
//! links are reported where they are written. Links are checked across the whole site once
//! every page is resolved.

pub mod blocks;
pub mod definition;
pub mod endpoint;
pub mod event;
pub mod links;
mod models;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::build::{
    self, Build, BuildError, BuildOptions, RenderedSections, Start, fill_placeholders,
    fix_relative_titles, output_path, placeholder_problem, prepare, render_sections, substitute,
};
use super::concat::Joined;
use super::sections::Sections;
use super::targets::Targets;
use super::templates::{TemplateError, Templates};
use crate::Loaded;
use crate::diagnostic::{Diagnostic, Rule};
use crate::rst::block::{self, Parsed};
use crate::rst::resolve::{self, Resolved};
use crate::rst::{Block, Problem, ProblemKind, html};
use crate::source::{FileId, Span};

/// What `--format html` adds to the build options.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    /// Leave deprecated endpoints out.
    pub hide_deprecated: bool,
    /// The ids of every page of an earlier build of the same site, by page path: a build
    /// of some targets (`only`) judges its links to the other pages against them.
    pub known_pages: Option<std::sync::Arc<BTreeMap<String, Vec<String>>>>,
}

/// One page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The target's name.
    pub target: String,
    /// Where it goes below the output folder (`client_server/unstable.html`).
    pub path: String,
    /// The HTML.
    pub html: String,
    /// The page's title.
    pub title: String,
    /// Every id on the page.
    pub ids: Vec<String>,
    /// The endpoints, events and definitions on the page.
    pub shown: Shown,
    /// The prose files the page is made of (root-relative), in order.
    pub sources: Vec<String>,
}

/// The pages of a build and its problems.
#[derive(Debug, Default)]
pub struct Site {
    /// Pages in target order.
    pub pages: Vec<Page>,
    /// Problems: RST, placeholders, links.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a model text (a description) into the document being built, at the placeholder's
/// line, or at the place in the spec the text comes from.
pub struct Fragments<'p> {
    parsed: &'p mut Parsed,
    substitutions: &'p BTreeMap<String, String>,
    /// The line of the placeholder the blocks stand for.
    pub line: usize,
    /// The first line number this placeholder's fragments may give a place of their own
    /// (see [`ORIGIN_LINES`]), and the places given so far.
    origin_base: usize,
    origins: Vec<Span>,
}

/// Line numbers from here on are not lines of the page: a description's blocks carry one
/// such number per description, which [`Fragments::origins`] maps to the YAML place it came
/// from, so a problem in a description is reported there, not at the prose placeholder.
/// Each placeholder of a page gets [`ORIGINS_PER_PLACEHOLDER`] of them.
pub const ORIGIN_LINES: usize = 1 << 40;
/// See [`ORIGIN_LINES`].
pub const ORIGINS_PER_PLACEHOLDER: usize = 1 << 20;

impl<'p> Fragments<'p> {
    /// Fragments of the placeholder at `line`, the `index`-th of its page.
    pub fn new(
        parsed: &'p mut Parsed,
        substitutions: &'p BTreeMap<String, String>,
        line: usize,
        index: usize,
    ) -> Fragments<'p> {
        Fragments {
            parsed,
            substitutions,
            line,
            origin_base: ORIGIN_LINES + index * ORIGINS_PER_PLACEHOLDER,
            origins: Vec::new(),
        }
    }

    /// The blocks of an RST fragment; its problems are reported at the placeholder.
    pub fn blocks(&mut self, text: &str) -> Vec<Block> {
        let text = substitute(text, self.substitutions);
        block::parse_fragment(&text, self.line, self.parsed)
    }

    /// The blocks of an RST fragment written at `origin` in the spec; its problems are
    /// reported there.
    pub fn blocks_at(&mut self, text: &str, origin: Span) -> Vec<Block> {
        if self.origins.len() + 1 >= ORIGINS_PER_PLACEHOLDER {
            return self.blocks(text);
        }
        let line = self.origin_base + self.origins.len();
        self.origins.push(origin);
        let text = substitute(text, self.substitutions);
        block::parse_fragment(&text, line, self.parsed)
    }

    /// The places of the fragments given one, by their line number.
    pub fn origins(&self) -> impl Iterator<Item = (usize, Span)> + '_ {
        let base = self.origin_base;
        self.origins
            .iter()
            .enumerate()
            .map(move |(i, span)| (base + i, *span))
    }
}

/// A target's text after placeholders, with the joined line each line comes from.
struct Expanded {
    text: String,
    origins: Vec<usize>,
}

/// Builds the HTML pages.
pub fn build(
    loaded: &mut Loaded,
    options: &BuildOptions,
    site: &SiteOptions,
) -> Result<Site, BuildError> {
    prepare(loaded, options, |start, sections, templates| {
        // Endpoints, events and definitions come from the model; the other sections are
        // the RST build's.
        let rendered = render_sections(sections, &start.chosen, |name| {
            sections.model(name).is_none()
        });
        let built = finish(
            &start.targets,
            &start.chosen,
            sections,
            templates,
            &rendered,
            options,
            site,
        );
        let mut diagnostics = start.diagnostics;
        diagnostics.extend(built.diagnostics);
        Site {
            pages: built.pages,
            diagnostics,
        }
    })
}

/// `--format all`: the RST documents and the HTML pages, sharing the joined targets and the
/// sections both need, made side by side.
pub fn build_all(
    loaded: &mut Loaded,
    options: &BuildOptions,
    site: &SiteOptions,
) -> Result<(Build, Site), BuildError> {
    prepare(loaded, options, |start, sections, templates| {
        let Start {
            targets,
            chosen,
            diagnostics,
        } = start;
        // The pages need only the sections that are not from the model; the RST sections of
        // endpoints, events and definitions are the RST documents' alone, so they are made
        // while the pages are.
        let shared = render_sections(sections, &chosen, |name| sections.model(name).is_none());
        let ((documents, problems), pages) = rayon::join(
            || {
                let own = render_sections(sections, &chosen, |name| sections.model(name).is_some());
                build::finish(&targets, &chosen, sections, &[&own, &shared], options)
            },
            || {
                finish(
                    &targets, &chosen, sections, templates, &shared, options, site,
                )
            },
        );
        let mut rst_diagnostics = diagnostics.clone();
        rst_diagnostics.extend(problems);
        let mut site_diagnostics = diagnostics;
        site_diagnostics.extend(pages.diagnostics);
        (
            Build {
                documents,
                diagnostics: rst_diagnostics,
            },
            Site {
                pages: pages.pages,
                diagnostics: site_diagnostics,
            },
        )
    })
}

/// The pages of the chosen targets, the RST sections they show rendered.
#[allow(clippy::too_many_arguments)]
fn finish(
    targets: &Targets,
    chosen: &[(usize, Joined, String)],
    sections: &Sections<'_>,
    templates: &Templates,
    rendered: &RenderedSections,
    options: &BuildOptions,
    site: &SiteOptions,
) -> Site {
    let mut diagnostics = Vec::new();
    let css = match templates.render("site.css", ()) {
        Ok(css) => css,
        Err(err) => {
            let span = targets
                .targets
                .first()
                .map_or(Span::file_start(FileId(0)), |t| t.span);
            diagnostics.push(Diagnostic::new(Rule::TemplateFailed, span, err.to_string()));
            String::new()
        }
    };
    type Result = (
        std::result::Result<Page, Diagnostic>,
        Vec<Diagnostic>,
        Vec<links::Link>,
    );
    // The largest page first, so that it does not start last and keep one core busy alone.
    let mut order: Vec<usize> = (0..chosen.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(chosen[i].1.text.len()));
    let mut results: Vec<(usize, Result)> = order
        .into_par_iter()
        .map(|i| (i, &chosen[i]))
        .map(|(i, (index, joined, label))| {
            let target = &targets.targets[*index];
            let mut problems = Vec::new();
            let expanded = expand(joined, |name| {
                if sections.model(name).is_some() {
                    return Some(format!(".. mxspec:: {name}"));
                }
                match &rendered[&(name.to_owned(), label.clone())] {
                    Ok(text) => Some(text.clone()),
                    Err(err) => {
                        problems.push(placeholder_problem(sections.tree(), target, name, err));
                        None
                    }
                }
            });
            let text = substitute(&expanded.text, &options.substitutions);
            let text = fix_relative_titles(&text, &targets.title_styles, targets.relative);
            let mut parsed = block::parse(&text);
            let mut blocks = std::mem::take(&mut parsed.document.blocks);
            let (shown, origins) = models::fill(
                &mut blocks,
                sections,
                site,
                &mut parsed,
                &options.substitutions,
            );
            parsed.document.blocks = blocks;
            let resolved = resolve::resolve(&mut parsed);
            let locate = |line: usize| locate(joined, &expanded, &origins, line, target.span);
            problems.extend(parsed.problems.iter().map(|p| problem(p, locate(p.line))));
            let version_label = target.version_label.as_ref().map(|_| label.as_str());
            let path = html_path(&output_path(target, version_label));
            let links = links::collect(&resolved, &locate);
            // `.. title::` names the page; else the document title does, else the target.
            let title = parsed
                .title
                .clone()
                .or_else(|| html::title(&resolved))
                .unwrap_or_else(|| target.name.clone());
            let page = page(
                templates,
                &css,
                &resolved,
                shown,
                title,
                target.name.clone(),
                path,
            );
            let sources = joined
                .files
                .iter()
                .map(|(_, file)| sections.tree().file(*file).path.clone())
                .collect();
            let page = page
                .map(|page| Page { sources, ..page })
                .map_err(|err| Diagnostic::new(Rule::TemplateFailed, target.span, err.to_string()));
            (i, (page, problems, links))
        })
        .collect();
    results.sort_unstable_by_key(|(i, _)| *i);
    let mut pages = Vec::new();
    let mut all_links = Vec::new();
    for (_, (page, problems, page_links)) in results {
        diagnostics.extend(problems);
        let page = match page {
            Ok(page) => page,
            Err(failed) => {
                diagnostics.push(failed);
                continue;
            }
        };
        all_links.push((page.path.clone(), page_links));
        pages.push(page);
    }
    let complete = options.only.is_empty();
    if complete && !pages.is_empty() && !pages.iter().any(|p| p.path == INDEX) {
        match index_page(templates, &css, &pages) {
            Ok(index) => pages.push(index),
            Err(err) => diagnostics.push(Diagnostic::new(
                Rule::TemplateFailed,
                targets.targets[chosen[0].0].span,
                err.to_string(),
            )),
        }
    }
    diagnostics.extend(links::check(
        &pages,
        &all_links,
        complete,
        site.known_pages.as_deref(),
    ));
    Site { pages, diagnostics }
}

/// What the page template gets as `body`: the body itself is put in its place afterwards,
/// because passing a page's megabytes through the template engine costs more than the rest
/// of writing it.
const BODY_SENTINEL: &str = "\u{1}mxspec-body\u{1}";

/// The rendered page with `body` in place of the sentinel (wherever the template put it).
fn splice_body(rendered: &str, body: &str) -> String {
    let mut out = String::with_capacity(rendered.len() + body.len());
    let mut parts = rendered.split(BODY_SENTINEL);
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str(body);
        out.push_str(part);
    }
    out
}

/// Where the index page goes.
const INDEX: &str = "index.html";

/// A page listing the others, for a build whose targets have no `index` of their own.
fn index_page(templates: &Templates, css: &str, pages: &[Page]) -> Result<Page, TemplateError> {
    let title = "Contents";
    let mut body =
        format!("<h1 class=\"title\" id=\"contents\">{title}</h1>\n<ul class=\"documents\">\n");
    for page in pages {
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <code>{}</code></li>\n",
            html::escape(&page.path),
            html::escape(&page.title),
            html::escape(&page.path)
        ));
    }
    body.push_str("</ul>\n");
    let context = minijinja::context! {
        title,
        css,
        body,
        index => Vec::<IndexView<'_>>::new(),
        version => env!("CARGO_PKG_VERSION"),
    };
    Ok(Page {
        target: "index".into(),
        path: INDEX.into(),
        html: templates.render("page.html", context)?,
        title: title.into(),
        ids: vec!["contents".into()],
        shown: Shown::default(),
        sources: Vec::new(),
    })
}

/// `client_server/unstable.rst` to `client_server/unstable.html`.
fn html_path(rst_path: &str) -> String {
    format!("{}.html", rst_path.strip_suffix(".rst").unwrap_or(rst_path))
}

/// Fills placeholders line by line, keeping each output line's origin.
fn expand(joined: &Joined, mut section: impl FnMut(&str) -> Option<String>) -> Expanded {
    let mut text = String::with_capacity(joined.text.len() * 2);
    let mut origins = Vec::new();
    for (index, line) in joined.text.split_inclusive('\n').enumerate() {
        let filled = if line.contains("{{") {
            std::borrow::Cow::Owned(fill_placeholders(line, &mut section))
        } else {
            std::borrow::Cow::Borrowed(line)
        };
        let count = filled.matches('\n').count() + usize::from(!filled.ends_with('\n'));
        origins.extend(std::iter::repeat_n(index, count));
        text.push_str(&filled);
        if !filled.ends_with('\n') {
            text.push('\n');
        }
    }
    Expanded { text, origins }
}

/// The prose file and line that line `line` of the expanded text comes from.
fn locate(
    joined: &Joined,
    expanded: &Expanded,
    origins: &BTreeMap<usize, Span>,
    line: usize,
    fallback: Span,
) -> Span {
    if let Some(span) = origins.get(&line) {
        return *span;
    }
    expanded
        .origins
        .get(line)
        .and_then(|&joined_line| joined.origin(joined_line))
        .map_or(fallback, |(file, line): (FileId, u32)| Span {
            file,
            line,
            column: 1,
        })
}

fn problem(problem: &Problem, span: Span) -> Diagnostic {
    let rule = match problem.kind {
        ProblemKind::Malformed => Rule::RstMalformed,
        ProblemKind::UnknownDirective => Rule::RstUnknownDirective,
        ProblemKind::UndefinedName => Rule::RstUndefinedName,
        ProblemKind::Suspicious => Rule::RstSuspicious,
        ProblemKind::Limit => Rule::LimitExceeded,
        ProblemKind::Unsafe => Rule::UnsafeHtml,
    };
    Diagnostic::new(rule, span, problem.message.clone())
}

/// What the model sections of a page show.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    /// Endpoints, in order.
    pub endpoints: Vec<endpoint::IndexEntry>,
    /// Event schema names, in order.
    pub events: Vec<String>,
    /// Definition placeholder names, in order.
    pub definitions: Vec<String>,
}

#[derive(Serialize)]
struct IndexView<'a> {
    method: &'a str,
    path: &'a str,
    summary: &'a str,
    deprecated: bool,
    id: &'a str,
}

fn page(
    templates: &Templates,
    css: &str,
    resolved: &Resolved,
    shown: Shown,
    title: String,
    target: String,
    path: String,
) -> Result<Page, TemplateError> {
    let body = html::body(resolved);
    let index: Vec<IndexView<'_>> = shown
        .endpoints
        .iter()
        .map(|e| IndexView {
            method: &e.method,
            path: &e.path,
            summary: &e.summary,
            deprecated: e.deprecated,
            id: &e.id,
        })
        .collect();
    let context = minijinja::context! {
        title => &title,
        css,
        body => BODY_SENTINEL,
        index,
        version => env!("CARGO_PKG_VERSION"),
    };
    let html = splice_body(&templates.render("page.html", context)?, &body);
    let mut ids: Vec<String> = resolved.ids.iter().cloned().collect();
    ids.sort_unstable();
    Ok(Page {
        target,
        path,
        html,
        title,
        ids,
        shown,
        sources: Vec::new(),
    })
}
