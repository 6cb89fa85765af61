//! A value a schema accepts, made for a request that a validating server must take: the
//! schema's own example, else its `const`, `default` or first `enum` value, else one built
//! from its type and bounds (the required properties only, `minItems` items, a string in its
//! `format`, of its `minLength`, matching its `pattern`, a number inside its bounds).
//!
//! A resolved schema can be a cycle (a tree of comments that holds comments), so the walk is
//! bounded in depth; a required cycle gives no sample.

use serde_json::{Map as JMap, Value as J};

use super::Dialect;
use crate::source::{Node, Span, Value};

/// How deep a sample may nest before the schema is taken for a cycle.
const MAX_DEPTH: usize = 24;

/// How many schemas one sample may visit: a resolved graph shares its subtrees, so a walk
/// bounded only in depth could still visit a hostile one exponentially often.
const MAX_STEPS: usize = 100_000;

/// What a sample is for: a request leaves out `readOnly` properties, which only responses
/// carry, even where they are required.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A value sent to the server.
    Request,
    /// A value the server sends.
    Response,
}

/// Makes samples of the schemas of one dialect.
pub struct Sampler<'a> {
    dialect: Dialect,
    direction: Direction,
    /// Whether an example at this place may be used (`check` may find it wrong).
    usable: &'a dyn Fn(Span) -> bool,
    /// Schemas the current sample may still visit.
    steps: std::cell::Cell<usize>,
}

impl<'a> Sampler<'a> {
    /// A sampler for `direction`; examples whose place `usable` refuses are not used.
    pub fn new(dialect: Dialect, direction: Direction, usable: &'a dyn Fn(Span) -> bool) -> Self {
        Sampler {
            dialect,
            direction,
            usable,
            steps: std::cell::Cell::new(0),
        }
    }

    /// A value `schema` accepts; None when none could be made (a `false` schema, a cycle of
    /// required properties).
    pub fn sample(&self, schema: &Node) -> Option<J> {
        self.steps.set(MAX_STEPS);
        self.at(schema, 0)
    }

    /// Takes a step; false when the sample's steps are spent or it is nested too deep.
    fn step(&self, depth: usize) -> bool {
        let left = self.steps.get();
        self.steps.set(left.saturating_sub(1));
        left > 0 && depth <= MAX_DEPTH
    }

    /// An example written for the value itself (a parameter's, a body's), when usable.
    pub fn example(&self, example: &Node) -> Option<J> {
        (self.usable)(example.span).then(|| example.to_json())
    }

    fn at(&self, schema: &Node, depth: usize) -> Option<J> {
        if !self.step(depth) {
            return None;
        }
        let map = match &schema.value {
            Value::Bool(false) => return None,
            Value::Map(map) => map,
            _ => return Some(J::String("x".into())),
        };
        if let Some(given) = self.given(schema) {
            return Some(given);
        }
        let own = match self.of_type(schema, depth) {
            // An object told in `allOf` parts is made whole here, where every part's
            // properties are in sight.
            None if map.get("allOf").is_some() && self.objectish(schema, 0) => {
                self.object(schema, depth)
            }
            own => own,
        };
        // `allOf`: every part must hold, so objects merge; another part's value stands when
        // the schema itself says nothing of its type.
        let mut merged = own;
        if let Some(parts) = map.get("allOf").and_then(Node::as_seq) {
            for part in parts {
                let value = self.at(part, depth + 1)?;
                merged = Some(match (merged, value) {
                    (Some(J::Object(mut into)), J::Object(from)) => {
                        for (key, value) in from {
                            into.entry(key).or_insert(value);
                        }
                        J::Object(into)
                    }
                    (Some(J::Object(into)), other) if into.is_empty() => other,
                    (Some(kept), _) => kept,
                    (None, value) => value,
                });
            }
        }
        if merged.is_none()
            || merged
                .as_ref()
                .is_some_and(|v| v == &J::Object(JMap::new()))
        {
            for key in ["oneOf", "anyOf"] {
                let Some(choices) = map.get(key).and_then(Node::as_seq) else {
                    continue;
                };
                if let Some(value) = choices.iter().find_map(|c| self.at(c, depth + 1)) {
                    return Some(match (merged, value) {
                        (Some(J::Object(mut into)), J::Object(from)) => {
                            into.extend(from);
                            J::Object(into)
                        }
                        (_, value) => value,
                    });
                }
            }
        }
        merged.or_else(|| Some(J::String("x".into())))
    }

