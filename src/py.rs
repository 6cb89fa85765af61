//! Python behaviours the original renderer's output depends on, reproduced exactly:
//! `json.dumps`, `str()`, `textwrap.wrap`, `urllib.parse.quote` and `urlencode`.
//!
//! Parity with the reference output is byte for byte, so these follow CPython 3.11, not what
//! would look nicer (ASCII-escaped JSON, `True`/`False` in query strings, hyphen breaking).

use serde_json::Value;
use std::fmt::Write;

/// How [`json_dumps`] lays out a value.
#[derive(Clone, Copy, Debug)]
pub struct JsonStyle {
    /// `indent=`: spaces per level, or `None` for one line with `", "` and `": "`.
    pub indent: Option<usize>,
    /// `sort_keys=True`.
    pub sort_keys: bool,
}

/// `json.dumps(value, indent=.., sort_keys=..)` with the default `ensure_ascii=True`.
pub fn json_dumps(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    dump_value(value, style, 0, &mut out);
    out
}

fn dump_value(value: &Value, style: JsonStyle, level: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&number_repr(n)),
        Value::String(s) => dump_string(s, out),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(style, level + 1, i == 0, out);
                dump_value(item, style, level + 1, out);
            }
            closing(style, level, out);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if style.sort_keys {
                entries.sort_by(|a, b| a.0.cmp(b.0));
            }
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                separator(style, level + 1, i == 0, out);
                dump_string(key, out);
                out.push_str(": ");
                dump_value(item, style, level + 1, out);
            }
            closing(style, level, out);
            out.push('}');
        }
    }
}

fn separator(style: JsonStyle, level: usize, first: bool, out: &mut String) {
    match style.indent {
        Some(indent) => {
            if !first {
                out.push(',');
            }
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent * level));
        }
        None if !first => out.push_str(", "),
        None => {}
    }
}

fn closing(style: JsonStyle, level: usize, out: &mut String) {
    if let Some(indent) = style.indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', indent * level));
    }
}

fn dump_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

fn number_repr(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() => float_repr(f),
        _ => n.to_string(),
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation for
/// exponents from -4 to 15 and as `1e+16` beyond.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..16).contains(&exponent) {
        let fixed = format!("{f}");
        if fixed.contains('.') {
            fixed
        } else {
            format!("{fixed}.0")
        }
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    }
}

/// Python's `str(value)` for the scalars and lists YAML gives.
pub fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => number_repr(n),
        Value::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// `urllib.parse.quote(text)`: percent-encodes UTF-8 bytes except letters, digits, `_.-~` and
