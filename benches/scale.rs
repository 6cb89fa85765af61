//! How the cost grows with the tree: a synthetic spec at 1x, 4x and 16x through check, the HTML
//! build and `gen rust`, grown two ways: wider (`8k` group files of 10 endpoints each, every
//! response nested 4 levels) and deeper (one group whose responses nest `2k` levels: at 16x, 100 YAML levels, near the limit of 128). Either
//! way the input grows k times, and growth should be linear: the 16x median about 16 times the
//! 1x one. A third tree is one OpenAPI document whose schema files name each other many times
//! over (`check_shared_refs`, `bundle_shared_refs`): its width grows, not the depth of its
//! refs. `cargo bench --bench scale`.
//!
//! The tree needs no corpus: it is written into a temporary folder once per scale.

use std::fmt::Write as _;
use std::path::Path;

use mxspec::model::LoadOptions;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// `groups` group files of 10 endpoints, each answering a schema nested `depth` levels and
/// naming a shared definition, and one page placing every group.
fn write_tree(root: &Path, groups: usize, depth: usize) {
    let api = root.join("api/synthetic");
    std::fs::create_dir_all(api.join("definitions")).unwrap();
    std::fs::write(
        api.join("definitions/thing.yaml"),
        "type: object\ntitle: Thing\nproperties:\n  name: {type: string, description: A name.}\n  size: {type: integer, minimum: 0}\nrequired: [name]\nexample: {name: a, size: 1}\n",
    )
    .unwrap();
    let mut prose = String::from("Synthetic\n=========\n\n");
    for group in 0..groups {
        let mut text = String::from("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n");
        for endpoint in 0..10 {
            let mut schema = String::from("{$ref: \"definitions/thing.yaml\"}");
            for level in 0..depth {
                schema = format!(
                    "{{type: object, description: Level {level}., properties: {{inner: {schema}, n: {{type: integer}}}}}}"
                );
            }
            let _ = write!(
                text,
                "  /g{group}/e{endpoint}/{{id}}:\n    post:\n      operationId: g{group}e{endpoint}\n      summary: Endpoint {endpoint} of group {group}.\n      description: Does *this* with ``that``.\n      parameters:\n        - {{in: path, name: id, type: string, required: true, x-example: abc}}\n        - {{in: query, name: limit, type: integer, description: How many.}}\n        - in: body\n          name: body\n          schema: {{$ref: \"definitions/thing.yaml\"}}\n      responses:\n        200:\n          description: OK.\n          schema: {schema}\n        400:\n          description: Bad.\n"
            );
        }
        std::fs::write(api.join(format!("group{group}.yaml")), text).unwrap();
        let _ = write!(
            prose,
            "Group {group}\n--------\n\n{{{{group{group}_synthetic_http_api}}}}\n\n"
        );
    }
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/synthetic.rst"), prose).unwrap();
    std::fs::write(
        root.join("docs/targets.yaml"),
        "targets:\n  synthetic:\n    files:\n      - synthetic.rst\ntitle_styles: [\"=\", \"-\", \"~\", \"+\", \"^\"]\n",
    )
    .unwrap();
}

/// The tree of a benchmark argument: `wide` or `deep`, and the scale.
fn tree((shape, k): (&str, usize)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    match shape {
        "wide" => write_tree(tmp.path(), 8 * k, 4),
        _ => write_tree(tmp.path(), 1, 2 * k),
    }
    tmp
}

const TREES: [(&str, usize); 6] = [
    ("wide", 1),
    ("wide", 4),
    ("wide", 16),
    ("deep", 1),
    ("deep", 4),
    ("deep", 16),
];

/// Load and every check, as `mxspec check` does.
#[divan::bench(args = TREES, sample_count = 10)]
fn check(bencher: divan::Bencher, arg: (&str, usize)) {
    let tmp = tree(arg);
    bencher.bench(|| {
        let loaded = mxspec::load(tmp.path(), &LoadOptions::default()).unwrap();
        mxspec::check::check(&loaded)
    });
}

