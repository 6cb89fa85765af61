//! Markdown to HTML for today's spec tree: pulldown-cmark with the extensions Hugo's Goldmark
//! enables (GFM tables, strikethrough, footnotes, definition lists, typographer quotes,
//! `{#id}` heading attributes), headings anchored as Hugo anchors them, code blocks coloured.
//!
//! The reader is pulldown-cmark's; this module only turns its events into the page's HTML.
//! What the prose writes as raw HTML is untrusted: every top-level block holding some is passed
//! through [`crate::sanitize::clean_html`] as a whole (so a tag opened in one event and closed
//! in another is judged as the browser would), and links of an unsafe scheme are dropped.
//! Both are reported as [`Problem`]s with the byte offset of the construct.
//!
//! Callers insert HTML of their own (a shortcode's output) as a [`placeholder`] in the text;
//! [`substitute`] swaps it in after rendering, so it is never parsed as Markdown or cleaned.

pub mod ids;
pub mod math;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

pub use ids::{Ids, anchorize};

use crate::rst::html::escape_into;

/// A heading of the document: what a table of contents lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor: Hugo's, or the `{#id}` written.
    pub id: String,
    /// The heading's content as HTML (without the self-link).
    pub html: String,
}

/// Something of the prose that was not rendered as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset into the text.
    pub offset: usize,
    /// What was done and why.
    pub message: String,
}

/// One document rendered.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The HTML, placeholders still in it.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// What was cleaned away.
    pub problems: Vec<Problem>,
    /// Every link destination as written in the output, with the byte offset of the link.
    pub links: Vec<(String, usize)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// What a link's destination becomes: Some(new) to replace it (a page path written
/// relative to the content tree, say), None to keep it.
pub type Links<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Keeps every link as written.
pub fn as_written(_: &str) -> Option<String> {
    None
}

/// Renders `text` as a block of HTML, numbering heading ids in `ids`.
pub fn render(text: &str, ids: &mut Ids, links: Links) -> Rendered {
    let mut rendered = Rendered::default();
    let mut block: Vec<Event> = Vec::new();
    let mut depth = 0usize;
    let mut dirty = false;
    let mut block_start = 0;
    let mut pending = Pending::default();
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        if block.is_empty() {
            block_start = range.start;
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id: explicit,
                attrs,
                classes,
            }) => {
                // Goldmark's `{id="x"}` form beside pulldown-cmark's `{#x}`.
                let explicit = explicit.or_else(|| {
                    attrs
                        .iter()
                        .find(|(key, _)| key.as_ref() == "id")
                        .and_then(|(_, value)| value.as_ref())
                        .map(|value| CowStr::from(value.trim_matches('"').to_owned()))
                });
                let mut inner = Vec::new();
                // Goldmark reads the id off the heading's source text: `-&gt;` gives `gt`.
                let mut plain = String::new();
                for (event, range) in events.by_ref() {
                    match &event {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(_) | Event::Code(_) => plain.push_str(&text[range.clone()]),
                        Event::SoftBreak | Event::HardBreak => plain.push(' '),
                        _ => {}
                    }
                    dirty |= is_raw_html(&event);
                    // A heading's links are links like any other (fuzzing found a setext
                    // heading whose `javascript:` link went through unchecked).
                    let event = inline_event(event, range.start, links, &mut rendered);
                    inner.push(event);
                }
                let id = ids.heading(&plain, explicit.as_deref());
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, inner.iter().cloned());
                let level = level as u8;
                let mut open = format!("<h{level} id=\"");
                escape_into(&mut open, &id);
                if !classes.is_empty() {
                    open.push_str("\" class=\"");
                    escape_into(&mut open, &classes.join(" "));
                }
                open.push_str("\">");
                block.push(Event::Html(open.into()));
                block.extend(inner);
                let mut close = String::from("<a class=\"td-heading-self-link\" href=\"#");
                escape_into(&mut close, &id);
                close.push_str(&format!(
                    "\" aria-label=\"Heading self-link\"></a></h{level}>\n"
                ));
                block.push(Event::Html(close.into()));
                rendered.headings.push(Heading { level, id, html });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                }
                .to_owned();
                let mut code = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => code.push_str(&text),
                        _ => {}
                    }
                }
                block.push(Event::Html(code_block(&code, &language).into()));
            }
            event => {
                dirty |= is_raw_html(&event);
                let event = inline_event(event, range.start, links, &mut rendered);
                match &event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                block.push(event);
            }
        }
        if depth == 0 {
            flush(
                &mut rendered.html,
                &mut block,
                dirty,
                block_start,
                &mut pending,
                &mut rendered.problems,
            );
            dirty = false;
        }
    }
    flush(
        &mut rendered.html,
        &mut block,
        dirty,
        block_start,
        &mut pending,
        &mut rendered.problems,
    );
    clean_pending(&mut rendered.html, &mut pending, &mut rendered.problems);
    rendered
}

