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
