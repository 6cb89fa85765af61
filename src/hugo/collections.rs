//! Hugo's `collections` and `compare` functions, and its arithmetic: lists and maps made,
//! joined, filtered and read as Hugo does (`index` takes a list of keys; `append` of one
//! list to a list joins them; a missing key or an index out of range is nil, not an error).

use std::collections::BTreeMap;

use crate::gotemplate::{Functions, Value};

pub fn add(functions: &mut Functions) {
    functions.insert_fn("dict", |_, args| {
        if args.len() % 2 != 0 {
            return Err("invalid dictionary call: an odd number of arguments".into());
        }
        let mut map = BTreeMap::new();
        for pair in args.chunks(2) {
            let key = pair[0].as_str().ok_or_else(|| {
                format!(
                    "dictionary keys must be strings, not {}",
                    pair[0].type_name()
                )
            })?;
            map.insert(key.to_owned(), pair[1].clone());
        }
        Ok(Value::Map(map.into()))
    });
    functions.insert_fn("slice", |_, args| Ok(Value::list(args.to_vec())));
    // `apply COLLECTION "function" PARAM...`: the function called for each item, with the
    // item wherever a parameter is "."; a list of the results.
    functions.insert_fn("apply", |context, args| {
        let [collection, function, params @ ..] = args else {
            return Err("apply needs a collection and a function's name".into());
        };
        let function = function.as_str().ok_or("apply needs a function's name")?;
        if matches!(function, "apply" | "partial" | "partialCached") {
            return Err(format!("apply cannot call {function}"));
        }
        let items: Vec<Value> = match collection {
            Value::List(list) => list.as_ref().clone(),
            Value::Map(map) => map.values().cloned().collect(),
            Value::Missing | Value::Nil => Vec::new(),
            other => return Err(format!("can't apply over {}", other.type_name())),
        };
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            let args: Vec<Value> = params
                .iter()
                .map(|param| match param.as_str() {
                    Some(".") => item.clone(),
                    _ => param.clone(),
                })
                .collect();
            results.push(context.call(function, &args)?);
        }
        Ok(Value::list(results))
    });
    functions.insert_fn("append", |_, args| {
        let Some((collection, items)) = args.split_last() else {
            return Err("append needs a collection".into());
        };
        let mut list = match collection {
            Value::List(list) => list.as_ref().clone(),
            Value::Missing | Value::Nil => Vec::new(),
            other => return Err(format!("expected a slice, got {}", other.type_name())),
        };
        match items {
            // One list appended to a list joins them.
            [Value::List(more)] => list.extend(more.iter().cloned()),
            items => list.extend(items.iter().cloned()),
        }
        Ok(Value::list(list))
    });
    functions.insert_fn("merge", |_, args| {
        let mut merged = BTreeMap::new();
        // Hugo merges right into left: the last map's values win.
        for arg in args {
            match arg {
                Value::Map(map) => merge_into(&mut merged, map),
                Value::Missing | Value::Nil => {}
                other => return Err(format!("merge: {} is not a map", other.type_name())),
            }
        }
        Ok(Value::Map(merged.into()))
    });
    functions.insert_fn("index", |_, args| {
        let Some((item, keys)) = args.split_first() else {
            return Err("index needs a collection".into());
        };
        let keys: Vec<Value> = match keys {
            [Value::List(keys)] => keys.as_ref().clone(),
            keys => keys.to_vec(),
        };
        let mut value = item.clone();
        for key in &keys {
            value = match (&value, key) {
                (Value::Map(map), key) => match key.as_str() {
                    Some(key) => map.get(key).cloned().unwrap_or(Value::Nil),
                    None => Value::Nil,
                },
                // Out of range is nil in Hugo, not an error as in Go.
                (Value::List(list), Value::Int(i)) => usize::try_from(*i)
                    .ok()
                    .and_then(|index| list.get(index).cloned())
                    .unwrap_or(Value::Nil),
                (Value::Missing | Value::Nil, _) => Value::Nil,
                (other, key) => {
                    return Err(format!(
                        "can't index item of type {} with {}",
                        other.type_name(),
                        key.display()
                    ));
                }
            };
        }
        Ok(value)
    });
    functions.insert_fn("first", |_, args| {
        take(args, |list, n| list[..n.min(list.len())].to_vec())
    });
    functions.insert_fn("last", |_, args| {
        take(args, |list, n| {
            list[list.len() - n.min(list.len())..].to_vec()
        })
    });
    functions.insert_fn("after", |_, args| {
        take(args, |list, n| list[n.min(list.len())..].to_vec())
    });
    functions.insert_fn("in", |_, args| {
        let [collection, value] = args else {
            return Err("in needs a collection and a value".into());
        };
        Ok(Value::Bool(match collection {
            Value::List(list) => list.iter().any(|item| same(item, value)),
            Value::Str(s) => value.as_str().is_some_and(|v| s.contains(v)),
            Value::Map(map) => map.values().any(|item| same(item, value)),
            _ => false,
        }))
    });
    functions.insert_fn("isset", |_, args| {
        let [collection, key] = args else {
            return Err("isset needs a collection and a key".into());
        };
        Ok(Value::Bool(match (collection, key) {
            (Value::Map(map), key) => key.as_str().is_some_and(|k| map.contains_key(k)),
            (Value::List(list), Value::Int(i)) => usize::try_from(*i).is_ok_and(|i| i < list.len()),
            _ => false,
        }))
    });
    functions.insert_fn("default", |_, args| {
        let [fallback, value] = args else {
            return Ok(args.first().cloned().unwrap_or(Value::Nil));
        };
        Ok(if is_set(value) {
            value.clone()
        } else {
            fallback.clone()
        })
    });
    functions.insert_fn("cond", |_, args| {
        let [test, yes, no] = args else {
            return Err("cond needs three arguments".into());
        };
        Ok(if test.is_true() {
            yes.clone()
        } else {
            no.clone()
        })
    });
    functions.insert_fn("uniq", |_, args| {
        let list = list_arg(args.first())?;
        let mut out: Vec<Value> = Vec::new();
        for item in list {
            if !out.iter().any(|seen| same(seen, &item)) {
                out.push(item);
            }
        }
        Ok(Value::list(out))
    });
    functions.insert_fn("union", |_, args| {
        let mut out: Vec<Value> = Vec::new();
        for arg in args {
            for item in list_arg(Some(arg))? {
                if !out.iter().any(|seen| same(seen, &item)) {
                    out.push(item);
                }
            }
        }
        Ok(Value::list(out))
    });
    functions.insert_fn("sort", |_, args| {
        let Some(collection) = args.first() else {
            return Err("sort needs a collection".into());
        };
        let key = args
            .get(1)
            .and_then(Value::as_str)
            .filter(|k| *k != "value");
        let descending = args.get(2).and_then(Value::as_str) == Some("desc");
        let mut items: Vec<Value> = match collection {
            Value::List(list) => list.as_ref().clone(),
            Value::Map(map) => map.values().cloned().collect(),
            Value::Missing | Value::Nil => Vec::new(),
            other => {
                return Err(format!(
                    "sequence must be provided, not {}",
                    other.type_name()
                ));
            }
        };
        let sort_key = |item: &Value| match key {
            Some(path) => path
                .trim_start_matches('.')
                .split('.')
                .try_fold(item.clone(), |value, part| match value {
                    Value::Map(map) => Some(map.get(part).cloned().unwrap_or(Value::Nil)),
                    _ => None,
                })
                .unwrap_or(Value::Nil),
            None => item.clone(),
        };
        items.sort_by(|a, b| order(&sort_key(a), &sort_key(b)));
        if descending {
            items.reverse();
        }
        Ok(Value::list(items))
    });
    functions.insert_fn("where", |_, args| {
        let (collection, key, op, value) = match args {
            [c, k, v] => (c, k, "==", v),
            [c, k, op, v] => (c, k, op.as_str().unwrap_or("=="), v),
            _ => return Err("where needs a collection, a key and a value".into()),
        };
        let key = key.as_str().unwrap_or_default().trim_start_matches('.');
        let items = list_arg(Some(collection))?;
        let mut out = Vec::new();
        for item in items {
            let field = key
                .split('.')
                .fold(item.clone(), |value, part| match value {
                    Value::Map(map) => map.get(part).cloned().unwrap_or(Value::Nil),
                    _ => Value::Nil,
                });
            let keep = match op {
                "=" | "==" | "eq" => same(&field, value),
                "!=" | "<>" | "ne" => !same(&field, value),
                "in" => list_arg(Some(value))?.iter().any(|v| same(v, &field)),
                "not in" => !list_arg(Some(value))?.iter().any(|v| same(v, &field)),
                ">" | "gt" => order(&field, value).is_gt(),
                ">=" | "ge" => order(&field, value).is_ge(),
                "<" | "lt" => order(&field, value).is_lt(),
                "<=" | "le" => order(&field, value).is_le(),
                other => return Err(format!("where: unsupported operator {other:?}")),
            };
            if keep {
                out.push(item);
            }
        }
        Ok(Value::list(out))
    });
    for (name, op) in [
        ("add", '+'),
        ("sub", '-'),
        ("mul", '*'),
        ("div", '/'),
        ("mod", '%'),
    ] {
        functions.insert_closure(name, move |_, args| arithmetic(op, args));
    }
    // Hugo's comparisons: numbers of any kind by value, any value with any other.
    for (name, test) in [
        (
            "eq",
            (|o: Option<std::cmp::Ordering>| o.is_some_and(|o| o.is_eq())) as fn(_) -> bool,
        ),
        ("ne", |o| !o.is_some_and(|o| o.is_eq())),
        ("lt", |o| o.is_some_and(|o| o.is_lt())),
        ("le", |o| o.is_some_and(|o| o.is_le())),
        ("gt", |o| o.is_some_and(|o| o.is_gt())),
        ("ge", |o| o.is_some_and(|o| o.is_ge())),
    ] {
        functions.insert_closure(name, move |_, args| {
            let Some((first, rest)) = args.split_first() else {
                return Err(format!("{name} needs two arguments"));
            };
            if rest.is_empty() {
                return Err("missing argument for comparison".into());
            }
            // `eq` is true when any of the others equals the first, as Go's.
            let compared = |other: &Value| {
                if same(first, other) {
                    Some(std::cmp::Ordering::Equal)
                } else if matches!(name, "eq" | "ne") {
                    None
                } else {
                    Some(order(first, other))
                }
            };
            Ok(Value::Bool(if name == "eq" {
                rest.iter().any(|other| test(compared(other)))
            } else {
                rest.iter().all(|other| test(compared(other)))
            }))
        });
    }
}

