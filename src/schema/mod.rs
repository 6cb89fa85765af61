//! JSON Schema semantics, in one place: which dialect a schema is read in, which keywords hold
//! subschemas in each, and how a resolved schema, which shares the subtrees of the targets its
//! refs named, is walked and written as JSON without inlining them again.
//!
//! A resolved schema is a graph: every use of a `$ref` target holds the same subtree (see
//! [`crate::resolve`]), told apart by [`Node::shared_identity`]. Walks here visit each shared
//! subtree once, and [`json::to_json_schema`] writes each once and refers to it, so their cost
//! grows with what the files write, not with how often they refer to one another.

pub mod json;
pub mod sample;

use rustc_hash::FxHashSet as HashSet;

use crate::model::SpecFormat;
use crate::source::{Node, Value};

/// How a schema is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Swagger 2.0 schemas and event schemas: JSON Schema draft 4.
    Draft4,
    /// OpenAPI 3.0 schemas: draft 4 plus `nullable`.
    OpenApi30,
    /// OpenAPI 3.1 and 3.2 schemas: JSON Schema 2020-12.
    Draft2020,
}

impl Dialect {
    /// The dialect of a group's schemas.
    pub fn of(format: SpecFormat) -> Dialect {
        match format {
            SpecFormat::Swagger2 => Dialect::Draft4,
            SpecFormat::OpenApi30 => Dialect::OpenApi30,
            SpecFormat::OpenApi31 => Dialect::Draft2020,
        }
    }

    /// Where a schema keeps subschemas that others refer to (`definitions` in draft 4,
    /// `$defs` in 2020-12).
    pub fn definitions_key(self) -> &'static str {
        match self {
            Dialect::Draft4 | Dialect::OpenApi30 => "definitions",
            Dialect::Draft2020 => "$defs",
        }
    }
}

/// How a keyword holds subschemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// One schema (`not`, `if`).
    One,
    /// A schema, or in draft 4 a list of them (`items`).
    OneOrList,
    /// A list of schemas (`allOf`).
    List,
    /// A map of names to schemas (`properties`).
    Map,
    /// A map of names to schemas or lists of property names (draft 4 `dependencies`).
    MapOfSchemaOrNames,
}

/// Every keyword that holds subschemas: its name, how, and whether draft 4 (Swagger 2.0,
/// OpenAPI 3.0) has it too, or only 2020-12 (OpenAPI 3.1 and 3.2). Data keywords (`example`,
/// `examples`, `enum`, `const`, `default`) are not here: refs inside them are data.
pub const SUBSCHEMA_KEYWORDS: [(&str, Holds, bool); 22] = [
    ("properties", Holds::Map, true),
    ("patternProperties", Holds::Map, true),
    ("definitions", Holds::Map, true),
    ("$defs", Holds::Map, false),
    ("dependentSchemas", Holds::Map, false),
    ("dependencies", Holds::MapOfSchemaOrNames, true),
    ("items", Holds::OneOrList, true),
    ("additionalItems", Holds::One, true),
    ("additionalProperties", Holds::One, true),
    ("not", Holds::One, true),
    ("contains", Holds::One, false),
    ("propertyNames", Holds::One, false),
    ("if", Holds::One, false),
    ("then", Holds::One, false),
    ("else", Holds::One, false),
    ("unevaluatedItems", Holds::One, false),
    ("unevaluatedProperties", Holds::One, false),
    ("contentSchema", Holds::One, false),
    ("allOf", Holds::List, true),
    ("anyOf", Holds::List, true),
    ("oneOf", Holds::List, true),
    ("prefixItems", Holds::List, false),
];

/// How `keyword` holds subschemas in `dialect`; None for a keyword that holds none there.
pub fn holds(keyword: &str, dialect: Dialect) -> Option<Holds> {
    SUBSCHEMA_KEYWORDS
        .iter()
        .find(|(name, ..)| *name == keyword)
        .filter(|(_, _, draft4)| *draft4 || dialect == Dialect::Draft2020)
        .map(|(_, holds, _)| *holds)
}

/// Where a subschema stands under its keyword: the token after the keyword in its JSON
/// pointer, if any (`items` has none, `allOf/0` an index, `properties/a` a name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    /// The keyword's value itself.
    Whole,
    /// An item of a list.
    Index(usize),
    /// A value of a map.
    Name(&'a str),
}

/// The subschemas `keyword` holds in `value`, each with its place under the keyword.
pub fn children<'a>(value: &'a Node, holds: Holds) -> Vec<(Place<'a>, &'a Node)> {
    match (holds, &value.value) {
        (Holds::One | Holds::OneOrList, Value::Map(_)) | (Holds::One, _) => {
            vec![(Place::Whole, value)]
        }
        (Holds::OneOrList | Holds::List, Value::Seq(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (Place::Index(index), item))
            .collect(),
        (Holds::Map | Holds::MapOfSchemaOrNames, Value::Map(map)) => map
            .iter()
            // Draft 4 `dependencies` may list property names instead of a schema.
            .filter(|(_, child)| holds == Holds::Map || child.as_map().is_some())
            .map(|(name, child)| (Place::Name(name), child))
            .collect(),
        _ => Vec::new(),
    }
}

/// Visits `node` and every schema nested in it, depth first, each shared subtree once: a
/// schema met again through another ref (or another root, when `seen` is kept across calls)
/// is neither visited nor descended into. `visit` gets the schema and its JSON pointer from
/// `node` where it was first met.
pub fn walk_once<'a>(
    node: &'a Node,
    dialect: Dialect,
    seen: &mut HashSet<usize>,
    visit: &mut dyn FnMut(&'a Node, &str),
) {
    walk(node, dialect, seen, &mut String::new(), visit);
}

fn walk<'a>(
    node: &'a Node,
    dialect: Dialect,
    seen: &mut HashSet<usize>,
    pointer: &mut String,
    visit: &mut dyn FnMut(&'a Node, &str),
) {
    let Some(map) = node.as_map() else { return };
    if node.shared_identity().is_some_and(|id| !seen.insert(id)) {
        return;
    }
    visit(node, pointer);
    for (key, value) in map.iter() {
        let Some(holds) = holds(key, dialect) else {
            continue;
        };
        for (place, child) in children(value, holds) {
            let len = pointer.len();
            push_token(pointer, key);
            match place {
                Place::Whole => {}
                Place::Index(index) => push_token(pointer, &index.to_string()),
                Place::Name(name) => push_token(pointer, name),
            }
            walk(child, dialect, seen, pointer, visit);
            pointer.truncate(len);
        }
    }
}

/// Appends `/token` to a JSON pointer, escaped.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}
