//! `mxspec gen rust` on the five corpus APIs and the project's own: every generated crate
//! passes `cargo clippy -- -D warnings` (one shared target folder keeps it quick).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::loaded;

/// Where the crates and their shared target folder go.
fn work_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/gen-check")
}

fn write_crate(dir: &Path, files: &[(String, String)]) {
    let _ = std::fs::remove_dir_all(dir);
    for (path, text) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

fn clippy(dir: &Path) -> std::process::Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", work_dir().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn generated_crates_compile_without_warnings() {
    let own = mxspec::load(Path::new(env!("CARGO_MANIFEST_DIR")), &Default::default()).unwrap();
    let mut crates = Vec::new();
    for api in &loaded().spec.apis {
        crates.push((format!("corpus-{}", api.name), api.clone()));
    }
    crates.push((
        "own-identity".to_owned(),
        own.spec.api("identity").unwrap().clone(),
    ));
    let mut failures = Vec::new();
    let mut endpoints = 0;
    for (name, api) in &crates {
        let started = std::time::Instant::now();
        let files = mxspec::codegen::rust_crate(api, &format!("{name}-api")).unwrap();
        let generated = started.elapsed();
        let dir = work_dir().join(name);
        write_crate(&dir, &files);
        let output = clippy(&dir);
        let count: usize = api.groups.iter().map(|g| g.endpoints.len()).sum();
        endpoints += count;
        println!(
            "gen rust {name:<28} {count:>3} endpoints, {:>3} files, generated in {:.1} ms, clippy {}",
            files.len(),
            generated.as_secs_f64() * 1000.0,
            if output.status.success() {
                "clean"
            } else {
                "FAILED"
            }
        );
        if !output.status.success() {
            failures.push(format!(
                "{name}:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    println!("gen rust: {endpoints} endpoints in {} crates", crates.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
