//! Hugo's template functions and objects, over the Go template engine ([`crate::gotemplate`]):
//! what a Markdown tree's own layouts call (partials with `return`, `dict`, `slice`,
//! `append`, `merge`, `index` by a list of keys, `newScratch`, the `strings`, `reflect`,
//! `urls`, `path` and `math` namespaces, `replaceRE`, `where`, `safeHTML` and the rest).
//!
//! Each function behaves as Hugo's does on the values templates pass it; what is not here
//! yet (`site` and `page` objects, `markdownify`, `resources`, `T`) is issue 24's next step.
//! Regular expressions are RE2, as Go's, and bounded in size.

mod collections;
mod objects;
mod text;

use std::sync::{Arc, Mutex};

use crate::gotemplate::{Functions, Value};

/// What the functions report besides their values: `warnf` messages, in order.
#[derive(Clone, Debug, Default)]
pub struct Reports {
    warnings: Arc<Mutex<Vec<String>>>,
}

impl Reports {
    /// The `warnf` messages so far.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .map(|warnings| warnings.clone())
            .unwrap_or_default()
    }
}

/// Hugo's functions; `site` is what `site` gives (its `.Data`, `.Params`...).
pub fn functions(site: Value, reports: &Reports) -> Functions {
    let mut functions = Functions::default();
    collections::add(&mut functions);
    text::add(&mut functions);
    objects::add(&mut functions);
    // `return` is the executor's: it ends a partial with a value.
    functions.insert_fn("return", |_, _| Ok(Value::Missing));
    functions.insert_fn("partial", |context, args| {
        let (name, dot) = partial_args(args)?;
        context.partial(&name, &dot)
    });
    functions.insert_fn("partialCached", |context, args| {
        let (name, dot) = partial_args(args)?;
        context.partial(&name, &dot)
    });
    functions.insert_closure("site", move |_, _| Ok(site.clone()));
    functions.insert_fn("errorf", |_, args| Err(printf(args)));
    let warnings = reports.warnings.clone();
    functions.insert_closure("warnf", move |_, args| {
        if let Ok(mut warnings) = warnings.lock() {
            warnings.push(printf(args));
        }
        Ok(Value::str(""))
    });
    functions
}

/// The template of `partial "name" dot`: Hugo looks it up under `partials/` (and `_partials/`),
/// with `.html` added when the name has no extension.
fn partial_args(args: &[Value]) -> Result<(String, Value), String> {
    let name = args
        .first()
        .and_then(Value::as_str)
        .ok_or("partial needs the partial's name")?;
    let name = if name.contains('.') {
        format!("partials/{name}")
    } else {
        format!("partials/{name}.html")
    };
    Ok((name, args.get(1).cloned().unwrap_or(Value::Nil)))
}

fn printf(args: &[Value]) -> String {
    match args.split_first() {
        Some((format, rest)) => {
            crate::gotemplate::fmt::sprintf(format.as_str().unwrap_or_default(), rest)
        }
        None => String::new(),
    }
}
