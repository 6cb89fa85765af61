//! Benchmarks over the 2019 Matrix corpus in `../shared`: bare parse, load (parse, resolve,
//! model), check, both dumps, the RST build and Rust generation; and load, check and the
//! Markdown site of today's tree (matrix-spec v1.14, v1.16). `cargo bench --bench corpus`; figures are medians.

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

/// GitHub's description (one 13 MB JSON file) to a positioned tree: the JSON reader, and
/// libyaml alone, which read every JSON file before it.
#[divan::bench(args = ["json reader", "libyaml"], sample_count = 10)]
fn parse_github_json(bencher: divan::Bencher, reader: &str) {
    use mxspec::source::FileId;
    use mxspec::source::yaml::{parse_counted, parse_with_libyaml};
    let path = corpus().join("../openapi-world/github/api.github.com.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let parse = if reader == "libyaml" {
        parse_with_libyaml
    } else {
        parse_counted
    };
    bencher.bench(|| parse(FileId(0), &text));
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

/// Today's tree (matrix-spec v1.14, read from the repository root): load and every check.
#[divan::bench(sample_count = 50)]
fn load_and_check_v114(bencher: divan::Bencher) {
    let root = corpus().join("../matrix-spec-v1.14");
    bencher.bench(|| {
        let loaded = mxspec::load(&root, &LoadOptions::default()).unwrap();
        mxspec::check::check(&loaded)
    });
}

/// Today's tree as its Markdown site: load, then every page of `content/` through the tree's
/// own shortcode templates (what `mxspec build` does on a matrix-spec repository, without
/// writing), for v1.14 and v1.16 (Hugo's newer layout folders).
#[divan::bench(sample_count = 20, args = ["v1.14", "v1.16"])]
fn load_and_build_docs(bencher: divan::Bencher, release: &str) {
    let root = corpus().join(format!("../matrix-spec-{release}"));
    bencher.bench(|| {
        let mut loaded = mxspec::load(&root, &LoadOptions::default()).unwrap();
        mxspec::render::docs::build(&mut loaded)
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

fn build_options() -> mxspec::render::build::BuildOptions {
    mxspec::render::build::BuildOptions {
        substitutions: mxspec::render::build::default_substitutions(),
        ..Default::default()
    }
}

/// Load and render all 13 targets as RST (what `mxspec build` does, without writing).
#[divan::bench(sample_count = 50)]
fn load_and_build_rst(bencher: divan::Bencher) {
    let root = corpus();
    let options = build_options();
    bencher.bench(|| {
        let mut loaded = mxspec::load(&root, &LoadOptions::default()).unwrap();
        mxspec::render::build::build(&mut loaded, &options).unwrap()
    });
}

/// Render all 13 targets as RST from a loaded corpus (each run on a fresh copy of the load).
#[divan::bench(sample_count = 50)]
fn build_rst(bencher: divan::Bencher) {
    let root = corpus();
    let options = build_options();
    bencher
        .with_inputs(|| mxspec::load(&root, &LoadOptions::default()).unwrap())
        .bench_local_values(|mut loaded| {
            mxspec::render::build::build(&mut loaded, &options).unwrap()
        });
}

/// Render all 13 targets as HTML pages from a loaded corpus.
#[divan::bench(sample_count = 50)]
fn build_html(bencher: divan::Bencher) {
    let root = corpus();
    let options = build_options();
    let site = mxspec::render::site::SiteOptions::default();
    bencher
        .with_inputs(|| mxspec::load(&root, &LoadOptions::default()).unwrap())
        .bench_local_values(|mut loaded| {
            mxspec::render::site::build(&mut loaded, &options, &site).unwrap()
        });
}

/// The whole `mxspec build --format all` without writing: load, then all 13 targets as RST
/// and as HTML.
#[divan::bench(sample_count = 50)]
fn load_and_build_rst_and_html(bencher: divan::Bencher) {
    let root = corpus();
    let options = build_options();
    let site = mxspec::render::site::SiteOptions::default();
    bencher.bench(|| {
        let mut loaded = mxspec::load(&root, &LoadOptions::default()).unwrap();
        mxspec::render::site::build_all(&mut loaded, &options, &site).unwrap()
    });
}

/// The Rust crate of the client-server API (116 operations), from a loaded corpus.
#[divan::bench(sample_count = 30)]
fn gen_rust_client_server(bencher: divan::Bencher) {
    let loaded = mxspec::load(&corpus(), &LoadOptions::default()).unwrap();
    let api = loaded.spec.api("client-server").unwrap();
    bencher.bench(|| mxspec::codegen::rust_crate(api, "client-server-api").unwrap());
}

/// The Rust crate of today's client-server API (159 operations), from a loaded v1.14 tree.
#[divan::bench(sample_count = 30)]
fn gen_rust_client_server_v114(bencher: divan::Bencher) {
    let loaded = mxspec::load(
        &corpus().join("../matrix-spec-v1.14"),
        &LoadOptions::default(),
    )
    .unwrap();
    let api = loaded.spec.api("client-server").unwrap();
    bencher.bench(|| mxspec::codegen::rust_crate(api, "client-server-api").unwrap());
}
