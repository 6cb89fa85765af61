//! Watching the folders a build read (the `notify` crate), and turning a burst of saves into
//! one batch of changed paths.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

/// How long a burst must be quiet before it is built.
const QUIET: Duration = Duration::from_millis(10);
/// The longest a burst is collected before it is built anyway.
const LONGEST_BURST: Duration = Duration::from_millis(400);
/// How often a waiting watcher looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(100);

/// Why watching failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {path}: {source}")]
pub struct WatchError {
    path: String,
    source: notify::Error,
}

/// The folders being watched and the events they send.
pub struct Watcher {
    root: PathBuf,
    inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// A watcher of nothing yet, for the tree at `root`.
    pub fn new(root: &Path) -> Result<Watcher, WatchError> {
        let (sender, events) = channel();
        let inner = notify::recommended_watcher(move |event| {
            // The receiver is gone only when serve is stopping.
            let _ = sender.send(event);
        })
        .map_err(|source| WatchError {
            path: root.display().to_string(),
            source,
        })?;
        Ok(Watcher {
            root: root.to_path_buf(),
            inner,
            events,
            watched: BTreeSet::new(),
        })
    }

    /// Watches `folders` too: the root alone (new top-level entries), the others with
    /// everything below them. Folders stay watched while they exist, so a build that read
    /// less (it failed early) does not make the next one look new. True when a folder is
    /// watched that was not before: what was written in it before now was not seen.
    pub fn watch(&mut self, folders: &BTreeSet<PathBuf>) -> Result<bool, WatchError> {
        self.watched.retain(|folder| folder.exists());
        let mut added = false;
        for folder in folders {
            if self.watched.contains(folder) {
                continue;
            }
            let mode = if *folder == self.root {
                RecursiveMode::NonRecursive
            } else {
                RecursiveMode::Recursive
            };
            match self.inner.watch(folder, mode) {
                Ok(()) => {
                    self.watched.insert(folder.clone());
                    added = true;
                }
                Err(_) if !folder.exists() => {}
                Err(source) => {
                    return Err(WatchError {
                        path: folder.display().to_string(),
                        source,
                    });
                }
            }
        }
        Ok(added)
    }

    /// Waits for changes and returns them once the burst is quiet; None when `stop` is set.
    pub fn next_batch(&self, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        // The first relevant event.
        while changed.is_empty() {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            match self.events.recv_timeout(STOP_POLL) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // The rest of the burst.
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(_) => break,
            }
        }
        Some(changed.into_iter().collect())
    }

    fn collect(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else {
            // An overflowed or failed watch: rebuild everything to be safe.
            changed.insert(self.root.clone());
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if self.relevant(&path) {
                changed.insert(path);
            }
        }
    }

    /// Editors' temporary files, hidden files (`.git/`) and paths outside the root are not
    /// the tree's.
    fn relevant(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            // A templates folder outside the root.
            return true;
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        let hidden = relative
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        !(hidden || name.ends_with('~') || name.ends_with(".swp") || name == "4913")
    }
}
