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
        const DIRTY_ARG: &str = "--dirty=-this_is_a_dirty_checkout";
        let dirty_mark = &DIRTY_ARG["--dirty=".len()..];
        // Four processes one after another cost more than the rest of a section render; they
        // run side by side.
        let queries: [&[&str]; 4] = [
            &["rev-parse", "--abbrev-ref", "HEAD"],
            &["describe", "--exact-match"],
            &["rev-parse", "--short", "HEAD"],
            &["describe", DIRTY_ARG, "--all"],
        ];
        let [branch, tag, commit, dirty] = std::thread::scope(|scope| {
            queries
                .map(|args| scope.spawn(move || git(root, args)))
                .map(|query| query.join().ok().flatten())
        });
        let branch = branch.unwrap_or_default();
        let tag = tag.map(|tag| format!("tag={tag}")).unwrap_or_default();
        let commit = commit.unwrap_or_default();
        let dirty = dirty
            .filter(|d| d.ends_with(dirty_mark))
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