    /// A value the schema gives: an example, `const`, `default` or an `enum` value.
    fn given(&self, schema: &Node) -> Option<J> {
        let usable = |node: &Node| (self.usable)(node.span).then(|| node.to_json());
        if let Some(value) = schema.get("example").and_then(usable) {
            return Some(value);
        }
        if self.dialect == Dialect::Draft2020
            && let Some(first) = schema
                .get("examples")
                .and_then(Node::as_seq)
                .and_then(|list| list.first())
                .and_then(usable)
        {
            return Some(first);
        }
        if let Some(value) = schema.get("const") {
            return Some(value.to_json());
        }
        if let Some(value) = schema.get("default") {
            return Some(value.to_json());
        }
        let values = schema.get("enum").and_then(Node::as_seq)?;
        values
            .iter()
            .find(|v| v.value != Value::Null)
            .or(values.first())
            .map(Node::to_json)
    }

    /// A value built from the schema's type and bounds; None when it has no type of its own.
    fn of_type(&self, schema: &Node, depth: usize) -> Option<J> {
        let kind = match schema.get("type").map(|t| &t.value) {
            Some(Value::Str(kind)) => kind.as_str(),
            Some(Value::Seq(kinds)) => kinds
                .iter()
                .filter_map(Node::as_str)
                .find(|k| *k != "null")
                .unwrap_or("null"),
            _ if schema.get("properties").is_some() || schema.get("required").is_some() => "object",
            _ if schema.get("items").is_some() => "array",
            _ if ["format", "pattern", "minLength"]
                .iter()
                .any(|k| schema.get(k).is_some()) =>
            {
                "string"
            }
            _ => return None,
        };
        match kind {
            "object" => self.object(schema, depth),
            "array" => {
                let count = count(schema.get("minItems")).min(8);
                let items = schema.get("items").filter(|i| i.as_map().is_some());
                let item = match items {
                    Some(items) => self.at(items, depth + 1)?,
                    None if count == 0 => return Some(J::Array(Vec::new())),
                    None => J::String("x".into()),
                };
                Some(J::Array(vec![item; count]))
            }
            "string" => Some(J::String(string(schema))),
            "integer" | "number" => Some(number(schema, kind == "integer", self.dialect)),
            "boolean" => Some(J::Bool(true)),
            "null" => Some(J::Null),
            _ => None,
        }
    }

    fn object(&self, schema: &Node, depth: usize) -> Option<J> {
        let mut made = JMap::new();
        let mut required = Vec::new();
        self.required_names(schema, 0, &mut required);
        for name in required {
            let property = self.property(schema, name, 0);
            let skipped = match self.direction {
                Direction::Request => "readOnly",
                Direction::Response => "writeOnly",
            };
            if property
                .and_then(|p| p.get(skipped))
                .and_then(Node::as_bool)
                == Some(true)
            {
                continue;
            }
            let value = match property.or_else(|| schema.get("additionalProperties")) {
                Some(property) if property.as_map().is_some() => self.at(property, depth + 1)?,
                _ => J::String("x".into()),
            };
            made.insert(name.to_owned(), value);
        }
        Some(J::Object(made))
    }

