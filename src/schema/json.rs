//! A resolved schema written as one JSON Schema document for a validator: each subtree that
//! several refs share is written once, under the document's definitions, and referred to by
//! `$ref` wherever it is used, so the JSON is as large as what the files write. Data (examples,
//! enums, defaults) is written out in full, within [`MAX_JSON_NODES`].

use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map as JMap, Value as J};

use super::{Dialect, Holds, children, holds};
use crate::limits::MAX_JSON_NODES;
use crate::resolve::{RefTarget, RefTargets};
use crate::source::{Node, Value};

/// The name prefix of the definitions this module adds.
const SHARED: &str = "x-mxspec-shared-";

/// The schema or value is larger than [`MAX_JSON_NODES`] once written as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "it has more than {MAX_JSON_NODES} nodes once written as JSON (refs inside data, such as examples and enums, are written out in full)"
)]
pub struct TooLarge;

/// A schema as JSON, with the nodes its shared definitions came from.
pub struct SchemaJson<'a> {
    /// The JSON Schema document.
    pub json: J,
    root: &'a Node,
    shared: Vec<&'a Node>,
    dialect: Dialect,
}

impl<'a> SchemaJson<'a> {
    /// The node a JSON pointer into [`SchemaJson::json`] came from, if there is one.
    pub fn node_at(&self, pointer: &str) -> Option<&'a Node> {
        let prefix = format!("/{}/{SHARED}", self.dialect.definitions_key());
        let Some(rest) = pointer.strip_prefix(&prefix) else {
            return self.root.pointer(pointer);
        };
        let (index, rest) = rest.split_once('/').map_or((rest, ""), |(i, r)| (i, r));
        let node = self.shared.get(index.parse::<usize>().ok()?)?;
        if rest.is_empty() {
            Some(node)
        } else {
            node.pointer(&format!("/{rest}"))
        }
    }
}

/// Writes `schema` as JSON Schema, each subtree that it uses more than once written once.
pub fn to_json_schema(schema: &Node, dialect: Dialect) -> Result<SchemaJson<'_>, TooLarge> {
    let mut uses: HashMap<usize, u32> = HashMap::default();
    count_uses(schema, dialect, &mut uses);
    let key = dialect.definitions_key();
    let mut writer = Writer::new(Lift::Repeated(uses), format!("#/{key}/"), MAX_JSON_NODES);
    let mut json = writer.schema(schema, dialect, &mut |index, _| format!("{SHARED}{index}"))?;
    if !writer.definitions.is_empty()
        && let J::Object(root) = &mut json
    {
        let definitions = root.entry(key).or_insert_with(|| J::Object(JMap::new()));
        if !definitions.is_object() {
            *definitions = J::Object(JMap::new());
        }
        if let J::Object(definitions) = definitions {
            for (name, definition) in writer.definitions {
                definitions.insert(name, definition.unwrap_or(J::Null));
            }
        }
    }
    Ok(SchemaJson {
        json,
        root: schema,
        shared: writer.shared,
        dialect,
    })
}

/// Writes a data value (an example, an enum) as JSON, within [`MAX_JSON_NODES`].
pub fn to_json_data(node: &Node) -> Result<J, TooLarge> {
    let mut budget = MAX_JSON_NODES;
    data(node, &mut budget)
}

/// The schemas of one document that keeps its `$ref` targets by name (a dump's
/// `components/schemas` or `definitions`): every target met at a schema position is written
/// once, as a definition, and referred to wherever it is used; everything else is written in
/// place. Data is written in full; schemas and data together stay within one budget of nodes.
pub struct Definitions<'a> {
    writer: Writer<'a>,
    targets: &'a RefTargets,
}

/// What a [`Definitions`] names a target's definition: given the target, the name its
/// definition takes (unique in the document).
pub type Namer<'n> = dyn FnMut(&RefTarget, &Node) -> String + 'n;

