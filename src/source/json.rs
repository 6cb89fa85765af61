//! JSON text as the events libyaml would give for it, read without libyaml: one pass over the
//! bytes with no recursion (nesting is bounded where the events become nodes, in `yaml.rs`).
//!
//! Why: a JSON document is a YAML flow document, and libyaml reads it correctly but slowly
//! (GitHub's 13 MB description: 238 ms, against 76 ms here; a run's serial part), and refuses some
//! JSON (a tab where YAML wants spaces). This reader gives the same events for every document
//! both accept, so the tree, its positions and its problems are the same: strings are
//! double-quoted scalars and numbers, `true`, `false` and `null` plain ones, typed by the one
//! YAML core schema of `yaml.rs`. Text that is not strict JSON is an [`NotJson`] error, and
//! the caller reads it with libyaml instead, exactly as before.
//!
//! Positions are libyaml's: 0-based lines and columns counted in characters, a line break
//! being `\n`, `\r\n` or a lone `\r`.

use libyaml_safer::{Event, EventData, MappingStyle, Mark, ScalarStyle, SequenceStyle};

/// The text is not strict JSON (RFC 8259): read it as YAML.
#[derive(Debug, PartialEq, Eq)]
pub struct NotJson;

/// Whether `text` looks like a JSON document (its first character that is not white space opens
/// an object or an array), so reading it as JSON first is worth trying.
pub fn looks_like_json(text: &str) -> bool {
    matches!(
        text.trim_start_matches('\u{feff}')
            .trim_start_matches([' ', '\t', '\n', '\r'])
            .as_bytes()
            .first(),
        Some(b'{' | b'[')
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Array,
    Object,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StreamStart,
    DocumentStart,
    /// A value is due.
    Value,
    /// Just after `[`: a value or `]`.
    ArrayFirst,
    /// Just after `{`: a key or `}`.
    ObjectFirst,
    /// A key is due (after `,` in an object).
    Key,
    /// After a value: `,` or the end of its container, or the end of the document.
    AfterValue,
    DocumentEnd,
    StreamEnd,
    Done,
}

/// The events of one JSON document, pulled one at a time.
pub struct Events<'t> {
    bytes: &'t [u8],
    pos: usize,
    line: u64,
    column: u64,
    stack: Vec<Container>,
    state: State,
}

