//! Where a `$ref` may stand (Redocly's `spec-strict-refs`, an error in today's Matrix spec
//! CI): OpenAPI lets a reference replace a schema, response, parameter, request body, example,
//! header, security scheme, link, callback or path item, and nothing else; a `$ref` in place of
//! a schema's `properties` map, a media type or the `info` object is one no tool has to follow.
//!
//! The documents are walked as written (before resolution), each object knowing what the
//! specification says it is; a reference in an allowed place is followed into its file with
//! the same kind, once per target. OpenAPI 3 documents only: Swagger 2.0 documents as the 2019
//! toolchain wrote them reference whole operations by design.

use rustc_hash::FxHashSet;

use super::Context;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::{Spec, SpecFormat};
use crate::source::{FileId, Node, SourceTree};

/// What an object is, by the specification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Root,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    MediaType,
    Schema,
    Response,
    Header,
    Example,
    SecurityScheme,
    Link,
    Callback,
    Components,
    /// A map or list whose entries are `Kind` (the map itself may not be a reference).
    MapOf(&'static Kind),
    ListOf(&'static Kind),
    /// Anything else (`info`, `servers`, tags, extensions): only its own `$ref` matters.
    Other,
}

use Kind::*;

impl Kind {
    /// Whether a `$ref` may stand for an object of this kind.
    fn refable(self) -> bool {
        matches!(
            self,
            PathItem
                | Parameter
                | RequestBody
                | Schema
                | Response
                | Header
                | Example
                | SecurityScheme
                | Link
                | Callback
        )
    }

    fn name(self) -> &'static str {
        match self {
            Root => "the document",
            PathItem => "a path item",
            Operation => "an operation",
            Parameter => "a parameter",
            RequestBody => "a request body",
            MediaType => "a media type",
            Schema => "a schema",
            Response => "a response",
            Header => "a header",
            Example => "an example",
            SecurityScheme => "a security scheme",
            Link => "a link",
            Callback => "a callback",
            Components => "`components`",
            MapOf(Schema) => "a map of schemas (`properties`, `$defs`)",
            MapOf(MediaType) => "a `content` map",
            MapOf(_) => "a map of objects",
            ListOf(_) => "a list of objects",
            Other => "this object",
        }
    }
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub(super) fn check(spec: &Spec, tree: &SourceTree, cx: &mut Context) {
    for api in &spec.apis {
        for group in &api.groups {
            // Swagger 2.0 documents as the 2019 toolchain wrote them reference whole
            // operations by design; the rule is today's spec CI's, for OpenAPI 3.
            if group.format == SpecFormat::Swagger2 {
                continue;
            }
            let Some(raw) = tree.file(group.file).node.as_deref() else {
                continue;
            };
            let mut walk = Walk {
                tree,
                seen: FxHashSet::default(),
                cx,
            };
            walk.node(raw, Root, group.file, 0);
        }
    }
}

struct Walk<'a, 'c> {
    tree: &'a SourceTree,
    /// (file, node address, kind) already walked: a target used many times is walked once.
    seen: FxHashSet<(u32, usize, Kind)>,
    cx: &'c mut Context,
}

impl Walk<'_, '_> {
    fn node(&mut self, node: &Node, kind: Kind, file: FileId, depth: usize) {
        // Documents nest far less; the bound keeps a hostile one from the stack.
        if depth > crate::limits::MAX_RESOLVED_DEPTH {
            return;
        }
        let Some(map) = node.as_map() else {
            if let (ListOf(inner), Some(items)) = (kind, node.as_seq()) {
                for item in items {
                    self.node(item, *inner, file, depth + 1);
                }
            }
            return;
        };
        if !self
            .seen
            .insert((file.0, node as *const Node as usize, kind))
        {
            return;
        }
        if let Some(reference) = map.get("$ref") {
            if !kind.refable() {
                let span = map
                    .entries
                    .iter()
                    .find(|e| e.key.text == "$ref")
                    .map_or(reference.span, |e| e.key.span);
                self.cx.push(Diagnostic::new(
                    Rule::RefMisplaced,
                    span,
                    format!(
                        "`$ref` stands for {} here, which OpenAPI does not let a reference replace (Redocly's spec-strict-refs)",
                        kind.name()
                    ),
                ));
                return;
            }
            let tree = self.tree;
            if let Some((target_file, target)) =
                target(tree, file, reference.as_str().unwrap_or(""))
            {
                self.node(target, kind, target_file, depth + 1);
            }
            // Siblings of a schema's `$ref` are schema keywords (OpenAPI 3.1).
            if kind != Schema {
                return;
            }
        }
        let child = |key: &str| map.get(key);
        let visit = |walk: &mut Self, key: &str, kind: Kind| {
            if let Some(value) = child(key) {
                walk.node(value, kind, file, depth + 1);
            }
        };
        match kind {
            Root => {
                visit(self, "paths", MapOf(&PathItem));
                visit(self, "webhooks", MapOf(&PathItem));
                visit(self, "components", Components);
                for key in ["info", "servers", "tags", "externalDocs", "security"] {
                    visit(self, key, Other);
                }
            }
            Components => {
                visit(self, "schemas", MapOf(&Schema));
                visit(self, "responses", MapOf(&Response));
                visit(self, "parameters", MapOf(&Parameter));
                visit(self, "examples", MapOf(&Example));
                visit(self, "requestBodies", MapOf(&RequestBody));
                visit(self, "headers", MapOf(&Header));
                visit(self, "securitySchemes", MapOf(&SecurityScheme));
                visit(self, "links", MapOf(&Link));
                visit(self, "callbacks", MapOf(&Callback));
                visit(self, "pathItems", MapOf(&PathItem));
            }
            PathItem => {
                for method in METHODS {
                    visit(self, method, Operation);
                }
                visit(self, "parameters", ListOf(&Parameter));
                visit(self, "servers", Other);
            }
            Operation => {
                visit(self, "parameters", ListOf(&Parameter));
                visit(self, "requestBody", RequestBody);
                visit(self, "responses", MapOf(&Response));
                visit(self, "callbacks", MapOf(&Callback));
                visit(self, "servers", Other);
            }
            Parameter | Header => {
                visit(self, "schema", Schema);
                visit(self, "content", MapOf(&MediaType));
                visit(self, "examples", MapOf(&Example));
                visit(self, "items", Schema);
            }
            RequestBody => visit(self, "content", MapOf(&MediaType)),
            MediaType => {
                visit(self, "schema", Schema);
                visit(self, "examples", MapOf(&Example));
            }
            Response => {
                visit(self, "headers", MapOf(&Header));
                visit(self, "content", MapOf(&MediaType));
                visit(self, "links", MapOf(&Link));
                visit(self, "schema", Schema);
                visit(self, "examples", Other);
            }
            Callback => {
                for (_, item) in map.iter() {
                    self.node(item, PathItem, file, depth + 1);
                }
            }
            Schema => {
                for key in [
                    "properties",
                    "patternProperties",
                    "$defs",
                    "definitions",
                    "dependentSchemas",
                ] {
                    visit(self, key, MapOf(&Schema));
                }
                for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
                    visit(self, key, ListOf(&Schema));
                }
                for key in [
                    "items",
                    "additionalProperties",
                    "not",
                    "if",
                    "then",
                    "else",
                    "contains",
                    "propertyNames",
                    "unevaluatedProperties",
                    "unevaluatedItems",
                ] {
                    if let Some(value) = child(key) {
                        let kind = if value.as_seq().is_some() {
                            ListOf(&Schema)
                        } else {
                            Schema
                        };
                        self.node(value, kind, file, depth + 1);
                    }
                }
            }
            MapOf(inner) => {
                for (key, value) in map.iter() {
                    // Extensions (`x-...`) beside the entries of `paths` or `responses` are
                    // not entries; a property may well be named `x-...`.
                    if *inner == Schema || !key.starts_with("x-") {
                        self.node(value, *inner, file, depth + 1);
                    }
                }
            }
            Example | SecurityScheme | Link | ListOf(_) | Other => {}
        }
    }
}

/// The node a reference names, in the tree as loaded: a file beside `from` and a JSON
/// pointer. None when it was not loaded (resolution reported it).
fn target<'t>(tree: &'t SourceTree, from: FileId, reference: &str) -> Option<(FileId, &'t Node)> {
    let (path, pointer) = reference.split_once('#').unwrap_or((reference, ""));
    let file = if path.is_empty() {
        from
    } else {
        tree.loaded_path(from, path)?
    };
    let root = tree.file(file).node.as_deref()?;
    Some((file, root.pointer(pointer)?))
}

#[cfg(test)]
mod tests {
    use super::Kind::*;

    #[test]
    fn only_what_components_hold_may_be_a_reference() {
        for kind in [
            Schema,
            Response,
            Parameter,
            RequestBody,
            Example,
            Header,
            PathItem,
        ] {
            assert!(kind.refable(), "{kind:?}");
        }
        for kind in [
            Root,
            Operation,
            MediaType,
            Components,
            MapOf(&Schema),
            Other,
        ] {
            assert!(!kind.refable(), "{kind:?}");
        }
    }
}
