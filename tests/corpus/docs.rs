//! The Markdown site of today's tree against the spec's own Hugo build of it: every page at
//! the same path, the words of each page's `<main>` and its anchors, no shortcode or Markdown
//! left unrendered, every link resolving.

use std::collections::{BTreeSet, HashMap};

use super::site::{decode, words};
use super::{corpus_v114, reference_v114};
use mxspec::diagnostic::Severity;

/// The part of a page a reader reads: its `<main>` (navigation is compared through ids).
fn main_part(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").unwrap_or(html.len());
    &html[start..end]
}

fn ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        let after = &rest[at + 5..];
        let end = after.find('"').unwrap_or(after.len());
        ids.insert(decode(&after[..end]));
        rest = &after[end..];
    }
    ids
}

/// How much of `reference` (a bag of words) `ours` has.
fn coverage(reference: &HashMap<String, usize>, ours: &HashMap<String, usize>) -> (usize, usize) {
    let total = reference.values().sum();
    let found = reference
        .iter()
        .map(|(word, count)| (*count).min(ours.get(word).copied().unwrap_or(0)))
        .sum();
    (found, total)
}

/// Markdown syntax a rendered page should not show, counted in a page's text.
const MARKDOWN_LEFT: [&str; 4] = ["](", "**", "```", "{{"];

#[test]
fn markdown_site_matches_the_reference() {
    site_matches_its_reference(&corpus_v114(), &reference_v114(), "v1.14");
}

/// A later release, built with that release's Hugo and Docsy: new layout folders
/// (`_shortcodes`, `_partials`), a `definition` of a schema in `data/schemas/`.
#[test]
fn the_v1_16_site_matches_its_reference() {
    let corpus = super::shared().join("corpus/matrix-spec-v1.16");
    let reference = super::shared().join("reference/matrix-spec-v1.16");
    site_matches_its_reference(&corpus, &reference, "v1.16");
}

fn site_matches_its_reference(
    corpus: &std::path::Path,
    reference: &std::path::Path,
    release: &str,
) {
    let mut loaded = mxspec::load(corpus, &Default::default()).expect("the tree loads");
    let site = mxspec::render::docs::build(&mut loaded);
    let problems: Vec<String> = site
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}: {}",
                d.rule.name(),
                loaded.tree.file(d.span.file).path,
                d.message
            )
        })
        .collect();
    assert!(
        site.diagnostics
            .iter()
            .all(|d| d.severity() != Severity::Error),
        "the {release} site builds without errors: {problems:#?}"
    );
    assert!(
        problems.is_empty(),
        "every link resolves, nothing is reported: {problems:#?}"
    );

    let ours: HashMap<&str, String> = site
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), String::from_utf8(bytes.clone()).unwrap()))
        .collect();
    let html_root = reference.join("html");
    let mut reference_pages: Vec<String> = walkdir::WalkDir::new(&html_root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&html_root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    reference_pages.sort();
    assert!(
        reference_pages.len() >= 37,
        "reference pages: {}",
        reference_pages.len()
    );

    let (mut all_words, mut all_found, mut all_ids, mut all_ids_found) = (0, 0, 0, 0);
    let mut below = Vec::new();
    eprintln!(
        "{:<42} {:>8} {:>8} {:>7} {:>7}",
        "page", "words", "found", "ids", "found"
    );
    for path in &reference_pages {
        let reference = std::fs::read_to_string(html_root.join(path)).unwrap();
        let page = ours
            .get(path.as_str())
            .unwrap_or_else(|| panic!("{path}: the reference has it, mxspec did not build it"));
        let (found, total) = coverage(&words(main_part(&reference)), &words(main_part(page)));
        let reference_ids = ids(&reference);
        let our_ids = ids(page);
        let ids_found = reference_ids.intersection(&our_ids).count();
        eprintln!(
            "{path:<42} {total:>8} {:>7.2}% {:>7} {:>6.2}%",
            percent(found, total),
            reference_ids.len(),
            percent(ids_found, reference_ids.len())
        );
        if percent(found, total) < 99.0 || percent(ids_found, reference_ids.len()) < 99.0 {
            below.push(path.clone());
        }
        let our_text: String = words(main_part(page))
            .into_keys()
            .collect::<Vec<_>>()
            .join(" ");
        let reference_text: String = words(main_part(&reference))
            .into_keys()
            .collect::<Vec<_>>()
            .join(" ");
        for syntax in MARKDOWN_LEFT {
            assert!(
                our_text.matches(syntax).count() <= reference_text.matches(syntax).count(),
                "{path} shows `{syntax}` more often than the reference: Markdown left unrendered"
            );
        }
        all_words += total;
        all_found += found;
        all_ids += reference_ids.len();
        all_ids_found += ids_found;
    }
    eprintln!(
        "{release}: all {} pages: words {:.2}% of {all_words}, ids {:.2}% of {all_ids}",
        reference_pages.len(),
        percent(all_found, all_words),
        percent(all_ids_found, all_ids)
    );
    assert!(
        below.is_empty(),
        "pages below 99% of words or ids: {below:?}"
    );
    for (path, html) in &ours {
        assert!(
            !html.contains("{{%") && !html.contains("{{<"),
            "{path} holds a shortcode"
        );
        assert!(!html.contains("<script"), "{path} holds a script");
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[test]
fn the_changelog_checklists_are_the_reference_s() {
    let mut loaded = mxspec::load(&corpus_v114(), &Default::default()).unwrap();
    let site = mxspec::render::docs::build(&mut loaded);
    let mut compared = 0;
    for (path, bytes) in &site.files {
        if path.ends_with("checklist.md") {
            let reference = std::fs::read(reference_v114().join("html").join(path)).unwrap();
            assert!(reference == *bytes, "{path} differs from the reference");
            compared += 1;
        }
    }
    assert_eq!(compared, 14, "one checklist per released changelog");
}
