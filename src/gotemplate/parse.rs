//! The parser: tokens into the trees of a template and of the templates it defines, with the
//! checks Go's parser makes before anything runs (known functions, declared variables, `end`
//! where one is due, `break` only inside `range`).

use super::TemplateError;
use super::lex::{Kind, Pos, Token};

/// A piece of a template.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Text, written as it is.
    Text(String),
    /// `{{pipeline}}`: the value is written, unless the pipeline declares a variable.
    Action(Pipeline),
    /// `{{if}}`, `{{range}}` or `{{with}}`.
    Control(Box<Control>),
    /// `{{template "name" pipeline}}`.
    Template {
        /// Where it is.
        pos: Pos,
        /// The template's name.
        name: String,
        /// The new cursor, if any.
        pipeline: Option<Pipeline>,
    },
    /// `{{break}}`.
    Break(Pos),
    /// `{{continue}}`.
    Continue(Pos),
}

/// Which control structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlKind {
    /// `if`.
    If,
    /// `range`.
    Range,
    /// `with`.
    With,
}

impl ControlKind {
    fn word(self) -> &'static str {
        match self {
            ControlKind::If => "if",
            ControlKind::Range => "range",
            ControlKind::With => "with",
        }
    }
}

/// `{{if pipeline}} list {{else}} else {{end}}`, and the same for `range` and `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct Control {
    /// Which one.
    pub kind: ControlKind,
    /// The condition, the collection or the new cursor.
    pub pipeline: Pipeline,
    /// The body.
    pub list: Vec<Node>,
    /// The `else` part (an `else if` is an `if` inside it).
    pub otherwise: Option<Vec<Node>>,
}

/// Commands joined by `|`, each one's value the last argument of the next, maybe declaring
/// or assigning variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    /// Where it starts.
    pub pos: Pos,
    /// The variables it declares or assigns (two for `range $i, $e :=`).
    pub variables: Vec<String>,
    /// `=` rather than `:=`.
    pub assigns: bool,
    /// The commands.
    pub commands: Vec<Command>,
}

/// A function or method and its arguments, or a single value.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    /// Where it starts.
    pub pos: Pos,
    /// The first is what is called (or the value); the rest are its arguments.
    pub args: Vec<Arg>,
}

/// An operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `.A.B`: fields of the cursor.
    Field(Pos, Vec<String>),
    /// `$x.A.B`.
    Variable(Pos, String, Vec<String>),
    /// `.`.
    Dot(Pos),
    /// `nil`.
    Nil(Pos),
    /// `true` or `false`.
    Bool(bool),
    /// A string.
    Str(String),
    /// An integer constant (a character constant too).
    Int(i64),
    /// A floating-point constant.
    Float(f64),
    /// A function, called with the command's other arguments.
    Function(Pos, String),
    /// `(pipeline).A.B` or `function.A.B`.
    Chain(Pos, Box<Arg>, Vec<String>),
    /// `(pipeline)`.
    Pipeline(Box<Pipeline>),
}

/// A parsed file: its own tree and the templates it defines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The file's content outside `define`s.
    pub main: Vec<Node>,
    /// `{{define "name"}}` and `{{block "name"}}` templates, in order.
    pub defined: Vec<(String, Vec<Node>)>,
}

/// The most that control structures and parentheses nest (each level is a frame of the
/// parser and, later, of the executor).
pub const MAX_NESTING: usize = 100;

/// Parses the tokens of template `name`. `is_function` says which words are functions.
pub fn parse(
    name: &str,
    tokens: Vec<Token>,
    is_function: &dyn Fn(&str) -> bool,
) -> Result<Parsed, TemplateError> {
    let mut parser = Parser {
        name,
        tokens,
        at: 0,
        is_function,
        variables: vec!["$".to_owned()],
        depth: 0,
        range_depth: 0,
        parsed: Parsed::default(),
    };
    let (main, end) = parser.list(true)?;
    if let Some((pos, word)) = end {
        return Err(parser.error(pos, format!("unexpected {{{{{word}}}}}")));
    }
    parser.parsed.main = main;
    Ok(parser.parsed)
}

