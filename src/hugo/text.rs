//! Hugo's string functions: `split`, `replace`, `replaceRE`, `findRE`, `delimit`, case and
//! trimming, `anchorize` (the one of the site's heading ids), the `safe*` markers, `jsonify`,
//! conversions, and the `strings` namespace.

use std::sync::Arc;

use crate::gotemplate::html::Safe;
use crate::gotemplate::value::MAX_TEXT;
use crate::gotemplate::{Functions, Object, Value};

/// The most a template's regular expression may compile to: patterns are code from the tree.
const REGEX_SIZE: usize = 1 << 20;

pub fn add(functions: &mut Functions) {
    functions.insert_fn("split", |_, args| {
        let [text, separator] = args else {
            return Err("split needs a string and a separator".into());
        };
        Ok(split(&string(text)?, &string(separator)?))
    });
    functions.insert_fn("replace", |_, args| {
        let (text, old, new, limit) = match args {
            [text, old, new] => (string(text)?, string(old)?, string(new)?, usize::MAX),
            [text, old, new, Value::Int(n)] => (
                string(text)?,
                string(old)?,
                string(new)?,
                usize::try_from(*n).unwrap_or(0),
            ),
            _ => return Err("replace needs a string, what to replace and its replacement".into()),
        };
        // What it would make is known before it is made.
        let count = if old.is_empty() {
            text.chars().count() + 1
        } else {
            text.matches(old.as_str()).count()
        };
        let grown = count.min(limit).saturating_mul(new.len());
        if text.len().saturating_add(grown) > MAX_TEXT {
            return Err(format!("the result would pass {MAX_TEXT} bytes"));
        }
        Ok(Value::str(text.replacen(old.as_str(), &new, limit)))
    });
    functions.insert_fn("replaceRE", |_, args| {
        let (pattern, replacement, text) = match args {
            [p, r, t] | [p, r, t, _] => (string(p)?, string(r)?, string(t)?),
            _ => return Err("replaceRE needs a pattern, a replacement and a string".into()),
        };
        let limit = match args.get(3) {
            Some(Value::Int(n)) if *n >= 0 => *n as usize,
            _ => 0,
        };
        // Written match by match, so a replacement that repeats a capture stops at the bound.
        let regex = regex(&pattern)?;
        let mut out = String::new();
        let mut last = 0;
        for (n, captures) in regex.captures_iter(&text).enumerate() {
            if limit > 0 && n >= limit {
                break;
            }
            let Some(whole) = captures.get(0) else {
                continue;
            };
            out.push_str(&text[last..whole.start()]);
            captures.expand(&replacement, &mut out);
            last = whole.end();
            if out.len() > MAX_TEXT {
                return Err(format!("the result would pass {MAX_TEXT} bytes"));
            }
        }
        out.push_str(&text[last..]);
        Ok(Value::str(out))
    });
    functions.insert_fn("findRE", |_, args| {
        let (pattern, text) = match args {
            [p, t] | [p, t, _] => (string(p)?, string(t)?),
            _ => return Err("findRE needs a pattern and a string".into()),
        };
        let limit = match args.get(2) {
            Some(Value::Int(n)) if *n >= 0 => *n as usize,
            _ => usize::MAX,
        };
        let found = regex(&pattern)?
            .find_iter(&text)
            .take(limit)
            .map(|m| Value::str(m.as_str()))
            .collect();
        Ok(Value::list(found))
    });
    functions.insert_fn("delimit", |_, args| {
        let (items, separator, last) = match args {
            [items, separator] => (items, string(separator)?, None),
            [items, separator, last] => (items, string(separator)?, Some(string(last)?)),
            _ => return Err("delimit needs a collection and a separator".into()),
        };
        let items: Vec<String> = match items {
            Value::List(list) => list.iter().map(Value::display).collect(),
            Value::Map(map) => map.values().map(Value::display).collect(),
            other => return Err(format!("can't iterate over {}", other.display())),
        };
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if out.len() > MAX_TEXT {
                return Err(format!("the result would pass {MAX_TEXT} bytes"));
            }
            if i > 0 {
                match (&last, i + 1 == items.len()) {
                    (Some(last), true) => out.push_str(last),
                    _ => out.push_str(&separator),
                }
            }
            out.push_str(item);
        }
        Ok(Value::str(out))
    });
    functions.insert_fn("lower", |_, args| one(args, |s| s.to_lowercase()));
    functions.insert_fn("upper", |_, args| one(args, |s| s.to_uppercase()));
    functions.insert_fn("title", |_, args| one(args, title));
    functions.insert_fn("humanize", |_, args| {
        one(args, |s| {
            let spaced = s.replace(['-', '_'], " ");
            let mut chars = spaced.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
    });
    functions.insert_fn("anchorize", |_, args| {
        one(args, crate::markdown::ids::anchorize)
    });
    functions.insert_fn("htmlEscape", |_, args| {
        one(args, |s| crate::gotemplate::html::escape_markup(s, false))
    });
    functions.insert_fn("trim", |_, args| {
        let [text, cutset] = args else {
            return Err("trim needs a string and a cutset".into());
        };
        let cutset = string(cutset)?;
        Ok(Value::str(
            string(text)?.trim_matches(|c| cutset.contains(c)),
        ))
    });
    functions.insert_fn("substr", |_, args| {
        let text: Vec<char> = string(args.first().unwrap_or(&Value::Nil))?
            .chars()
            .collect();
        let len = text.len() as i64;
        let start = match args.get(1) {
            Some(Value::Int(i)) if *i < 0 => (len + i).max(0),
            Some(Value::Int(i)) => (*i).min(len),
            _ => 0,
        };
        let end = match args.get(2) {
            Some(Value::Int(n)) if *n < 0 => (len + n).max(start),
            Some(Value::Int(n)) => (start + n).min(len),
            _ => len,
        };
        Ok(Value::str(
            text[start as usize..end as usize]
                .iter()
                .collect::<String>(),
        ))
    });
    for (name, kind) in [
        ("safeHTML", Safe::Html),
        ("safeHTMLAttr", Safe::HtmlAttr),
        ("safeURL", Safe::Url),
        ("safeJS", Safe::Js),
        ("safeCSS", Safe::Css),
    ] {
        functions.insert_closure(name, move |_, args| {
            let text = args.first().map(Value::display).unwrap_or_default();
            Ok(Value::Safe(kind, text.into()))
        });
    }
    functions.insert_fn("jsonify", |_, args| {
        let value = args.last().unwrap_or(&Value::Nil);
        // `jsonify (dict "indent" "  ") $x` writes it indented, as Go's `MarshalIndent`.
        let indent = match args {
            [Value::Map(options), _] => options
                .get("indent")
                .and_then(Value::as_str)
                .map(str::to_owned),
            _ => None,
        };
        let mut budget = MAX_NODES;
        if !fits(value, &mut budget) {
            return Err(format!(
                "the value has more than {MAX_NODES} parts to write"
            ));
        }
        let json = match indent {
            Some(indent) => {
                use serde::Serialize as _;
                let mut out = Vec::new();
                let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
                let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
                to_json(value)
                    .serialize(&mut serializer)
                    .map_err(|e| e.to_string())?;
                String::from_utf8(out).map_err(|e| e.to_string())?
            }
            None => serde_json::to_string(&to_json(value)).map_err(|e| e.to_string())?,
        };
        // Go's encoding/json writes these as escapes.
        let json = json
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        Ok(Value::Safe(Safe::Html, json.into()))
    });
    functions.insert_fn("string", |_, args| {
        one_value(args, |v| Ok(Value::str(v.display())))
    });
    functions.insert_fn("int", |_, args| {
        one_value(args, |v| match v {
            Value::Int(i) => Ok(Value::Int(*i)),
            Value::Float(f) => Ok(Value::Int(f.trunc() as i64)),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            other => other
                .as_str()
                .and_then(|s| s.trim().parse().ok())
                .map(Value::Int)
                .ok_or_else(|| format!("unable to cast {} to int", other.display())),
        })
    });
    functions.insert_fn("float", |_, args| {
        one_value(args, |v| match v {
            Value::Int(i) => Ok(Value::Float(*i as f64)),
            Value::Float(f) => Ok(Value::Float(*f)),
            other => other
                .as_str()
                .and_then(|s| s.trim().parse().ok())
                .map(Value::Float)
                .ok_or_else(|| format!("unable to cast {} to float", other.display())),
        })
    });
    functions.insert_closure("strings", |_, _| Ok(Value::Object(Arc::new(Strings))));
    // The site is served from its root: a relative URL is made absolute from `/`, one with a
    // scheme stays as it is.
    for name in ["relURL", "relLangURL", "absURL", "absLangURL"] {
        functions.insert_fn(name, |_, args| {
            let url = string(args.first().unwrap_or(&Value::Nil))?;
            let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            Ok(Value::str(if has_scheme || url.starts_with('/') {
                url
            } else {
                format!("/{url}")
            }))
        });
    }
    functions.insert_fn("urlize", |_, args| {
        one(args, |s| s.trim().replace(' ', "-").to_lowercase())
    });
}

/// The `strings` namespace: `strings.TrimPrefix "a" $s` and the rest.
#[derive(Debug)]
struct Strings;

impl Object for Strings {
    fn type_name(&self) -> &str {
        "*strings.Namespace"
    }

    fn field(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let strings: Result<Vec<String>, String> = args.iter().map(string).collect();
        let strings = match strings {
            Ok(strings) => strings,
            Err(err) => return Some(Err(err)),
        };
        let s = |i: usize| strings.get(i).map(String::as_str).unwrap_or_default();
        Some(Ok(match name {
            // Hugo's argument order: what to look for first, the string last.
            "TrimPrefix" => Value::str(s(1).strip_prefix(s(0)).unwrap_or(s(1))),
            "TrimSuffix" => Value::str(s(1).strip_suffix(s(0)).unwrap_or(s(1))),
            "TrimLeft" => Value::str(s(1).trim_start_matches(|c| s(0).contains(c))),
            "TrimRight" => Value::str(s(1).trim_end_matches(|c| s(0).contains(c))),
            "Trim" => Value::str(s(0).trim_matches(|c| s(1).contains(c))),
            "TrimSpace" => Value::str(s(0).trim()),
            "HasPrefix" => Value::Bool(s(0).starts_with(s(1))),
            "HasSuffix" => Value::Bool(s(0).ends_with(s(1))),
            "Contains" => Value::Bool(s(0).contains(s(1))),
            "ContainsAny" => Value::Bool(s(0).contains(|c| s(1).contains(c))),
            "Count" => Value::Int(s(1).matches(s(0)).count() as i64),
            "Replace" => Value::str(s(0).replace(s(1), s(2))),
            "ToLower" => Value::str(s(0).to_lowercase()),
            "ToUpper" => Value::str(s(0).to_uppercase()),
            "Title" => Value::str(title(s(0))),
            "Split" => split(s(0), s(1)),
            "Repeat" => {
                let (count, text) = match args {
                    [Value::Int(n), _] => (*n, s(1)),
                    _ => return Some(Err("strings.Repeat needs a count and a string".into())),
                };
                let count = usize::try_from(count).unwrap_or(0);
                if count.saturating_mul(text.len()) > 1 << 20 {
                    return Some(Err("strings.Repeat: the result would pass 1 MiB".into()));
                }
                Value::str(text.repeat(count))
            }
            "FirstUpper" => {
                let mut chars = s(0).chars();
                Value::str(match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                    None => String::new(),
                })
            }
            "RuneCount" => Value::Int(s(0).chars().count() as i64),
            _ => return None,
        }))
    }
}

