//! Grid tables (`+---+`) and simple tables (`=== ===`), cells spanning columns included,
//! to rows of raw cell text; the block parser parses each cell's text.

/// A cell before its text is parsed.
#[derive(Debug, PartialEq)]
pub struct RawCell {
    /// The cell's lines, indentation kept.
    pub lines: Vec<String>,
    /// Index of the first line within the table.
    pub first_line: usize,
    /// Columns covered.
    pub colspan: usize,
    /// Rows covered.
    pub rowspan: usize,
}

/// Rows of raw cells and how many of them are header rows.
#[derive(Debug, Default, PartialEq)]
pub struct RawTable {
    /// The rows.
    pub rows: Vec<Vec<RawCell>>,
    /// Header rows at the top.
    pub head_rows: usize,
}

/// Whether `line` starts a grid table.
pub fn is_grid_border(line: &str) -> bool {
    let line = line.trim_end();
    (line.starts_with("+-") || line.starts_with("+="))
        && line.ends_with('+')
        && line.chars().all(|c| matches!(c, '+' | '-' | '='))
}

/// Whether `line` is a simple table's border (`===  ====`).
pub fn is_simple_border(line: &str) -> bool {
    let line = line.trim_end();
    line.starts_with('=') && line.chars().all(|c| c == '=' || c == ' ') && line.len() > 1
}

/// Parses a grid table.
pub fn grid(lines: &[&str]) -> Result<RawTable, String> {
    let width = lines.iter().map(|l| l.trim_end().len()).max().unwrap_or(0);
    let grid: Vec<Vec<u8>> = lines
        .iter()
        .map(|l| {
            let mut bytes = l.trim_end().as_bytes().to_vec();
            bytes.resize(width, b' ');
            bytes
        })
        .collect();
    let last = grid.len() - 1;
    if grid[last].first() != Some(&b'+') {
        return Err("grid table does not end with a border line".into());
    }
    let at = |y: usize, x: usize| grid.get(y).and_then(|r| r.get(x)).copied().unwrap_or(b' ');
    // Column and row boundaries: every `+` of the table.
    let mut columns: Vec<usize> = (0..width)
        .filter(|&x| (0..grid.len()).any(|y| at(y, x) == b'+'))
        .collect();
    columns.dedup();
    let rows: Vec<usize> = (0..grid.len()).filter(|&y| at(y, 0) == b'+').collect();
    let head_border = rows.iter().position(|&y| grid[y].contains(&b'='));
    let mut covered = vec![vec![false; columns.len()]; rows.len()];
    let mut table = RawTable::default();
    for (ri, &top) in rows.iter().enumerate().take(rows.len() - 1) {
        let mut row = Vec::new();
        for (ci, &left) in columns.iter().enumerate().take(columns.len() - 1) {
            if covered[ri][ci] || at(top, left) != b'+' {
                continue;
            }
            // Right edge: the next column boundary where the cell's first text line has `|`.
            let Some(cj) = (ci + 1..columns.len()).find(|&cj| {
                let x = columns[cj];
                at(top + 1, x) == b'|' || at(top + 1, x) == b'+'
            }) else {
                return Err(format!(
                    "grid table cell at line {} has no right border",
                    top + 1
                ));
            };
            let right = columns[cj];
            // Bottom edge: the next row boundary whose segment under the cell is a border.
            let Some(rj) = (ri + 1..rows.len()).find(|&rj| {
                let y = rows[rj];
                (left + 1..right).all(|x| matches!(at(y, x), b'-' | b'=' | b'+'))
            }) else {
                return Err(format!(
                    "grid table cell at line {} has no bottom border",
                    top + 1
                ));
            };
            let bottom = rows[rj];
            let closed = (top + 1..bottom).all(|y| matches!(at(y, right), b'|' | b'+'))
                && (top + 1..bottom).all(|y| matches!(at(y, left), b'|' | b'+'));
            if !closed {
                return Err(format!(
                    "malformed grid table: the cell starting on table line {} has a broken border",
                    top + 1
                ));
            }
            for covered_row in covered.iter_mut().take(rj).skip(ri) {
                for cell in covered_row.iter_mut().take(cj).skip(ci) {
                    *cell = true;
                }
            }
            let text: Vec<String> = (top + 1..bottom)
                .map(|y| {
                    let line = &grid[y][left + 1..right];
                    String::from_utf8_lossy(line).trim_end().to_owned()
                })
                .collect();
            row.push(RawCell {
                lines: dedent(text),
                first_line: top + 1,
                colspan: cj - ci,
                rowspan: rj - ri,
            });
        }
        if !row.is_empty() {
            table.rows.push(row);
        }
        if head_border == Some(ri + 1) {
            table.head_rows = table.rows.len();
        }
    }
    Ok(table)
}

