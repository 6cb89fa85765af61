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
///
/// Each path is looked up in a trie of the paths before it of its shape, so the work grows
/// with the paths, not with their pairs.
fn ambiguous_paths(group: &Group, cx: &mut Context) {
    let mut tries: rustc_hash::FxHashMap<(usize, usize), PathTrie<'_>> = Default::default();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut budget = MAX_PATH_VISITS;
    for endpoint in &group.endpoints {
        let path = endpoint.path.trim();
        if !seen.insert(path) {
            continue;
        }
        let segments: Vec<&str> = path.split('/').collect();
        let templated = segments.iter().filter(|s| is_template(s)).count();
        let trie = tries.entry((segments.len(), templated)).or_default();
        match trie.find(&segments, &mut budget) {
            Ok(Some(earlier)) => cx.push(Diagnostic::new(
                Rule::PathAmbiguous,
                endpoint.span,
                format!("`{path}` and `{earlier}` can match the same request"),
            )),
            Ok(None) => {}
            Err(OutOfVisits) => {
                cx.push(Diagnostic::new(
                    Rule::LimitExceeded,
                    group.document.span,
                    format!("comparing the paths for ambiguity took more than {MAX_PATH_VISITS} steps: the rest were not compared"),
                ));
                return;
            }
        }
        trie.insert(&segments, path);
    }
}

/// The search's budget ran out.
struct OutOfVisits;

/// Paths of one shape by segment: literal segments by text, every templated one as one
/// child (only whether a segment is templated matters), and at the end the first path.
#[derive(Default)]
struct PathTrie<'p> {
    literal: rustc_hash::FxHashMap<&'p str, PathTrie<'p>>,
    templated: Option<Box<PathTrie<'p>>>,
    path: Option<&'p str>,
}

impl<'p> PathTrie<'p> {
    fn insert(&mut self, segments: &[&'p str], path: &'p str) {
        let Some((first, rest)) = segments.split_first() else {
            self.path.get_or_insert(path);
            return;
        };
        let child = if is_template(first) {
            &mut **self.templated.get_or_insert_with(Default::default)
        } else {
            self.literal.entry(first).or_default()
        };
        child.insert(rest, path);
    }

    /// The first path here that a request for `segments` could also match.
    fn find(&self, segments: &[&str], budget: &mut usize) -> Result<Option<&'p str>, OutOfVisits> {
        *budget = budget.checked_sub(1).ok_or(OutOfVisits)?;
        let Some((first, rest)) = segments.split_first() else {
            return Ok(self.path);
        };
        if let Some(found) = match &self.templated {
            Some(child) => child.find(rest, budget)?,
            None => None,
        } {
            return Ok(Some(found));
        }
        if is_template(first) {
            // Sorted, so the path named is the same on every run.
            let mut children: Vec<_> = self.literal.iter().collect();
            children.sort_unstable_by_key(|(text, _)| **text);
            for (_, child) in children {
                if let Some(found) = child.find(rest, budget)? {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        } else {
            match self.literal.get(first) {
                Some(child) => child.find(rest, budget),
                None => Ok(None),
            }
        }
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

    /// The first earlier path each path is ambiguous with, in order, as `ambiguous_paths`
    /// would report them.
    fn ambiguities<'p>(
        paths: &[&'p str],
        budget: &mut usize,
    ) -> Result<Vec<(&'p str, &'p str)>, OutOfVisits> {
        let mut tries: rustc_hash::FxHashMap<(usize, usize), PathTrie<'p>> = Default::default();
        let mut found = Vec::new();
        for path in paths {
            let segments: Vec<&str> = path.split('/').collect();
            let templated = segments.iter().filter(|s| is_template(s)).count();
            let trie = tries.entry((segments.len(), templated)).or_default();
            if let Some(earlier) = trie.find(&segments, budget)? {
                found.push((*path, earlier));
            }
            trie.insert(&segments, path);
        }
        Ok(found)
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
        ];
        let found = ambiguities(&paths, &mut usize::MAX.clone()).ok().unwrap();
        assert_eq!(found, [("/{y}/b", "/a/{x}"), ("/{z}/c", "/a/{x}")]);
    }

    #[test]
    fn the_work_grows_with_the_paths_not_their_pairs() {
        let paths: Vec<String> = (0..50_000).map(|i| format!("/r{i}/{{id}}/s{i}")).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let mut budget = 10 * paths.len();
        assert!(ambiguities(&paths, &mut budget).ok().unwrap().is_empty());
    }

    #[test]
    fn a_hostile_set_runs_out_of_visits() {
        // Every later path is all templates against many distinct literal ones that end
        // differently: each lookup walks the whole trie.
        let mut paths: Vec<String> = (0..2_000).map(|i| format!("/l{i}/{{x}}/m")).collect();
        paths.extend((0..2_000).map(|i| format!("/{{a}}/k{i}/n")));
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let mut budget = 100_000;
        assert!(ambiguities(&paths, &mut budget).is_err());
    }
}