/// Load and the HTML page, as `mxspec build` does (without writing it).
#[divan::bench(args = TREES, sample_count = 10)]
fn build_html(bencher: divan::Bencher, arg: (&str, usize)) {
    let tmp = tree(arg);
    let options = mxspec::render::build::BuildOptions {
        substitutions: mxspec::render::build::default_substitutions(),
        templates: None,
        targets: None,
        only: Vec::new(),
    };
    let site = mxspec::render::site::SiteOptions::default();
    bencher.bench(|| {
        let mut loaded = mxspec::load(tmp.path(), &LoadOptions::default()).unwrap();
        let built = mxspec::render::site::build(&mut loaded, &options, &site).unwrap();
        assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
        built
    });
}

/// The crate of the API, from a loaded tree.
#[divan::bench(args = TREES, sample_count = 10)]
fn gen_rust(bencher: divan::Bencher, arg: (&str, usize)) {
    let tmp = tree(arg);
    let loaded = mxspec::load(tmp.path(), &LoadOptions::default()).unwrap();
    let api = &loaded.spec.apis[0];
    bencher.bench(|| mxspec::codegen::rust_crate(api, "synthetic-api").unwrap());
}

/// One OpenAPI document over `width` x [`LAYERS`] schema files, where each file names two of
/// the layer below it: what the files write grows with `width`, while each endpoint's schema
/// inlined has 2^`LAYERS` leaves. Check and bundle read the refs as a graph, so their cost
/// should follow what is written: 16x the width, about 16 times the time.
fn write_shared_refs(root: &Path, width: usize) {
    let mut document = String::from("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n");
    for endpoint in 0..width {
        let _ = write!(
            document,
            "  /e{endpoint}:\n    get:\n      operationId: e{endpoint}\n      summary: s\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: 'schemas/l0-{endpoint}.yaml'}}\n"
        );
    }
    std::fs::create_dir_all(root.join("schemas")).unwrap();
    std::fs::write(root.join("openapi.yaml"), document).unwrap();
    for layer in 0..LAYERS {
        for column in 0..width {
            let (next, left, right) = (layer + 1, column, (column + 1) % width);
            std::fs::write(
                root.join(format!("schemas/l{layer}-{column}.yaml")),
                format!("type: object\nproperties:\n  a: {{$ref: 'l{next}-{left}.yaml'}}\n  b: {{$ref: 'l{next}-{right}.yaml'}}\n  n: {{type: integer, example: 1}}\n"),
            )
            .unwrap();
        }
    }
    for column in 0..width {
        std::fs::write(
            root.join(format!("schemas/l{LAYERS}-{column}.yaml")),
            "type: string\nexample: leaf\n",
        )
        .unwrap();
    }
}

/// Layers of the shared-refs document: 4,096 leaves per endpoint inlined.
const LAYERS: usize = 12;

/// Widths of the shared-refs document: 1x, 4x, 16x.
const WIDTHS: [usize; 3] = [8, 32, 128];

/// Load and every check of the shared-refs document.
#[divan::bench(args = WIDTHS, sample_count = 10)]
fn check_shared_refs(bencher: divan::Bencher, width: usize) {
    let tmp = tempfile::tempdir().unwrap();
    write_shared_refs(tmp.path(), width);
    bencher.bench(|| {
        let loaded =
            mxspec::load(&tmp.path().join("openapi.yaml"), &LoadOptions::default()).unwrap();
        mxspec::check::check(&loaded)
    });
}

/// Load and bundle the shared-refs document, as `mxspec dump` does by default.
#[divan::bench(args = WIDTHS, sample_count = 10)]
fn bundle_shared_refs(bencher: divan::Bencher, width: usize) {
    let tmp = tempfile::tempdir().unwrap();
    write_shared_refs(tmp.path(), width);
    bencher.bench(|| {
        let mut loaded =
            mxspec::load(&tmp.path().join("openapi.yaml"), &LoadOptions::default()).unwrap();
        let group = &loaded.spec.apis[0].groups[0];
        let (file, format) = (group.file, group.format);
        mxspec::dump::bundle(&mut loaded.tree, file, format).unwrap()
    });
}
