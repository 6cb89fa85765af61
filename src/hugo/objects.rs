//! Hugo's objects and namespaces: `newScratch` (a map a template may change), `reflect`,
//! `math`, `urls.Parse` (a URL that resolves references as Go's `net/url` does) and `path`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::gotemplate::{Functions, Object, Value};

pub fn add(functions: &mut Functions) {
    functions.insert_fn("newScratch", |_, _| {
        Ok(Value::Object(Arc::new(Scratch::default())))
    });
    functions.insert_fn("reflect", |_, _| Ok(namespace(Namespace::Reflect)));
    functions.insert_fn("math", |_, _| Ok(namespace(Namespace::Math)));
    functions.insert_fn("urls", |_, _| Ok(namespace(Namespace::Urls)));
    functions.insert_fn("path", |_, _| Ok(namespace(Namespace::Path)));
    functions.insert_fn("transform", |_, _| Ok(namespace(Namespace::Transform)));
    functions.insert_fn("resources", |_, _| Ok(namespace(Namespace::Resources)));
}

fn namespace(which: Namespace) -> Value {
    Value::Object(Arc::new(which))
}

/// A namespace of functions called as methods: `reflect.IsMap $x`.
#[derive(Debug, Clone, Copy)]
enum Namespace {
    Reflect,
    Math,
    Urls,
    Path,
    Transform,
    Resources,
}

impl Object for Namespace {
    fn type_name(&self) -> &str {
        match self {
            Namespace::Reflect => "*reflect.Namespace",
            Namespace::Math => "*math.Namespace",
            Namespace::Urls => "*urls.Namespace",
            Namespace::Path => "*path.Namespace",
            Namespace::Transform => "*transform.Namespace",
            Namespace::Resources => "*resources.Namespace",
        }
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let text = |i: usize| args.get(i).and_then(Value::as_str).unwrap_or_default();
        Some(Ok(match (self, name) {
            (Namespace::Reflect, "IsMap") => {
                Value::Bool(matches!(args.first(), Some(Value::Map(_))))
            }
            (Namespace::Reflect, "IsSlice") => {
                Value::Bool(matches!(args.first(), Some(Value::List(_))))
            }
            (Namespace::Math, "Max" | "Min") => {
                let numbers: Option<Vec<f64>> = args.iter().map(number).collect();
                let Some(numbers) = numbers.filter(|n| !n.is_empty()) else {
                    return Some(Err(format!("math.{name} needs numbers")));
                };
                let pick = if name == "Max" { f64::max } else { f64::min };
                Value::Float(numbers.into_iter().reduce(pick).unwrap_or_default())
            }
            (Namespace::Math, "Floor" | "Ceil" | "Round") => {
                let Some(n) = args.first().and_then(number) else {
                    return Some(Err(format!("math.{name} needs a number")));
                };
                Value::Float(match name {
                    "Floor" => n.floor(),
                    "Ceil" => n.ceil(),
                    _ => n.round(),
                })
            }
            // A build reads the tree and nothing else.
            (Namespace::Resources, "GetRemote") => {
                return Some(Err(
                    "resources.GetRemote is refused: a build fetches nothing from the network"
                        .into(),
                ));
            }
            (Namespace::Resources, _) => {
                return Some(Err(format!(
                    "resources.{name} (Hugo's asset pipeline) is not one mxspec has yet"
                )));
            }
            // `transform.Unmarshal [options] text`: JSON or YAML text as data.
            (Namespace::Transform, "Unmarshal") => {
                let text = args.last().map(Value::display).unwrap_or_default();
                match crate::source::yaml::parse(crate::source::FileId(0), &text) {
                    (Some(node), problems) if problems.is_empty() => Value::from(&node.to_json()),
                    (_, problems) => {
                        let why = problems
                            .first()
                            .map_or("it is empty".to_owned(), |p| p.message.clone());
                        return Some(Err(format!(
                            "transform.Unmarshal cannot read the text: {why}"
                        )));
                    }
                }
            }
            (Namespace::Urls, "Parse") => Value::Object(Arc::new(Url::parse(text(0)))),
            (Namespace::Path, "Split") => {
                let (dir, file) = split(text(0));
                Value::map([
                    ("Dir".to_owned(), Value::str(dir)),
                    ("File".to_owned(), Value::str(file)),
                ])
            }
            (Namespace::Path, "Base") => Value::str(base(text(0))),
            (Namespace::Path, "Dir") => Value::str(clean(split(text(0)).0)),
            (Namespace::Path, "Ext") => {
                let base = base(text(0));
                Value::str(base.rfind('.').map_or("", |i| &base[i..]))
            }
            (Namespace::Path, "Join") => {
                let parts: Vec<String> = args
                    .iter()
                    .map(Value::display)
                    .filter(|p| !p.is_empty())
                    .collect();
                Value::str(clean(&parts.join("/")))
            }
            (Namespace::Path, "Clean") => Value::str(clean(text(0))),
            _ => return None,
        }))
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Go's `path.Split`: up to and including the last `/`, and the rest.
fn split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    }
}

