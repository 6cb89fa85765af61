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
fn http_api_sections_equal_the_reference() {
    use mxspec::render::{endpoints, http_api, templates::Templates};
    let templates = Templates::new(None);
    let spec = &super::loaded().spec;
    let mut sections = Vec::new();
    for api in &spec.apis {
        for group in &api.groups {
            let record = endpoints::group_record(api, group);
            let text = http_api::render(&templates, &record, '<').unwrap();
            sections.push((format!("{}_http_api", record.group), text));
        }
    }
    assert_eq!(sections.len(), 91);
    let differing = compare_sections("http_api", sections);
    assert!(differing.is_empty(), "{differing:#?}");
}
