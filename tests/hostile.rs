//! The hostile-input suite: every folder of `tests/hostile/` is one attack on the binary, run as
//! a user would run it, with what it must answer in `expected.txt` (the exit code, every
//! diagnostic with its rule and place, mxspec's own messages). `case.toml` says how to build the
//! tree (files, repeated text for inputs too large to keep, links, FIFOs, files outside the
//! root) and which command to run; `UPDATE_EXPECT=1` rewrites the expected files.
//!
//! A crash (exit 101, an abort) or a hang fails the case: the expected exit code is 0, 1 or 2.
//!
//! What each case costs is printed (`--nocapture`), never asserted. To measure the release
//! binary: `MXSPEC_BIN=target/release/mxspec MXSPEC_RUSAGE=1 cargo test --test hostile --
//! --nocapture`, which also prints each run's peak memory (through `/usr/bin/time`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case attacks, in words.
    #[allow(dead_code)]
    about: String,
    /// The command line after `mxspec`; `{root}` is the tree, `{tmp}` the folder holding it.
    args: Vec<String>,
    /// Files of the tree.
    #[serde(default)]
    file: Vec<FileSpec>,
    /// Files beside the tree, in `{tmp}/outside/`, which nothing may read.
    #[serde(default)]
    outside: Vec<FileSpec>,
    /// Symbolic links in the tree: `path` (in the tree) to `target` (as written).
    #[serde(default)]
    link: Vec<LinkSpec>,
    /// FIFOs in the tree.
    #[serde(default)]
    fifo: Vec<String>,
    /// Paths (with `{tmp}` or `{root}`) that must exist after the run.
    #[serde(default)]
    kept: Vec<String>,
    /// Paths that must not exist after the run (what an executed program would make).
    #[serde(default)]
    absent: Vec<String>,
    /// Text an output file must hold, or must not.
    #[serde(default)]
    output: Vec<OutputSpec>,
    /// Expect the number of diagnostics of each rule instead of each one (for thousands).
    #[serde(default)]
    count_only: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputSpec {
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    path: String,
    #[serde(default)]
    prefix: String,
    /// The body, written `repeat` times (once when absent); `{n}` in it is the repetition's
    /// number, for many distinct names.
    #[serde(default)]
    text: String,
    #[serde(default)]
    repeat: Option<usize>,
    /// Makes this many files instead of one; `{i}` in the path and text is the file's number.
    #[serde(default)]
    copies: Option<usize>,
    #[serde(default)]
    suffix: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkSpec {
    path: String,
    target: String,
}

fn cases_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Writes `files` under `base`; `{tmp}` in their text is the case's temporary folder.
fn write_files(base: &Path, files: &[FileSpec], tmp: &Path) {
    let tmp = tmp.to_str().unwrap();
    for spec in files {
        for i in 0..spec.copies.unwrap_or(1) {
            write_copy(base, spec, tmp, &i.to_string());
        }
    }
}

fn write_copy(base: &Path, spec: &FileSpec, tmp: &str, i: &str) {
    {
        let path = base.join(spec.path.replace("{i}", i));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let repeat = spec.repeat.unwrap_or(1);
        let body = if spec.text.contains("{n}") {
            (0..repeat)
                .map(|n| spec.text.replace("{n}", &n.to_string()))
                .collect()
        } else {
            spec.text.repeat(repeat)
        };
        let text = format!("{}{body}{}", spec.prefix, spec.suffix);
        std::fs::write(&path, text.replace("{tmp}", tmp).replace("{i}", i)).unwrap();
    }
}

/// Builds the case's tree in a fresh folder; returns (tmp, root).
fn build_tree(case: &Case) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("api")).unwrap();
    write_files(&root, &case.file, tmp.path());
    write_files(&tmp.path().join("outside"), &case.outside, tmp.path());
    for link in &case.link {
        let path = root.join(&link.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_dir_all(&path);
        let target = link.target.replace("{tmp}", tmp.path().to_str().unwrap());
        std::os::unix::fs::symlink(target, &path).unwrap();
    }
    for fifo in &case.fifo {
        let path = root.join(fifo);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let made = Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success(), "mkfifo {}", path.display());
    }
    (tmp, root)
}

