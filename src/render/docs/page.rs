//! One page: expanded, rendered, placeholders swapped for their HTML, and put in the page
//! template with its navigation; then, over all pages, every link judged (the spec's CI runs
//! htmltest for this).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::expand::Assets;
use super::nav::{self, Nav};
use super::{Data, Writer};
use crate::content::{Kind, Page};
use crate::diagnostic::{Diagnostic, Rule};
use crate::render::site::links;
use crate::source::Span;

/// A page's path, its links with where each is written, and its ids.
pub type PageLinks = (String, Vec<(String, Span)>, Vec<String>);

/// A built page.
pub struct Built {
    pub path: String,
    pub html: String,
    /// Every link of the page's content, with where it is written.
    pub links: Vec<(String, Span)>,
    /// Every id of the page.
    pub ids: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Other outputs of the page: its `checklist.md`.
    pub extra: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize)]
struct Release {
    commit: Option<String>,
    date: Option<String>,
    checklist: Option<String>,
}

#[derive(Serialize, Default)]
struct Context<'a> {
    version: &'a str,
    site_title: &'a str,
    title: &'a str,
    kind: &'a str,
    redirect: Option<String>,
    lead_html: String,
    release: Option<Release>,
    content_html: String,
    sidebar_html: String,
    toc_html: String,
    breadcrumb_html: String,
    css: &'a str,
    /// The id of the title (the 404 page's is `title`).
    title_id: Option<&'a str>,
}

thread_local! {
    static TEMPLATES: crate::render::templates::Templates = crate::render::templates::Templates::new(None);
}

/// Builds `page`.
pub fn build(data: &Data, nav: &Nav, page: &Page, assets: &Assets) -> Built {
    let mut writer = Writer {
        data,
        page,
        assets,
        diagnostics: Vec::new(),
        links: Vec::new(),
        prerendered: Default::default(),
    };
    let expanded = writer.expand();
    let links = |destination: &str| data.page_link(page, destination);
    let rendered =
        crate::markdown::render(&expanded.text, &mut crate::markdown::Ids::default(), &links);
    for problem in &rendered.problems {
        let span = expanded
            .locate(data.tree, problem.offset)
            .unwrap_or(Span::file_start(page.file));
        writer.diagnostics.push(Diagnostic::new(
            Rule::UnsafeHtml,
            span,
            problem.message.clone(),
        ));
    }
    let content_html = crate::markdown::substitute(&rendered.html, &expanded.pieces);
    let lead_html = page
        .front
        .description
        .as_deref()
        .map(|d| writer.markdown_inline(d, Span::file_start(page.file)))
        .unwrap_or_default();
    let mut extra = Vec::new();
    let release = (page.front.layout.as_deref() == Some("changelog")).then(|| {
        let version = page.link_title().to_lowercase();
        // The unstable page links the commit of the tree's own checkout (its `.git`, read
        // as files), when it is one.
        let revision = if version == "unstable" {
            let root = data.tree.root();
            Some(crate::render::git::GitInfo::of(root).revision)
                .filter(|r| !r.is_empty() && root.join(".git").exists())
        } else {
            Some(version)
        };
        let release = Release {
            commit: revision.map(|r| format!("https://github.com/matrix-org/matrix-spec/tree/{r}")),
            date: page.front.date.as_deref().map(long_date),
            checklist: page
                .front
                .outputs
                .iter()
                .any(|o| o == "checklist")
                .then(|| format!("{}checklist.md", nav::href(&page.url))),
        };
        if release.checklist.is_some() {
            let body = &data.tree.file(page.file).text[page.body_start..];
            extra.push((
                format!("{}/checklist.md", page.url),
                checklist(&page.front.title, &release, body).into_bytes(),
            ));
        }
        release
    });
    let redirect = (page.kind == Kind::Section && page.url == "changelog")
        .then(|| {
            data.content
                .children(&page.url)
                .into_iter()
                .filter(|p| p.front.date.is_some())
                .max_by(|a, b| a.front.date.cmp(&b.front.date))
                .map(|newest| nav::href(&newest.url))
        })
        .flatten();
    let context = Context {
        version: env!("CARGO_PKG_VERSION"),
        site_title: data
            .content
            .page("")
            .map_or("Specification", |home| &home.front.title),
        title: &page.front.title,
        kind: match page.kind {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Page => "page",
        },
        redirect,
        lead_html,
        release,
        content_html,
        sidebar_html: nav.sidebar(&page.url),
        toc_html: nav::toc(&page.front.title, &rendered.headings),
        breadcrumb_html: nav.breadcrumb(&page.url),
        css: css(),
        title_id: None,
    };
    let html = render_template(&context, page.file, &mut writer.diagnostics);
    let ids = attributes(&html, "id");
    // Where each link is written: the page's Markdown, or a description in the YAML; links the
    // site makes itself (format names, nested tables) are placed at the page.
    let mut written: HashMap<&str, Span> = HashMap::new();
    for (link, offset) in &rendered.links {
        if let Some(span) = expanded.locate(data.tree, *offset) {
            written.entry(link.as_str()).or_insert(span);
        }
    }
    for (link, span) in &writer.links {
        written.entry(link.as_str()).or_insert(*span);
    }
    let main = html.find("<main").map_or("", |at| &html[at..]);
    let links = attributes(main, "href")
        .into_iter()
        .map(|href| {
            let span = written
                .get(href.as_str())
                .copied()
                .unwrap_or(Span::file_start(page.file));
            (href, span)
        })
        .collect();
    Built {
        path: page.output_path(),
        html,
        links,
        ids,
        diagnostics: writer.diagnostics,
        extra,
    }
}

