//! `{{git_version}}` and `{{git_rev}}`: which checkout a document was built from.

use std::path::Path;
use std::process::Command;

/// The checkout a spec root is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitInfo {
    /// Branch, exact tag, short commit and `dirty`, comma-separated; `Unknown` outside a
    /// checkout.
    pub version: String,
    /// The short commit; empty outside a checkout.
    pub revision: String,
}

/// What `git` prints for `args` in `dir`, if it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

impl GitInfo {
    /// Asks git about `root`. Without git or outside a checkout the result is `Unknown`.
    pub fn of(root: &Path) -> GitInfo {
        const DIRTY: &str = "-this_is_a_dirty_checkout";
        let branch = git(root, &["rev-parse", "--abbrev-ref", "HEAD"]).unwrap_or_default();
        let tag = git(root, &["describe", "--exact-match"])
            .map(|tag| format!("tag={tag}"))
            .unwrap_or_default();
        let commit = git(root, &["rev-parse", "--short", "HEAD"]).unwrap_or_default();
        let dirty = git(root, &["describe", &format!("--dirty={DIRTY}"), "--all"])
            .filter(|d| d.ends_with(DIRTY))
            .map(|_| "dirty".to_owned())
            .unwrap_or_default();
        let parts: Vec<&str> = [&branch, &tag, &commit, &dirty]
            .into_iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect();
        GitInfo {
            version: if parts.is_empty() {
                "Unknown".into()
            } else {
                parts.join(",")
            },
            revision: commit,
        }
    }
}
