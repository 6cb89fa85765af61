//! The tree's Hugo configuration, as far as the site reads it: Goldmark's passthrough
//! extension, whose delimiters mark the maths of the prose (`\[...\]`, `$$...$$`, `\(...\)`),
//! and the `params` that layouts read as `.Site.Params`.

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{SourceTree, Span};

/// Where Hugo reads its configuration, in its order: the first that exists is read
/// (`markup.toml` of a configuration folder holds the `markup` table at its top).
const CONFIG_FILES: [(&str, Top); 6] = [
    ("hugo.toml", Top::Config),
    ("config.toml", Top::Config),
    ("config/_default/hugo.toml", Top::Config),
    ("config/_default/config.toml", Top::Config),
    ("config/_default/markup.toml", Top::Markup),
    ("config/_default/params.toml", Top::Params),
];

/// What a configuration file's top level holds: the whole configuration, or one of its tables.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Top {
    Config,
    Markup,
    Params,
}

/// What the site reads of the configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The maths delimiters, when passthrough is enabled.
    pub passthrough: Option<Passthrough>,
    /// `params`, as the first file that has them writes them.
    pub params: toml::Table,
}

/// The passthrough delimiters: pairs of opening and closing text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passthrough {
    /// Display maths (`\[`, `\]`).
    pub block: Vec<(String, String)>,
    /// Inline maths (`\(`, `\)`).
    pub inline: Vec<(String, String)>,
}

/// The configuration: each of Hugo's files that exists read once, the first to hold a
/// setting giving it.
pub fn read(tree: &mut SourceTree, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let (mut passthrough_found, mut params_found) = (false, false);
    for (relative, top) in CONFIG_FILES {
        if !tree.confine(relative).is_ok_and(|path| path.is_file()) {
            continue;
        }
        let Ok(file) = tree.load_relative(relative) else {
            continue;
        };
        let table: toml::Table = match tree.file(file).text.parse() {
            Ok(table) => table,
            Err(err) => {
                diagnostics.push(Diagnostic::new(
                    Rule::ContentInvalid,
                    Span::file_start(file),
                    format!("the Hugo configuration is not TOML: {}", err.message()),
                ));
                continue;
            }
        };
        let markup = match top {
            Top::Markup => Some(&table),
            Top::Config => table.get("markup").and_then(toml::Value::as_table),
            Top::Params => None,
        };
        let found = markup
            .and_then(|m| m.get("goldmark"))
            .and_then(|g| g.get("extensions"))
            .and_then(|e| e.get("passthrough"));
        if let Some(found) = found
            && !passthrough_found
        {
            passthrough_found = true;
            config.passthrough = passthrough(found);
        }
        let params = match top {
            Top::Params => Some(&table),
            Top::Config => table.get("params").and_then(toml::Value::as_table),
            Top::Markup => None,
        };
        if let Some(params) = params
            && !params_found
        {
            params_found = true;
            config.params = params.clone();
        }
    }
    config
}

fn passthrough(passthrough: &toml::Value) -> Option<Passthrough> {
    if passthrough.get("enable").and_then(toml::Value::as_bool) != Some(true) {
        return None;
    }
    let pairs = |kind: &str| -> Vec<(String, String)> {
        passthrough
            .get("delimiters")
            .and_then(|d| d.get(kind))
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|pair| {
                let pair = pair.as_array()?;
                let open = pair.first()?.as_str()?;
                let close = pair.get(1)?.as_str()?;
                (!open.is_empty() && !close.is_empty()).then(|| (open.to_owned(), close.to_owned()))
            })
            .collect()
    };
    Some(Passthrough {
        block: pairs("block"),
        inline: pairs("inline"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_as_hugo_declares_them() {
        let table: toml::Table = (
            "[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [['\\[', '\\]'], ['$$', '$$']]\ninline = [['\\(', '\\)']]\n"
        )
        .parse()
        .unwrap();
        let found = passthrough(&table["markup"]["goldmark"]["extensions"]["passthrough"]).unwrap();
        assert_eq!(
            found.block,
            [("\\[".into(), "\\]".into()), ("$$".into(), "$$".into())]
        );
        assert_eq!(found.inline, [("\\(".into(), "\\)".into())]);
        let off: toml::Table = "enable = false".parse().unwrap();
        assert_eq!(passthrough(&toml::Value::Table(off)), None);
    }
}