/// Parses a simple table.
pub fn simple(lines: &[&str]) -> Result<RawTable, String> {
    let border = lines[0].trim_end();
    let mut columns: Vec<(usize, usize)> = Vec::new();
    let bytes = border.as_bytes();
    let mut x = 0;
    while x < bytes.len() {
        if bytes[x] == b'=' {
            let start = x;
            while x < bytes.len() && bytes[x] == b'=' {
                x += 1;
            }
            columns.push((start, x));
        } else {
            x += 1;
        }
    }
    let borders: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_simple_border(l))
        .map(|(i, _)| i)
        .collect();
    let head_end = (borders.len() >= 3).then(|| borders[1]);
    let mut table = RawTable::default();
    let mut y = 1;
    let end = *borders.last().unwrap_or(&0);
    while y < end {
        let line = lines[y];
        if line.trim().is_empty() || is_simple_border(line) {
            y += 1;
            if head_end == Some(y - 1) {
                table.head_rows = table.rows.len();
            }
            continue;
        }
        // A row: this line and the following ones whose first column is blank.
        let mut row_lines = vec![(y, line)];
        let mut next = y + 1;
        while next < end {
            let l = lines[next];
            let first_blank = slice_columns(l, 0, columns[0].1).trim().is_empty();
            if l.trim().is_empty() || is_simple_border(l) || is_span_rule(l) || !first_blank {
                break;
            }
            row_lines.push((next, l));
            next += 1;
        }
        // A `---` line under a row tells which columns its cells span.
        let spans =
            (next < end && is_span_rule(lines[next])).then(|| span_groups(lines[next], &columns));
        let has_spans = spans.is_some();
        let groups = spans.unwrap_or_else(|| (0..columns.len()).map(|c| (c, c + 1)).collect());
        let mut row = Vec::new();
        for (gi, &(from, to)) in groups.iter().enumerate() {
            let start = columns[from].0;
            let stop = if gi + 1 == groups.len() {
                usize::MAX
            } else {
                columns[groups[gi + 1].0].0
            };
            let text: Vec<String> = row_lines
                .iter()
                .map(|(_, l)| slice_columns(l, start, stop).trim_end().to_owned())
                .collect();
            // Text in the gap after a column (not the last) runs into the next one.
            let gap_start = columns[to - 1].1;
            let crosses = stop != usize::MAX
                && row_lines
                    .iter()
                    .any(|(_, l)| !slice_columns(l, gap_start, stop).trim().is_empty());
            if crosses {
                return Err(format!(
                    "simple table text crosses a column boundary at line {}",
                    y + 1
                ));
            }
            row.push(RawCell {
                lines: dedent(text),
                first_line: y,
                colspan: to - from,
                rowspan: 1,
            });
        }
        table.rows.push(row);
        y = if has_spans { next + 1 } else { next };
    }
    if head_end.is_some() && table.head_rows == 0 {
        table.head_rows = table.rows.len().min(1);
    }
    Ok(table)
}

fn is_span_rule(line: &str) -> bool {
    let line = line.trim_end();
    line.starts_with('-') && line.chars().all(|c| c == '-' || c == ' ')
}

/// The column groups a `---- ----` rule marks.
fn span_groups(rule: &str, columns: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = rule.as_bytes();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (c, &(start, _)) in columns.iter().enumerate() {
        let dash = bytes.get(start) == Some(&b'-');
        let continues = start > 0 && bytes.get(start - 1) == Some(&b'-');
        match groups.last_mut() {
            Some(last) if continues || !dash => last.1 = c + 1,
            _ => groups.push((c, c + 1)),
        }
    }
    groups
}

/// Columns `start..stop` of `line`, counted in characters.
fn slice_columns(line: &str, start: usize, stop: usize) -> String {
    line.chars()
        .skip(start)
        .take(stop.saturating_sub(start))
        .collect()
}

/// Removes the indentation common to all non-blank lines.
fn dedent(lines: Vec<String>) -> Vec<String> {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|l| {
            if l.len() >= indent {
                l[indent..].to_owned()
            } else {
                String::new()
            }
        })
        .collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(table: &RawTable) -> Vec<Vec<(String, usize)>> {
        table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.lines.join("|"), c.colspan)).collect())
            .collect()
    }

    #[test]
    fn simple_tables_with_spans_and_headers() {
        let lines = [
            "========== ====== =====",
            "Parameter  Type   Description",
            "========== ====== =====",
            "*path*",
            "----------------------",
            "a          int    long text",
            "                  more",
            "========== ====== =====",
        ];
        let table = simple(&lines).unwrap();
        assert_eq!(table.head_rows, 1);
        assert_eq!(
            texts(&table),
            vec![
                vec![
                    ("Parameter".into(), 1),
                    ("Type".into(), 1),
                    ("Description".into(), 1)
                ],
                vec![("*path*".into(), 3)],
                vec![
                    ("a".into(), 1),
                    ("int".into(), 1),
                    ("long text|more".into(), 1)
                ],
            ]
        );
    }

    #[test]
    fn simple_table_text_may_not_run_into_the_next_column() {
        let lines = ["=== ===", "abcde x", "=== ==="];
        assert!(simple(&lines).is_err());
        let lines = ["=== ===", "é   ü", "=== ==="];
        let table = simple(&lines).unwrap();
        assert_eq!(texts(&table), vec![vec![("é".into(), 1), ("ü".into(), 1)]]);
    }

    #[test]
    fn grid_tables_with_spans() {
        let lines = [
            "+-----+-----+",
            "| a   | b   |",
            "+=====+=====+",
            "| wide cell |",
            "+-----+-----+",
            "| c   | d   |",
            "|     | e   |",
            "+-----+-----+",
        ];
        let table = grid(&lines).unwrap();
        assert_eq!(table.head_rows, 1);
        assert_eq!(
            texts(&table),
            vec![
                vec![("a".into(), 1), ("b".into(), 1)],
                vec![("wide cell".into(), 2)],
                vec![("c".into(), 1), ("d|e".into(), 1)],
            ]
        );
    }
}
