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
    walk(node, &mut NoPointer, &mut |schema, _| visit(schema));
}

/// Like [`walk_schemas`], also giving each schema's JSON pointer from `node` (`/properties/a`).
pub fn walk_schemas_at<'a>(node: &'a Node, visit: &mut dyn FnMut(&'a Node, &str)) {
    walk(node, &mut String::new(), visit);
}

/// Where a walk is, as far as the caller wants to know: a JSON pointer, or nothing (building
/// pointers costs, and most walks do not need them).
trait Pointer {
    /// Appends one reference token; returns the length to truncate back to.
    fn push(&mut self, token: &str) -> usize;
    /// Goes back to an earlier length.
    fn truncate(&mut self, len: usize);
    /// The pointer so far.
    fn as_str(&self) -> &str;
}

struct NoPointer;

impl Pointer for NoPointer {
    fn push(&mut self, _: &str) -> usize {
        0
    }
    fn truncate(&mut self, _: usize) {}
    fn as_str(&self) -> &str {
        ""
    }
}

impl Pointer for String {
    fn push(&mut self, token: &str) -> usize {
        let len = self.len();
        self.push('/');
        if token.contains(['~', '/']) {
            self.push_str(&token.replace('~', "~0").replace('/', "~1"));
        } else {
            self.push_str(token);
        }
        len
    }
    fn truncate(&mut self, len: usize) {
        String::truncate(self, len);
    }
    fn as_str(&self) -> &str {
        self
    }
}

fn walk<'a, P: Pointer>(node: &'a Node, pointer: &mut P, visit: &mut dyn FnMut(&'a Node, &str)) {
    let Some(map) = node.as_map() else { return };
    visit(node, pointer.as_str());
    let mut descend = |pointer: &mut P, tokens: &[&str], child: &'a Node| {
        let len = pointer.push(tokens[0]);
        for token in &tokens[1..] {
            pointer.push(token);
        }
        walk(child, pointer, visit);
        pointer.truncate(len);
    };
    for (key, value) in map.iter() {
        match key {
            "properties" | "patternProperties" | "definitions" | "$defs" => {
                for (name, child) in value
                    .as_map()
                    .into_iter()
                    .flat_map(crate::source::Map::iter)
                {
                    descend(pointer, &[key, name], child);
                }
            }
            "items" | "additionalProperties" | "not" | "additionalItems" | "contains" => {
                match &value.value {
                    Value::Seq(items) => {
                        for (index, item) in items.iter().enumerate() {
                            descend(pointer, &[key, &index.to_string()], item);
                        }
                    }
                    _ => descend(pointer, &[key], value),
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                for (index, item) in value.as_seq().unwrap_or_default().iter().enumerate() {
                    descend(pointer, &[key, &index.to_string()], item);
                }
            }
            _ => {}
        }
    }
}
