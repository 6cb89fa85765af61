//! `mxspec build`'s stages on fixtures of our own: targets.yaml and the joined files.

use std::path::Path;

use mxspec::render::{concat, targets};
use mxspec::source::SourceTree;

fn tree() -> SourceTree {
    SourceTree::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/targets")).unwrap()
}

#[test]
fn a_target_joins_its_files_at_their_levels() {
    let mut tree = tree();
    let (targets, _) = targets::read(&mut tree, "specification/targets.yaml").unwrap();
    let good = targets.targets.iter().find(|t| t.name == "good").unwrap();
    assert_eq!(good.version_label.as_deref(), Some("%GOOD_LABEL%"));
    let (joined, diagnostics) = concat::concat(&mut tree, &targets, "specification", &good.files);
    let text = joined.text;
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let expected = "Intro\n=====\n\nText.\n\nSection\n-------\n\nMore.\n\n\n\
                    Part one\n--------\n\nA part, moved one level down.\n\nDetail\n~~~~~~\n\n\n";
    assert_eq!(text, expected);
}

#[test]
fn broken_targets_are_reported_with_file_and_line() {
    let mut tree = tree();
    let (targets, mut diagnostics) =
        targets::read(&mut tree, "specification/targets.yaml").unwrap();
    let broken = targets.targets.iter().find(|t| t.name == "broken").unwrap();
    diagnostics.extend(concat::concat(&mut tree, &targets, "specification", &broken.files).1);
    let mut text = String::new();
    for d in &diagnostics {
        text += &format!(
            "{:?} {} {}:{}: {}\n",
            d.severity(),
            d.rule.name(),
            tree.file(d.span.file).path,
            d.span,
            d.message
        );
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/targets/expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        text,
        std::fs::read_to_string(&path).unwrap_or_default(),
        "UPDATE_EXPECT=1 rewrites {}",
        path.display()
    );
}

#[test]
fn a_missing_targets_file_is_an_error() {
    let mut tree = tree();
    let err = targets::read(&mut tree, "specification/nope.yaml").unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

mod build {
    use super::Path;
    use mxspec::render::build::{self, BuildOptions};

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build")
    }

    fn options(label: &str, only: &str, templates: Option<&str>) -> BuildOptions {
        let mut substitutions = build::default_substitutions();
        substitutions.insert("PETS_LABEL".into(), label.into());
        substitutions.insert("PETS_VERSION".into(), "v1".into());
        BuildOptions {
            substitutions,
            templates: templates.map(|t| root().join(t)),
            targets: None,
            only: vec![only.into()],
        }
    }

    /// Compares `text` with the file at `relative` below the fixture; `UPDATE_EXPECT=1`
    /// rewrites it.
    pub(super) fn expect(relative: &str, text: &str) {
        let path = root().join(relative);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            text,
            expected,
            "UPDATE_EXPECT=1 rewrites {}",
            path.display()
        );
    }

    #[test]
    fn an_unstable_target_renders_endpoints_changelog_and_banner() {
        let mut loaded = mxspec::load(&root(), &Default::default()).unwrap();
        let result = build::build(&mut loaded, &options("unstable", "pets", None)).unwrap();
        assert!(!result.failed(), "{:#?}", result.diagnostics);
        let [document] = &result.documents[..] else {
            panic!("one document")
        };
        assert_eq!(document.path, "pets/unstable.rst");
        let text = &document.text;
        assert!(
            text.contains("{{not_a_placeholder}}"),
            "description text is data"
        );
        assert!(text.contains("GET /api/v1/pets/rex%3A1?full=True HTTP/1.1"));
        assert!(text.contains("Deprecated: ``DELETE /api/v1/pets/{petId}``\n~~~"));
        assert!(
            text.contains("- Fix typos. (#4, #5)"),
            "identical fragments share a line"
        );
        assert!(
            !text.contains("Tidy the build"),
            "an unknown fragment type is left out"
        );
        expect("expected/pets/unstable.rst", text);
    }

    #[test]
    fn a_released_target_shows_its_released_changelog_and_no_banner() {
        let mut loaded = mxspec::load(&root(), &Default::default()).unwrap();
        let result = build::build(&mut loaded, &options("v1", "pets", None)).unwrap();
        let text = &result.documents[0].text;
        assert_eq!(result.documents[0].path, "pets/v1.rst");
        assert!(!text.contains(".. WARNING::\n    You are viewing an unstable"));
        assert!(
            text.contains(
                ".. topic:: Version: v1\n    \n    \n    No significant changes.\n    \n"
            )
        );
    }

    #[test]
    fn broken_placeholders_templates_and_changelogs_are_reported() {
        let mut loaded = mxspec::load(&root(), &Default::default()).unwrap();
        let result = build::build(
            &mut loaded,
            &options("unstable", "placeholders", Some("templates-broken")),
        )
        .unwrap();
        assert!(result.failed());
        let mut text = String::new();
        for d in loaded.diagnostics.iter().chain(&result.diagnostics) {
            text += &format!(
                "{:?} {} {}:{}: {}\n",
                d.severity(),
                d.rule.name(),
                loaded.tree.file(d.span.file).path,
                d.span,
                d.message
            );
        }
        expect("expected.txt", &text);
    }
}

