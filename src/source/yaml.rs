//! YAML and JSON text to [`Node`] trees, with libyaml's grammar and a position on every node.
//!
//! libyaml (through `libyaml-safer`, a line-by-line safe port) is the parser because the Matrix
//! corpus relies on what it accepts and strict YAML 1.2 parsers refuse: a flow map whose closing
//! brace sits at the parent key's indent. Scalars are typed with the YAML 1.2 core schema, as
//! `serde_yaml` does: quoted scalars are strings; plain ones may be null, bool, int or float.

use rustc_hash::FxHashMap as HashMap;

use libyaml_safer::{Event, EventData, Mark, Parser, ScalarStyle};

use super::FileId;
use super::node::{Entry, Key, KeyKind, Map, Node, Span, Value};
use crate::limits::{MAX_ALIAS_NODES, MAX_YAML_DEPTH};

/// A problem found while parsing one file.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseProblem {
    /// What kind of problem.
    pub kind: ParseProblemKind,
    /// Where it is.
    pub span: Span,
    /// What is wrong, in words.
    pub message: String,
    /// For duplicate keys: where the key was first given.
    pub first: Option<Span>,
}

/// The kinds of [`ParseProblem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseProblemKind {
    /// The text is not YAML that libyaml accepts.
    Syntax,
    /// A mapping repeats a key.
    DuplicateKey,
    /// The file goes past one of [`crate::limits`]: too deep, too many alias nodes, too large.
    Limit,
    /// The file is a link that leads outside the spec root; it was not read.
    OutsideRoot,
    /// An integer too large for 64 bits, read as the nearest float.
    InexactNumber,
}

/// Parses `text` as one YAML document. Returns the tree (None when the text is not YAML, or has
/// no document) and every problem found; duplicate keys are reported and the first value kept.
pub fn parse(file: FileId, text: &str) -> (Option<Node>, Vec<ParseProblem>) {
    let (node, _, problems) = parse_counted(file, text);
    (node, problems)
}

/// [`parse`], and the number of nodes the document has (aliases counted as what they
/// produce): what the file writes, against which `$ref` expansion is measured.
///
/// A document that looks like JSON is read by [`super::json`] first, which gives the same
/// events as libyaml, faster; text that is not strict JSON is then read by libyaml.
pub fn parse_counted(file: FileId, text: &str) -> (Option<Node>, u64, Vec<ParseProblem>) {
    if super::json::looks_like_json(text)
        && let Some(read) = parse_json(file, text)
    {
        return read;
    }
    parse_with_libyaml(file, text)
}

/// [`parse_counted`] by libyaml alone, whatever the text: what every document was read with
/// before the JSON reader, and its oracle in the tests and the `yaml` fuzz target.
pub fn parse_with_libyaml(file: FileId, text: &str) -> (Option<Node>, u64, Vec<ParseProblem>) {
    let mut builder = Builder::new(file);
    let read = builder.document(text);
    builder.finish(read)
}

/// `text` read by the JSON reader; None when it is not strict JSON.
fn parse_json(file: FileId, text: &str) -> Option<(Option<Node>, u64, Vec<ParseProblem>)> {
    let mut builder = Builder::new(file);
    let mut events = super::json::Events::new(text);
    let read = match builder.build(|| events.next_event().map_err(|_| Stop::NotJson)) {
        Ok(read) => Ok(read),
        Err(Stop::Problem(problem)) => Err(problem),
        Err(Stop::NotJson) => return None,
    };
    Some(builder.finish(read))
}

struct Builder {
    file: FileId,
    /// Anchored nodes with the number of nodes each stands for.
    anchors: HashMap<String, (Node, u64)>,
    /// Nodes produced by aliases so far (an alias of a map of 10 nodes produces 10).
    alias_nodes: u64,
    problems: Vec<ParseProblem>,
}

/// An open collection while events stream in, with the number of nodes inside it so far.
enum Frame {
    Seq {
        span: Span,
        anchor: Option<String>,
        items: Vec<Node>,
        nodes: u64,
    },
    Map {
        span: Span,
        anchor: Option<String>,
        map: Map,
        pending_key: Option<Key>,
        nodes: u64,
        /// The keys so far, once the map is large enough that scanning it for each new key
        /// would cost quadratic time (a hostile file may give one map 100,000 keys).
        keys: Option<HashMap<String, usize>>,
    },
}

/// Past this many entries, a map being built finds repeated keys through a hash set.
const SCANNED_KEYS: usize = 32;

impl Builder {
    fn new(file: FileId) -> Builder {
        Builder {
            file,
            anchors: HashMap::default(),
            alias_nodes: 0,
            problems: Vec::new(),
        }
    }

