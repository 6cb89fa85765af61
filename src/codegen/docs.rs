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

/// `#[doc = "..."]` for the whole rustdoc of one item, or nothing. Every piece of an item's
/// rustdoc goes through here at once (rustdoc joins an item's doc attributes, so a fence
/// opened in one would run on into the next); its code blocks are made inert
/// ([`inert_code_blocks`]).
pub fn doc_attr(text: Option<&str>) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc = "..."]` for a module's or crate's rustdoc, made inert like [`doc_attr`].
pub fn inner_doc_attr(text: &str) -> TokenStream {
    let lines = doc_lines(Some(text));
    quote!(#(#![doc = #lines])*)
}

fn doc_lines(text: Option<&str>) -> Vec<String> {
    // A bare CR in a doc comment is a compile error; every line break becomes `\n`.
    let text = text.map(|text| text.replace("\r\n", "\n").replace('\r', "\n"));
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => inert_code_blocks(text)
            .lines()
            .map(|line| format!(" {line}"))
            .collect(),
        None => Vec::new(),
    }
}

/// `text` as one inline code span: line breaks become spaces (a path key or an enum value
/// may hold any character) and the backtick fence is longer than any run of backticks in it,
/// so the span cannot end early or reach the next line.
pub fn code_span(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let fence = "`".repeat(longest_run(&flat, '`') + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') || flat.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for here in text.chars() {
        run = if here == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The Markdown extensions rustdoc parses docs with (`rustdoc::html::markdown`).
fn rustdoc_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// `text` with every code block rustdoc would compile and run as a doctest made a
/// ```` ```text ```` block, wherever it stands (in a list item, a block quote, a footnote):
/// the blocks are found by parsing `text` as rustdoc does (pulldown-cmark), a fence's info
/// string is replaced by `text`, and an indented block (which rustdoc takes for Rust, and RST
/// literal blocks look like) is fenced. The result is parsed again; should any block still
/// not be inert, the whole text becomes one `text` block, which is always inert.
pub fn inert_code_blocks(text: &str) -> String {
    if !may_hold_code(text) {
        return text.to_owned();
    }
    fenced_in_place(text).unwrap_or_else(|| {
        let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
        format!("{fence}text\n{text}\n{fence}")
    })
}

/// [`inert_code_blocks`] block by block; None when the result would still not be inert.
fn fenced_in_place(text: &str) -> Option<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (event, range) in Parser::new_ext(text, rustdoc_options()).into_offset_iter() {
        let Event::Start(Tag::CodeBlock(kind)) = event else {
            continue;
        };
        match kind {
            CodeBlockKind::Fenced(info) => {
                if is_inert_info(&info) {
                    continue;
                }
                let opening = &text[range.start..];
                let Some(c) = opening.chars().next().filter(|c| matches!(c, '`' | '~')) else {
                    // Not where a fence should start: the check below decides.
                    continue;
                };
                let run = opening.len() - opening.trim_start_matches(c).len();
                let info_end = opening.find('\n').unwrap_or(opening.len());
                edits.push((range.start + run, range.start + info_end, "text".into()));
            }
            CodeBlockKind::Indented => {
                // The range starts after the block's four columns of indentation; before
                // them stand the containers' marks (`>` of a quote, a list item's indent).
                let line_start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
                let indent = &text[line_start..range.start];
                let container: String = strip_columns(indent, 4)
                    .chars()
                    .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
                    .collect();
                let fence = "`".repeat(longest_run(&text[range.clone()], '`').max(2) + 1);
                edits.push((
                    line_start,
                    range.start,
                    format!("{container}{fence}text\n{indent}"),
                ));
                let closing = if range.end == 0 || text[..range.end].ends_with('\n') {
                    format!("{container}{fence}\n")
                } else {
                    format!("\n{container}{fence}\n")
                };
                edits.push((range.end, range.end, closing));
            }
        }
    }
    let mut out = String::with_capacity(text.len() + edits.len() * 8);
    let mut at = 0;
    for (start, end, replacement) in edits {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    is_inert(&out).then_some(out)
}

/// `text` without its last `columns` columns of white space (a tab is up to four).
fn strip_columns(text: &str, columns: usize) -> &str {
    let mut left = columns;
    let mut end = text.len();
    for (at, c) in text.char_indices().rev() {
        if left == 0 || !matches!(c, ' ' | '\t') {
            break;
        }
        left = left.saturating_sub(if c == '\t' { 4 } else { 1 });
        end = at;
    }
    &text[..end]
}

/// Whether `text` has what any code block needs: a fence (three backticks or tildes) or
/// indentation (four spaces, or a tab). Most descriptions have neither, and are not parsed.
fn may_hold_code(text: &str) -> bool {
    text.contains("```") || text.contains("~~~") || text.contains("    ") || text.contains('\t')
}

/// Whether a fence's info string names a language rustdoc does not test: exactly `text`.
fn is_inert_info(info: &str) -> bool {
    info.trim() == "text"
}

/// Whether rustdoc would find no doctest in `markdown`: every code block is fenced as
/// `text`. Checked as written and with the common indentation removed, as rustdoc removes it.
pub fn is_inert(markdown: &str) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    if !may_hold_code(markdown) {
        return true;
    }
    let inert = |text: &str| {
        Parser::new_ext(text, rustdoc_options()).all(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => is_inert_info(&info),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => false,
            _ => true,
        })
    };
    inert(markdown) && inert(&unindent(markdown))
}

