//! Rules over the shape of schemas: types, enums, arrays, `required`.

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::dialect::{Dialect, metaschema_errors};
use super::examples::Compiled;
use super::{Context, is_swagger2};
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Schema, Spec};
use crate::source::{Node, Value};

/// Checks every schema reachable from the model once; returns how many distinct schema nodes
/// were visited.
pub(super) fn check(spec: &Spec, cx: &mut Context, compiled: &Compiled) -> usize {
    let before = cx.seen.len();
    let mut roots: Vec<(&Node, Dialect)> = Vec::new();
    let mut found: Vec<(&Node, bool)> = Vec::new();
    for api in &spec.apis {
        for group in &api.groups {
            let strict = is_swagger2(group.format);
            let dialect = Dialect::of(group.format);
            for endpoint in group.operations() {
                let schemas = endpoint
                    .parameters
                    .iter()
                    .map(|p| &p.schema)
                    .chain(endpoint.body.iter().map(|b| &b.schema))
                    .chain(endpoint.responses.iter().filter_map(|r| r.schema.as_ref()))
                    .chain(
                        endpoint
                            .responses
                            .iter()
                            .flat_map(|r| r.headers.iter().map(|h| &h.schema)),
                    );
                for schema in schemas {
                    check_tree(schema, strict, dialect, cx, &mut roots, &mut found);
                }
            }
        }
    }
    for event in &spec.events {
        // Event schemas are plain JSON Schema, where type lists and oneOf are legal.
        check_tree(
            &event.schema,
            false,
            Dialect::Draft4,
            cx,
            &mut roots,
            &mut found,
        );
    }
    // Every schema once; `required` may name what an `allOf` sibling defines, wherever the
    // schemas combined are used.
    let siblings = allof_sibling_names(&found);
    for (node, swagger2) in found {
        check_one(node, swagger2, &siblings, cx);
    }
    // The metaschema pass covers a whole tree, so it runs once per distinct root, in parallel;
    // roots the example check compiled (or already reported) are skipped.
    roots.retain(|(node, dialect)| {
        !node
            .shared_identity()
            .is_some_and(|id| compiled.contains(&(id, *dialect)))
    });
    let found: Vec<Vec<Diagnostic>> = roots
        .par_iter()
        .map(|(node, dialect)| metaschema_errors(node, *dialect))
        .collect();
    found.into_iter().flatten().for_each(|d| cx.push(d));
    cx.seen.len() - before
}

fn check_tree<'a>(
    schema: &'a Schema,
    swagger2: bool,
    dialect: Dialect,
    cx: &mut Context,
    roots: &mut Vec<(&'a Node, Dialect)>,
    found: &mut Vec<(&'a Node, bool)>,
) {
    let Some(root) = schema.node.shared_identity() else {
        return;
    };
    if !cx.seen.contains(&root) {
        roots.push((&schema.node, dialect));
    }
    // Each schema node once in the whole run, however many refs share it.
    crate::schema::walk_once(&schema.node, dialect, &mut cx.seen, &mut |node, _| {
        found.push((node, swagger2));
    });
}

/// The property names each member of an `allOf` may require because another member (or the
/// combining schema) defines them, by the member's identity.
type SiblingNames<'a> = HashMap<usize, HashSet<&'a str>>;

fn allof_sibling_names<'a>(found: &[(&'a Node, bool)]) -> SiblingNames<'a> {
    let mut names = SiblingNames::default();
    for (node, _) in found {
        let Some(members) = node.get("allOf").and_then(Node::as_seq) else {
            continue;
        };
        let mut all = HashSet::default();
        collect_properties(node, &mut all, &mut HashSet::default());
        for member in members {
            if let Some(id) = member.shared_identity() {
                names.entry(id).or_default().extend(all.iter().copied());
            }
        }
    }
    names
}

