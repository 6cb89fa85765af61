//! The lexer: a template's text as tokens, as Go's `text/template/parse` lexes it.
//!
//! Text runs until `{{`; inside an action come words, strings, numbers and punctuation until
//! `}}`. Trim markers (`{{- ` and ` -}}`) remove the white space next to the action from the
//! text around it, and a comment (`{{/* ... */}}`) is the whole action and makes no token.
//! Each token knows whether white space came before it, which separates the arguments of a
//! command (`.A .B`) from a chain of fields (`.A.B`).

use super::TemplateError;

/// Where a token starts: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub column: u32,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Text outside actions, already trimmed.
    Text(String),
    /// `{{` (with its trim marker, if any, already applied).
    Open,
    /// `}}`.
    Close,
    /// A word: a function name or a keyword.
    Word(String),
    /// `.Name`: one field of a chain.
    Field(String),
    /// `$` or `$name`.
    Variable(String),
    /// `.` alone: the cursor.
    Dot,
    /// A quoted or raw string, unquoted.
    Str(String),
    /// A character constant (`'a'`), which Go treats as a number.
    Char(char),
    /// A number as written (`1`, `-2.5`, `0x1F`, `1_000`).
    Number(String),
    /// `true` or `false`.
    Bool(bool),
    /// `nil`.
    Nil,
    /// `|`.
    Pipe,
    /// `(`.
    LeftParen,
    /// `)`.
    RightParen,
    /// `:=`.
    Declare,
    /// `=`.
    Assign,
    /// `,` (between the two variables of a `range`).
    Comma,
}

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it starts.
    pub pos: Pos,
    /// White space came right before it, inside an action.
    pub spaced: bool,
}

const OPEN: &str = "{{";
const CLOSE: &str = "}}";

/// The white space that trim markers remove, as Go defines it.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The tokens of `text`, or the first lexical error.
pub fn lex(name: &str, text: &str) -> Result<Vec<Token>, TemplateError> {
    Lexer {
        name,
        text,
        at: 0,
        line: 1,
        column: 1,
        tokens: Vec::new(),
    }
    .run()
}

struct Lexer<'t> {
    name: &'t str,
    text: &'t str,
    /// Byte offset of the next character.
    at: usize,
    line: u32,
    column: u32,
    tokens: Vec<Token>,
}

