//! `mxspec build --format rst`: every target of `targets.yaml` as one RST document.
//!
//! Per target, the original gendoc's stages in order: join the files with their titles moved
//! to the target's levels ([`concat`]), replace each `{{name}}` with its section
//! ([`Sections`]), fill the `%NAME%` substitutions, and turn the relative title underlines the
//! sections use (`<`, `/`, `>`) into real ones ([`fix_relative_titles`]). Section text is
//! inserted as data: a `{{` inside a description is printed, never expanded.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use super::concat::{self, Joined};
use super::sections::{SectionError, Sections, UNSTABLE};
use super::targets::{self, RelativeStyles, Target, Targets};
use super::templates::Templates;
use crate::Loaded;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::source::{FileId, PathError, SourceTree, Span};

/// Where `targets.yaml` is looked for when no path is given, in order.
pub const TARGETS_FILES: [&str; 2] = ["specification/targets.yaml", "docs/targets.yaml"];

/// How to build.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// `%NAME%` values (names without percent signs).
    pub substitutions: BTreeMap<String, String>,
    /// A folder whose templates replace the embedded ones of the same name.
    pub templates: Option<PathBuf>,
    /// The root-relative path of `targets.yaml`; the first of [`TARGETS_FILES`] that exists
    /// when None.
    pub targets: Option<String>,
    /// Build only these targets (all when empty).
    pub only: Vec<String>,
}

