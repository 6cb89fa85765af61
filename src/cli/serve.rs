//! `mxspec serve`: prints what the library's serve loop reports, and stops it on Ctrl-C.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

use super::Outcome;
use super::args::ServeArgs;
use super::commands::{load_options, page_options};
use mxspec::diagnostic::Severity;
use mxspec::serve::{Event, Scope, ServeOptions, SiteInputs};

pub fn run(args: &ServeArgs) -> anyhow::Result<Outcome> {
    if args.spec.root.is_file() {
        anyhow::bail!(
            "{} is one document: pages are previewed from a tree (a targets file or content/)",
            args.spec.root.display()
        );
    }
    let (build, site) = page_options(&args.spec, &args.pages, &[]);
    let options = ServeOptions {
        root: args.spec.root.clone(),
        address: args.address,
        port: args.port,
        inputs: SiteInputs {
            load: load_options(&args.spec),
            build,
            site,
        },
    };
    if !args.address.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines can read the preview, which has no authentication",
            args.address
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        if let Err(err) = ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed)) {
            eprintln!("warning: Ctrl-C will not stop serve cleanly: {err}");
        }
    }
    let mut last_report = String::new();
    let verbose = args.spec.verbose;
    let open = args.open;
    let mut log = |event: Event<'_>| match event {
        Event::Listening(address) => {
            let url = format!("http://{address}/");
            eprintln!("mxspec: serving {url} (Ctrl-C stops)");
            if open {
                open_in_browser(&url);
            }
        }
        Event::Built {
            rebuilt,
            generation,
            changed,
        } => {
            // The same problems again are not printed again.
            let report = rebuilt.report();
            if report != last_report {
                eprint!("{report}");
                last_report = report;
            }
            let what = match (generation, changed) {
                (1, _) => "first build".to_owned(),
                (_, 0) => format!("build {generation}"),
                (_, 1) => format!("build {generation} (1 file changed)"),
                _ => format!("build {generation} ({changed} files changed)"),
            };
            let scope = match &rebuilt.scope {
                _ if !verbose => String::new(),
                Scope::Everything => ", model loaded".to_owned(),
                Scope::AllPages => ", every page from the last model".to_owned(),
                Scope::Targets(targets) => {
                    format!(", only {}", mxspec::escape::printable(&targets.join(", ")))
                }
            };
            let counts = format!(
                "{} errors, {} warnings",
                rebuilt.count(Severity::Error),
                rebuilt.count(Severity::Warning)
            );
            match &rebuilt.pages {
                Some(pages) => eprintln!(
                    "mxspec: {what}: {} pages in {} ms{scope}; {counts}",
                    pages.len(),
                    rebuilt.elapsed.as_millis()
                ),
                None => eprintln!(
                    "mxspec: {what} failed in {} ms{scope}; {counts}; the pages stay as they were",
                    rebuilt.elapsed.as_millis()
                ),
            }
        }
    };
    mxspec::serve::serve(&options, stop, &mut log)
        .with_context(|| format!("cannot serve {}", args.spec.root.display()))?;
    eprintln!("mxspec: stopped");
    Ok(Outcome::Clean)
}

/// Asks the desktop to open `url`; the user asked for it with --open.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(err) = spawned {
        eprintln!("warning: cannot open a browser with {opener}: {err}");
    }
}
