//! Development tasks: `cargo xtask <task>`. Each task is a sequence of cargo commands, the same
//! ones `.ci/run` uses, so a developer can run any part of CI alone.

mod interop;
mod prism;

use std::process::Command;

use anyhow::{Context, bail};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  ci       the Rust steps of .ci/run, in its order: fmt check, clippy, the check with the
           declared rust-version, tests, corpus suite (.ci/run then also runs Redocly, the
           browser checks and interop, which need npm, Chromium and PyPI)
  corpus   the corpus suite against ../shared (set MXSPEC_SHARED to move it)
  lint     cargo fmt --check and clippy with warnings denied
  msrv     cargo check with the toolchain of Cargo.toml's rust-version (installed by rustup)
  bench    the corpus benchmarks (cargo bench)
  interop  generated crates against Synapse and Sydent from PyPI, and the crates of
           GitHub and DigitalOcean against Prism from npm, on 127.0.0.1
  prism    only the Prism half of interop";

fn main() -> anyhow::Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "ci" => {
            lint()?;
            msrv()?;
            cargo(&["test", "--workspace"])?;
            corpus()
        }
        "corpus" => corpus(),
        "lint" => lint(),
        "msrv" => msrv(),
        "bench" => cargo(&["bench", "--bench", "corpus"]),
        "interop" => interop::run(&root()?),
        "prism" => {
            let root = root()?;
            cargo(&["build", "--release", "--quiet"])?;
            prism::run(
                &root,
                &root.join("target/release/mxspec"),
                &interop::shared(&root),
            )
        }
        _ => bail!("{USAGE}"),
    }
}

/// The repository's root.
fn root() -> anyhow::Result<std::path::PathBuf> {
    Ok(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("xtask lives in the repository")?
        .to_path_buf())
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

/// `cargo check` of everything with the declared minimum Rust, so `rust-version` is true.
fn msrv() -> anyhow::Result<()> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    let text = std::fs::read_to_string(&manifest).context("cannot read Cargo.toml")?;
    let Some(version) = text.lines().find_map(|line| {
        let value = line.strip_prefix("rust-version = \"")?;
        value.strip_suffix('"')
    }) else {
        bail!("Cargo.toml declares no rust-version");
    };
    let toolchain = format!("+{version}");
    let installed = Command::new("rustup")
        .args(["toolchain", "install", version, "--profile", "minimal"])
        .status()
        .context("cannot run rustup")?;
    if !installed.success() {
        bail!("rustup cannot install Rust {version}");
    }
    eprintln!("$ cargo {toolchain} check --workspace --all-targets --all-features");
    // `cargo` itself, not $CARGO: the `+toolchain` is rustup's proxy's to read.
    let status = Command::new("cargo")
        .args([
            &toolchain,
            "check",
            "--workspace",
            "--all-targets",
            "--all-features",
        ])
        .env_remove("RUSTC")
        .env_remove("CARGO")
        .env("CARGO_TARGET_DIR", "target/msrv")
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("the check with Rust {version} failed ({status})");
    }
    Ok(())
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
