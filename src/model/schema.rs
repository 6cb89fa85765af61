//! A schema of the model: a resolved JSON-schema node with typed access to what consumers need.

use crate::source::{Node, Span, Value};

/// A schema (Swagger 2.0 schema object, OpenAPI 3.x schema), refs resolved. It keeps the node so
/// that checks can point into the source and dumps can emit every keyword as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// The resolved schema node.
    pub node: Node,
}

impl Schema {
    /// Wraps a resolved node.
    pub fn new(node: Node) -> Schema {
        Schema { node }
    }

    /// Where the schema starts.
    pub fn span(&self) -> Span {
        self.node.span
    }

    /// The `type` values: one for `type: string`, several for a type list, none when absent.
    pub fn types(&self) -> Vec<&str> {
        match self.node.get("type").map(|t| &t.value) {
            Some(Value::Str(t)) => vec![t.as_str()],
            Some(Value::Seq(items)) => items.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// `title`.
    pub fn title(&self) -> Option<&str> {
        self.node.get_str("title")
    }

    /// `description`.
    pub fn description(&self) -> Option<&str> {
        self.node.get_str("description")
    }

    /// `example` (the schema's own example value).
    pub fn example(&self) -> Option<&Node> {
        self.node.get("example")
    }
}

/// Visits `node` and every schema nested in it (properties, items, additionalProperties,
/// patternProperties, allOf/anyOf/oneOf/not), depth first, with the schema's own node.
pub fn walk_schemas<'a>(node: &'a Node, visit: &mut dyn FnMut(&'a Node)) {
    let Some(map) = node.as_map() else { return };
    visit(node);
    for (key, value) in map.iter() {
        match key {
            "properties" | "patternProperties" | "definitions" | "$defs" => {
                if let Some(children) = value.as_map() {
                    for (_, child) in children.iter() {
                        walk_schemas(child, visit);
                    }
                }
            }
            "items" | "additionalProperties" | "not" | "additionalItems" | "contains" => {
                match &value.value {
                    Value::Seq(items) => items.iter().for_each(|n| walk_schemas(n, visit)),
                    _ => walk_schemas(value, visit),
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Some(items) = value.as_seq() {
                    items.iter().for_each(|n| walk_schemas(n, visit));
                }
            }
            _ => {}
        }
    }
}
