//! The navigation around a page: the sidebar tree of every page (Docsy's, with its ids, so
//! `#m-rooms` anchors keep working), the breadcrumb, and the table of contents.

use std::collections::BTreeMap;

use crate::content::{Content, Kind, Page};
use crate::markdown::{Heading, anchorize};
use crate::rst::html::escape;

/// Up to this many pages, every page's sidebar lists every page (as the spec's site does).
const FULL_SIDEBAR_PAGES: usize = 200;

/// A compact sidebar lists at most this many entries of one section.
const MAX_LISTED: usize = 100;

/// A sidebar of every page that would be larger than this is compact too: its size is
/// written again on every page (long `linkTitle`s made 738 MB of pages from 3.8 MB).
const FULL_SIDEBAR_BYTES: usize = 256 * 1024;

/// The most characters of a title a navigation entry shows; a longer one ends in `…`.
const MAX_NAV_TITLE_CHARS: usize = 200;

/// `title` as navigation shows it, cut at [`MAX_NAV_TITLE_CHARS`].
fn nav_title(title: &str) -> String {
    match title.char_indices().nth(MAX_NAV_TITLE_CHARS) {
        Some((end, _)) => format!("{}…", &title[..end]),
        None => title.to_owned(),
    }
}

/// A page in the tree.
struct Entry {
    url: String,
    title: String,
    section: bool,
    children: Vec<Entry>,
}

/// The site's page tree, built once.
pub struct Nav {
    root: Option<Entry>,
    /// A large site shows only the branches leading to the page, each list cut at
    /// [`MAX_LISTED`]: a sidebar of every page on every page grows with the square of the
    /// pages.
    compact: bool,
    /// Title of each page by URL, for breadcrumbs.
    titles: BTreeMap<String, String>,
}

impl Nav {
    pub fn new(content: &Content) -> Nav {
        let children = content.children_by_section();
        fn entry(children: &BTreeMap<&str, Vec<&Page>>, page: &Page) -> Entry {
            let children = match page.kind {
                Kind::Page => Vec::new(),
                Kind::Home | Kind::Section => children
                    .get(page.url.as_str())
                    .into_iter()
                    .flatten()
                    .filter(|child| child.url != page.url)
                    .map(|child| entry(children, child))
                    .collect(),
            };
            Entry {
                url: page.url.clone(),
                title: nav_title(page.link_title()),
                section: page.kind != Kind::Page,
                children,
            }
        }
        // What one full sidebar would weigh: each entry's title, URL and markup.
        let full_bytes: usize = content
            .pages
            .iter()
            .map(|page| nav_title(page.link_title()).len() + page.url.len() + 160)
            .sum();
        Nav {
            root: content.page("").map(|home| entry(&children, home)),
            compact: content.pages.len() > FULL_SIDEBAR_PAGES || full_bytes > FULL_SIDEBAR_BYTES,
            titles: content
                .pages
                .iter()
                .map(|p| (p.url.clone(), nav_title(&p.front.title)))
                .collect(),
        }
    }

    /// The sidebar for the page at `active`.
    pub fn sidebar(&self, active: &str) -> String {
        let mut html = String::from(
            "<nav class=\"td-sidebar-nav\" id=\"td-section-nav\">\n<ul class=\"td-sidebar-nav__section ul-0\">\n",
        );
        if let Some(root) = &self.root {
            write_entry(&mut html, root, active, 1, true, self.compact);
        }
        html.push_str("</ul>\n</nav>\n");
        html
    }

    /// The breadcrumb: every section above the page, and the page.
    pub fn breadcrumb(&self, url: &str) -> String {
        let mut prefixes = vec![String::new()];
        let mut acc = String::new();
        for part in url.split('/').filter(|p| !p.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(part);
            prefixes.push(acc.clone());
        }
        let mut html = String::from(
            "<nav aria-label=\"breadcrumb\" class=\"td-breadcrumbs\">\n<ol class=\"breadcrumb\">\n",
        );
        for prefix in prefixes {
            let Some(title) = self.titles.get(&prefix) else {
                continue;
            };
            let active = prefix == url;
            html.push_str(&format!(
                "<li class=\"breadcrumb-item{}\"{}><a href=\"{}\">{}</a></li>\n",
                if active { " active" } else { "" },
                if active { " aria-current=\"page\"" } else { "" },
                escape(&href(&prefix)),
                escape(title)
            ));
        }
        html.push_str("</ol>\n</nav>\n");
        html
    }
}

