//! The values a template works on: what Go's `reflect.Value` is to `text/template`, cut to
//! what data from YAML, JSON and TOML and the host's objects (a page, a site) need.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Arc;

pub use super::html::Safe;

/// The most bytes a string a template makes may hold, and that printing a value writes.
pub const MAX_TEXT: usize = 16 << 20;

/// The most entries a list or map a template makes may hold.
pub const MAX_ITEMS: usize = 1 << 20;

/// The deepest lists and maps may nest in a value a template makes (each level is a frame
/// when the value is printed, compared or dropped).
pub const MAX_DEPTH: usize = 128;

/// The most lists and maps [`Heights`] remembers; past it, it starts again (a value then
/// measured again costs its size once more), so that what it holds stays small whatever an
/// execution makes.
const MAX_REMEMBERED: usize = 1 << 16;

/// The heights of the lists and maps an execution has measured, by their shared identity.
/// Each entry holds a weak reference, which keeps the address from being reused by another
/// list or map (it keeps the allocation's header, not what the list holds).
#[derive(Default)]
pub struct Heights {
    // Keys are addresses, which need no hash that resists chosen input: Fx is several times
    // cheaper than the default SipHash, and this map is asked for every value a function makes.
    known: rustc_hash::FxHashMap<usize, (usize, Held)>,
}

/// What keeps a measured list's or map's address reserved.
#[expect(dead_code, reason = "held, never read: it reserves the address")]
enum Held {
    List(std::sync::Weak<Vec<Value>>),
    Map(std::sync::Weak<BTreeMap<String, Value>>),
    None,
}

impl Held {
    fn of(value: &Value) -> Held {
        match value {
            Value::List(items) => Held::List(Arc::downgrade(items)),
            Value::Map(map) => Held::Map(Arc::downgrade(map)),
            _ => Held::None,
        }
    }
}

impl Heights {
    /// How many lists and maps are remembered.
    pub fn remembered(&self) -> usize {
        self.known.len()
    }

    /// How deep lists and maps nest in `value` (0 for a scalar), each shared list or map
    /// measured once (while remembered), without recursion.
    pub fn of(&mut self, value: &Value) -> usize {
        if self.known.len() > MAX_REMEMBERED {
            self.known.clear();
        }
        let mut stack: Vec<(&Value, bool)> = vec![(value, false)];
        // Heights are recorded by identity as each container's children are done.
        while let Some((node, children_done)) = stack.pop() {
            let Some(identity) = node.identity() else {
                continue;
            };
            if self.known.contains_key(&identity) {
                continue;
            }
            let children = || -> Box<dyn Iterator<Item = &Value> + '_> {
                match node {
                    Value::List(items) => Box::new(items.iter()),
                    Value::Map(map) => Box::new(map.values()),
                    _ => Box::new(std::iter::empty()),
                }
            };
            if children_done {
                let height = 1 + children()
                    .filter_map(|child| child.identity())
                    .filter_map(|id| self.known.get(&id).map(|(h, _)| *h))
                    .max()
                    .unwrap_or(0);
                self.known.insert(identity, (height, Held::of(node)));
                continue;
            }
            stack.push((node, true));
            for child in children() {
                if child
                    .identity()
                    .is_some_and(|id| !self.known.contains_key(&id))
                {
                    stack.push((child, false));
                }
            }
        }
        value
            .identity()
            .and_then(|id| self.known.get(&id).map(|(h, _)| *h))
            .unwrap_or(0)
    }
}

/// A value.
#[derive(Clone, Debug)]
pub enum Value {
    /// What a map does not hold (`.Missing`): written as `<no value>`, false, and a field of it
    /// is missing too, as Go's invalid `reflect.Value`.
    Missing,
    /// `nil`: written as `<nil>`.
    Nil,
    /// A boolean.
    Bool(bool),
    /// An integer (Go's `int`).
    Int(i64),
    /// A floating-point number (Go's `float64`).
    Float(f64),
    /// A string.
    Str(Arc<str>),
    /// A list (Go's `[]interface{}`).
    List(Arc<Vec<Value>>),
    /// A map with string keys, in key order (Go's `map[string]interface{}`, which `range`
    /// and printing visit in key order).
    Map(Arc<BTreeMap<String, Value>>),
    /// An object of the host, with fields and methods.
    Object(Arc<dyn Object>),
    /// Text the host trusts as what it is (Go's `template.HTML` and its kin): written as it
    /// is where that kind belongs, and a string everywhere else.
    Safe(Safe, Arc<str>),
}

/// An object of the host: a page, a site, a shortcode.
pub trait Object: Send + Sync + Debug {
    /// Its type's name, for messages (`*hugolib.pageState`).
    fn type_name(&self) -> &str;

    /// The field or method `name` called with `args`; `None` when it has no such one.
    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>>;

    /// How `print` writes it.
    fn display(&self) -> String {
        format!("{{{}}}", self.type_name())
    }
}

