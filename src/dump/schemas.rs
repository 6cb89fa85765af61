//! How a dump writes schemas: inline, every `$ref` replaced by what it names (only a recursive
//! schema is referred to, see [`Recursion`]), or with every `$ref` target kept once by name in
//! the document's definitions (`components/schemas`, Swagger 2.0's `definitions`), as
//! `redocly bundle` does, so the dump stays near the size of what the files write.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

use super::recursion::{Recursion, unique_name};
use super::{DumpError, Options, Refs};
use crate::resolve::{RECURSION_TARGET, RefTargets};
use crate::schema::Dialect;
use crate::schema::json::{Definitions, TooLarge};
use crate::source::Node;

/// The schemas of one dump, and the definitions they refer to.
pub(super) struct Schemas<'a> {
    /// Where targets go when they are kept by name; None when the dump inlines them.
    definitions: Option<Definitions<'a>>,
    recursion: Recursion,
}

impl<'a> Schemas<'a> {
    /// Schemas written as `options` say, with refs to definitions under `prefix`.
    pub fn new(targets: &'a RefTargets, options: &Options, prefix: &'static str) -> Schemas<'a> {
        Schemas {
            definitions: match options.refs {
                Refs::Inline => None,
                Refs::Components => Some(Definitions::new(targets, prefix, options.budget)),
            },
            recursion: Recursion::new(prefix),
        }
    }

    /// `schema`, read in `dialect`, as the dump writes it: a `$ref` when it is a target kept
    /// by name.
    pub fn schema(&mut self, schema: &'a Node, dialect: Dialect) -> Result<Value, DumpError> {
        let mut json = match &mut self.definitions {
            None => self.inline(schema)?,
            Some(definitions) => {
                let recursion = &mut self.recursion;
                definitions
                    .schema(schema, dialect, &mut |target, node| {
                        let name = recursion.claim(&component_key(&target.name()));
                        // A recursive schema kept by name: the refs inside it name this
                        // definition, not a second copy of it.
                        if let Some(recursive) = node.get_str(RECURSION_TARGET) {
                            recursion.alias(recursive, &name);
                        }
                        name
                    })
                    .map_err(too_large)?
            }
        };
        self.recursion.lift(&mut json);
        Ok(json)
    }

    /// A schema that the target format cannot refer to (a Swagger 2.0 parameter or header
    /// schema), written in place whatever the dump's refs.
    pub fn inline(&mut self, schema: &Node) -> Result<Value, DumpError> {
        let mut json = self.data(schema)?;
        self.recursion.lift(&mut json);
        Ok(json)
    }

    /// A data value (an example) as JSON: within the dump's budget when it keeps refs; in
    /// full when it inlines them, which the loader's inlining bound already holds.
    pub fn data(&mut self, node: &Node) -> Result<Value, DumpError> {
        match &mut self.definitions {
            Some(definitions) => definitions.data(node).map_err(too_large),
            None => Ok(node.to_json()),
        }
    }

    /// The definitions the dump's refs name, sorted by name: the targets kept by name and the
    /// recursive schemas, each lifted like the schemas that refer to them.
    pub fn into_definitions(mut self) -> Vec<(String, Value)> {
        let kept = self
            .definitions
            .take()
            .map(Definitions::into_definitions)
            .unwrap_or_default();
        let mut all = std::collections::BTreeMap::new();
        for (name, mut body) in kept {
            self.recursion.lift(&mut body);
            all.insert(name, body);
        }
        for (name, body) in std::mem::take(&mut self.recursion.definitions) {
            all.entry(name).or_insert(body);
        }
        all.into_iter().collect()
    }
}

/// The objects of one section other than schemas (responses, headers) that a dump keeps by
/// name when a ref names them, as it keeps schemas: each target written once, under a name
/// unique in its section.
pub(super) struct Kept<T> {
    refs: Refs,
    prefix: &'static str,
    /// The name of each target met, with what its use depended on besides the target.
    names: HashMap<usize, (String, Vec<String>)>,
    taken: HashSet<String>,
    items: BTreeMap<String, T>,
}

/// What to write where an object of a [`Kept`] section is used.
pub(super) enum Use {
    /// The object in place.
    Inline,
    /// A `$ref` to the object already kept.
    Ref(String),
    /// The object, built now and kept under this name ([`Kept::keep`]), then a `$ref` to it.
    Keep(String),
}

impl<T> Kept<T> {
    /// An empty section whose refs read `prefix` and a name (`#/components/responses/`).
    pub fn new(options: &Options, prefix: &'static str) -> Kept<T> {
        Kept {
            refs: options.refs,
            prefix,
            names: HashMap::default(),
            taken: HashSet::default(),
            items: BTreeMap::new(),
        }
    }

    /// How to write the object read from the node with `identity`. `context` is what the
    /// object as written also depends on (a Swagger 2.0 response's media types come from its
    /// operation): a use in another context than the first is written in place.
    pub fn use_of(
        &mut self,
        targets: &RefTargets,
        identity: Option<usize>,
        context: &[String],
    ) -> Use {
        if self.refs == Refs::Inline {
            return Use::Inline;
        }
        let Some((identity, target)) = identity.and_then(|id| Some((id, targets.get(id)?))) else {
            return Use::Inline;
        };
        if let Some((name, first)) = self.names.get(&identity) {
            return match first == context {
                true => Use::Ref(self.reference(name)),
                false => Use::Inline,
            };
        }
        let name = unique_name(&mut self.taken, &component_key(&target.name()));
        self.names
            .insert(identity, (name.clone(), context.to_vec()));
        Use::Keep(name)
    }

    /// Keeps `item` under the name [`Kept::use_of`] gave it; the `$ref` to it.
    pub fn keep(&mut self, name: String, item: T) -> String {
        let reference = self.reference(&name);
        self.items.insert(name, item);
        reference
    }

    fn reference(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The section's objects, sorted by name.
    pub fn into_items(self) -> BTreeMap<String, T> {
        self.items
    }
}

fn too_large(_: TooLarge) -> DumpError {
    DumpError::TooLarge
}

/// A component key OpenAPI accepts (`^[a-zA-Z0-9._-]+$`): other characters become `_`.
fn component_key(name: &str) -> String {
    let key: String = name
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '_',
        })
        .collect();
    if key.is_empty() { "Schema".into() } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_keys_hold_only_what_openapi_accepts() {
        assert_eq!(component_key("room_event"), "room_event");
        assert_eq!(component_key("m.room.member"), "m.room.member");
        assert_eq!(component_key("a b/c"), "a_b_c");
        assert_eq!(component_key(""), "Schema");
    }
}
