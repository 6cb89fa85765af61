//! `html/template`'s promise, for templates that write HTML: a value is escaped for the place
//! in the page where it lands, so data never becomes markup, script or a `javascript:` link.
//!
//! Go decides each action's context from the template text when it parses; this follows the
//! output as it is written (the same contexts for a template whose branches end where they
//! began) with a small HTML tokenizer: text, inside a tag, an attribute value (quoted or
//! not; a URL, script or style attribute), the body of `<script>` or `<style>`, a comment. A
//! value the host marks as safe ([`Safe`]) is written as it is where its kind belongs.

use super::fmt::quote;
use super::value::Value;

/// The kinds of trusted text (Go's `template.HTML`, `HTMLAttr`, `URL`, `JS`, `CSS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safe {
    /// Markup.
    Html,
    /// A whole attribute (`name="value"`).
    HtmlAttr,
    /// A URL.
    Url,
    /// Script.
    Js,
    /// Style.
    Css,
}

/// What kind of attribute a value is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attr {
    Plain,
    Url,
    Script,
    Style,
}

/// Where the next byte of the page lands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    Text,
    /// After `<name`: attributes may follow.
    Tag {
        name: String,
    },
    /// Inside an attribute's name.
    AttrName {
        tag: String,
        name: String,
    },
    /// After `name`, before `=` or the next attribute.
    AfterName {
        tag: String,
        name: String,
    },
    /// After `=`, before the value.
    BeforeValue {
        tag: String,
        attr: Attr,
    },
    /// Inside a value; `quote` is `None` for an unquoted one; `at_start` while it is empty.
    Value {
        tag: String,
        attr: Attr,
        quote: Option<char>,
        at_start: bool,
        in_query: bool,
    },
    /// The body of `<script>` or `<style>` (raw text up to its end tag).
    Raw {
        tag: String,
    },
    /// `<!-- ... -->`.
    Comment,
}

/// The tokenizer's state over everything written so far.
#[derive(Clone, Debug)]
pub struct HtmlContext {
    state: State,
    /// The characters of a `<` or `</`... not yet decided, and of an end tag in raw text.
    pending: String,
}

impl Default for HtmlContext {
    fn default() -> HtmlContext {
        HtmlContext {
            state: State::Text,
            pending: String::new(),
        }
    }
}

/// The longest tag or attribute name kept: longer ones are no name the escaping tells apart.
const MAX_NAME: usize = 64;

fn push_name(name: &mut String, c: char) {
    if name.len() < MAX_NAME {
        name.push(c);
    }
}

fn attr_kind(name: &str) -> Attr {
    let name = name.to_ascii_lowercase();
    let name = name.strip_prefix("data-").unwrap_or(&name);
    if name.starts_with("on") {
        Attr::Script
    } else if name == "style" {
        Attr::Style
    } else if matches!(
        name,
        "href"
            | "src"
            | "action"
            | "cite"
            | "data"
            | "formaction"
            | "poster"
            | "background"
            | "longdesc"
            | "manifest"
            | "icon"
            | "srcset"
            | "xmlns"
            | "codebase"
            | "usemap"
    ) || name.ends_with("url")
        || name.ends_with("uri")
    {
        Attr::Url
    } else {
        Attr::Plain
    }
}