/// Left takes right's entries; maps present on both sides merge deeply.
fn merge_into(left: &mut BTreeMap<String, Value>, right: &BTreeMap<String, Value>) {
    for (key, value) in right {
        match (left.get_mut(key), value) {
            (Some(Value::Map(existing)), Value::Map(more)) => {
                let mut inner = existing.as_ref().clone();
                merge_into(&mut inner, more);
                *existing = inner.into();
            }
            _ => {
                left.insert(key.clone(), value.clone());
            }
        }
    }
}

fn take(args: &[Value], pick: fn(&[Value], usize) -> Vec<Value>) -> Result<Value, String> {
    let [count, collection] = args else {
        return Err("needs a count and a collection".into());
    };
    let Value::Int(n) = count else {
        return Err(format!(
            "count must be an integer, not {}",
            count.type_name()
        ));
    };
    let n = usize::try_from(*n).map_err(|_| "count must not be negative".to_owned())?;
    let list = list_arg(Some(collection))?;
    Ok(Value::list(pick(&list, n)))
}

fn list_arg(value: Option<&Value>) -> Result<Vec<Value>, String> {
    match value {
        Some(Value::List(list)) => Ok(list.as_ref().clone()),
        Some(Value::Missing | Value::Nil) | None => Ok(Vec::new()),
        Some(other) => Err(format!("expected a slice, got {}", other.type_name())),
    }
}