    /// The tree, its node count and every problem, once reading ended with `read`.
    fn finish(
        mut self,
        read: Result<Option<(Node, u64)>, ParseProblem>,
    ) -> (Option<Node>, u64, Vec<ParseProblem>) {
        let (node, nodes) = match read {
            Ok(Some((node, nodes))) => (Some(node), nodes),
            Ok(None) => (None, 0),
            Err(problem) => {
                self.problems.push(problem);
                (None, 0)
            }
        };
        (node, nodes, self.problems)
    }

    fn span(&self, mark: Mark) -> Span {
        span_of(self.file, mark)
    }

    fn syntax(&self, mark: Mark, message: String) -> Stop {
        Stop::Problem(ParseProblem {
            kind: ParseProblemKind::Syntax,
            span: self.span(mark),
            message,
            first: None,
        })
    }

    fn limit(&self, mark: Mark, message: String) -> Stop {
        Stop::Problem(ParseProblem {
            kind: ParseProblemKind::Limit,
            span: self.span(mark),
            message,
            first: None,
        })
    }

    /// The document of `text`, read by libyaml.
    fn document(&mut self, text: &str) -> Result<Option<(Node, u64)>, ParseProblem> {
        let mut parser = Parser::new();
        let mut input = text.as_bytes();
        parser.set_input_string(&mut input);
        let file = self.file;
        let read = self.build(|| {
            parser
                .parse()
                .map_err(|err| Stop::Problem(yaml_problem(file, text, &err)))
        });
        read.map_err(|stop| match stop {
            Stop::Problem(problem) => problem,
            // Only the JSON reader stops so.
            Stop::NotJson => ParseProblem {
                kind: ParseProblemKind::Syntax,
                span: Span::file_start(file),
                message: "YAML syntax: the parser stopped".into(),
                first: None,
            },
        })
    }