/// Renders `text` for a table cell or a title: one paragraph loses its `<p>` (Hugo's
/// `markdownify`); anything longer stays blocks.
pub fn render_inline(text: &str, links: Links) -> Rendered {
    let mut rendered = render(text, &mut Ids::default(), links);
    let trimmed = rendered.html.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        rendered.html = inner.to_owned();
    }
    rendered
}

/// Raw HTML waiting to be cleaned: a block that opens a tag (`<details>`) is held, with the
/// blocks after it, until its tags are closed, so the cleaner sees the structure a browser
/// will build instead of a lone opening tag it would close at once.
#[derive(Default)]
struct Pending {
    html: String,
    /// Raw tags opened minus raw tags closed so far.
    balance: i64,
    /// Offset of the first held block, for the report.
    offset: usize,
}

/// Held raw HTML is cleaned at the latest at this size, balanced or not.
const MAX_PENDING_BYTES: usize = 1 << 20;

/// Writes the events of one top-level block; blocks with raw HTML go through the cleaner.
fn flush(
    out: &mut String,
    block: &mut Vec<Event>,
    dirty: bool,
    offset: usize,
    pending: &mut Pending,
    problems: &mut Vec<Problem>,
) {
    if block.is_empty() {
        return;
    }
    if !dirty && pending.html.is_empty() {
        pulldown_cmark::html::push_html(out, block.drain(..));
        return;
    }
    if pending.html.is_empty() {
        pending.offset = offset;
    }
    pending.balance += block.iter().map(tag_balance).sum::<i64>();
    pulldown_cmark::html::push_html(&mut pending.html, block.drain(..));
    if pending.balance <= 0 || pending.html.len() > MAX_PENDING_BYTES {
        clean_pending(out, pending, problems);
    }
}

fn clean_pending(out: &mut String, pending: &mut Pending, problems: &mut Vec<Problem>) {
    if pending.html.is_empty() {
        return;
    }
    let (cleaned, report) = crate::sanitize::clean_html(&pending.html);
    if let Some(message) = report {
        problems.push(Problem {
            offset: pending.offset,
            message,
        });
    }
    out.push_str(&cleaned);
    if !cleaned.ends_with('\n') {
        out.push('\n');
    }
    *pending = Pending::default();
}

/// Tags a raw HTML event opens minus those it closes.
fn tag_balance(event: &Event) -> i64 {
    let (Event::Html(html) | Event::InlineHtml(html)) = event else {
        return 0;
    };
    crate::sanitize::tag_depth(html).balance
}

/// Whether `event` is raw HTML (which makes its block one to clean).
fn is_raw_html(event: &Event) -> bool {
    matches!(event, Event::Html(_) | Event::InlineHtml(_))
}

/// An event with its link rewritten, checked and recorded.
fn inline_event<'a>(
    event: Event<'a>,
    offset: usize,
    links: Links,
    rendered: &mut Rendered,
) -> Event<'a> {
    let event = safe_link(rewrite(event, links), offset, &mut rendered.problems);
    if let Event::Start(Tag::Link { dest_url, .. }) = &event {
        rendered.links.push((dest_url.to_string(), offset));
    }
    event
}

/// A link whose destination `links` replaces.
fn rewrite<'a>(event: Event<'a>, links: Links) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = links(&dest_url).map_or(dest_url, CowStr::from);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        event => event,
    }
}

/// A link or image whose URL could run script loses the URL.
fn safe_link<'a>(event: Event<'a>, offset: usize, problems: &mut Vec<Problem>) -> Event<'a> {
    let mut refuse = |dest_url: CowStr<'a>, image: bool| {
        let (safe, what, why) = if image {
            (
                crate::sanitize::local_resource(&dest_url),
                "an image from",
                "is not an image of the site (a page loads nothing from elsewhere)",
            )
        } else {
            (
                crate::sanitize::safe_url(&dest_url),
                "a link to",
                "could run script",
            )
        };
        if safe {
            return dest_url;
        }
        problems.push(Problem {
            offset,
            message: format!("{what} `{dest_url}` {why}; it was removed"),
        });
        CowStr::Borrowed("")
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: refuse(dest_url, false),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: refuse(dest_url, true),
            title,
            id,
        }),
        event => event,
    }
}

