//! Link checking across the built site: every link to an anchor on the same page or to
//! another page of the build (and an anchor on it) must land. External addresses are not
//! fetched. A link that does not land is a `link-broken` warning at the line that wrote it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Page;
use crate::diagnostic::{Diagnostic, Rule};
use crate::rst::resolve::Resolved;
use crate::rst::{Inline, RefTarget, for_each_inlines};
use crate::source::Span;

/// A link of a page: where it goes and where it is written.
#[derive(Clone, Debug)]
pub struct Link {
    /// The href.
    pub href: String,
    /// Where it is written.
    pub span: Span,
}

/// The links of a resolved page.
pub fn collect(resolved: &Resolved, locate: &dyn Fn(usize) -> Span) -> Vec<Link> {
    let mut collector = Collector {
        resolved,
        locate,
        anonymous: 0,
        links: Vec::new(),
    };
    for_each_inlines(&resolved.document.blocks, &mut |inlines| {
        collector.inlines(inlines)
    });
    collector.links
}

struct Collector<'a> {
    resolved: &'a Resolved,
    locate: &'a dyn Fn(usize) -> Span,
    anonymous: usize,
    links: Vec<Link>,
}

impl Collector<'_> {
    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Reference {
                    target,
                    line,
                    content,
                } => {
                    let href = match target {
                        RefTarget::Url(url) => Some(url.clone()),
                        RefTarget::Name(name) => self.resolved.names.get(name).cloned(),
                        RefTarget::Anonymous(_) => {
                            self.anonymous += 1;
                            self.resolved.anonymous.get(self.anonymous - 1).cloned()
                        }
                        RefTarget::Id(id) => Some(format!("#{id}")),
                    };
                    if let Some(href) = href {
                        self.links.push(Link {
                            href,
                            span: (self.locate)(*line),
                        });
                    }
                    self.inlines(content);
                }
                Inline::Substitution {
                    name,
                    linked: true,
                    line,
                } => {
                    if let Some(href) = self.resolved.names.get(name) {
                        self.links.push(Link {
                            href: href.clone(),
                            span: (self.locate)(*line),
                        });
                    }
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Cite(c) => self.inlines(c),
                _ => {}
            }
        }
    }
}

/// Whether `href` leaves the site (a scheme such as `https:` or `mailto:`).
pub fn external(href: &str) -> bool {
    let scheme = href.split(['/', '#', '?']).next().unwrap_or("");
    scheme.contains(':') || href.starts_with("//")
}

/// Joins a relative `path` onto the folder of `page`.
pub fn join(page: &str, path: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Checks every link of `links` (page path, its links) against the built `pages`, and
/// against the `known` pages of an earlier build of the whole site for pages not built now.
/// When `complete` is false (only some targets were built) and nothing is known, links to
/// pages outside the build are not judged.
pub fn check(
    pages: &[Page],
    links: &[(String, Vec<Link>)],
    complete: bool,
    known: Option<&BTreeMap<String, Vec<String>>>,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|p| (p.path.as_str(), p.ids.iter().map(String::as_str).collect()))
        .collect();
    for (path, page_ids) in known.into_iter().flatten() {
        ids.entry(path.as_str())
            .or_insert_with(|| page_ids.iter().map(String::as_str).collect());
    }
    let complete = complete || known.is_some();
    let mut diagnostics = Vec::new();
    for (page, page_links) in links {
        for link in page_links {
            if external(&link.href) {
                continue;
            }
            let (path, fragment) = link.href.split_once('#').unwrap_or((&link.href, ""));
            let path = if path.is_empty() {
                page.clone()
            } else {
                join(page, path)
            };
            let problem = match ids.get(path.as_str()) {
                None if !complete => None,
                None => Some(format!(
                    "`{}` links to `{path}`, which this build does not have",
                    link.href
                )),
                Some(anchors) if !fragment.is_empty() && !anchors.contains(fragment) => {
                    Some(format!(
                        "`{}` links to `#{fragment}`, which `{path}` does not have",
                        link.href
                    ))
                }
                Some(_) => None,
            };
            if let Some(message) = problem {
                diagnostics.push(Diagnostic::new(Rule::LinkBroken, link.span, message));
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_join_onto_the_page_folder() {
        assert_eq!(
            join("client_server/unstable.html", "../appendices.html"),
            "appendices.html"
        );
        assert_eq!(
            join("index.html", "client_server/unstable.html"),
            "client_server/unstable.html"
        );
        assert!(external("https://matrix.org"));
        assert!(external("mailto:a@b"));
        assert!(!external("../x.html#a:b"));
    }
}
