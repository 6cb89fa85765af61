//! The tree's own Hugo layouts, run by the Go template engine ([`crate::gotemplate`]) with
//! Hugo's functions ([`crate::hugo`]): a shortcode the tree defines in `layouts/_shortcodes/`
//! (or `layouts/shortcodes/`, before Hugo 0.146) is rendered by its own template, with the
//! partials it calls, `site.Data` (every data file of the tree) and `site.Params` (the
//! configuration's `params`).
//!
//! Everything is read once per build, before any page is rendered; a template that does not
//! parse is reported at its line where a page uses it. Executions are bounded ([`Limits`]).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::content::shortcode::Tag;
use crate::content::{Content, Page};
use crate::diagnostic::{Diagnostic, Rule};
use crate::gotemplate::exec::Budget;
use crate::gotemplate::{Limits, TemplateError, Templates, Value};
use crate::source::{FileId, SourceTree, Span};

/// At most this many layout files are read (v1.16 has 51).
const MAX_LAYOUT_FILES: usize = 2_000;

/// mxspec's own stand-ins for the templates of the tree's theme (Docsy, a Hugo module outside
/// the tree), by the name they are registered under: a partial below `theme/` (which
/// `partial` looks in after the tree's folders), any other by its Hugo name. The tree's own
/// template of a name wins.
const THEME: [(&str, &str); 2] = [
    (
        "theme/partials/td/heading-self-link.html",
        include_str!("../../../templates/theme/partials/td/heading-self-link.html"),
    ),
    (
        "_default/_markup/td-heading-self-link.html",
        include_str!("../../../templates/theme/_default/_markup/td-heading-self-link.html"),
    ),
];

/// The folders of `layouts/` whose templates a page's content can reach.
const FOLDERS: [&str; 4] = ["_shortcodes", "shortcodes", "_partials", "partials"];

/// The tree's shortcode and partial templates, parsed, and what `site` gives them.
pub struct Layouts {
    templates: Templates,
    /// Template name (its path below `layouts/`) → the file it was read from.
    files: HashMap<String, FileId>,
    site: Value,
    /// The URL of every page, by itself: where links into the content tree may lead.
    urls: Arc<HashSet<String>>,
    /// The steps every call of the build shares ([`BUILD_STEPS`]).
    budget: Arc<Budget>,
}

/// The steps all the calls of the tree's templates in one build may take together (each call
/// within [`Limits::default`] as well), so that a tree of many calls, each near its own bound,
/// still ends (in a few seconds): v1.16's whole site takes about 5 million.
pub const BUILD_STEPS: u64 = 200_000_000;

/// At most this many `warnf` messages of one shortcode call are reported; the rest are
/// counted in one more.
const MAX_WARNINGS: usize = 10;

/// What a call of a shortcode's template gave: what it wrote, or the error at its line.
pub type Outcome = Result<Rendered, Box<Diagnostic>>;

/// What a shortcode's template wrote, and the `warnf` messages it gave.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The output: Markdown for a `{{% %}}` call, HTML for `{{< >}}`.
    pub text: String,
    /// Warnings, in order.
    pub warnings: Vec<String>,
}

impl Layouts {
    /// Reads every template of the tree's shortcode and partial folders.
    pub fn load(tree: &mut SourceTree, content: &Content) -> Layouts {
        let mut files = Vec::new();
        for relative in template_files(tree) {
            if let Ok(file) = tree.load_relative(&format!("layouts/{relative}")) {
                files.push((relative, file));
            }
        }
        let site = site(tree, content);
        let mut functions = crate::hugo::functions(site.clone());
        let readable = read_files(tree, &files);
        // Hugo's `readFile`, of what was read before any page is rendered.
        functions.insert_closure("readFile", move |_, args| {
            let path = args.first().and_then(Value::as_str).unwrap_or_default();
            readable.get(path).map(|text| Value::str(text.as_str())).ok_or_else(|| {
                format!("readFile {path:?}: mxspec reads the files a layout names as written, in quotes, inside the tree")
            })
        });
        let mut layouts = Layouts {
            templates: Templates::html(functions),
            files: HashMap::new(),
            site,
            urls: Arc::new(content.pages.iter().map(|page| page.url.clone()).collect()),
            budget: Arc::new(Budget::new(BUILD_STEPS)),
        };
        for (name, text) in THEME {
            // They parse (a test says so).
            layouts.templates.add_or_defer(name, text);
        }
        for (relative, file) in files {
            // One that does not parse fails the pages that use it, where they use it: a
            // layout no page needs may call what mxspec does not have.
            layouts
                .templates
                .add_or_defer(&relative, &tree.file(file).text);
            layouts.files.insert(relative, file);
        }
        layouts
    }

