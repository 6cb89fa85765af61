//! Changelogs the towncrier way: `changelogs/<name>/pyproject.toml` configures the fragment
//! types and `changelogs/<name>/newsfragments/<issue>.<type>` are the pending entries. This
//! reads them into the model; `render::changelog` writes the text.

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, PathError, SourceTree, Span};

/// A changelog: its configuration and pending fragments.
#[derive(Clone, Debug)]
pub struct Changelog {
    /// The configuration.
    pub config: ChangelogConfig,
    /// The pending fragments of known types, sorted by file name.
    pub fragments: Vec<Fragment>,
}

/// Every changelog of the tree: each folder of `changelogs/` with a `pyproject.toml`, sorted.
pub(super) fn read_all(tree: &mut SourceTree, diagnostics: &mut Vec<Diagnostic>) -> Vec<Changelog> {
    if tree.layout() == crate::source::Layout::Document {
        // A document's root is only the folder its refs may reach: nothing else is read there.
        return Vec::new();
    }
    // `confine`: a `changelogs` link out of the root is not listed.
    let mut names: Vec<String> = tree
        .confine("changelogs")
        .and_then(|dir| std::fs::read_dir(dir).map_err(|_| PathError::Missing("changelogs".into())))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("pyproject.toml").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut configs = Vec::new();
    // Today's layout: one `changelogs/pyproject.toml` whose `[[tool.towncrier.section]]`s are
    // the changelogs (`client_server`, ...), each with its `newsfragments/` folder.
    if tree
        .confine("changelogs/pyproject.toml")
        .is_ok_and(|p| p.is_file())
    {
        match read_config(tree, "changelogs/pyproject.toml", "") {
            Ok((base, sections)) => {
                for (title, path) in sections {
                    configs.push(ChangelogConfig {
                        name: path,
                        section: Some(title),
                        ..base.clone()
                    });
                }
            }
            Err(problem) => diagnostics.push(problem),
        }
    }
    for name in names {
        let relative = format!("{}/pyproject.toml", config_folder(&name));
        match read_config(tree, &relative, &name) {
            Ok((config, _)) => configs.push(config),
            Err(problem) => diagnostics.push(problem),
        }
    }
    let mut changelogs = Vec::new();
    for config in configs {
        let (fragments, problems) = fragments(tree, &config);
        diagnostics.extend(problems);
        changelogs.push(Changelog { config, fragments });
    }
    changelogs
}

/// One fragment type of the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FragmentType {
    /// The file extension that selects it (`clarification`).
    pub directory: String,
    /// The section title (`Spec Clarifications`).
    pub name: String,
    /// Whether entries show their text (else only their issue links).
    pub showcontent: bool,
}

/// `[tool.towncrier]` of a changelog's `pyproject.toml`.
#[derive(Clone, Debug)]
pub struct ChangelogConfig {
    /// The changelog's name (`client_server`).
    pub name: String,
    /// The released changelog, relative to the config's folder (`../client_server.rst`).
    pub filename: String,
    /// The fragment folder, relative to the config's folder.
    pub directory: String,
    /// How an issue is linked; `{issue}` is replaced by the number.
    pub issue_format: String,
    /// The version title; `{version}` and `{name}` are replaced.
    pub title_format: String,
    /// The fragment types, in section order.
    pub types: Vec<FragmentType>,
    /// In today's layout, the section title of this changelog (`Client-Server API`).
    pub section: Option<String>,
    /// The towncrier template the configuration names (root-relative), if any.
    pub template: Option<String>,
    /// The configuration file (root-relative).
    pub config_file: String,
}

/// A pending newsfragment.
#[derive(Clone, Debug)]
pub struct Fragment {
    /// The issue number or name (the file name before the type).
    pub issue: String,
    /// The type (the extension).
    pub kind: String,
    /// The text, trimmed.
    pub text: String,
    /// The file.
    pub file: FileId,
}

/// The root-relative folder of changelog `name`'s configuration.
fn config_folder(name: &str) -> String {
    format!("changelogs/{name}")
}

/// The sections of a configuration: (title, folder below `changelogs/`).
type Sections = Vec<(String, String)>;

