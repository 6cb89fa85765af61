//! A paragraph's text to [`Inline`] nodes, following docutils' inline markup recognition
//! rules: a start-string follows whitespace or opening punctuation and is followed by
//! non-whitespace; an end-string follows non-whitespace and is followed by whitespace or
//! closing punctuation. Markup that starts but never ends is a [`Problem`].

use super::{Inline, Problem, ProblemKind, RefTarget, normalize_name};

/// What inline parsing of a whole document shares: anonymous reference numbering, the named
/// targets that `` `text <url>`_ `` defines, and the problems found.
#[derive(Debug, Default)]
pub struct Context {
    /// Anonymous references seen so far.
    pub anonymous: usize,
    /// `(name, url)` for each `` `name <url>`_ ``.
    pub embedded: Vec<(String, String, usize)>,
    /// Problems found.
    pub problems: Vec<Problem>,
    /// Set while parsing a fragment that stands for one line of the document: every
    /// position is on this line.
    pub fixed_line: Option<usize>,
}

const START_BEFORE: &[char] = &['-', ':', '/', '\'', '"', '<', '(', '[', '{'];
const END_AFTER: &[char] = &[
    '-', '.', ',', ':', ';', '!', '?', '\\', '/', '\'', '"', ')', ']', '}', '>',
];

fn can_start(before: Option<char>, after: Option<char>) -> bool {
    let before_ok = before.is_none_or(|c| c.is_whitespace() || START_BEFORE.contains(&c));
    let after_ok = after.is_some_and(|c| !c.is_whitespace());
    // `"*"` and `(*)` are not markup.
    let quoted = matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('\''), Some('\''))
            | (Some('('), Some(')'))
            | (Some('['), Some(']'))
            | (Some('{'), Some('}'))
            | (Some('<'), Some('>'))
    );
    before_ok && after_ok && !quoted
}

fn can_end(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || END_AFTER.contains(&c))
}

/// Parses `text`, whose first line is line `line` of the document.
pub fn parse(text: &str, line: usize, ctx: &mut Context) -> Vec<Inline> {
    Parser {
        text,
        line,
        ctx,
        out: Vec::new(),
        plain: String::new(),
        lines: std::cell::OnceCell::new(),
    }
    .run()
}

struct Parser<'t, 'c> {
    text: &'t str,
    line: usize,
    /// The text's line starts, found when a first position is asked for.
    lines: std::cell::OnceCell<crate::source::lines::LineIndex>,
    ctx: &'c mut Context,
    out: Vec<Inline>,
    plain: String,
}