impl HtmlContext {
    /// Moves past `text`, written to the page as it is.
    pub fn feed(&mut self, text: &str) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let skipped = self.skip(rest);
            if skipped > 0 {
                rest = &rest[skipped..];
                continue;
            }
            self.step(c);
            rest = &rest[c.len_utf8()..];
        }
    }

    /// How many bytes at the start of `text` leave the state as it is but for what this
    /// records: text up to the next `<`, a quoted value up to its quote (most of a page),
    /// passed at once rather than character by character.
    fn skip(&mut self, text: &str) -> usize {
        match &mut self.state {
            State::Text if self.pending.is_empty() => text.find('<').unwrap_or(text.len()),
            State::Value {
                quote: Some(quote),
                at_start,
                in_query,
                ..
            } => {
                let length = text.find(*quote).unwrap_or(text.len());
                if length > 0 {
                    *at_start = false;
                    *in_query |= text[..length].contains(['?', '#']);
                }
                length
            }
            _ => 0,
        }
    }

    fn step(&mut self, c: char) {
        let state = std::mem::replace(&mut self.state, State::Text);
        self.state = match state {
            State::Text => {
                if !self.pending.is_empty() {
                    self.pending.push(c);
                    let pending = self.pending.clone();
                    if pending == "<!--" {
                        self.pending.clear();
                        State::Comment
                    } else if "<!--".starts_with(&pending) || pending == "</" {
                        // Still undecided: `<!-` may open a comment, `</` an end tag.
                        State::Text
                    } else {
                        self.pending.clear();
                        // An end tag's name keeps its `/`, so that it opens no raw text.
                        let end = pending.starts_with("</");
                        let name = pending.trim_start_matches(['<', '/']);
                        if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                            let slash = if end { "/" } else { "" };
                            State::Tag {
                                name: format!("{slash}{}", name.to_ascii_lowercase()),
                            }
                        } else {
                            State::Text
                        }
                    }
                } else if c == '<' {
                    self.pending.push(c);
                    State::Text
                } else {
                    State::Text
                }
            }
            // A tag's name ends at its first space (only one is kept), and names are kept
            // only as long as telling them apart needs: a tag that never ends costs each
            // character one step (fuzzing found a quadratic walk over a 1 MB tag).
            State::Tag { mut name } => match c {
                '>' => self.after_tag(name),
                c if c.is_whitespace() || c == '/' => {
                    if !name.ends_with(' ') {
                        name.push(' ');
                    }
                    State::Tag { name }
                }
                c => {
                    if let Some(tag) = name.strip_suffix(' ') {
                        State::AttrName {
                            tag: tag.to_owned(),
                            name: c.to_string(),
                        }
                    } else {
                        push_name(&mut name, c.to_ascii_lowercase());
                        State::Tag { name }
                    }
                }
            },
            State::AttrName { tag, mut name } => match c {
                '=' => State::BeforeValue {
                    attr: attr_kind(&name),
                    tag,
                },
                '>' => self.after_tag(tag),
                c if c.is_whitespace() => State::AfterName { tag, name },
                '/' => State::Tag {
                    name: format!("{tag} "),
                },
                c => {
                    push_name(&mut name, c);
                    State::AttrName { tag, name }
                }
            },
            State::AfterName { tag, name } => match c {
                '=' => State::BeforeValue {
                    attr: attr_kind(&name),
                    tag,
                },
                '>' => self.after_tag(tag),
                c if c.is_whitespace() => State::AfterName { tag, name },
                c => State::AttrName {
                    tag,
                    name: c.to_string(),
                },
            },
            State::BeforeValue { tag, attr } => match c {
                '"' | '\'' => State::Value {
                    tag,
                    attr,
                    quote: Some(c),
                    at_start: true,
                    in_query: false,
                },
                c if c.is_whitespace() => State::BeforeValue { tag, attr },
                '>' => self.after_tag(tag),
                c => State::Value {
                    tag,
                    attr,
                    quote: None,
                    at_start: false,
                    in_query: c == '?',
                },
            },
            State::Value {
                tag,
                attr,
                quote,
                in_query,
                ..
            } => match (c, quote) {
                (c, Some(q)) if c == q => State::Tag {
                    name: format!("{tag} "),
                },
                (c, None) if c.is_whitespace() => State::Tag {
                    name: format!("{tag} "),
                },
                ('>', None) => self.after_tag(tag),
                (c, _) => State::Value {
                    tag,
                    attr,
                    quote,
                    at_start: false,
                    in_query: in_query || c == '?' || c == '#',
                },
            },
            State::Raw { tag } => {
                self.pending.push(c);
                let end = format!("</{tag}");
                let lower = self.pending.to_ascii_lowercase();
                if lower.ends_with(&end) {
                    self.pending.clear();
                    State::Tag {
                        name: format!("/{tag} "),
                    }
                } else {
                    // Only what could still start the end tag is kept.
                    let keep = (0..=lower.len())
                        .rev()
                        .find(|&n| {
                            lower.is_char_boundary(lower.len() - n)
                                && end.starts_with(&lower[lower.len() - n..])
                        })
                        .unwrap_or(0);
                    let cut = self.pending.len() - keep;
                    self.pending.drain(..cut);
                    State::Raw { tag }
                }
            }
            State::Comment => {
                self.pending.push(c);
                if self.pending.ends_with("-->") {
                    self.pending.clear();
                    State::Text
                } else {
                    // Only the last two characters can start `-->` (fuzzing found the cut
                    // inside a character when it counted bytes).
                    let cut = self
                        .pending
                        .char_indices()
                        .rev()
                        .nth(1)
                        .map_or(0, |(at, _)| at);
                    self.pending.drain(..cut);
                    State::Comment
                }
            }
        };
    }

    fn after_tag(&mut self, name: String) -> State {
        let tag = name.split(' ').next().unwrap_or_default().to_owned();
        if matches!(tag.as_str(), "script" | "style") {
            self.pending.clear();
            State::Raw { tag }
        } else {
            State::Text
        }
    }

    /// `value` as it may be written where the page is now.
    pub fn escape(&self, value: &Value) -> String {
        let (safe, text) = match value {
            Value::Safe(kind, text) => (Some(*kind), text.to_string()),
            Value::Missing => (None, String::new()),
            other => (None, other.display()),
        };
        match &self.state {
            State::Text if !self.pending.is_empty() => html_escape(&text),
            State::Text => match safe {
                Some(Safe::Html) => text,
                _ => html_escape(&text),
            },
            State::Comment => String::new(),
            State::Tag { .. } | State::AttrName { .. } | State::AfterName { .. } => match safe {
                Some(Safe::HtmlAttr) => text,
                _ => attr_name_filter(&text),
            },
            State::BeforeValue { attr, .. } => {
                // An unquoted value: Go escapes it as one, quotes included.
                unquoted_escape(&self.attr_value(*attr, safe, &text, true, false))
            }
            State::Value {
                attr,
                quote,
                at_start,
                in_query,
                ..
            } => {
                let value = self.attr_value(*attr, safe, &text, *at_start, *in_query);
                if quote.is_some() {
                    html_escape(&value)
                } else {
                    unquoted_escape(&value)
                }
            }
            State::Raw { tag } if tag == "script" => match safe {
                Some(Safe::Js) => text,
                _ => js_value(value),
            },
            State::Raw { .. } => match safe {
                Some(Safe::Css) => text,
                _ => "ZgotmplZ".to_owned(),
            },
        }
    }

    fn attr_value(
        &self,
        attr: Attr,
        safe: Option<Safe>,
        text: &str,
        at_start: bool,
        in_query: bool,
    ) -> String {
        match attr {
            Attr::Plain => text.to_owned(),
            Attr::Url if in_query => match safe {
                Some(Safe::Url) => normalize_url(text),
                _ => super::funcs::query_escape(text),
            },
            Attr::Url => {
                if at_start && safe != Some(Safe::Url) && !safe_scheme(text) {
                    "#ZgotmplZ".to_owned()
                } else {
                    normalize_url(text)
                }
            }
            Attr::Script => match safe {
                Some(Safe::Js) => text.to_owned(),
                _ => js_value(&Value::str(text)),
            },
            Attr::Style => match safe {
                Some(Safe::Css) => text.to_owned(),
                _ => "ZgotmplZ".to_owned(),
            },
        }
    }
}

