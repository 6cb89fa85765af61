//! Rules over a whole OpenAPI 3 document, as Redocly's `recommended-strict` has them in
//! today's Matrix spec CI: servers (variables defined and non-empty, no `example.com`, no
//! trailing slash), tags with descriptions, component names, and every operation's summary.

use super::Context;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Group, Spec, SpecFormat};
use crate::source::{Map, Node, Span};

pub(super) fn check(spec: &Spec, cx: &mut Context) {
    for api in &spec.apis {
        for group in &api.groups {
            for endpoint in &group.endpoints {
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

/// How many path pairs of one shape a document may have compared: far beyond any real spec
/// (today's largest group has a few dozen paths), and a bound for a hostile one.
const MAX_PATH_PAIRS: usize = 1_000_000;

/// Two paths of a document that the same request could match, as Redocly's
/// `no-ambiguous-paths` sees it: as many segments and as many templated ones, and equal
/// wherever both are literal (`/a/{x}` and `/{y}/b`). A literal and a template in the same
/// place with fewer templates on one side (`/pets/mine`, `/pets/{id}`) is the usual,
/// unambiguous override.
fn ambiguous_paths(group: &Group, cx: &mut Context) {
    /// A path, its segments and where its first operation is.
    type Split<'g> = (&'g str, Vec<&'g str>, Span);
    // By (segments, templated segments): only paths of one shape can be ambiguous.
    let mut by_shape: std::collections::BTreeMap<(usize, usize), Vec<Split<'_>>> =
        Default::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for endpoint in &group.endpoints {
        let path = endpoint.path.trim();
        if !seen.insert(path) {
            continue;
        }
        let segments: Vec<&str> = path.split('/').collect();
        let templated = segments.iter().filter(|s| is_template(s)).count();
        by_shape
            .entry((segments.len(), templated))
            .or_default()
            .push((path, segments, endpoint.span));
    }
    let mut compared = 0usize;
    let mut reported = rustc_hash::FxHashSet::default();
    for paths in by_shape.values() {
        for (i, (a, a_segments, a_span)) in paths.iter().enumerate() {
            for (b, b_segments, _) in &paths[..i] {
                compared += 1;
                if compared > MAX_PATH_PAIRS {
                    let span = group.document.span;
                    cx.push(Diagnostic::new(
                        Rule::LimitExceeded,
                        span,
                        format!("more than {MAX_PATH_PAIRS} pairs of paths of one shape: the rest were not compared for ambiguity"),
                    ));
                    return;
                }
                let ambiguous = a_segments
                    .iter()
                    .zip(b_segments)
                    .all(|(x, y)| is_template(x) || is_template(y) || x == y);
                if ambiguous && reported.insert(*a) {
                    cx.push(Diagnostic::new(
                        Rule::PathAmbiguous,
                        *a_span,
                        format!("`{a}` and `{b}` can match the same request"),
                    ));
                }
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
