//! The value tree every loaded file becomes: YAML/JSON data with a position on every node.

use std::fmt;
use std::sync::Arc;

use super::FileId;

/// A position in a source file: the file and a 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the position is in.
    pub file: FileId,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column number, counted in characters.
    pub column: u32,
}

impl Span {
    /// A span for the start of `file`, used when nothing more precise is known.
    pub fn file_start(file: FileId) -> Span {
        Span {
            file,
            line: 1,
            column: 1,
        }
    }

    /// The span of byte `offset` of `text`, the contents of `file`.
    pub fn at_offset(file: FileId, text: &str, offset: usize) -> Span {
        // One use of a text: its line index, made and dropped (`source::lines` places many).
        super::lines::LineIndex::new(text).span(file, text, offset)
    }
}

/// One node of a loaded document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where the node starts.
    pub span: Span,
}

/// The data of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty plain scalar.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string: every quoted scalar, and plain scalars that are no other type.
    Str(String),
    /// A sequence. Shared, so that a subtree inlined by `$ref` resolution costs no copy.
    Seq(Arc<Vec<Node>>),
    /// A mapping, in source order. Shared like sequences.
    Map(Arc<Map>),
}

/// A mapping that keeps its source order.
///
/// Spec maps are small (a handful to a few dozen keys), so lookups scan the entries; this keeps
/// the order the author wrote without a second index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map {
    /// The entries in source order.
    pub entries: Vec<Entry>,
}

/// One `key: value` pair of a [`Map`].
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: Key,
    /// The value.
    pub value: Node,
}

/// A mapping key. Keys are always text; `kind` remembers what YAML made of the scalar, because
/// Swagger gives integer response codes (`200:`) a meaning that quoted ones (`"200":`) lack.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key as text (`200` for the integer key 200).
    pub text: String,
    /// What type the scalar had.
    pub kind: KeyKind,
    /// Where the key is.
    pub span: Span,
}

/// The YAML type a mapping key had before it became text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A string (quoted, or plain and no other type).
    Str,
    /// An integer, such as the response code in `200:`.
    Int,
    /// A boolean, null or float key.
    Other,
}

impl Map {
    /// The value for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|e| e.key.text == key)
            .map(|e| &e.value)
    }

    /// The entry for `key`, if present.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key.text == key)
    }

    /// Sets `key` to `value`, replacing an existing entry in place or appending a new one.
    pub fn insert(&mut self, key: Key, value: Node) {
        match self.entries.iter_mut().find(|e| e.key.text == key.text) {
            Some(entry) => entry.value = value,
            None => self.entries.push(Entry { key, value }),
        }
    }

    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let index = self.entries.iter().position(|e| e.key.text == key)?;
        Some(self.entries.remove(index).value)
    }

    /// Iterates over `(key text, value)` in source order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.entries.iter().map(|e| (e.key.text.as_str(), &e.value))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    /// A map node.
    pub fn map(map: Map, span: Span) -> Node {
        Node {
            value: Value::Map(Arc::new(map)),
            span,
        }
    }

    /// A null node at `span` (what a part cut off by a limit is replaced with).
    pub fn null(span: Span) -> Node {
        Node {
            value: Value::Null,
            span,
        }
    }

    /// A sequence node.
    pub fn seq(items: Vec<Node>, span: Span) -> Node {
        Node {
            value: Value::Seq(Arc::new(items)),
            span,
        }
    }

    /// An identity for the shared content of a map or sequence node: equal for nodes that are
    /// clones of one another (the same definition inlined in several places), so work done on
    /// one can be reused for the others. None for scalars.
    pub fn shared_identity(&self) -> Option<usize> {
        match &self.value {
            Value::Map(map) => Some(Arc::as_ptr(map) as usize),
            Value::Seq(items) => Some(Arc::as_ptr(items) as *const () as usize),
            _ => None,
        }
    }

    /// The map, when this node is one.
    pub fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }

    /// The sequence, when this node is one.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The string, when this node is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this node is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The value under `key` when this node is a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// The string under `key` when this node is a map and the value is a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    /// Follows a JSON pointer (RFC 6901, without the leading `#`) from this node.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        for raw in rest.split('/') {
            let token = raw.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Map(map) => map.get(&token)?,
                Value::Seq(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// A short name of the node's type for messages: `map`, `sequence`, `string`, ...
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }

    /// Converts the tree to JSON, dropping positions. Integer keys become their text.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            // An integer past `i64` was read as a float: past it and below 2^64, a whole one is
            // written as the integer it is, so a dump does not turn `9223372036854776000`
            // into `9.223372036854776e18`, which validators take for no integer.
            Value::Float(f)
                if f.fract() == 0.0
                    && (9.223_372_036_854_776e18..1.844_674_407_370_955_2e19).contains(f) =>
            {
                J::from(*f as u64)
            }
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(map) => J::Object(
                map.entries
                    .iter()
                    .map(|e| (e.key.text.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

impl Value {
    /// A short name of the type for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "sequence",
            Value::Map(_) => "map",
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}
