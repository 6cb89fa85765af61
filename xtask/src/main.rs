//! Development tasks: `cargo xtask <task>`. Each task is a sequence of cargo commands, the same
//! ones `.ci/run` uses, so a developer can run any part of CI alone.

mod interop;

use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  ci       everything .ci/run does: fmt check, clippy, tests, corpus suite
  corpus   the corpus suite against ../shared (set MXSPEC_SHARED to move it)
  lint     cargo fmt --check and clippy with warnings denied
  bench    the corpus benchmarks (cargo bench)
  interop  generated crates against Synapse and Sydent from PyPI, on 127.0.0.1";

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "ci" => {
            lint()?;
            cargo(&["test", "--workspace"])?;
            corpus()
        }
        "corpus" => corpus(),
        "lint" => lint(),
        "bench" => cargo(&["bench", "--bench", "corpus"]),
        "interop" => {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .context("xtask lives in the repository")?
                .to_path_buf();
            interop::run(&root)
        }
        _ => bail!("{USAGE}"),
    }
}

fn lint() -> anyhow::Result<()> {
    cargo(&["fmt", "--all", "--", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ])
}

fn corpus() -> anyhow::Result<()> {
    cargo(&[
        "test",
        "--release",
        "--features",
        "corpus-tests",
        "--test",
        "corpus",
        "--",
        "--nocapture",
    ])
}

fn cargo(args: &[&str]) -> anyhow::Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {cargo}"))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}