/// A changelog as a Markdown checklist (the spec's `changelog.checklist.md` layout): every
/// list item becomes a box to tick.
fn checklist(title: &str, release: &Release, body: &str) -> String {
    let mut text = format!("# Matrix Specification {title}\n\n");
    // The unstable changelog (no date) has no table.
    if let Some(date) = &release.date {
        text.push_str("|   |   | \n|---|---|\n");
        if let Some(commit) = &release.commit {
            text.push_str(&format!("| Git commit | {commit} |\n"));
        }
        text.push_str(&format!("| Release date | {date} |\n"));
        text.push('\n');
    }
    text.push_str(&body.trim_start_matches('\n').replace("\n- ", "\n- [ ] "));
    // Hugo's template ends with a line of its own after the content.
    text.push('\n');
    text
}

fn css() -> &'static str {
    crate::render::templates::EMBEDDED
        .iter()
        .find(|(name, _)| *name == "docs.css")
        .map_or("", |(_, css)| css)
}

fn render_template(
    context: &Context,
    file: crate::source::FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    match TEMPLATES.with(|templates| templates.render("docs-page.html", context)) {
        Ok(html) => html,
        Err(error) => {
            diagnostics.push(Diagnostic::new(
                Rule::TemplateFailed,
                Span::file_start(file),
                error.to_string(),
            ));
            String::new()
        }
    }
}

/// The page a server shows for a missing path (`404.html`).
pub fn not_found(data: &Data, nav: &Nav, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let home = data.content.page("")?;
    let context = Context {
        version: env!("CARGO_PKG_VERSION"),
        site_title: &home.front.title,
        title: "Not found",
        kind: "404",
        content_html: format!(
            "<p>This page doesn't exist. Try going back to the <a href=\"/\">main page for the {}</a>.</p>\n",
            crate::rst::html::escape(&home.front.title)
        ),
        sidebar_html: nav.sidebar("\u{0}"),
        css: css(),
        title_id: Some("title"),
        ..Context::default()
    };
    Some(render_template(&context, home.file, diagnostics))
}

/// `2025-03-27` as Hugo's `:date_long` writes it: `March 27, 2025`.
fn long_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.get(..10).unwrap_or(date).split('-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_owned();
    };
    match (month.parse::<usize>(), day.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{} {d}, {year}", MONTHS[m - 1]),
        _ => date.to_owned(),
    }
}