fn split(text: &str, separator: &str) -> Value {
    if text.is_empty() {
        return Value::list(Vec::new());
    }
    Value::list(text.split(separator).map(Value::str).collect())
}

/// A string argument; numbers and booleans are written as text, as Hugo's `cast` does.
fn string(value: &Value) -> Result<String, String> {
    match value {
        Value::Str(s) | Value::Safe(_, s) => Ok(s.to_string()),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Ok(value.display()),
        Value::Missing | Value::Nil => Ok(String::new()),
        other => Err(format!(
            "unable to cast {} of type {} to string",
            other.display(),
            other.type_name()
        )),
    }
}

fn one(args: &[Value], f: impl Fn(&str) -> String) -> Result<Value, String> {
    let [value] = args else {
        return Err(format!("wants one argument, got {}", args.len()));
    };
    Ok(Value::str(f(&string(value)?)))
}

fn one_value(args: &[Value], f: impl Fn(&Value) -> Result<Value, String>) -> Result<Value, String> {
    let [value] = args else {
        return Err(format!("wants one argument, got {}", args.len()));
    };
    f(value)
}

/// Hugo's default title case (AP style is its default; a word's first letter upper-cased is
/// what the spec's layouts rely on).
fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start && c.is_alphanumeric() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
            if c.is_whitespace() || c == '-' {
                start = true;
            }
        }
    }
    out
}

