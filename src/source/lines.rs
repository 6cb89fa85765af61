//! Where byte offsets of a text fall: the line starts, found once, so that placing many
//! positions in one text (every shortcode, link or problem of a page) costs a binary search
//! each instead of a count from the start of the text.

use super::{FileId, Span};

/// The byte offset at which each line of a text starts.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
        }
    }

    /// How many line breaks come before byte `offset` (0 on the first line).
    pub fn lines_before(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset) - 1
    }

    /// The byte range of line `line` (1-based) of `text`, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        text.get(start..end)
    }

    /// The span of byte `offset` of `text` (the text this index was made of), in `file`:
    /// its line, and its column in characters.
    pub fn span(&self, file: FileId, text: &str, offset: usize) -> Span {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let line = self.lines_before(end);
        let start = self.starts[line];
        Span {
            file,
            line: line as u32 + 1,
            column: text[start..end].chars().count() as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_fall_on_their_lines_and_columns() {
        let text = "ab\ncé\n\nd";
        let index = LineIndex::new(text);
        let at = |offset| {
            let span = index.span(FileId(0), text, offset);
            (span.line, span.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3));
        assert_eq!(at(3), (2, 1));
        assert_eq!(at(6), (2, 3), "é is one character");
        assert_eq!(at(7), (3, 1));
        assert_eq!(at(8), (4, 1));
        assert_eq!(at(99), (4, 2), "past the end: the end");
        assert_eq!(index.line(text, 2), Some("cé"));
        assert_eq!(index.line(text, 5), None);
        for offset in 0..=text.len() {
            if text.is_char_boundary(offset) {
                assert_eq!(
                    index.span(FileId(0), text, offset),
                    Span::at_offset(FileId(0), text, offset)
                );
            }
        }
    }
}