/// `safe`.
pub fn quote(text: &str, safe: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric()
            || b"_.-~".contains(&byte)
            || safe.as_bytes().contains(&byte)
        {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// `urllib.parse.quote_plus(text)`: like [`quote`] with nothing safe, spaces as `+`.
pub fn quote_plus(text: &str) -> String {
    text.split(' ')
        .map(|part| quote(part, ""))
        .collect::<Vec<_>>()
        .join("+")
}

/// `urllib.parse.urlencode(pairs)`: `str()` of each value, form-encoded.
pub fn urlencode(pairs: &[(String, Value)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", quote_plus(key), quote_plus(&py_str(value))))
        .collect::<Vec<_>>()
        .join("&")
}

const WHITESPACE: [char; 6] = ['\t', '\n', '\u{b}', '\u{c}', '\r', ' '];

/// `textwrap.wrap(text, width)` with the default options (whitespace normalised, hyphenated
/// words broken after the hyphen, long words split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = expand_tabs(text);
    let chars: Vec<char> = text
        .chars()
        .map(|c| if WHITESPACE.contains(&c) { ' ' } else { c })
        .collect();
    if chars.len() <= width {
        // Everything fits on one line; only trailing whitespace goes.
        let end = chars.iter().rposition(|&c| c != ' ').map_or(0, |i| i + 1);
        return if end == 0 {
            Vec::new()
        } else {
            vec![chars[..end].iter().collect()]
        };
    }
    let chunks = split_chunks(&chars);
    wrap_chunks(&chars, chunks, width)
}

fn expand_tabs(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A chunk: a range of character positions.
type Chunk = std::ops::Range<usize>;

/// The chunks of `TextWrapper.wordsep_re`: whitespace runs, and words cut after a hyphen
/// that joins letters (`long-lived` gives `long-` and `lived`) or before an em-dash (`--`).
fn split_chunks(chars: &[char]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = if chars[start] == ' ' {
            chars[start..]
                .iter()
                .position(|&c| c != ' ')
                .map_or(chars.len(), |n| start + n)
        } else if let Some(end) = em_dash_at(chars, start) {
            end
        } else {
            word_end(chars, start)
        };
        chunks.push(start..end);
        start = end;
    }
    chunks
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_numeric()
}

fn is_word_punct(c: char) -> bool {
    is_word(c) || "!\"'&.,?".contains(c)
}

fn at(chars: &[char], i: isize) -> Option<char> {
    usize::try_from(i).ok().and_then(|i| chars.get(i).copied())
}

/// `(?<=wp) -{2,} (?=\w)`: a run of dashes between words is a chunk of its own.
fn em_dash_at(chars: &[char], start: usize) -> Option<usize> {
    if chars[start] != '-' || !at(chars, start as isize - 1).is_some_and(is_word_punct) {
        return None;
    }
    let run = chars[start..].iter().take_while(|&&c| c == '-').count();
    (run >= 2 && at(chars, (start + run) as isize).is_some_and(is_word)).then_some(start + run)
}

fn word_end(chars: &[char], start: usize) -> usize {
    let mut j = start + 1;
    loop {
        if j >= chars.len() || chars[j] == ' ' {
            return j;
        }
        let i = j as isize;
        // A hyphen at j - 1 ends a hyphenated word part.
        if chars[j - 1] == '-' && j - 1 > start {
            let before = at(chars, i - 3).is_some_and(is_letter)
                && at(chars, i - 2).is_some_and(is_letter)
                || at(chars, i - 4).is_some_and(is_letter)
                    && at(chars, i - 3) == Some('-')
                    && at(chars, i - 2).is_some_and(is_letter);
            let after = at(chars, i).is_some_and(is_letter)
                && (at(chars, i + 1).is_some_and(is_letter)
                    || at(chars, i + 1) == Some('-') && at(chars, i + 2).is_some_and(is_letter));
            if before && after {
                return j;
            }
        }
        if at(chars, i - 1).is_some_and(is_word_punct) && chars[j] == '-' {
            let run = chars[j..].iter().take_while(|&&c| c == '-').count();
            if run >= 2 && at(chars, i + run as isize).is_some_and(is_word) {
                return j;
            }
        }
        j += 1;
    }
}

fn wrap_chunks(chars: &[char], chunks: Vec<Chunk>, width: usize) -> Vec<String> {
    let blank = |chunk: &Chunk| chars[chunk.clone()].iter().all(|&c| c == ' ');
    let mut pending: Vec<Chunk> = chunks.into_iter().rev().collect();
    let mut lines = Vec::new();
    while !pending.is_empty() {
        let mut line: Vec<Chunk> = Vec::new();
        let mut line_len = 0;
        if !lines.is_empty() && pending.last().is_some_and(blank) {
            pending.pop();
        }
        while let Some(chunk) = pending.last() {
            if line_len + chunk.len() > width {
                break;
            }
            line_len += chunk.len();
            line.extend(pending.pop());
        }
        if pending.last().is_some_and(|c| c.len() > width) {
            split_long_word(chars, &mut pending, &mut line, line_len, width);
        }
        if line.last().is_some_and(blank) {
            line.pop();
        }
        if !line.is_empty() {
            lines.push(line.into_iter().flat_map(|c| chars[c].iter()).collect());
        }
    }
    lines
}

/// `_handle_long_word`: as much of the word as fits, cut after a hyphen when there is one.
fn split_long_word(
    chars: &[char],
    pending: &mut Vec<Chunk>,
    line: &mut Vec<Chunk>,
    line_len: usize,
    width: usize,
) {
    let space_left = if width < 1 { 1 } else { width - line_len };
    let Some(chunk) = pending.pop() else {
        return;
    };
    let word = &chars[chunk.clone()];
    let mut end = space_left;
    if word.len() > space_left
        && let Some(hyphen) = word[..space_left].iter().rposition(|&c| c == '-')
        && hyphen > 0
        && word[..hyphen].iter().any(|&c| c != '-')
    {
        end = hyphen + 1;
    }
    let end = end.min(word.len());
    line.push(chunk.start..chunk.start + end);
    if chunk.start + end < chunk.end {
        pending.push(chunk.start + end..chunk.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_matches_python() {
        let value = json!({"b": [1, 2.5, true, null], "a": {}, "é": "x\"\n☃😀", "c": []});
        let pretty = JsonStyle {
            indent: Some(2),
            sort_keys: false,
        };
        assert_eq!(
            json_dumps(&value, pretty),
            "{\n  \"b\": [\n    1,\n    2.5,\n    true,\n    null\n  ],\n  \"a\": {},\n  \
             \"\\u00e9\": \"x\\\"\\n\\u2603\\ud83d\\ude00\",\n  \"c\": []\n}"
        );
        let flat = JsonStyle {
            indent: None,
            sort_keys: true,
        };
        assert_eq!(
            json_dumps(&json!({"b": 1, "a": ["x", "y"]}), flat),
            r#"{"a": ["x", "y"], "b": 1}"#
        );
    }

    #[test]
    fn floats_like_python() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.00001), "1e-05");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(123456.5), "123456.5");
    }

    #[test]
    fn url_encoding_like_python() {
        assert_eq!(quote("!abc:ex.org/x@y", "/"), "%21abc%3Aex.org/x%40y");
        let pairs = [
            ("filename".to_owned(), json!("War and Peace.pdf")),
            ("flag".to_owned(), json!(false)),
            ("a/b".to_owned(), json!(3)),
        ];
        assert_eq!(
            urlencode(&pairs),
            "filename=War+and+Peace.pdf&flag=False&a%2Fb=3"
        );
    }

    #[test]
    fn wraps_like_textwrap() {
        assert_eq!(
            wrap(
                "**Required.** The generated token. Must be a string consisting of the",
                50
            ),
            [
                "**Required.** The generated token. Must be a",
                "string consisting of the"
            ]
        );
        assert_eq!(
            wrap("a well-known long-lived thing", 12),
            ["a well-known", "long-lived", "thing"]
        );
        assert_eq!(wrap("a well-known thing", 8), ["a well-", "known", "thing"]);
        assert_eq!(
            wrap("abcdefghijklmnop", 5),
            ["abcde", "fghij", "klmno", "p"]
        );
        assert_eq!(wrap("  lead  and\ntrail  ", 50), ["  lead  and trail"]);
        assert_eq!(wrap("", 50), Vec::<String>::new());
    }
}
