//! The corpus suite: mxspec against the real 2019 Matrix spec tree in `../shared/corpus` and the
//! original toolchain's outputs in `../shared/reference`, and against today's tree
//! (matrix-spec v1.14): it loads whole, its errors are the documented defects, planted ones are
//! found.
//!
//! Run by `.ci/run` (or `cargo xtask corpus`) with `--features corpus-tests`. It fails, never
//! skips, when the corpus is missing: a suite that passes without its data proves nothing.

mod check;
mod codegen;
mod docs;
mod dump;
mod layouts;
mod load;
mod openapi_world;
mod render;
mod site;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `../shared` beside the repository, or `MXSPEC_SHARED` when set.
pub fn shared() -> PathBuf {
    let path = match std::env::var_os("MXSPEC_SHARED") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    assert!(
        path.join("corpus/matrix-doc-2019/api").is_dir(),
        "the corpus suite needs {}/corpus/matrix-doc-2019 (set MXSPEC_SHARED to its folder)",
        path.display()
    );
    path
}

/// Real non-Matrix APIs: GitHub, DigitalOcean, the OpenAPI Initiative's examples.
pub fn openapi_world() -> PathBuf {
    let path = shared().join("corpus/openapi-world");
    assert!(path.is_dir(), "the corpus suite needs {}", path.display());
    path
}

/// The corpus root.
pub fn corpus() -> PathBuf {
    shared().join("corpus/matrix-doc-2019")
}

/// Today's tree: matrix-org/matrix-spec at release v1.14 (a repository root, data under
/// `data/`).
pub fn corpus_v114() -> PathBuf {
    let path = shared().join("corpus/matrix-spec-v1.14");
    assert!(
        path.join("data/api").is_dir(),
        "the corpus suite needs {}",
        path.display()
    );
    path
}

/// The reference outputs of today's tree: the spec's own Hugo site and OpenAPI dumps.
pub fn reference_v114() -> PathBuf {
    let path = shared().join("reference/matrix-spec-v1.14");
    assert!(
        path.join("html").is_dir(),
        "the corpus suite needs {}",
        path.display()
    );
    path
}

/// The reference outputs.
pub fn reference() -> PathBuf {
    let path = shared().join("reference/matrix-doc-2019");
    assert!(path.is_dir(), "the corpus suite needs {}", path.display());
    path
}

/// The corpus, loaded once with the default options (`%CLIENT_MAJOR_VERSION%` = r0).
pub fn loaded() -> &'static mxspec::Loaded {
    static LOADED: OnceLock<mxspec::Loaded> = OnceLock::new();
    LOADED.get_or_init(|| mxspec::load(&corpus(), &Default::default()).expect("the corpus loads"))
}
