//! The tree's Hugo configuration, as far as the site reads it: Goldmark's passthrough
//! extension, whose delimiters mark the maths of the prose (`\[...\]`, `$$...$$`, `\(...\)`).

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{SourceTree, Span};

/// Where Hugo reads its configuration, in its order: the first that exists is read
/// (`markup.toml` of a configuration folder holds the `markup` table at its top).
const CONFIG_FILES: [(&str, bool); 5] = [
    ("hugo.toml", false),
    ("config.toml", false),
    ("config/_default/hugo.toml", false),
    ("config/_default/config.toml", false),
    ("config/_default/markup.toml", true),
];

/// The passthrough delimiters: pairs of opening and closing text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Passthrough {
    /// Display maths (`\[`, `\]`).
    pub block: Vec<(String, String)>,
    /// Inline maths (`\(`, `\)`).
    pub inline: Vec<(String, String)>,
}

/// The passthrough delimiters the configuration enables, if it does.
pub fn passthrough(
    tree: &mut SourceTree,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Passthrough> {
    for (relative, markup_at_top) in CONFIG_FILES {
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
                return None;
            }
        };
        let markup = if markup_at_top {
            Some(&table)
        } else {
            table.get("markup").and_then(toml::Value::as_table)
        };
        let found = markup
            .and_then(|m| m.get("goldmark"))
            .and_then(|g| g.get("extensions"))
            .and_then(|e| e.get("passthrough"));
        if let Some(passthrough) = found {
            return read(passthrough);
        }
    }
    None
}

fn read(passthrough: &toml::Value) -> Option<Passthrough> {
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
        let found = read(&table["markup"]["goldmark"]["extensions"]["passthrough"]).unwrap();
        assert_eq!(
            found.block,
            [("\\[".into(), "\\]".into()), ("$$".into(), "$$".into())]
        );
        assert_eq!(found.inline, [("\\(".into(), "\\)".into())]);
        let off: toml::Table = "enable = false".parse().unwrap();
        assert_eq!(read(&toml::Value::Table(off)), None);
    }
}
