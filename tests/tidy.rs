//! Keeps the tree tidy: every Rust file says what it is for, text files have no trailing
//! whitespace or tabs, and every check rule has a fixture that makes it fire.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files below `folders` with one of `extensions`, skipping build output.
fn files(folders: &[&str], extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for folder in folders {
        for entry in walkdir::WalkDir::new(root().join(folder)).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e));
            if entry.file_type().is_file()
                && wanted
                // Build output and installed npm packages are not the project's files.
                && !path
                    .components()
                    .any(|c| c.as_os_str() == "target" || c.as_os_str() == "node_modules")
            {
                out.push(path.to_path_buf());
            }
        }
    }
    out
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let missing: Vec<_> = files(&["src", "tests", "benches", "xtask/src"], &["rs"])
        .into_iter()
        .filter(|path| !std::fs::read_to_string(path).unwrap().starts_with("//! "))
        .collect();
    assert!(
        missing.is_empty(),
        "these files need a `//! what this file is for` first line: {missing:#?}"
    );
}

#[test]
fn no_trailing_whitespace_or_tabs() {
    let mut bad = Vec::new();
    for path in files(
        &["src", "tests", "benches", "xtask", "docs", "api", ".ci"],
        &["rs", "md", "yaml", "toml", "txt"],
    ) {
        // Fixture expectations quote diagnostics verbatim; they are generated, not edited.
        if path.ends_with("expected.txt") {
            continue;
        }
        for (index, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            if line.ends_with([' ', '\t'])
                || (line.contains('\t') && path.extension().is_some_and(|e| e == "rs"))
            {
                bad.push(format!(
                    "{}:{}",
                    path.strip_prefix(root()).unwrap().display(),
                    index + 1
                ));
            }
        }
    }
    assert!(bad.is_empty(), "trailing whitespace or tabs at: {bad:#?}");
}

#[test]
fn every_rule_fires_in_a_fixture() {
    let mut expected = String::new();
    for path in files(&["tests/fixtures", "tests/hostile"], &["txt"]) {
        expected += &std::fs::read_to_string(path).unwrap();
    }
    let silent: Vec<_> = mxspec::diagnostic::Rule::ALL
        .iter()
        .filter(|rule| {
            !expected.contains(&format!(" {} ", rule.name()))
                && !expected.contains(&format!("[{}]", rule.name()))
        })
        .map(|rule| rule.name())
        .collect();
    assert!(
        silent.is_empty(),
        "rules no fixture or hostile case makes fire (add a defect to tests/fixtures/defects): {silent:?}"
    );
}

#[test]
fn every_rule_is_documented_in_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let undocumented: Vec<_> = mxspec::diagnostic::Rule::ALL
        .iter()
        .map(|rule| rule.name())
        .filter(|name| !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "rules missing from the README's rule table: {undocumented:?}"
    );
}

/// The layers below the outputs (sources, refs, model, schema semantics, check, dump, codegen)
/// do not reach into `render/`: what two products share lives below both.
#[test]
fn no_lower_layer_imports_from_render() {
    let lower = [
        "src/source",
        "src/resolve.rs",
        "src/model",
        "src/schema",
        "src/check",
        "src/dump",
        "src/codegen",
        "src/py.rs",
        "src/limits.rs",
        "src/diagnostic.rs",
    ];
    let offenders: Vec<_> = files(&lower, &["rs"])
        .into_iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            text.contains("crate::render") || text.contains("super::render")
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}
