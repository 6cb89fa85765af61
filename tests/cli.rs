//! The `mxspec` binary as users run it: exit codes, output formats, and output folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn mxspec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mxspec"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn check_exits_0_on_a_clean_tree_and_1_on_errors() {
    let clean = mxspec(&["check", fixture("openapi").to_str().unwrap()]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(stderr(&clean).contains("0 errors, 0 warnings"));

    let bad = mxspec(&["check", fixture("defects").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let text = stdout(&bad);
    assert!(
        text.contains("error[ref-url]: cannot follow $ref"),
        "{text}"
    );
    assert!(text.contains("  --> api/bad/refs.yaml:25:26"), "{text}");
    assert!(
        text.contains("25 |           schema: {$ref: \"https://example.org/schema.yaml\"}"),
        "{text}"
    );
}

#[test]
fn check_exits_2_on_usage_and_io_errors() {
    let missing = mxspec(&["check", "/no/such/spec/root"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read spec root"),
        "{}",
        stderr(&missing)
    );

    let no_api = mxspec(&["check", fixture("").to_str().unwrap()]);
    assert_eq!(no_api.status.code(), Some(2));
    assert!(stderr(&no_api).contains("has no api/ folder"));

    let bad_flag = mxspec(&["check", "--format", "xml"]);
    assert_eq!(bad_flag.status.code(), Some(2));

    let help = mxspec(&["check", "--help"]);
    assert_eq!(help.status.code(), Some(0));
}

#[test]
fn json_format_is_parseable_and_complete() {
    let output = mxspec(&[
        "check",
        fixture("defects").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let diagnostics: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let list = diagnostics.as_array().unwrap();
    let cycle = list.iter().find(|d| d["rule"] == "ref-cycle").unwrap();
    assert_eq!(cycle["severity"], "error");
    assert_eq!(cycle["file"], "api/bad/definitions/cycle_b.yaml");
    assert_eq!(cycle["line"], 4);
    assert_eq!(
        cycle["notes"].as_array().unwrap().len(),
        2,
        "the chain of refs"
    );
}

#[test]
fn github_format_writes_workflow_commands() {
    let output = mxspec(&[
        "check",
        fixture("defects").to_str().unwrap(),
        "--format",
        "github",
        "--errors-only",
    ]);
    let text = stdout(&output);
    assert!(
        text.lines().all(|l| l.starts_with("::error file=")),
        "{text}"
    );
    assert!(text.contains(
        "::error file=api/bad/operations.yaml,line=9,col=11,title=path-param-not-required::"
    ));
}

#[test]
fn dump_writes_a_folder_and_replaces_it_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("stale.json"), "{}").unwrap();
    let root = fixture("swagger2");
    let ok = mxspec(&[
        "dump",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--set",
        "API_VERSION=v3",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(
        !out.join("stale.json").exists(),
        "the folder is replaced, not merged"
    );
    let pets: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("pets.json")).unwrap()).unwrap();
    assert!(pets["paths"]["/pets/v3/pet/{petId}"]["get"].is_object());

    // A tree with loading errors is not dumped, and the previous output stays.
    let bad = mxspec(&[
        "dump",
        fixture("defects").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(out.join("pets.json").exists());
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no temporary folder is left behind"
    );
}

#[test]
fn dump_to_stdout_needs_one_api() {
    let openapi = mxspec(&[
        "dump",
        fixture("openapi").to_str().unwrap(),
        "--format",
        "openapi3",
    ]);
    assert_eq!(openapi.status.code(), Some(0), "{}", stderr(&openapi));
    let doc: openapiv3::OpenAPI = serde_json::from_slice(&openapi.stdout).unwrap();
    assert_eq!(doc.openapi, "3.0.3");

    let unknown = mxspec(&[
        "dump",
        fixture("openapi").to_str().unwrap(),
        "--api",
        "nope",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("no API named `nope`; the tree has: tokens"));
}

#[test]
fn real_symlinks_and_link_stubs_are_followed_inside_the_root_only() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("spec");
    let api = root.join("api/links");
    std::fs::create_dir_all(api.join("shared")).unwrap();
    std::fs::create_dir_all(root.join("schemas")).unwrap();
    std::fs::write(
        root.join("schemas/thing.yaml"),
        "type: object\nproperties: {name: {type: string}}\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("secret.yaml"), "type: string\n").unwrap();
    std::os::unix::fs::symlink("../../../schemas", api.join("shared/real")).unwrap();
    std::fs::write(api.join("shared/stub"), "../../../schemas").unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("secret.yaml"),
        api.join("shared/outside.yaml"),
    )
    .unwrap();
    let group = |schema: &str| {
        format!(
            "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths:\n  /x:\n    get:\n      operationId: op\n      responses:\n        200:\n          description: ok\n          schema: {{$ref: \"{schema}\"}}\n"
        )
    };
    std::fs::write(api.join("real.yaml"), group("shared/real/thing.yaml")).unwrap();
    std::fs::write(
        root.join("api/links/../links/stub.yaml"),
        group("shared/stub/thing.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("api/out")).unwrap();
    std::fs::write(
        root.join("api/out/out.yaml"),
        group("../links/shared/outside.yaml"),
    )
    .unwrap();

    let loaded = mxspec::load(&root, &Default::default()).unwrap();
    let rules: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.rule.name(), loaded.tree.file(d.span.file).path.clone()))
        .collect();
    assert_eq!(
        rules,
        [("ref-outside-root", "api/out/out.yaml".to_owned())],
        "only the link out of the root is refused"
    );
    let schemas: Vec<_> = loaded
        .spec
        .endpoints()
        .filter(|(a, _, _)| a.name == "links")
        .map(|(_, _, e)| e.responses[0].schema.clone().unwrap())
        .collect();
    assert_eq!(schemas.len(), 2);
    assert!(
        schemas
            .iter()
            .all(|s| s.node.pointer("/properties/name").is_some()),
        "both links lead to the schema"
    );
    let thing = loaded
        .tree
        .find("schemas/thing.yaml")
        .expect("the target is loaded under its real path");
    assert_eq!(
        loaded.tree.files().filter(|(id, _)| *id == thing).count(),
        1,
        "and only once"
    );
}