/// `text` without the indentation all its non-blank lines share.
fn unindent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(common..).unwrap_or("").trim_end_matches('\r'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks a generated file as rustdoc would read it: each item's doc attributes joined, and
/// no code block among them that rustdoc would test. The last guard before a file is written:
/// a doc attribute that is not a string literal is refused too.
pub fn check_file_is_inert(file: &syn::File) -> Result<(), String> {
    use syn::visit::Visit;
    struct Docs(Result<(), String>);
    impl Docs {
        fn attrs(&mut self, attrs: &[syn::Attribute]) {
            let mut joined = String::new();
            for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
                let syn::Meta::NameValue(nv) = &attr.meta else {
                    self.0 = Err("a doc attribute that is not `doc = \"...\"`".into());
                    return;
                };
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &nv.value
                else {
                    self.0 = Err("a doc attribute whose value is not a string literal".into());
                    return;
                };
                joined.push_str(&text.value());
                joined.push('\n');
            }
            if self.0.is_ok() && !is_inert(&joined) {
                self.0 = Err(format!(
                    "rustdoc would run a code block of this doc:\n{joined}"
                ));
            }
        }
    }
    impl<'ast> Visit<'ast> for Docs {
        fn visit_item(&mut self, item: &'ast syn::Item) {
            let attrs: &[syn::Attribute] = match item {
                syn::Item::Const(i) => &i.attrs,
                syn::Item::Enum(i) => &i.attrs,
                syn::Item::ExternCrate(i) => &i.attrs,
                syn::Item::Fn(i) => &i.attrs,
                syn::Item::ForeignMod(i) => &i.attrs,
                syn::Item::Impl(i) => &i.attrs,
                syn::Item::Macro(i) => &i.attrs,
                syn::Item::Mod(i) => &i.attrs,
                syn::Item::Static(i) => &i.attrs,
                syn::Item::Struct(i) => &i.attrs,
                syn::Item::Trait(i) => &i.attrs,
                syn::Item::TraitAlias(i) => &i.attrs,
                syn::Item::Type(i) => &i.attrs,
                syn::Item::Union(i) => &i.attrs,
                syn::Item::Use(i) => &i.attrs,
                _ => &[],
            };
            self.attrs(attrs);
            syn::visit::visit_item(self, item);
        }
        fn visit_field(&mut self, field: &'ast syn::Field) {
            self.attrs(&field.attrs);
            syn::visit::visit_field(self, field);
        }
        fn visit_variant(&mut self, variant: &'ast syn::Variant) {
            self.attrs(&variant.attrs);
            syn::visit::visit_variant(self, variant);
        }
        fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
            let attrs: &[syn::Attribute] = match item {
                syn::ImplItem::Const(i) => &i.attrs,
                syn::ImplItem::Fn(i) => &i.attrs,
                syn::ImplItem::Type(i) => &i.attrs,
                syn::ImplItem::Macro(i) => &i.attrs,
                _ => &[],
            };
            self.attrs(attrs);
            syn::visit::visit_impl_item(self, item);
        }
        fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
            let attrs: &[syn::Attribute] = match item {
                syn::TraitItem::Const(i) => &i.attrs,
                syn::TraitItem::Fn(i) => &i.attrs,
                syn::TraitItem::Type(i) => &i.attrs,
                syn::TraitItem::Macro(i) => &i.attrs,
                _ => &[],
            };
            self.attrs(attrs);
            syn::visit::visit_trait_item(self, item);
        }
    }
    let mut docs = Docs(Ok(()));
    docs.attrs(&file.attrs);
    docs.visit_file(file);
    docs.0
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

    use super::{code_span, inert_code_blocks, is_inert};

    /// `text` made inert block by block (not by the whole-text fallback), and its lines.
    fn inert(text: &str) -> Vec<String> {
        let out = super::fenced_in_place(text).unwrap_or_else(|| panic!("fell back: {text:?}"));
        assert!(is_inert(&out), "{out}");
        assert!(is_inert(&inert_code_blocks(text)));
        out.lines().map(str::to_owned).collect()
    }

    #[test]
    fn no_code_block_of_a_description_runs() {
        let text = "Intro.\n\n```rust\nstd::process::exit(1);\n```\nMid.\n\n    fn main() {}\n\n~~~~\nopen";
        assert_eq!(
            inert(text),
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
                "```",
                "",
                "~~~~text",
                "open",
            ]
        );
    }

    #[test]
    fn code_blocks_inside_containers_and_after_other_blocks_are_inert() {
        for text in [
            "- item\n\n  ```\n  std::process::abort();\n  ```",
            "1. item\n\n   ```rust,should_panic\n   panic!()\n   ```",
            "> quote\n>\n> ```\n> std::process::abort();\n> ```",
            "> quote\n>\n>     std::process::abort();",
            "- item\n\n      std::process::abort();",
            "# Heading\n    std::process::abort();",
            "***\n    std::process::abort();",
            "```text\nx\n```\n    std::process::abort();",
            "Note[^1].\n\n[^1]: foot\n\n        std::process::abort();",
            "    ```\n    fence in indented\n    ```",
            "````\n```\n````\n\n    a\n    ````\n    b",
            "- a\n  - b\n    > c\n    >\n    >     std::process::abort();",
            "\t\tstd::process::abort();",
            "x\r\n\r\n    std::process::abort();\r\n",
        ] {
            let out = inert(text);
            assert!(
                out.iter().any(|l| l.contains("text")),
                "{text:?} -> {out:?}"
            );
        }
    }

    #[test]
    fn spec_text_in_backticks_stays_one_span() {
        assert_eq!(code_span("GET /a"), "`GET /a`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("/p\n\n    fn main(){}"), "`/p      fn main(){}`");
        assert!(is_inert(&format!("Head {}", code_span("x\n```\nrun"))));
    }
}