impl Value {
    /// A string value.
    pub fn str(text: impl Into<Arc<str>>) -> Value {
        Value::Str(text.into())
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(items))
    }

    /// A map value.
    pub fn map(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
        Value::Map(Arc::new(entries.into_iter().collect()))
    }

    /// Go's `truth`: false, 0, nil, missing and empty strings, lists and maps are false.
    pub fn is_true(&self) -> bool {
        match self {
            Value::Missing | Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(items) => !items.is_empty(),
            Value::Map(map) => !map.is_empty(),
            Value::Object(_) => true,
            Value::Safe(_, s) => !s.is_empty(),
        }
    }

    /// The shared identity of a list or map.
    fn identity(&self) -> Option<usize> {
        match self {
            Value::List(items) => Some(Arc::as_ptr(items) as *const () as usize),
            Value::Map(map) => Some(Arc::as_ptr(map) as *const () as usize),
            _ => None,
        }
    }

    /// Missing or nil: what Go's executor treats as no value.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Missing | Value::Nil)
    }

    /// The string, if this is one (trusted text is a string too).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Safe(_, s) => Some(s),
            _ => None,
        }
    }

    /// Trusted text as the plain string it also is; other values as they are.
    pub fn plain(&self) -> Value {
        match self {
            Value::Safe(_, s) => Value::Str(s.clone()),
            other => other.clone(),
        }
    }

    /// Go's name of the value's type, for messages and `printf`'s `%!verb(type=value)`.
    pub fn type_name(&self) -> String {
        match self {
            Value::Missing | Value::Nil => "<nil>".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float64".into(),
            Value::Str(_) => "string".into(),
            Value::List(_) => "[]interface {}".into(),
            Value::Map(_) => "map[string]interface {}".into(),
            Value::Object(object) => object.type_name().to_owned(),
            Value::Safe(kind, _) => format!("template.{kind:?}")
                .replace("Html", "HTML")
                .replace("Url", "URL")
                .replace("Js", "JS")
                .replace("Css", "CSS"),
        }
    }

    /// The value as `fmt.Sprint` writes it (`%v`), at most [`MAX_TEXT`] bytes: a list that
    /// holds itself many times over (`slice $l $l`, again and again) is cut short, not
    /// written out.
    pub fn display(&self) -> String {
        let mut out = String::new();
        self.write_display(&mut out);
        if out.len() > MAX_TEXT {
            let mut cut = MAX_TEXT;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
        }
        out
    }

    /// The size that bounds a value a function makes: bytes of a string, entries of a list or
    /// map (what the executor refuses past [`MAX_TEXT`] and [`MAX_ITEMS`]).
    pub fn too_large(&self) -> Option<String> {
        match self {
            Value::Str(s) | Value::Safe(_, s) if s.len() > MAX_TEXT => Some(format!(
                "a string of {} bytes is more than {MAX_TEXT}",
                s.len()
            )),
            Value::List(items) if items.len() > MAX_ITEMS => Some(format!(
                "a list of {} items is more than {MAX_ITEMS}",
                items.len()
            )),
            Value::Map(map) if map.len() > MAX_ITEMS => Some(format!(
                "a map of {} entries is more than {MAX_ITEMS}",
                map.len()
            )),
            _ => None,
        }
    }

    fn write_display(&self, out: &mut String) {
        if out.len() > MAX_TEXT {
            return;
        }
        match self {
            Value::Missing => out.push_str("<no value>"),
            Value::Nil => out.push_str("<nil>"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&super::fmt::float_v(*f)),
            Value::Str(s) | Value::Safe(_, s) => out.push_str(s),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    item.write_nested(out);
                }
                out.push(']');
            }
            Value::Map(map) => {
                out.push_str("map[");
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(key);
                    out.push(':');
                    value.write_nested(out);
                }
                out.push(']');
            }
            Value::Object(object) => out.push_str(&object.display()),
        }
    }

    /// A value inside a list or map: Go writes a nil element as `<nil>` there.
    fn write_nested(&self, out: &mut String) {
        match self {
            Value::Missing => out.push_str("<nil>"),
            other => other.write_display(out),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::str(text)
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::str(text)
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Int(value)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl From<&serde_json::Value> for Value {
    /// JSON data as Hugo reads it: integers stay integers, other numbers are floats.
    fn from(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::str(s.as_str()),
            serde_json::Value::Array(items) => Value::list(items.iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => {
                Value::map(map.iter().map(|(k, v)| (k.clone(), Value::from(v))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_remember_a_bounded_number_of_lists() {
        let mut heights = Heights::default();
        let mut deepest = 0;
        for i in 0..200_000 {
            let made = Value::list(vec![Value::list(vec![Value::Int(i)])]);
            deepest = deepest.max(heights.of(&made));
        }
        assert_eq!(deepest, 2);
        assert!(heights.remembered() <= 2 * MAX_REMEMBERED + 2);
    }

    #[test]
    fn truth_as_go_defines_it() {
        for falsy in [
            Value::Missing,
            Value::Nil,
            Value::Bool(false),
            Value::Int(0),
            Value::Float(0.0),
            Value::str(""),
            Value::list(vec![]),
            Value::map([]),
        ] {
            assert!(!falsy.is_true(), "{falsy:?}");
        }
        assert!(Value::list(vec![Value::Nil]).is_true());
    }

    #[test]
    fn display_as_fmt_sprint() {
        let value = Value::map([
            (
                "b".to_owned(),
                Value::list(vec![Value::Int(1), Value::Missing, Value::str("x")]),
            ),
            ("a".to_owned(), Value::Float(1e6)),
        ]);
        assert_eq!(value.display(), "map[a:1e+06 b:[1 <nil> x]]");
        assert_eq!(Value::Missing.display(), "<no value>");
    }
}
