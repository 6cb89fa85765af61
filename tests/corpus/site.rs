//! The HTML build of the corpus against the original's HTML: words, links, endpoints.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{corpus, reference};
use mxspec::diagnostic::{Rule, Severity};
use mxspec::render::build::{self, BuildOptions};
use mxspec::render::site::{self, Site, SiteOptions, links};

fn built() -> (mxspec::Loaded, Site) {
    let mut loaded = mxspec::load(&corpus(), &Default::default()).unwrap();
    let options = BuildOptions {
        substitutions: build::default_substitutions(),
        ..Default::default()
    };
    let site = site::build(&mut loaded, &options, &SiteOptions::default()).unwrap();
    (loaded, site)
}

/// The words of a page's body: comments, styles and scripts dropped, inline tags removed
/// (so `[<a>Event</a>]` is one word, as a reader sees it), other tags a space, entities
/// decoded.
pub fn words(html: &str) -> HashMap<String, usize> {
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open..];
        let (end, skip_to) = if rest.starts_with("<!--") {
            (rest.find("-->").map_or(rest.len(), |e| e + 3), None)
        } else if rest.starts_with("<style") || rest.starts_with("<script") {
            let close = if rest.starts_with("<style") {
                "</style>"
            } else {
                "</script>"
            };
            (
                rest.find(close).map_or(rest.len(), |e| e + close.len()),
                None,
            )
        } else {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let inline = [
                "a", "span", "code", "em", "strong", "cite", "sub", "sup", "tt", "i", "b",
            ];
            (end, Some(!inline.contains(&name.as_str())))
        };
        if skip_to != Some(false) {
            text.push(' ');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    let text = decode(&text);
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word.to_owned()).or_insert(0) += 1;
    }
    counts
}

pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e < 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "nbsp" => Some('\u{a0}'),
            "#39" | "apos" => Some('\''),
            // Goldmark's typographer writes these (today's tree's reference site).
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "hellip" => Some('…'),
            "copy" => Some('©'),
            code if code.starts_with("#x") => u32::from_str_radix(&code[2..], 16)
                .ok()
                .and_then(char::from_u32),
            code if code.starts_with('#') => code[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The reference's page of each target.
fn reference_pages() -> HashMap<String, String> {
    let mut pages = HashMap::new();
    for entry in walk_ext(&reference().join("html"), "html") {
        let relative = entry.strip_prefix(reference().join("html")).unwrap();
        let path = relative.to_string_lossy().replace('\\', "/");
        pages.insert(path, std::fs::read_to_string(&entry).unwrap());
    }
    pages
}

fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = html[start..].find('"').unwrap() + start;
            &html[start..end]
        })
        .collect()
}

/// The (page, href) pairs of `pages` that point at a page or id the pages do not have, with
/// how often each occurs.
fn dangling(pages: &HashMap<String, String>) -> BTreeMap<(String, String), usize> {
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(path, html)| {
            (
                path.as_str(),
                attribute_values(html, "id")
                    .into_iter()
                    .map(decode)
                    .collect(),
            )
        })
        .collect();
    let mut out = BTreeMap::new();
    for (page, html) in pages {
        for href in attribute_values(html, "href") {
            let href = decode(href);
            if links::external(&href) {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                links::join(page, path)
            };
            let landed = ids.get(target.as_str()).is_some_and(|ids| {
                fragment.is_empty() || fragment == "top" || ids.contains(fragment)
            });
            if !landed {
                *out.entry((page.clone(), href.clone())).or_insert(0) += 1;
            }
        }
    }
    out
}