/// Reads the `pyproject.toml` at `relative` as changelog `name`'s, with its sections. A
/// missing file, bad TOML or a missing setting is a diagnostic naming the file and line.
fn read_config(
    tree: &mut SourceTree,
    relative: &str,
    name: &str,
) -> Result<(ChangelogConfig, Sections), Diagnostic> {
    let file = tree.load_relative(relative).map_err(|err| {
        Diagnostic::new(
            Rule::ChangelogConfigInvalid,
            Span::file_start(FileId(0)),
            format!("cannot read `{relative}`: {err}"),
        )
    })?;
    let text = tree.file(file).text.clone();
    let fail = |offset: Option<usize>, message: String| {
        let span = Span::at_offset(file, &text, offset.unwrap_or(0));
        Diagnostic::new(Rule::ChangelogConfigInvalid, span, message)
    };
    let table: toml::Table = toml::from_str(&text).map_err(|err| {
        fail(
            err.span().map(|s| s.start),
            format!("not valid TOML: {}", err.message().replace('\n', "; ")),
        )
    })?;
    let towncrier = table
        .get("tool")
        .and_then(|tool| tool.get("towncrier"))
        .and_then(toml::Value::as_table)
        .ok_or_else(|| fail(None, "no `[tool.towncrier]` table".into()))?;
    let setting = |key: &str, default: Option<&str>| -> Result<String, Diagnostic> {
        match towncrier.get(key) {
            Some(toml::Value::String(value)) => Ok(value.clone()),
            Some(_) => Err(fail(None, format!("`{key}` must be a string"))),
            None => default
                .map(str::to_owned)
                .ok_or_else(|| fail(None, format!("`[tool.towncrier]` needs `{key}`"))),
        }
    };
    let mut types = Vec::new();
    for entry in towncrier
        .get("type")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        let field = |key: &str| {
            entry
                .get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
        };
        let (Some(directory), Some(name)) = (field("directory"), field("name")) else {
            return Err(fail(
                None,
                "each `[[tool.towncrier.type]]` needs `directory` and `name`".into(),
            ));
        };
        let showcontent = entry
            .get("showcontent")
            .and_then(toml::Value::as_bool)
            .unwrap_or(true);
        types.push(FragmentType {
            directory,
            name,
            showcontent,
        });
    }
    if types.is_empty() {
        return Err(fail(
            None,
            "no `[[tool.towncrier.type]]` is configured".into(),
        ));
    }
    let mut sections = Vec::new();
    for entry in towncrier
        .get("section")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
    {
        let field = |key: &str| entry.get(key).and_then(toml::Value::as_str);
        let (Some(title), Some(path)) = (field("name"), field("path")) else {
            return Err(fail(
                None,
                "each `[[tool.towncrier.section]]` needs `name` and `path`".into(),
            ));
        };
        // A section's folder is a name below `changelogs/`, never a path out of it.
        if path.is_empty() || path.contains(['/', '\\']) || path.starts_with('.') {
            return Err(fail(
                None,
                format!("the section path `{path}` must be one folder name below changelogs/"),
            ));
        }
        sections.push((title.to_owned(), path.to_owned()));
    }
    let folder = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
    let template = match towncrier.get("template") {
        Some(toml::Value::String(template)) => Some(format!("{folder}/{template}")),
        _ => None,
    };
    let config = ChangelogConfig {
        name: name.to_owned(),
        filename: setting("filename", None)?,
        directory: setting("directory", Some("newsfragments"))?,
        issue_format: setting("issue_format", Some("#{issue}"))?,
        title_format: setting("title_format", Some("{version}"))?,
        types,
        section: None,
        template,
        config_file: relative.to_owned(),
    };
    Ok((config, sections))
}

/// The root-relative path of a file the config names relative to its folder.
fn beside_config(config: &ChangelogConfig, relative: &str) -> String {
    let folder = config_folder(&config.name);
    let mut path: Vec<&str> = folder.split('/').collect();
    for part in relative.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                path.pop();
            }
            other => path.push(other),
        }
    }
    path.join("/")
}

/// The root-relative path of the released changelog.
pub fn released_path(config: &ChangelogConfig) -> String {
    beside_config(config, &config.filename)
}

