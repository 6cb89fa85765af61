//! Maths of the prose, as Hugo's Goldmark passthrough extension finds it and the tree's
//! render hook shows it, but at build time and without script: each formula between the
//! delimiters the configuration declares ([`crate::content::config::Passthrough`]) becomes
//! MathML (pulldown-latex), which browsers show natively. Code spans, code blocks and raw
//! HTML keep their text.
//!
//! A formula is LaTeX from the tree: one longer than [`MAX_FORMULA`] bytes or nested deeper
//! than [`MAX_NESTING`] is shown as its source, with a `math-invalid` warning, and so is one
//! the reader cannot read.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::config::Passthrough;

/// The longest formula rendered.
pub const MAX_FORMULA: usize = 16 * 1024;

/// The deepest nesting of groups (`{`, `\left`) rendered.
pub const MAX_NESTING: usize = 64;

/// A formula found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// Its bytes in the text, delimiters included.
    pub range: Range<usize>,
    /// Display maths (a block delimiter).
    pub display: bool,
    /// The LaTeX between the delimiters.
    pub latex: String,
}

/// The formulas of Markdown `text`, outside code and raw HTML, in order. Each delimiter's
/// next opening and closing place is remembered, so the text is read a bounded number of
/// times whatever it holds (thousands of openers without a closer cost no more).
pub fn find(text: &str, passthrough: &Passthrough) -> Vec<Formula> {
    let code = code_ranges(text);
    let delimiters: Vec<(&str, &str, bool)> = passthrough
        .block
        .iter()
        .map(|(open, close)| (open.as_str(), close.as_str(), true))
        .chain(
            passthrough
                .inline
                .iter()
                .map(|(o, c)| (o.as_str(), c.as_str(), false)),
        )
        .collect();
    // The first code range ending after `at`, and whether `range` touches code.
    let first_after = |at: usize| code.partition_point(|range| range.end <= at);
    let touches_code = |range: Range<usize>| {
        code.get(first_after(range.start))
            .is_some_and(|code| code.start < range.end.max(range.start + 1))
    };
    let mut opens: Vec<Option<usize>> = delimiters
        .iter()
        .map(|(open, ..)| text.find(open))
        .collect();
    // A closer is looked for after an opener, so 0 is always before where it is wanted.
    let mut closes: Vec<Option<usize>> = vec![Some(0); delimiters.len()];
    let next = |cache: &mut Option<usize>, pattern: &str, from: usize| -> Option<usize> {
        if let Some(found) = *cache
            && found < from
        {
            *cache = text[from..].find(pattern).map(|i| from + i);
        }
        *cache
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        // The earliest opening delimiter (the longest where two start at one place).
        let mut best: Option<(usize, usize)> = None;
        for (index, (open, ..)) in delimiters.iter().enumerate() {
            if let Some(start) = next(&mut opens[index], open, at) {
                let better = best.is_none_or(|(best_start, best_index)| {
                    start < best_start
                        || start == best_start && open.len() > delimiters[best_index].0.len()
                });
                if better {
                    best = Some((start, index));
                }
            }
        }
        let Some((start, index)) = best else {
            break;
        };
        let (open, close, display) = delimiters[index];
        let body = start + open.len();
        if touches_code(start..body) {
            at = body;
            continue;
        }
        let end = next(&mut closes[index], close, body);
        let formula = end.filter(|end| {
            // Inline maths stays within a paragraph, and no formula runs into code.
            (display || !text[body..*end].contains("\n\n")) && !touches_code(body..*end)
        });
        match formula {
            Some(end) => {
                found.push(Formula {
                    range: start..end + close.len(),
                    display,
                    latex: text[body..end].to_owned(),
                });
                at = end + close.len();
            }
            None => at = body,
        }
    }
    found
}

/// Byte ranges of code spans, code blocks and raw HTML, sorted.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                block.get_or_insert(range.start);
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = block.take() {
                    ranges.push(start..range.end);
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) if block.is_none() => {
                ranges.push(range);
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|range| range.start);
    ranges
}

/// The MathML of a formula, or why it is shown as its source.
pub fn mathml(latex: &str, display: bool) -> Result<String, String> {
    if latex.len() > MAX_FORMULA {
        return Err(format!("the formula is longer than {MAX_FORMULA} bytes"));
    }
    if nesting(latex) > MAX_NESTING {
        return Err(format!(
            "the formula nests groups more than {MAX_NESTING} deep"
        ));
    }
    let storage = pulldown_latex::Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(latex, &storage).collect();
    if let Some(Err(err)) = events.iter().find(|event| event.is_err()) {
        // The reader's first line says what; the rest draws the formula again.
        let err = err.to_string();
        let what = err.lines().next().unwrap_or_default();
        return Err(format!("the formula cannot be read: {what}"));
    }
    let config = pulldown_latex::RenderConfig {
        display_mode: if display {
            pulldown_latex::config::DisplayMode::Block
        } else {
            pulldown_latex::config::DisplayMode::Inline
        },
        ..Default::default()
    };
    let mut out = String::new();
    pulldown_latex::push_mathml(&mut out, events.into_iter(), config)
        .map_err(|err| format!("the formula cannot be written: {err}"))?;
    Ok(out)
}

/// How deep groups nest: braces and `\left`/`\right` pairs.
fn nesting(latex: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = latex;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("\\left") {
            depth += 1;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("\\right") {
            depth = depth.saturating_sub(1);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('\\') {
            // An escaped brace is no group.
            let skip = after.chars().next().map_or(0, char::len_utf8);
            rest = &after[skip..];
        } else {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
        }
        deepest = deepest.max(depth);
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hugo() -> Passthrough {
        Passthrough {
            block: vec![("\\[".into(), "\\]".into()), ("$$".into(), "$$".into())],
            inline: vec![("\\(".into(), "\\)".into())],
        }
    }

    #[test]
    fn formulas_outside_code() {
        let text = "Let \\(x^2\\) be.\n\n\\[\n\\sum_i a_i\n\\]\n\n`\\(not\\)` and\n\n```\n$$no$$\n```\n\n$$y$$\n";
        let found = find(text, &hugo());
        let latex: Vec<(&str, bool)> = found
            .iter()
            .map(|f| (f.latex.as_str(), f.display))
            .collect();
        assert_eq!(
            latex,
            [("x^2", false), ("\n\\sum_i a_i\n", true), ("y", true)]
        );
        assert_eq!(&text[found[0].range.clone()], "\\(x^2\\)");
    }

    #[test]
    fn inline_maths_stays_in_its_paragraph() {
        assert!(find("\\(a\n\nb\\)", &hugo()).is_empty());
        assert!(find("\\(unclosed", &hugo()).is_empty());
    }

    #[test]
    fn mathml_and_its_bounds() {
        let html = mathml("\\frac{a}{b}", true).unwrap();
        assert!(
            html.starts_with("<math") && html.contains("<mfrac>"),
            "{html}"
        );
        assert!(
            mathml(&"{".repeat(100), false)
                .unwrap_err()
                .contains("nests")
        );
        assert!(
            mathml(&"x".repeat(MAX_FORMULA + 1), false)
                .unwrap_err()
                .contains("longer")
        );
        assert!(mathml("\\frac{a}", false).is_err());
        assert_eq!(nesting("\\{ \\left( {a} \\right)"), 2);
    }
}
