//! The site of today's spec tree: `content/` Markdown with the spec's Hugo shortcodes, built
//! from the model without Hugo, at the URLs and anchors of spec.matrix.org.
//!
//! Per page, in parallel: `expand.rs` joins the page's Markdown with the fragments it
//! includes and replaces every shortcode by a placeholder for its HTML (made from the model by
//! `operation.rs`, `events.rs` and `schema.rs`), remembering where each byte came from;
//! `crate::markdown` renders the text; the placeholders are swapped for their HTML; `page.rs`
//! puts the navigation, breadcrumb and table of contents around it. After all pages,
//! `crate::render::site::links` judges every link against every page's ids.

mod events;
mod expand;
mod layouts;
mod nav;
mod operation;
mod page;
mod schema;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::Loaded;
use crate::content::{Content, Page};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{EventSchema, Group, NamedSchema, Spec};
use crate::source::{Node, SourceTree, Span};

/// The built site: files by output path, and what went wrong.
#[derive(Debug, Default)]
pub struct Site {
    /// `client-server-api/index.html`, `diagrams/membership.webp`, ... with their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Problems of the prose and of the build.
    pub diagnostics: Vec<Diagnostic>,
}

/// What every page reads: the model, the content tree and the site's data files.
pub struct Data<'a> {
    spec: &'a Spec,
    tree: &'a SourceTree,
    content: &'a Content,
    /// `data/string-formats.yaml`: format id → (title, URL).
    formats: BTreeMap<String, (String, String)>,
    /// Every event example by name, in name order.
    examples: Vec<(&'a str, &'a Node)>,
    /// The tree's own shortcode and partial templates.
    layouts: layouts::Layouts,
}

impl<'a> Data<'a> {
    fn new(
        spec: &'a Spec,
        tree: &'a SourceTree,
        content: &'a Content,
        layouts: layouts::Layouts,
    ) -> Data<'a> {
        let mut examples: Vec<(&str, &Node)> = spec
            .events
            .iter()
            .flat_map(|event| event.examples.iter().map(|e| (e.name.as_str(), &e.value)))
            .collect();
        examples.sort_by(|a, b| a.0.cmp(b.0));
        examples.dedup_by(|a, b| a.0 == b.0);
        let formats = tree
            .data_prefix()
            .and_then(|data| tree.find(&format!("{data}string-formats.yaml")))
            .and_then(|file| tree.file(file).node.clone())
            .and_then(|node| {
                let map = node.as_map()?;
                Some(
                    map.iter()
                        .filter_map(|(id, entry)| {
                            Some((
                                id.to_owned(),
                                (
                                    entry.get_str("title")?.to_owned(),
                                    entry.get_str("url")?.to_owned(),
                                ),
                            ))
                        })
                        .collect(),
                )
            })
            .unwrap_or_default();
        Data {
            spec,
            tree,
            content,
            formats,
            examples,
            layouts,
        }
    }

    fn event(&self, name: &str) -> Option<&'a EventSchema> {
        self.spec.events.iter().find(|e| e.name == name)
    }

    fn group(&self, api: &str, group: &str) -> Option<&'a Group> {
        let api = self.spec.apis.iter().find(|a| a.name == api)?;
        api.groups.iter().find(|g| g.name == group)
    }

    /// A definition by its path below the data folder: `api/server-server/definitions/edu`,
    /// or a schema of another folder of `data/` (`schemas/server-signatures`).
    fn definition(&self, path: &str) -> Option<&'a NamedSchema> {
        let Some(rest) = path.strip_prefix("api/") else {
            return self.spec.data_schemas.iter().find(|d| d.name == path);
        };
        let (api, name) = rest.split_once("/definitions/")?;
        let api = self.spec.apis.iter().find(|a| a.name == api)?;
        api.definitions.iter().find(|d| d.name == name)
    }

    fn core_event(&self, name: &str) -> Option<&'a NamedSchema> {
        self.spec.core_events.iter().find(|e| e.name == name)
    }

    /// A link of `page` written as a path into the content tree, as the page's URL
    /// ([`content_link`]).
    fn page_link(&self, page: &Page, destination: &str) -> Option<String> {
        content_link(page.kind, &page.url, destination, |url| {
            self.content.page(url).map(|page| page.url.clone())
        })
    }
}