impl<'t> Lexer<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    /// Moves past `bytes` bytes (a whole number of characters), counting lines.
    fn advance(&mut self, bytes: usize) {
        let end = self.at + bytes;
        for c in self.text[self.at..end].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.at = end;
    }

    fn error(&self, pos: Pos, message: impl Into<String>) -> TemplateError {
        TemplateError::new(self.name, pos, message)
    }

    fn push(&mut self, kind: Kind, pos: Pos, spaced: bool) {
        self.tokens.push(Token { kind, pos, spaced });
    }

    fn run(mut self) -> Result<Vec<Token>, TemplateError> {
        let mut trim_next_text = false;
        loop {
            let pos = self.pos();
            let rest = self.rest();
            let end = rest.find(OPEN).unwrap_or(rest.len());
            let mut text = &rest[..end];
            let opens = end < rest.len();
            let after_open = &rest[(end + OPEN.len()).min(rest.len())..];
            let trims_left = opens && left_trim_marker(after_open);
            if trim_next_text {
                text = text.trim_start_matches(is_space);
            }
            if trims_left {
                text = text.trim_end_matches(is_space);
            }
            if !text.is_empty() {
                self.push(Kind::Text(text.to_owned()), pos, false);
            }
            self.advance(end);
            if !opens {
                return Ok(self.tokens);
            }
            trim_next_text = self.action(trims_left)?;
        }
    }

    /// Lexes one action from its `{{`; true when it ends with a trim marker.
    fn action(&mut self, trims_left: bool) -> Result<bool, TemplateError> {
        let open = self.pos();
        self.advance(OPEN.len());
        if trims_left {
            self.advance(2);
        }
        // A comment is the whole action.
        if self.rest().starts_with("/*") {
            let Some(end) = self.rest().find("*/") else {
                return Err(self.error(open, "unclosed comment"));
            };
            self.advance(end + 2);
            let rest = self.rest();
            if rest.starts_with(CLOSE) {
                self.advance(CLOSE.len());
                return Ok(false);
            }
            if right_trim_marker(rest) {
                self.advance(2 + CLOSE.len());
                return Ok(true);
            }
            return Err(self.error(open, "comment ends before closing delimiter"));
        }
        self.push(Kind::Open, open, false);
        let mut spaced = trims_left;
        let mut depth = 0usize;
        loop {
            let rest = self.rest();
            if right_trim_marker(rest) && depth == 0 {
                let pos = self.pos();
                self.advance(2 + CLOSE.len());
                self.push(Kind::Close, pos, true);
                return Ok(true);
            }
            if rest.starts_with(CLOSE) {
                if depth > 0 {
                    return Err(self.error(self.pos(), "unclosed left paren"));
                }
                let pos = self.pos();
                self.advance(CLOSE.len());
                self.push(Kind::Close, pos, spaced);
                return Ok(false);
            }
            let Some(c) = rest.chars().next() else {
                return Err(self.error(open, "unclosed action"));
            };
            let pos = self.pos();
            if is_space(c) {
                self.advance(c.len_utf8());
                spaced = true;
                continue;
            }
            match c {
                '|' => self.single(Kind::Pipe, spaced),
                ',' => self.single(Kind::Comma, spaced),
                '=' => self.single(Kind::Assign, spaced),
                '(' => {
                    depth += 1;
                    self.single(Kind::LeftParen, spaced);
                }
                ')' => {
                    if depth == 0 {
                        return Err(self.error(pos, "unexpected right paren"));
                    }
                    depth -= 1;
                    self.single(Kind::RightParen, spaced);
                }
                ':' => {
                    if !rest.starts_with(":=") {
                        return Err(self.error(pos, "expected :="));
                    }
                    self.advance(2);
                    self.push(Kind::Declare, pos, spaced);
                }
                '"' => {
                    let (value, len) = unquote(rest).map_err(|message| self.error(pos, message))?;
                    self.advance(len);
                    self.push(Kind::Str(value), pos, spaced);
                }
                '`' => {
                    let Some(end) = rest[1..].find('`') else {
                        return Err(self.error(pos, "unterminated raw quoted string"));
                    };
                    let value = rest[1..1 + end].replace('\r', "");
                    self.advance(end + 2);
                    self.push(Kind::Str(value), pos, spaced);
                }
                '\'' => {
                    let (value, len) = char_constant(rest).map_err(|m| self.error(pos, m))?;
                    self.advance(len);
                    self.push(Kind::Char(value), pos, spaced);
                }
                '$' => {
                    let len = 1 + word_len(&rest[1..]);
                    let name = rest[..len].to_owned();
                    self.advance(len);
                    self.push(Kind::Variable(name), pos, spaced);
                }
                '.' => {
                    let after = &rest[1..];
                    if after.starts_with(|c: char| c.is_ascii_digit()) {
                        self.number(spaced)?;
                    } else {
                        let len = word_len(after);
                        if len == 0 {
                            self.advance(1);
                            self.push(Kind::Dot, pos, spaced);
                        } else {
                            let name = after[..len].to_owned();
                            self.advance(1 + len);
                            self.push(Kind::Field(name), pos, spaced);
                        }
                    }
                }
                '+' | '-' | '0'..='9' => self.number(spaced)?,
                c if is_alphanumeric(c) => {
                    let len = word_len(rest);
                    let word = &rest[..len];
                    let kind = match word {
                        "true" => Kind::Bool(true),
                        "false" => Kind::Bool(false),
                        "nil" => Kind::Nil,
                        _ => Kind::Word(word.to_owned()),
                    };
                    self.advance(len);
                    self.push(kind, pos, spaced);
                }
                other => {
                    return Err(
                        self.error(pos, format!("unrecognized character in action: {other:?}"))
                    );
                }
            }
            spaced = false;
        }
    }

    fn single(&mut self, kind: Kind, spaced: bool) {
        let pos = self.pos();
        self.advance(1);
        self.push(kind, pos, spaced);
    }

    /// A number: Go's literal syntax, loosely (the parser reads its value and rejects what
    /// is not one).
    fn number(&mut self, spaced: bool) -> Result<(), TemplateError> {
        let pos = self.pos();
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut len = 0;
        if matches!(bytes.first(), Some(b'+' | b'-')) {
            len += 1;
        }
        let mut previous = 0u8;
        while let Some(&b) = bytes.get(len) {
            let digits = rest[..len].trim_start_matches(['+', '-']);
            let hex = digits.starts_with("0x") || digits.starts_with("0X");
            let sign_of_exponent = matches!(b, b'+' | b'-')
                && (matches!(previous, b'p' | b'P') || !hex && matches!(previous, b'e' | b'E'));
            if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || sign_of_exponent {
                previous = b;
                len += 1;
            } else {
                break;
            }
        }
        let text = &rest[..len];
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return Err(self.error(pos, format!("bad number syntax: {text:?}")));
        }
        self.advance(len);
        self.push(Kind::Number(text.to_owned()), pos, spaced);
        Ok(())
    }
}

