//! Real APIs beyond Matrix, loaded and checked as their users would: every operation, no
//! limit reached, no false reference error, every document of the OpenAPI Initiative's
//! examples without an error but the style rules Redocly's `recommended` also reports.

use std::path::Path;

use mxspec::diagnostic::Severity;
use mxspec::model::LoadOptions;

use crate::openapi_world;

/// Loads and checks one document with `root` as the folder its refs may reach.
fn check(document: &Path, root: &Path) -> (mxspec::Loaded, mxspec::check::Report) {
    let mut options = LoadOptions::default();
    options.source.boundary = Some(root.to_path_buf());
    let loaded = mxspec::load(document, &options).unwrap();
    let report = mxspec::check::check(&loaded);
    (loaded, report)
}

/// Rules that must never fire on a published description: they would mean mxspec misread it.
const MISREADINGS: [&str; 7] = [
    "limit-exceeded",
    "ref-unresolved",
    "ref-outside-root",
    "ref-cycle",
    "spec-version",
    "structure",
    "yaml-syntax",
];

fn misreadings(loaded: &mxspec::Loaded, report: &mxspec::check::Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| MISREADINGS.contains(&d.rule.name()))
        .map(|d| {
            let file = &loaded.tree.file(d.span.file).path;
            format!("{file}:{} {}: {}", d.span.line, d.rule.name(), d.message)
        })
        .collect()
}

#[test]
fn github_and_digitalocean_load_every_operation_and_check_as_a_graph() {
    let world = openapi_world();
    for (name, document, operations) in [
        ("GitHub", "github/api.github.com.json", 1223),
        (
            "DigitalOcean",
            "digitalocean/specification/DigitalOcean-public.v2.yaml",
            659,
        ),
    ] {
        let started = std::time::Instant::now();
        let (loaded, report) = check(&world.join(document), &world);
        let summary = &report.summary;
        println!(
            "{name}: {} in {:.2?} ({} errors, {} warnings)",
            summary.line(),
            started.elapsed(),
            summary.errors,
            summary.warnings
        );
        assert_eq!(summary.endpoints, operations, "{name}");
        assert_eq!(
            misreadings(&loaded, &report),
            Vec::<String>::new(),
            "{name}"
        );
        assert!(
            summary.examples.total() > 3000,
            "{name}: {:?}",
            summary.examples
        );
        // Inlined, GitHub's documents stay within the bound the outputs use.
        assert!(loaded.spec.inline_refusal.is_none(), "{name}");
    }
}

#[test]
fn every_oai_example_loads_without_a_misreading() {
    let root = openapi_world().join("oai/examples");
    let mut documents = Vec::new();
    for version in ["v2.0/json", "v2.0/yaml", "v3.0", "v3.1", "v3.2"] {
        for entry in std::fs::read_dir(root.join(version)).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "yaml" | "json") {
                documents.push(path);
            }
        }
    }
    // The multi-file petstores, whose refs reach `../common`.
    documents.push(root.join("v2.0/json/petstore-separate/spec/swagger.json"));
    documents.push(root.join("v2.0/yaml/petstore-separate/spec/swagger.yaml"));
    documents.sort();
    let mut failures = Vec::new();
    let mut operations = 0;
    for document in &documents {
        let (loaded, report) = check(document, &root);
        operations += report.summary.endpoints;
        // A 3.1 document may describe webhooks only.
        let operations = report.summary.endpoints + report.summary.webhooks;
        if report.summary.apis != 1 || operations == 0 {
            failures.push(format!("{}: no operation read", document.display()));
        }
        failures.extend(misreadings(&loaded, &report));
        // The only errors left are the style rule Redocly's `recommended` makes an error too.
        for d in &report.diagnostics {
            if d.severity() == Severity::Error && d.rule.name() != "operation-summary-missing" {
                failures.push(format!(
                    "{}: {}: {}",
                    document.display(),
                    d.rule.name(),
                    d.message
                ));
            }
        }
    }
    println!(
        "oai examples: {} documents, {operations} operations",
        documents.len()
    );
    assert!(documents.len() >= 30, "{documents:?}");
    assert_eq!(failures, Vec::<String>::new());
}

/// Bundles `document` as `dump --format bundle` does.
fn bundle(document: &Path, root: &Path) -> serde_json::Value {
    let mut options = LoadOptions::default();
    options.source.boundary = Some(root.to_path_buf());
    let mut loaded = mxspec::load(document, &options).unwrap();
    let group = &loaded.spec.apis[0].groups[0];
    let (file, format) = (group.file, group.format);
    match mxspec::dump::bundle(&mut loaded.tree, file, format) {
        Ok(bundled) => bundled.json,
        Err(found) => panic!("{}: {found:?}", document.display()),
    }
}

