//! `targets.yaml`: the documents a build writes, the files each is made of, and the title styles.
//!
//! ```yaml
//! targets:
//!   client_server:
//!     files:
//!       - client_server_api.rst          # a file, at title level 0
//!       - { 1: modules.rst }             # a file whose titles start one level down
//!       - { 2: "group:modules" }         # every file of a group, two levels down
//!     version_label: "%CLIENT_RELEASE_LABEL%"
//! groups:
//!   modules: [modules/instant_messaging.rst, ...]
//! title_styles: ["=", "-", "~", "+", "^", "`", "@", ":"]
//! relative_title_styles: {subtitle: "<", sametitle: "/", supertitle: ">"}
//! ```

use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, Node, PathError, SourceTree, Span, Value};

/// Everything `targets.yaml` says.
#[derive(Clone, Debug)]
pub struct Targets {
    /// The file, for diagnostics.
    pub file: FileId,
    /// The targets, in file order.
    pub targets: Vec<Target>,
    /// Underline characters by title level, outermost first.
    pub title_styles: Vec<char>,
    /// The characters generated RST uses for titles relative to the one above.
    pub relative: RelativeStyles,
}

/// The relative title characters: a title one level down, at the same level, one level up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelativeStyles {
    /// One level below the current title.
    pub subtitle: char,
    /// The current title's level.
    pub sametitle: char,
    /// One level above the current title.
    pub supertitle: char,
}

/// One output document.
#[derive(Clone, Debug)]
pub struct Target {
    /// The name (`client_server`, `rooms@v1`).
    pub name: String,
    /// `version_label`, placeholders left in.
    pub version_label: Option<String>,
    /// What the document is made of, groups expanded.
    pub files: Vec<Entry>,
    /// Where the target is defined.
    pub span: Span,
}

/// One entry of a target's `files`.
#[derive(Clone, Debug)]
pub enum Entry {
    /// A file (relative to the folder of `targets.yaml`), at the enclosing title level.
    File {
        /// The path as written.
        path: String,
        /// Where it is named.
        span: Span,
    },
    /// Entries at explicit title levels (`{1: modules.rst}`), in ascending level order.
    Levels(Vec<(usize, Entry)>),
    /// Several entries at the enclosing level (an expanded `group:`).
    List(Vec<Entry>),
}

/// Reads `targets.yaml` (a root-relative path). A file that cannot be read is an error; problems
/// inside it are diagnostics, and the result holds what could be read.
pub fn read(tree: &mut SourceTree, path: &str) -> Result<(Targets, Vec<Diagnostic>), PathError> {
    let mut diagnostics = Vec::new();
    let file = tree.load_relative(path)?;
    let Some(doc) = tree.file(file).node.clone() else {
        // The syntax problem is among the file's parse problems.
        let empty = Targets {
            file,
            targets: Vec::new(),
            title_styles: Vec::new(),
            relative: RelativeStyles::DEFAULT,
        };
        return Ok((empty, diagnostics));
    };
    let mut cx = Reader {
        diagnostics: &mut diagnostics,
        doc: &doc,
        expanding: Vec::new(),
        files: Default::default(),
        groups: Default::default(),
    };
    let title_styles = cx.title_styles();
    let relative = cx.relative_styles();
    let targets = cx.targets();
    Ok((
        Targets {
            file,
            targets,
            title_styles,
            relative,
        },
        diagnostics,
    ))
}

impl RelativeStyles {
    /// The characters the Matrix spec uses.
    pub const DEFAULT: RelativeStyles = RelativeStyles {
        subtitle: '<',
        sametitle: '/',
        supertitle: '>',
    };
}

struct Reader<'a> {
    diagnostics: &'a mut Vec<Diagnostic>,
    doc: &'a Node,
    /// The groups being expanded, outermost first: a group met again is a cycle.
    expanding: Vec<String>,
    /// The files of the current target so far: a file listed again is reported once and
    /// left out, so no group structure makes a target grow past what its files say.
    files: rustc_hash::FxHashSet<String>,
    /// The groups of the current target expanded so far: one is expanded once, so groups
    /// that name the next one twice cannot make the work grow exponentially.
    groups: rustc_hash::FxHashSet<String>,
}

