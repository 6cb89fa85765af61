//! Rules over a whole OpenAPI 3 document, as Redocly's `recommended-strict` has them in
//! today's Matrix spec CI: servers (variables defined and non-empty, no `example.com`, no
//! trailing slash), tags with descriptions, component names, and every operation's summary.

use super::Context;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Group, Spec, SpecFormat};
use crate::source::{Map, Node};

pub(super) fn check(spec: &Spec, cx: &mut Context) {
    for api in &spec.apis {
        for group in &api.groups {
            for endpoint in group.operations() {
                if endpoint
                    .summary
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty())
                {
                    cx.push(Diagnostic::new(
                        Rule::OperationSummaryMissing,
                        endpoint.span,
                        format!(
                            "{} {} has no summary: pages and generated docs title it with one",
                            endpoint.method.upper(),
                            endpoint.path
                        ),
                    ));
                }
            }
            ambiguous_paths(group, cx);
            if group.format != SpecFormat::Swagger2 {
                servers(group, cx);
                tags(group, cx);
                components(group, cx);
            }
        }
    }
}

fn servers(group: &Group, cx: &mut Context) {
    for server in group
        .document
        .get("servers")
        .and_then(Node::as_seq)
        .into_iter()
        .flatten()
    {
        let Some(url) = server.get("url") else {
            continue;
        };
        let Some(text) = url.as_str() else { continue };
        let variables = server.get("variables").and_then(Node::as_map);
        let mut problems = Vec::new();
        for name in super::operations::template_names(text) {
            if variables.is_none_or(|v| v.get(name).is_none()) {
                problems.push(format!("`{{{name}}}` in the server URL has no variable"));
            }
        }
        for (name, variable) in variables.into_iter().flat_map(Map::iter) {
            if variable
                .get("enum")
                .and_then(Node::as_seq)
                .is_some_and(|values| values.is_empty())
            {
                problems.push(format!("server variable `{name}` has an empty `enum`"));
            }
        }
        let host = text.split("://").nth(1).unwrap_or_default();
        let host = host.split(['/', ':']).next().unwrap_or_default();
        if host == "example.com" || host.ends_with(".example.com") {
            problems.push("the server URL points to example.com".into());
        }
        if text.len() > 1 && text.ends_with('/') {
            problems
                .push("the server URL ends with `/`, so every path would start with `//`".into());
        }
        for problem in problems {
            cx.push(Diagnostic::new(Rule::ServerInvalid, url.span, problem));
        }
    }
}

/// How many trie nodes the ambiguity search may visit for one document: a real spec visits
/// about one per segment of each path, a hostile one (every segment templated against many
/// distinct literals) is stopped here.
const MAX_PATH_VISITS: usize = 4_000_000;

/// Two paths of a document that the same request could match, as Redocly's
/// `no-ambiguous-paths` sees it: as many segments and as many templated ones, and equal
/// wherever both are literal (`/a/{x}` and `/{y}/b`). A literal and a template in the same
/// place with fewer templates on one side (`/pets/mine`, `/pets/{id}`) is the usual,
/// unambiguous override.
fn ambiguous_paths(group: &Group, cx: &mut Context) {
    let paths: Vec<(&str, crate::source::Span)> = group
        .endpoints
        .iter()
        .map(|e| (e.path.trim(), e.span))
        .collect();
    let (found, finished) = ambiguities(paths.iter().map(|(path, _)| *path), MAX_PATH_VISITS);
    for (index, earlier) in found {
        let (path, span) = paths[index];
        cx.push(Diagnostic::new(
            Rule::PathAmbiguous,
            span,
            format!("`{path}` and `{earlier}` can match the same request"),
        ));
    }
    if !finished {
        cx.push(Diagnostic::new(
            Rule::LimitExceeded,
            group.document.span,
            format!("comparing the paths for ambiguity took more than {MAX_PATH_VISITS} steps: the rest were not compared"),
        ));
    }
}

/// For each path (by index) that a request for an earlier one could also match, that earlier
/// path, and whether the search finished within `budget` steps. A path repeated is compared
/// once. Each path is looked up in a trie of the paths before it of its shape, so the work
/// grows with the paths, not with their pairs; nothing recurses, however many segments a
/// path has.
fn ambiguities<'p>(
    paths: impl Iterator<Item = &'p str>,
    mut budget: usize,
) -> (Vec<(usize, &'p str)>, bool) {
    let mut tries: rustc_hash::FxHashMap<(usize, usize), PathTrie<'p>> = Default::default();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut found = Vec::new();
    for (index, path) in paths.enumerate() {
        if !seen.insert(path) {
            continue;
        }
        let segments: Vec<&str> = path.split('/').collect();
        let templated = segments.iter().filter(|s| is_template(s)).count();
        let trie = tries.entry((segments.len(), templated)).or_default();
        match trie.find(&segments, &mut budget) {
            Some(Some(earlier)) => found.push((index, earlier)),
            Some(None) => {}
            None => return (found, false),
        }
        trie.insert(&segments, path);
    }
    (found, true)
}

/// Paths of one shape by segment, as an arena of nodes (node 0 the root): literal segments by
/// text, every templated one as one child (only whether a segment is templated matters), and
/// at the end the first path.
struct PathTrie<'p> {
    nodes: Vec<TrieNode<'p>>,
}

#[derive(Default)]
struct TrieNode<'p> {
    literal: rustc_hash::FxHashMap<&'p str, usize>,
    templated: Option<usize>,
    path: Option<&'p str>,
}

