//! `{{git_version}}` and `{{git_rev}}`: which checkout a document was built from.
//!
//! Read from the files of the git folder, never by running `git`: the spec tree is untrusted,
//! and `git` run inside it obeys its configuration (a `core.fsmonitor` command in a
//! `.git/config` runs on `git status`, `describe --dirty` and friends). Only `HEAD`, the named
//! ref and `packed-refs` are read, each a few bytes, and only text of the shape git writes is
//! believed. What this cannot tell without git is whether the work tree is dirty; the version
//! never says `dirty` (`docs/deviations.md`).

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The checkout a spec root is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitInfo {
    /// Branch, exact annotated tag and short commit, comma-separated; `Unknown` outside a
    /// checkout.
    pub version: String,
    /// The short commit; empty outside a checkout.
    pub revision: String,
}

/// How long a short commit is (git's default abbreviation).
const SHORT: usize = 7;

/// The most of a git file read: `HEAD` and a ref are one line; `packed-refs` of a large
/// repository is a few MiB.
const MAX_REF_FILE: u64 = 16 * 1024 * 1024;

impl GitInfo {
    /// Reads the checkout of `root` (its own `.git` or its nearest ancestor's, as git finds
    /// it). Outside a checkout, or when the files are not what git writes, `Unknown`.
    pub fn of(root: &Path) -> GitInfo {
        let found = git_dir(root).and_then(|dir| head(&dir).map(|head| (dir, head)));
        let Some((dir, head)) = found else {
            return GitInfo {
                version: "Unknown".into(),
                revision: String::new(),
            };
        };
        let (branch, commit) = match &head {
            Head::Branch(name) => (
                name.strip_prefix("refs/heads/").unwrap_or(name).to_owned(),
                resolve_ref(&dir, name),
            ),
            Head::Detached(commit) => ("HEAD".to_owned(), Some(commit.clone())),
        };
        let commit = commit.unwrap_or_default();
        let tag = annotated_tag(&dir, &commit).map(|tag| format!("tag={tag}"));
        let short = commit.get(..SHORT).unwrap_or(&commit).to_owned();
        let parts: Vec<&str> = [Some(branch.as_str()), tag.as_deref(), Some(short.as_str())]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect();
        GitInfo {
            version: parts.join(","),
            revision: short,
        }
    }
}

enum Head {
    Branch(String),
    Detached(String),
}

/// The git folder of the checkout holding `root`: the first `.git` folder on the way up.
fn git_dir(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .map(|dir| dir.join(".git"))
        .find(|candidate| candidate.is_dir())
}

fn head(dir: &Path) -> Option<Head> {
    let text = read_small(&dir.join("HEAD"))?;
    let line = text.trim_end();
    if let Some(name) = line.strip_prefix("ref: ") {
        is_ref_name(name).then(|| Head::Branch(name.to_owned()))
    } else {
        is_object_id(line).then(|| Head::Detached(line.to_owned()))
    }
}

/// The commit a ref names: its loose file, else its line in `packed-refs`.
fn resolve_ref(dir: &Path, name: &str) -> Option<String> {
    if let Some(text) = read_small(&dir.join(name)) {
        let id = text.trim_end();
        return is_object_id(id).then(|| id.to_owned());
    }
    let packed = read_small(&dir.join("packed-refs"))?;
    packed.lines().find_map(|line| {
        let (id, ref_name) = line.split_once(' ')?;
        (ref_name == name && is_object_id(id)).then(|| id.to_owned())
    })
}

/// An annotated tag of `commit`, as `git describe --exact-match` finds one, from the peeled
/// lines of `packed-refs` (a loose annotated tag would need its object unpacked).
fn annotated_tag(dir: &Path, commit: &str) -> Option<String> {
    if commit.is_empty() {
        return None;
    }
    let packed = read_small(&dir.join("packed-refs"))?;
    let mut last_tag: Option<&str> = None;
    for line in packed.lines() {
        if let Some(peeled) = line.strip_prefix('^') {
            if peeled == commit
                && let Some(tag) = last_tag
            {
                return Some(tag.to_owned());
            }
            continue;
        }
        last_tag = line
            .split_once(' ')
            .and_then(|(_, name)| name.strip_prefix("refs/tags/"))
            .filter(|name| is_ref_name(&format!("refs/tags/{name}")));
    }
    None
}

/// A ref name of the shape git writes, safe to join to the git folder: `refs/...` of plain
/// components, no `..`.
fn is_ref_name(name: &str) -> bool {
    name.starts_with("refs/")
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && !part.starts_with('.')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.+@".contains(&b))
        })
}

fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A regular file's text, at most [`MAX_REF_FILE`] bytes of it.
fn read_small(path: &Path) -> Option<String> {
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .ok()?
        .take(MAX_REF_FILE)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkout(head: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let git = tmp.path().join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        std::fs::write(git.join("HEAD"), head).unwrap();
        for (name, text) in files {
            std::fs::write(git.join(name), text).unwrap();
        }
        tmp
    }

    const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn a_branch_with_a_loose_ref() {
        let tmp = checkout(
            "ref: refs/heads/main\n",
            &[("refs/heads/main", &format!("{COMMIT}\n"))],
        );
        let info = GitInfo::of(tmp.path());
        assert_eq!(info.version, "main,0123456");
        assert_eq!(info.revision, "0123456");
    }

    #[test]
    fn a_packed_ref_and_an_annotated_tag() {
        let packed = format!(
            "# pack-refs with: peeled fully-peeled sorted\n{COMMIT} refs/heads/main\n\
             ffffffffffffffffffffffffffffffffffffffff refs/tags/v1.0\n^{COMMIT}\n"
        );
        let tmp = checkout("ref: refs/heads/main\n", &[("packed-refs", &packed)]);
        assert_eq!(GitInfo::of(tmp.path()).version, "main,tag=v1.0,0123456");
    }

    #[test]
    fn a_detached_head() {
        let tmp = checkout(&format!("{COMMIT}\n"), &[]);
        assert_eq!(GitInfo::of(tmp.path()).version, "HEAD,0123456");
    }

    #[test]
    fn text_git_would_not_write_is_not_believed() {
        let tmp = checkout("ref: refs/../../../etc/passwd\n", &[]);
        assert_eq!(GitInfo::of(tmp.path()).version, "Unknown");
        let tmp = checkout("<script>\n", &[]);
        assert_eq!(GitInfo::of(tmp.path()).version, "Unknown");
    }
}
