//! Hugo shortcodes in Markdown text: `{{% name key="value" %}}`, `{{< name >}}`, the closing
//! `{{% /name %}}` of a paired one, and the escaped form `{{</* name */>}}`, which stands for
//! its own text. Only the syntax is read here; what each shortcode means is the site
//! builder's.

use std::ops::Range;

/// One shortcode tag in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// `boxes/note`; without the `/` of a closing tag.
    pub name: String,
    /// `{{% /name %}}`.
    pub closing: bool,
    /// Written `{{% %}}`: Hugo renders what it writes as Markdown (`{{< >}}` writes HTML).
    pub markdown: bool,
    /// `key="value"` pairs, and positional values under their index (`"0"`, `"1"`, ...).
    pub args: Vec<(String, String)>,
    /// Where the whole tag is in the text.
    pub range: Range<usize>,
}

impl Tag {
    /// The value of argument `key`.
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What the scanner finds: a tag, the literal text of an escaped tag, or a malformed tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A shortcode.
    Tag(Tag),
    /// `{{</* x */>}}`: the text `{{< x >}}` at `range`.
    Literal {
        /// The tag as it should read.
        text: String,
        /// Where the escaped tag is.
        range: Range<usize>,
    },
    /// A `{{%` or `{{<` that does not make a tag; the text is kept as written.
    Malformed {
        /// Where it starts.
        offset: usize,
        /// What is wrong.
        message: String,
    },
}

/// Every shortcode item of `text`, in order.
pub fn scan(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut at = 0;
    while let Some(found) = find_open(&text[at..]) {
        let start = at + found;
        let delimiter = &text[start + 2..start + 3];
        let close = if delimiter == "%" { "%}}" } else { ">}}" };
        let inner_start = start + 3;
        let Some(length) = text[inner_start..].find(close) else {
            items.push(Item::Malformed {
                offset: start,
                message: format!("`{{{{{delimiter}` has no closing `{close}`"),
            });
            break;
        };
        let end = inner_start + length + close.len();
        let inner = text[inner_start..inner_start + length].trim();
        at = end;
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
            let open = &text[start..start + 3];
            let text = format!("{open} {} {}", escaped.trim(), &close[..1]) + "}}";
            items.push(Item::Literal {
                text,
                range: start..end,
            });
            continue;
        }
        match parse_inner(inner) {
            Ok((name, closing, args)) => items.push(Item::Tag(Tag {
                name,
                closing,
                markdown: delimiter == "%",
                args,
                range: start..end,
            })),
            Err(message) => items.push(Item::Malformed {
                offset: start,
                message,
            }),
        }
    }
    items
}

fn find_open(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let at = from + found;
        if matches!(text.as_bytes().get(at + 2), Some(b'%' | b'<')) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

type Parsed = (String, bool, Vec<(String, String)>);

fn parse_inner(inner: &str) -> Result<Parsed, String> {
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    {
        return Err(format!("`{name}` is not a shortcode name"));
    }
    let mut args = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    let mut position = 0;
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '"' || c == '`')
            .unwrap_or(rest.len());
        let (key, after) = if rest[key_end..].starts_with('=') && key_end > 0 {
            (Some(&rest[..key_end]), &rest[key_end + 1..])
        } else {
            (None, rest)
        };
        let (value, after) = read_value(after)?;
        let key = key.map_or_else(
            || {
                position += 1;
                (position - 1).to_string()
            },
            str::to_owned,
        );
        args.push((key, value));
        rest = after.trim_start();
    }
    Ok((name.to_owned(), closing, args))
}

/// A quoted (`"..."` with `\` escapes, or `` `...` `` raw) or bare value, and the rest.
fn read_value(text: &str) -> Result<(String, &str), String> {
    if let Some(rest) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, escaped)) = chars.next() {
                        value.push(escaped);
                    }
                }
                '"' => return Ok((value, &rest[i + 1..])),
                c => value.push(c),
            }
        }
        Err("a quoted argument has no closing `\"`".to_owned())
    } else if let Some(rest) = text.strip_prefix('`') {
        let end = rest
            .find('`')
            .ok_or_else(|| "a raw argument has no closing backtick".to_owned())?;
        Ok((rest[..end].to_owned(), &rest[end + 1..]))
    } else {
        let end = text.find(char::is_whitespace).unwrap_or(text.len());
        if end == 0 {
            return Err("an argument has no value".to_owned());
        }
        Ok((text[..end].to_owned(), &text[end..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<Item> {
        scan(text)
    }

    #[test]
    fn reads_names_arguments_and_closing_tags() {
        let text =
            r#"a {{% http-api spec="client-server" api="create_room" %}} b {{% /boxes/note %}}"#;
        let items = tags(text);
        let Item::Tag(first) = &items[0] else {
            panic!()
        };
        assert_eq!(first.name, "http-api");
        assert_eq!(first.arg("api"), Some("create_room"));
        assert_eq!(
            &text[first.range.clone()],
            r#"{{% http-api spec="client-server" api="create_room" %}}"#
        );
        let Item::Tag(second) = &items[1] else {
            panic!()
        };
        assert!(second.closing);
        assert_eq!(second.name, "boxes/note");
    }

    #[test]
    fn quoted_values_keep_spaces_backticks_and_escapes() {
        let items =
            tags(r#"{{% event event="m.a$b" title="`m.a` with \"x\"" %}}{{< x `raw "v"` bare >}}"#);
        let Item::Tag(event) = &items[0] else {
            panic!()
        };
        assert_eq!(event.arg("title"), Some("`m.a` with \"x\""));
        let Item::Tag(x) = &items[1] else { panic!() };
        assert_eq!(x.arg("0"), Some("raw \"v\""));
        assert_eq!(x.arg("1"), Some("bare"));
    }

    #[test]
    fn escaped_tags_are_literal_and_broken_ones_reported() {
        assert_eq!(
            tags("{{</* added-in v=\"1.1\" */>}}"),
            vec![Item::Literal {
                text: "{{< added-in v=\"1.1\" >}}".into(),
                range: 0..28
            }]
        );
        assert!(matches!(
            tags("{{% oops")[0],
            Item::Malformed { offset: 0, .. }
        ));
        assert!(matches!(tags("{{% a=\"x %}}")[0], Item::Malformed { .. }));
        assert!(tags("{{ not a shortcode }}").is_empty());
    }
}
