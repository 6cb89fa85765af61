//! A target's files joined into one RST text, each file's titles moved to its level.
//!
//! This is the original gendoc's first stage, reproduced exactly (the corpus suite compares it
//! byte for byte with `concat/templated_<target>.rst`):
//! - a title underline is a line of one repeated title character, at least 3 long and at least
//!   as long as the line before it; the line after an underline is never one;
//! - a file's first title sets its offset: its style becomes the file's level 0;
//! - a title may go at most one level deeper than the one before it;
//! - level `l` of a file placed at level `L` is written with `title_styles[L + l]`;
//! - each file is followed by two newlines.

use super::targets::{Entry, Targets};
use crate::diagnostic::{Diagnostic, Rule};
use crate::source::{FileId, SourceTree, Span};

/// A joined target: the text, and where each file starts in it.
#[derive(Clone, Debug, Default)]
pub struct Joined {
    /// The RST.
    pub text: String,
    /// `(line index in text, file)` for each file, in order; lines map one to one.
    pub files: Vec<(usize, FileId)>,
}

impl Joined {
    /// The file and 1-based line that line `index` of the text comes from.
    pub fn origin(&self, index: usize) -> Option<(FileId, u32)> {
        let at = self.files.partition_point(|(start, _)| *start <= index);
        let (start, file) = self.files.get(at.checked_sub(1)?)?;
        Some((*file, (index - start) as u32 + 1))
    }
}

/// Joins the files of `entries` (paths relative to `folder`, a root-relative folder).
pub fn concat(
    tree: &mut SourceTree,
    targets: &Targets,
    folder: &str,
    entries: &[Entry],
) -> (Joined, Vec<Diagnostic>) {
    let mut out = Joined::default();
    let mut diagnostics = Vec::new();
    let mut lines = 0;
    for entry in entries {
        push_entry(
            tree,
            targets,
            folder,
            entry,
            0,
            &mut out,
            &mut lines,
            &mut diagnostics,
        );
    }
    (out, diagnostics)
}

#[allow(clippy::too_many_arguments)]
fn push_entry(
    tree: &mut SourceTree,
    targets: &Targets,
    folder: &str,
    entry: &Entry,
    level: usize,
    joined: &mut Joined,
    lines: &mut usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match entry {
        Entry::File { path, span } => {
            let relative = if folder.is_empty() {
                path.clone()
            } else {
                format!("{folder}/{path}")
            };
            match tree.load_relative(&relative) {
                Ok(file) => {
                    joined.files.push((*lines, file));
                    let before = joined.text.len();
                    let out = &mut joined.text;
                    adjust_titles(tree, file, level, &targets.title_styles, out, diagnostics);
                    out.push_str("\n\n");
                    *lines += out[before..].matches('\n').count();
                }
                Err(err) => diagnostics.push(Diagnostic::new(
                    Rule::TargetFileMissing,
                    *span,
                    format!("cannot read `{path}`: {err}"),
                )),
            }
        }
        Entry::Levels(levels) => {
            for (inner_level, inner) in levels {
                push_entry(
                    tree,
                    targets,
                    folder,
                    inner,
                    *inner_level,
                    joined,
                    lines,
                    diagnostics,
                );
            }
        }
        Entry::List(items) => {
            for item in items {
                push_entry(
                    tree,
                    targets,
                    folder,
                    item,
                    level,
                    joined,
                    lines,
                    diagnostics,
                );
            }
        }
    }
}

fn adjust_titles(
    tree: &SourceTree,
    file: FileId,
    level: usize,
    styles: &[char],
    out: &mut String,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text = &tree.file(file).text;
    let mut previous_text_line: Option<&str> = None;
    let mut offset: Option<usize> = None;
    let mut previous_level = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let title_char = previous_text_line.and_then(|prev| title_char(prev, line, styles));
        let Some(title_char) = title_char else {
            out.push_str(line);
            previous_text_line = Some(line);
            continue;
        };
        previous_text_line = None;
        let span = Span {
            file,
            line: index as u32 + 1,
            column: 1,
        };
        // `title_char` found it among the styles.
        let style_level = styles
            .iter()
            .position(|c| *c == title_char)
            .unwrap_or_default();
        let offset = *offset.get_or_insert(style_level);
        let Some(file_level) = style_level.checked_sub(offset) else {
            diagnostics.push(Diagnostic::new(
                Rule::TitleLevelJump,
                span,
                format!("this `{title_char}` title is above the file's first title level"),
            ));
            out.push_str(line);
            continue;
        };
        if file_level > previous_level + 1 {
            diagnostics.push(Diagnostic::new(
                Rule::TitleLevelJump,
                span,
                format!(
                    "this title jumps from level {previous_level} to level {file_level}; titles go at most one level deeper at a time"
                ),
            ));
        }
        previous_level = file_level;
        let Some(&style) = styles.get(level + file_level) else {
            diagnostics.push(Diagnostic::new(
                Rule::TitleTooDeep,
                span,
                format!(
                    "placed at level {level}, this title needs title style {} but targets.yaml defines only {}",
                    level + file_level + 1,
                    styles.len()
                ),
            ));
            out.push_str(line);
            continue;
        };
        out.push_str(&line.replace(title_char, &style.to_string()));
    }
}

/// The character of a title underline, if `line` is one under `previous`.
fn title_char(previous: &str, line: &str, styles: &[char]) -> Option<char> {
    // Python's len() counts characters, newline included, as the original compared them.
    if previous.chars().count() > line.chars().count() {
        return None;
    }
    let body = line.trim_end();
    let first = body.chars().next()?;
    let all_same = body.chars().all(|c| c == first);
    (body.chars().count() >= 3 && styles.contains(&first) && all_same).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::title_char;

    const STYLES: [char; 3] = ['=', '-', '~'];

    #[test]
    fn underlines_must_cover_the_title() {
        assert_eq!(title_char("Title\n", "=====\n", &STYLES), Some('='));
        assert_eq!(title_char("Long title\n", "===\n", &STYLES), None);
        assert_eq!(
            title_char("A\n", "--\n", &STYLES),
            None,
            "at least three characters"
        );
        assert_eq!(
            title_char("A\n", "-=-\n", &STYLES),
            None,
            "one character repeated"
        );
        assert_eq!(
            title_char("A\n", "***\n", &STYLES),
            None,
            "only title styles"
        );
    }
}