    /// The nodes of a stream of parser events.
    fn build(
        &mut self,
        mut next: impl FnMut() -> Result<Event, Stop>,
    ) -> Result<Option<(Node, u64)>, Stop> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<(Node, u64)> = None;
        let mut documents = 0;
        loop {
            let event = next()?;
            let span = self.span(event.start_mark);
            let opens = matches!(
                event.data,
                EventData::SequenceStart { .. } | EventData::MappingStart { .. }
            );
            if opens && stack.len() >= MAX_YAML_DEPTH {
                return Err(self.limit(
                    event.start_mark,
                    format!("collections nest more than {MAX_YAML_DEPTH} levels deep"),
                ));
            }
            // A complete node, with the number of nodes it stands for.
            let complete: Option<(Node, u64)> = match event.data {
                EventData::StreamEnd => return Ok(root),
                EventData::StreamStart { .. } | EventData::DocumentEnd { .. } => None,
                EventData::DocumentStart { .. } => {
                    documents += 1;
                    if documents > 1 {
                        return Err(self.syntax(
                            event.start_mark,
                            "a second YAML document in one file; a spec file holds one".into(),
                        ));
                    }
                    None
                }
                EventData::Alias { anchor } => match self.anchors.get(&anchor) {
                    Some((node, nodes)) => {
                        self.alias_nodes = self.alias_nodes.saturating_add(*nodes);
                        if self.alias_nodes > MAX_ALIAS_NODES {
                            return Err(self.limit(
                                event.start_mark,
                                format!(
                                    "aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)"
                                ),
                            ));
                        }
                        Some((node.clone(), *nodes))
                    }
                    None => {
                        return Err(self.syntax(
                            event.start_mark,
                            format!("alias *{anchor} names no anchor defined before it"),
                        ));
                    }
                },
                EventData::Scalar {
                    anchor,
                    tag,
                    value,
                    style,
                    ..
                } => {
                    let text = value;
                    let value = scalar(&text, style, tag.as_deref());
                    if let Value::Float(float) = value
                        && (parse_int(&text).is_some() || is_integer_text(&text))
                    {
                        // Every reader of the model (checks, dumps, crates) sees the float.
                        self.problems.push(ParseProblem {
                                kind: ParseProblemKind::InexactNumber,
                                span,
                                message: format!(
                                    "the integer {} does not fit in 64 bits: it is read, checked and dumped as {float:e}",
                                    crate::escape::printable(&text)
                                ),
                                first: None,
                            });
                    }
                    let node = Node { value, span };
                    if let Some(anchor) = anchor {
                        self.anchors.insert(anchor, (node.clone(), 1));
                    }
                    Some((node, 1))
                }
                EventData::SequenceStart { anchor, .. } => {
                    stack.push(Frame::Seq {
                        span,
                        anchor,
                        items: Vec::new(),
                        nodes: 1,
                    });
                    None
                }
                EventData::MappingStart { anchor, .. } => {
                    stack.push(Frame::Map {
                        span,
                        anchor,
                        map: Map::default(),
                        pending_key: None,
                        nodes: 1,
                        keys: None,
                    });
                    None
                }
                EventData::SequenceEnd | EventData::MappingEnd => {
                    let (node, anchor, nodes) = match stack.pop() {
                        Some(Frame::Seq {
                            span,
                            anchor,
                            items,
                            nodes,
                        }) => (Node::seq(items, span), anchor, nodes),
                        Some(Frame::Map {
                            span,
                            anchor,
                            map,
                            nodes,
                            ..
                        }) => (Node::map(map, span), anchor, nodes),
                        // libyaml balances collection events; an unbalanced end is a syntax
                        // problem all the same.
                        None => {
                            return Err(
                                self.syntax(event.start_mark, "an unbalanced end event".into())
                            );
                        }
                    };
                    if let Some(anchor) = anchor {
                        self.anchors.insert(anchor, (node.clone(), nodes));
                    }
                    Some((node, nodes))
                }
            };
            if let Some((node, size)) = complete {
                match stack.last_mut() {
                    None => root = Some((node, size)),
                    Some(Frame::Seq { items, nodes, .. }) => {
                        *nodes = nodes.saturating_add(size);
                        items.push(node);
                    }
                    Some(Frame::Map {
                        map,
                        pending_key,
                        nodes,
                        keys,
                        ..
                    }) => match pending_key.take() {
                        None => *pending_key = Some(key_of(node)?),
                        Some(key) => {
                            if keys.is_none() && map.entries.len() >= SCANNED_KEYS {
                                *keys = Some(
                                    map.entries
                                        .iter()
                                        .enumerate()
                                        .map(|(i, e)| (e.key.text.clone(), i))
                                        .collect(),
                                );
                            }
                            let first = match keys {
                                Some(keys) => match keys.get(&key.text) {
                                    Some(&i) => map.entries.get(i),
                                    None => {
                                        keys.insert(key.text.clone(), map.entries.len());
                                        None
                                    }
                                },
                                None => map.entry(&key.text),
                            };
                            if let Some(first) = first {
                                self.problems.push(ParseProblem {
                                    kind: ParseProblemKind::DuplicateKey,
                                    span: key.span,
                                    message: format!("duplicate key `{}`", key.text),
                                    first: Some(first.key.span),
                                });
                            } else {
                                *nodes = nodes.saturating_add(size);
                                map.entries.push(Entry { key, value: node });
                            }
                        }
                    },
                }
            }
        }
    }
}

/// Why reading events stopped before the stream's end.
enum Stop {
    /// A problem of the text, reported.
    Problem(ParseProblem),
    /// The text is not strict JSON: it is read with libyaml instead.
    NotJson,
}

impl From<ParseProblem> for Stop {
    fn from(problem: ParseProblem) -> Stop {
        Stop::Problem(problem)
    }
}

/// The position of a libyaml mark (0-based) in `file`.
fn span_of(file: FileId, mark: Mark) -> Span {
    Span {
        file,
        line: u32::try_from(mark.line + 1).unwrap_or(u32::MAX),
        column: u32::try_from(mark.column + 1).unwrap_or(u32::MAX),
    }
}

/// libyaml's error as a problem of `file`, whose text is `text`.
fn yaml_problem(file: FileId, text: &str, err: &libyaml_safer::Error) -> ParseProblem {
    let message = syntax_message(err);
    // A reader error (a control character) has an offset instead of a mark.
    if let (None, Some(offset)) = (err.problem_mark(), err.problem_offset()) {
        return ParseProblem {
            kind: ParseProblemKind::Syntax,
            span: Span::at_offset(file, text, offset.min(text.len())),
            message,
            first: None,
        };
    }
    let span = span_of(file, err.problem_mark().unwrap_or_default());
    // The scanner's own nesting bound (see vendor/libyaml-safer/MXSPEC.md).
    if message.contains("exceeded the maximum nesting depth") {
        ParseProblem {
            kind: ParseProblemKind::Limit,
            span,
            message: format!(
                "collections nest more than {} levels deep (the YAML scanner's bound)",
                libyaml_safer::MAX_NESTING_LEVEL
            ),
            first: None,
        }
    } else {
        ParseProblem {
            kind: ParseProblemKind::Syntax,
            span,
            message,
            first: None,
        }
    }
}

