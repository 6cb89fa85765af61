//! Writing an output folder as a whole: into a temporary folder beside it, then renamed into
//! place, so a failed run never leaves a half-written or mixed folder and a previous good output
//! survives until the new one is complete. On Linux the new folder and the old one trade places
//! in one `renameat2(RENAME_EXCHANGE)`, so a run killed at any moment leaves one of the two
//! under the output's name; the temporary folders a killed run leaves are removed by the next.
//!
//! An output folder is replaced whole, so it must not hold the input: [`check_destination`]
//! refuses a folder that is the spec root, contains it, contains a file the run read, or lies
//! in a folder the run reads; paths are compared once fully normalised (links followed, `..`
//! resolved even after a component that does not exist yet). And it replaces only what it
//! wrote: every output folder holds a [`MARKER`] file, and an existing folder that is not
//! empty and has none (somebody's prose, a home folder) is refused.

use std::path::{Path, PathBuf};

/// Why an output folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// An I/O step failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file name would land outside the folder.
    #[error("output file name `{0}` is not a plain relative path")]
    BadName(String),
    /// The target exists and is not a folder.
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    /// The folder holds files mxspec did not write.
    #[error(
        "refusing to replace {}: it holds files mxspec did not write (it has no {MARKER}); remove it or choose another folder; nothing was written",
        .0.display()
    )]
    NotOurs(PathBuf),
    /// Writing the folder would replace the spec it is made from.
    #[error("refusing to write {}: {reason}; nothing was written", out.display())]
    OverInput {
        /// The output folder.
        out: PathBuf,
        /// What it would replace.
        reason: String,
    },
}

/// The file every output folder holds: the sign that a later run may replace the folder.
pub const MARKER: &str = ".mxspec-output";

const MARKER_TEXT: &str = "This folder was written by mxspec; its next run replaces it whole.\n";

/// Refuses to replace `dir` when it is an existing folder that holds anything and no
/// [`MARKER`].
fn check_ours(dir: &Path) -> Result<(), OutputError> {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    if entries.next().is_none() || dir.join(MARKER).is_file() {
        return Ok(());
    }
    Err(OutputError::NotOurs(dir.to_path_buf()))
}

/// Refuses an output folder `out` that would replace input: the spec `root` itself, a folder
/// containing it, a folder containing one of `inputs` (every file the run read), or one inside
/// one of `input_folders` (folders whose every file is input, such as `api/`). Checked before
/// anything is written; paths are compared after links are followed.
pub fn check_destination<'a>(
    out: &Path,
    root: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
    input_folders: &[&Path],
) -> Result<(), OutputError> {
    let refuse = |reason: String| OutputError::OverInput {
        out: out.to_path_buf(),
        reason,
    };
    let out_real = real_path_of(out);
    let root_real = real_path_of(root);
    if root_real.starts_with(&out_real) {
        return Err(refuse(if out_real == root_real {
            "it is the spec root".into()
        } else {
            format!("it contains the spec root {}", root.display())
        }));
    }
    for folder in input_folders {
        if out_real.starts_with(real_path_of(folder)) {
            return Err(refuse(format!(
                "it is inside {}, which this run reads",
                folder.display()
            )));
        }
    }
    for input in inputs {
        if real_path_of(input).starts_with(&out_real) {
            return Err(refuse(format!(
                "it holds {}, which this run reads",
                input.display()
            )));
        }
    }
    check_ours(&out_real)
}

/// The real path of `path`, which need not exist: component by component, each existing one
/// with its links followed, `..` taken lexically past a component that does not exist (where
/// the folders will be made, that is where it leads).
fn real_path_of(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut real = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => real.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                let next = real.join(name);
                real = next.canonicalize().unwrap_or(next);
            }
        }
    }
    real
}

fn io<'p>(action: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> OutputError + 'p {
    move |source| OutputError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Replaces the folder `dir` by one holding exactly `files` (relative path, content).
pub fn write_folder(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), OutputError> {
    if dir.exists() && !dir.is_dir() {
        return Err(OutputError::NotAFolder(dir.to_path_buf()));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io("cannot create", &parent))?;
    let name = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    remove_stale(&parent, &name);
    check_ours(dir)?;
    let staging = tempfile_dir(&parent, &format!(".{name}.tmp"))?;
    let result = fill(&staging, files)
        .and_then(|()| {
            let marker = staging.join(MARKER);
            std::fs::write(&marker, MARKER_TEXT).map_err(io("cannot write", &marker))
        })
        .and_then(|()| swap_into_place(&staging, dir, &parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, files: &[(String, Vec<u8>)]) -> Result<(), OutputError> {
    let mut folders = std::collections::BTreeSet::new();
    for (relative, _) in files {
        let clean = Path::new(relative)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !clean || relative.is_empty() {
            return Err(OutputError::BadName(relative.clone()));
        }
        if let Some(folder) = staging.join(relative).parent() {
            folders.insert(folder.to_path_buf());
        }
    }
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(io("cannot create", folder))?;
    }
    let write = |(relative, content): &(String, Vec<u8>)| {
        let path = staging.join(relative);
        std::fs::write(&path, content).map_err(io("cannot write", &path))
    };
    // A few files are written side by side: creating one costs the disk's latency more than
    // the CPU (a crate's 167 files took 26 to 60 ms one by one). Many are written one by
    // one: then writers only contend for their folder's lock (20,000 files of one folder
    // took seconds of system time from two threads).
    if files.len() > PARALLEL_WRITES_UP_TO {
        files.iter().try_for_each(write)
    } else {
        use rayon::prelude::*;
        files.par_iter().try_for_each(write)
    }
}

/// Up to this many files, an output is written in parallel.
const PARALLEL_WRITES_UP_TO: usize = 1_000;

fn swap_into_place(
    staging: &Path,
    dir: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), OutputError> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(io("cannot rename into", dir));
    }
    #[cfg(target_os = "linux")]
    {
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            staging,
            rustix::fs::CWD,
            dir,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_ok() {
            // The staging name now holds the previous output.
            return std::fs::remove_dir_all(staging).map_err(io("cannot remove", staging));
        }
        // A file system without RENAME_EXCHANGE: the two-step swap below.
    }
    let old = tempfile_dir(parent, &format!(".{name}.old"))?;
    std::fs::remove_dir(&old).map_err(io("cannot prepare", &old))?;
    std::fs::rename(dir, &old).map_err(io("cannot move aside", dir))?;
    if let Err(source) = std::fs::rename(staging, dir) {
        // Put the previous output back; it is still complete.
        let _ = std::fs::rename(&old, dir);
        return Err(OutputError::Io {
            action: "cannot rename into",
            path: dir.to_path_buf(),
            source,
        });
    }
    std::fs::remove_dir_all(&old).map_err(io("cannot remove", &old))
}