/// What ended a list: `{{end}}` or `{{else`, and where.
type End = Option<(Pos, &'static str)>;

struct Parser<'p> {
    name: &'p str,
    tokens: Vec<Token>,
    at: usize,
    is_function: &'p dyn Fn(&str) -> bool,
    /// The variables in scope, innermost last.
    variables: Vec<String>,
    depth: usize,
    /// How many `range`s the parser is inside (where `break` and `continue` may stand).
    range_depth: usize,
    parsed: Parsed,
}

const KEYWORDS: [&str; 10] = [
    "block", "break", "continue", "define", "else", "end", "if", "range", "template", "with",
];

impl Parser<'_> {
    fn error(&self, pos: Pos, message: impl Into<String>) -> TemplateError {
        TemplateError::new(self.name, pos, message)
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn peek_kind(&self) -> Option<&Kind> {
        self.peek().map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn last_pos(&self) -> Pos {
        self.tokens.last().map(|t| t.pos).unwrap_or_default()
    }

    /// The next token, which must exist.
    fn expect_token(&mut self, context: &str) -> Result<Token, TemplateError> {
        let pos = self.last_pos();
        self.next()
            .ok_or_else(|| self.error(pos, format!("unexpected EOF in {context}")))
    }

    fn expect_close(&mut self, context: &str) -> Result<(), TemplateError> {
        let token = self.expect_token(context)?;
        match token.kind {
            Kind::Close => Ok(()),
            other => Err(self.error(
                token.pos,
                format!("unexpected {} in {context}", describe(&other)),
            )),
        }
    }

    fn enter(&mut self, pos: Pos) -> Result<(), TemplateError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(
                pos,
                format!("control structures nest more than {MAX_NESTING} deep"),
            ));
        }
        Ok(())
    }

    /// Nodes until `{{end}}`, `{{else` or the end of the tokens (only at the top).
    fn list(&mut self, top: bool) -> Result<(Vec<Node>, End), TemplateError> {
        let mut nodes = Vec::new();
        while let Some(token) = self.next() {
            match token.kind {
                Kind::Text(text) => nodes.push(Node::Text(text)),
                Kind::Open => {
                    let pos = self.peek().map_or(token.pos, |t| t.pos);
                    let word = match self.peek_kind() {
                        Some(Kind::Word(word)) if KEYWORDS.contains(&word.as_str()) => {
                            Some(word.clone())
                        }
                        _ => None,
                    };
                    let Some(word) = word else {
                        let pipeline = self.pipeline("command", false)?;
                        nodes.push(Node::Action(pipeline));
                        continue;
                    };
                    self.at += 1;
                    match word.as_str() {
                        "end" => {
                            self.expect_close("end")?;
                            return Ok((nodes, Some((pos, "end"))));
                        }
                        "else" => return Ok((nodes, Some((pos, "else")))),
                        "if" => nodes.push(self.control(ControlKind::If, pos)?),
                        "range" => nodes.push(self.control(ControlKind::Range, pos)?),
                        "with" => nodes.push(self.control(ControlKind::With, pos)?),
                        "define" => {
                            if !top || self.depth > 0 {
                                return Err(self.error(pos, "unexpected {{define}}"));
                            }
                            self.define(pos)?;
                        }
                        "block" => {
                            let (name, pipeline) = self.template_call(pos, "block")?;
                            self.define_body(pos, name.clone())?;
                            nodes.push(Node::Template {
                                pos,
                                name,
                                pipeline,
                            });
                        }
                        "template" => {
                            let (name, pipeline) = self.template_call(pos, "template")?;
                            nodes.push(Node::Template {
                                pos,
                                name,
                                pipeline,
                            });
                        }
                        "break" | "continue" => {
                            if self.range_depth == 0 {
                                return Err(self
                                    .error(pos, format!("{{{{{word}}}}} outside {{{{range}}}}")));
                            }
                            self.expect_close(&word)?;
                            nodes.push(if word == "break" {
                                Node::Break(pos)
                            } else {
                                Node::Continue(pos)
                            });
                        }
                        // Every keyword has its arm above.
                        _ => {}
                    }
                }
                other => {
                    return Err(self.error(
                        token.pos,
                        format!("unexpected {} outside an action", describe(&other)),
                    ));
                }
            }
        }
        if !top || self.depth > 0 {
            return Err(self.error(self.last_pos(), "unexpected EOF"));
        }
        Ok((nodes, None))
    }

    /// `{{define "name"}}`, its body up to `{{end}}`.
    fn define(&mut self, pos: Pos) -> Result<(), TemplateError> {
        let name = self.template_name("define")?;
        self.expect_close("define clause")?;
        self.define_body(pos, name)
    }

    /// The body of a `define` or `block` up to its `{{end}}`, with its own variables.
    fn define_body(&mut self, pos: Pos, name: String) -> Result<(), TemplateError> {
        let outer = std::mem::replace(&mut self.variables, vec!["$".to_owned()]);
        let range_depth = std::mem::take(&mut self.range_depth);
        self.enter(pos)?;
        let (body, end) = self.list(false)?;
        self.depth -= 1;
        self.variables = outer;
        self.range_depth = range_depth;
        match end {
            Some((_, "end")) => {}
            Some((pos, _)) => return Err(self.error(pos, "unexpected {{else}} in define")),
            None => return Err(self.error(pos, "unexpected EOF in define")),
        }
        self.parsed.defined.push((name, body));
        Ok(())
    }

    fn template_name(&mut self, context: &str) -> Result<String, TemplateError> {
        let token = self.expect_token(context)?;
        match token.kind {
            Kind::Str(name) => Ok(name),
            other => Err(self.error(
                token.pos,
                format!("unexpected {} in {context} clause", describe(&other)),
            )),
        }
    }

    /// `"name"` and an optional pipeline, through the closing `}}`.
    fn template_call(
        &mut self,
        _pos: Pos,
        context: &str,
    ) -> Result<(String, Option<Pipeline>), TemplateError> {
        let name = self.template_name(context)?;
        if matches!(self.peek_kind(), Some(Kind::Close)) {
            self.at += 1;
            return Ok((name, None));
        }
        let pipeline = self.pipeline(context, false)?;
        Ok((name, Some(pipeline)))
    }

    /// An `if`, `range` or `with` from its pipeline to its `{{end}}`.
    fn control(&mut self, kind: ControlKind, pos: Pos) -> Result<Node, TemplateError> {
        self.enter(pos)?;
        let scope = self.variables.len();
        let pipeline = self.pipeline(kind.word(), kind == ControlKind::Range)?;
        if kind == ControlKind::Range {
            self.range_depth += 1;
        }
        let (list, end) = self.list(false)?;
        if kind == ControlKind::Range {
            self.range_depth -= 1;
        }
        let otherwise = match end {
            Some((_, "end")) => None,
            Some((else_pos, _)) => {
                // `{{else if ...}}` in an `if` and `{{else with ...}}` in a `with` are an
                // `if` or `with` inside the else part, closed by the same `{{end}}`.
                let chained = match (kind, self.peek_kind()) {
                    (ControlKind::If, Some(Kind::Word(w))) if w == "if" => Some(ControlKind::If),
                    (ControlKind::With, Some(Kind::Word(w))) if w == "with" => {
                        Some(ControlKind::With)
                    }
                    _ => None,
                };
                if let Some(inner) = chained {
                    let inner_pos = self.peek().map_or(else_pos, |t| t.pos);
                    self.at += 1;
                    Some(vec![self.control(inner, inner_pos)?])
                } else {
                    self.expect_close("else")?;
                    let (otherwise, end) = self.list(false)?;
                    match end {
                        Some((_, "end")) => Some(otherwise),
                        Some((pos, _)) => {
                            return Err(self.error(pos, "expected end; found {{else}}"));
                        }
                        None => return Err(self.error(pos, "unexpected EOF")),
                    }
                }
            }
            None => return Err(self.error(pos, "unexpected EOF")),
        };
        self.variables.truncate(scope);
        self.depth -= 1;
        Ok(Node::Control(Box::new(Control {
            kind,
            pipeline,
            list,
            otherwise,
        })))
    }

    /// A pipeline up to `}}` (consumed) or `)` (left for the caller).
    fn pipeline(&mut self, context: &str, range: bool) -> Result<Pipeline, TemplateError> {
        let pos = self.peek().map_or(self.last_pos(), |t| t.pos);
        let mut variables = Vec::new();
        let mut assigns = false;
        // Declarations: `$x :=`, `$x =`, and in a range `$i, $e :=`.
        if let Some(Kind::Variable(first)) = self.peek_kind().cloned() {
            let after = self.tokens.get(self.at + 1).map(|t| &t.kind);
            match after {
                Some(Kind::Declare | Kind::Assign) => {
                    assigns = matches!(after, Some(Kind::Assign));
                    self.at += 2;
                    variables.push(first);
                }
                Some(Kind::Comma) if range => {
                    let second = self.tokens.get(self.at + 2).map(|t| &t.kind).cloned();
                    let op = self.tokens.get(self.at + 3).map(|t| &t.kind).cloned();
                    match (second, op) {
                        (Some(Kind::Variable(second)), Some(Kind::Declare | Kind::Assign)) => {
                            assigns = matches!(
                                self.tokens.get(self.at + 3).map(|t| &t.kind),
                                Some(Kind::Assign)
                            );
                            self.at += 4;
                            variables.push(first);
                            variables.push(second);
                        }
                        _ => return Err(self.error(pos, "range can only initialize variables")),
                    }
                }
                Some(Kind::Comma) => {
                    return Err(self.error(pos, format!("too many declarations in {context}")));
                }
                _ => {}
            }
        }
        for variable in &variables {
            if assigns {
                if !self.variables.contains(variable) {
                    return Err(self.error(pos, format!("undefined variable {variable:?}")));
                }
            } else {
                self.variables.push(variable.clone());
            }
        }
        let mut commands = Vec::new();
        loop {
            match self.peek_kind() {
                Some(Kind::Close) => {
                    self.at += 1;
                    break;
                }
                Some(Kind::RightParen) => break,
                None => return Err(self.error(pos, format!("unclosed action in {context}"))),
                _ => {}
            }
            commands.push(self.command()?);
            match self.peek_kind() {
                Some(Kind::Pipe) => {
                    self.at += 1;
                }
                Some(Kind::Close | Kind::RightParen) => {}
                _ => return Err(self.error(pos, "unexpected token after command")),
            }
        }
        if commands.is_empty() {
            return Err(self.error(pos, format!("missing value for {context}")));
        }
        for (stage, command) in commands.iter().enumerate().skip(1) {
            if matches!(
                command.args.first(),
                Some(
                    Arg::Bool(_)
                        | Arg::Dot(_)
                        | Arg::Nil(_)
                        | Arg::Int(_)
                        | Arg::Float(_)
                        | Arg::Str(_)
                )
            ) {
                return Err(self.error(
                    command.pos,
                    format!("non executable command in pipeline stage {}", stage + 1),
                ));
            }
        }
        Ok(Pipeline {
            pos,
            variables,
            assigns,
            commands,
        })
    }

    /// Operands separated by spaces, up to `|`, `)` or `}}`.
    fn command(&mut self) -> Result<Command, TemplateError> {
        let pos = self.peek().map_or(self.last_pos(), |t| t.pos);
        let mut args = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error(pos, "unclosed action")),
                Some(token)
                    if matches!(token.kind, Kind::Pipe | Kind::Close | Kind::RightParen) =>
                {
                    break;
                }
                Some(token) if !args.is_empty() && !token.spaced => {
                    let (pos, kind) = (token.pos, token.kind.clone());
                    return Err(
                        self.error(pos, format!("unexpected {} in operand", describe(&kind)))
                    );
                }
                Some(_) => args.push(self.operand()?),
            }
        }
        match args.first() {
            None => Err(self.error(pos, "empty command")),
            Some(Arg::Nil(_)) => Err(self.error(pos, "nil is not a command")),
            Some(_) => Ok(Command { pos, args }),
        }
    }

    /// A term and the fields chained to it.
    fn operand(&mut self) -> Result<Arg, TemplateError> {
        let token = self.expect_token("operand")?;
        let pos = token.pos;
        let term = match token.kind {
            Kind::Field(name) => Arg::Field(pos, vec![name]),
            Kind::Variable(name) => {
                if !self.variables.contains(&name) {
                    return Err(self.error(pos, format!("undefined variable {name:?}")));
                }
                Arg::Variable(pos, name, Vec::new())
            }
            Kind::Dot => Arg::Dot(pos),
            Kind::Nil => Arg::Nil(pos),
            Kind::Bool(value) => Arg::Bool(value),
            Kind::Str(value) => Arg::Str(value),
            Kind::Char(value) => Arg::Int(i64::from(u32::from(value))),
            Kind::Number(text) => number(&text).map_err(|m| self.error(pos, m))?,
            Kind::Word(word) => {
                if KEYWORDS.contains(&word.as_str()) {
                    return Err(self.error(pos, format!("unexpected <{word}> in operand")));
                }
                if !(self.is_function)(&word) {
                    return Err(self.error(pos, format!("function {word:?} not defined")));
                }
                Arg::Function(pos, word)
            }
            Kind::LeftParen => {
                self.enter(pos)?;
                let pipeline = self.pipeline("parenthesized pipeline", false)?;
                self.depth -= 1;
                match self.next().map(|t| t.kind) {
                    Some(Kind::RightParen) => {}
                    _ => return Err(self.error(pos, "unclosed left paren")),
                }
                Arg::Pipeline(Box::new(pipeline))
            }
            other => {
                return Err(self.error(pos, format!("unexpected {} in operand", describe(&other))));
            }
        };
        let mut fields = Vec::new();
        while let Some(Token {
            kind: Kind::Field(name),
            spaced: false,
            ..
        }) = self.peek()
        {
            fields.push(name.clone());
            self.at += 1;
        }
        if fields.is_empty() {
            return Ok(term);
        }
        Ok(match term {
            Arg::Field(pos, mut names) => {
                names.extend(fields);
                Arg::Field(pos, names)
            }
            Arg::Variable(pos, name, _) => Arg::Variable(pos, name, fields),
            Arg::Function(..) | Arg::Pipeline(_) => Arg::Chain(pos, Box::new(term), fields),
            _ => return Err(self.error(pos, "unexpected . after term")),
        })
    }
}