mod site {
    use super::Path;
    use mxspec::render::build::{self, BuildOptions};
    use mxspec::render::site::{self, SiteOptions};

    fn root() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build")
    }

    fn options(only: &[&str]) -> BuildOptions {
        let mut substitutions = build::default_substitutions();
        substitutions.insert("PETS_LABEL".into(), "unstable".into());
        substitutions.insert("PETS_VERSION".into(), "v1".into());
        BuildOptions {
            substitutions,
            only: only.iter().map(|s| (*s).to_owned()).collect(),
            ..BuildOptions::default()
        }
    }

    fn build(only: &[&str], hide_deprecated: bool) -> (mxspec::Loaded, site::Site) {
        let mut loaded = mxspec::load(&root(), &Default::default()).unwrap();
        let built = site::build(
            &mut loaded,
            &options(only),
            &SiteOptions {
                hide_deprecated,
                ..Default::default()
            },
        )
        .unwrap();
        (loaded, built)
    }

    #[test]
    fn endpoints_come_from_the_model_with_anchors_banners_and_an_index() {
        let (_, built) = build(&["pets"], false);
        let errors: Vec<_> = built
            .diagnostics
            .iter()
            .filter(|d| d.severity() == mxspec::diagnostic::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let [page] = &built.pages[..] else {
            panic!("one page")
        };
        assert_eq!(page.path, "pets/unstable.html");
        let html = &page.html;
        assert!(html.contains(
            "<section id=\"delete-api-v1-pets-petid\" class=\"section endpoint deprecated\">"
        ));
        assert!(html.contains("This API is deprecated and will be removed from a future release."));
        assert!(
            html.contains("<span class=\"tag deprecated\">deprecated</span>"),
            "the index tags it"
        );
        assert!(html.contains("Deprecated: <code>DELETE /api/v1/pets/{petId}</code>"));
        assert!(
            html.contains("{{not_a_placeholder}}"),
            "description text is data"
        );
        assert!(html.contains("<p><strong>Added in <code>v1.1</code></strong></p>"));
        assert!(
            html.contains("Default: <code>false</code>."),
            "defaults from the model"
        );
        assert!(
            html.contains("<td><a class=\"reference internal\" href=\"#get-api-v1-pets-petid-200-body-owner\">Owner</a></td>"),
            "type cells link to nested tables"
        );
        assert!(html.contains("<span id=\"get-api-v1-pets-petid-200-body-owner\"></span>"));
        assert!(html.contains("<td>X-Calls-Left</td>"), "response headers");
        assert!(
            html.contains("href=\"#get-api-v1-pets-petid-status-429\">429</a>"),
            "a status table"
        );
        assert!(html.contains("<dt>Requires auth:</dt>\n<dd>Yes.</dd>"));
        assert!(!html.contains("<script"), "no scripts, no network");
        for fetches in ["<link", " src=", "@import", "url("] {
            assert!(
                !html.contains(fetches),
                "the page fetches nothing: {fetches}"
            );
        }
        let endpoints = page.shown.endpoints.len();
        let (_, hidden) = build(&["pets"], true);
        let shown = &hidden.pages[0];
        assert!(shown.shown.endpoints.len() < endpoints);
        assert!(shown.shown.endpoints.iter().all(|e| !e.deprecated));
        assert!(!shown.html.contains("This API is deprecated"));
    }

    #[test]
    fn a_recursive_schema_links_back_to_its_own_table() {
        let (_, built) = build(&["pets"], false);
        let html = &built.pages[0].html;
        let anchor = "get-api-v1-pets-petid-family-200-body-family";
        assert!(html.contains(&format!("<span id=\"{anchor}\"></span>")));
        assert!(html.contains(&format!(
            "<td>parents</td><td>[<a class=\"reference internal\" href=\"#{anchor}\">Family</a>]</td>"
        )));
    }

    #[test]
    fn a_complete_build_without_an_index_target_gets_an_index_page() {
        let (_, built) = build(&[], false);
        let index = built.pages.iter().find(|p| p.path == "index.html").unwrap();
        assert!(
            index
                .html
                .contains("<a href=\"pets/unstable.html\">Pets API</a>")
        );
        let (_, partial) = build(&["pets"], false);
        assert!(partial.pages.iter().all(|p| p.path != "index.html"));
    }

    #[test]
    fn every_rst_problem_is_reported_with_its_line_in_one_run() {
        let (loaded, built) = build(&["malformed", "pets"], false);
        let mut text = String::new();
        for d in &built.diagnostics {
            let path = &loaded.tree.file(d.span.file).path;
            if path.contains("malformed") {
                text += &format!(
                    "{:?} {} {path}:{}: {}\n",
                    d.severity(),
                    d.rule.name(),
                    d.span,
                    d.message
                );
            }
        }
        super::build::expect("expected-html.txt", &text);
    }
}