/// Hugo's notion of a set value for `default`: not nil, not an empty string, list or map,
/// not false; numbers are always set (`default` keeps a 0).
fn is_set(value: &Value) -> bool {
    match value {
        Value::Int(_) | Value::Float(_) => true,
        other => other.is_true(),
    }
}

/// Hugo's loose equality: numbers by value whatever their kind, strings by text.
pub fn same(a: &Value, b: &Value) -> bool {
    same_within(a, b, &mut 1_000_000)
}

/// [`same`] within a budget of parts compared: one shared list equals itself at once, and a
/// comparison that runs out says unequal.
fn same_within(a: &Value, b: &Value, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match (a, b) {
        (Value::List(x), Value::List(y)) if std::sync::Arc::ptr_eq(x, y) => return true,
        (Value::Map(x), Value::Map(y)) if std::sync::Arc::ptr_eq(x, y) => return true,
        _ => {}
    }
    match (&a.plain(), &b.plain()) {
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => *x as f64 == *y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (x, y) if x.is_nil() || y.is_nil() => x.is_nil() && y.is_nil(),
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(a, b)| same_within(a, b, budget))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((ka, a), (kb, b))| ka == kb && same_within(a, b, budget))
        }
        _ => false,
    }
}

/// An order for `sort` and `where`: numbers by value, strings by text, others as text.
fn order(a: &Value, b: &Value) -> std::cmp::Ordering {
    let number = |v: &Value| match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    };
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => a.display().cmp(&b.display()),
    }
}