/// A number constant as Go reads it: an integer unless written with a fraction or exponent.
fn number(text: &str) -> Result<Arg, String> {
    let bad = || format!("bad number syntax: {text:?}");
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.starts_with(['+', '-']) || digits.starts_with('_') || digits.ends_with('_') {
        return Err(bad());
    }
    let clean = digits.replace('_', "");
    let lower = clean.to_ascii_lowercase();
    let (radix, body) = if let Some(hex) = lower.strip_prefix("0x") {
        (16, hex.to_owned())
    } else if let Some(octal) = lower.strip_prefix("0o") {
        (8, octal.to_owned())
    } else if let Some(binary) = lower.strip_prefix("0b") {
        (2, binary.to_owned())
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|b| b.is_ascii_digit())
    {
        (8, lower[1..].to_owned())
    } else {
        (10, lower.clone())
    };
    if radix != 10 || body.bytes().all(|b| b.is_ascii_digit()) {
        if radix == 16 && body.contains('p') {
            return hex_float(&body, negative).ok_or_else(bad);
        }
        let magnitude = i128::from_str_radix(&body, radix).map_err(|_| bad())?;
        let value = if negative { -magnitude } else { magnitude };
        return i64::try_from(value)
            .map(Arg::Int)
            .or(Ok(Arg::Float(value as f64)));
    }
    let value: f64 = lower.parse().map_err(|_| bad())?;
    if !value.is_finite() {
        return Err(bad());
    }
    Ok(Arg::Float(if negative { -value } else { value }))
}