    /// The schema of property `name`: the schema's own, else one an `allOf` part declares (a
    /// part may require what another describes).
    fn property<'n>(&self, schema: &'n Node, name: &str, depth: usize) -> Option<&'n Node> {
        if !self.step(depth) {
            return None;
        }
        if let Some(own) = schema.get("properties").and_then(|p| p.get(name)) {
            return Some(own);
        }
        schema
            .get("allOf")
            .and_then(Node::as_seq)?
            .iter()
            .find_map(|part| self.property(part, name, depth + 1))
    }

    /// The required property names of an object schema and of its `allOf` parts.
    fn required_names<'n>(&self, schema: &'n Node, depth: usize, names: &mut Vec<&'n str>) {
        if !self.step(depth) {
            return;
        }
        let own = schema
            .get("required")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for name in own.iter().filter_map(Node::as_str) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for part in schema
            .get("allOf")
            .and_then(Node::as_seq)
            .unwrap_or_default()
        {
            self.required_names(part, depth + 1, names);
        }
    }

    /// Whether a schema or one of its `allOf` parts describes an object.
    fn objectish(&self, schema: &Node, depth: usize) -> bool {
        self.step(depth)
            && (schema.get_str("type") == Some("object")
                || schema.get("properties").is_some()
                || schema.get("required").is_some()
                || schema
                    .get("allOf")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .any(|part| self.objectish(part, depth + 1)))
    }
}

/// A non-negative count keyword (`minItems`).
fn count(node: Option<&Node>) -> usize {
    match node.map(|n| &n.value) {
        Some(Value::Int(n)) => usize::try_from(*n).unwrap_or(0),
        _ => 0,
    }
}

/// A string in the schema's format, of its length, matching its pattern where one can be
/// made.
fn string(schema: &Node) -> String {
    let mut text = match schema.get_str("format").unwrap_or_default() {
        "date-time" => "2024-01-01T00:00:00Z",
        "date" => "2024-01-01",
        "time" => "00:00:00Z",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => "https://example.com/",
        "uuid" => "00000000-0000-4000-8000-000000000000",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "hostname" | "idn-hostname" => "example.com",
        "byte" => "eA==",
        _ => "x",
    }
    .to_owned();
    if let Some(pattern) = schema.get_str("pattern")
        && let Some(made) = matching(pattern)
    {
        text = made;
    }
    let min = count(schema.get("minLength"));
    while text.chars().count() < min {
        text.push('x');
    }
    if let Some(max) = schema.get("maxLength").map(|n| count(Some(n)))
        && text.chars().count() > max
    {
        text = text.chars().take(max).collect();
    }
    text
}

/// The longest string a pattern's sample may be.
const MAX_MATCH: usize = 4096;

/// The shortest string `pattern` takes (each repetition at its least, the first branch of an
/// alternation), when the pattern parses and is small; None otherwise.
pub fn matching(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Hir, HirKind};
    // `steps` bounds the walk where `out` does not grow (`(){4000}` nested).
    fn walk(hir: &Hir, out: &mut String, depth: usize, steps: &mut usize) -> Option<()> {
        *steps = steps.checked_sub(1)?;
        if depth > 64 || out.len() > MAX_MATCH {
            return None;
        }
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
            HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
                // A printable character of the class: its first range's start, or past a
                // control character.
                let range = class.ranges().iter().find(|r| r.end() > ' ')?;
                out.push(range.start().max('!'));
            }
            HirKind::Class(regex_syntax::hir::Class::Bytes(class)) => {
                let range = class.ranges().iter().find(|r| r.end() > b' ')?;
                out.push(char::from(range.start().max(b'!')));
            }
            HirKind::Repetition(repetition) => {
                // Each pass adds to `out`, whose length is bounded above: a count past it
                // fails there rather than making a string that does not match.
                for _ in 0..repetition.min.min(4097) {
                    walk(&repetition.sub, out, depth + 1, steps)?;
                }
            }
            HirKind::Capture(capture) => walk(&capture.sub, out, depth + 1, steps)?,
            HirKind::Concat(parts) => {
                for part in parts {
                    walk(part, out, depth + 1, steps)?;
                }
            }
            HirKind::Alternation(branches) => walk(branches.first()?, out, depth + 1, steps)?,
        }
        Some(())
    }
    if pattern.len() > 1024 {
        return None;
    }
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(64)
        .build()
        .parse(pattern)
        .ok()?;
    let mut out = String::new();
    walk(&hir, &mut out, 0, &mut 100_000)?;
    if out.len() > MAX_MATCH {
        return None;
    }
    // Unanchored, the pattern finds its match anywhere; anchored, the string is all of it.
    Some(out)
}

