//! The Prism half of `cargo xtask interop`: the crates of real non-Matrix APIs against Prism
//! (`@stoplight/prism-cli` from npm, pinned in `tests/prism/package.json`), the mock server
//! OpenAPI users run, which validates every request against the document.
//!
//! Each API's crate is generated with `--call-every-operation`; its program calls every
//! operation once with a request made from the spec's examples and required values. Prism
//! serves the same document twice on free ports of 127.0.0.1: static (the spec's own
//! examples) and dynamic (data made from the schemas, seeded so runs repeat). An operation
//! passes when Prism takes the request and the crate reads the answer. In static mode an
//! answer that is a spec example `mxspec check` finds wrong, and does not read, is counted
//! apart: it is a defect of the spec, named in the program's output.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use super::interop::{Servers, free_port, wait_for};

/// An API of `../shared/corpus/openapi-world`: its name, document and crate name.
const APIS: [(&str, &str, &str); 2] = [
    ("GitHub", "github/api.github.com.json", "github-api"),
    (
        "DigitalOcean",
        "digitalocean/specification/DigitalOcean-public.v2.yaml",
        "digitalocean-api",
    ),
];

/// The share of operations that must pass: static mode (of those not answered with a spec
/// defect) and dynamic mode, in percent.
const STATIC_PASS: f64 = 99.0;
const DYNAMIC_PASS: f64 = 95.0;

/// What one run of the program printed last: `N passed, M failed, K answered ...`.
struct Tally {
    passed: usize,
    failed: usize,
    defects: usize,
}