/// A link of the page at `page_url` written as a path into the content tree
/// (`client-server-api/#x`, `../index.html#devices`), as the page's URL: Hugo resolves such a
/// destination against the page's folder, then against the content root. `page` gives the URL
/// of the page at a URL, if there is one. Anything else stays as written (`None`).
pub fn content_link(
    kind: crate::content::Kind,
    page_url: &str,
    destination: &str,
    page: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    if destination.starts_with(['#', '/']) || destination.contains(':') {
        return None;
    }
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    let folder = match kind {
        crate::content::Kind::Page => page_url.rsplit_once('/').map_or("", |(f, _)| f),
        _ => page_url,
    };
    // Relative to the page's folder first, then to the content root.
    let candidates = [
        crate::render::site::links::join(&format!("{folder}/-"), path),
        crate::render::site::links::join("", path),
    ];
    let found = candidates.iter().find_map(|joined| {
        let url: Vec<&str> = joined
            .split('/')
            .filter(|part| !matches!(*part, "index.html" | "_index.md" | "index.md"))
            .map(|part| part.trim_end_matches(".md"))
            .collect();
        page(&url.join("/").to_lowercase())
    })?;
    let mut link = nav::href(&found);
    if let Some(fragment) = fragment {
        link.push('#');
        link.push_str(fragment);
    }
    Some(link)
}

/// Writes HTML for one page, collecting the problems of the descriptions it renders.
pub struct Writer<'a> {
    data: &'a Data<'a>,
    page: &'a Page,
    assets: &'a expand::Assets,
    diagnostics: Vec<Diagnostic>,
    /// Links written in the descriptions rendered so far, with where each is.
    links: Vec<(String, Span)>,
    /// What the calls of the tree's shortcodes on the page wrote, by file and offset of the
    /// call, run in parallel before the page is put together.
    prerendered: std::collections::HashMap<(crate::source::FileId, usize), layouts::Outcome>,
}

impl Writer<'_> {
    /// A description as blocks (`<p>...</p>`).
    fn markdown_block(&mut self, text: &str, span: Span) -> String {
        self.description_html(text, span, false)
    }

    /// A description inline when it is one paragraph (Hugo's `markdownify`).
    fn markdown_inline(&mut self, text: &str, span: Span) -> String {
        self.description_html(text, span, true)
    }

    fn description_html(&mut self, text: &str, span: Span, inline: bool) -> String {
        if text.is_empty() {
            return String::new();
        }
        let (text, pieces) = if text.contains("{{") {
            self.expand_description(text, span)
        } else {
            (text.to_owned(), Vec::new())
        };
        let (data, page) = (self.data, self.page);
        let links = |destination: &str| data.page_link(page, destination);
        let rendered = if inline {
            crate::markdown::render_inline(&text, &links)
        } else {
            crate::markdown::render(&text, &mut crate::markdown::Ids::default(), &links)
        };
        let lines = crate::source::lines::LineIndex::new(&text);
        self.report(&rendered.problems, &lines, span);
        for (link, offset) in rendered.links {
            let at = at_line(span, &lines, offset);
            self.links.push((link, at));
        }
        crate::markdown::substitute(&rendered.html, &pieces)
    }

    fn report(
        &mut self,
        problems: &[crate::markdown::Problem],
        lines: &crate::source::lines::LineIndex,
        span: Span,
    ) {
        for problem in problems {
            let at = at_line(span, lines, problem.offset);
            self.diagnostics.push(Diagnostic::new(
                Rule::UnsafeHtml,
                at,
                problem.message.clone(),
            ));
        }
    }
}