/// An OpenAPI 3.1 group: its request body and named examples reach both formats.
mod openapi {
    use super::Path;
    use mxspec::render::build::{self, BuildOptions};
    use mxspec::render::site;

    fn built() -> (String, String) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build-openapi");
        let options = BuildOptions {
            substitutions: build::default_substitutions(),
            ..BuildOptions::default()
        };
        let mut loaded = mxspec::load(&root, &Default::default()).unwrap();
        let (rst, html) = site::build_all(&mut loaded, &options, &Default::default()).unwrap();
        assert!(rst.diagnostics.is_empty(), "{:?}", rst.diagnostics);
        assert!(html.diagnostics.is_empty(), "{:?}", html.diagnostics);
        let rst = rst
            .documents
            .into_iter()
            .find(|d| d.path == "tokens.rst")
            .unwrap();
        let html = html
            .pages
            .into_iter()
            .find(|p| p.path == "tokens.html")
            .unwrap();
        (rst.text, html.html)
    }

    #[test]
    fn a_request_body_is_a_parameter_table_and_named_examples_are_shown() {
        let (rst, html) = built();
        // The body's fields are the request's JSON body parameters, in both formats.
        assert!(
            rst.contains("  scope       string     **Required.** What the token may do."),
            "{rst}"
        );
        assert!(html.contains("<tr><td>scope</td><td>string</td><td><strong>Required.</strong> What the token may do.</td></tr>"));
        // The example request is the first named example, not one made up from the schema.
        assert!(rst.contains("  POST /_matrix/tokens/v1/tokens HTTP/1.1\n  Content-Type: application/json\n  \n  {\n    \"scope\": \"read\",\n    \"lifetime_ms\": 1000\n  }"), "{rst}");
        // The page shows every named example under its summary.
        for title in [
            "Example request body: A token that never expires",
            "Example: A read token",
            "Example: An admin token",
        ] {
            assert!(html.contains(title), "{title}");
        }
        assert!(html.contains("adm1n") && html.contains("r3ad"));
        // The Matrix version extensions, of the operation and of a parameter's schema.
        for badge in [
            "<p><strong>Added in <code>v1.3</code></strong></p>",
            "<p><strong>Changed in <code>v1.7</code>:</strong> The lifetime became optional.</p>",
            "<p><strong>Added in <code>v1.5</code></strong></p>",
        ] {
            assert!(html.contains(badge), "{badge}");
        }
    }
}
