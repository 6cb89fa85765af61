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