/// The real paths a release of `config` deletes in (the fragment folder) and writes (the
/// released file), once both are known to be safe: the folder is strictly inside
/// `changelogs/` and holds neither the configuration nor the released file, and the released
/// file is inside `changelogs/` and is no configuration. Else what is wrong, for a diagnostic
/// (`check`) or a refusal (`changelog --version`).
pub fn release_places(
    tree: &SourceTree,
    config: &ChangelogConfig,
) -> Result<(std::path::PathBuf, std::path::PathBuf), String> {
    let changelogs = tree
        .confine("changelogs")
        .map_err(|err| format!("the changelogs folder {err}"))?;
    let place = |what: &str, relative: &str| match tree.confine(relative) {
        Ok(real) => Ok(real),
        // Not there yet: where it would be made (its folder must exist and be confined).
        Err(PathError::Missing(_)) => {
            let (folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
            tree.confine(folder)
                .map(|real| real.join(name))
                .map_err(|err| format!("the {what} {err}"))
        }
        Err(err) => Err(format!("the {what} {err}")),
    };
    let folder = place("fragment folder", &beside_config(config, &config.directory))?;
    let released = place("released changelog", &released_path(config))?;
    let config_file = place("configuration", &config.config_file)?;
    if !folder.starts_with(&changelogs) || folder == changelogs {
        return Err(format!(
            "the fragment folder `{}` is not a folder inside changelogs/: a release deletes its fragments",
            config.directory
        ));
    }
    if config_file.starts_with(&folder) || released.starts_with(&folder) {
        return Err(format!(
            "the fragment folder `{}` holds the configuration or the released changelog: a release would delete it",
            config.directory
        ));
    }
    if !released.starts_with(&changelogs) || released == config_file {
        return Err(format!(
            "the released changelog `{}` is not a file of changelogs/ of its own: a release rewrites it",
            config.filename
        ));
    }
    Ok((folder, released))
}

/// The pending fragments, sorted by file name, and a warning for each file whose type the
/// configuration does not list.
fn fragments(tree: &mut SourceTree, config: &ChangelogConfig) -> (Vec<Fragment>, Vec<Diagnostic>) {
    let folder = beside_config(config, &config.directory);
    let mut diagnostics = Vec::new();
    // The folder comes from the configuration: one that leads out of the root is not listed.
    let listed = tree
        .confine(&folder)
        .and_then(|dir| std::fs::read_dir(dir).map_err(|_| PathError::Missing(folder.clone())));
    let config_file = tree.find(&config.config_file);
    if let (Err(err @ PathError::OutsideRoot(_)), Some(config_file)) = (&listed, config_file) {
        diagnostics.push(Diagnostic::new(
            Rule::RefOutsideRoot,
            Span::file_start(config_file),
            format!("the fragment folder {err}"),
        ));
    }
    // A release deletes the fragments and rewrites the released file: both must lie where
    // nothing else of the tree can be (a folder of `changelogs/` of their own).
    if let (Ok(_), Err(problem)) = (&listed, release_places(tree, config)) {
        if let Some(config_file) = config_file {
            diagnostics.push(Diagnostic::new(
                Rule::ChangelogConfigInvalid,
                Span::file_start(config_file),
                problem,
            ));
        }
        return (Vec::new(), diagnostics);
    }
    let mut names: Vec<String> = listed
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    let mut fragments = Vec::new();
    for name in names {
        let Ok(file) = tree.load_relative(&format!("{folder}/{name}")) else {
            continue;
        };
        let (issue, kind) = name.split_once('.').unwrap_or((&name, ""));
        if !config.types.iter().any(|t| t.directory == kind) {
            let known: Vec<&str> = config.types.iter().map(|t| t.directory.as_str()).collect();
            diagnostics.push(Diagnostic::new(
                Rule::FragmentTypeUnknown,
                Span::file_start(file),
                format!(
                    "`.{kind}` is not a fragment type of {} ({}); this fragment would be left out",
                    config.config_file,
                    known.join(", ")
                ),
            ));
            continue;
        }
        fragments.push(Fragment {
            issue: issue.to_owned(),
            kind: kind.to_owned(),
            text: tree.file(file).text.trim().to_owned(),
            file,
        });
    }
    (fragments, diagnostics)
}
