//! Helpers shared by the integration tests that compare output with files.
// Each test crate uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Compares `actual` with the file at `path`, or rewrites it under `UPDATE_EXPECT=1`.
pub fn expect_file(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} is missing; UPDATE_EXPECT=1 writes it", path.display()));
    assert!(
        expected == actual,
        "{} differs (UPDATE_EXPECT=1 rewrites it); got:\n{actual}",
        path.display()
    );
}

/// The files of `folder` ending in `.{extension}`, sorted.
pub fn cases(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    cases.sort();
    cases
}

/// Writes `files` (path, text) under a fresh folder and loads `document` with that folder as
/// its root, the options first passed through `options`. The folder lives as long as the
/// returned guard.
pub fn load_written(
    files: &[(&str, &str)],
    document: &str,
    options: impl FnOnce(&mut mxspec::model::LoadOptions),
) -> (tempfile::TempDir, mxspec::Loaded) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut load_options = mxspec::model::LoadOptions::default();
    load_options.source.boundary = Some(dir.path().to_path_buf());
    options(&mut load_options);
    let loaded = mxspec::load(&dir.path().join(document), &load_options).unwrap();
    (dir, loaded)
}
