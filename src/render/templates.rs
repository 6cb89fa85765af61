//! The minijinja templates: embedded in the binary, each replaceable by a file of the same
//! name in a `--templates` folder.
//!
//! Templates only place what code computed (titles, underlines, table lines, indented
//! examples), so an override changes layout without reimplementing the original's rules.
//! Blocks trim their line (`trim_blocks`, `lstrip_blocks`), so a line holding only a tag
//! leaves nothing behind; as in the original's Jinja setup, a template's final newline is
//! dropped.

use std::path::{Path, PathBuf};

use minijinja::Environment;
use serde::Serialize;

/// The embedded templates, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("table.rst", include_str!("../../templates/table.rst")),
    ("http-api.rst", include_str!("../../templates/http-api.rst")),
    ("event.rst", include_str!("../../templates/event.rst")),
    ("msgtype.rst", include_str!("../../templates/msgtype.rst")),
    (
        "common-fields.rst",
        include_str!("../../templates/common-fields.rst"),
    ),
    (
        "definition.rst",
        include_str!("../../templates/definition.rst"),
    ),
    (
        "unstable-warning.rst",
        include_str!("../../templates/unstable-warning.rst"),
    ),
    ("apis.rst", include_str!("../../templates/apis.rst")),
    (
        "sas-emoji-table.rst",
        include_str!("../../templates/sas-emoji-table.rst"),
    ),
    ("page.html", include_str!("../../templates/page.html")),
    ("site.css", include_str!("../../templates/site.css")),
    (
        "docs-page.html",
        include_str!("../../templates/docs-page.html"),
    ),
    ("docs.css", include_str!("../../templates/docs.css")),
];

/// A template that failed to load or render.
#[derive(Debug, thiserror::Error)]
#[error("template `{name}`: {message}")]
pub struct TemplateError {
    /// The template's name.
    pub name: String,
    /// What went wrong, with the template line when minijinja knows it.
    pub message: String,
}

/// The template set of one build.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// The embedded templates, each replaced by `overrides/<name>` where that file exists.
    pub fn new(overrides: Option<&Path>) -> Templates {
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(false);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let overrides: Option<PathBuf> = overrides.map(Path::to_path_buf);
        env.set_loader(move |name| {
            if let Some(dir) = &overrides {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|err| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read {}: {err}", path.display()),
                        )
                    });
                }
            }
            Ok(EMBEDDED
                .iter()
                .find(|(embedded, _)| *embedded == name)
                .map(|(_, text)| (*text).to_owned()))
        });
        Templates { env }
    }

    /// Renders template `name` with `context`.
    pub fn render<S: Serialize>(&self, name: &str, context: S) -> Result<String, TemplateError> {
        let error = |err: minijinja::Error| TemplateError {
            name: name.to_owned(),
            message: match err.line() {
                Some(line) => format!("line {line}: {err}"),
                None => err.to_string(),
            },
        };
        let template = self.env.get_template(name).map_err(error)?;
        template.render(context).map_err(error)
    }
}
