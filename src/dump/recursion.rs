//! Recursive schemas in a dump. A dump is ref-free except where a schema contains itself:
//! there the marker that resolution left (see [`crate::resolve`]) becomes a `$ref` to a named
//! definition holding the schema. The schema stays inline where it first occurs, so a reader
//! that ignores the definitions still sees every field.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::{Value, json};

use crate::resolve::{RECURSION_TARGET, RECURSIVE};

/// The recursive schemas met in one dump, and the names they were given.
pub(super) struct Recursion {
    /// Where definitions live: `#/definitions/` or `#/components/schemas/`.
    prefix: &'static str,
    names: HashMap<String, String>,
    taken: HashSet<String>,
    /// The definitions by name; each is the first occurrence of its schema, lifted itself.
    pub definitions: BTreeMap<String, Value>,
}

impl Recursion {
    /// No recursive schemas yet; refs will point under `prefix`.
    pub fn new(prefix: &'static str) -> Recursion {
        Recursion {
            prefix,
            names: HashMap::default(),
            taken: HashSet::default(),
            definitions: BTreeMap::new(),
        }
    }

    /// Turns every marker under `value` into a `$ref` and records the schemas they name.
    pub fn lift(&mut self, value: &mut Value) {
        match value {
            Value::Object(map) => {
                // Almost no map is a marker or a target: one pass over the keys finds out
                // without hashing any of them.
                let (mut marker, mut target) = (false, false);
                for key in map.keys() {
                    marker |= key == RECURSIVE;
                    target |= key == RECURSION_TARGET;
                }
                if marker && let Some(Value::String(target)) = map.get(RECURSIVE) {
                    let title = map.get("title").and_then(Value::as_str);
                    let name = self.name(target, title);
                    *value = json!({ "$ref": format!("{}{name}", self.prefix) });
                    return;
                }
                let target = match target.then(|| map.shift_remove(RECURSION_TARGET)) {
                    Some(Some(Value::String(target))) => Some(target),
                    _ => None,
                };
                map.values_mut().for_each(|child| self.lift(child));
                if let Some(target) = target {
                    let title = map.get("title").and_then(Value::as_str);
                    let name = self.name(&target, title);
                    self.definitions
                        .entry(name)
                        .or_insert_with(|| value.clone());
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.lift(item)),
            _ => {}
        }
    }

    /// The definition name of `target` (`path#pointer`): its title in camel case, else the
    /// pointer's last name or the file's; numbered when two schemas would share one.
    fn name(&mut self, target: &str, title: Option<&str>) -> String {
        if let Some(name) = self.names.get(target) {
            return name.clone();
        }
        let base = match title.filter(|t| !t.trim().is_empty()) {
            Some(title) => title.to_upper_camel_case(),
            None => {
                // `#/components/schemas/Comment` is `Comment`; a whole file is its name.
                let (path, pointer) = target.split_once('#').unwrap_or((target, ""));
                let last = pointer.rsplit('/').next().filter(|l| !l.is_empty());
                let file = path.rsplit('/').next().unwrap_or(path);
                let stem = file.split('.').next().unwrap_or(file);
                last.unwrap_or(stem).to_upper_camel_case()
            }
        };
        let name = self.claim(&base);
        self.names.insert(target.to_owned(), name.clone());
        name
    }

    /// A definition name no other definition of the dump has: `base`, else `base2`, `base3`...
    /// Every definition of a dump is named here, so none takes another's name.
    pub fn claim(&mut self, base: &str) -> String {
        unique_name(&mut self.taken, base)
    }

    /// Markers naming `target` refer to the definition `name`, which holds it already.
    pub fn alias(&mut self, target: &str, name: &str) {
        self.names
            .entry(target.to_owned())
            .or_insert_with(|| name.to_owned());
    }
}

/// `base`, else `base2`, `base3`...: the first that `taken` does not hold, which it then does.
pub(super) fn unique_name(taken: &mut HashSet<String>, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_refs_and_targets_definitions() {
        let mut doc = json!({
            "schema": {
                RECURSION_TARGET: "a.yaml#", "title": "tree node", "type": "object",
                "properties": {"kids": {"type": "array", "items": {RECURSIVE: "a.yaml#", "title": "tree node"}}}
            },
            "other": {RECURSION_TARGET: "b.yaml#/x", "type": "object",
                "properties": {"next": {RECURSIVE: "b.yaml#/x"}}}
        });
        let mut recursion = Recursion::new("#/definitions/");
        recursion.lift(&mut doc);
        assert_eq!(
            doc["schema"]["properties"]["kids"]["items"],
            json!({"$ref": "#/definitions/TreeNode"})
        );
        assert!(doc["schema"].get(RECURSION_TARGET).is_none());
        assert_eq!(recursion.definitions["TreeNode"], doc["schema"]);
        assert_eq!(
            recursion.definitions["X"]["properties"]["next"],
            json!({"$ref": "#/definitions/X"})
        );
    }
}
