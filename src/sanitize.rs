//! What of the spec may reach a page as HTML: the one place that decides.
//!
//! A built page promises no script, and its prose and descriptions come from an untrusted tree.
//! The policy:
//! - HTML the prose writes itself (RST's `.. raw:: html`, and inline HTML of Markdown) goes
//!   through [ammonia](https://docs.rs/ammonia)'s allow-list: formatting tags such as
//!   `<strong>`, `<sup>`, `<span>`, `<details>`, `<table>` stay; `<script>`, `<style>`,
//!   `<iframe>`, `<object>`, `<embed>`, `<form>`, event-handler attributes (`onclick`) and
//!   `style` attributes go, and so do links whose scheme is not allowed.
//! - Every link of a page, whether written in the prose or made from the model, must be
//!   relative, a fragment, or use a scheme of [`ALLOWED_SCHEMES`]; `javascript:`, `data:`,
//!   `vbscript:`, `file:` and the rest are not links.
//! - What a page loads by itself (an image's `src`, in raw HTML or Markdown) must come from the
//!   site: a relative URL ([`local_resource`]). A remote one would be fetched by every reader's
//!   browser, telling another site who reads what; it is removed.
//! - What is removed is reported (`unsafe-html`), never dropped silently.

use std::collections::HashSet;
use std::sync::LazyLock;

/// URL schemes a link may use.
pub const ALLOWED_SCHEMES: [&str; 6] = ["http", "https", "mailto", "ftp", "irc", "matrix"];

/// Whether `url` may be a link of a page: relative, a fragment, or of an allowed scheme.
/// Browsers ignore ASCII tabs and newlines inside a URL and leading spaces and controls
/// (`java\tscript:`), so those are ignored here too before the scheme is read.
pub fn safe_url(url: &str) -> bool {
    match scheme(&as_browsers_read(url)) {
        Some(scheme) => ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()),
        None => true,
    }
}

/// `url` as a browser reads it: leading spaces and controls trimmed, ASCII tabs and line
/// breaks inside dropped.
fn as_browsers_read(url: &str) -> String {
    url.trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of a URL read by [`as_browsers_read`], if it has one.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    url[end..].starts_with(':').then(|| &url[..end])
}

/// Whether `url` may be loaded by a page (an image): a relative URL of the site, with no
/// scheme and no host (`//host/x`, and `\\host` which browsers read as `//host`).
pub fn local_resource(url: &str) -> bool {
    let url = as_browsers_read(url);
    let mut start = url.chars();
    let host = matches!(
        (start.next(), start.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    );
    !host && scheme(&url).is_none()
}

/// Attributes by which an element loads something itself.
const LOADING_ATTRIBUTES: [&str; 6] = ["src", "srcset", "poster", "background", "lowsrc", "data"];

thread_local! {
    /// Set when the cleaner drops a remote resource, for the report of [`clean_html`].
    static DROPPED_REMOTE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// HTML elements that have no end tag: what the Markdown cleaner and serve's page comparison
/// must not wait to see closed.
pub const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Tags whose content goes with them (the rest keep their text when removed).
const DROPPED_WITH_CONTENT: [&str; 6] =
    ["script", "style", "iframe", "object", "embed", "template"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["details", "summary", "span", "div", "section"])
        .add_generic_attributes(["class", "id", "title", "lang", "role", "aria-label"])
        // The spec's templates write their sections open unless its configuration says not.
        .add_tag_attributes("details", ["open"])
        .url_schemes(HashSet::from(ALLOWED_SCHEMES))
        .clean_content_tags(HashSet::from(DROPPED_WITH_CONTENT))
        .attribute_filter(|_element, attribute, value| {
            let local = match attribute {
                // Candidates separated by commas, each a URL and a size.
                "srcset" => value
                    .split(',')
                    .all(|candidate| local_resource(candidate.trim())),
                _ => local_resource(value),
            };
            if LOADING_ATTRIBUTES.contains(&attribute) && !local {
                DROPPED_REMOTE.with(|dropped| dropped.set(true));
                return None;
            }
            Some(value.into())
        })
        .link_rel(None);
    builder
});

/// Raw HTML nested deeper than this is shown as text, not cleaned: a browser's tree builder
/// (and the cleaner's, html5ever) checks every open element at each tag, so 30,000 nested
/// `<div>`s took seconds.
pub const MAX_HTML_DEPTH: i64 = 512;

/// How raw HTML opens and closes tags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TagDepth {
    /// Tags opened minus tags closed.
    pub balance: i64,
    /// The most tags open at once.
    pub deepest: i64,
}

/// Counts the tags `html` opens (not void or self-closing ones) and closes, in one pass.
pub fn tag_depth(html: &str) -> TagDepth {
    let mut depth = TagDepth::default();
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        if let Some(closing) = rest.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth.balance -= 1;
            }
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        // The tag's own text ends at the next `>` or `<`, whichever comes first: looking no
        // further keeps a run of unclosed tags linear.
        let tag_end = rest.find(['>', '<']).unwrap_or(rest.len());
        let self_closing = rest[..tag_end].ends_with('/');
        if !VOID_ELEMENTS.contains(&name.as_str()) && !self_closing {
            depth.balance += 1;
            depth.deepest = depth.deepest.max(depth.balance);
        }
    }
    depth
}

/// Markers of what the cleaner removes; used to say what was removed (the cleaning itself is
/// ammonia's, which parses the HTML as a browser does). A scheme (`data:`) counts only where
/// an attribute's value starts with it ([`starts_a_value`]): "metadata: those" is text.
const SUSPECT: [&str; 14] = [
    "<script",
    "<style",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<link",
    "<meta",
    "<base",
    "<svg",
    "<math",
    "javascript:",
    "vbscript:",
    "data:",
];

