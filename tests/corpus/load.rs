//! Loading the corpus: counts from the reference README, and libyaml parity with serde_yaml.

use super::{corpus, loaded};
use mxspec::source::ParseProblemKind;

#[test]
fn every_file_loads_without_problems() {
    let loaded = loaded();
    let problems: Vec<_> = loaded
        .tree
        .files()
        .flat_map(|(_, f)| f.problems.iter().map(move |p| (&f.path, p)))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // The one finding of loading: a newsfragment whose type the changelog does not configure
    // (the original silently dropped it).
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.rule.name(), loaded.tree.file(d.span.file).path.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "fragment-type-unknown",
            "changelogs/client_server/newsfragments/2148.misc"
        )]
    );
    let yaml_under_api = loaded
        .tree
        .files()
        .filter(|(_, f)| f.path.starts_with("api/") && f.path.ends_with(".yaml"))
        .count();
    assert_eq!(yaml_under_api, 147, "the 147 API YAML files");
}

#[test]
fn counts_match_the_reference() {
    let spec = &loaded().spec;
    assert_eq!(spec.apis.len(), 5);
    assert_eq!(
        spec.apis.iter().map(|a| a.groups.len()).sum::<usize>(),
        91,
        "API groups"
    );
    assert_eq!(spec.endpoints().count(), 186, "operations");
    let deprecated = |api: &str| {
        spec.endpoints()
            .filter(|(a, _, e)| a.name == api && e.deprecated)
            .count()
    };
    assert_eq!(
        spec.endpoints().filter(|(_, _, e)| e.deprecated).count(),
        21
    );
    assert_eq!(deprecated("identity"), 17);
    assert_eq!(deprecated("client-server"), 4);
    assert_eq!(spec.events.len(), 53, "event schemas");
    assert_eq!(
        spec.events.iter().map(|e| e.examples.len()).sum::<usize>(),
        56,
        "event examples"
    );
    let client_server = spec.api("client-server").unwrap();
    assert_eq!(
        client_server
            .groups
            .iter()
            .map(|g| g.endpoints.len())
            .sum::<usize>(),
        116
    );
}

#[test]
fn refs_through_the_event_schemas_link_resolve() {
    // api/client-server/definitions/event-schemas is a git link stub to ../../../event-schemas.
    let tree = &loaded().tree;
    assert!(
        tree.find("api/client-server/definitions/event-schemas")
            .is_none(),
        "the stub is not data"
    );
    let sync = loaded()
        .spec
        .endpoints()
        .find(|(_, _, e)| e.operation_id.as_deref() == Some("sync"))
        .unwrap()
        .2;
    let schema = sync.responses[0].schema.as_ref().unwrap();
    let text = schema.node.to_json().to_string();
    assert!(
        text.contains("state_key"),
        "event schemas reached through the link are inlined"
    );
}

#[test]
fn nodes_equal_serde_yaml_values() {
    // The positioned loader and serde_yaml (libyaml underneath) must read every file alike.
    let root = corpus();
    let mut compared = 0;
    for (_, file) in loaded().tree.files() {
        let Some(node) = &file.node else { continue };
        let text = std::fs::read_to_string(root.join(&file.path)).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let expected = serde_json::to_value(&value).unwrap();
        assert_eq!(node.to_json(), expected, "{}", file.path);
        compared += 1;
    }
    let spec_files = loaded()
        .tree
        .files()
        .filter(|(_, f)| !f.path.starts_with("changelogs/"));
    assert_eq!(compared, spec_files.count());
    assert!(loaded().tree.files().all(|(_, f)| {
        f.problems
            .iter()
            .all(|p| p.kind != ParseProblemKind::DuplicateKey)
    }));
}

#[test]
fn every_json_file_reads_as_libyaml_reads_it() {
    // The JSON reader stands in for libyaml on JSON text: over every JSON file of ../shared
    // (GitHub's 13 MB description, the OAI examples, the Matrix trees' examples and the
    // reference dumps), the trees, positions, node counts and problems must be the same.
    use mxspec::source::FileId;
    use mxspec::source::yaml::{parse_counted, parse_with_libyaml};
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&super::shared(), &mut files);
    let (mut compared, mut bytes) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let by_libyaml = parse_with_libyaml(FileId(0), &text);
        assert!(by_libyaml.0.is_some(), "libyaml reads {}", path.display());
        assert!(
            parse_counted(FileId(0), &text) == by_libyaml,
            "{} reads differently",
            path.display()
        );
        compared += 1;
        bytes += text.len();
    }
    println!(
        "JSON reader: {compared} JSON files of ../shared ({bytes} bytes) read as libyaml reads them"
    );
    assert!(compared >= 100, "only {compared} JSON files found");
}
