//! The prose of today's spec tree: `content/`, Markdown files with YAML front matter, laid
//! out as Hugo lays out a site.
//!
//! - `content/_index.md` is the home page, `content/<section>/_index.md` a section's page,
//!   `content/<path>.md` a page at `<path>/` (URLs lower-cased, as Hugo writes them).
//! - A folder whose `index.md` says `headless: true` is a bundle of fragments, not pages: its
//!   files are only ever included into others (`cs-module`, `rver-fragment`).
//! - Pages of a section are ordered as Hugo orders them: by `weight` (unset last), then by
//!   date (newest first), then by link title, then by path.
//!
//! Loading only reads: every file goes through [`SourceTree::load_relative`], so the limits and
//! the root guard of the data files hold for prose too. Problems are diagnostics.

pub mod config;
pub mod shortcode;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Rule};
use crate::limits::MAX_CONTENT_DEPTH;
use crate::source::{FileId, Node, SourceTree, Span};

/// The front matter keys a page uses.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    /// `title`.
    pub title: String,
    /// `linkTitle`: the navigation's shorter title.
    pub link_title: Option<String>,
    /// `weight`: the order in its section (0 when unset).
    pub weight: i64,
    /// `date`, as written (ISO dates sort as text).
    pub date: Option<String>,
    /// `layout` (`changelog`).
    pub layout: Option<String>,
    /// `description`: a lead paragraph under the title.
    pub description: Option<String>,
    /// `headless`: the folder is a bundle of fragments.
    pub headless: bool,
    /// Room version pages say which version they are (`added-in` compares with it).
    pub version: Option<String>,
    /// `outputs`: the formats of the page besides HTML (`checklist`).
    pub outputs: Vec<String>,
}

/// What kind of page a file makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `content/_index.md`.
    Home,
    /// `content/<path>/_index.md`.
    Section,
    /// Any other `.md` file outside a headless bundle.
    Page,
}

/// One page of the site.
#[derive(Clone, Debug)]
pub struct Page {
    /// The Markdown file.
    pub file: FileId,
    /// Home, section or page.
    pub kind: Kind,
    /// Where it is served, without slashes at either end: `""`, `client-server-api`,
    /// `rooms/v10`.
    pub url: String,
    /// The section it belongs to: the `url` of its section page (`""` for top-level ones).
    pub parent: Option<String>,
    /// Its front matter.
    pub front: FrontMatter,
    /// Byte offset of the body in the file's text (after the front matter).
    pub body_start: usize,
}

impl Page {
    /// The title the navigation shows.
    pub fn link_title(&self) -> &str {
        self.front
            .link_title
            .as_deref()
            .unwrap_or(&self.front.title)
    }

    /// The path of the output file: `rooms/v10/index.html`.
    pub fn output_path(&self) -> String {
        if self.url.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{}/index.html", self.url)
        }
    }
}

/// The whole `content/` tree.
#[derive(Clone, Debug, Default)]
pub struct Content {
    /// Every page, home first, then sorted by URL.
    pub pages: Vec<Page>,
    /// Files of headless bundles by bundle folder and file stem: `client-server-api/modules`
    /// → `account_data` → file and body offset.
    pub bundles: BTreeMap<String, BTreeMap<String, (FileId, usize)>>,
    /// What the site reads of the Hugo configuration (`config.rs`).
    pub config: config::Config,
}

/// The content folder of a spec root.
pub const CONTENT_FOLDER: &str = "content";

/// Whether `tree` has a Markdown content tree (`content/_index.md`).
pub fn detect(tree: &SourceTree) -> bool {
    if tree.layout() == crate::source::Layout::Document {
        return false;
    }
    tree.confine(&format!("{CONTENT_FOLDER}/_index.md"))
        .is_ok_and(|path| path.is_file())
}