fn arithmetic(op: char, args: &[Value]) -> Result<Value, String> {
    let [a, b] = args else {
        return Err("needs two numbers".into());
    };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let value = match op {
                '+' => x.checked_add(*y),
                '-' => x.checked_sub(*y),
                '*' => x.checked_mul(*y),
                '/' if *y == 0 => return Err("can't divide the value by 0".into()),
                '/' => x.checked_div(*y),
                _ if *y == 0 => {
                    return Err("the number can't be divided by zero at modulo operation".into());
                }
                _ => x.checked_rem(*y),
            };
            value
                .map(Value::Int)
                .ok_or_else(|| "integer overflow".to_owned())
        }
        (Value::Str(x), Value::Str(y)) if op == '+' => Ok(Value::str(format!("{x}{y}"))),
        _ => {
            let number = |v: &Value| match v {
                Value::Int(i) => Some(*i as f64),
                Value::Float(f) => Some(*f),
                _ => None,
            };
            let (Some(x), Some(y)) = (number(a), number(b)) else {
                return Err(format!(
                    "can't apply the operator to the values {} and {}",
                    a.display(),
                    b.display()
                ));
            };
            Ok(Value::Float(match op {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                _ => return Err("the modulo of floats is not defined".into()),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_equality_and_arithmetic() {
        assert!(same(&Value::Int(1), &Value::Float(1.0)));
        assert!(!same(&Value::Int(1), &Value::str("1")));
        assert_eq!(
            arithmetic('+', &[Value::Int(1), Value::Int(2)])
                .unwrap()
                .display(),
            "3"
        );
        assert_eq!(
            arithmetic('/', &[Value::Int(7), Value::Float(2.0)])
                .unwrap()
                .display(),
            "3.5"
        );
        assert!(arithmetic('/', &[Value::Int(1), Value::Int(0)]).is_err());
        assert!(arithmetic('+', &[Value::Int(i64::MAX), Value::Int(1)]).is_err());
    }

    #[test]
    fn merge_is_deep_and_right_wins() {
        let mut left = BTreeMap::new();
        left.insert(
            "a".to_owned(),
            Value::map([
                ("x".to_owned(), Value::Int(1)),
                ("y".to_owned(), Value::Int(2)),
            ]),
        );
        let right: BTreeMap<String, Value> = [(
            "a".to_owned(),
            Value::map([("y".to_owned(), Value::Int(3))]),
        )]
        .into();
        merge_into(&mut left, &right);
        assert_eq!(Value::Map(left.into()).display(), "map[a:map[x:1 y:3]]");
    }
}