/// A fenced or indented code block, coloured where the language is one we know, in the
/// markup Hugo's Chroma writes (`div.highlight > pre.chroma > code`).
pub fn code_block(code: &str, language: &str) -> String {
    let mut html = String::with_capacity(code.len() + 120);
    html.push_str("<div class=\"highlight\"><pre tabindex=\"0\" class=\"chroma\"><code");
    if !language.is_empty() {
        html.push_str(" class=\"language-");
        escape_into(&mut html, language);
        html.push_str("\" data-lang=\"");
        escape_into(&mut html, language);
        html.push('"');
    }
    html.push('>');
    html.push_str(&crate::rst::highlight::highlight(code, language));
    html.push_str("</code></pre></div>\n");
    html
}

/// The marker that stands for caller-made HTML number `index` in Markdown text: private-use
/// characters, which Markdown leaves alone and no spec writes.
pub fn placeholder(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

/// Swaps every [`placeholder`] in rendered `html` for its piece: a placeholder alone in a
/// paragraph replaces the paragraph (block HTML), any other is inline. A marker the prose
/// wrote itself (no piece of that number) is dropped.
pub fn substitute(html: &str, pieces: &[String]) -> String {
    if !html.contains('\u{E000}') {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + pieces.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(start) = rest.find('\u{E000}') {
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            break;
        };
        let piece = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| pieces.get(i));
        let tail = &after[end + '\u{E001}'.len_utf8()..];
        let mut before = &rest[..start];
        let mut next = tail;
        if before.ends_with("<p>") && tail.starts_with("</p>") {
            before = &before[..before.len() - 3];
            next = tail["</p>".len()..].trim_start_matches('\n');
        }
        out.push_str(before);
        if let Some(piece) = piece {
            out.push_str(piece);
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        render(text, &mut Ids::default(), &as_written).html
    }

    #[test]
    fn headings_get_hugo_ids_and_self_links() {
        let out = render(
            "## API standards\n\n### `m.room` events {#custom}\n",
            &mut Ids::default(),
            &as_written,
        );
        assert_eq!(
            out.html,
            "<h2 id=\"api-standards\">API standards<a class=\"td-heading-self-link\" \
             href=\"#api-standards\" aria-label=\"Heading self-link\"></a></h2>\n\
             <h3 id=\"custom\"><code>m.room</code> events<a class=\"td-heading-self-link\" \
             href=\"#custom\" aria-label=\"Heading self-link\"></a></h3>\n"
        );
        assert_eq!(out.headings[1].html, "<code>m.room</code> events");
    }

    #[test]
    fn raw_html_is_cleaned_and_reported() {
        let out = render(
            "Hi <sub>x</sub> and\n<script>alert(1)</script>\n\n<b>ok</b>\n",
            &mut Ids::default(),
            &as_written,
        );
        assert!(out.html.contains("<sub>x</sub>"), "{}", out.html);
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(
            out.problems[0].offset, 20,
            "the `<script>` block starts a block of its own"
        );
    }

    #[test]
    fn script_links_lose_their_url() {
        let out = render(
            "[x](javascript:alert(1)) [y](/rooms/v9)",
            &mut Ids::default(),
            &as_written,
        );
        assert!(!out.html.contains("javascript"), "{}", out.html);
        assert!(out.html.contains("href=\"/rooms/v9\""));
        assert_eq!(out.problems.len(), 1);
    }

    #[test]
    fn typographer_and_tables() {
        assert_eq!(html("\"quoted\" -- it's"), "<p>“quoted” – it’s</p>\n");
        assert!(html("| a |\n|---|\n| b |\n").contains("<table>"));
    }

    #[test]
    fn placeholders_replace_paragraphs_or_sit_inline() {
        let text = format!("{}\n\nText {} here.\n", placeholder(0), placeholder(1));
        let out = substitute(
            &html(&text),
            &["<section>S</section>".into(), "<b>I</b>".into()],
        );
        assert_eq!(out, "<section>S</section><p>Text <b>I</b> here.</p>\n");
    }

    #[test]
    fn inline_rendering_drops_a_lone_paragraph() {
        assert_eq!(render_inline("a *b*", &as_written).html, "a <em>b</em>");
        assert_eq!(
            render_inline("a\n\nb", &as_written).html,
            "<p>a</p>\n<p>b</p>\n"
        );
    }
}