impl Content {
    /// Loads every Markdown file under `content/`.
    pub fn load(tree: &mut SourceTree, diagnostics: &mut Vec<Diagnostic>) -> Content {
        let mut content = Content::default();
        let Ok(folder) = tree.confine(CONTENT_FOLDER) else {
            return content;
        };
        content.config = config::read(tree, diagnostics);
        let mut relative_paths = Vec::new();
        let mut too_deep = Vec::new();
        for entry in walkdir::WalkDir::new(&folder)
            .follow_links(false)
            .max_depth(MAX_CONTENT_DEPTH)
            .sort_by_file_name()
        {
            let Ok(entry) = entry else { continue };
            if entry.depth() == MAX_CONTENT_DEPTH && entry.file_type().is_dir() {
                if let Ok(below) = entry.path().strip_prefix(&folder) {
                    too_deep.push(below.to_string_lossy().replace('\\', "/"));
                }
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if !name.ends_with(".md") || entry.file_type().is_dir() {
                continue;
            }
            let Ok(below) = entry.path().strip_prefix(&folder) else {
                continue;
            };
            relative_paths.push(below.to_string_lossy().replace('\\', "/"));
        }
        // Every page's navigation lists the sections above it: pages nested without end
        // would grow with the square of the depth.
        for below in too_deep {
            let relative = format!("{CONTENT_FOLDER}/{below}");
            let file = tree.add_generated(&relative, String::new());
            diagnostics.push(Diagnostic::new(
                Rule::LimitExceeded,
                Span::file_start(file),
                format!(
                    "content/ nests folders more than {MAX_CONTENT_DEPTH} deep; the pages in this folder are left out"
                ),
            ));
        }
        let mut files = Vec::new();
        for below in relative_paths {
            let relative = format!("{CONTENT_FOLDER}/{below}");
            let file = match tree.load_relative(&relative) {
                Ok(file) => file,
                Err(error) => tree.add_unread(&relative, format!("{error}")),
            };
            let problems = &tree.file(file).problems;
            if problems.is_empty() {
                files.push((below, file));
            } else {
                diagnostics.extend(problems.iter().map(Diagnostic::of_parse_problem));
            }
        }
        // Each front matter read once: the bundles' `index.md` say which folders are headless.
        let files: Vec<(String, FileId, FrontMatter, usize)> = files
            .into_iter()
            .map(|(below, file)| {
                let (front, body_start) = front_matter(tree, file, diagnostics);
                (below, file, front, body_start)
            })
            .collect();
        let headless: std::collections::BTreeSet<String> = files
            .iter()
            .filter(|(below, _, front, _)| {
                front.headless && below.ends_with("index.md") && !below.ends_with("_index.md")
            })
            .map(|(below, ..)| {
                below
                    .trim_end_matches("index.md")
                    .trim_end_matches('/')
                    .to_owned()
            })
            .collect();
        for (below, file, front, body_start) in files {
            let folder = below.rsplit_once('/').map_or("", |(folder, _)| folder);
            let stem = below
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            if let Some(bundle) = headless.get(folder) {
                if stem != "index" {
                    content
                        .bundles
                        .entry(bundle.clone())
                        .or_default()
                        .insert(stem.to_owned(), (file, body_start));
                }
                continue;
            }
            let (kind, url) = if below == "_index.md" {
                (Kind::Home, String::new())
            } else if stem == "_index" {
                (Kind::Section, folder.to_lowercase())
            } else if stem == "index" {
                (Kind::Page, folder.to_lowercase())
            } else if folder.is_empty() {
                (Kind::Page, stem.to_lowercase())
            } else {
                (Kind::Page, format!("{folder}/{stem}").to_lowercase())
            };
            if front.title.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Rule::ContentInvalid,
                    Span::file_start(file),
                    "the page has no `title` in its front matter",
                ));
            }
            let parent = match kind {
                Kind::Home => None,
                _ => Some(
                    url.rsplit_once('/')
                        .map_or(String::new(), |(parent, _)| parent.to_owned()),
                ),
            };
            content.pages.push(Page {
                file,
                kind,
                url,
                parent,
                front,
                body_start,
            });
        }
        content
            .pages
            .sort_by(|a, b| (a.kind != Kind::Home, &a.url).cmp(&(b.kind != Kind::Home, &b.url)));
        // Two files for one URL (`rooms.md` and `rooms/_index.md`) would write one page over
        // the other: the first in file order is kept.
        let mut kept: Vec<Page> = Vec::with_capacity(content.pages.len());
        for page in std::mem::take(&mut content.pages) {
            match kept.last() {
                Some(last) if last.url == page.url => diagnostics.push(Diagnostic::new(
                    Rule::ContentInvalid,
                    Span::file_start(page.file),
                    format!(
                        "this page would be served at /{}/ like {}; it is left out",
                        page.url,
                        tree.file(last.file).path
                    ),
                )),
                _ => kept.push(page),
            }
        }
        content.pages = kept;
        content
    }

    /// Adds a page made by the build (the unstable changelog), keeping the URL order.
    pub fn add_page(&mut self, page: Page) {
        let start = usize::from(self.pages.first().is_some_and(|p| p.kind == Kind::Home));
        let at = start + self.pages[start..].partition_point(|p| p.url < page.url);
        self.pages.insert(at, page);
    }

    /// The page served at `url`.
    pub fn page(&self, url: &str) -> Option<&Page> {
        // Pages are sorted by URL after the home page.
        if url.is_empty() {
            return self.pages.first().filter(|p| p.kind == Kind::Home);
        }
        let rest = match self.pages.first() {
            Some(first) if first.kind == Kind::Home => &self.pages[1..],
            _ => &self.pages[..],
        };
        rest.binary_search_by(|page| page.url.as_str().cmp(url))
            .ok()
            .map(|i| &rest[i])
    }

    /// The pages of every section by the section's URL, each list in Hugo's order; built in
    /// one pass, for the navigation of a site of any size.
    pub fn children_by_section(&self) -> BTreeMap<&str, Vec<&Page>> {
        let mut sections: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        for page in &self.pages {
            if let Some(parent) = &page.parent {
                sections.entry(parent.as_str()).or_default().push(page);
            }
        }
        for children in sections.values_mut() {
            children.sort_by(|a, b| hugo_order(a, b));
        }
        sections
    }

    /// The pages directly in the section at `url`, in Hugo's order.
    pub fn children(&self, url: &str) -> Vec<&Page> {
        let mut children: Vec<&Page> = self
            .pages
            .iter()
            .filter(|page| page.parent.as_deref() == Some(url))
            .collect();
        children.sort_by(|a, b| hugo_order(a, b));
        children
    }
}