impl Parser<'_, '_> {
    fn run(mut self) -> Vec<Inline> {
        let text = self.text;
        let bytes = text.as_bytes();
        // Plain text is copied a run at a time; only the bytes that can start markup (all
        // ASCII) stop the scan.
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !matches!(
                b,
                b'\\' | b'`' | b'*' | b'|' | b':' | b'[' | b'_' | b'h' | b'm'
            ) {
                i += 1;
                continue;
            }
            if b == b'\\' {
                self.plain.push_str(&text[run_start..i]);
                let escaped = text[i + 1..].chars().next();
                match escaped {
                    Some(e) if e.is_whitespace() => i += 1 + e.len_utf8(),
                    Some(e) => {
                        self.plain.push(e);
                        i += 1 + e.len_utf8();
                    }
                    None => i += 1,
                }
                run_start = i;
                continue;
            }
            if b == b'_' {
                // `word_`: the word ends here; find where it starts within this run.
                let start = word_start(text, run_start, i);
                if start < i {
                    let before = text[..start].chars().next_back();
                    self.plain.push_str(&text[run_start..start]);
                    run_start = start;
                    if let Some(used) = self.simple_reference(start, before) {
                        i = start + used;
                        run_start = i;
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            let before = text[..i].chars().next_back();
            self.plain.push_str(&text[run_start..i]);
            run_start = i;
            match self.markup_at(i, before) {
                Some(used) => {
                    i += used;
                    run_start = i;
                }
                None => i += 1,
            }
        }
        self.plain.push_str(&text[run_start..]);
        self.flush();
        self.out
    }

    fn flush(&mut self) {
        if !self.plain.is_empty() {
            let text = std::mem::take(&mut self.plain);
            self.out.push(Inline::Text(text));
        }
    }

    fn push(&mut self, inline: Inline) {
        self.flush();
        self.out.push(inline);
    }

    fn line_at(&self, at: usize) -> usize {
        if let Some(line) = self.ctx.fixed_line {
            return line;
        }
        let lines = self
            .lines
            .get_or_init(|| crate::source::lines::LineIndex::new(self.text));
        self.line + lines.lines_before(at)
    }

    fn problem(&mut self, at: usize, message: String) {
        let line = self.line_at(at);
        self.ctx.problems.push(Problem {
            line,
            kind: ProblemKind::Malformed,
            message,
        });
    }

    /// Finds the end-string `end` after `from`, obeying the end rules; returns its offset.
    fn find_end(&self, from: usize, end: &str, escapes: bool) -> Option<usize> {
        let text = self.text;
        let mut j = from;
        while j < text.len() {
            if escapes && text[j..].starts_with('\\') {
                j += 1 + text[j + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            if text[j..].starts_with(end) {
                let before = text[..j].chars().next_back();
                let after = text[j + end.len()..].chars().next();
                if j > from && can_end(before, after) {
                    return Some(j);
                }
            }
            j += text[j..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Recognises markup starting at byte `i`; returns the bytes consumed.
    fn markup_at(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        let text = self.text;
        let rest = &text[i..];
        let first = rest.chars().next()?;
        if !matches!(first, '`' | '*' | '|' | ':' | '[' | 'h' | 'm') && !first.is_alphanumeric() {
            return None;
        }
        if rest.starts_with("``") {
            return self.delimited(i, before, "``", "inline literal", |s| {
                Inline::Literal(s.to_owned())
            });
        }
        if rest.starts_with("**") {
            return self.delimited(i, before, "**", "strong emphasis", |s| {
                Inline::Strong(nested(s))
            });
        }
        if first == '*' {
            return self.delimited(i, before, "*", "emphasis", |s| Inline::Emphasis(nested(s)));
        }
        if first == '`' {
            return self.interpreted(i, before, None);
        }
        if first == ':' {
            return self.role(i, before);
        }
        if first == '|' {
            return self.substitution(i, before);
        }
        if first == '[' {
            return self.footnote_ref(i, before);
        }
        if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("mailto:")
        {
            return self.standalone_url(i, before);
        }
        None
    }

    fn delimited(
        &mut self,
        i: usize,
        before: Option<char>,
        delimiter: &str,
        what: &str,
        make: impl FnOnce(&str) -> Inline,
    ) -> Option<usize> {
        let start = i + delimiter.len();
        if !can_start(before, self.text[start..].chars().next()) {
            return None;
        }
        let escapes = delimiter != "``";
        match self.find_end(start, delimiter, escapes) {
            Some(end) => {
                let inner = &self.text[start..end];
                let inline = make(inner);
                self.push(inline);
                Some(end + delimiter.len() - i)
            }
            None => {
                self.problem(
                    i,
                    format!("{what} start-string `{delimiter}` without end-string"),
                );
                None
            }
        }
    }

    /// `` `text` ``, `` `text`_ ``, `` `text`__ ``, `` `text <url>`_ `` and `` `text`:role: ``.
    fn interpreted(&mut self, i: usize, before: Option<char>, role: Option<&str>) -> Option<usize> {
        let start = i + 1;
        if !can_start(before, self.text[start..].chars().next()) {
            return None;
        }
        // The end backtick may be followed by `_`, `__` or a role before the boundary.
        let text = self.text;
        let mut j = start;
        let end = loop {
            let Some(found) = text[j..].find('`') else {
                self.problem(
                    i,
                    "interpreted text or phrase reference start-string `` ` `` without end-string"
                        .into(),
                );
                return None;
            };
            let at = j + found;
            let after_tick = &text[at + 1..];
            let suffix = if after_tick.starts_with("__") {
                2
            } else if after_tick.starts_with('_') {
                1
            } else if role.is_none() && after_tick.starts_with(':') {
                role_suffix(after_tick).unwrap_or(0)
            } else {
                0
            };
            let before_tick = text[..at].chars().next_back();
            let after = text[at + 1 + suffix..].chars().next();
            if at > start && before_tick != Some('\\') && can_end(before_tick, after) {
                break (at, suffix);
            }
            j = at + 1;
        };
        let (at, suffix) = end;
        let inner = &text[start..at];
        let marker = &text[at + 1..at + 1 + suffix];
        let inline = if marker == "_" || marker == "__" {
            self.reference(inner, marker == "__", i)
        } else if let Some(role) = marker.strip_prefix(':').map(|m| m.trim_end_matches(':')) {
            self.apply_role(role, inner, i)
        } else if let Some(role) = role {
            self.apply_role(role, inner, i)
        } else {
            Inline::Cite(nested(inner))
        };
        self.push(inline);
        Some(at + 1 + suffix - i)
    }

    fn reference(&mut self, inner: &str, anonymous: bool, at: usize) -> Inline {
        let inner_trimmed = inner.trim_end();
        if let Some(open) = inner_trimmed
            .rfind('<')
            .filter(|_| inner_trimmed.ends_with('>'))
        {
            let url: String = inner_trimmed[open + 1..inner_trimmed.len() - 1]
                .split_whitespace()
                .collect();
            let label = inner_trimmed[..open].trim();
            let label_text = if label.is_empty() {
                url.as_str()
            } else {
                label
            };
            let content = vec![Inline::Text(unescape(label_text))];
            if let Some(name) = url.strip_suffix('_').filter(|n| !n.ends_with('\\')) {
                return Inline::Reference {
                    content,
                    target: RefTarget::Name(normalize_name(name.trim_matches('`'))),
                    line: self.line_at(at),
                };
            }
            if !anonymous && !label.is_empty() {
                let line = self.line_at(at);
                self.ctx
                    .embedded
                    .push((normalize_name(label), url.clone(), line));
            }
            return Inline::Reference {
                content,
                target: RefTarget::Url(url),
                line: self.line_at(at),
            };
        }
        let content = vec![Inline::Text(unescape(inner))];
        if anonymous {
            self.ctx.anonymous += 1;
            return Inline::Reference {
                content,
                target: RefTarget::Anonymous(self.ctx.anonymous - 1),
                line: self.line_at(at),
            };
        }
        Inline::Reference {
            content,
            target: RefTarget::Name(normalize_name(&unescape(inner))),
            line: self.line_at(at),
        }
    }

    fn apply_role(&mut self, role: &str, inner: &str, at: usize) -> Inline {
        match role {
            "math" => Inline::Math(inner.to_owned()),
            "sup" | "superscript" => Inline::Superscript(nested(inner)),
            "sub" | "subscript" => Inline::Subscript(nested(inner)),
            "literal" | "code" => Inline::Literal(inner.to_owned()),
            "emphasis" => Inline::Emphasis(nested(inner)),
            "strong" => Inline::Strong(nested(inner)),
            "title-reference" | "title" | "t" => Inline::Cite(nested(inner)),
            other => {
                self.problem(at, format!("unknown interpreted text role `:{other}:`"));
                Inline::Text(inner.to_owned())
            }
        }
    }

    fn role(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        if !before.is_none_or(|c| c.is_whitespace() || START_BEFORE.contains(&c)) {
            return None;
        }
        let rest = &self.text[i..];
        let len = role_suffix(rest)?;
        if !rest[len..].starts_with('`') {
            return None;
        }
        let role = rest[1..len - 1].to_owned();
        let used = self.interpreted(i + len, Some(':'), Some(&role))?;
        Some(len + used)
    }

    fn substitution(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        let start = i + 1;
        if !can_start(before, self.text[start..].chars().next()) {
            return None;
        }
        let rest = &self.text[start..];
        let close = rest.find('|')?;
        let name = &rest[..close];
        if name.contains('\n') || name.ends_with(' ') {
            return None;
        }
        let after = &rest[close + 1..];
        let linked = if after.starts_with("__") {
            2
        } else {
            usize::from(after.starts_with('_'))
        };
        let next = after[linked..].chars().next();
        if !can_end(name.chars().next_back(), next) {
            return None;
        }
        let line = self.line_at(i);
        self.push(Inline::Substitution {
            name: normalize_name(name),
            linked: linked > 0,
            line,
        });
        Some(1 + close + 1 + linked)
    }

    fn footnote_ref(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        if !before.is_none_or(|c| c.is_whitespace() || START_BEFORE.contains(&c)) {
            return None;
        }
        let rest = &self.text[i..];
        let close = rest.find("]_")?;
        let label = &rest[1..close];
        let valid = label == "#"
            || label.chars().all(|c| c.is_ascii_digit())
            || (label.starts_with('#') && label[1..].chars().all(char::is_alphanumeric));
        if label.is_empty() || !valid {
            return None;
        }
        self.push(Inline::FootnoteRef(label.to_owned()));
        Some(close + 2)
    }

    fn standalone_url(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        if !before.is_none_or(|c| c.is_whitespace() || START_BEFORE.contains(&c)) {
            return None;
        }
        let rest = &self.text[i..];
        let mut end = rest
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '`')
            .unwrap_or(rest.len());
        while end > 0 && rest[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'', '"']) {
            end -= 1;
        }
        let url = &rest[..end];
        let addressed = match url.split_once(':') {
            Some(("mailto", address)) => address.contains('@'),
            Some((_, after)) => after.len() > 2 && after.starts_with("//"),
            None => false,
        };
        if !addressed {
            return None;
        }
        let line = self.line_at(i);
        self.push(Inline::Reference {
            content: vec![Inline::Text(url.to_owned())],
            target: RefTarget::Url(url.to_owned()),
            line,
        });
        Some(end)
    }

    /// `word_` and `word__`.
    fn simple_reference(&mut self, i: usize, before: Option<char>) -> Option<usize> {
        if !before.is_none_or(|c| c.is_whitespace() || START_BEFORE.contains(&c)) {
            return None;
        }
        let rest = &self.text[i..];
        let run = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+')))
            .unwrap_or(rest.len());
        let word = &rest[..run];
        if !word.ends_with('_') || word.ends_with("\\_") {
            return None;
        }
        let after = rest[run..].chars().next();
        let (name, anonymous) = match word.strip_suffix("__") {
            Some(name) => (name, true),
            None => (&word[..word.len() - 1], false),
        };
        if name.is_empty()
            || name.ends_with(['_', '-', '.', '+'])
            || !can_end(name.chars().next_back(), after)
        {
            return None;
        }
        let inline = self.reference(name, anonymous, i);
        self.push(inline);
        Some(run)
    }
}

/// Where the word that ends at byte `end` of `text` starts, not before `floor`: the run of
/// characters a simple reference name may hold.
fn word_start(text: &str, floor: usize, end: usize) -> usize {
    let mut start = end;
    for (at, c) in text[floor..end].char_indices().rev() {
        if c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+') {
            start = floor + at;
        } else {
            break;
        }
    }
    start
}

/// The length of a `:role:` at the start of `text`.
fn role_suffix(text: &str) -> Option<usize> {
    let inner = text.strip_prefix(':')?;
    let end = inner.find(':')?;
    let name = &inner[..end];
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    valid.then_some(end + 2)
}

/// The content of emphasis, strong and the like: docutils allows no markup inside them,
/// only escapes.
fn nested(text: &str) -> Vec<Inline> {
    vec![Inline::Text(unescape(text))]
}

/// Removes backslash escapes.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e) if e.is_whitespace() => {}
                Some(e) => out.push(e),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> (Vec<Inline>, Vec<Problem>) {
        let mut ctx = Context::default();
        let out = parse(text, 0, &mut ctx);
        (out, ctx.problems)
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.to_owned())
    }

    #[test]
    fn literals_emphasis_and_strong() {
        let (out, problems) = p("a ``x*y`` *b* **c** d");
        assert!(problems.is_empty());
        assert_eq!(
            out,
            vec![
                t("a "),
                Inline::Literal("x*y".into()),
                t(" "),
                Inline::Emphasis(vec![t("b")]),
                t(" "),
                Inline::Strong(vec![t("c")]),
                t(" d"),
            ]
        );
    }

    #[test]
    fn stars_that_are_not_markup() {
        let (out, problems) = p("2 * 3 and \"*\" and a*b");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(out, vec![t("2 * 3 and \"*\" and a*b")]);
    }

    #[test]
    fn references_of_every_kind() {
        let mut ctx = Context::default();
        let out = parse(
            "`Sync <#sync>`_ `Events`_, word_ `anon`__ `x\n<http://a/\nb>`_ http://e.org/x.",
            0,
            &mut ctx,
        );
        let r = |text: &str, target: RefTarget| Inline::Reference {
            content: vec![t(text)],
            target,
            line: 0,
        };
        assert_eq!(
            out,
            vec![
                r("Sync", RefTarget::Url("#sync".into())),
                t(" "),
                r("Events", RefTarget::Name("events".into())),
                t(", "),
                r("word", RefTarget::Name("word".into())),
                t(" "),
                r("anon", RefTarget::Anonymous(0)),
                t(" "),
                Inline::Reference {
                    content: vec![t("x")],
                    target: RefTarget::Url("http://a/b".into()),
                    line: 0,
                },
                t(" "),
                Inline::Reference {
                    content: vec![t("http://e.org/x")],
                    target: RefTarget::Url("http://e.org/x".into()),
                    line: 2,
                },
                t("."),
            ]
        );
        assert_eq!(ctx.embedded[0].0, "sync");
    }

    #[test]
    fn roles_and_substitutions() {
        let (out, problems) = p(":math:`x^2` 2\\ :sup:`nd` |sub|_ `t`");
        assert!(problems.is_empty());
        assert_eq!(
            out,
            vec![
                Inline::Math("x^2".into()),
                t(" 2"),
                Inline::Superscript(vec![t("nd")]),
                t(" "),
                Inline::Substitution {
                    name: "sub".into(),
                    linked: true,
                    line: 0
                },
                t(" "),
                Inline::Cite(vec![t("t")]),
            ]
        );
    }

    #[test]
    fn a_scheme_alone_is_not_a_link() {
        let (out, _) = p("no mailto: prefix, no http:// either");
        assert_eq!(out, vec![t("no mailto: prefix, no http:// either")]);
    }

    #[test]
    fn unterminated_markup_is_a_problem_on_its_line() {
        let mut ctx = Context::default();
        parse("fine\nan ``open literal\nand *open", 10, &mut ctx);
        let lines: Vec<usize> = ctx.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![11, 12]);
    }
}
