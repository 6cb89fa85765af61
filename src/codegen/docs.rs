//! Rustdoc from the spec's descriptions: RST (the 2019 tree) turned into Markdown, and every
//! code block made inert, so nothing from the spec becomes a doctest.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Prose;

/// `text` as Markdown: RST is converted ([`crate::rst::markdown`]), Markdown kept; bare
/// addresses become autolinks either way.
pub fn markdown(text: &str, prose: Prose) -> Cow<'_, str> {
    match prose {
        Prose::Markdown => autolink_bare_urls(text),
        Prose::Rst => {
            Cow::Owned(autolink_bare_urls(&crate::rst::markdown::from_rst(text)).into_owned())
        }
    }
}

/// Puts `<...>` around every `http(s)://` address of plain text (not in code, a link or raw
/// HTML): rustdoc links nothing bare, and warns of each (`rustdoc::bare_urls`).
pub fn autolink_bare_urls(text: &str) -> Cow<'_, str> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    // Inside a link, an image or a code block: addresses there stay as written.
    let mut in_link = 0usize;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                in_link = in_link.saturating_sub(1)
            }
            Event::Text(_) if in_link == 0 => {
                let source = &text[range.clone()];
                let mut from = 0;
                while let Some(found) = ["https://", "http://"]
                    .iter()
                    .filter_map(|scheme| source[from..].find(scheme))
                    .min()
                {
                    let start = from + found;
                    let rest = &source[start..];
                    let mut end = rest
                        .find(|c: char| c.is_whitespace() || "\"'<>`".contains(c))
                        .unwrap_or(rest.len());
                    // Closing punctuation is the sentence's, not the address's.
                    while end > 0 && rest[..end].ends_with(['.', ',', ';', ':', '!', '?', ')']) {
                        end -= 1;
                    }
                    let already = start > 0 && source[..start].ends_with('<');
                    if !already && end > "https://".len() {
                        inserts.push((range.start + start, range.start + start + end));
                    }
                    from = start + end.max(1);
                }
            }
            _ => {}
        }
    }
    if inserts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + inserts.len() * 2);
    let mut at = 0;
    for (start, end) in inserts {
        out.push_str(&text[at..start]);
        out.push('<');
        out.push_str(&text[start..end]);
        out.push('>');
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// [`doc_attr`] of a description written in `prose`.
pub fn description_attr(text: Option<&str>, prose: Prose) -> TokenStream {
    doc_attr(text.map(|text| markdown(text, prose)).as_deref())
}

/// `#[doc = "..."]` for a description, or nothing. Its code blocks are marked as text, so
/// nothing from the spec becomes a doctest (see [`inert_code_blocks`]).
pub fn doc_attr(text: Option<&str>) -> TokenStream {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => {
            let lines = inert_code_blocks(text)
                .into_iter()
                .map(|line| format!(" {line}"));
            quote!(#(#[doc = #lines])*)
        }
        None => quote!(),
    }
}

/// The lines of `text` with every code block rustdoc would compile and run as a doctest made a
/// ```` ```text ```` block: fences of any language (or none), and indented code blocks (four
/// columns after a blank line), which RST literal blocks look like. A fence left open is
/// closed, so it cannot swallow what follows.
pub fn inert_code_blocks(text: &str) -> Vec<String> {
    enum Block {
        Prose,
        Fence(char, usize),
        Indented,
    }
    let mut out = Vec::new();
    let mut block = Block::Prose;
    let mut previous_blank = true;
    for line in text.lines() {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent: usize = line[..line.len() - trimmed.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let blank = trimmed.trim().is_empty();
        let fence = ['`', '~'].into_iter().find_map(|c| {
            let run = trimmed.len() - trimmed.trim_start_matches(c).len();
            (indent < 4 && run >= 3).then_some((c, run))
        });
        match block {
            Block::Fence(c, len) => {
                out.push(line.to_owned());
                let closes = fence.is_some_and(|(fc, run)| fc == c && run >= len)
                    && trimmed.trim_start_matches(c).trim().is_empty();
                if closes {
                    block = Block::Prose;
                }
            }
            Block::Indented if blank || indent >= 4 => out.push(line.to_owned()),
            Block::Prose | Block::Indented => {
                if matches!(block, Block::Indented) {
                    out.push("```".to_owned());
                }
                block = Block::Prose;
                if let Some((c, run)) = fence {
                    out.push(format!("{}text", c.to_string().repeat(run)));
                    block = Block::Fence(c, run);
                } else if indent >= 4 && previous_blank && !blank {
                    out.push("```text".to_owned());
                    out.push(line.to_owned());
                    block = Block::Indented;
                } else {
                    out.push(line.to_owned());
                }
            }
        }
        previous_blank = blank;
    }
    match block {
        Block::Fence(c, run) => out.push(c.to_string().repeat(run)),
        Block::Indented => out.push("```".to_owned()),
        Block::Prose => {}
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn bare_addresses_become_autolinks_elsewhere_they_stay() {
        assert_eq!(
            super::autolink_bare_urls(
                "See \"https://example.org/terms.html\", [a](https://x.org), `http://code`, <https://done.org> and http://end.org."
            ),
            "See \"<https://example.org/terms.html>\", [a](https://x.org), `http://code`, <https://done.org> and <http://end.org>."
        );
        let fenced = "```json\n{\"url\": \"https://a.org\"}\n```\n\n    https://indented.org";
        assert_eq!(super::autolink_bare_urls(fenced), fenced);
    }

    use super::inert_code_blocks;

    #[test]
    fn no_code_block_of_a_description_runs() {
        let text = "Intro.\n\n```rust\nstd::process::exit(1);\n```\nMid.\n\n    fn main() {}\n\n~~~~\nopen";
        assert_eq!(
            inert_code_blocks(text),
            [
                "Intro.",
                "",
                "```text",
                "std::process::exit(1);",
                "```",
                "Mid.",
                "",
                "```text",
                "    fn main() {}",
                "",
                "```",
                "~~~~text",
                "open",
                "~~~~",
            ]
        );
    }
}
