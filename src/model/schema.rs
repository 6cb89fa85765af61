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
