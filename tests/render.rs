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
    let (text, diagnostics) = concat::concat(&mut tree, &targets, "specification", &good.files);
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
    fn expect(relative: &str, text: &str) {
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