impl Default for PathTrie<'_> {
    fn default() -> Self {
        PathTrie {
            nodes: vec![TrieNode::default()],
        }
    }
}

impl<'p> PathTrie<'p> {
    fn insert(&mut self, segments: &[&'p str], path: &'p str) {
        let mut at = 0;
        for segment in segments {
            let fresh = self.nodes.len();
            let node = &mut self.nodes[at];
            let child = if is_template(segment) {
                *node.templated.get_or_insert(fresh)
            } else {
                *node.literal.entry(segment).or_insert(fresh)
            };
            if child == fresh {
                self.nodes.push(TrieNode::default());
            }
            at = child;
        }
        self.nodes[at].path.get_or_insert(path);
    }

    /// The first path here that a request for `segments` could also match (templated
    /// children first, then literal ones in text order, so the path named is the same on
    /// every run); None when `budget` runs out first.
    fn find(&self, segments: &[&str], budget: &mut usize) -> Option<Option<&'p str>> {
        let mut stack = vec![(0usize, 0usize)];
        while let Some((at, depth)) = stack.pop() {
            *budget = budget.checked_sub(1)?;
            let node = &self.nodes[at];
            let Some(segment) = segments.get(depth) else {
                if node.path.is_some() {
                    return Some(node.path);
                }
                continue;
            };
            let mut next: Vec<usize> = Vec::new();
            next.extend(node.templated);
            if is_template(segment) {
                let mut literal: Vec<(&&str, &usize)> = node.literal.iter().collect();
                literal.sort_unstable_by_key(|(text, _)| **text);
                next.extend(literal.into_iter().map(|(_, child)| *child));
            } else {
                next.extend(node.literal.get(segment));
            }
            // Popped in the order pushed reversed: the first child is searched first.
            stack.extend(next.into_iter().rev().map(|child| (child, depth + 1)));
        }
        Some(None)
    }
}

fn is_template(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

fn tags(group: &Group, cx: &mut Context) {
    for tag in group
        .document
        .get("tags")
        .and_then(Node::as_seq)
        .into_iter()
        .flatten()
    {
        if tag
            .get_str("description")
            .is_none_or(|d| d.trim().is_empty())
        {
            let name = tag.get_str("name").unwrap_or("?");
            cx.push(Diagnostic::new(
                Rule::TagDescriptionMissing,
                tag.span,
                format!("tag `{name}` has no description"),
            ));
        }
    }
}

/// Component names are what `$ref`s and generated code name them by: letters, digits and
/// `.-_` only.
fn components(group: &Group, cx: &mut Context) {
    let Some(components) = group.document.get("components").and_then(Node::as_map) else {
        return;
    };
    for (kind, entries) in components.iter() {
        if kind.starts_with("x-") {
            continue;
        }
        let Some(entries) = entries.as_map() else {
            continue;
        };
        // Entries, not names looked up again: a lookup scans the map.
        for entry in &entries.entries {
            let name = entry.key.text.as_str();
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
            if !valid {
                cx.push(Diagnostic::new(
                    Rule::ComponentNameInvalid,
                    entry.key.span,
                    format!(
                        "component name `{name}` in `components/{kind}` may hold only letters, digits, `.`, `-` and `_`"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pairs `ambiguous_paths` reports, as (path, earlier path).
    fn pairs<'p>(paths: &[&'p str], budget: usize) -> (Vec<(&'p str, &'p str)>, bool) {
        let (found, finished) = ambiguities(paths.iter().copied(), budget);
        let named = found
            .into_iter()
            .map(|(i, earlier)| (paths[i], earlier))
            .collect();
        (named, finished)
    }

    #[test]
    fn literals_override_templates_and_crossed_templates_collide() {
        let paths = [
            "/pets/{id}",
            "/pets/mine",
            "/a/{x}",
            "/{y}/b",
            "/{z}/c",
            "/{w}/{v}/d",
            "/a/{x}",
        ];
        assert_eq!(
            pairs(&paths, usize::MAX),
            (vec![("/{y}/b", "/a/{x}"), ("/{z}/c", "/a/{x}")], true)
        );
    }

    #[test]
    fn the_work_grows_with_the_paths_not_their_pairs() {
        let paths: Vec<String> = (0..50_000).map(|i| format!("/r{i}/{{id}}/s{i}")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert_eq!(pairs(&paths, 10 * paths.len()), (Vec::new(), true));
    }

    #[test]
    fn a_hostile_set_runs_out_of_visits() {
        // Later paths start with a template against many distinct literal ones that end
        // differently: each lookup walks the whole trie.
        let mut paths: Vec<String> = (0..2_000).map(|i| format!("/l{i}/{{x}}/m")).collect();
        paths.extend((0..2_000).map(|i| format!("/{{a}}/k{i}/n")));
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        assert!(!pairs(&paths, 100_000).1);
    }

    #[test]
    fn a_path_of_a_million_segments_neither_recurses_nor_overflows() {
        // Same shape, ambiguous only at the end of a million-deep walk of the trie.
        let first = format!("/{{x}}{}", "/a".repeat(1_000_000));
        let second = format!("/a/{{y}}{}", "/a".repeat(999_999));
        let paths = [first.as_str(), second.as_str()];
        assert_eq!(
            pairs(&paths, usize::MAX),
            (vec![(paths[1], paths[0])], true)
        );
    }
}
