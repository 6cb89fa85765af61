//! Shapes of OpenAPI documents that other organisations publish, each read as its specification
//! says: no false error, and the rule levels of the tree's own `redocly.yaml`.

use std::path::Path;

mod common;

use mxspec::diagnostic::Severity;

/// Writes `files` under a fresh folder and checks `document` with that folder as its root.
fn check(files: &[(&str, &str)], document: &str) -> Vec<(String, Severity, String)> {
    let (_dir, loaded) = common::load_written(files, document, |_| {});
    let report = mxspec::check::check(&loaded);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let file = &loaded.tree.file(d.span.file).path;
            (
                format!("{file}:{}", d.span.line),
                d.severity(),
                d.rule.name().to_owned(),
            )
        })
        .collect()
}

fn rules(found: &[(String, Severity, String)]) -> Vec<&str> {
    found.iter().map(|(_, _, rule)| rule.as_str()).collect()
}

const INFO: &str = "info: {title: t, version: '1'}\n";

#[test]
fn an_openapi_31_operation_may_leave_out_responses() {
    let doc =
        format!("openapi: 3.1.0\n{INFO}paths:\n  /a:\n    get: {{operationId: a, summary: s}}\n");
    assert_eq!(
        rules(&check(&[("api.yaml", &doc)], "api.yaml")),
        Vec::<&str>::new()
    );
    // 3.0 still needs them.
    let doc = doc.replace("3.1.0", "3.0.3");
    assert_eq!(
        rules(&check(&[("api.yaml", &doc)], "api.yaml")),
        ["structure"]
    );
}

#[test]
fn openapi_32_reads_as_31() {
    let doc = format!(
        "openapi: 3.2.0\n{INFO}paths:\n  /a:\n    get: {{operationId: a, summary: s, responses: {{'200': {{description: ok}}}}}}\n"
    );
    assert_eq!(
        rules(&check(&[("api.yaml", &doc)], "api.yaml")),
        Vec::<&str>::new()
    );
}

#[test]
fn required_may_name_what_an_allof_sibling_defines() {
    let doc = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /a:\n    get:\n      operationId: a\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                allOf:\n                  - {{type: object, properties: {{name: {{type: string}}}}}}\n                  - {{type: object, properties: {{kind: {{type: string}}}}, required: [name, kind]}}\n                  - {{type: object, properties: {{x: {{type: string}}}}, required: [nowhere]}}\n"
    );
    let found = check(&[("api.yaml", &doc)], "api.yaml");
    assert_eq!(
        found,
        [(
            "api.yaml:17".to_owned(),
            Severity::Warning,
            "required-unknown-property".to_owned()
        )]
    );
}

#[test]
fn an_example_may_have_only_a_summary() {
    let doc = format!(
        "openapi: 3.0.3\n{INFO}paths:\n  /a:\n    get:\n      operationId: a\n      summary: s\n      responses:\n        '204':\n          description: ok\n          content:\n            application/json:\n              examples:\n                none: {{summary: nothing is sent}}\n"
    );
    assert_eq!(
        rules(&check(&[("api.yaml", &doc)], "api.yaml")),
        Vec::<&str>::new()
    );
}

#[test]
fn a_document_reads_refs_above_its_folder_inside_its_root() {
    let doc = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      summary: s\n      responses:\n        '200': {description: ok, schema: {$ref: '../common/Error.yaml'}}\n";
    let files = [
        ("spec/swagger.yaml", doc),
        (
            "common/Error.yaml",
            "{type: object, properties: {code: {type: integer}}}",
        ),
    ];
    assert_eq!(
        rules(&check(&files, "spec/swagger.yaml")),
        Vec::<&str>::new()
    );
}

#[test]
fn a_document_out_of_its_root_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), "openapi: 3.1.0\n").unwrap();
    let mut options = mxspec::model::LoadOptions::default();
    options.source.boundary = Some(other.path().to_path_buf());
    let err = mxspec::load(&dir.path().join("api.yaml"), &options).unwrap_err();
    assert!(
        err.to_string().contains("is not a folder that holds"),
        "{err}"
    );
}

/// An operation-level `$ref` (DigitalOcean's whole layout), a missing operationId, an
/// ambiguous pair of paths and a tag without a description.
fn style_defects() -> String {
    format!(
        "openapi: 3.0.3\n{INFO}tags: [{{name: t}}]\npaths:\n  /a/{{x}}:\n    get: {{$ref: 'op.yaml'}}\n  /{{y}}/b:\n    get: {{summary: s, tags: [t], parameters: [{{name: y, in: path, required: true, schema: {{type: string}}}}], responses: {{'200': {{description: ok}}}}}}\n"
    )
}

const OPERATION: &str = "operationId: a\nsummary: s\nparameters: [{name: x, in: path, required: true, schema: {type: string}}]\nresponses: {'200': {description: ok}}\n";

#[test]
fn without_a_config_a_document_gets_redocly_recommended_levels() {
    let doc = style_defects();
    let found = check(&[("api.yaml", &doc), ("op.yaml", OPERATION)], "api.yaml");
    let mut levels: Vec<(&str, Severity)> =
        found.iter().map(|(_, s, r)| (r.as_str(), *s)).collect();
    levels.sort_by_key(|(r, _)| *r);
    assert_eq!(
        levels,
        [
            ("operation-id-missing", Severity::Warning),
            ("path-ambiguous", Severity::Warning),
            ("tag-description-missing", Severity::Warning),
        ]
    );
}

#[test]
fn the_trees_redocly_yaml_sets_the_levels() {
    let doc = style_defects();
    let config = "extends: [recommended-strict]\nrules:\n  no-ambiguous-paths: off\n  spec-strict-refs: error\n  no-such-rule: warn\n";
    let found = check(
        &[
            ("api.yaml", &doc),
            ("op.yaml", OPERATION),
            ("redocly.yaml", config),
        ],
        "api.yaml",
    );
    let mut levels: Vec<(&str, Severity)> =
        found.iter().map(|(_, s, r)| (r.as_str(), *s)).collect();
    levels.sort_by_key(|(r, _)| *r);
    assert_eq!(
        levels,
        [
            ("lint-config-invalid", Severity::Warning),
            ("operation-id-missing", Severity::Error),
            ("ref-misplaced", Severity::Error),
            ("tag-description-missing", Severity::Error),
        ]
    );
    assert!(
        found
            .iter()
            .any(|(at, _, rule)| rule == "lint-config-invalid" && at == "redocly.yaml:5")
    );
}

#[test]
fn a_matrix_tree_keeps_its_preset() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi");
    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    assert!(loaded.spec.rules.source.contains("Matrix preset"));
}

#[test]
fn json_with_surrogate_pair_escapes_reads_as_json_does() {
    // Python's `json.dumps` escapes every character beyond the BMP as a surrogate pair.
    let doc = r#"{"openapi": "3.1.0", "info": {"title": "Pets \ud83d\udc36", "version": "1"}, "paths": {}}"#;
    assert_eq!(
        rules(&check(&[("api.json", doc)], "api.json")),
        Vec::<&str>::new()
    );
}

#[test]
fn openapi_31_webhooks_are_checked_like_operations() {
    let doc = format!(
        "openapi: 3.1.0\n{INFO}webhooks:\n  newPet:\n    post:\n      operationId: newPet\n      summary: s\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, properties: {{id: {{type: integer}}}}}}\n            example: {{id: not-a-number}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let found = check(&[("api.yaml", &doc)], "api.yaml");
    assert_eq!(rules(&found), ["example-invalid"], "{found:?}");
    assert_eq!(found[0].0, "api.yaml:12");
}