/// Hugo's default page order: weight (0, unset, last), date newest first, link title, path.
fn hugo_order(a: &Page, b: &Page) -> Ordering {
    let weight = |page: &Page| match page.front.weight {
        0 => i64::MAX,
        w => w,
    };
    weight(a)
        .cmp(&weight(b))
        .then_with(|| b.front.date.cmp(&a.front.date))
        .then_with(|| a.link_title().cmp(b.link_title()))
        .then_with(|| a.url.cmp(&b.url))
}

/// Reads the YAML front matter of `file` (between `---` lines at its start); returns it and
/// the offset where the body starts.
fn front_matter(
    tree: &SourceTree,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> (FrontMatter, usize) {
    let text = &tree.file(file).text;
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (FrontMatter::default(), 0);
    };
    let start = text.len() - rest.len();
    let mut offset = start;
    let mut end = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = end else {
        diagnostics.push(Diagnostic::new(
            Rule::ContentInvalid,
            Span::file_start(file),
            "the front matter starts with `---` but has no closing `---`",
        ));
        return (FrontMatter::default(), 0);
    };
    // Parsed with its offset kept: blank lines in place of the `---`, so lines match the file.
    let yaml = format!("\n{}", &text[start..yaml_end]);
    let (node, problems) = crate::source::yaml::parse(file, &yaml);
    diagnostics.extend(problems.iter().map(Diagnostic::of_parse_problem));
    let front = node
        .map(|node| read_front(&node, file, diagnostics))
        .unwrap_or_default();
    (front, body_start)
}

fn read_front(node: &Node, file: FileId, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    use crate::source::Value;
    let text = |key: &str| {
        node.get(key).and_then(|value| match &value.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            Value::Float(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let weight = match node.get("weight").map(|w| &w.value) {
        None => 0,
        Some(Value::Int(n)) => *n,
        Some(_) => {
            diagnostics.push(Diagnostic::new(
                Rule::ContentInvalid,
                node.get("weight")
                    .map_or(Span::file_start(file), |w| w.span),
                "`weight` must be an integer",
            ));
            0
        }
    };
    FrontMatter {
        title: text("title").unwrap_or_default(),
        link_title: text("linkTitle"),
        weight,
        date: text("date"),
        layout: text("layout"),
        description: text("description"),
        headless: node
            .get("headless")
            .and_then(Node::as_bool)
            .unwrap_or(false),
        version: text("version"),
        outputs: node
            .get("outputs")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(|o| o.as_str().map(str::to_lowercase))
            .collect(),
    }
}
