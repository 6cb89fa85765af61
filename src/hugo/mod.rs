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

pub use objects::{Page, RenderString, Shortcode};

use crate::gotemplate::html::Safe;
use crate::gotemplate::{Functions, Value};

/// Hugo's functions; `site` is what `site` gives (its `.Data`, `.Params`...). `page` gives the
/// execution's environment ([`crate::gotemplate::Templates::execute_in`]).
pub fn functions(site: Value) -> Functions {
    let mut functions = Functions::default();
    collections::add(&mut functions);
    text::add(&mut functions);
    objects::add(&mut functions);
    // `return` is the executor's: it ends a partial with a value.
    functions.insert_fn("return", |_, _| Ok(Value::Missing));
    for name in ["partial", "partialCached"] {
        functions.insert_fn(name, |context, args| {
            let (name, dot) = partial_args(args)?;
            // As Hugo's: `partial "partials/x"` is `partial "x"`.
            let name = name.strip_prefix("partials/").unwrap_or(&name);
            // Hugo's lookup: `layouts/partials/` before 0.146, `layouts/_partials/` after,
            // a file or a `define` of either name; then the theme's (`theme/partials/`),
            // which the tree's own file overrides.
            let found = [
                format!("partials/{name}"),
                format!("partials/{name}.html"),
                format!("_partials/{name}"),
                format!("_partials/{name}.html"),
                format!("theme/partials/{name}"),
                format!("theme/partials/{name}.html"),
            ]
            .into_iter()
            .find(|candidate| context.has_template(candidate))
            .ok_or_else(|| format!("partial {name:?} not found"))?;
            context.partial(&found, &dot)
        });
    }
    // The current page's `RenderString`, inline, as Hugo's: links as that page writes them.
    functions.insert_fn("markdownify", |context, args| {
        let text = Value::str(args.last().map(Value::display).unwrap_or_default());
        match &current_page(context) {
            Value::Object(page) => page
                .field("RenderString", std::slice::from_ref(&text))
                .unwrap_or_else(|| Err("the page cannot render Markdown".into())),
            _ => Err("the page cannot render Markdown".into()),
        }
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
    // The page being rendered, which the host gives the execution.
    functions.insert_fn("page", |context, _| Ok(current_page(context)));
    functions.insert_closure("site", move |_, _| Ok(site.clone()));
    functions.insert_fn("errorf", |_, args| Err(printf(args)));
    // Reported with the execution's output ([`crate::gotemplate::Executed`]).
    functions.insert_fn("warnf", |context, args| {
        context.report(printf(args));
        Ok(Value::str(""))
    });
    functions
}

/// The page being rendered, which the host gives the execution; one with nothing where none
/// is given.
fn current_page(context: &crate::gotemplate::exec::Context) -> Value {
    match context.environment() {
        Value::Nil => objects::page(),
        page => page.clone(),
    }
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