fn regex(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE)
        .dfa_size_limit(REGEX_SIZE)
        .build()
        .map_err(|err| err.to_string())
}

/// The most parts (values, counted with every repetition of a shared one) `jsonify` writes.
const MAX_NODES: usize = 1 << 20;

/// Whether `value` has at most `budget` parts, counted as written out: a list that holds
/// itself many times over stops the count, not the machine.
fn fits(value: &Value, budget: &mut usize) -> bool {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match value {
            Value::List(list) => stack.extend(list.iter()),
            Value::Map(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    true
}

/// A value as JSON, as Hugo's `jsonify` writes it (map keys in order).
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Missing | Value::Nil => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Str(s) | Value::Safe(_, s) => serde_json::Value::String(s.to_string()),
        Value::List(list) => list.iter().map(to_json).collect(),
        Value::Map(map) => map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect(),
        Value::Object(object) => serde_json::Value::String(object.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_namespace_takes_hugos_argument_order() {
        let call = |name: &str, args: &[&str]| {
            let args: Vec<Value> = args.iter().map(|a| Value::str(*a)).collect();
            Strings.field(name, &args).unwrap().unwrap().display()
        };
        assert_eq!(call("TrimPrefix", &["/", "/a/b"]), "a/b");
        assert_eq!(call("HasPrefix", &["abc", "ab"]), "true");
        assert_eq!(call("Split", &["a,b", ","]), "[a b]");
        assert!(Strings.field("Nope", &[]).is_none());
    }

    #[test]
    fn regular_expressions_are_bounded() {
        assert!(regex("a{1000}{1000}").is_err());
        assert_eq!(
            regex(r"\.[^\.]*$")
                .unwrap()
                .replace("a/b.yaml", "")
                .as_ref(),
            "a/b"
        );
    }
}