/// A hexadecimal floating-point constant (`1p-2`, after `0x`).
fn hex_float(body: &str, negative: bool) -> Option<Arg> {
    let (mantissa, exponent) = body.split_once('p')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut value = 0f64;
    for digit in whole.chars().chain(fraction.chars()) {
        value = value * 16.0 + f64::from(digit.to_digit(16)?);
    }
    let fraction_bits = i32::try_from(fraction.len()).ok()? * 4;
    let value = value * 2f64.powi(exponent - fraction_bits);
    Some(Arg::Float(if negative { -value } else { value }))
}

/// A token as Go's messages name it.
fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Text(_) => "text".into(),
        Kind::Open => "\"{{\"".into(),
        Kind::Close => "\"}}\"".into(),
        Kind::Word(word) => format!("<{word}>"),
        Kind::Field(name) => format!("<.{name}>"),
        Kind::Variable(name) => format!("<{name}>"),
        Kind::Dot => "<.>".into(),
        Kind::Str(value) => format!("{value:?}"),
        Kind::Char(c) => format!("{c:?}"),
        Kind::Number(text) => format!("<{text}>"),
        Kind::Bool(value) => format!("<{value}>"),
        Kind::Nil => "<nil>".into(),
        Kind::Pipe => "\"|\"".into(),
        Kind::LeftParen => "\"(\"".into(),
        Kind::RightParen => "\")\"".into(),
        Kind::Declare => "\":=\"".into(),
        Kind::Assign => "\"=\"".into(),
        Kind::Comma => "\",\"".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Parsed, TemplateError> {
        let tokens = super::super::lex::lex("t", text)?;
        parse("t", tokens, &|name| {
            matches!(name, "len" | "printf" | "index")
        })
    }

    #[test]
    fn numbers_are_integers_unless_written_as_floats() {
        for (text, value) in [
            ("1", Arg::Int(1)),
            ("-0x1F", Arg::Int(-31)),
            ("0o17", Arg::Int(15)),
            ("017", Arg::Int(15)),
            ("0b101", Arg::Int(5)),
            ("1_000", Arg::Int(1000)),
            ("1e3", Arg::Float(1000.0)),
            ("-2.5", Arg::Float(-2.5)),
            (".5", Arg::Float(0.5)),
            ("0x1p-2", Arg::Float(0.25)),
        ] {
            assert_eq!(number(text), Ok(value), "{text}");
        }
        for bad in ["1__", "_1", "0x", "1.2.3", "9e999", "--1", "08"] {
            assert!(number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn chains_and_arguments() {
        let parsed = parsed("{{len .A.B $}}{{(index . 1).C}}{{$x := 1}}{{$x.Y}}").unwrap();
        let Node::Action(first) = &parsed.main[0] else {
            panic!("{parsed:?}");
        };
        assert_eq!(
            first.commands[0].args,
            [
                Arg::Function(Pos { line: 1, column: 3 }, "len".into()),
                Arg::Field(Pos { line: 1, column: 7 }, vec!["A".into(), "B".into()]),
                Arg::Variable(
                    Pos {
                        line: 1,
                        column: 12
                    },
                    "$".into(),
                    vec![]
                ),
            ]
        );
        assert!(
            matches!(&parsed.main[1], Node::Action(p) if matches!(p.commands[0].args[0], Arg::Chain(..)))
        );
    }

    #[test]
    fn else_if_is_an_if_in_the_else_part() {
        let parsed = parsed("{{if 1}}a{{else if 2}}b{{else}}c{{end}}").unwrap();
        let Node::Control(control) = &parsed.main[0] else {
            panic!();
        };
        let otherwise = control.otherwise.as_ref().unwrap();
        assert!(matches!(&otherwise[0], Node::Control(inner) if inner.otherwise.is_some()));
    }

    #[test]
    fn defines_and_blocks_are_templates_of_their_own() {
        let parsed = parsed(r#"a{{define "x"}}X{{end}}{{block "y" .}}Y{{end}}"#).unwrap();
        let names: Vec<&str> = parsed.defined.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["x", "y"]);
        assert_eq!(parsed.main.len(), 2);
    }

    #[test]
    fn what_go_refuses_before_running() {
        for (text, message) in [
            ("{{nope 1}}", "function \"nope\" not defined"),
            ("{{$x}}", "undefined variable \"$x\""),
            (
                "{{if 1}}{{$x := 1}}{{end}}{{$x}}",
                "undefined variable \"$x\"",
            ),
            ("{{$x = 1}}", "undefined variable \"$x\""),
            ("{{if 1}}", "unexpected EOF"),
            ("{{end}}", "unexpected {{end}}"),
            ("{{break}}", "{{break}} outside {{range}}"),
            ("{{1 | 2}}", "non executable command in pipeline stage 2"),
            ("{{nil}}", "nil is not a command"),
            ("{{.A\"x\"}}", "unexpected \"x\" in operand"),
            ("{{\"a\".B}}", "unexpected . after term"),
            (
                "{{if 1}}{{define \"x\"}}{{end}}{{end}}",
                "unexpected {{define}}",
            ),
            (
                "{{range $a, $b, $c := .}}{{end}}",
                "range can only initialize variables",
            ),
            ("{{}}", "missing value for command"),
        ] {
            let err = parsed(text).unwrap_err();
            assert!(err.to_string().contains(message), "{text}: {err}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "{{if 1}}".repeat(MAX_NESTING + 1);
        let err = parsed(&deep).unwrap_err();
        assert!(err.to_string().contains("nest more than"), "{err}");
        let parens = format!("{{{{len {}1{}}}}}", "(".repeat(200), ")".repeat(200));
        assert!(parsed(&parens).is_err());
    }
}