/// `- ` right after `{{`: trims the text before the action.
fn left_trim_marker(after_open: &str) -> bool {
    let mut chars = after_open.chars();
    chars.next() == Some('-') && chars.next().is_some_and(is_space)
}

/// ` -}}`: trims the text after the action.
fn right_trim_marker(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(is_space) && chars.as_str().starts_with("-}}")
}

/// The byte length of the word at the start of `text`.
fn word_len(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| !is_alphanumeric(*c))
        .map_or(text.len(), |(i, _)| i)
}

/// A Go double-quoted string at the start of `text`: its value and its length in bytes.
fn unquote(text: &str) -> Result<(String, usize), String> {
    let mut value = String::new();
    let mut chars = text.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, i + 1)),
            '\n' => return Err("unterminated quoted string".into()),
            '\\' => {
                let Some((_, escaped)) = chars.next() else {
                    break;
                };
                value.push(escape(escaped, &mut chars.by_ref().map(|(_, c)| c), '"')?);
            }
            c => value.push(c),
        }
    }
    Err("unterminated quoted string".into())
}

/// A Go character constant at the start of `text`: its value and its length in bytes.
fn char_constant(text: &str) -> Result<(char, usize), String> {
    let mut chars = text.char_indices().skip(1);
    let value = match chars.next() {
        Some((_, '\\')) => {
            let Some((_, escaped)) = chars.next() else {
                return Err("unterminated character constant".into());
            };
            escape(escaped, &mut chars.by_ref().map(|(_, c)| c), '\'')?
        }
        Some((_, '\'')) | Some((_, '\n')) | None => {
            return Err("malformed character constant".into());
        }
        Some((_, c)) => c,
    };
    match chars.next() {
        Some((i, '\'')) => Ok((value, i + 1)),
        _ => Err("malformed character constant".into()),
    }
}