/// Turns a complete node in key position into a [`Key`]; only scalars can be keys in a spec.
fn key_of(node: Node) -> Result<Key, ParseProblem> {
    let (text, kind) = match node.value {
        Value::Str(s) => (s, KeyKind::Str),
        Value::Int(i) => (i.to_string(), KeyKind::Int),
        Value::Null => ("null".to_owned(), KeyKind::Other),
        Value::Bool(b) => (b.to_string(), KeyKind::Other),
        Value::Float(f) => (f.to_string(), KeyKind::Other),
        Value::Seq(_) | Value::Map(_) => {
            return Err(ParseProblem {
                kind: ParseProblemKind::Syntax,
                span: node.span,
                message: format!("a {} cannot be a mapping key here", node.value.type_name()),
                first: None,
            });
        }
    };
    Ok(Key {
        text,
        kind,
        span: node.span,
    })
}

fn syntax_message(err: &libyaml_safer::Error) -> String {
    // libyaml's text reads "Parser error: line L column C: <problem> (line L2 column C2)"; the
    // diagnostic carries the position itself, so only the problem and its context remain.
    let text = err.to_string();
    let problem = match text
        .find(": line ")
        .and_then(|at| text[at + 2..].find(": ").map(|end| at + 2 + end + 2))
    {
        Some(start) => &text[start..],
        None => &text,
    };
    format!("YAML syntax: {problem}")
}

/// Types a scalar with the YAML 1.2 core schema (plus the explicit core tags).
fn scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("tag:yaml.org,2002:str") => return Value::Str(text.to_owned()),
        Some("tag:yaml.org,2002:null") => return Value::Null,
        Some("tag:yaml.org,2002:bool" | "tag:yaml.org,2002:int" | "tag:yaml.org,2002:float") => {
            return plain(text);
        }
        _ => {}
    }
    if style == ScalarStyle::Plain {
        plain(text)
    } else {
        Value::Str(text.to_owned())
    }
}

fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    if let Some(int) = parse_int(text) {
        return int;
    }
    if looks_like_float(text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(text.to_owned())
}

fn parse_int(text: &str) -> Option<Value> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(oct) = digits.strip_prefix("0o") {
        (8, oct)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    Some(match i64::try_from(value) {
        Ok(int) => Value::Int(int),
        Err(_) => Value::Float(value as f64),
    })
}

/// Whether `text` is written as a decimal integer (a sign, then digits only), however large.
fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

