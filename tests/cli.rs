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
    let dump = |out: &std::path::Path| {
        mxspec(&[
            "dump",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
    };
    // A folder mxspec did not write is somebody's: refused, kept as it is.
    let refused = dump(&out);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("holds files mxspec did not write"));
    assert!(out.join("stale.json").exists());
    // One it wrote before (its marker says so) is replaced whole.
    std::fs::write(out.join(mxspec::output::MARKER), "").unwrap();
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

    // An API with loading errors is not dumped; when no API of the tree can be, nothing is
    // written and the previous output stays.
    let bad = mxspec(&[
        "dump",
        fixture("defects").to_str().unwrap(),
        "--api",
        "bad",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not dumping the bad API"));
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
        [
            ("ref-outside-root", "api/out/out.yaml".to_owned()),
            (
                "ref-outside-root",
                "api/links/shared/outside.yaml".to_owned()
            )
        ],
        "only the link out of the root is refused: where the walk meets it and where a ref names it"
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

/// A copy of the `build` fixture in a temporary folder, without its broken changelog.
fn build_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("build"), dir.path());
    std::fs::remove_dir_all(dir.path().join("changelogs/broken")).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The file names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The hidden (temporary) files and folders in `dir`.
fn hidden_in(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|name| name.starts_with('.'))
        .collect()
}

fn build_args<'a>(root: &'a str, out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "build",
        root,
        "--out",
        out,
        "--set",
        "PETS_LABEL=unstable",
        "--set",
        "PETS_VERSION=v1",
    ];
    args.extend(extra);
    args
}

#[test]
fn build_writes_each_target_and_replaces_the_folder_whole() {
    let tree = build_tree();
    let root = tree.path().to_str().unwrap();
    let out = tree.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("stale.rst"), "from an older build").unwrap();
    // The marker of a folder an earlier build wrote.
    std::fs::write(out.join(mxspec::output::MARKER), "").unwrap();
    let built = mxspec(&build_args(
        root,
        out.to_str().unwrap(),
        &["--target", "pets", "--format", "all"],
    ));
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let html = std::fs::read_to_string(out.join("pets/unstable.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        stderr(&built).contains("built 2 documents"),
        "{}",
        stderr(&built)
    );
    assert!(
        stderr(&built).contains("warning[fragment-type-unknown]"),
        "{}",
        stderr(&built)
    );
    let text = std::fs::read_to_string(out.join("pets/unstable.rst")).unwrap();
    let expected = std::fs::read_to_string(fixture("build/expected/pets/unstable.rst")).unwrap();
    assert_eq!(text, expected);
    assert!(
        !out.join("stale.rst").exists(),
        "the folder is replaced as a whole"
    );
}

#[test]
fn a_failed_build_writes_nothing_and_keeps_the_previous_output() {
    let tree = build_tree();
    let root = tree.path().to_str().unwrap();
    let out = tree.path().join("out");
    let good = mxspec(&build_args(
        root,
        out.to_str().unwrap(),
        &["--target", "pets", "--format", "all"],
    ));
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    let before = std::fs::read_to_string(out.join("pets/unstable.rst")).unwrap();
    let before_html = std::fs::read_to_string(out.join("pets/unstable.html")).unwrap();

    let bad = mxspec(&build_args(
        root,
        out.to_str().unwrap(),
        &["--format", "all"],
    ));
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(err.contains("error[placeholder-unknown]"), "{err}");
    for problem in [
        "error[rst-malformed]",
        "error[rst-unknown-directive]",
        "error[rst-undefined-name]",
        "--> specification/malformed.rst:14:1",
        "--> specification/malformed.rst:23:1",
    ] {
        assert!(
            err.contains(problem),
            "one run reports every problem: {problem}\n{err}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("pets/unstable.html")).unwrap(),
        before_html
    );
    assert!(
        err.contains("--> specification/placeholders.rst:6:1"),
        "{err}"
    );
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("pets/unstable.rst")).unwrap(),
        before
    );
    let leftovers = hidden_in(tree.path());
    assert!(
        leftovers.is_empty(),
        "no temporary folder is left: {leftovers:?}"
    );
}

#[test]
fn a_broken_changelog_config_stops_the_build_with_its_line() {
    let broken = mxspec(&[
        "build",
        fixture("build").to_str().unwrap(),
        "--out",
        "/nonexistent/never",
    ]);
    assert_eq!(broken.status.code(), Some(1));
    let err = stderr(&broken);
    assert!(err.contains("error[changelog-config-invalid]"), "{err}");
    assert!(
        err.contains("--> changelogs/broken/pyproject.toml:1:16"),
        "{err}"
    );
}

