//! `mxspec gen rust` on the five corpus APIs and the project's own: every generated crate
//! passes `cargo clippy -- -D warnings` and `cargo doc` with rustdoc's warnings as errors, and
//! its example test reads every spec example into
//! its generated type and back (one shared target folder keeps it quick).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::loaded;

/// Where the crates and their shared target folder go.
fn work_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/gen-check")
}

fn write_crate(dir: &Path, files: &[(String, String)]) {
    let _ = std::fs::remove_dir_all(dir);
    // The crates are built below this repository's workspace: each must be its own.
    let standalone = mxspec::codegen::Crate {
        files: files.to_vec(),
        examples: 0,
        lost: Vec::new(),
    }
    .standalone();
    for (path, text) in &standalone.files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

/// The examples `check` finds wrong, which `gen rust` leaves out of a crate's example tests
/// (a `gen-lossy` warning each, counted by their message).
fn left_out(generated: &mxspec::codegen::Crate) -> usize {
    generated
        .lost
        .iter()
        .filter(|d| {
            d.message
                .contains("this example is not a test of the crate")
        })
        .count()
}

/// A crate made as `gen rust` makes it: leaving out the examples `check` finds wrong.
fn generate(
    loaded: &mxspec::Loaded,
    api: &mxspec::model::Api,
    crate_name: &str,
) -> mxspec::codegen::Crate {
    let unfit = mxspec::check::unfit_examples(loaded);
    mxspec::codegen::rust_crate_leaving_out(api, crate_name, &unfit).unwrap()
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", work_dir().join("target"))
        // No debug information: the crates built here (DigitalOcean's among them) would
        // otherwise take gigabytes of the CI machine's disk.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env_remove("RUSTFLAGS")
        // Rustdoc's lints (unresolved intra-doc links, bare URLs, bad HTML) as errors.
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

/// What a step printed says: `words.0` when `output` succeeded, else `words.1` after
/// `on_failure` recorded it. The line printed claims only what ran.
fn verdict(
    output: &std::process::Output,
    words: (&'static str, &'static str),
    on_failure: impl FnOnce(),
) -> &'static str {
    if output.status.success() {
        words.0
    } else {
        on_failure();
        words.1
    }
}

/// `cargo clippy -D warnings` with every feature and target of the crate in `dir` passes.
fn assert_clippy_clean_with_all_features(dir: &Path) {
    let args = [
        "clippy",
        "--quiet",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ];
    let clippy = cargo(dir, &args);
    assert!(
        clippy.status.success(),
        "{}",
        String::from_utf8_lossy(&clippy.stderr)
    );
}

/// The feature sets of a generated crate that clippy runs with, each in turn.
const FEATURE_SETS: [&str; 5] = [
    "",
    "client",
    "server",
    "client,server",
    "client,server,tls,lenient",
];

#[test]
fn generated_crates_compile_without_warnings() {
    println!(
        "gen rust: clippy -D warnings with features {FEATURE_SETS:?} on every crate, cargo doc with rustdoc's warnings as errors, its router test, its example test"
    );
    let own = mxspec::load(Path::new(env!("CARGO_MANIFEST_DIR")), &Default::default()).unwrap();
    let corpus = loaded();
    let mut crates = Vec::new();
    for api in &corpus.spec.apis {
        crates.push((format!("corpus-{}", api.name), corpus, api));
    }
    crates.push((
        "own-identity".to_owned(),
        &own,
        own.spec.api("identity").unwrap(),
    ));
    // Today's tree: OpenAPI 3.1, base paths from server variables, the padded invite key.
    let today = mxspec::load(&super::corpus_v114(), &Default::default()).unwrap();
    for api in &today.spec.apis {
        crates.push((format!("v114-{}", api.name), &today, api));
    }
    // Keywords, a missing operationId, clashing titles and field names, tuples, closed objects.
    let edge_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codegen");
    let edge = mxspec::load(&edge_root, &Default::default()).unwrap();
    crates.push((
        "fixture-edge".to_owned(),
        &edge,
        edge.spec.api("edge").unwrap(),
    ));
    // JSON Schema 2020-12: `const` without a type, `prefixItems` tuples, type lists, `$defs`.
    crates.push((
        "fixture-modern".to_owned(),
        &edge,
        edge.spec.api("modern").unwrap(),
    ));
    // Reserved names (`self`, `crate`, `main`, `serde`...), a shared integer enum, a bare CR.
    crates.push((
        "fixture-reserved".to_owned(),
        &edge,
        edge.spec.api("reserved").unwrap(),
    ));
    let mut failures = Vec::new();
    let mut misfits = Vec::new();
    let (mut endpoints, mut examples, mut modules_tested, mut left) = (0, 0, 0, 0);
    for (name, tree, api) in &crates {
        let generated = generate(tree, api, &format!("{name}-api"));
        left += left_out(&generated);
        let dir = work_dir().join(name);
        write_crate(&dir, &generated.files);
        // Every feature set the crate offers: none, each alone, and all.
        let mut clean = true;
        for features in FEATURE_SETS {
            let mut args = vec!["clippy", "--quiet", "--all-targets"];
            if !features.is_empty() {
                args.extend(["--features", features]);
            }
            args.extend(["--", "-D", "warnings"]);
            let clippy = cargo(&dir, &args);
            if !clippy.status.success() {
                failures.push(format!(
                    "{name} (features: {features:?}):\n{}",
                    String::from_utf8_lossy(&clippy.stderr)
                ));
                clean = false;
            }
        }
        if !clean {
            continue;
        }
        // The descriptions as rustdoc reads them (RST turned into Markdown for the 2019 tree).
        let doc = cargo(&dir, &["doc", "--quiet", "--no-deps", "--all-features"]);
        let rustdoc = verdict(&doc, ("rustdoc clean", "rustdoc FAILS"), || {
            failures.push(format!(
                "{name}: cargo doc:\n{}",
                String::from_utf8_lossy(&doc.stderr)
            ))
        });
        let router = cargo(
            &dir,
            &[
                "test",
                "--quiet",
                "--features",
                "server",
                "--test",
                "router",
            ],
        );
        let router_result = verdict(&router, ("router test passes", "router test FAILS"), || {
            failures.push(format!(
                "{name}: the router:\n{}",
                String::from_utf8_lossy(&router.stdout)
            ))
        });
        let tests = cargo(&dir, &["test", "--quiet", "--test", "examples"]);
        let stdout = String::from_utf8_lossy(&tests.stdout);
        let failed: Vec<String> = stdout
            .lines()
            .filter_map(|line| {
                let test = line.strip_prefix("---- ")?.strip_suffix(" stdout ----")?;
                Some(test.to_owned())
            })
            .collect();
        let passed = stdout
            .lines()
            .filter_map(|line| line.strip_prefix("test result: "))
            .filter_map(|rest| {
                rest.split(". ")
                    .nth(1)?
                    .split(';')
                    .next()?
                    .strip_suffix(" passed")?
                    .parse::<usize>()
                    .ok()
            })
            .sum::<usize>();
        let count: usize = api.groups.iter().map(|g| g.endpoints.len()).sum();
        endpoints += count;
        examples += generated.examples;
        modules_tested += passed + failed.len();
        println!(
            "gen rust {name:<28} {count:>3} endpoints, {:>3} files, clippy clean with each feature set, {rustdoc}, {router_result}, {:>3} examples in {} modules, {} modules fail",
            generated.files.len(),
            generated.examples,
            passed + failed.len(),
            failed.len()
        );
        misfits.extend(failed.into_iter().map(|test| format!("{name}: {test}")));
    }
    println!(
        "gen rust: {endpoints} endpoints in {} crates; {examples} examples read back in {modules_tested} modules, {left} left out since check finds them wrong; {} modules fail",
        crates.len(),
        misfits.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(misfits.is_empty(), "example tests that fail: {misfits:?}");
}

/// A real multi-file API beyond Matrix (2,850 files, 659 operations): its crate passes clippy
/// with every feature and target (its `call_every_operation` program too), and with every feature (`lenient` too, which must not change which
/// alternative of a `oneOf` an example is read as) its examples read back unchanged. The
/// examples `check` finds wrong are left out: the Kafka topic config's `9223372036854776000`
/// (2^63, past `int64`: `number-inexact`, in three operations) and an alert policy's
/// `entities` written as numbers where the schema says strings (`example-invalid`).
#[test]
fn the_digitalocean_crate_compiles_and_reads_its_examples() {
    let world = crate::openapi_world();
    let mut options = mxspec::model::LoadOptions::default();
    options.source.boundary = Some(world.clone());
    let document = world.join("digitalocean/specification/DigitalOcean-public.v2.yaml");
    let loaded = mxspec::load(&document, &options).unwrap();
    // With the program that calls every operation (which interop runs against Prism), so
    // clippy sees it too.
    let unfit = mxspec::check::unfit_examples(&loaded);
    let options = mxspec::codegen::Options {
        unfit: &unfit,
        call_every_operation: true,
    };
    let generated =
        mxspec::codegen::rust_crate_with(&loaded.spec.apis[0], "do-api", &options).unwrap();
    assert!(
        generated
            .files
            .iter()
            .any(|(path, _)| path == "examples/call_every_operation.rs")
    );
    let dir = work_dir().join("digitalocean");
    write_crate(&dir, &generated.files);
    assert_clippy_clean_with_all_features(&dir);
    let tests = cargo(
        &dir,
        &["test", "--quiet", "--all-features", "--test", "examples"],
    );
    let stdout = String::from_utf8_lossy(&tests.stdout);
    let mut failed: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("---- ")?.strip_suffix(" stdout ----"))
        .collect();
    failed.sort();
    assert!(
        stdout.contains("test result: "),
        "the example test did not run:\n{stdout}\n{}",
        String::from_utf8_lossy(&tests.stderr)
    );
    println!(
        "gen rust DigitalOcean: {} files, clippy clean with all features; {} examples read back, {} left out since check finds them wrong; {} modules fail",
        generated.files.len(),
        generated.examples,
        left_out(&generated),
        failed.len()
    );
    assert_eq!(left_out(&generated), 4, "the examples check finds wrong");
    assert!(failed.is_empty(), "{stdout}");
}

#[test]
fn the_generated_identity_client_and_server_talk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own = mxspec::load(root, &Default::default()).unwrap();
    let api = own.spec.api("identity").unwrap();
    loopback(api, "identity-api", "loopback");
}