pub fn run(root: &Path, mxspec: &Path, shared: &Path) -> anyhow::Result<()> {
    let prism = ensure_prism(root)?;
    let work = root.join("target/interop/prism");
    let _ = std::fs::remove_dir_all(work.join("crates"));
    let world = shared.join("corpus/openapi-world");
    let mut verdicts = Vec::new();
    for (name, document, crate_name) in APIS {
        let document = world.join(document);
        let (static_port, dynamic_port) = (free_port()?, free_port()?);
        let logs = work.join("logs");
        std::fs::create_dir_all(&logs)?;
        // Prism reads a large document for a while: it starts before the build.
        let mut servers = Servers(Vec::new());
        for (mode, port) in [("static", static_port), ("dynamic", dynamic_port)] {
            let log = logs.join(format!("{crate_name}-{mode}.log"));
            let mut command = Command::new(&prism);
            command
                .args([
                    "mock",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                    "-v",
                    "warn",
                ])
                .arg(&document);
            if mode == "dynamic" {
                command.args(["-d", "--seed", "mxspec"]);
            }
            let file = std::fs::File::create(&log)?;
            eprintln!("interop: starting Prism ({mode}) with {name} on 127.0.0.1:{port}");
            let child = command
                .stdin(Stdio::null())
                .stdout(file.try_clone()?)
                .stderr(file)
                .spawn()
                .context("starting Prism")?;
            servers.0.push((format!("Prism ({mode}, {name})"), child));
        }
        let program = build(mxspec, &world, &document, &work, crate_name)?;
        // Both modes at once: each run waits on Prism far more than it works.
        let runs: Vec<anyhow::Result<Tally>> = std::thread::scope(|scope| {
            let handles: Vec<_> = [("static", static_port), ("dynamic", dynamic_port)]
                .into_iter()
                .map(|(mode, port)| {
                    let (logs, program) = (&logs, &program);
                    scope.spawn(move || {
                        let log = logs.join(format!("{crate_name}-{mode}.log"));
                        wait_for(&format!("Prism ({mode})"), port, "/", &log, true)?;
                        call(
                            program,
                            port,
                            &logs.join(format!("{crate_name}-{mode}.txt")),
                        )
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a Prism run panicked")))
                })
                .collect()
        });
        let mut tallies = Vec::new();
        for (mode, run) in ["static", "dynamic"].into_iter().zip(runs) {
            let tally = run?;
            println!(
                "interop: {name} against Prism ({mode}): {} passed, {} failed{}",
                tally.passed,
                tally.failed,
                if tally.defects > 0 {
                    format!(
                        ", {} answered with a spec example that `mxspec check` finds wrong",
                        tally.defects
                    )
                } else {
                    String::new()
                }
            );
            tallies.push((mode, tally));
        }
        drop(servers);
        for (mode, tally) in tallies {
            let (counted, least) = match mode {
                "static" => (tally.passed + tally.failed, STATIC_PASS),
                _ => (tally.passed + tally.failed + tally.defects, DYNAMIC_PASS),
            };
            let share = 100.0 * tally.passed as f64 / counted.max(1) as f64;
            if share < least {
                verdicts.push(format!(
                    "{name} ({mode}): {share:.1}% of {counted} operations passed, under {least}% (the failures: {})",
                    logs.join(format!("{crate_name}-{mode}.txt")).display()
                ));
            }
        }
    }
    if !verdicts.is_empty() {
        bail!("interop with Prism:\n{}", verdicts.join("\n"));
    }
    Ok(())
}

/// Prism from npm, installed once into `tests/prism/node_modules`.
fn ensure_prism(root: &Path) -> anyhow::Result<PathBuf> {
    let folder = root.join("tests/prism");
    let prism = folder.join("node_modules/.bin/prism");
    if !prism.is_file() {
        eprintln!(
            "interop: installing Prism from npm into {}",
            folder.display()
        );
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&folder)
            .status()
            .context("running npm")?;
        if !status.success() || !prism.is_file() {
            bail!("npm install of Prism failed");
        }
    }
    Ok(prism)
}

/// Generates the crate of `document` with its program and builds the program (debug, with
/// no debug information, in the target folder of the Matrix driver); its path, copied out of
/// the way of the next API's program of the same name.
fn build(
    mxspec: &Path,
    world: &Path,
    document: &Path,
    work: &Path,
    crate_name: &str,
) -> anyhow::Result<PathBuf> {
    let dir = work.join("crates").join(crate_name);
    // Its warnings (`gen-lossy`, the examples left out) are many: they go to a log.
    let log = work.join("logs").join(format!("{crate_name}-gen.log"));
    let status = Command::new(mxspec)
        .args(["gen", "rust", "--standalone", "--call-every-operation"])
        .arg(document)
        .arg("--root")
        .arg(world)
        .args(["--crate-name", crate_name, "--out"])
        .arg(&dir)
        .stderr(std::fs::File::create(&log)?)
        .status()?;
    if !status.success() {
        bail!(
            "mxspec gen rust failed on {} (its output: {})",
            document.display(),
            log.display()
        );
    }
    // The Matrix driver's target folder: the two share reqwest, tokio and serde's builds.
    let target = work.join("../target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("interop: building the program of {crate_name}");
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--example",
            "call_every_operation",
            // Prism answers on 127.0.0.1 over http: the default TLS is not built.
            "--no-default-features",
            "--features",
            "client",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .status()?;
    if !status.success() {
        bail!("the program of {crate_name} does not build");
    }
    let program = dir.join("call_every_operation");
    std::fs::copy(target.join("debug/examples/call_every_operation"), &program)?;
    Ok(program)
}

/// Runs the program against 127.0.0.1:`port`, its output kept in `output`; its tally.
fn call(program: &Path, port: u16, output: &Path) -> anyhow::Result<Tally> {
    let ran = Command::new(program)
        .arg(format!("http://127.0.0.1:{port}"))
        .output()
        .context("running the program")?;
    std::fs::write(output, &ran.stdout)?;
    let text = String::from_utf8_lossy(&ran.stdout);
    let last = text.lines().last().unwrap_or_default();
    let numbers: Vec<usize> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [passed, failed, defects] = numbers[..] else {
        bail!(
            "the program printed no tally (its output: {}; stderr: {})",
            output.display(),
            String::from_utf8_lossy(&ran.stderr)
        );
    };
    Ok(Tally {
        passed,
        failed,
        defects,
    })
}