impl<'a> Definitions<'a> {
    /// No definitions yet; refs will read `prefix` and the name (`#/components/schemas/`).
    pub fn new(targets: &'a RefTargets, prefix: &str, budget: u64) -> Definitions<'a> {
        Definitions {
            writer: Writer::new(Lift::Targets(targets), prefix.to_owned(), budget),
            targets,
        }
    }

    /// `schema`, read in `dialect`, as JSON: a `$ref` when it is a target itself.
    pub fn schema(
        &mut self,
        schema: &'a Node,
        dialect: Dialect,
        name: &mut Namer<'_>,
    ) -> Result<J, TooLarge> {
        let targets = self.targets;
        self.writer.schema(schema, dialect, &mut |index, node| {
            match node.shared_identity().and_then(|id| targets.get(id)) {
                Some(target) => name(target, node),
                // Only targets are lifted; a name that cannot clash is still a name.
                None => format!("{SHARED}{index}"),
            }
        })
    }

    /// A data value (an example) as JSON, from the same budget.
    pub fn data(&mut self, node: &Node) -> Result<J, TooLarge> {
        data(node, &mut self.writer.budget)
    }

    /// The definitions written, by name, in the order they were first met.
    pub fn into_definitions(self) -> Vec<(String, J)> {
        self.writer
            .definitions
            .into_iter()
            .map(|(name, body)| (name, body.unwrap_or(J::Null)))
            .collect()
    }
}

/// How often each subtree is used at a schema position, counting the subtrees inside a shared
/// one once.
fn count_uses(node: &Node, dialect: Dialect, uses: &mut HashMap<usize, u32>) {
    let Some(map) = node.as_map() else { return };
    if let Some(id) = node.shared_identity() {
        let count = uses.entry(id).or_insert(0);
        *count += 1;
        if *count > 1 {
            return;
        }
    }
    for (key, value) in map.iter() {
        if let Some(how) = holds(key, dialect) {
            for (_, child) in children(value, how) {
                count_uses(child, dialect, uses);
            }
        }
    }
}

/// Which subtrees a [`Writer`] writes once, as a definition, and refers to.
enum Lift<'a> {
    /// Those the schema uses more than once (a validator's document needs no more).
    Repeated(HashMap<usize, u32>),
    /// Every `$ref` target (a dump keeps them by name).
    Targets(&'a RefTargets),
}

struct Writer<'a> {
    lift: Lift<'a>,
    /// What a `$ref` to a definition starts with.
    prefix: String,
    /// The definition index of each shared subtree written so far.
    index: HashMap<usize, usize>,
    shared: Vec<&'a Node>,
    /// The definitions, by index: a name and a body (None while it is being written).
    definitions: Vec<(String, Option<J>)>,
    budget: u64,
}