#[test]
fn the_generated_federation_client_signs_through_the_callers_signer() {
    let tree = crate::corpus_v114();
    let loaded = mxspec::load(&tree, &Default::default()).unwrap();
    let api = loaded.spec.api("server-server").unwrap();
    loopback(api, "server-server-api", "federation");
}

/// Generates the crate of `api`, adds `tests/fixtures/loopback/<test>.rs` to it as a test,
/// and runs it with the client and server features over 127.0.0.1.
fn loopback(api: &mxspec::model::Api, crate_name: &str, test: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = mxspec::codegen::rust_crate(api, crate_name).unwrap();
    let dir = work_dir().join(format!("loopback-{test}"));
    write_crate(&dir, &generated.files);
    // The test drives the crate over real HTTP, so it needs a runtime and axum's server.
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap().replace(
        "[dev-dependencies]\n",
        "[dev-dependencies]\n\
         tokio = { version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"net\"] }\n\
         axum = { version = \"0.8\", default-features = false, features = [\"tokio\", \"http1\"] }\n\
         reqwest = { version = \"0.12\", default-features = false, features = [\"json\"] }\n",
    );
    std::fs::write(&manifest, text).unwrap();
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::copy(
        root.join(format!("tests/fixtures/loopback/{test}.rs")),
        dir.join(format!("tests/{test}.rs")),
    )
    .unwrap();
    let output = cargo(
        &dir,
        &["test", "--features", "client,server", "--test", test],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!(
        "{test}: {}",
        stdout
            .lines()
            .find(|l| l.starts_with("test result"))
            .unwrap_or("no result")
    );
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The hostile case `gen-doctest-in-containers` through rustdoc itself: code blocks of every
/// shape the spec can write (fences in list items and quotes, indented code after a heading,
/// a summary, a path key, enum values) and not one doctest in the crate.
#[test]
fn a_hostile_spec_puts_no_doctest_in_its_crate() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile/gen-doctest-in-containers/case.toml");
    let case: toml::Value = toml::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
    let text = case["file"][0]["text"].as_str().unwrap();
    let spec = work_dir().join("hostile-doctests.json");
    std::fs::create_dir_all(work_dir()).unwrap();
    std::fs::write(&spec, text).unwrap();
    let loaded = mxspec::load(&spec, &Default::default()).unwrap();
    let api = &loaded.spec.apis[0];
    let generated = mxspec::codegen::rust_crate(api, "hostile-doctests").unwrap();
    let dir = work_dir().join("hostile-doctests");
    write_crate(&dir, &generated.files);
    let run = cargo(&dir, &["test", "--doc", "--all-features"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    let ran: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("running "))
        .collect();
    assert_eq!(ran, ["running 0 tests"], "{stdout}");
    for planted in ["list", "ordered", "quote", "heading", "break", "summary"] {
        let pwned = Path::new("/tmp").join(format!("pwned-{planted}"));
        assert!(!pwned.exists(), "{} was written", pwned.display());
    }
    println!("gen rust: the hostile doctest crate: rustdoc found 0 doctests");
}

/// An API past one block of client methods and server handlers (`features::CHUNK`), with no
/// examples at all: the blocks join into files that compile, and the example test has no
/// unused helper.
#[test]
fn a_large_api_without_examples_compiles_in_blocks() {
    let endpoints = mxspec::codegen::features::CHUNK + 88;
    let paths: serde_json::Map<String, serde_json::Value> = (0..endpoints)
        .map(|i| {
            let operation = serde_json::json!({
                "post": {
                    "operationId": format!("op{i}"),
                    "summary": "s",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"200": {"description": "ok"}}
                }
            });
            (format!("/things/{i}"), operation)
        })
        .collect();
    let spec = serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "large", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"name": {"type": "string"}}}}}
    });
    std::fs::create_dir_all(work_dir()).unwrap();
    let file = work_dir().join("large.json");
    std::fs::write(&file, serde_json::to_string(&spec).unwrap()).unwrap();
    let loaded = mxspec::load(&file, &Default::default()).unwrap();
    let generated = mxspec::codegen::rust_crate(&loaded.spec.apis[0], "large-api").unwrap();
    let dir = work_dir().join("large");
    write_crate(&dir, &generated.files);
    assert_clippy_clean_with_all_features(&dir);
    println!("gen rust: a {endpoints}-endpoint API in blocks: clippy clean with all features");
}