    /// The template of shortcode `name`, in Hugo's order of folders.
    pub fn shortcode(&self, name: &str) -> Option<String> {
        ["_shortcodes", "shortcodes"]
            .iter()
            .map(|folder| format!("{folder}/{name}.html"))
            .find(|template| self.files.contains_key(template))
    }

    /// Runs `template` for the call `tag` on `page`, with `inner` as what a paired call
    /// encloses. An error is reported at the template's line, with a note at the call.
    pub fn run(&self, template: &str, tag: &Tag, page: &Page, inner: &str, call: Span) -> Outcome {
        let page = self.page_value(page);
        let shortcode = crate::hugo::Shortcode {
            name: tag.name.clone(),
            params: tag
                .args
                .iter()
                .map(|(key, value)| (key.clone(), Value::str(value.as_str())))
                .collect(),
            inner: inner.to_owned(),
            site: self.site.clone(),
            page: page.clone(),
        };
        let dot = Value::Object(Arc::new(shortcode));
        match self.templates.execute_in(
            template,
            &dot,
            page,
            Limits::default(),
            Some(self.budget.clone()),
        ) {
            Ok(executed) => {
                let mut warnings = executed.reports;
                if warnings.len() > MAX_WARNINGS {
                    let more = warnings.len() - MAX_WARNINGS;
                    warnings.truncate(MAX_WARNINGS);
                    warnings.push(format!(
                        "warnf gave {more} more messages in this call, not shown"
                    ));
                }
                Ok(Rendered {
                    text: executed.text,
                    warnings,
                })
            }
            Err(err) => {
                let at = match self.files.get(&err.template) {
                    Some(file) => span(*file, &err),
                    None => call,
                };
                Err(Box::new(
                    Diagnostic::new(Rule::TemplateFailed, at, err.message).with_note(
                        Some(call),
                        format!("in the `{}` shortcode called here", tag.name),
                    ),
                ))
            }
        }
    }
}

impl Layouts {
    /// The page as its templates see it.
    fn page_value(&self, page: &Page) -> Value {
        let mut params = std::collections::BTreeMap::new();
        params.insert("title".to_owned(), Value::str(page.front.title.as_str()));
        if let Some(version) = &page.front.version {
            params.insert("version".to_owned(), Value::str(version.as_str()));
        }
        if let Some(description) = &page.front.description {
            params.insert("description".to_owned(), Value::str(description.as_str()));
        }
        let (kind, url, urls) = (page.kind, page.url.clone(), self.urls.clone());
        let version = page.front.version.clone();
        // As the page's own descriptions are rendered: alert boxes and version badges, links
        // into the content tree as the site's URLs.
        let render = move |text: &str, block: bool| {
            let (text, pieces, _) = super::expand::description_shortcodes(text, version.as_deref());
            let links = |destination: &str| {
                super::content_link(kind, &url, destination, |candidate| {
                    urls.get(candidate).cloned()
                })
            };
            let rendered = if block {
                crate::markdown::render(&text, &mut Default::default(), &links)
            } else {
                crate::markdown::render_inline(&text, &links)
            };
            crate::markdown::substitute(&rendered.html, &pieces)
        };
        Value::Object(Arc::new(crate::hugo::Page {
            params,
            title: page.front.title.clone(),
            rel_permalink: super::nav::href(&page.url),
            render: crate::hugo::RenderString(Some(Arc::new(render))),
        }))
    }
}