fn looks_like_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut digits = false;
    for c in body.chars() {
        match c {
            '0'..='9' => digits = true,
            '.' | 'e' | 'E' | '-' | '+' => {}
            _ => return false,
        }
    }
    digits && body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        parse(FileId(0), text).0.expect("a document").value
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        assert_eq!(value("~"), Value::Null);
        assert_eq!(value("true"), Value::Bool(true));
        assert_eq!(value("yes"), Value::Str("yes".into()));
        assert_eq!(value("42"), Value::Int(42));
        assert_eq!(value("-0x1f"), Value::Int(-31));
        assert_eq!(value("1.5e3"), Value::Float(1500.0));
        assert_eq!(value("'42'"), Value::Str("42".into()));
        assert_eq!(value("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(value("!!str 42"), Value::Str("42".into()));
    }

    #[test]
    fn json_surrogate_pairs_are_one_character_and_lone_surrogates_an_error() {
        // What Python's `json.dumps` writes for "a 😀 b".
        let node = parse(FileId(0), r#"{"d": "a \ud83d\ude00 b"}"#).0.unwrap();
        assert_eq!(node.get_str("d"), Some("a \u{1F600} b"));
        assert_eq!(value(r#""\uD83D\uDE00""#), Value::Str("\u{1F600}".into()));
        for lone in [
            r#""\ud83d""#,
            r#""\ud83d x""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
        ] {
            let (_, problems) = parse(FileId(0), lone);
            assert!(!problems.is_empty(), "{lone}");
        }
    }

    /// Whether `text` was read by the JSON reader (it did not fall back to libyaml).
    fn read_as_json(text: &str) -> bool {
        parse_json(FileId(0), text).is_some()
    }

    #[test]
    fn json_reads_as_libyaml_reads_it_positions_and_problems_included() {
        let documents = [
            "{}",
            "[]",
            " \n {\"a\": 1}\n",
            "\u{feff}{\"a\": [1, -2, 3.5, -0.0, 1e5, 2E-3, 0, true, false, null]}",
            "{\"openapi\": \"3.1.0\",\r\n  \"info\": {\"title\": \"caf\u{e9} \\u00e9 \\ud83d\\ude00\",\n \"version\": \"1\"}}",
            "{\"esc\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\"}",
            "{\"200\": {\"x\": \"\u{1F600}\u{1F600}\", \"y\": [[[{}]]]}, \"a\": \"a\", \"a\": 2}",
            "[12345678901234567890, -9223372036854775808, 9223372036854775807]",
            "{\"k\":\n\n  [\n    \"v\"\n  ]\n}",
        ];
        for text in documents {
            assert!(read_as_json(text), "{text:?} is JSON");
            assert_eq!(
                parse_counted(FileId(0), text),
                parse_with_libyaml(FileId(0), text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn json_that_libyaml_refuses_is_read() {
        // JSON allows a tab wherever it allows a space; YAML not to indent a block.
        let text = " \n\t{\"a\":\t1}\n";
        assert!(parse_with_libyaml(FileId(0), text).0.is_none());
        let (node, _, problems) = parse_counted(FileId(0), text);
        assert!(problems.is_empty(), "{problems:?}");
        let node = node.unwrap();
        assert_eq!(
            node.get("a")
                .map(|n| (&n.value, n.span.line, n.span.column)),
            Some((&Value::Int(1), 2, 8))
        );
    }

    #[test]
    fn text_that_is_not_strict_json_is_read_by_libyaml() {
        for text in [
            "{a: 1}",
            "{\"a\": 1,}",
            "[1, 2,]",
            "{\"a\": 01}",
            "{\"a\": .5}",
            "{\"a\": 'x'}",
            "{\"a\": \"x\"} # comment",
            "{\"a\": \"tab\tinside\"}",
            "{\"a\": 1} {\"b\": 2}",
            "[1 2]",
            "{\"a\" 1}",
            "[\"\\x\"]",
            "[\"\\ud83d\"]",
            "[",
            "{\"a\": tru}",
        ] {
            assert!(!read_as_json(text), "{text:?} is not strict JSON");
            assert_eq!(
                parse_counted(FileId(0), text),
                parse_with_libyaml(FileId(0), text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn json_nesting_is_bounded_where_yaml_nesting_is() {
        let deep = "[".repeat(100_000);
        let (node, _, problems) = parse_counted(FileId(0), &deep);
        assert!(node.is_none());
        assert_eq!(problems[0].kind, ParseProblemKind::Limit, "{problems:?}");
        let deep = format!(
            "{}{}",
            "[".repeat(MAX_YAML_DEPTH + 1),
            "]".repeat(MAX_YAML_DEPTH + 1)
        );
        assert!(read_as_json(&deep));
        assert_eq!(
            parse_counted(FileId(0), &deep).2[0].kind,
            ParseProblemKind::Limit
        );
    }

    #[test]
    fn integer_keys_are_marked() {
        let node = parse(FileId(0), "200: a\n'200': b\n").0.unwrap();
        let kinds: Vec<_> = node
            .as_map()
            .unwrap()
            .entries
            .iter()
            .map(|e| e.key.kind)
            .collect();
        // The quoted duplicate of `200` is reported, so only the first survives.
        assert_eq!(kinds, [KeyKind::Int]);
    }

    #[test]
    fn flow_map_closing_at_parent_indent_is_accepted() {
        let text = "a:\n  b: {\n    \"c\": 1\n  }\nd: 2\n";
        let (node, problems) = parse(FileId(0), text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            node.unwrap().pointer("/a/b/c").unwrap().value,
            Value::Int(1)
        );
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places() {
        let (_, problems) = parse(FileId(0), "a: 1\nb: 2\na: 3\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ParseProblemKind::DuplicateKey);
        assert_eq!((problems[0].span.line, problems[0].span.column), (3, 1));
        assert_eq!(problems[0].first.map(|s| s.line), Some(1));
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let (node, problems) = parse(FileId(0), "a:\n  b: 1\n c: 2\n");
        assert!(node.is_none());
        assert_eq!(problems[0].kind, ParseProblemKind::Syntax);
        assert_eq!(problems[0].span.line, 3);
    }

    #[test]
    fn aliases_copy_the_anchored_node() {
        let node = parse(FileId(0), "a: &x {k: 1}\nb: *x\n").0.unwrap();
        assert_eq!(node.pointer("/b/k").unwrap().value, Value::Int(1));
    }

    #[test]
    fn spans_are_one_based() {
        let node = parse(FileId(0), "a:\n  b: c\n").0.unwrap();
        let span = node.pointer("/a/b").unwrap().span;
        assert_eq!((span.line, span.column), (2, 6));
    }
}