impl Reader<'_> {
    fn invalid(&mut self, span: Span, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(Rule::TargetsInvalid, span, message));
    }

    fn title_styles(&mut self) -> Vec<char> {
        let Some(node) = self.doc.get("title_styles") else {
            self.invalid(
                self.doc.span,
                "`title_styles` is missing: the underline characters by title level",
            );
            return Vec::new();
        };
        let mut styles = Vec::new();
        for item in node.as_seq().unwrap_or_default() {
            match single_char(item) {
                Some(c) => styles.push(c),
                None => self.invalid(item.span, "a title style is one punctuation character"),
            }
        }
        styles
    }

    fn relative_styles(&mut self) -> RelativeStyles {
        let node = self.doc.get("relative_title_styles");
        let mut get = |key: &str, default: char| match node.and_then(|n| n.get(key)) {
            Some(value) => single_char(value).unwrap_or_else(|| {
                self.invalid(value.span, format!("`{key}` must be one character"));
                default
            }),
            None => default,
        };
        let d = RelativeStyles::DEFAULT;
        RelativeStyles {
            subtitle: get("subtitle", d.subtitle),
            sametitle: get("sametitle", d.sametitle),
            supertitle: get("supertitle", d.supertitle),
        }
    }

    fn targets(&mut self) -> Vec<Target> {
        let Some(targets) = self.doc.get("targets").and_then(Node::as_map) else {
            self.invalid(
                self.doc.span,
                "`targets` must map target names to their files",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in &targets.entries {
            let Some(files) = entry.value.get("files").and_then(Node::as_seq) else {
                self.invalid(
                    entry.value.span,
                    format!("target `{}` needs a `files` list", entry.key.text),
                );
                continue;
            };
            self.files.clear();
            self.groups.clear();
            let files = files.iter().filter_map(|f| self.entry(f, true)).collect();
            let version_label = entry.value.get("version_label").and_then(scalar_text);
            out.push(Target {
                name: entry.key.text.clone(),
                version_label,
                files,
                span: entry.key.span,
            });
        }
        out
    }

    /// One item of a `files` list (`top`) or a value of a level map.
    fn entry(&mut self, node: &Node, top: bool) -> Option<Entry> {
        match &node.value {
            Value::Str(text) => match text.strip_prefix("group:") {
                Some(group) => self.group(group, node.span),
                None if !self.files.insert(text.clone()) => {
                    self.invalid(
                        node.span,
                        format!("`{text}` is already part of this target; it is left out here"),
                    );
                    None
                }
                None => Some(Entry::File {
                    path: text.clone(),
                    span: node.span,
                }),
            },
            Value::Map(map) if top => {
                let mut levels = Vec::new();
                for entry in &map.entries {
                    let Ok(level) = entry.key.text.parse::<usize>() else {
                        self.invalid(
                            entry.key.span,
                            "a level map's keys are title levels: 0, 1, 2, ...",
                        );
                        continue;
                    };
                    if let Some(inner) = self.entry(&entry.value, false) {
                        levels.push((level, inner));
                    }
                }
                levels.sort_by_key(|(level, _)| *level);
                Some(Entry::Levels(levels))
            }
            _ => {
                self.invalid(
                    node.span,
                    "a file entry is a path, `group:<name>`, or a map of title levels to those",
                );
                None
            }
        }
    }

    fn group(&mut self, name: &str, span: Span) -> Option<Entry> {
        let Some(group) = self.doc.get("groups").and_then(|g| g.get(name)) else {
            self.invalid(span, format!("no group `{name}` under `groups`"));
            return None;
        };
        let Some(items) = group.as_seq() else {
            self.invalid(
                group.span,
                format!("group `{name}` must be a list of files"),
            );
            return None;
        };
        if let Some(at) = self.expanding.iter().position(|open| open == name) {
            let mut chain = self.expanding[at..].to_vec();
            chain.push(name.to_owned());
            self.invalid(
                span,
                format!("group `{name}` includes itself ({})", chain.join(" -> ")),
            );
            return None;
        }
        // Groups nest only as deep as there are groups, so this recursion is bounded by the
        // file; a deeper chain is cut as prose nesting is.
        if self.expanding.len() >= crate::limits::MAX_PROSE_DEPTH {
            self.diagnostics.push(Diagnostic::new(
                Rule::LimitExceeded,
                span,
                format!(
                    "groups nest more than {} levels deep here",
                    crate::limits::MAX_PROSE_DEPTH
                ),
            ));
            return None;
        }
        if !self.groups.insert(name.to_owned()) {
            self.invalid(
                span,
                format!("group `{name}` is already part of this target; it is left out here"),
            );
            return None;
        }
        self.expanding.push(name.to_owned());
        let entries = items
            .iter()
            .filter_map(|item| self.entry(item, false))
            .collect();
        self.expanding.pop();
        Some(Entry::List(entries))
    }
}

fn single_char(node: &Node) -> Option<char> {
    let text = node.as_str()?;
    let mut chars = text.chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_punctuation()).then_some(c)
}

fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}
