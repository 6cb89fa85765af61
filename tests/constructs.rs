//! The renderers construct by construct, as pulldown-cmark tests its own: each case is an
//! input file beside the HTML it renders to, reviewed in diffs.
//!
//! - `tests/markdown/<case>.md` → `<case>.html` (`mxspec::markdown`, today's prose);
//! - `tests/rst/<case>.rst` → `<case>.html` (`mxspec::rst`, the 2019 prose), with the
//!   problems the renderer reports after the HTML.
//!
//! `UPDATE_EXPECT=1` rewrites the expected files after a deliberate change.

mod common;

use common::{cases, expect_file, root};

#[test]
fn markdown_constructs_render_as_expected() {
    let cases = cases(&root().join("tests/markdown"), "md");
    assert!(cases.len() >= 5, "cases: {cases:?}");
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let rendered = mxspec::markdown::render(
            &text,
            &mut mxspec::markdown::Ids::default(),
            &mxspec::markdown::as_written,
        );
        let mut out = rendered.html;
        for problem in &rendered.problems {
            out += &format!(
                "<!-- problem at byte {}: {} -->\n",
                problem.offset, problem.message
            );
        }
        expect_file(&case.with_extension("html"), &out);
    }
}

#[test]
fn rst_constructs_render_as_expected() {
    let cases = cases(&root().join("tests/rst"), "rst");
    assert!(cases.len() >= 5, "cases: {cases:?}");
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let mut parsed = mxspec::rst::block::parse(&text);
        let resolved = mxspec::rst::resolve::resolve(&mut parsed);
        let mut out = mxspec::rst::html::body(&resolved);
        for problem in &parsed.problems {
            out += &format!(
                "<!-- problem at line {}: {:?}: {} -->\n",
                problem.line + 1,
                problem.kind,
                problem.message
            );
        }
        expect_file(&case.with_extension("html"), &out);
    }
}
