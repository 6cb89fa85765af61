//! The Markdown site (`content/` of today's tree), tested the way pulldown-cmark tests: input
//! beside expected output, reviewed in diffs.
//!
//! - `tests/fixtures/docs/` is a small matrix-spec tree using every shortcode; its build's
//!   diagnostics are `expected.txt`, and the `<main>` of every page is
//!   `expected/<page path>` (so a change of what a page shows is a diff of a file).
//! - Markdown and RST constructs are in `tests/constructs.rs`.
//!
//! `UPDATE_EXPECT=1` rewrites the expected files after a deliberate change.

mod common;

use common::{expect_file, root};

fn build() -> (mxspec::Loaded, mxspec::render::docs::Site) {
    let mut loaded = mxspec::load(
        &root().join("tests/fixtures/docs"),
        &mxspec::model::LoadOptions::default(),
    )
    .expect("the fixture loads");
    let site = mxspec::render::docs::build(&mut loaded);
    (loaded, site)
}

#[test]
fn docs_fixture_diagnostics() {
    let (loaded, site) = build();
    let mut out = String::new();
    for d in &site.diagnostics {
        let file = &loaded.tree.file(d.span.file).path;
        out += &format!(
            "{:?} {} {file}:{}: {}\n",
            d.severity(),
            d.rule.name(),
            d.span,
            d.message
        );
    }
    expect_file(&root().join("tests/fixtures/docs/expected.txt"), &out);
}

#[test]
fn docs_fixture_pages() {
    let (_, site) = build();
    let expected_dir = root().join("tests/fixtures/docs/expected");
    let mut seen = Vec::new();
    for (path, bytes) in &site.files {
        let Some(html) = path
            .ends_with(".html")
            .then(|| String::from_utf8(bytes.clone()).unwrap())
        else {
            continue;
        };
        let start = html.find("<main").expect("every page has a <main>");
        let end = html.find("</main>").expect("and its end") + "</main>".len();
        expect_file(
            &expected_dir.join(path),
            &format!("{}\n", &html[start..end]),
        );
        seen.push(path.clone());
    }
    assert!(
        seen.contains(&"client-server-api/index.html".to_owned()) && seen.len() >= 6,
        "pages built: {seen:?}"
    );
    for page in ["index.html", "rooms/v1/index.html", "404.html"] {
        assert!(
            seen.contains(&page.to_owned()),
            "{page} was not built: {seen:?}"
        );
    }
}

#[test]
fn pages_hold_no_script_and_no_unexpanded_shortcode() {
    let (_, site) = build();
    for (path, bytes) in &site.files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for forbidden in ["<script", "onclick", "onerror", "javascript:"] {
            assert!(!html.contains(forbidden), "{path} contains {forbidden}");
        }
        // A shortcode mxspec cannot expand is shown as written (and reported): the fixture
        // has two, both on its page of problems.
        let shown = html.matches("{{%").count();
        let expected = if path == "broken/index.html" { 2 } else { 0 };
        assert_eq!(shown, expected, "unexpanded shortcodes on {path}");
    }
}

#[test]
fn the_site_is_the_same_every_time() {
    let (_, first) = build();
    let (_, second) = build();
    assert_eq!(first.files, second.files);
}
