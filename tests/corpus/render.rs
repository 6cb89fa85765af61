//! `mxspec build`'s stages on the corpus, against the original toolchain's outputs.

use super::{corpus, reference};
use mxspec::render::{concat, targets};
use mxspec::source::SourceTree;

#[test]
fn concatenated_targets_equal_the_reference_byte_for_byte() {
    let mut tree = SourceTree::load(&corpus()).unwrap();
    let (targets, diagnostics) = targets::read(&mut tree, "specification/targets.yaml").unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(targets.targets.len(), 13);
    for target in &targets.targets {
        let (text, diagnostics) =
            concat::concat(&mut tree, &targets, "specification", &target.files);
        assert!(diagnostics.is_empty(), "{}: {diagnostics:#?}", target.name);
        let expected = std::fs::read_to_string(
            reference().join(format!("concat/templated_{}.rst", target.name)),
        )
        .unwrap();
        if text != expected {
            let line = text
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            panic!(
                "{}: differs from the reference first at line {line}",
                target.name
            );
        }
    }
    println!(
        "concat stage: {} of {} targets identical to the reference",
        targets.targets.len(),
        targets.targets.len()
    );
}