/// Removes the temporary folders of earlier runs for output `name` that are gone (killed before
/// they could clean up). A folder of a run still alive (its process id exists) is left alone;
/// without `/proc` to ask, none is removed.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.tmp"), format!(".{name}.old")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(rest) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
        else {
            continue;
        };
        let Some(pid) = rest
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let proc = Path::new("/proc");
        let alive = pid == std::process::id() || proc.join(pid.to_string()).exists();
        if proc.is_dir() && !alive && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Creates a fresh, uniquely named folder in `parent`.
fn tempfile_dir(parent: &Path, prefix: &str) -> Result<PathBuf, OutputError> {
    for attempt in 0..1000u32 {
        let path = parent.join(format!("{prefix}{}-{attempt}", std::process::id()));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => {
                return Err(OutputError::Io {
                    action: "cannot create",
                    path,
                    source: err,
                });
            }
        }
    }
    Err(OutputError::Io {
        action: "cannot create a temporary folder in",
        path: parent.to_path_buf(),
        source: std::io::Error::other("too many leftover temporary folders"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn replaces_the_whole_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, &files(&[("a.json", "1"), ("sub/b.json", "2")])).unwrap();
        write_folder(&out, &files(&[("c.json", "3")])).unwrap();
        assert!(!out.join("a.json").exists());
        assert_eq!(std::fs::read_to_string(out.join("c.json")).unwrap(), "3");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }

    #[test]
    fn stale_temporary_folders_of_dead_runs_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        // No process has id 4294967: the kernel's maximum is 4194304.
        let stale = tmp.path().join(".out.tmp4294967-0");
        std::fs::create_dir(&stale).unwrap();
        write_folder(&out, &files(&[("a.json", "1")])).unwrap();
        assert!(!stale.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_destination_may_not_hold_the_input() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("spec");
        let prose = root.join("docs/intro.rst");
        std::fs::create_dir_all(prose.parent().unwrap()).unwrap();
        std::fs::write(&prose, "x").unwrap();
        let inputs = [prose.as_path()];
        let api = root.join("api");
        let refused = |out: &Path| check_destination(out, &root, inputs, &[&api]).is_err();
        assert!(refused(&root));
        assert!(refused(tmp.path()));
        assert!(refused(&root.join("docs")));
        assert!(refused(&root.join("docs/../docs")));
        // `..` after a folder that does not exist yet still leads where the OS will go.
        assert!(refused(&root.join("new/../api")));
        assert!(refused(&root.join("new/deeper/../../api/x")));
        assert!(refused(&root.join("new/../../spec")));
        assert!(refused(&root.join("api/x")));
        assert!(!refused(&root.join("build")));
        assert!(!refused(&tmp.path().join("out")));
    }

    #[test]
    fn only_a_folder_mxspec_wrote_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("spec");
        std::fs::create_dir_all(&root).unwrap();
        let theirs = tmp.path().join("notes");
        std::fs::create_dir_all(&theirs).unwrap();
        std::fs::write(theirs.join("todo.txt"), "mine").unwrap();
        let check = |out: &Path| check_destination(out, &root, [], &[]);
        assert!(matches!(check(&theirs), Err(OutputError::NotOurs(_))));
        assert!(matches!(
            write_folder(&theirs, &files(&[("a", "1")])),
            Err(OutputError::NotOurs(_))
        ));
        assert_eq!(
            std::fs::read_to_string(theirs.join("todo.txt")).unwrap(),
            "mine"
        );
        // An empty folder, or one written before, may be replaced.
        let empty = tmp.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(check(&empty).is_ok());
        write_folder(&empty, &files(&[("a", "1")])).unwrap();
        assert!(check(&empty).is_ok());
        write_folder(&empty, &files(&[("b", "2")])).unwrap();
        assert!(empty.join(MARKER).is_file() && empty.join("b").is_file());
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        write_folder(&out, &files(&[("a.json", "1")])).unwrap();
        let err = write_folder(&out, &files(&[("b.json", "2"), ("../escape", "x")])).unwrap_err();
        assert!(matches!(err, OutputError::BadName(_)));
        assert_eq!(std::fs::read_to_string(out.join("a.json")).unwrap(), "1");
        assert!(!out.join("b.json").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