/// A number inside the schema's bounds, on its `multipleOf`.
fn number(schema: &Node, integer: bool, dialect: Dialect) -> J {
    let float = |key: &str| match schema.get(key).map(|n| &n.value) {
        Some(Value::Int(n)) => Some(*n as f64),
        Some(Value::Float(f)) => Some(*f),
        _ => None,
    };
    // Draft 4 marks a bound exclusive with a boolean; 2020-12 gives the bound itself.
    let flag = |key: &str| schema.get(key).and_then(Node::as_bool) == Some(true);
    let step = if integer { 1.0 } else { 0.5 };
    let (mut low, mut high) = (float("minimum"), float("maximum"));
    if dialect == Dialect::Draft2020 {
        if let Some(bound) = float("exclusiveMinimum") {
            low = Some(low.map_or(bound + step, |l| l.max(bound + step)));
        }
        if let Some(bound) = float("exclusiveMaximum") {
            high = Some(high.map_or(bound - step, |h| h.min(bound - step)));
        }
    } else {
        if flag("exclusiveMinimum") {
            low = low.map(|l| l + step);
        }
        if flag("exclusiveMaximum") {
            high = high.map(|h| h - step);
        }
    }
    let mut value = 1.0f64;
    if let Some(low) = low {
        value = value.max(low);
    }
    if let Some(high) = high {
        value = value.min(high);
    }
    if let Some(step) = float("multipleOf").filter(|m| *m > 0.0) {
        value = (value / step).ceil() * step;
    }
    if integer || value.fract() == 0.0 && value.abs() < 9.0e15 {
        J::from(value.ceil() as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(J::from(1), J::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Node {
        crate::source::yaml::parse(crate::source::FileId(0), text)
            .0
            .unwrap()
    }

    fn sample(yaml: &str, dialect: Dialect) -> Option<J> {
        let node = parse(yaml);
        Sampler::new(dialect, Direction::Request, &|_| true).sample(&node)
    }

    #[test]
    fn an_example_or_a_given_value_comes_first() {
        let made = sample(
            "{type: string, example: abc, default: d}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(J::from("abc")));
        let made = sample("{type: string, enum: [null, b]}", Dialect::OpenApi30);
        assert_eq!(made, Some(J::from("b")));
        let made = sample("{type: integer, examples: [7]}", Dialect::Draft2020);
        assert_eq!(made, Some(J::from(7)));
    }

    #[test]
    fn an_object_has_its_required_properties_but_not_read_only_ones() {
        let made = sample(
            "{type: object, required: [a, id, b], properties: {a: {type: integer, minimum: 3}, id: {type: string, readOnly: true}, b: {type: array, minItems: 2, items: {type: boolean}}, c: {type: string}}}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(serde_json::json!({"a": 3, "b": [true, true]})));
    }

    #[test]
    fn all_of_merges_and_one_of_takes_the_first_that_works() {
        let made = sample(
            "{allOf: [{type: object, required: [a], properties: {a: {type: string, format: date}}}, {required: [b], properties: {b: {const: 2}}}]}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(serde_json::json!({"a": "2024-01-01", "b": 2})));
        let made = sample(
            "{oneOf: [false, {type: number, maximum: 0.25}]}",
            Dialect::Draft2020,
        );
        assert_eq!(made, Some(serde_json::json!(0.25)));
    }

    #[test]
    fn a_property_required_in_one_part_of_all_of_is_described_by_another() {
        let made = sample(
            "{allOf: [{required: [n]}, {properties: {n: {type: integer, minimum: 2}}}]}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(serde_json::json!({"n": 2})));
    }

    #[test]
    fn bounds_and_multiples_hold() {
        let made = sample(
            "{type: integer, minimum: 10, exclusiveMinimum: true, multipleOf: 5}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(J::from(15)));
        let made = sample("{type: integer, exclusiveMaximum: 0}", Dialect::Draft2020);
        assert_eq!(made, Some(J::from(-1)));
        let made = sample(
            "{type: string, minLength: 3, maxLength: 4}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(J::from("xxx")));
    }

    #[test]
    fn a_pattern_gives_its_shortest_match() {
        assert_eq!(matching("^[a-z0-9]+(-[a-z]+)*$").as_deref(), Some("0"));
        assert_eq!(matching(r"^\d{3}-[A-F]{2}$").as_deref(), Some("000-AA"));
        assert_eq!(matching("a|b").as_deref(), Some("a"));
        assert_eq!(matching("(").as_deref(), None);
        let made = sample("{type: string, pattern: '^v[0-9]+$'}", Dialect::OpenApi30);
        assert_eq!(made, Some(J::from("v0")));
    }

    #[test]
    fn a_shared_graph_is_not_walked_exponentially() {
        // Forty levels of `allOf` whose four parts are one shared schema: 4^40 paths.
        let mut level = parse("{type: object, required: [a]}");
        for _ in 0..40 {
            let parts = crate::source::Value::Seq(std::sync::Arc::new(vec![level; 4]));
            let mut map = crate::source::Map::default();
            map.entries.push(crate::source::Entry {
                key: crate::source::Key {
                    text: "allOf".into(),
                    kind: crate::source::KeyKind::Str,
                    span: Span::file_start(crate::source::FileId(0)),
                },
                value: Node {
                    value: parts,
                    span: Span::file_start(crate::source::FileId(0)),
                },
            });
            level = Node {
                value: crate::source::Value::Map(std::sync::Arc::new(map)),
                span: Span::file_start(crate::source::FileId(0)),
            };
        }
        let sampler = Sampler::new(Dialect::OpenApi30, Direction::Request, &|_| true);
        // Whatever it makes, it ends: the steps are bounded.
        let _ = sampler.sample(&level);
        assert_eq!(sampler.steps.get(), 0);
    }

    #[test]
    fn a_pattern_that_would_make_a_huge_or_unprintable_string_gives_none() {
        assert_eq!(matching("(a{1000}){1000}"), None);
        assert_eq!(matching("((((x{200}){200}){200}){200})"), None);
        assert_eq!(matching("[\\x00-\\x1f]"), None);
        assert_eq!(matching("^a{300}$").map(|m| m.len()), Some(300));
        // Repetitions of what adds nothing end too (by the step bound, where the parser keeps
        // them): the empty string or none.
        for pattern in [
            "((((){4000}){4000}){4000}){4000}",
            r"((((\b){4000}){4000}){4000}){4000}",
        ] {
            assert!(matching(pattern).is_none_or(|m| m.is_empty()), "{pattern}");
        }
        assert_eq!(matching(&"(".repeat(2000)), None);
        // Without a match, the string falls back to its format and length.
        let made = sample(
            "{type: string, pattern: '(a{1000}){1000}', minLength: 2}",
            Dialect::OpenApi30,
        );
        assert_eq!(made, Some(J::from("xx")));
    }

    #[test]
    fn a_required_cycle_gives_no_sample() {
        let node = parse("{type: object, required: [next], properties: {next: {$ref: '#'}}}");
        // Unresolved here, the ref is a schema of no type: a string stands for it.
        let made = Sampler::new(Dialect::OpenApi30, Direction::Request, &|_| true).sample(&node);
        assert_eq!(made, Some(serde_json::json!({"next": "x"})));
    }
}