/// The layout files below the folders of [`FOLDERS`], as paths below `layouts/`, sorted.
fn template_files(tree: &SourceTree) -> Vec<String> {
    let mut found = Vec::new();
    for folder in FOLDERS {
        let Ok(path) = tree.confine(&format!("layouts/{folder}")) else {
            continue;
        };
        for entry in walkdir::WalkDir::new(&path)
            .follow_links(false)
            .max_depth(crate::limits::MAX_INCLUDE_DEPTH)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if found.len() >= MAX_LAYOUT_FILES {
                return found;
            }
            let Ok(below) = entry.path().strip_prefix(&path) else {
                continue;
            };
            let Some(below) = below.to_str() else {
                continue;
            };
            if entry.file_type().is_file() && below.ends_with(".html") {
                found.push(format!("{folder}/{}", below.replace('\\', "/")));
            }
        }
    }
    found
}

/// The files the templates name to `readFile` as a quoted path, read (inside the tree, within
/// its bounds on a file's size), by that path.
fn read_files(tree: &mut SourceTree, templates: &[(String, FileId)]) -> HashMap<String, String> {
    let mut paths = std::collections::BTreeSet::new();
    for (_, file) in templates {
        let text = &tree.file(*file).text;
        for (at, _) in text.match_indices("readFile") {
            let rest = text[at + "readFile".len()..].trim_start_matches([' ', '\t']);
            if let Some(quoted) = rest.strip_prefix('"')
                && let Some(end) = quoted.find(['"', '\\', '\n'])
                && quoted[end..].starts_with('"')
            {
                paths.insert(quoted[..end].to_owned());
            }
        }
    }
    let mut read = HashMap::new();
    for path in paths {
        if tree.confine(&path).is_ok_and(|real| real.is_file())
            && let Ok(file) = tree.load_relative(&path)
        {
            read.insert(path, tree.file(file).text.clone());
        }
    }
    read
}

/// Where in `file` a template error is.
fn span(file: FileId, err: &TemplateError) -> Span {
    Span {
        file,
        line: err.pos.line.max(1),
        column: err.pos.column.max(1),
    }
}

/// What `site` gives: `.Data` (every data file, keyed by its path below `data/` without the
/// extension) and `.Params`.
fn site(tree: &SourceTree, content: &Content) -> Value {
    let mut data = std::collections::BTreeMap::new();
    if let Some(prefix) = tree.data_prefix().filter(|prefix| !prefix.is_empty()) {
        for (_, file) in tree.files() {
            let Some(below) = file.path.strip_prefix(prefix) else {
                continue;
            };
            let Some(node) = &file.node else { continue };
            let Some((stem, _)) = below
                .rsplit_once('.')
                .filter(|(_, ext)| matches!(*ext, "yaml" | "yml" | "json"))
            else {
                continue;
            };
            let keys: Vec<&str> = stem.split('/').collect();
            insert(&mut data, &keys, Value::from(&node.to_json()));
        }
    }
    let params = serde_json::to_value(&content.config.params).unwrap_or_default();
    Value::map([
        ("Data".to_owned(), Value::Map(data.into())),
        ("Params".to_owned(), Value::from(&params)),
    ])
}

/// `value` at `keys` of nested maps, made as needed.
fn insert(map: &mut std::collections::BTreeMap<String, Value>, keys: &[&str], value: Value) {
    let Some((first, rest)) = keys.split_first() else {
        return;
    };
    if rest.is_empty() {
        map.insert((*first).to_owned(), value);
        return;
    }
    let mut inner = match map.remove(*first) {
        Some(Value::Map(inner)) => inner.as_ref().clone(),
        _ => Default::default(),
    };
    insert(&mut inner, rest, value);
    map.insert((*first).to_owned(), Value::Map(inner.into()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_theme_stand_ins_parse() {
        for (name, text) in THEME {
            let mut templates = Templates::html(crate::hugo::functions(Value::Nil));
            templates.add(name, text).unwrap();
        }
    }
}
