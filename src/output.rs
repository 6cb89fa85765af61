//! Writing an output folder as a whole: into a temporary folder beside it, then renamed into
//! place, so a failed run never leaves a half-written or mixed folder and a previous good output
//! survives until the new one is complete.

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
    let staging = tempfile_dir(&parent, &format!(".{name}.tmp"))?;
    let result =
        fill(&staging, files).and_then(|()| swap_into_place(&staging, dir, &parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, files: &[(String, Vec<u8>)]) -> Result<(), OutputError> {
    for (relative, content) in files {
        let clean = Path::new(relative)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !clean || relative.is_empty() {
            return Err(OutputError::BadName(relative.clone()));
        }
        let path = staging.join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io("cannot create", folder))?;
        }
        std::fs::write(&path, content).map_err(io("cannot write", &path))?;
    }
    Ok(())
}

fn swap_into_place(
    staging: &Path,
    dir: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), OutputError> {
    if !dir.exists() {
        return std::fs::rename(staging, dir).map_err(io("cannot rename into", dir));
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