/// Go's `urlFilter`: a URL whose scheme is not http, https or mailto is refused.
fn safe_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(
                scheme.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => true,
    }
}

/// Go's `urlNormalizer`: characters a URL cannot hold are percent-encoded; `%` escapes stay.
fn normalize_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(byte)),
            b'!' | b'#' | b'$' | b'&' | b'*' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?'
            | b'@' | b'[' | b']' | b'-' | b'.' | b'_' | b'~' | b'%' | b'\'' | b'(' | b')' => {
                out.push(char::from(byte))
            }
            other => out.push_str(&format!("%{other:02x}")),
        }
    }
    out
}

/// Go's HTML escaper for text and quoted attribute values (`html/template` escapes `+` too).
pub fn html_escape(text: &str) -> String {
    escape_markup(text, true)
}

/// The characters that would be markup, as character references: Go's
/// `template.HTMLEscapeString`, and with `plus` also `+` as `html/template` writes it.
pub fn escape_markup(text: &str, plus: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '+' if plus => out.push_str("&#43;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An unquoted attribute value: white space and the characters that would end or quote it
/// are escaped too.
fn unquoted_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\u{c}' | '\r' | ' ' | '=' | '`' => {
                out.push_str(&format!("&#{};", c as u32));
            }
            c => out.push_str(&html_escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    if out.is_empty() {
        // Go writes an empty unquoted value so that the next attribute does not join it.
        out.push_str("ZgotmplZ");
    }
    out
}

/// An attribute name from data: only a plain name may be one.
fn attr_name_filter(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !text.to_ascii_lowercase().starts_with("on")
        && !matches!(text.to_ascii_lowercase().as_str(), "style" | "href" | "src");
    if plain {
        text.to_owned()
    } else {
        "ZgotmplZ".to_owned()
    }
}

/// Go's `jsValEscaper`: a value as a JavaScript expression of the same data.
fn js_value(value: &Value) -> String {
    let text = match value {
        Value::Missing | Value::Nil => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => format!(" {i} "),
        Value::Float(f) if f.is_finite() => format!(" {} ", super::fmt::float_v(*f)),
        other => quote(&other.display()),
    };
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(page: &str, value: Value) -> String {
        let mut context = HtmlContext::default();
        context.feed(page);
        context.escape(&value)
    }

    #[test]
    fn a_long_tag_costs_each_character_one_step() {
        let mut context = HtmlContext::default();
        context.feed("<th ");
        for _ in 0..200_000 {
            context.feed(".Rotng ééé aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ");
        }
        context.feed(">");
        assert_eq!(context.escape(&Value::str("<")), "&lt;");
    }

    #[test]
    fn each_place_its_escaping() {
        let s = |t: &str| Value::str(t);
        let markup = "<b>\"a\" & 'b'+</b>";
        for (page, value, out) in [
            (
                "<p>",
                s(markup),
                "&lt;b&gt;&#34;a&#34; &amp; &#39;b&#39;&#43;&lt;/b&gt;",
            ),
            ("<p>", Value::Safe(Safe::Html, markup.into()), markup),
            ("<a title=\"", s("x\"y"), "x&#34;y"),
            ("<a href=\"", s("javascript:alert(1)"), "#ZgotmplZ"),
            (
                "<a href='",
                s("https://example.org/a b"),
                "https://example.org/a%20b",
            ),
            ("<a href=\"/search?q=", s("a b&c"), "a&#43;b%26c"),
            ("<a href=\"/x/", s("javascript:1"), "javascript:1"),
            ("<img src=", s("a b"), "a%20b"),
            ("<div onclick=\"", s("x"), "&#34;x&#34;"),
            ("<div style=\"", s("color: red"), "ZgotmplZ"),
            (
                "<script>var x = ",
                s("</script>"),
                "\"\\u003c/script\\u003e\"",
            ),
            ("<script>var x = 1;</script><p>", s("<i>"), "&lt;i&gt;"),
            ("<!-- ", s("x"), ""),
            ("<!-- a --><p>", s("<"), "&lt;"),
            ("<div ", s("onclick"), "ZgotmplZ"),
            ("<td class=x>", Value::Int(3), "3"),
            // A tag that never ends, with spaces and long names (linear, not quadratic).
            ("<th .Rotng  x=1", s("<"), "&lt;"),
            // Characters of several bytes in a comment and in a script.
            ("<!-- ééé --> <p>", s("<"), "&lt;"),
            ("<script>ééé</scrïpt></script><p>", s("<"), "&lt;"),
        ] {
            assert_eq!(escaped(page, value), out, "{page}");
        }
    }
}
