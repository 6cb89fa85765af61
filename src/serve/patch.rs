//! Updating an open page in place instead of reloading it: what changed between the page a
//! browser shows and the page of the latest build, as the fewest elements to replace.
//!
//! A 1.5 MB page takes Chromium longer to parse and lay out again than the rebuild takes, so
//! a reload of the whole page costs most of an edit's round trip. The pages are ours and well
//! formed, so both versions are read as trees of elements: where the two differ only inside
//! one element of the same shape, the comparison goes down into it (through the containers
//! of [`DESCEND`], whose children a browser keeps as written), and the changed elements are
//! sent with their path from `<main>`. Anything else (the page's frame changed, an element was
//! added) asks for a reload.

use std::ops::Range;

/// Elements whose children a browser's parser keeps exactly as written, so a path of child
/// indexes into them stays true (a `<table>` gains a `<tbody>`, a `<p>` may be closed early).
const DESCEND: [&str; 8] = [
    "main",
    "section",
    "div",
    "details",
    "article",
    "aside",
    "nav",
    "blockquote",
];

/// How deep the comparison goes.
const MAX_DEPTH: usize = 12;

/// One element to replace: its path of element-child indexes from `<main>`, its tag name (a
/// check for the browser) and its new HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: Vec<usize>,
    pub tag: String,
    pub html: String,
}

/// The changes that turn `old` into `new` (whole pages), or None when the page must be
/// reloaded. An empty list: `<main>` is the same.
pub fn changes(old: &str, new: &str) -> Option<Vec<Change>> {
    let (old_main, new_main) = (main_of(old)?, main_of(new)?);
    // Outside `<main>` (head, styles, navigation) everything must be the same.
    if old[..old_main.start] != new[..new_main.start] || old[old_main.end..] != new[new_main.end..]
    {
        return None;
    }
    let mut out = Vec::new();
    compare(
        &old[old_main.clone()],
        &new[new_main.clone()],
        &mut Vec::new(),
        0,
        &mut out,
    )?;
    Some(out)
}

/// The inside of `<main ...>` ... `</main>`.
fn main_of(html: &str) -> Option<Range<usize>> {
    let open = html.find("<main")?;
    let start = open + html[open..].find('>')? + 1;
    let end = html.rfind("</main>")?;
    (start <= end).then_some(start..end)
}

/// Compares the insides of two elements; None when their children differ in number, kind or
/// the text between them.
fn compare(
    old: &str,
    new: &str,
    path: &mut Vec<usize>,
    depth: usize,
    out: &mut Vec<Change>,
) -> Option<()> {
    if old == new {
        return Some(());
    }
    let (old_children, new_children) = (children(old)?, children(new)?);
    if old_children.len() != new_children.len() {
        return None;
    }
    let mut changed = Vec::new();
    let (mut old_at, mut new_at) = (0, 0);
    for (i, (a, b)) in old_children.iter().zip(&new_children).enumerate() {
        // The text between elements must be the same.
        if old[old_at..a.outer.start] != new[new_at..b.outer.start] || a.tag != b.tag {
            return None;
        }
        old_at = a.outer.end;
        new_at = b.outer.end;
        if old[a.outer.clone()] != new[b.outer.clone()] {
            changed.push((i, a, b));
        }
    }
    if old[old_at..] != new[new_at..] {
        return None;
    }
    for (i, a, b) in changed {
        path.push(i);
        let inside = a.inner.as_ref().zip(b.inner.as_ref());
        let descended = match inside {
            // Same start tag, a container the browser keeps as written: look inside.
            Some((ai, bi))
                if depth < MAX_DEPTH
                    && DESCEND.contains(&a.tag.as_str())
                    && old[a.outer.start..ai.start] == new[b.outer.start..bi.start] =>
            {
                let mark = out.len();
                let found = compare(&old[ai.clone()], &new[bi.clone()], path, depth + 1, out);
                if found.is_none() {
                    out.truncate(mark);
                }
                found.is_some()
            }
            _ => false,
        };
        if !descended {
            out.push(Change {
                path: path.clone(),
                tag: b.tag.clone(),
                html: new[b.outer.clone()].to_owned(),
            });
        }
        path.pop();
    }
    Some(())
}

/// An element child: its tag name, its whole text and the text inside it.
struct Child {
    tag: String,
    outer: Range<usize>,
    inner: Option<Range<usize>>,
}

/// The element children of `html` (the inside of an element), read as our pages are written:
/// tags nest properly, comments and `<script>`/`<style>` bodies are skipped. None when the
/// text does not read that way.
fn children(html: &str) -> Option<Vec<Child>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->")? + 3;
            continue;
        }
        if rest.starts_with("</") {
            // A closing tag with no opening one at this level: not ours to read.
            return None;
        }
        let Some((tag, open_end, self_closing)) = start_tag(rest) else {
            at = start + 1;
            continue;
        };
        let open_end = start + open_end;
        if self_closing || crate::sanitize::VOID_ELEMENTS.contains(&tag.as_str()) {
            out.push(Child {
                tag,
                outer: start..open_end,
                inner: None,
            });
            at = open_end;
            continue;
        }
        let close = matching_close(html, open_end, &tag)?;
        let end = close + tag.len() + 3;
        out.push(Child {
            tag,
            outer: start..end,
            inner: Some(open_end..close),
        });
        at = end;
    }
    Some(out)
}