#[path = "../../fuzz/targets.rs"]
mod fuzz_targets;

/// The property the `codegen` fuzz target stands for, through the compiler: the names of its
/// seeds and of a fixed set of hostile name sets make crates that `cargo check` accepts with
/// every feature and target, or `gen rust` refuses them with a diagnostic.
#[test]
fn fuzzed_names_make_crates_that_compile() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/codegen");
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    inputs.sort();
    for names in [
        "self\nsuper\ncrate\nmain\nSelf\nself",
        "serde\nserde_json\nhttp\nround_trip\nnormal\nOther",
        "\n\n\n\n\n",
        "a b\n1x\n-\n_\n\u{e0}\n\u{202e}x",
        "r#type\ntype\nasync\nawait\ndyn\ntry",
        "Request\nResponse\nMETADATA\nError\nResult\nOption",
        "x`y\n```\n    fn main() {}\n{}\n#[doc]\n\"q\"",
        "support\ntypes\nclient\nserver\nlib\nbuild",
    ] {
        inputs.push(names.as_bytes().to_vec());
    }
    let (mut checked, mut refused, mut failures) = (0, 0, Vec::new());
    for (i, input) in inputs.iter().enumerate() {
        for (names, made) in fuzz_targets::codegen_crates(input) {
            let generated = match made {
                Ok(generated) => generated,
                Err(err) => {
                    println!("gen rust refused {names:?}: {err}");
                    refused += 1;
                    continue;
                }
            };
            let dir = work_dir().join(format!("fuzzed-{i}"));
            write_crate(&dir, &generated.files);
            let check = cargo(
                &dir,
                &["check", "--quiet", "--all-targets", "--all-features"],
            );
            checked += 1;
            if !check.status.success() {
                failures.push(format!(
                    "{names:?}:\n{}",
                    String::from_utf8_lossy(&check.stderr)
                ));
            }
        }
    }
    println!(
        "gen rust: {checked} crates of fuzzed names checked by cargo, {refused} refused, {} fail",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
