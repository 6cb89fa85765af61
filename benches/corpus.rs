//! Benchmarks over the 2019 Matrix corpus in `../shared`: bare parse, load (parse, resolve,
//! model), check, and both dumps. `cargo bench --bench corpus`; figures are medians.

use std::path::PathBuf;

use mxspec::model::LoadOptions;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn corpus() -> PathBuf {
    let shared =
        std::env::var_os("MXSPEC_SHARED").map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
    let root = shared.join("corpus/matrix-doc-2019");
    assert!(
        root.is_dir(),
        "the benchmarks need the corpus at {}",
        root.display()
    );
    root
}

/// Walk and parse every data file, nothing else.
#[divan::bench(sample_count = 50)]
fn parse(bencher: divan::Bencher) {
    let root = corpus();
    bencher.bench(|| mxspec::source::SourceTree::load(&root).unwrap());
}

/// Parse, resolve every ref, build the model.
#[divan::bench(sample_count = 50)]
fn load(bencher: divan::Bencher) {
    let root = corpus();
    bencher.bench(|| mxspec::load(&root, &LoadOptions::default()).unwrap());
}

/// Load and run every check rule (what `mxspec check` does).
#[divan::bench(sample_count = 50)]
fn load_and_check(bencher: divan::Bencher) {
    let root = corpus();
    bencher.bench(|| {
        let loaded = mxspec::load(&root, &LoadOptions::default()).unwrap();
        mxspec::check::check(&loaded)
    });
}

/// Check alone, on a loaded corpus.
#[divan::bench(sample_count = 50)]
fn check(bencher: divan::Bencher) {
    let loaded = mxspec::load(&corpus(), &LoadOptions::default()).unwrap();
    bencher.bench(|| mxspec::check::check(&loaded));
}

/// Swagger 2.0 JSON of all five APIs, from a loaded corpus.
#[divan::bench(sample_count = 50)]
fn dump_swagger2(bencher: divan::Bencher) {
    let loaded = mxspec::load(&corpus(), &LoadOptions::default()).unwrap();
    bencher.bench(|| {
        loaded
            .spec
            .apis
            .iter()
            .map(|api| mxspec::dump::to_json_bytes(&mxspec::dump::swagger2(api)).len())
            .sum::<usize>()
    });
}

/// OpenAPI 3.0 JSON (through openapiv3) of all five APIs, from a loaded corpus.
#[divan::bench(sample_count = 50)]
fn dump_openapi3(bencher: divan::Bencher) {
    let loaded = mxspec::load(&corpus(), &LoadOptions::default()).unwrap();
    bencher.bench(|| {
        loaded
            .spec
            .apis
            .iter()
            .map(|api| mxspec::dump::to_json_bytes(&mxspec::dump::openapi3(api).unwrap()).len())
            .sum::<usize>()
    });
}