/// The URL of a page: `/`, `/rooms/v10/`.
pub fn href(url: &str) -> String {
    if url.is_empty() {
        "/".to_owned()
    } else {
        format!("/{url}/")
    }
}

fn write_entry(
    html: &mut String,
    entry: &Entry,
    active: &str,
    depth: usize,
    root: bool,
    compact: bool,
) {
    let link = href(&entry.url);
    let id = format!("m-{}", anchorize(&link));
    let is_active = entry.url == active;
    let on_path =
        is_active || entry.url.is_empty() || active.starts_with(&format!("{}/", entry.url));
    html.push_str(&format!(
        "<li class=\"td-sidebar-nav__section-title td-sidebar-nav__section {}{}\" id=\"{id}-li\">\n",
        if entry.children.is_empty() { "without-child" } else { "with-child" },
        if on_path { " active-path" } else { "" },
    ));
    html.push_str(&format!(
        "<a href=\"{}\" class=\"td-sidebar-link td-sidebar-link__{}{}{}\" id=\"{id}\"><span{}>{}</span></a>\n",
        escape(&link),
        if entry.section { "section" } else { "page" },
        if root { " tree-root" } else { "" },
        if is_active { " active" } else { "" },
        if is_active { " class=\"td-sidebar-nav-active-item\"" } else { "" },
        escape(&entry.title),
    ));
    if !entry.children.is_empty() && (on_path || !compact) {
        html.push_str(&format!(
            "<ul class=\"ul-{depth}{}\">\n",
            if on_path { "" } else { " collapse" }
        ));
        let on_the_way =
            |child: &&Entry| child.url == active || active.starts_with(&format!("{}/", child.url));
        let mut left_out = 0;
        for (i, child) in entry.children.iter().enumerate() {
            if compact && i >= MAX_LISTED && !on_the_way(&child) {
                left_out += 1;
                continue;
            }
            write_entry(html, child, active, depth + 1, false, compact);
        }
        if left_out > 0 {
            html.push_str(&format!(
                "<li class=\"td-sidebar-nav__more\">… {left_out} more</li>\n"
            ));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</li>\n");
}

/// The table of contents of a page: its headings of levels 2 to 6, nested, numbered.
pub fn toc(title: &str, headings: &[Heading]) -> String {
    let headings: Vec<&Heading> = headings
        .iter()
        .filter(|h| (2..=6).contains(&h.level))
        .collect();
    let mut html = format!(
        "<div id=\"toc\">\n<a id=\"toc-title\" href=\"#\">{}</a>\n<nav id=\"TableOfContents\">\n",
        escape(title)
    );
    // Levels opened so far; each open level has an open <ol> and possibly an open <li>.
    let mut open: Vec<(u8, bool)> = Vec::new();
    for heading in headings {
        while let Some(&(level, item)) = open.last() {
            if level <= heading.level {
                break;
            }
            open.pop();
            if item {
                html.push_str("</li>\n");
            }
            html.push_str("</ol>\n");
        }
        match open.last_mut() {
            Some((level, item)) if *level == heading.level => {
                if *item {
                    html.push_str("</li>\n");
                }
                *item = true;
            }
            _ => {
                html.push_str("<ol>\n");
                open.push((heading.level, true));
            }
        }
        html.push_str(&format!(
            "<li><a href=\"#{}\">{}</a>",
            escape(&heading.id),
            heading.html
        ));
    }
    while let Some((_, item)) = open.pop() {
        if item {
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n");
    }
    html.push_str("</nav>\n</div>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.into(),
            html: id.into(),
        }
    }

    #[test]
    fn toc_nests_by_level() {
        let toc = toc(
            "T",
            &[
                heading(2, "a"),
                heading(3, "b"),
                heading(2, "c"),
                heading(4, "d"),
            ],
        );
        let expected = "<ol>\n<li><a href=\"#a\">a</a><ol>\n<li><a href=\"#b\">b</a></li>\n</ol>\n</li>\n\
                        <li><a href=\"#c\">c</a><ol>\n<li><a href=\"#d\">d</a></li>\n</ol>\n</li>\n</ol>\n";
        assert!(toc.contains(expected), "{toc}");
    }
}