fn check_one(node: &Node, swagger2: bool, siblings: &SiblingNames, cx: &mut Context) {
    let Some(map) = node.as_map() else { return };
    let ty = map.get("type");
    if swagger2 {
        if let Some(ty) = ty.filter(|t| matches!(t.value, Value::Seq(_))) {
            cx.push(Diagnostic::new(
                Rule::TypeList,
                ty.span,
                "a list of types is JSON Schema, not Swagger 2.0; Swagger tools will not read it",
            ));
        }
        for keyword in ["oneOf", "anyOf", "not"] {
            if let Some(entry) = map.entry(keyword) {
                cx.push(Diagnostic::new(
                    Rule::CompositionKeyword,
                    entry.key.span,
                    format!("`{keyword}` is JSON Schema, not Swagger 2.0; Swagger tools will not read it"),
                ));
            }
        }
    }
    if let Some(values) = map.entry("enum") {
        enum_values(&values.value, ty.is_some(), values.key.span, cx);
    }
    let is_array = ty.is_some_and(|t| match &t.value {
        Value::Str(s) => s == "array",
        _ => false,
    });
    if is_array && map.get("items").is_none() {
        cx.push(Diagnostic::new(
            Rule::ArrayItemsMissing,
            node.span,
            "an array schema needs `items`",
        ));
    }
    required_names(node, siblings, cx);
}

fn enum_values(values: &Node, typed: bool, key_span: crate::source::Span, cx: &mut Context) {
    if !typed {
        cx.push(Diagnostic::new(
            Rule::EnumUntyped,
            key_span,
            "an `enum` needs a `type` beside it",
        ));
    }
    let Some(items) = values.as_seq() else {
        cx.push(Diagnostic::new(
            Rule::Structure,
            values.span,
            "`enum` must be a list",
        ));
        return;
    };
    // By the value's JSON text, hashed: a hostile enum may list tens of thousands of values.
    let mut first_of: rustc_hash::FxHashMap<String, &Node> = Default::default();
    for item in items {
        // A value too large to write out (refs that multiply inside an enum) is not compared;
        // example validation reports it where an example meets it.
        let Ok(json) = crate::schema::json::to_json_data(item) else {
            continue;
        };
        let first = *first_of.entry(json.to_string()).or_insert(item);
        if !std::ptr::eq(first, item) {
            cx.push(
                Diagnostic::new(
                    Rule::EnumDuplicate,
                    item.span,
                    "this enum value is listed twice",
                )
                .with_note(Some(first.span), "first listed here"),
            );
        }
    }
}

/// Names in `required` must be properties of the schema or of the schemas it combines.
fn required_names(node: &Node, siblings: &SiblingNames, cx: &mut Context) {
    let Some(required) = node.get("required").and_then(Node::as_seq) else {
        return;
    };
    if node.get("patternProperties").is_some() {
        return;
    }
    // A set: a hostile schema may require and define tens of thousands of names.
    let mut known: HashSet<&str> = Default::default();
    let mut visited = HashSet::default();
    let mut any_properties = collect_properties(node, &mut known, &mut visited);
    for key in ["anyOf", "oneOf"] {
        for part in node.get(key).and_then(Node::as_seq).unwrap_or_default() {
            any_properties |= collect_properties(part, &mut known, &mut visited);
        }
    }
    if let Some(names) = node.shared_identity().and_then(|id| siblings.get(&id)) {
        known.extend(names.iter().copied());
    }
    if !any_properties {
        return;
    }
    for name in required {
        if let Some(text) = name.as_str()
            && !known.contains(&text)
        {
            cx.push(Diagnostic::new(
                Rule::RequiredUnknownProperty,
                name.span,
                format!("`{text}` is required but is not one of the schema's properties"),
            ));
        }
    }
}

/// Adds the property names of `node` and of the schemas it combines with `allOf`, however
/// deeply nested, each shared schema once (`visited`); says whether any `properties` were
/// found.
fn collect_properties<'a>(
    node: &'a Node,
    into: &mut HashSet<&'a str>,
    visited: &mut HashSet<usize>,
) -> bool {
    if node.shared_identity().is_some_and(|id| !visited.insert(id)) {
        return false;
    }
    let mut found = false;
    if let Some(properties) = node.get("properties").and_then(Node::as_map) {
        into.extend(properties.iter().map(|(name, _)| name));
        found = true;
    }
    for part in node.get("allOf").and_then(Node::as_seq).unwrap_or_default() {
        found |= collect_properties(part, into, visited);
    }
    found
}