/// Go's `path.Base`.
fn base(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if path.is_empty() {
        return ".".into();
    }
    if trimmed.is_empty() {
        return "/".into();
    }
    split(trimmed).1.to_owned()
}

/// Go's `path.Clean`.
fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// A URL as Go's `net/url` parses one (relative references too).
#[derive(Clone, Debug, Default)]
struct Url {
    scheme: String,
    host: Option<String>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl Url {
    fn parse(text: &str) -> Url {
        let mut url = Url::default();
        let (rest, fragment) = match text.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment.to_owned())),
            None => (text, None),
        };
        url.fragment = fragment;
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query.to_owned())),
            None => (rest, None),
        };
        url.query = query;
        let rest = match rest.split_once(':') {
            Some((scheme, rest))
                if !scheme.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
            {
                url.scheme = scheme.to_ascii_lowercase();
                rest
            }
            _ => rest,
        };
        if let Some(authority) = rest.strip_prefix("//") {
            let end = authority.find('/').unwrap_or(authority.len());
            url.host = Some(authority[..end].to_owned());
            url.path = authority[end..].to_owned();
        } else {
            url.path = rest.to_owned();
        }
        url
    }

    /// Go's `URL.ResolveReference`.
    fn resolve(&self, reference: &Url) -> Url {
        let mut url = reference.clone();
        if reference.scheme.is_empty() {
            url.scheme = self.scheme.clone();
        }
        if !reference.scheme.is_empty() || reference.host.is_some() {
            url.path = resolve_path(&reference.path, "");
            return url;
        }
        if reference.path.is_empty() && reference.query.is_none() {
            url.query = self.query.clone();
            if reference.fragment.is_none() {
                url.fragment = self.fragment.clone();
            }
        }
        url.host = self.host.clone();
        url.path = resolve_path(&self.path, &reference.path);
        url
    }

    fn string(&self) -> String {
        let mut out = String::new();
        if !self.scheme.is_empty() {
            out.push_str(&self.scheme);
            out.push(':');
        }
        if let Some(host) = &self.host {
            out.push_str("//");
            out.push_str(host);
        }
        out.push_str(&self.path);
        if let Some(query) = &self.query {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = &self.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }
}

/// Go's `resolvePath`: the reference against the base's folder, dot segments removed, with
/// a leading `/` always.
fn resolve_path(base: &str, reference: &str) -> String {
    let full = if reference.is_empty() {
        base.to_owned()
    } else if !reference.starts_with('/') {
        let folder = base.rfind('/').map_or("", |i| &base[..=i]);
        format!("{folder}{reference}")
    } else {
        reference.to_owned()
    };
    if full.is_empty() {
        return String::new();
    }
    let mut out = String::from("/");
    let mut first = true;
    let mut last = "";
    for elem in full.split('/') {
        last = elem;
        match elem {
            "." => first = false,
            ".." => {
                let written = out[1..].to_owned();
                out = String::from("/");
                match written.rfind('/') {
                    Some(i) => out.push_str(&written[..i]),
                    None => first = true,
                }
            }
            elem => {
                if !first {
                    out.push('/');
                }
                out.push_str(elem);
                first = false;
            }
        }
    }
    if matches!(last, "." | "..") {
        out.push('/');
    }
    if out.len() > 1 && out.as_bytes()[1] == b'/' {
        out.remove(0);
    }
    out
}

