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
        let (joined, diagnostics) =
            concat::concat(&mut tree, &targets, "specification", &target.files);
        let text = joined.text;
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
    // Reached only when every target matched (a difference panics above).
    println!(
        "concat stage: all {} targets identical to the reference",
        targets.targets.len()
    );
}

#[test]
fn endpoint_records_equal_the_reference_units() {
    use mxspec::render::endpoints;
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reference().join("units/swagger_endpoints.json")).unwrap(),
    )
    .unwrap();
    let spec = &super::loaded().spec;
    let mut same = 0;
    let mut differing = Vec::new();
    let mut all = serde_json::Map::new();
    for api in &spec.apis {
        for group in &api.groups {
            let record = endpoints::group_record(api, group);
            let ours = serde_json::to_value(&record).unwrap();
            all.insert(record.group.clone(), ours.clone());
            let theirs = &reference[&record.group];
            for (i, endpoint) in ours["endpoints"].as_array().unwrap().iter().enumerate() {
                let expected = &theirs["endpoints"][i];
                if endpoint == expected {
                    same += 1;
                } else {
                    let fields: Vec<&String> = endpoint
                        .as_object()
                        .unwrap()
                        .iter()
                        .filter(|(k, v)| expected.get(k.as_str()) != Some(v))
                        .map(|(k, _)| k)
                        .collect();
                    differing.push(format!("{} #{i}: {fields:?}", record.group));
                }
            }
        }
    }
    if let Some(dir) = std::env::var_os("MXSPEC_DEBUG_DIR") {
        let text = serde_json::to_string_pretty(&all).unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join("swagger_endpoints.json"),
            text,
        )
        .unwrap();
    }
    println!(
        "endpoint records: {same} identical to the reference, {} differ",
        differing.len()
    );
    assert!(differing.is_empty(), "{differing:#?}");
}

/// Compares rendered sections with `sections/<name>.rst`; writes ours to `MXSPEC_DEBUG_DIR`.
fn compare_sections(kind: &str, sections: Vec<(String, String)>) -> Vec<String> {
    let debug = std::env::var_os("MXSPEC_DEBUG_DIR").map(std::path::PathBuf::from);
    let mut differing = Vec::new();
    let (mut same_lines, mut all_lines) = (0, 0);
    for (name, text) in &sections {
        let expected = std::fs::read_to_string(reference().join(format!("sections/{name}.rst")))
            .unwrap_or_default();
        if let Some(dir) = &debug {
            std::fs::create_dir_all(dir.join("sections")).unwrap();
            std::fs::write(dir.join(format!("sections/{name}.rst")), text).unwrap();
        }
        all_lines += expected.lines().count();
        same_lines += expected
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a == b)
            .count();
        if *text != expected {
            differing.push(name.clone());
        }
    }
    println!(
        "{kind} sections: {} of {} identical; {same_lines} of {all_lines} lines in place",
        sections.len() - differing.len(),
        sections.len()
    );
    differing
}

#[test]
fn event_records_equal_the_reference_units() {
    use mxspec::render::events;
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reference().join("units/event_schemas.json")).unwrap(),
    )
    .unwrap();
    let loaded = super::loaded();
    let mut differing = Vec::new();
    for event in &loaded.spec.events {
        let ours = serde_json::to_value(events::event_record(&loaded.tree, event)).unwrap();
        if ours != reference[&event.name] {
            differing.push(format!("{}: ours {ours}", event.name));
        }
    }
    println!(
        "event records: {} of {} identical to the reference",
        loaded.spec.events.len() - differing.len(),
        loaded.spec.events.len()
    );
    assert!(differing.is_empty(), "{differing:#?}");
}

/// A fresh load of the corpus (a build loads prose files into the tree, so it needs its own).
fn fresh() -> mxspec::Loaded {
    mxspec::load(&corpus(), &Default::default()).unwrap()
}

#[test]
fn every_reference_section_equals_ours() {
    use mxspec::render::{build, sections::Sections, templates::Templates};
    let mut loaded = fresh();
    let templates = Templates::new(None);
    let substitutions = build::default_substitutions();
    let sections = Sections::new(
        &mut loaded.tree,
        &loaded.spec,
        &templates,
        &substitutions,
        '<',
    );
    let mut names: Vec<String> = std::fs::read_dir(reference().join("sections"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rst").map(str::to_owned))
        .collect();
    names.sort();
    assert_eq!(names.len(), 217);
    let rendered = names
        .iter()
        .map(|name| (name.clone(), sections.render(name, "unstable").unwrap()))
        .collect();
    let differing = compare_sections("reference", rendered);
    assert!(differing.is_empty(), "{differing:#?}");
}

#[test]
fn built_targets_equal_the_reference() {
    use mxspec::render::build;
    let mut loaded = fresh();
    let options = build::BuildOptions {
        substitutions: build::default_substitutions(),
        ..Default::default()
    };
    let result = build::build(&mut loaded, &options).unwrap();
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity() == mxspec::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(result.documents.len(), 13);
    let debug = std::env::var_os("MXSPEC_DEBUG_DIR").map(std::path::PathBuf::from);
    let listed = listed_deviations();
    let mut differing = Vec::new();
    for document in &result.documents {
        let expected =
            std::fs::read_to_string(reference().join(format!("rst/spec_{}.rst", document.target)))
                .unwrap();
        if let Some(dir) = &debug {
            std::fs::create_dir_all(dir.join("rst")).unwrap();
            std::fs::write(
                dir.join(format!("rst/spec_{}.rst", document.target)),
                &document.text,
            )
            .unwrap();
        }
        let total = expected.lines().count();
        let same = expected
            .lines()
            .zip(document.text.lines())
            .filter(|(a, b)| a == b)
            .count();
        println!(
            "build {:<20} {:>6} of {:>6} lines identical ({:.2}%){}",
            document.target,
            same,
            total,
            100.0 * same as f64 / total.max(1) as f64,
            if document.text == expected {
                ", byte-identical"
            } else {
                ""
            }
        );
        let lines_differing = expected.lines().count().max(document.text.lines().count()) - same;
        let allowed = listed.get(&document.target).copied().unwrap_or(0);
        let as_listed = if allowed == 0 {
            document.text == expected
        } else {
            lines_differing == allowed
        };
        if !as_listed {
            differing.push(format!(
                "{}: {lines_differing} lines differ, docs/deviations.md lists {allowed}",
                document.target
            ));
        }
    }
    assert!(differing.is_empty(), "{differing:#?}");
}

/// The output deviations docs/deviations.md lists: target to the number of differing lines.
fn listed_deviations() -> std::collections::HashMap<String, usize> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deviations.md");
    let text = std::fs::read_to_string(path).unwrap();
    let table = text
        .split("| target | differing lines | reason |")
        .nth(1)
        .expect("docs/deviations.md has the output deviations table");
    table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].to_owned(), cells[2].parse().expect("a line count"))
        })
        .collect()
}