impl<'t> Events<'t> {
    /// Events of `text`.
    pub fn new(text: &'t str) -> Events<'t> {
        let bytes = text.as_bytes();
        let pos = if bytes.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        Events {
            bytes,
            pos,
            line: 0,
            column: 0,
            stack: Vec::new(),
            state: State::StreamStart,
        }
    }

    fn mark(&self) -> Mark {
        // libyaml's types are non-exhaustive: made by their own constructors, then filled.
        let mut mark = Mark::default();
        mark.index = self.pos as u64;
        mark.line = self.line;
        mark.column = self.column;
        mark
    }

    fn event(&self, data: EventData, start: Mark) -> Event {
        let mut event = Event::stream_end();
        event.data = data;
        event.start_mark = start;
        event.end_mark = self.mark();
        event
    }

    fn skip_space(&mut self) {
        while let Some(&byte) = self.bytes.get(self.pos) {
            match byte {
                b' ' | b'\t' => self.column += 1,
                b'\n' => {
                    self.line += 1;
                    self.column = 0;
                }
                b'\r' => {
                    if self.bytes.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    self.column = 0;
                }
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// Consumes `byte` (ASCII) if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.pos) == Some(&byte) {
            self.pos += 1;
            self.column += 1;
            true
        } else {
            false
        }
    }

    /// The next event, or [`NotJson`].
    pub fn next_event(&mut self) -> Result<Event, NotJson> {
        loop {
            match self.state {
                State::StreamStart => {
                    self.state = State::DocumentStart;
                    let start = self.mark();
                    return Ok(self.event(
                        EventData::StreamStart {
                            encoding: libyaml_safer::Encoding::Utf8,
                        },
                        start,
                    ));
                }
                State::DocumentStart => {
                    self.skip_space();
                    self.state = State::Value;
                    let start = self.mark();
                    return Ok(self.event(
                        EventData::DocumentStart {
                            version_directive: None,
                            tag_directives: Vec::new(),
                            implicit: true,
                        },
                        start,
                    ));
                }
                State::Value => {
                    self.skip_space();
                    return self.value();
                }
                State::ArrayFirst => {
                    self.skip_space();
                    let start = self.mark();
                    if self.eat(b']') {
                        return self.close(Container::Array, start);
                    }
                    self.state = State::Value;
                }
                State::ObjectFirst => {
                    self.skip_space();
                    let start = self.mark();
                    if self.eat(b'}') {
                        return self.close(Container::Object, start);
                    }
                    self.state = State::Key;
                }
                State::Key => {
                    self.skip_space();
                    let start = self.mark();
                    if !self.eat(b'"') {
                        return Err(NotJson);
                    }
                    let key = self.string()?;
                    self.skip_space();
                    if !self.eat(b':') {
                        return Err(NotJson);
                    }
                    self.state = State::Value;
                    return Ok(self.event(scalar(key, ScalarStyle::DoubleQuoted), start));
                }
                State::AfterValue => {
                    self.skip_space();
                    let start = self.mark();
                    match self.stack.last() {
                        None => self.state = State::DocumentEnd,
                        Some(Container::Array) => {
                            if self.eat(b',') {
                                self.state = State::Value;
                            } else if self.eat(b']') {
                                return self.close(Container::Array, start);
                            } else {
                                return Err(NotJson);
                            }
                        }
                        Some(Container::Object) => {
                            if self.eat(b',') {
                                self.state = State::Key;
                            } else if self.eat(b'}') {
                                return self.close(Container::Object, start);
                            } else {
                                return Err(NotJson);
                            }
                        }
                    }
                }
                State::DocumentEnd => {
                    self.skip_space();
                    if self.pos != self.bytes.len() {
                        return Err(NotJson);
                    }
                    self.state = State::StreamEnd;
                    let start = self.mark();
                    return Ok(self.event(EventData::DocumentEnd { implicit: true }, start));
                }
                State::StreamEnd => {
                    self.state = State::Done;
                    let start = self.mark();
                    return Ok(self.event(EventData::StreamEnd, start));
                }
                // The builder stops at the stream's end; asking again is a caller's error,
                // answered as text libyaml should read.
                State::Done => return Err(NotJson),
            }
        }
    }

    fn close(&mut self, container: Container, start: Mark) -> Result<Event, NotJson> {
        if self.stack.pop() != Some(container) {
            return Err(NotJson);
        }
        self.state = State::AfterValue;
        let data = match container {
            Container::Array => EventData::SequenceEnd,
            Container::Object => EventData::MappingEnd,
        };
        Ok(self.event(data, start))
    }

    /// The value starting here (white space skipped).
    fn value(&mut self) -> Result<Event, NotJson> {
        let start = self.mark();
        let Some(&byte) = self.bytes.get(self.pos) else {
            return Err(NotJson);
        };
        match byte {
            b'{' | b'[' => {
                self.pos += 1;
                self.column += 1;
                let (container, state, data) = if byte == b'{' {
                    (
                        Container::Object,
                        State::ObjectFirst,
                        EventData::MappingStart {
                            anchor: None,
                            tag: None,
                            implicit: true,
                            style: MappingStyle::Flow,
                        },
                    )
                } else {
                    (
                        Container::Array,
                        State::ArrayFirst,
                        EventData::SequenceStart {
                            anchor: None,
                            tag: None,
                            implicit: true,
                            style: SequenceStyle::Flow,
                        },
                    )
                };
                self.stack.push(container);
                self.state = state;
                Ok(self.event(data, start))
            }
            b'"' => {
                self.pos += 1;
                self.column += 1;
                let text = self.string()?;
                self.state = State::AfterValue;
                Ok(self.event(scalar(text, ScalarStyle::DoubleQuoted), start))
            }
            _ => {
                let end = self.pos + self.literal_len()?;
                // A literal or a number is ASCII: one column per byte.
                let text = std::str::from_utf8(&self.bytes[self.pos..end]).map_err(|_| NotJson)?;
                self.column += (end - self.pos) as u64;
                self.pos = end;
                self.state = State::AfterValue;
                Ok(self.event(scalar(text.to_owned(), ScalarStyle::Plain), start))
            }
        }
    }

    /// The length of the literal or number starting here, checked against JSON's grammar.
    fn literal_len(&self) -> Result<usize, NotJson> {
        let rest = &self.bytes[self.pos..];
        for word in [&b"true"[..], b"false", b"null"] {
            if rest.starts_with(word) {
                return Ok(word.len());
            }
        }
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        let digits = |from: usize| {
            rest[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut at = usize::from(rest.first() == Some(&b'-'));
        match rest.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => at += digits(at),
            _ => return Err(NotJson),
        }
        if rest.get(at) == Some(&b'.') {
            let fraction = digits(at + 1);
            if fraction == 0 {
                return Err(NotJson);
            }
            at += 1 + fraction;
        }
        if matches!(rest.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(rest.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            let exponent = digits(at);
            if exponent == 0 {
                return Err(NotJson);
            }
            at += exponent;
        }
        Ok(at)
    }

    /// The string whose opening quote was just read, up to and past its closing quote.
    fn string(&mut self) -> Result<String, NotJson> {
        let mut out = String::new();
        loop {
            // The run up to the next quote, escape or control character is copied whole.
            let run = self.bytes[self.pos..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or(NotJson)?;
            let text =
                std::str::from_utf8(&self.bytes[self.pos..self.pos + run]).map_err(|_| NotJson)?;
            out.push_str(text);
            self.column += text.chars().count() as u64;
            self.pos += run;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    self.column += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape = *self.bytes.get(self.pos + 1).ok_or(NotJson)?;
                    self.pos += 2;
                    self.column += 2;
                    let c = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(NotJson),
                    };
                    out.push(c);
                }
                // A raw control character (a line break among them) is not JSON.
                _ => return Err(NotJson),
            }
        }
    }

    /// The character of a `\u` escape whose `\u` was just read: a pair of escaped surrogates is
    /// one character; a lone surrogate is refused (libyaml refuses it too).
    fn unicode_escape(&mut self) -> Result<char, NotJson> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(NotJson);
            }
            self.pos += 2;
            self.column += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(NotJson);
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or(NotJson)
    }

    fn hex4(&mut self) -> Result<u32, NotJson> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or(NotJson)?;
        let mut value = 0;
        for &digit in digits {
            value = value * 16 + char::from(digit).to_digit(16).ok_or(NotJson)?;
        }
        self.pos += 4;
        self.column += 4;
        Ok(value)
    }
}

fn scalar(value: String, style: ScalarStyle) -> EventData {
    EventData::Scalar {
        anchor: None,
        tag: None,
        value,
        plain_implicit: style == ScalarStyle::Plain,
        quoted_implicit: style != ScalarStyle::Plain,
        style,
    }
}