/// The exit code, the diagnostics' headers with their places, and mxspec's own lines, with the
/// temporary folder written as `{tmp}`.
fn summary(code: Option<i32>, stdout: &str, stderr: &str, tmp: &Path) -> String {
    let mut out = format!(
        "exit {}\n",
        code.map_or("(killed)".into(), |c| c.to_string())
    );
    // A JSON report is kept whole: how it escapes is what some cases are about.
    if stdout.starts_with('[') {
        out += stdout;
    }
    for text in [stdout, stderr] {
        let mut header: Option<&str> = None;
        for line in text.lines() {
            if line.starts_with("error[") || line.starts_with("warning[") {
                if let Some(previous) = header.take() {
                    out += &format!("{previous}\n");
                }
                header = Some(line);
            } else if let (Some(at), Some(h)) = (line.strip_prefix("  --> "), header) {
                out += &format!("{h}\n    at {at}\n");
                header = None;
            } else if line.starts_with("mxspec: ") || line.starts_with("::") {
                out += &format!("{line}\n");
            }
        }
        if let Some(previous) = header {
            out += &format!("{previous}\n");
        }
    }
    let tmp_real = tmp.canonicalize().unwrap();
    out.replace(tmp_real.to_str().unwrap(), "{tmp}")
        .replace(tmp.to_str().unwrap(), "{tmp}")
}

/// A summary with its diagnostics counted per rule, places dropped.
fn counted(summary: &str) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut out = String::new();
    for line in summary.lines() {
        if let Some(end) = line.find("]: ").filter(|_| !line.starts_with("    at ")) {
            *counts.entry(&line[..=end]).or_default() += 1;
        } else if !line.starts_with("    at ") {
            out += &format!("{line}\n");
        }
    }
    for (rule, count) in counts {
        out += &format!("{count} × {rule}\n");
    }
    out
}

fn run_case(name: &str) -> Result<(), String> {
    let folder = cases_folder().join(name);
    let case: Case = toml::from_str(&std::fs::read_to_string(folder.join("case.toml")).unwrap())
        .map_err(|err| format!("{name}/case.toml: {err}"))?;
    let (tmp, root) = build_tree(&case);
    let fill = |arg: &str| {
        arg.replace("{root}", root.to_str().unwrap())
            .replace("{tmp}", tmp.path().to_str().unwrap())
    };
    let args: Vec<String> = case.args.iter().map(|a| fill(a)).collect();
    let binary =
        std::env::var("MXSPEC_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mxspec").into());
    let binary = std::path::absolute(binary).unwrap();
    let rusage = tmp.path().join("rusage");
    let mut command = if std::env::var_os("MXSPEC_RUSAGE").is_some() {
        let mut timed = Command::new("/usr/bin/time");
        timed
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&rusage)
            .arg(&binary);
        timed
    } else {
        Command::new(&binary)
    };
    let started = Instant::now();
    let mut child = command
        .args(&args)
        .current_dir(tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The pipes are drained while the case runs (a full pipe would stall it), and a hang is
    // a failure, not a stuck suite: the case is killed after a minute.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = started + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err(format!("{name}: still running after 60 s (a hang)"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    let mut actual = summary(status.code(), &stdout, &stderr, tmp.path());
    if case.count_only {
        actual = counted(&actual);
    }
    let peak = std::fs::read_to_string(&rusage)
        // `time` writes "Command exited with non-zero status N" first for failed runs.
        .map(|text| {
            let kb = text
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .parse::<u64>()
                .unwrap_or(0);
            format!(", peak {} MB", kb / 1024)
        })
        .unwrap_or_default();
    println!("{name}: exit {:?} in {elapsed:.1?}{peak}", status.code());
    for path in &case.kept {
        if !Path::new(&fill(path)).exists() {
            return Err(format!("{name}: {path} is gone after the run"));
        }
    }
    for path in &case.absent {
        if Path::new(&fill(path)).exists() {
            return Err(format!("{name}: {path} exists after the run"));
        }
    }
    for spec in &case.output {
        let path = fill(&spec.path);
        let text =
            std::fs::read_to_string(&path).map_err(|err| format!("{name}: {path}: {err}"))?;
        if let Some(missing) = spec.contains.iter().find(|t| !text.contains(t.as_str())) {
            return Err(format!("{name}: {path} lacks {missing:?}"));
        }
        if let Some(present) = spec.lacks.iter().find(|t| text.contains(t.as_str())) {
            return Err(format!("{name}: {path} holds {present:?}"));
        }
    }
    let expected_path = folder.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        return Err(format!(
            "{name}: the answer differs from expected.txt (UPDATE_EXPECT=1 rewrites it)\n--- expected\n{expected}--- actual\n{actual}"
        ));
    }
    Ok(())
}

#[test]
fn every_hostile_case_gets_its_expected_answer() {
    let mut names: Vec<String> = std::fs::read_dir(cases_folder())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "the suite lost its cases: {names:?}");
    let failures: Vec<String> = names.iter().filter_map(|n| run_case(n).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