#[test]
fn bundles_keep_single_files_as_written_and_move_other_files_into_components() {
    let world = openapi_world();
    // One file: the bundle is the document itself.
    let document = world.join("github/api.github.com.json");
    let source: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&document).unwrap()).unwrap();
    assert!(
        bundle(&document, &world) == source,
        "GitHub's bundle differs from its source"
    );
    // 2,850 files: one document, every ref inside it.
    let json = bundle(
        &world.join("digitalocean/specification/DigitalOcean-public.v2.yaml"),
        &world,
    );
    let (refs, dangling) = mxspec::dump::dangling_refs(&json);
    let components: usize = json["components"]
        .as_object()
        .unwrap()
        .values()
        .map(|section| section.as_object().map_or(0, |s| s.len()))
        .sum();
    let size = serde_json::to_vec(&json).unwrap().len();
    println!("DigitalOcean bundle: {refs} refs, {components} components, {size} bytes");
    assert_eq!(dangling, Vec::<String>::new());
    assert!(
        refs > 5000 && components > 1000,
        "{refs} refs, {components} components"
    );
    assert_eq!(json["paths"].as_object().unwrap().len(), 445);
    assert_eq!(json["info"]["title"], "DigitalOcean API");
    // The OAI examples: each single-file one unchanged, the multi-file petstores whole.
    let root = world.join("oai/examples");
    for version in ["v2.0/json", "v2.0/yaml", "v3.0", "v3.1", "v3.2"] {
        for entry in std::fs::read_dir(root.join(version)).unwrap() {
            let path = entry.unwrap().path();
            let source: serde_json::Value = match path.extension().and_then(|e| e.to_str()) {
                Some("json") => serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap(),
                Some("yaml") => yaml_value(&std::fs::read_to_string(&path).unwrap()),
                _ => continue,
            };
            assert!(bundle(&path, &root) == source, "{}", path.display());
        }
    }
    for separate in [
        "json/petstore-separate/spec/swagger.json",
        "yaml/petstore-separate/spec/swagger.yaml",
    ] {
        let json = bundle(&root.join("v2.0").join(separate), &root);
        assert_eq!(mxspec::dump::dangling_refs(&json).1, Vec::<String>::new());
        let definitions: Vec<&String> = json["definitions"].as_object().unwrap().keys().collect();
        assert_eq!(definitions, ["Pet", "Error", "NewPet"], "{separate}");
    }
}

/// A YAML example document as JSON, read by mxspec's own parser (its keys in order).
fn yaml_value(text: &str) -> serde_json::Value {
    let (parsed, problems) = mxspec::source::yaml::parse(mxspec::source::FileId(0), text);
    assert!(problems.is_empty(), "{problems:?}");
    parsed.unwrap().to_json()
}

/// GitHub's and DigitalOcean's converted dumps (2.0, 3.0, 3.1) keep what refs name by name: every operation,
/// no ref that names nothing, the OpenAPI 3.0 one read back by openapiv3, and each within
/// twice the bytes the source files hold (inlined, they were 3 to 7 times that).
#[test]
fn converted_dumps_of_github_and_digitalocean_stay_near_their_source_size() {
    let world = openapi_world();
    let options = mxspec::dump::Options {
        refs: mxspec::dump::Refs::Components,
        budget: mxspec::limits::MAX_INLINED_NODES,
    };
    for (name, document, source) in [
        ("GitHub", "github/api.github.com.json", "github"),
        (
            "DigitalOcean",
            "digitalocean/specification/DigitalOcean-public.v2.yaml",
            "digitalocean/specification",
        ),
    ] {
        let (mut loaded, _) = check(&world.join(document), &world);
        let source_bytes = folder_bytes(&world.join(source));
        let api = &loaded.spec.apis[0];
        let openapi3 = mxspec::dump::openapi3_with(api, &options).unwrap();
        let swagger2 = mxspec::dump::swagger2_with(api, &options).unwrap();
        let (api, group) = (api.clone(), api.groups[0].clone());
        let openapi31 =
            mxspec::dump::openapi31_of_document(&mut loaded.tree, &api, &group, &options).unwrap();
        assert_eq!(openapi31["openapi"], "3.1.0");
        for (format, bytes) in [
            ("openapi3", mxspec::dump::to_json_bytes(&openapi3)),
            ("swagger2", mxspec::dump::to_json_bytes(&swagger2)),
            ("openapi31", mxspec::dump::to_json_bytes(&openapi31)),
        ] {
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(
                mxspec::dump::dangling_refs(&json).1,
                Vec::<String>::new(),
                "{name} {format}"
            );
            let ratio = bytes.len() as f64 / source_bytes as f64;
            println!(
                "{name} {format}: {} bytes, {ratio:.2}x the source",
                bytes.len()
            );
            assert!(ratio <= 2.0, "{name} {format}: {ratio:.2}x");
        }
        let back: openapiv3::OpenAPI =
            serde_json::from_slice(&mxspec::dump::to_json_bytes(&openapi3)).unwrap();
        let endpoints = group.endpoints.len();
        assert_eq!(back.operations().count(), endpoints, "{name}");
        let swagger_operations: usize = swagger2["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(swagger_operations, endpoints, "{name}");
    }
}

/// The bytes of every file under `folder`.
fn folder_bytes(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                folder_bytes(&entry.path())
            } else {
                entry.metadata().unwrap().len()
            }
        })
        .sum()
}