impl Object for Url {
    fn type_name(&self) -> &str {
        "*url.URL"
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let optional = |value: &Option<String>| Value::str(value.clone().unwrap_or_default());
        Some(Ok(match name {
            "Scheme" => Value::str(self.scheme.as_str()),
            "Host" => optional(&self.host),
            "Path" => Value::str(self.path.as_str()),
            "RawQuery" => optional(&self.query),
            "Fragment" => optional(&self.fragment),
            "String" => Value::str(self.string()),
            "IsAbs" => Value::Bool(!self.scheme.is_empty()),
            "ResolveReference" => match args.first() {
                Some(Value::Object(other)) => match other.field("String", &[]) {
                    Some(Ok(text)) => {
                        let reference = Url::parse(text.as_str().unwrap_or_default());
                        Value::Object(Arc::new(self.resolve(&reference)))
                    }
                    _ => return Some(Err("ResolveReference needs a URL".into())),
                },
                _ => return Some(Err("ResolveReference needs a URL".into())),
            },
            _ => return None,
        }))
    }

    fn display(&self) -> String {
        self.string()
    }
}

/// What `page` gives where no page is known: one with no front matter.
pub fn page() -> Value {
    Value::Object(Arc::new(Page::default()))
}

/// A page as Hugo's templates see it: `.Params` (its front matter), `.Param`, `.Title`,
/// `.RelPermalink` and `.RenderString`.
#[derive(Debug, Default)]
pub struct Page {
    /// The front matter, by key.
    pub params: BTreeMap<String, Value>,
    /// `title`.
    pub title: String,
    /// The page's URL from the site's root (`/client-server-api/`).
    pub rel_permalink: String,
    /// How the page renders Markdown (`RenderString`, `markdownify`), which the host gives:
    /// its shortcodes and links as the site writes them. Plain Markdown when unset.
    pub render: RenderString,
}

/// The host's rendering of Markdown on a page: text and whether it is a block (`display:
/// block`) to HTML.
#[derive(Clone, Default)]
pub struct RenderString(pub Option<Arc<RenderFn>>);

/// Markdown text, and whether it is a block, to HTML.
pub type RenderFn = dyn Fn(&str, bool) -> String + Send + Sync;

impl std::fmt::Debug for RenderString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "RenderString(the host's)"
        } else {
            "RenderString(plain Markdown)"
        })
    }
}

impl Object for Page {
    fn type_name(&self) -> &str {
        "*hugolib.pageState"
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        Some(Ok(match name {
            "Params" => Value::Map(Arc::new(self.params.clone())),
            "Param" => match args.first().and_then(Value::as_str) {
                Some(key) => self.params.get(key).cloned().unwrap_or(Value::Nil),
                None => return Some(Err("Param needs a key".into())),
            },
            "Title" | "LinkTitle" => Value::str(self.title.as_str()),
            "RelPermalink" => Value::str(self.rel_permalink.as_str()),
            // `RenderString [options] text`: Markdown, a block with `display: block`.
            "RenderString" => {
                let text = args.last().map(Value::display).unwrap_or_default();
                let block = args.len() > 1
                    && matches!(&args[0], Value::Map(options) if options.get("display").and_then(Value::as_str) == Some("block"));
                let html = match &self.render.0 {
                    Some(render) => render(&text, block),
                    None if block => {
                        crate::markdown::render(
                            &text,
                            &mut Default::default(),
                            &crate::markdown::as_written,
                        )
                        .html
                    }
                    None => {
                        crate::markdown::render_inline(&text, &crate::markdown::as_written).html
                    }
                };
                Value::Safe(crate::gotemplate::html::Safe::Html, html.into())
            }
            _ => return None,
        }))
    }
}

/// A shortcode call as its template sees it: `.Params`, `.Get`, `.Inner`, `.Name`, `.Site`,
/// `.Page`.
#[derive(Debug)]
pub struct Shortcode {
    /// The shortcode's name.
    pub name: String,
    /// Its named arguments.
    pub params: BTreeMap<String, Value>,
    /// What it encloses, for a paired shortcode.
    pub inner: String,
    /// What `site` gives.
    pub site: Value,
    /// The page it is on (a [`Page`]); nil where none is known.
    pub page: Value,
}