/// The values of attribute `name` in `html`, entities decoded.
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let Some(end) = after.find('"') else { break };
        values.push(decode(&after[..end]));
        rest = &after[end..];
    }
    values
}

/// Decodes the entities an attribute value of ours can hold: the named ones of HTML's
/// syntax and numeric ones (minijinja writes `/` as `&#x2f;`).
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let entity = after
            .find(';')
            .filter(|end| *end <= 10)
            .map(|end| &after[..end]);
        let decoded = entity.and_then(|entity| match entity {
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            _ => {
                let number = entity.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, entity) {
            (Some(c), Some(entity)) => {
                out.push(c);
                rest = &after[entity.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every internal link of every page that names a page or an anchor the site lacks.
pub fn check_links(pages: &[PageLinks], other_files: &[&str]) -> Vec<Diagnostic> {
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|(path, _, ids)| (path.as_str(), ids.iter().map(String::as_str).collect()))
        .collect();
    let mut diagnostics = Vec::new();
    for (path, links, _) in pages {
        for (href, span) in links {
            if links::external(href) || href.starts_with("mailto:") {
                continue;
            }
            let (target, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target_path = if target.is_empty() {
                path.clone()
            } else {
                let joined = join(path, target);
                if other_files.contains(&joined.as_str()) {
                    continue;
                }
                page_file(&joined)
            };
            let Some(page_ids) = ids.get(target_path.as_str()) else {
                diagnostics.push(Diagnostic::new(
                    Rule::LinkBroken,
                    *span,
                    format!("a link on {path} to `{href}`: the site has no page {target_path}"),
                ));
                continue;
            };
            if !fragment.is_empty() && !page_ids.contains(fragment) {
                diagnostics.push(Diagnostic::new(
                    Rule::LinkBroken,
                    *span,
                    format!(
                        "a link on {path} to `{href}`: {target_path} has no anchor `{fragment}`"
                    ),
                ));
            }
        }
    }
    diagnostics
}

/// The site path a link of page `from` names, without `index.html`: `/rooms/v9` →
/// `rooms/v9` (the HTML build's [`links::join`], with absolute paths from the site's root).
fn join(from: &str, target: &str) -> String {
    let target = target.split('?').next().unwrap_or(target);
    match target.strip_prefix('/') {
        Some(absolute) => links::join("", absolute),
        None => links::join(from, target),
    }
}

/// The page file served for a site path: `rooms/v9` → `rooms/v9/index.html`.
fn page_file(path: &str) -> String {
    if path.is_empty() {
        "index.html".to_owned()
    } else if path.ends_with(".html") {
        path.to_owned()
    } else {
        format!("{path}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_output_files() {
        let page = |from, to| page_file(&join(from, to));
        assert_eq!(page("index.html", "/rooms/v9"), "rooms/v9/index.html");
        assert_eq!(
            page("rooms/v10/index.html", "/changelog/v1.14/"),
            "changelog/v1.14/index.html"
        );
        assert_eq!(page("a/index.html", "../b/"), "b/index.html");
        assert_eq!(join("a/index.html", "/diagrams/x.webp"), "diagrams/x.webp");
        assert_eq!(page("a/index.html", "/"), "index.html");
    }

    #[test]
    fn attribute_values_are_decoded() {
        let html = r#"<a href="&#x2f;a&#47;b?x=1&amp;y" id="&lt;&bogus;">"#;
        assert_eq!(attributes(html, "href"), ["/a/b?x=1&y"]);
        assert_eq!(attributes(html, "id"), ["<&bogus;"]);
    }

    #[test]
    fn dates_read_as_hugo_writes_them() {
        assert_eq!(long_date("2025-03-27"), "March 27, 2025");
        assert_eq!(long_date("2021-11-09T00:00:00Z"), "November 9, 2021");
    }
}