/// The character a backslash escape stands for, reading any digits it needs from `more`.
fn escape(
    escaped: char,
    more: &mut dyn Iterator<Item = char>,
    quote: char,
) -> Result<char, String> {
    let hex = |more: &mut dyn Iterator<Item = char>, digits: usize| -> Result<char, String> {
        let text: String = more.take(digits).collect();
        if text.len() != digits {
            return Err("invalid escape in quoted string".into());
        }
        u32::from_str_radix(&text, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| "invalid escape in quoted string".to_owned())
    };
    Ok(match escaped {
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '\\' => '\\',
        c if c == quote => c,
        'x' => hex(more, 2)?,
        'u' => hex(more, 4)?,
        'U' => hex(more, 8)?,
        '0'..='7' => {
            let rest: String = more.take(2).collect();
            let text = format!("{escaped}{rest}");
            u32::from_str_radix(&text, 8)
                .ok()
                .filter(|value| *value <= 255 && text.len() == 3)
                .and_then(char::from_u32)
                .ok_or_else(|| "invalid octal escape in quoted string".to_owned())?
        }
        _ => return Err("invalid escape in quoted string".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        lex("t", text)
            .unwrap()
            .into_iter()
            .map(|token| token.kind)
            .collect()
    }

    #[test]
    fn text_and_actions() {
        assert_eq!(
            kinds("a {{.Title}} b"),
            [
                Kind::Text("a ".into()),
                Kind::Open,
                Kind::Field("Title".into()),
                Kind::Close,
                Kind::Text(" b".into()),
            ]
        );
    }

    #[test]
    fn trim_markers_remove_the_space_next_to_the_action() {
        assert_eq!(
            kinds("a \n {{- 1 -}} \n b"),
            [
                Kind::Text("a".into()),
                Kind::Open,
                Kind::Number("1".into()),
                Kind::Close,
                Kind::Text("b".into()),
            ]
        );
        // Without a space, `-3` is a number.
        assert_eq!(
            kinds("a {{-3}}"),
            [
                Kind::Text("a ".into()),
                Kind::Open,
                Kind::Number("-3".into()),
                Kind::Close
            ]
        );
    }

    #[test]
    fn comments_make_no_token_and_may_trim() {
        assert_eq!(
            kinds("a {{/* c */}} b {{- /* d */ -}} c"),
            [
                Kind::Text("a ".into()),
                Kind::Text(" b".into()),
                Kind::Text("c".into())
            ]
        );
        assert!(lex("t", "{{/* c */ 1}}").is_err());
        assert!(lex("t", "{{/* c").is_err());
    }

    #[test]
    fn words_fields_variables_and_punctuation() {
        assert_eq!(
            kinds(r#"{{$x := index .A.B "k" | printf `%s` 'a' nil true (len $)}}"#),
            [
                Kind::Open,
                Kind::Variable("$x".into()),
                Kind::Declare,
                Kind::Word("index".into()),
                Kind::Field("A".into()),
                Kind::Field("B".into()),
                Kind::Str("k".into()),
                Kind::Pipe,
                Kind::Word("printf".into()),
                Kind::Str("%s".into()),
                Kind::Char('a'),
                Kind::Nil,
                Kind::Bool(true),
                Kind::LeftParen,
                Kind::Word("len".into()),
                Kind::Variable("$".into()),
                Kind::RightParen,
                Kind::Close,
            ]
        );
    }

    #[test]
    fn spaces_separate_arguments_from_chains() {
        let tokens = lex("t", "{{.A .B.C}}").unwrap();
        let spaced: Vec<bool> = tokens.iter().map(|t| t.spaced).collect();
        assert_eq!(spaced, [false, false, true, false, false]);
    }

    #[test]
    fn strings_unquote_as_go_does() {
        assert_eq!(
            kinds(r#"{{"a\tb\x41\u00e9\101\"" `raw\n`}}"#)[1..3],
            [Kind::Str("a\tbAéA\"".into()), Kind::Str("raw\\n".into())]
        );
        for bad in [
            r#"{{"a}}"#,
            r#"{{"\q"}}"#,
            "{{'ab'}}",
            "{{`a}}",
            "{{ # }}",
            "{{ ) }}",
            "{{ ( }}",
        ] {
            assert!(lex("t", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("{{1 -2.5 0x1F 1e3 1_000 .5 +3 0x1p-2}}")[1..9],
            [
                Kind::Number("1".into()),
                Kind::Number("-2.5".into()),
                Kind::Number("0x1F".into()),
                Kind::Number("1e3".into()),
                Kind::Number("1_000".into()),
                Kind::Number(".5".into()),
                Kind::Number("+3".into()),
                Kind::Number("0x1p-2".into()),
            ]
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let tokens = lex("t", "é\n  {{ .A }}").unwrap();
        assert_eq!(tokens[1].pos, Pos { line: 2, column: 3 });
        assert_eq!(tokens[2].pos, Pos { line: 2, column: 6 });
    }

    #[test]
    fn an_unclosed_action_is_an_error() {
        let err = lex("page.html", "a\n{{ .A").unwrap_err();
        assert_eq!(err.to_string(), "page.html:2:1: unclosed action");
    }
}