#[test]
fn an_unknown_target_is_a_usage_error() {
    let tree = build_tree();
    let root = tree.path().to_str().unwrap();
    let out = tree.path().join("out");
    let unknown = mxspec(&build_args(
        root,
        out.to_str().unwrap(),
        &["--target", "nope"],
    ));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no target `nope`"),
        "{}",
        stderr(&unknown)
    );
    assert!(!out.exists());
}

#[test]
fn changelog_drafts_and_releases_both_or_neither() {
    let tree = build_tree();
    let root = tree.path().to_str().unwrap();
    let draft = mxspec(&["changelog", root, "--api", "pets", "--draft"]);
    assert_eq!(draft.status.code(), Some(0), "{}", stderr(&draft));
    assert_eq!(
        stdout(&draft),
        "unstable\n========\n\nNew Endpoints\n-------------\n\n- Add ``GET /pets/{petId}``. (#3)\n\n\n\
         Spec Clarifications\n-------------------\n\n- Fix typos. (#4, #5)\n\n\n"
    );

    let release = mxspec(&["changelog", root, "--api", "pets", "--version", "v2"]);
    assert_eq!(release.status.code(), Some(0), "{}", stderr(&release));
    let released = std::fs::read_to_string(tree.path().join("changelogs/pets.rst")).unwrap();
    assert!(
        released.starts_with("v2\n==\n\nNew Endpoints\n"),
        "{released}"
    );
    assert!(
        released.ends_with("v1\n==\n\nNo significant changes.\n\n\n"),
        "{released}"
    );
    let left = names_in(&tree.path().join("changelogs/pets/newsfragments"));
    assert_eq!(
        left,
        ["6.misc"],
        "consumed fragments are gone; the unknown type stays"
    );

    let empty = mxspec(&["changelog", root, "--api", "pets", "--draft"]);
    assert!(stdout(&empty).contains("No significant changes."));

    let unknown = mxspec(&["changelog", root, "--api", "nope", "--draft"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no changelog `nope`"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_failed_release_keeps_every_fragment() {
    let tree = build_tree();
    let root = tree.path().to_str().unwrap();
    // The new changelog cannot be written: a folder stands where its temporary file goes, so
    // the fragments, already moved aside, must come back.
    let blocker = tree.path().join("changelogs/.pets.mxspec-new");
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let release = mxspec(&["changelog", root, "--api", "pets", "--version", "v2"]);
    assert_eq!(release.status.code(), Some(2), "{}", stderr(&release));
    assert!(
        stderr(&release).contains("cannot release pets v2"),
        "{}",
        stderr(&release)
    );
    let left = names_in(&tree.path().join("changelogs/pets/newsfragments"));
    assert_eq!(
        left,
        ["3.new", "4.clarification", "5.clarification", "6.misc"]
    );
    let mut stray = hidden_in(&tree.path().join("changelogs"));
    stray.retain(|name| name != ".pets.mxspec-new");
    assert!(stray.is_empty(), "{stray:?}");
    let released = std::fs::read_to_string(tree.path().join("changelogs/pets.rst")).unwrap();
    assert_eq!(released, "v1\n==\n\nNo significant changes.\n\n\n");
}

#[test]
fn check_with_prose_reports_what_the_build_would() {
    let root = fixture("prose");
    let root = root.to_str().unwrap();
    let plain = mxspec(&["check", root]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let prose = mxspec(&["check", "--prose", root, "--format", "json"]);
    assert_eq!(prose.status.code(), Some(1), "{}", stderr(&prose));
    let found: serde_json::Value = serde_json::from_slice(&prose.stdout).unwrap();
    let found: Vec<(String, String, u64)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let at = |rule: &str, line| (rule.to_owned(), "specification/notes.rst".to_owned(), line);
    assert_eq!(found, [at("rst-malformed", 4), at("rst-undefined-name", 5)]);
    assert!(stderr(&prose).contains("2 errors"), "{}", stderr(&prose));
    let no_prose = mxspec(&["check", root, "--targets", "specification/targets.yaml"]);
    assert_eq!(no_prose.status.code(), Some(2), "--targets needs --prose");
}

#[test]
fn an_api_with_errors_does_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("spec");
    for api in ["good", "bad"] {
        std::fs::create_dir_all(root.join("api").join(api)).unwrap();
    }
    let group = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: op\n      responses:\n        200: {description: ok}\n";
    std::fs::write(root.join("api/good/g.yaml"), group).unwrap();
    std::fs::write(
        root.join("api/bad/g.yaml"),
        group.replace("200: {description: ok}", "200: {$ref: missing.yaml}"),
    )
    .unwrap();
    let root = root.to_str().unwrap();
    let out = tmp.path().join("dump");
    let dump = mxspec(&["dump", root, "--out", out.to_str().unwrap()]);
    assert_eq!(dump.status.code(), Some(1), "{}", stderr(&dump));
    assert!(out.join("good.json").is_file());
    assert!(!out.join("bad.json").exists());
    assert!(stderr(&dump).contains("not dumping the bad API"));

    let crate_dir = tmp.path().join("crate");
    let good = mxspec(&[
        "gen",
        "rust",
        root,
        "--api",
        "good",
        "--out",
        crate_dir.to_str().unwrap(),
    ]);
    assert_eq!(good.status.code(), Some(1), "the tree still has an error");
    assert!(crate_dir.join("Cargo.toml").is_file(), "{}", stderr(&good));
    let bad = mxspec(&[
        "gen",
        "rust",
        root,
        "--api",
        "bad",
        "--out",
        crate_dir.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("the bad API has loading errors"));
}

#[test]
fn the_openapi31_dump_keeps_the_sources_as_written() {
    let dump = mxspec(&[
        "dump",
        fixture("matrix-spec").to_str().unwrap(),
        "--format",
        "openapi31",
        "--base-url",
        "https://example.org/spec/",
    ]);
    assert_eq!(
        dump.status.code(),
        Some(1),
        "the fixture has event errors: {}",
        stderr(&dump)
    );
    let doc: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let keys: Vec<&str> = paths.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "/_matrix/federation/v1/invite/{roomId}",
            "/_matrix/federation/v1/invite/{roomId} ",
            "/_matrix/federation/v2/invite/{roomId}"
        ],
        "base paths from the servers, the padded key kept verbatim"
    );
    assert!(
        String::from_utf8(dump.stdout)
            .unwrap()
            .starts_with("{\n    \"components\""),
        "sorted keys, four-space indent, as json.dumps writes them"
    );
}

#[test]
fn down_converting_dumps_say_what_they_lose() {
    let root = fixture("build-openapi");
    let out = tempfile::tempdir().unwrap();
    let mut report = String::new();
    for format in ["openapi3", "swagger2", "openapi31"] {
        let output = mxspec(&[
            "dump",
            root.to_str().unwrap(),
            "--format",
            format,
            "--out",
            out.path().join(format).to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        report += &format!("== {format}\n{}", stderr(&output));
    }
    let expected = root.join("expected-dump.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected, &report).unwrap();
    }
    assert_eq!(report, std::fs::read_to_string(&expected).unwrap());
    // OpenAPI 3.0 carries the named examples, as `examples`.
    let dump = std::fs::read_to_string(out.path().join("openapi3/tokens.json")).unwrap();
    assert!(
        dump.contains("\"summary\": \"A token that never expires\""),
        "{dump}"
    );
}

#[test]
fn a_markdown_tree_builds_as_a_site_and_its_prose_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tree");
    copy_tree(&fixture("docs"), &root);
    let out = dir.path().join("site");
    let (root_s, out_s) = (root.to_str().unwrap(), out.to_str().unwrap());

    // The fixture has broken shortcodes: nothing is written, every problem has its line.
    let broken = mxspec(&["build", root_s, "--out", out_s]);
    assert_eq!(broken.status.code(), Some(1), "{}", stderr(&broken));
    assert!(stderr(&broken).contains("content/broken.md:12:1"));
    assert!(!out.exists());
    let checked = mxspec(&["check", "--prose", root_s]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        stdout(&checked).contains("shortcode-invalid"),
        "{}",
        stdout(&checked)
    );
    let rst = mxspec(&["build", root_s, "--out", out_s, "--format", "rst"]);
    assert_eq!(rst.status.code(), Some(2), "{}", stderr(&rst));

    // Without its page of problems, it builds: pages at Hugo's paths, the diagram beside them.
    std::fs::remove_file(root.join("content/broken.md")).unwrap();
    let built = mxspec(&["build", root_s, "--out", out_s]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    for path in [
        "index.html",
        "404.html",
        "client-server-api/index.html",
        "rooms/index.html",
        "rooms/v1/index.html",
        "rooms/v2/index.html",
        "diagrams/flow.webp",
    ] {
        assert!(out.join(path).is_file(), "{path} missing");
    }
}

#[test]
fn one_document_is_an_api_of_its_own() {
    let document = fixture("openapi/api/tokens/v31.yaml");
    let document = document.to_str().unwrap();
    let check = mxspec(&["check", "--verbose", document]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("is one OpenAPI or Swagger document: 2 files read"),
        "{}",
        stderr(&check)
    );

    // The only API needs no --api, and is named after the file.
    let dump = mxspec(&["dump", document, "--format", "openapi31"]);
    assert_eq!(dump.status.code(), Some(0), "{}", stderr(&dump));
    let doc: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert!(!paths.is_empty());
    let out = tempfile::tempdir().unwrap();
    let crate_dir = out.path().join("crate");
    let generated = mxspec(&[
        "gen",
        "rust",
        document,
        "--out",
        crate_dir.to_str().unwrap(),
    ]);
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"v31-api\""), "{manifest}");

    // Pages need a tree; writing over the document is refused.
    let build = mxspec(&[
        "build",
        document,
        "--out",
        out.path().join("site").to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(2));
    assert!(
        stderr(&build).contains("v31.yaml is one document"),
        "{}",
        stderr(&build)
    );
    let over = mxspec(&["gen", "rust", document, "--out", document]);
    assert_eq!(over.status.code(), Some(2));

    // Its folder is the root: a $ref above it is not read.
    let tree = tempfile::tempdir().unwrap();
    std::fs::create_dir(tree.path().join("api")).unwrap();
    std::fs::write(tree.path().join("secret.yaml"), "type: string\n").unwrap();
    let text = std::fs::read_to_string(fixture("openapi/api/tokens/v31.yaml"))
        .unwrap()
        .replace("components/account31.yaml", "../secret.yaml");
    let inner = tree.path().join("api/doc.yaml");
    std::fs::write(&inner, text).unwrap();
    let outside = mxspec(&["check", inner.to_str().unwrap()]);
    assert_eq!(outside.status.code(), Some(1));
    assert!(
        stdout(&outside).contains("error[ref-outside-root]"),
        "{}",
        stdout(&outside)
    );
}

#[test]
fn sarif_names_each_finding_with_its_rule_place_and_level() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("my api.yaml");
    std::fs::write(
        &document,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {summary: s}\n",
    )
    .unwrap();
    let out = mxspec(&[
        "check",
        "--format",
        "sarif",
        "--root",
        dir.path().to_str().unwrap(),
        document.to_str().unwrap(),
    ]);
    // A missing operationId warns under Redocly's `recommended`: exit 0.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:?}");
    let result = &results[0];
    assert_eq!(result["ruleId"], "operation-id-missing");
    assert_eq!(result["level"], "warning");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][index]["id"],
        "operation-id-missing"
    );
    let place = &result["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "my%20api.yaml");
    assert_eq!(place["region"]["startLine"], 5);
}

