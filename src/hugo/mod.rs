//! Hugo's template functions and objects, over the Go template engine ([`crate::gotemplate`]):
//! what a Markdown tree's own layouts call (partials with `return`, `dict`, `slice`,
//! `append`, `merge`, `index` by a list of keys, `newScratch`, the `strings`, `reflect`,
//! `urls`, `path` and `math` namespaces, `replaceRE`, `where`, `safeHTML` and the rest).
//!
//! Each function behaves as Hugo's does on the values templates pass it; what is not here
//! yet (a real page's `page` and `site` objects, `resources`, `time`, i18n) is issue 24's
//! next step.
//! Regular expressions are RE2, as Go's, and bounded in size.

mod collections;
mod objects;
mod text;

pub use objects::Shortcode;

use std::sync::{Arc, Mutex};

use crate::gotemplate::html::Safe;
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
    for name in ["partial", "partialCached"] {
        functions.insert_fn(name, |context, args| {
            let (name, dot) = partial_args(args)?;
            // Hugo's lookup: `layouts/partials/` before 0.146, `layouts/_partials/` after,
            // a file or a `define` of either name.
            let found = [
                format!("partials/{name}"),
                format!("partials/{name}.html"),
                format!("_partials/{name}"),
                format!("_partials/{name}.html"),
            ]
            .into_iter()
            .find(|candidate| context.has_template(candidate))
            .ok_or_else(|| format!("partial {name:?} not found"))?;
            context.partial(&found, &dot)
        });
    }
    functions.insert_fn("markdownify", |_, args| {
        let text = args.last().map(Value::display).unwrap_or_default();
        let rendered = crate::markdown::render_inline(&text, &crate::markdown::as_written);
        Ok(Value::Safe(Safe::Html, rendered.html.into()))
    });
    functions.insert_fn("highlight", |_, args| {
        let code = args.first().map(Value::display).unwrap_or_default();
        let language = args.get(1).map(Value::display).unwrap_or_default();
        Ok(Value::Safe(
            Safe::Html,
            crate::markdown::code_block(&code, &language).into(),
        ))
    });
    // Without translations, Hugo's `T` gives nothing.
    functions.insert_fn("T", |_, _| Ok(Value::str("")));
    functions.insert_fn("page", |_, _| Ok(objects::page()));
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

/// The name and the data of `partial "name" dot`.
fn partial_args(args: &[Value]) -> Result<(String, Value), String> {
    let name = args
        .first()
        .and_then(Value::as_str)
        .ok_or("partial needs the partial's name")?;
    Ok((name.to_owned(), args.get(1).cloned().unwrap_or(Value::Nil)))
}

fn printf(args: &[Value]) -> String {
    match args.split_first() {
        Some((format, rest)) => {
            crate::gotemplate::fmt::sprintf(format.as_str().unwrap_or_default(), rest)
        }
        None => String::new(),
    }
}
