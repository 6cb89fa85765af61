//! Go's predefined template functions (`and` and `or` are the executor's, since they stop
//! early): comparisons, `index`, `slice`, `len`, `not`, the `print` family and the three
//! escapers.

use std::cmp::Ordering;

use super::fmt::{sprint, sprintf, sprintln};
use super::value::Value;
use super::{Functions, PlainFunction};

/// The functions every template has.
pub fn builtins() -> Functions {
    let mut functions = Functions::default();
    let mut add = |name: &str, f: PlainFunction| functions.insert_fn(name, f);
    // Placeholders for the parser: the executor evaluates these two itself.
    add("and", |_, _| Ok(Value::Nil));
    add("or", |_, _| Ok(Value::Nil));
    add("not", |_, args| {
        let [value] = args else {
            return Err(arity("not", 1, args));
        };
        Ok(Value::Bool(!value.is_true()))
    });
    add("len", |_, args| {
        let [value] = args else {
            return Err(arity("len", 1, args));
        };
        let len = match value.plain() {
            Value::Str(s) => s.len(),
            Value::List(items) => items.len(),
            Value::Map(map) => map.len(),
            other => return Err(format!("len of type {}", other.type_name())),
        };
        Ok(Value::Int(len as i64))
    });
    add("index", |_, args| {
        let Some((item, keys)) = args.split_first() else {
            return Err(arity("index", 1, args));
        };
        keys.iter()
            .try_fold(item.clone(), |item, key| index(&item, key))
    });
    add("slice", |_, args| {
        let Some((item, bounds)) = args.split_first() else {
            return Err(arity("slice", 1, args));
        };
        slice(item, bounds)
    });
    add("eq", |_, args| {
        let Some((first, rest)) = args.split_first() else {
            return Err(arity("eq", 2, args));
        };
        if rest.is_empty() {
            return Err("missing argument for comparison".into());
        }
        for other in rest {
            if equal(first, other)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    });
    add("ne", |_, args| {
        let [a, b] = args else {
            return Err(arity("ne", 2, args));
        };
        Ok(Value::Bool(!equal(a, b)?))
    });
    add("lt", |_, args| compare(args, "lt", |o| o == Ordering::Less));
    add("le", |_, args| {
        compare(args, "le", |o| o != Ordering::Greater)
    });
    add("gt", |_, args| {
        compare(args, "gt", |o| o == Ordering::Greater)
    });
    add("ge", |_, args| compare(args, "ge", |o| o != Ordering::Less));
    add("print", |_, args| Ok(Value::str(sprint(args))));
    add("println", |_, args| Ok(Value::str(sprintln(args))));
    add("printf", |_, args| {
        let Some((format, rest)) = args.split_first() else {
            return Err(arity("printf", 1, args));
        };
        let Value::Str(format) = format else {
            return Err(format!(
                "printf's format is a {}, not a string",
                format.type_name()
            ));
        };
        Ok(Value::str(sprintf(format, rest)))
    });
    add("html", |_, args| {
        Ok(Value::str(html_escape(&sprint_for_escaper(args))))
    });
    add("js", |_, args| {
        Ok(Value::str(js_escape(&sprint_for_escaper(args))))
    });
    add("urlquery", |_, args| {
        Ok(Value::str(query_escape(&sprint_for_escaper(args))))
    });
    functions
}

fn arity(name: &str, want: usize, args: &[Value]) -> String {
    format!(
        "wrong number of args for {name}: want {want} got {}",
        args.len()
    )
}

/// The escapers' text: one string argument as it is, else `fmt.Sprint` of them all.
fn sprint_for_escaper(args: &[Value]) -> String {
    match args {
        [Value::Str(s)] => s.to_string(),
        _ => sprint(args),
    }
}

fn index(item: &Value, key: &Value) -> Result<Value, String> {
    match (&item.plain(), &key.plain()) {
        (Value::List(items), _) => {
            let i = integer_index(key, items.len())?;
            items
                .get(i)
                .cloned()
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        (Value::Str(s), _) => {
            let i = integer_index(key, s.len())?;
            s.as_bytes()
                .get(i)
                .map(|b| Value::Int(i64::from(*b)))
                .ok_or_else(|| format!("index out of range: {i}"))
        }
        (Value::Map(map), Value::Str(k)) => Ok(map.get(&**k).cloned().unwrap_or(Value::Nil)),
        (Value::Map(_), Value::Missing | Value::Nil) => Ok(Value::Nil),
        (Value::Map(_), other) => Err(format!(
            "value has type {}; should be string",
            other.type_name()
        )),
        (Value::Missing | Value::Nil, _) => Err("index of untyped nil".into()),
        (other, _) => Err(format!("can't index item of type {}", other.type_name())),
    }
}

fn integer_index(key: &Value, len: usize) -> Result<usize, String> {
    match key {
        Value::Int(i) if *i >= 0 => {
            let i = *i as usize;
            if i >= len {
                Err(format!("index out of range: {i}"))
            } else {
                Ok(i)
            }
        }
        Value::Int(i) => Err(format!("index out of range: {i}")),
        Value::Missing | Value::Nil => Err("cannot index slice/array with nil".into()),
        other => Err(format!(
            "cannot index slice/array with type {}",
            other.type_name()
        )),
    }
}

fn slice(item: &Value, bounds: &[Value]) -> Result<Value, String> {
    let item = &item.plain();
    let len = match item {
        Value::Str(s) => s.len(),
        Value::List(items) => items.len(),
        Value::Missing | Value::Nil => return Err("slice of untyped nil".into()),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    if bounds.len() > 3 || (bounds.len() == 3 && matches!(item, Value::Str(_))) {
        return Err(format!("too many slice indexes: {}", bounds.len()));
    }
    let mut indexes = [0usize, len, len];
    for (i, bound) in bounds.iter().enumerate() {
        let Value::Int(value) = bound else {
            return Err(format!(
                "cannot index slice/array with type {}",
                bound.type_name()
            ));
        };
        if *value < 0 || *value as usize > len {
            return Err(format!("index out of range: {value}"));
        }
        indexes[i] = *value as usize;
    }
    let (low, high) = (indexes[0], if bounds.len() > 1 { indexes[1] } else { len });
    if low > high {
        return Err(format!("invalid slice index: {low} > {high}"));
    }
    match item {
        Value::Str(s) => s
            .get(low..high)
            .map(Value::str)
            .ok_or_else(|| "slice splits a character".to_owned()),
        Value::List(items) => Ok(Value::list(items[low..high].to_vec())),
        _ => Ok(Value::Nil),
    }
}

/// Go's `eq` of two values: basic values of one kind compare; of different kinds it is an
/// error unless one is nil; lists, maps and objects are not comparable.
fn equal(a: &Value, b: &Value) -> Result<bool, String> {
    let (a, b) = (&a.plain(), &b.plain());
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
        (Value::Int(x), Value::Int(y)) => Ok(x == y),
        (Value::Float(x), Value::Float(y)) => Ok(x == y),
        (Value::Str(x), Value::Str(y)) => Ok(x == y),
        (x, y) if x.is_nil() || y.is_nil() => Ok(x.is_nil() && y.is_nil()),
        (Value::List(_) | Value::Map(_) | Value::Object(_), _)
        | (_, Value::List(_) | Value::Map(_) | Value::Object(_)) => Err(format!(
            "non-comparable types {}: {}, {}: {}",
            a.display(),
            a.type_name(),
            b.display(),
            b.type_name()
        )),
        _ => Err("incompatible types for comparison".into()),
    }
}

fn compare(args: &[Value], name: &str, test: fn(Ordering) -> bool) -> Result<Value, String> {
    let [a, b] = args else {
        return Err(arity(name, 2, args));
    };
    let ordering = match (&a.plain(), &b.plain()) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Float(x), Value::Float(y)) => match x.partial_cmp(y) {
            Some(ordering) => ordering,
            None => return Ok(Value::Bool(false)),
        },
        (Value::Str(x), Value::Str(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Value::Bool(_), Value::Bool(_)) | (Value::List(_), _) | (Value::Map(_), _) => {
            return Err("invalid type for comparison".into());
        }
        (x, y) if x.is_nil() || y.is_nil() => return Err("invalid type for comparison".into()),
        _ => return Err("incompatible types for comparison".into()),
    };
    Ok(Value::Bool(test(ordering)))
}

/// Go's `template.HTMLEscapeString`.
pub fn html_escape(text: &str) -> String {
    super::html::escape_markup(text, false)
}

/// Go's `template.JSEscapeString`.
pub fn js_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 || c.is_control() => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_follow_go_kinds() {
        assert_eq!(equal(&Value::Int(1), &Value::Int(1)), Ok(true));
        assert!(equal(&Value::Int(1), &Value::Float(1.0)).is_err());
        assert_eq!(equal(&Value::Nil, &Value::Int(1)), Ok(false));
        assert_eq!(equal(&Value::Missing, &Value::Nil), Ok(true));
        assert!(equal(&Value::list(vec![]), &Value::list(vec![])).is_err());
        let lt = |a, b| compare(&[a, b], "lt", |o| o == Ordering::Less);
        assert!(lt(Value::str("a"), Value::str("b")).unwrap().is_true());
        assert!(lt(Value::Bool(true), Value::Bool(false)).is_err());
        assert!(lt(Value::Int(1), Value::str("1")).is_err());
    }

    #[test]
    fn index_and_slice() {
        let list = Value::list(vec![Value::Int(10), Value::Int(20), Value::Int(30)]);
        assert_eq!(index(&list, &Value::Int(1)).unwrap().display(), "20");
        assert!(index(&list, &Value::Int(3)).is_err());
        let map = Value::map([("k".to_owned(), Value::Int(1))]);
        assert_eq!(
            index(&map, &Value::str("missing")).unwrap().display(),
            "<nil>"
        );
        assert_eq!(slice(&list, &[Value::Int(1)]).unwrap().display(), "[20 30]");
        assert_eq!(
            slice(&Value::str("hello"), &[Value::Int(1), Value::Int(3)])
                .unwrap()
                .display(),
            "el"
        );
        assert!(slice(&list, &[Value::Int(2), Value::Int(1)]).is_err());
    }

    #[test]
    fn escapers() {
        assert_eq!(
            html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(js_escape("a'b\"<=\n"), "a\\'b\\\"\\u003C\\u003D\\u000A");
        assert_eq!(query_escape("a b&c/é"), "a+b%26c%2F%C3%A9");
    }
}
