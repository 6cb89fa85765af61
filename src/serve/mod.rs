//! `mxspec serve`: the site built in memory, served over HTTP, rebuilt on every save.
//!
//! Three threads share one [`http::Shared`] state: the HTTP loop (hyper on a small tokio
//! runtime, bounded as [`http`] says) answers from the pages in memory; the caller's thread waits for a burst of file
//! changes ([`watch`]), rebuilds ([`rebuild`]) and publishes the result, which wakes the
//! pages' long polls so they reload. A failed build keeps the last good pages and shows its
//! problems in an overlay ([`page`]).

pub mod http;
pub mod page;
mod patch;
pub mod rebuild;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

pub use rebuild::{Problem, Rebuilt, Scope, SiteInputs};

/// What to serve, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The spec root.
    pub root: PathBuf,
    /// The address to listen on (127.0.0.1 unless the user says otherwise).
    pub address: IpAddr,
    /// The port; 0 lets the system choose.
    pub port: u16,
    /// How to build the site.
    pub inputs: SiteInputs,
}

/// Why serve could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The root cannot be read.
    #[error("cannot read {path}: {source}")]
    Root {
        /// The root as given.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The port is taken.
    #[error("{0} is already in use (choose another port with --port)")]
    AddressInUse(SocketAddr),
    /// Listening failed otherwise.
    #[error("cannot listen on {address}: {message}")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// Why.
        message: String,
    },
    /// The watcher failed.
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
}

/// What serve tells its caller as it goes.
#[derive(Debug)]
pub enum Event<'e> {
    /// Listening at this address.
    Listening(SocketAddr),
    /// A build finished; `generation` counts builds from 1.
    Built {
        /// The build.
        rebuilt: &'e Rebuilt,
        /// Its number.
        generation: u64,
        /// How many files changed (0 for the first build and a build that completes a
        /// partial one).
        changed: usize,
    },
}

/// Serves until `stop` is set. `log` hears of each step (the binary prints them).
pub fn serve(
    options: &ServeOptions,
    stop: Arc<AtomicBool>,
    log: &mut dyn FnMut(Event<'_>),
) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root {
            path: options.root.display().to_string(),
            source,
        })?;
    let address = SocketAddr::new(options.address, options.port);
    let listener = TcpListener::bind(address).map_err(|err| match err.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::AddressInUse(address),
        _ => ServeError::Listen {
            address,
            message: err.to_string(),
        },
    })?;
    let bound = listener.local_addr().unwrap_or(address);
    let shared = Arc::new(http::Shared::default());
    let mut builder = rebuild::Builder::new(root.clone(), options.inputs.clone());
    let mut watcher = watch::Watcher::new(&root)?;

    // The first build, before the first page is asked for; watching starts before it, so
    // that nothing written during it is missed.
    watcher.watch(&builder.known_folders())?;
    let first = builder.rebuild(&[]);
    let mut rescan = watcher.watch(&first.folders)?;
    publish(&shared, &first, 1);
    log(Event::Built {
        rebuilt: &first,
        generation: 1,
        changed: 0,
    });

    let http = {
        let shared = Arc::clone(&shared);
        let stop = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("mxspec-serve-http".into())
            .spawn(move || http::run(listener, shared, stop))
            .map_err(|err| ServeError::Listen {
                address: bound,
                message: err.to_string(),
            })?
    };
    log(Event::Listening(bound));

    let mut generation = 1;
    loop {
        // A folder watched only after a build may have been written before: build again.
        let changed = if rescan {
            vec![root.clone()]
        } else {
            match watcher.next_batch(&stop) {
                Some(changed) => changed,
                None => break,
            }
        };
        generation += 1;
        let rebuilt = builder.rebuild(&changed);
        rescan = watcher.watch(&rebuilt.folders)?;
        publish(&shared, &rebuilt, generation);
        log(Event::Built {
            rebuilt: &rebuilt,
            generation,
            changed: changed.len(),
        });
        // What the rebuilt pages change for the others is seen by a build of every page,
        // which reloads the open pages only if it shows something else.
        if matches!(rebuilt.scope, rebuild::Scope::Targets(_)) && rebuilt.pages.is_some() {
            let complete = builder.rebuild_all_pages();
            if !complete.same_as(&rebuilt) {
                generation += 1;
                publish(&shared, &complete, generation);
                log(Event::Built {
                    rebuilt: &complete,
                    generation,
                    changed: 0,
                });
            }
        }
    }
    shared.update(|state| state.stopping = true);
    let _ = http.join();
    Ok(())
}

/// Makes a build what the pages see: its pages when it has them, its problems always.
fn publish(shared: &http::Shared, rebuilt: &Rebuilt, generation: u64) {
    let pages = rebuilt.pages.clone();
    let files = rebuilt.files.clone();
    shared.update(|state| {
        state.generation = generation;
        // Failed after a good build: the pages on screen are older than the files.
        let stale = pages.is_none() && state.pages.is_some();
        state.overlay = page::overlay(&rebuilt.problems, stale).into();
        if let Some(pages) = pages {
            state.pages = Some(pages);
            state.files = files;
        }
        let published = http::Published {
            generation,
            pages: state.pages.clone(),
            overlay: Arc::clone(&state.overlay),
        };
        state.history.push_back(published);
        while state.history.len() > http::HISTORY {
            state.history.pop_front();
        }
    });
}