#[test]
fn the_html_site_has_the_references_words_links_and_all_of_the_model() {
    let (loaded, site) = built();
    let errors: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(site.pages.len(), 13);

    // Words: at least 99% of the reference's words of every page are ours.
    let reference = reference_pages();
    let mut low = Vec::new();
    println!("word parity with the original's HTML (share of its words present in ours):");
    for page in &site.pages {
        let theirs = words(&reference[&page.path]);
        let ours = words(&page.html);
        let total: usize = theirs.values().sum();
        let present: usize = theirs
            .iter()
            .map(|(w, n)| (*n).min(ours.get(w).copied().unwrap_or(0)))
            .sum();
        let added: usize = ours
            .iter()
            .map(|(w, n)| n.saturating_sub(theirs.get(w).copied().unwrap_or(0)))
            .sum();
        let share = present as f64 * 100.0 / total as f64;
        println!(
            "  {:36} {share:6.2}% of {total} words; {added} words added",
            page.path
        );
        if share < 99.0 {
            low.push((page.path.clone(), share));
        }
    }
    assert!(low.is_empty(), "pages under 99% word parity: {low:?}");

    // Links: nothing dangles that did not dangle in the original, and each dangling link is
    // a link-broken warning at the prose line that wrote it.
    let ours: HashMap<String, String> = site
        .pages
        .iter()
        .map(|p| (p.path.clone(), p.html.clone()))
        .collect();
    let our_dangling = dangling(&ours);
    let their_dangling = dangling(&reference);
    let new: Vec<_> = our_dangling
        .iter()
        .filter(|(link, n)| **n > their_dangling.get(*link).copied().unwrap_or(0))
        .collect();
    assert!(
        new.is_empty(),
        "links that dangle only in our site: {new:#?}"
    );
    let (theirs_total, ours_total): (usize, usize) =
        (their_dangling.values().sum(), our_dangling.values().sum());
    let warnings: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::LinkBroken)
        .collect();
    println!(
        "links: {theirs_total} dangle in the original's HTML, {ours_total} in ours ({} link-broken warnings); the rest land",
        warnings.len()
    );
    assert_eq!(warnings.len(), ours_total, "{warnings:#?}");
    for warning in &warnings {
        let path = &loaded.tree.file(warning.span.file).path;
        assert!(
            path.starts_with("specification/"),
            "a warning names the prose file: {warning:?}"
        );
    }

    // Every operation of the model once, with its own anchor. Two pairs of operations share
    // method and path in the corpus (`GET /events` and the two `invite`s, in different
    // groups); the second of each gets the anchor with `-2`.
    let mut shown = 0;
    for page in &site.pages {
        let mut ids = HashSet::new();
        for entry in &page.shown.endpoints {
            assert!(ids.insert(&entry.id), "anchor used twice: {}", entry.id);
            let open = format!("<section id=\"{}\"", entry.id);
            assert_eq!(page.html.matches(&open).count(), 1, "{}", entry.id);
            shown += 1;
        }
    }
    let operations: usize = loaded
        .spec
        .apis
        .iter()
        .flat_map(|a| &a.groups)
        .map(|g| g.endpoints.len())
        .sum();
    println!("endpoints: {shown} sections for the model's {operations} operations");
    assert_eq!(shown, 186);

    // Every event schema, each with its anchor wherever the prose places it (the prose places
    // some twice, as in the original: `m.room.member` is in its module and in `room_events`).
    let mut events: HashMap<&str, usize> = HashMap::new();
    for page in &site.pages {
        for name in &page.shown.events {
            *events.entry(name.as_str()).or_insert(0) += 1;
        }
    }
    let missing: Vec<_> = loaded
        .spec
        .events
        .iter()
        .filter(|e| !events.contains_key(e.name.as_str()))
        .map(|e| &e.name)
        .collect();
    let mut repeated: Vec<_> = events.iter().filter(|(_, n)| **n > 1).collect();
    repeated.sort();
    println!(
        "events: {} of {} shown; placed more than once by the prose: {repeated:?}; not placed: {missing:?}",
        events.len(),
        loaded.spec.events.len()
    );
    assert!(missing.is_empty(), "events no page shows: {missing:?}");

    // Every definition the prose places.
    let shown: HashSet<&str> = site
        .pages
        .iter()
        .flat_map(|p| &p.shown.definitions)
        .map(String::as_str)
        .collect();
    let mut placed = HashSet::new();
    for file in walk_ext(&corpus().join("specification"), "rst") {
        let text = std::fs::read_to_string(file).unwrap();
        for (at, _) in text.match_indices("{{definition_") {
            let end = text[at..].find("}}").unwrap() + at;
            placed.insert(text[at + 2..end].to_owned());
        }
    }
    println!(
        "definitions: {} sections for the {} the prose places",
        shown.len(),
        placed.len()
    );
    let unshown: Vec<_> = placed
        .iter()
        .filter(|p| !shown.contains(p.as_str()))
        .collect();
    assert!(unshown.is_empty(), "{unshown:?}");
}

fn walk_ext(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_ext(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}