/// `html` with everything that could run script or fetch removed, and a description of what
/// was removed when anything was (None when the HTML was harmless as written).
pub fn clean_html(html: &str) -> (String, Option<String>) {
    if tag_depth(html).deepest > MAX_HTML_DEPTH {
        return (
            format!("<pre>{}</pre>", crate::rst::html::escape(html)),
            Some(format!(
                "raw HTML nests more than {MAX_HTML_DEPTH} tags deep; it is shown as text"
            )),
        );
    }
    DROPPED_REMOTE.with(|dropped| dropped.set(false));
    let cleaned = CLEANER.clean(html).to_string();
    let lower = html.to_ascii_lowercase();
    let mut found: Vec<&str> = SUSPECT
        .iter()
        .copied()
        .filter(|marker| {
            lower
                .match_indices(marker)
                .any(|(at, _)| marker.starts_with('<') || starts_a_value(&lower[..at]))
        })
        .collect();
    if has_event_handler(&lower) {
        found.push("an event-handler attribute");
    }
    if lower.contains(" style=") {
        found.push("a style attribute");
    }
    if DROPPED_REMOTE.with(std::cell::Cell::get) {
        found.push("an image or media from another site");
    }
    let report = (!found.is_empty()).then(|| {
        format!(
            "raw HTML with {} could run script, fetch from another site or change the page; it was removed",
            found.join(", ")
        )
    });
    (cleaned, report)
}

/// Whether what follows `before` starts an attribute's value: `=`, then maybe a quote, then
/// what a browser skips before a URL (spaces and controls).
fn starts_a_value(before: &str) -> bool {
    let rest = before.trim_end_matches(|c: char| c <= ' ');
    let rest = rest.strip_suffix(['"', '\'']).unwrap_or(rest);
    rest.trim_end_matches(|c: char| c <= ' ').ends_with('=')
}

/// Whether a tag in `lower` (lower-case HTML) has an `on...=` attribute.
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices("on").any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = &lower[at + 2..];
        let name_len = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        matches!(before, Some(c) if c.is_whitespace() || c == '/' || c == '"' || c == '\'')
            && name_len > 0
            && after[name_len..].trim_start().starts_with('=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_run_script_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
        for good in [
            "https://matrix.org",
            "mailto:a@b.c",
            "#anchor",
            "../client_server/unstable.html#x",
            "page.html?a=b:c",
            "/absolute/path",
        ] {
            assert!(safe_url(good), "{good}");
        }
    }

    #[test]
    fn deeply_nested_raw_html_is_text() {
        let html = "<div>".repeat(30_000);
        let (clean, report) = clean_html(&html);
        assert!(clean.starts_with("<pre>&lt;div&gt;"), "{}", &clean[..40]);
        assert!(report.unwrap().contains("nests more than"));
        assert_eq!(
            tag_depth("<details><summary>a</summary><br><img src=x/><p>b</p>"),
            TagDepth {
                balance: 1,
                deepest: 2
            }
        );
    }

    #[test]
    fn a_page_loads_only_what_the_site_has() {
        for remote in [
            "https://tracker.example/p.gif",
            "//tracker.example/p.gif",
            "\\\\tracker.example/p.gif",
            "/\\tracker.example/p.gif",
            " http://x/y.png",
            "data:image/png;base64,AAAA",
            "ftp://x/y",
        ] {
            assert!(!local_resource(remote), "{remote}");
        }
        for local in ["diagram.png", "/images/a.svg", "../a.webp", "a.png?v=1#x"] {
            assert!(local_resource(local), "{local}");
        }
        let (clean, report) = clean_html(
            "<img src=\"https://tracker.example/p.gif\" alt=\"a\"><img src=\"local.png\" srcset=\"local.png 1x, //x.example/b.png 2x\">",
        );
        assert!(
            !clean.contains("tracker") && !clean.contains("x.example"),
            "{clean}"
        );
        assert!(clean.contains("src=\"local.png\""), "{clean}");
        assert!(report.unwrap().contains("another site"));
        assert!(clean_html("<img src=\"a.png\">").1.is_none());
    }

    #[test]
    fn raw_html_keeps_formatting_and_loses_script() {
        let (clean, report) =
            clean_html("<strong>a</strong><sup>1</sup><span class=\"x\">b</span>");
        assert_eq!(
            clean,
            "<strong>a</strong><sup>1</sup><span class=\"x\">b</span>"
        );
        assert!(report.is_none());
        // What the spec's own templates write stays: open sections, roles, labels.
        let sections = "<details open><summary><a class=\"td-heading-self-link\" href=\"#x\" aria-label=\"Heading self-link\"></a></summary><div class=\"alert note\" role=\"note\">x</div></details>";
        assert_eq!(
            clean_html(sections).0,
            sections.replace("<details open>", "<details open=\"\">")
        );
        // A scheme's name in text is text.
        let text = "<td><p>the URIs in the metadata: those, and javascript: ones</p></td>";
        assert!(clean_html(text).1.is_none(), "{text}");
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://x\"></iframe>",
            "<object data=\"x\"></object>",
            "<style>body{display:none}</style>",
            "<p style=\"background:url(x)\">x</p>",
            "<a href = ' data:text/html,x'>x</a>",
            "<a href=vbscript:x>x</a>",
        ] {
            let (clean, report) = clean_html(bad);
            assert!(report.is_some(), "{bad}");
            let lower = clean.to_ascii_lowercase();
            for marker in [
                "<script",
                "onerror",
                "javascript:",
                "<iframe",
                "<object",
                "<style",
                "style=",
            ] {
                assert!(!lower.contains(marker), "{bad} -> {clean}");
            }
        }
    }
}