/// `dump` of one document keeps what refs name by name in both converted formats, as
/// `redocly bundle` does; `--refs inline` writes every ref out.
#[test]
fn converted_dumps_of_a_document_keep_components_unless_told_to_inline() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = tmp.path().join("api.yaml");
    std::fs::write(
        &doc,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}\ncomponents:\n  schemas:\n    Thing: {type: object, properties: {name: {type: string}}}\n",
    )
    .unwrap();
    let doc = doc.to_str().unwrap();
    for (format, reference) in [
        ("openapi3", "#/components/schemas/Thing"),
        ("swagger2", "#/definitions/Thing"),
    ] {
        let kept = mxspec(&["dump", doc, "--format", format]);
        assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
        let json: serde_json::Value = serde_json::from_slice(&kept.stdout).unwrap();
        assert!(
            json["paths"]["/a"]["get"]["responses"]["200"]
                .to_string()
                .contains(reference)
        );
        let inline = mxspec(&["dump", doc, "--format", format, "--refs", "inline"]);
        assert_eq!(inline.status.code(), Some(0), "{}", stderr(&inline));
        assert!(!String::from_utf8_lossy(&inline.stdout).contains("$ref"));
    }
}

/// `dump --format openapi31` of one document keeps its refs and speaks 3.1: a Swagger 2.0
/// document through its OpenAPI 3.0 dump, a 3.0 one through its bundle, `nullable` as a type.
#[test]
fn the_openapi31_dump_of_a_document_upgrades_it_and_keeps_its_refs() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = "{type: object, properties: {name: {type: string, nullable: true}}}";
    for (file, doc) in [
        (
            "v3.yaml",
            format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: a\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Thing'}}}}}}}}}}\ncomponents:\n  schemas:\n    Thing: {schema}\n"),
        ),
        (
            "v2.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      produces: [application/json]\n      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Thing'}}}\ndefinitions:\n  Thing: {type: object, properties: {name: {type: string}}}\n".to_owned(),
        ),
    ] {
        let path = tmp.path().join(file);
        std::fs::write(&path, doc).unwrap();
        let dump = mxspec(&["dump", path.to_str().unwrap(), "--format", "openapi31"]);
        assert_eq!(dump.status.code(), Some(0), "{file}: {}", stderr(&dump));
        let json: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
        assert_eq!(json["openapi"], "3.1.0", "{file}");
        let response = &json["paths"]["/a"]["get"]["responses"]["200"];
        assert_eq!(
            response["content"]["application/json"]["schema"],
            serde_json::json!({"$ref": "#/components/schemas/Thing"}),
            "{file}"
        );
        let name = &json["components"]["schemas"]["Thing"]["properties"]["name"];
        let expected = if file == "v3.yaml" {
            serde_json::json!({"type": ["string", "null"]})
        } else {
            serde_json::json!({"type": "string"})
        };
        assert_eq!(name, &expected, "{file}");
    }
}