/// The page of pending changes (`changelog/unstable/`), when today's changelog sections have
/// fragments: what the spec's `generate-changelog.sh vUNSTABLE` adds to an unstable build.
fn unstable_changelog(
    loaded: &mut Loaded,
    content: &Content,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let sections: Vec<&crate::model::changelog::Changelog> = loaded
        .spec
        .changelogs
        .iter()
        .filter(|c| c.config.section.is_some())
        .collect();
    // Only when something is pending, the site has a changelog section, and the tree has no
    // page of its own there.
    if sections.iter().all(|c| c.fragments.is_empty())
        || content.page("changelog").is_none()
        || content.page("changelog/unstable").is_some()
    {
        return None;
    }
    let config = &sections[0].config;
    let template = config.template.as_deref().and_then(|path| {
        let file = loaded.tree.load_relative(path).ok()?;
        Some((file, loaded.tree.file(file).text.clone()))
    });
    let body = crate::render::changelog::render_sections(
        &sections,
        template.as_ref().map(|t| t.1.as_str()),
    );
    let body = match body {
        Ok(body) => body,
        Err(message) => {
            let span = template.map_or(
                Span::file_start(sections[0].fragments[0].file),
                |(file, _)| Span::file_start(file),
            );
            diagnostics.push(Diagnostic::new(
                Rule::TemplateFailed,
                span,
                format!("the changelog template: {message}"),
            ));
            return None;
        }
    };
    let file = loaded.tree.add_generated("changelogs/unstable.md", body);
    Some(Page {
        file,
        kind: crate::content::Kind::Page,
        url: "changelog/unstable".to_owned(),
        parent: Some("changelog".to_owned()),
        front: crate::content::FrontMatter {
            title: "Changes since last release".to_owned(),
            link_title: Some("Unstable".to_owned()),
            // First among the released changelogs, which have no weight.
            weight: 1,
            layout: Some("changelog".to_owned()),
            outputs: vec!["html".to_owned(), "checklist".to_owned()],
            ..Default::default()
        },
        body_start: 0,
    })
}

/// The line of byte `offset` of a description that starts at `span`.
fn at_line(span: Span, lines: &crate::source::lines::LineIndex, offset: usize) -> Span {
    Span {
        line: span.line + lines.lines_before(offset) as u32,
        ..span
    }
}

/// Builds every page of the content tree of `loaded`'s root.
pub fn build(loaded: &mut Loaded) -> Site {
    let mut diagnostics = Vec::new();
    let mut content = Content::load(&mut loaded.tree, &mut diagnostics);
    if let Some(page) = unstable_changelog(loaded, &content, &mut diagnostics) {
        content.add_page(page);
    }
    let assets = expand::load_assets(&mut loaded.tree, &mut diagnostics);
    let formats = format!(
        "{}string-formats.yaml",
        loaded.tree.data_prefix().unwrap_or_default()
    );
    if let Ok(file) = loaded.tree.load_relative(&formats) {
        let problems = &loaded.tree.file(file).problems;
        diagnostics.extend(problems.iter().map(Diagnostic::of_parse_problem));
    }
    let layouts = layouts::Layouts::load(&mut loaded.tree, &content);
    let tree = &loaded.tree;
    let data = Data::new(&loaded.spec, tree, &content, layouts);
    let nav = nav::Nav::new(&content);
    let built: Vec<page::Built> = content
        .pages
        .par_iter()
        .map(|page| page::build(&data, &nav, page, &assets))
        .collect();
    let mut files = Vec::new();
    let mut pages_ids = Vec::new();
    for page in built {
        diagnostics.extend(page.diagnostics);
        pages_ids.push((page.path.clone(), page.links, page.ids));
        files.push((page.path, page.html.into_bytes()));
        files.extend(page.extra);
    }
    if let Some(html) = page::not_found(&data, &nav, &mut diagnostics) {
        files.push(("404.html".to_owned(), html.into_bytes()));
    }
    files.extend(assets.files);
    let file_paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    diagnostics.extend(page::check_links(&pages_ids, &file_paths));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Site { files, diagnostics }
}