/// The substitutions of the Matrix spec and their default values.
pub fn default_substitutions() -> BTreeMap<String, String> {
    [
        ("CLIENT_RELEASE_LABEL", UNSTABLE),
        ("SERVER_RELEASE_LABEL", UNSTABLE),
        ("APPSERVICE_RELEASE_LABEL", UNSTABLE),
        ("IDENTITY_RELEASE_LABEL", UNSTABLE),
        ("PUSH_GATEWAY_RELEASE_LABEL", UNSTABLE),
        ("CLIENT_MAJOR_VERSION", "r0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// One written document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The target's name.
    pub target: String,
    /// Where it goes below the output folder (`client_server/unstable.rst`, `index.rst`).
    pub path: String,
    /// The RST.
    pub text: String,
}

/// The documents of a build and what went wrong on the way. A build with error diagnostics
/// must not be written.
#[derive(Debug, Default)]
pub struct Build {
    /// The documents, in target order.
    pub documents: Vec<Document>,
    /// Problems, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// A build that could not start.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// No `targets.yaml`.
    #[error("no targets file: looked for {}", .0.join(" and "))]
    NoTargets(Vec<String>),
    /// `targets.yaml` cannot be read.
    #[error("cannot read {path}: {source}")]
    Targets {
        /// The path.
        path: String,
        /// Why.
        source: PathError,
    },
    /// `--target` names a target `targets.yaml` does not have.
    #[error("no target `{0}` in targets.yaml")]
    UnknownTarget(String),
}

/// The first stage every output format shares: the targets chosen, each joined into one
/// text, with its version label.
pub struct Start {
    /// `targets.yaml`.
    pub targets: Targets,
    /// The chosen targets: index into `targets.targets`, the joined text, the label.
    pub chosen: Vec<(usize, Joined, String)>,
    /// Problems so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `targets.yaml` and joins the chosen targets' files.
pub fn start(loaded: &mut Loaded, options: &BuildOptions) -> Result<Start, BuildError> {
    let path = match &options.targets {
        Some(path) => path.clone(),
        None => TARGETS_FILES
            .iter()
            .find(|p| loaded.tree.root().join(p).is_file())
            .map(|p| (*p).to_owned())
            .ok_or_else(|| BuildError::NoTargets(TARGETS_FILES.map(str::to_owned).to_vec()))?,
    };
    let (targets, mut diagnostics) =
        targets::read(&mut loaded.tree, &path).map_err(|source| BuildError::Targets {
            path: path.clone(),
            source,
        })?;
    for name in &options.only {
        if !targets.targets.iter().any(|t| &t.name == name) {
            return Err(BuildError::UnknownTarget(name.clone()));
        }
    }
    let folder = path
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder)
        .to_owned();
    let mut chosen = Vec::new();
    for (index, target) in targets.targets.iter().enumerate() {
        if !options.only.is_empty() && !options.only.contains(&target.name) {
            continue;
        }
        let (joined, problems) = concat::concat(&mut loaded.tree, &targets, &folder, &target.files);
        diagnostics.extend(problems);
        let label = target.version_label.as_deref().unwrap_or(UNSTABLE);
        chosen.push((index, joined, substitute(label, &options.substitutions)));
    }
    Ok(Start {
        targets,
        chosen,
        diagnostics,
    })
}

/// Rendered sections by (name, label).
pub type RenderedSections = HashMap<(String, String), Result<String, SectionError>>;

/// Every section the chosen targets' placeholders name (those `wanted` accepts), rendered
/// once each, in parallel.
pub fn render_sections(
    sections: &Sections<'_>,
    chosen: &[(usize, Joined, String)],
    wanted: impl Fn(&str) -> bool + Sync,
) -> RenderedSections {
    let mut needed: Vec<(&str, &str)> = chosen
        .iter()
        .flat_map(|(_, joined, label)| {
            placeholders(&joined.text)
                .filter(|name| wanted(name))
                .map(move |name| (name, label.as_str()))
        })
        .collect();
    needed.sort_unstable();
    needed.dedup();
    needed
        .into_par_iter()
        .map(|(name, label)| {
            (
                (name.to_owned(), label.to_owned()),
                sections.render(name, label),
            )
        })
        .collect()
}

/// Builds the documents of `loaded`'s tree.
pub fn build(loaded: &mut Loaded, options: &BuildOptions) -> Result<Build, BuildError> {
    prepare(loaded, options, |start, sections, _| {
        let rendered = render_sections(sections, &start.chosen, |_| true);
        let (documents, problems) = finish(
            &start.targets,
            &start.chosen,
            sections,
            &[&rendered],
            options,
        );
        let mut diagnostics = start.diagnostics;
        diagnostics.extend(problems);
        Build {
            documents,
            diagnostics,
        }
    })
}

/// Runs [`start`], makes the templates and the [`Sections`] over the loaded tree, and hands
/// all three to `then`: the prologue every output format shares.
pub fn prepare<R>(
    loaded: &mut Loaded,
    options: &BuildOptions,
    then: impl FnOnce(Start, &Sections<'_>, &Templates) -> R,
) -> Result<R, BuildError> {
    let start = start(loaded, options)?;
    let templates = Templates::new(options.templates.as_deref());
    let sections = Sections::new(
        &mut loaded.tree,
        &loaded.spec,
        &templates,
        &options.substitutions,
        start.targets.relative.subtitle,
    );
    Ok(then(start, &sections, &templates))
}

/// The RST documents of the chosen targets; each section is in one of `rendered`.
pub fn finish(
    targets: &Targets,
    chosen: &[(usize, Joined, String)],
    sections: &Sections<'_>,
    rendered: &[&RenderedSections],
    options: &BuildOptions,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let finished: Vec<(Document, Vec<Diagnostic>)> = chosen
        .par_iter()
        .map(|(index, joined, label)| {
            let target = &targets.targets[*index];
            let mut failed = Vec::new();
            let templated = fill_placeholders(&joined.text, |name| {
                let key = (name.to_owned(), label.clone());
                // Every placeholder's section was rendered; were one not, it would stay as is.
                match rendered.iter().find_map(|r| r.get(&key))? {
                    Ok(text) => Some(text.clone()),
                    Err(err) => {
                        failed.push(placeholder_problem(sections.tree(), target, name, err));
                        None
                    }
                }
            });
            // The original rendered each document as a Jinja template, which drops one final
            // newline.
            let templated = templated.strip_suffix('\n').unwrap_or(&templated);
            let text = substitute(templated, &options.substitutions);
            let text = fix_relative_titles(&text, &targets.title_styles, targets.relative);
            let label = target.version_label.as_ref().map(|_| label.as_str());
            let document = Document {
                target: target.name.clone(),
                path: output_path(target, label),
                text,
            };
            (document, failed)
        })
        .collect();
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    for (document, failed) in finished {
        documents.push(document);
        diagnostics.extend(failed);
    }
    (documents, diagnostics)
}

impl Build {
    /// Whether any diagnostic is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

/// Where a target's document goes: `rooms@v1` gives `rooms/v1.rst`, a target with a version
/// label `<target>/<label>.rst`, any other `<target>.rst`.
pub fn output_path(target: &Target, label: Option<&str>) -> String {
    match (target.name.split_once('@'), label) {
        (Some((folder, version)), _) => format!("{folder}/{version}.rst"),
        (None, Some(label)) => format!("{}/{label}.rst", target.name),
        (None, None) => format!("{}.rst", target.name),
    }
}

/// Replaces every `%NAME%` whose NAME has a value, in one pass.
pub fn substitute(text: &str, substitutions: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after
            .find('%')
            .and_then(|end| substitutions.get(&after[..end]).map(|value| (end, value)));
        match value {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name inside a `{{ name }}` placeholder starting at `text`, and the placeholder's length.
///
/// Only a name (letters, digits, `_`) with white space around it may stand before the `}}`, so
/// the scan stops at the first other character: a line of many `{{` costs its length, not
/// its length for each of them.
fn placeholder_at(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix("{{")?;
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c.is_whitespace()))
        .unwrap_or(inner.len());
    if !inner[end..].starts_with("}}") {
        return None;
    }
    let name = inner[..end].trim();
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, end + 4))
}

/// The names of the `{{name}}` placeholders of `text`, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("{{")
        .filter_map(|(offset, _)| placeholder_at(&text[offset..]).map(|(name, _)| name))
}

/// Replaces each `{{name}}` with `section(name)`; a placeholder without a section stays.
pub fn fill_placeholders(text: &str, mut section: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        match placeholder_at(rest) {
            Some((name, len)) => {
                match section(name) {
                    Some(value) => out.push_str(&value),
                    None => out.push_str(&rest[..len]),
                }
                rest = &rest[len..];
            }
            None => {
                out.push_str("{{");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A diagnostic for a placeholder that failed, at its first place in the target's files.
pub(crate) fn placeholder_problem(
    tree: &SourceTree,
    target: &Target,
    name: &str,
    err: &SectionError,
) -> Diagnostic {
    let span = placeholder_span(tree, name).unwrap_or(target.span);
    match err {
        SectionError::Unknown(_) => Diagnostic::new(
            Rule::PlaceholderUnknown,
            span,
            format!(
                "`{{{{{name}}}}}` is not a section: no API group, event, definition, changelog or other section has this name"
            ),
        ),
        other => Diagnostic::new(
            Rule::TemplateFailed,
            span,
            format!("`{{{{{name}}}}}`: {other}"),
        ),
    }
}

/// Turns relative title underlines into real ones: the subtitle character becomes the style
/// one level below the last real title, the same-title character that title's style, the
/// supertitle character the style one level above.
pub fn fix_relative_titles(text: &str, styles: &[char], relative: RelativeStyles) -> String {
    // A line of one title character class: at least three, nothing else.
    let run_of = |line: &str, allowed: &[char]| {
        line.chars().next().is_some_and(|c| allowed.contains(&c))
            && line.chars().all(|c| allowed.contains(&c))
            && line.chars().nth(2).is_some()
    };
    let relative_chars = [relative.subtitle, relative.sametitle, relative.supertitle];
    let mut current: Option<usize> = None;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if !run_of(body, &relative_chars) {
            if run_of(body, styles) {
                current = body
                    .chars()
                    .next()
                    .and_then(|c| styles.iter().position(|s| *s == c));
            }
            out.push_str(line);
            continue;
        }
        let first = body.chars().next().unwrap_or(relative.subtitle);
        let level = current.unwrap_or(0);
        let target = if first == relative.subtitle {
            level + 1
        } else if first == relative.sametitle {
            level
        } else {
            level.saturating_sub(1)
        };
        let style = styles
            .get(target)
            .or(styles.last())
            .copied()
            .unwrap_or(first);
        out.extend(std::iter::repeat_n(style, body.chars().count()));
        out.push_str(&line[body.len()..]);
    }
    out
}

/// Where `{{name}}` is first written in the loaded prose files (sorted by path).
fn placeholder_span(tree: &SourceTree, name: &str) -> Option<Span> {
    let mut files: Vec<(FileId, &str, &str)> = tree
        .files()
        .filter(|(_, file)| file.node.is_none())
        .map(|(id, file)| (id, file.path.as_str(), file.text.as_str()))
        .collect();
    files.sort_by_key(|(_, path, _)| *path);
    files.into_iter().find_map(|(id, _, text)| {
        let mut from = 0;
        while let Some(found) = text[from..].find("{{") {
            let offset = from + found;
            if placeholder_at(&text[offset..]).is_some_and(|(n, _)| n == name) {
                return Some(Span::at_offset(id, text, offset));
            }
            from = offset + 2;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutions_fill_known_names_only() {
        let values: BTreeMap<String, String> = [("A".to_owned(), "1".to_owned())].into();
        assert_eq!(
            substitute("%A% 50% %B% %A%%A% %", &values),
            "1 50% %B% 11 %"
        );
    }

    #[test]
    fn placeholders_are_replaced_once_and_values_are_data() {
        let text = "a {{x}} b {{ y }} c {{not a name}} {{z}}";
        let out = fill_placeholders(text, |name| match name {
            "x" => Some("{{y}}".to_owned()),
            "y" => Some("Y".to_owned()),
            _ => None,
        });
        assert_eq!(out, "a {{y}} b Y c {{not a name}} {{z}}");
    }

    #[test]
    fn relative_titles_follow_the_last_real_title() {
        let styles = ['=', '-', '~'];
        let relative = RelativeStyles {
            subtitle: '<',
            sametitle: '/',
            supertitle: '>',
        };
        let text = "Top\n===\n\nSub\n<<<\n\nPart\n---\n\nSame\n////\n\nUp\n>>\nUp\n>>>\n";
        assert_eq!(
            fix_relative_titles(text, &styles, relative),
            "Top\n===\n\nSub\n---\n\nPart\n---\n\nSame\n----\n\nUp\n>>\nUp\n===\n"
        );
    }

    #[test]
    fn output_paths_follow_the_html_layout() {
        let target = |name: &str| Target {
            name: name.into(),
            version_label: None,
            files: Vec::new(),
            span: Span::file_start(FileId(0)),
        };
        assert_eq!(output_path(&target("rooms@v1"), Some("v1")), "rooms/v1.rst");
        assert_eq!(
            output_path(&target("client_server"), Some("unstable")),
            "client_server/unstable.rst"
        );
        assert_eq!(output_path(&target("index"), None), "index.rst");
    }
}