impl Object for Shortcode {
    fn type_name(&self) -> &str {
        "*hugolib.ShortcodeWithPage"
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        Some(Ok(match name {
            "Params" => Value::Map(Arc::new(self.params.clone())),
            "Get" => match args.first() {
                Some(Value::Str(key)) => self.params.get(&**key).cloned().unwrap_or(Value::Nil),
                _ => Value::Nil,
            },
            "Inner" => Value::str(self.inner.as_str()),
            "Name" => Value::str(self.name.as_str()),
            "Site" => self.site.clone(),
            "Page" if self.page.is_nil() => page(),
            "Page" => self.page.clone(),
            _ => return None,
        }))
    }
}

/// Hugo's `Scratch`: a map that templates change through methods.
#[derive(Debug, Default)]
struct Scratch {
    values: Mutex<BTreeMap<String, Value>>,
}

impl Object for Scratch {
    fn type_name(&self) -> &str {
        "*maps.Scratch"
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let Ok(mut values) = self.values.lock() else {
            return Some(Err("the scratch is poisoned".into()));
        };
        let key = args
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Some(Ok(match (name, args) {
            ("Set", [_, value]) => {
                values.insert(key, value.clone());
                Value::str("")
            }
            ("Get", [_]) => values.get(&key).cloned().unwrap_or(Value::Nil),
            ("Delete", [_]) => {
                values.remove(&key);
                Value::str("")
            }
            ("Add", [_, value]) => {
                let sum = match (values.get(&key), value) {
                    (None, value) => value.clone(),
                    (Some(Value::List(list)), value) => {
                        let mut list = list.as_ref().clone();
                        match value {
                            Value::List(more) => list.extend(more.iter().cloned()),
                            value => list.push(value.clone()),
                        }
                        Value::list(list)
                    }
                    (Some(Value::Int(a)), Value::Int(b)) => Value::Int(a.saturating_add(*b)),
                    (Some(a), b) if number(a).is_some() && number(b).is_some() => {
                        Value::Float(number(a).unwrap_or_default() + number(b).unwrap_or_default())
                    }
                    (Some(a), b) => Value::str(format!("{}{}", a.display(), b.display())),
                };
                values.insert(key, sum);
                Value::str("")
            }
            ("SetInMap", [_, Value::Str(map_key), value]) => {
                let mut map = match values.get(&key) {
                    Some(Value::Map(map)) => map.as_ref().clone(),
                    _ => BTreeMap::new(),
                };
                map.insert(map_key.to_string(), value.clone());
                values.insert(key, Value::Map(map.into()));
                Value::str("")
            }
            ("GetSortedMapValues", [_]) => match values.get(&key) {
                Some(Value::Map(map)) => Value::list(map.values().cloned().collect()),
                _ => Value::Nil,
            },
            ("Values", []) => Value::Map(values.clone().into()),
            (name, args) => {
                return Some(Err(format!(
                    "Scratch.{name} does not take {} arguments",
                    args.len()
                )));
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_as_go_resolves_them() {
        for (base, reference, resolved) in [
            (
                "api/client-server/sync.yaml",
                "definitions/event.yaml",
                "/api/client-server/definitions/event.yaml",
            ),
            (
                "api/client-server/",
                "../../schema/core.yaml#/properties",
                "/schema/core.yaml#/properties",
            ),
            ("https://a/b/c", "/d", "https://a/d"),
            ("a/b", "#frag", "/a/b#frag"),
            ("a/b/", ".", "/a/b/"),
        ] {
            let url = Url::parse(base).resolve(&Url::parse(reference));
            assert_eq!(url.string(), resolved, "{base} + {reference}");
        }
    }

    #[test]
    fn paths_as_go_splits_and_cleans_them() {
        assert_eq!(split("a/b/c.yaml"), ("a/b/", "c.yaml"));
        assert_eq!(clean("a/./b/../c/"), "a/c");
        assert_eq!(clean("/../a"), "/a");
        assert_eq!(base("a/b.yaml"), "b.yaml");
    }
}