impl<'a> Writer<'a> {
    fn new(lift: Lift<'a>, prefix: String, budget: u64) -> Writer<'a> {
        Writer {
            lift,
            prefix,
            index: HashMap::default(),
            shared: Vec::new(),
            definitions: Vec::new(),
            budget,
        }
    }

    fn spend(&mut self) -> Result<(), TooLarge> {
        self.budget = self.budget.checked_sub(1).ok_or(TooLarge)?;
        Ok(())
    }

    fn lifted(&self, node: &Node) -> Option<usize> {
        node.as_map()?;
        let id = node.shared_identity()?;
        let lifted = match &self.lift {
            Lift::Repeated(uses) => uses.get(&id).is_some_and(|&n| n > 1),
            Lift::Targets(targets) => targets.get(id).is_some(),
        };
        lifted.then_some(id)
    }

    /// A schema position: a shared subtree becomes a `$ref` to its definition, which `name`
    /// names (given its index and node) when it is first met.
    fn schema(
        &mut self,
        node: &'a Node,
        dialect: Dialect,
        name: &mut dyn FnMut(usize, &'a Node) -> String,
    ) -> Result<J, TooLarge> {
        let Some(id) = self.lifted(node) else {
            return self.body(node, dialect, name);
        };
        let index = match self.index.get(&id) {
            Some(&index) => index,
            None => {
                let index = self.definitions.len();
                self.index.insert(id, index);
                self.shared.push(node);
                self.definitions.push((name(index, node), None));
                let body = self.body(node, dialect, name)?;
                self.definitions[index].1 = Some(body);
                index
            }
        };
        self.spend()?;
        let reference = format!("{}{}", self.prefix, self.definitions[index].0);
        Ok(serde_json::json!({ "$ref": reference }))
    }

    /// A schema written here: its subschema keywords go through [`Writer::schema`], the rest
    /// is data.
    fn body(
        &mut self,
        node: &'a Node,
        dialect: Dialect,
        name: &mut dyn FnMut(usize, &'a Node) -> String,
    ) -> Result<J, TooLarge> {
        let Value::Map(map) = &node.value else {
            return data(node, &mut self.budget);
        };
        self.spend()?;
        let mut out = JMap::new();
        for entry in &map.entries {
            let key = entry.key.text.as_str();
            let value = match holds(key, dialect) {
                Some(how) => self.keyword(&entry.value, how, dialect, name)?,
                None => data(&entry.value, &mut self.budget)?,
            };
            out.insert(key.to_owned(), value);
        }
        Ok(J::Object(out))
    }

    /// The value of a subschema keyword, in the shape it was written.
    fn keyword(
        &mut self,
        value: &'a Node,
        how: Holds,
        dialect: Dialect,
        name: &mut dyn FnMut(usize, &'a Node) -> String,
    ) -> Result<J, TooLarge> {
        self.spend()?;
        match (&value.value, how) {
            (Value::Seq(items), Holds::List | Holds::OneOrList) => items
                .iter()
                .map(|item| self.schema(item, dialect, name))
                .collect::<Result<_, _>>()
                .map(J::Array),
            (Value::Map(map), Holds::Map | Holds::MapOfSchemaOrNames) => {
                let mut out = JMap::new();
                for entry in &map.entries {
                    let child = if entry.value.as_map().is_some() {
                        self.schema(&entry.value, dialect, name)?
                    } else {
                        data(&entry.value, &mut self.budget)?
                    };
                    out.insert(entry.key.text.clone(), child);
                }
                Ok(J::Object(out))
            }
            (_, Holds::One | Holds::OneOrList) => self.schema(value, dialect, name),
            _ => data(value, &mut self.budget),
        }
    }
}

/// `node` as plain JSON, every shared subtree written in full, within `budget` nodes.
fn data(node: &Node, budget: &mut u64) -> Result<J, TooLarge> {
    *budget = budget.checked_sub(1).ok_or(TooLarge)?;
    Ok(match &node.value {
        Value::Seq(items) => J::Array(
            items
                .iter()
                .map(|item| data(item, budget))
                .collect::<Result<_, _>>()?,
        ),
        Value::Map(map) => {
            let mut out = JMap::new();
            for entry in &map.entries {
                out.insert(entry.key.text.clone(), data(&entry.value, budget)?);
            }
            J::Object(out)
        }
        _ => node.to_json(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn parse(text: &str) -> Node {
        let (node, _) = crate::source::yaml::parse(FileId(0), text);
        node.unwrap()
    }

    #[test]
    fn a_subtree_used_twice_is_written_once_and_referred_to() {
        let shared = parse("{type: object, properties: {n: {type: integer}}}");
        let mut root = parse("{type: object, properties: {a: null, b: null}}");
        let crate::source::Value::Map(map) = &mut root.value else {
            unreachable!()
        };
        let properties = std::sync::Arc::make_mut(map).entries[1].value.clone();
        let crate::source::Value::Map(mut props) = properties.value else {
            unreachable!()
        };
        for entry in &mut std::sync::Arc::make_mut(&mut props).entries {
            entry.value = shared.clone();
        }
        std::sync::Arc::make_mut(map).entries[1].value = Node::map((*props).clone(), root.span);
        let written = to_json_schema(&root, Dialect::Draft4).unwrap();
        assert_eq!(
            written.json,
            serde_json::json!({
                "type": "object",
                "properties": {
                    "a": {"$ref": "#/definitions/x-mxspec-shared-0"},
                    "b": {"$ref": "#/definitions/x-mxspec-shared-0"},
                },
                "definitions": {"x-mxspec-shared-0": {"type": "object", "properties": {"n": {"type": "integer"}}}},
            })
        );
        let at = written
            .node_at("/definitions/x-mxspec-shared-0/properties/n")
            .unwrap();
        assert_eq!(at.get_str("type"), Some("integer"));
        assert_eq!(
            written.node_at("/type").and_then(Node::as_str),
            Some("object")
        );
    }

    #[test]
    fn data_is_written_in_full_and_bounded() {
        let example = parse("{a: [1, 2, {b: c}]}");
        assert_eq!(
            to_json_data(&example).unwrap(),
            serde_json::json!({"a": [1, 2, {"b": "c"}]})
        );
    }
}
