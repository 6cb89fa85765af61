//! Rules over operations: path template parameters and operationIds.

use rustc_hash::FxHashMap as HashMap;

use super::Context;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Endpoint, Method, ParamLocation, Spec};
use crate::source::Span;

pub(super) fn check(spec: &Spec, cx: &mut Context) {
    for (_, _, endpoint) in spec.endpoints() {
        path_parameters(endpoint, cx);
    }
    operation_ids(spec, cx);
    duplicate_endpoints(spec, cx);
    path_whitespace(spec, cx);
    names(spec, cx);
}

/// Names every generated client, page and link takes as they are: an empty one names
/// nothing, a control character breaks the URL, the header or the line it is written in.
fn names(spec: &Spec, cx: &mut Context) {
    let invalid = |span: Span, message: String| Diagnostic::new(Rule::NameInvalid, span, message);
    for (_, _, endpoint) in spec.operations() {
        let what = || {
            format!(
                "{} {}",
                endpoint.method.upper(),
                crate::escape::printable(&endpoint.path)
            )
        };
        if endpoint.path.chars().any(char::is_control) {
            cx.push(invalid(
                endpoint.span,
                format!("the path of {} holds a control character (a line break?), which no URL can carry", what()),
            ));
        }
        if endpoint
            .operation_id
            .as_deref()
            .is_some_and(|id| id.trim().is_empty() || id.chars().any(char::is_control))
        {
            cx.push(invalid(
                endpoint.span,
                format!("the operationId of {} is empty or holds a control character: it names nothing a client or link can use", what()),
            ));
        }
        for parameter in &endpoint.parameters {
            let name = &parameter.name;
            let problem = if name.is_empty() {
                Some("is empty")
            } else if name.chars().any(char::is_control) {
                Some("holds a control character")
            } else if parameter.location == ParamLocation::Header && !is_http_token(name) {
                Some("is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)")
            } else {
                None
            };
            if let Some(problem) = problem {
                cx.push(invalid(
                    parameter.span,
                    format!(
                        "the name of a {} parameter of {} {problem}",
                        parameter.location.key(),
                        what()
                    ),
                ));
            }
        }
    }
}

/// Whether `name` is an HTTP token (RFC 9110, section 5.6.2), as a header name must be.
fn is_http_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// A path key with whitespace around it is sent as part of the URL by every client, so it is
/// an error, except where the API also has the trimmed path with the same method: the Matrix
/// spec writes `"/rooms/{roomId}/invite "` on purpose, as the second form of one POST.
fn path_whitespace(spec: &Spec, cx: &mut Context) {
    for api in &spec.apis {
        let endpoints = || api.groups.iter().flat_map(|g| &g.endpoints);
        let exact: rustc_hash::FxHashSet<(Method, &str)> = endpoints()
            .map(|e| (e.method, e.full_path.as_str()))
            .collect();
        for endpoint in endpoints() {
            let trimmed = endpoint.full_path.trim();
            if trimmed == endpoint.full_path || exact.contains(&(endpoint.method, trimmed)) {
                continue;
            }
            cx.push(Diagnostic::new(
                Rule::PathWhitespace,
                endpoint.span,
                format!(
                    "the path `{}` has whitespace around it, which a client would send as part of the URL (only a second form of an endpoint the API also has without it may)",
                    endpoint.path
                ),
            ));
        }
    }
}

fn duplicate_endpoints(spec: &Spec, cx: &mut Context) {
    for api in &spec.apis {
        let mut seen: HashMap<(Method, &str), Span> = HashMap::default();
        for endpoint in api.groups.iter().flat_map(|g| &g.endpoints) {
            let key = (endpoint.method, endpoint.full_path.as_str());
            match seen.get(&key) {
                Some(first) => cx.push(
                    Diagnostic::new(
                        Rule::EndpointDuplicate,
                        endpoint.span,
                        format!(
                            "{} {} is defined twice in the {} API",
                            endpoint.method.upper(),
                            endpoint.full_path,
                            api.name
                        ),
                    )
                    .with_note(Some(*first), "first defined here"),
                ),
                None => {
                    seen.insert(key, endpoint.span);
                }
            }
        }
    }
}

/// The `{name}` parts of a path template, in order.
pub(crate) fn template_names(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

fn path_parameters(endpoint: &Endpoint, cx: &mut Context) {
    let names = template_names(&endpoint.path);
    let declared: Vec<_> = endpoint
        .parameters
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .collect();
    for name in &names {
        if !declared.iter().any(|p| p.name == *name) {
            cx.push(Diagnostic::new(
                Rule::PathParamUndeclared,
                endpoint.span,
                format!(
                    "{} {}: `{{{name}}}` is in the path but no `in: path` parameter declares it",
                    endpoint.method.upper(),
                    endpoint.path
                ),
            ));
        }
    }
    for param in declared {
        if !names.contains(&param.name.as_str()) {
            cx.push(Diagnostic::new(
                Rule::PathParamUnused,
                param.span,
                format!(
                    "path parameter `{}` does not occur in the path `{}`",
                    param.name, endpoint.path
                ),
            ));
        }
        if !param.required {
            cx.push(Diagnostic::new(
                Rule::PathParamNotRequired,
                param.span,
                format!(
                    "path parameter `{}` must be `required: true`: a path cannot leave it out",
                    param.name
                ),
            ));
        }
    }
}

fn operation_ids(spec: &Spec, cx: &mut Context) {
    // operationId -> (api, span) of its first use.
    let mut across: HashMap<&str, (&str, Span)> = HashMap::default();
    for api in &spec.apis {
        let mut within: HashMap<&str, Span> = HashMap::default();
        for group in &api.groups {
            for endpoint in group.operations() {
                let Some(id) = endpoint.operation_id.as_deref() else {
                    cx.push(Diagnostic::new(
                        Rule::OperationIdMissing,
                        endpoint.span,
                        format!(
                            "{} {} has no operationId",
                            endpoint.method.upper(),
                            endpoint.path
                        ),
                    ));
                    continue;
                };
                if let Some(first) = within.get(id) {
                    cx.push(
                        Diagnostic::new(
                            Rule::OperationIdDuplicate,
                            endpoint.span,
                            format!("operationId `{id}` is used twice in the {} API", api.name),
                        )
                        .with_note(Some(*first), "first used here"),
                    );
                    continue;
                }
                within.insert(id, endpoint.span);
                match across.get(id) {
                    Some((other, first)) if *other != api.name => cx.push(
                        Diagnostic::new(
                            Rule::OperationIdReused,
                            endpoint.span,
                            format!("operationId `{id}` is also used by the {other} API"),
                        )
                        .with_note(Some(*first), "used there"),
                    ),
                    Some(_) => {}
                    None => {
                        across.insert(id, (&api.name, endpoint.span));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::template_names;

    #[test]
    fn template_names_in_order() {
        assert_eq!(
            template_names("/rooms/{roomId}/state/{eventType}/{stateKey}"),
            ["roomId", "eventType", "stateKey"]
        );
        assert!(template_names("/sync").is_empty());
        assert_eq!(template_names("/a/{unclosed"), Vec::<&str>::new());
    }
}