/// The tag name of a start tag at the beginning of `text`, where it ends, and whether it
/// closes itself (`/>`). Quoted attribute values may hold `>`.
fn start_tag(text: &str) -> Option<(String, usize, bool)> {
    let name_len = text[1..]
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(text.len() - 1);
    if name_len == 0 || !text[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1 + name_len) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                let self_closing = text[..i].ends_with('/');
                return Some((text[1..=name_len].to_ascii_lowercase(), i + 1, self_closing));
            }
            _ => {}
        }
    }
    None
}

/// Where the end tag of the `tag` element whose content starts at `from` begins: tags of the
/// same name nest, comments and `<script>`/`<style>` bodies are passed over.
fn matching_close(html: &str, from: usize, tag: &str) -> Option<usize> {
    let close = format!("</{tag}>");
    let raw_text = matches!(tag, "script" | "style");
    let mut depth = 1usize;
    let mut at = from;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with(&close) {
            depth -= 1;
            if depth == 0 {
                return Some(start);
            }
            at = start + close.len();
        } else if raw_text {
            at = start + 1;
        } else if rest.starts_with("<!--") {
            at = start + rest.find("-->")? + 3;
        } else if let Some((name, end, self_closing)) = start_tag(rest) {
            if matches!(name.as_str(), "script" | "style") {
                let inner = matching_close(html, start + end, &name)?;
                at = inner + name.len() + 3;
                continue;
            }
            if name == tag && !self_closing {
                depth += 1;
            }
            at = start + end;
        } else {
            at = start + 1;
        }
    }
    None
}

/// The patch as JSON for the reload script: the generation it brings the page to, the
/// changes, and the overlay when it changed.
pub fn to_json(generation: u64, changes: &[Change], overlay: Option<&str>) -> String {
    let changes: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| serde_json::json!({"path": c.path, "tag": c.tag, "html": c.html}))
        .collect();
    let mut value = serde_json::json!({"generation": generation, "changes": changes});
    if let Some(overlay) = overlay {
        value["overlay"] = serde_json::Value::String(overlay.to_owned());
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(main: &str) -> String {
        format!(
            "<html><head><style>x</style></head><body><nav>n</nav><main class=\"m\">{main}</main></body></html>"
        )
    }

    #[test]
    fn a_changed_paragraph_deep_in_sections_is_the_one_change() {
        let old = page(
            "<h1>T</h1>\n<section id=\"a\"><p>one</p><section id=\"b\"><p>two</p><br></section></section>",
        );
        let new = page(
            "<h1>T</h1>\n<section id=\"a\"><p>one</p><section id=\"b\"><p>TWO</p><br></section></section>",
        );
        let changes = changes(&old, &new).unwrap();
        assert_eq!(
            changes,
            vec![Change {
                path: vec![1, 1, 0],
                tag: "p".into(),
                html: "<p>TWO</p>".into()
            }]
        );
    }

    #[test]
    fn tables_and_attribute_changes_are_replaced_whole() {
        let old = page("<div><table><tr><td>a</td></tr></table></div>");
        let new = page("<div><table><tr><td>b</td></tr></table></div>");
        assert_eq!(changes(&old, &new).unwrap()[0].path, vec![0, 0]);
        let old = page("<section id=\"a\"><p>x</p></section>");
        let new = page("<section id=\"b\"><p>x</p></section>");
        assert_eq!(changes(&old, &new).unwrap()[0].tag, "section");
    }

    #[test]
    fn a_new_element_or_a_new_frame_means_reload() {
        assert!(changes(&page("<p>a</p>"), &page("<p>a</p><p>b</p>")).is_none());
        assert!(changes(&page("<p>a</p>"), &page("text<p>a</p>")).is_none());
        let other_frame = page("<p>a</p>").replace("<nav>n</nav>", "<nav>m</nav>");
        assert!(changes(&page("<p>a</p>"), &other_frame).is_none());
        assert_eq!(changes(&page("<p>a</p>"), &page("<p>a</p>")), Some(vec![]));
    }

    #[test]
    fn nested_same_tags_comments_and_quoted_brackets_are_read() {
        let old = page("<div a=\"x>y\"><div><!-- <div> --><p>1</p></div><div>k</div></div>");
        let new = page("<div a=\"x>y\"><div><!-- <div> --><p>2</p></div><div>k</div></div>");
        assert_eq!(changes(&old, &new).unwrap()[0].path, vec![0, 0, 0]);
    }
}
