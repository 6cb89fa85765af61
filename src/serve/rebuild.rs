//! Building the site in memory for `serve`, rebuilding no more than a change needs.
//!
//! The model depends on the files loading read (API groups, event schemas, changelogs) and on
//! new files appearing in their folders; a page depends on the model, its own prose files,
//! the targets file and the templates. So:
//! - a change to a file of the model reloads everything (load, check, every page);
//! - a change only to prose files that pages are made of rebuilds just those pages, from a
//!   copy of the last model, and keeps the other pages and their problems;
//! - any other change (the targets file, a template, a new file) rebuilds every page from
//!   the last model.
//!
//! A partial build cannot see what the rebuilt pages change for the others (a link into a
//! renamed section, the index's titles), so serve follows it with a build of every page
//! ([`Builder::rebuild_all_pages`]) and publishes that one only when it differs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::Loaded;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::LoadOptions;
use crate::render::build::BuildOptions;
use crate::render::site::{self, SiteOptions};

/// The top-level folders the loader and the build read from, in either layout.
const INPUT_FOLDERS: [&str; 9] = [
    "api",
    "event-schemas",
    "data",
    "changelogs",
    "specification",
    "docs",
    "content",
    "assets",
    "data-definitions",
];

/// What a build of the site needs.
#[derive(Clone, Debug, Default)]
pub struct SiteInputs {
    /// How to load the model.
    pub load: LoadOptions,
    /// How to build the pages.
    pub build: BuildOptions,
    /// What the HTML pages show.
    pub site: SiteOptions,
}

/// One problem, as the terminal and the overlay show it. Ordered by its fields: errors
/// first, then by file and position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The root-relative file, when the problem has a place.
    pub file: Option<String>,
    /// 1-based line (0 without a place).
    pub line: u32,
    /// 1-based column (0 without a place).
    pub column: u32,
    /// The rule's name, when a rule found it.
    pub rule: Option<&'static str>,
    /// What is wrong.
    pub message: String,
    /// The problem as `mxspec check` prints it for people, with the source line.
    pub text: String,
}

impl Problem {
    /// `file:line:column`, when the problem has a place.
    pub fn place(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(format!("{file}:{}:{}", self.line, self.column))
    }

    /// The problems of `diagnostics`, sorted and deduplicated first. Rendered together, so
    /// each file is indexed once however many problems it has (a hostile file may have tens
    /// of thousands, and serve renders them on every build).
    fn all_of(mut diagnostics: Vec<Diagnostic>, loaded: &Loaded) -> Vec<Problem> {
        diagnostic::sort_and_dedup(&loaded.tree, &mut diagnostics);
        let texts = diagnostic::render_each(&loaded.tree, &diagnostics);
        diagnostics
            .iter()
            .zip(texts)
            .map(|(d, text)| Problem {
                severity: d.severity(),
                file: Some(loaded.tree.file(d.span.file).path.clone()),
                line: d.span.line,
                column: d.span.column,
                rule: Some(d.rule.name()),
                message: d.message.clone(),
                text,
            })
            .collect()
    }

    fn plain(message: String) -> Problem {
        Problem {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            rule: None,
            text: format!("error: {message}\n"),
            message,
        }
    }
}

/// Which pages a build made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The model was loaded and checked, and every page built.
    Everything,
    /// Every page, from the last model.
    AllPages,
    /// These targets' pages, from the last model; the others are the last build's.
    Targets(Vec<String>),
}

/// The outcome of one build.
#[derive(Debug)]
pub struct Rebuilt {
    /// The pages by path (`client_server/unstable.html`); None when the build has errors
    /// and the previous pages stay on screen.
    pub pages: Option<Arc<BTreeMap<String, String>>>,
    /// The build's other files (a Markdown site's diagrams), with the pages.
    pub files: Option<Arc<BTreeMap<String, Vec<u8>>>>,
    /// Every problem: errors first, then by file and position.
    pub problems: Vec<Problem>,
    /// The folders the build read from (absolute): what to watch.
    pub folders: BTreeSet<PathBuf>,
    /// What was built.
    pub scope: Scope,
    /// How long the build took.
    pub elapsed: Duration,
}

impl Rebuilt {
    /// The number of problems of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// The problems as `mxspec check` prints them.
    pub fn report(&self) -> String {
        self.problems.iter().map(|p| p.text.as_str()).collect()
    }

    /// True when it shows the same pages and problems as `other`.
    pub fn same_as(&self, other: &Rebuilt) -> bool {
        self.pages == other.pages && self.problems == other.problems
    }
}

/// The model of the last load and what `check` found in it.
struct Snapshot {
    loaded: Loaded,
    checked: Vec<Problem>,
    /// Root-relative paths of every file loading read.
    model_files: BTreeSet<String>,
}

/// The last good pages, what each target's page is made of, and the pages' problems.
struct LastPages {
    pages: Arc<BTreeMap<String, String>>,
    /// Every page's ids, for the links of a partial build.
    ids: Arc<BTreeMap<String, Vec<String>>>,
    sources: Vec<(String, Vec<String>)>,
    problems: Vec<Problem>,
}

/// Builds the site again and again, keeping the last model and pages.
pub struct Builder {
    root: PathBuf,
    inputs: SiteInputs,
    snapshot: Option<Snapshot>,
    last: Option<LastPages>,
}

impl Builder {
    /// A builder for the tree at `root` (an absolute, canonical path).
    pub fn new(root: PathBuf, inputs: SiteInputs) -> Builder {
        Builder {
            root,
            inputs,
            snapshot: None,
            last: None,
        }
    }

    /// Builds what `changed` (absolute paths) needs; everything when it is empty.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuilt {
        let started = Instant::now();
        let reuse = match &self.snapshot {
            Some(snapshot) => !changed.is_empty() && !self.touches_model(snapshot, changed),
            None => false,
        };
        if !reuse {
            if let Err(problem) = self.load() {
                return Rebuilt {
                    pages: None,
                    files: None,
                    problems: vec![problem],
                    folders: self.known_folders(),
                    scope: Scope::Everything,
                    elapsed: started.elapsed(),
                };
            }
            return self.build_pages(started, Scope::Everything);
        }
        let scope = match self.affected_targets(changed) {
            Some(targets) => Scope::Targets(targets),
            None => Scope::AllPages,
        };
        self.build_pages(started, scope)
    }

    /// Every page from the last model: what follows a partial build.
    pub fn rebuild_all_pages(&mut self) -> Rebuilt {
        if self.snapshot.is_none() {
            return self.rebuild(&[]);
        }
        self.build_pages(Instant::now(), Scope::AllPages)
    }

    fn load(&mut self) -> Result<(), Problem> {
        self.snapshot = None;
        self.last = None;
        let loaded = crate::load(&self.root, &self.inputs.load)
            .map_err(|err| Problem::plain(format!("cannot load {}: {err}", self.root.display())))?;
        let mut found = crate::check::check(&loaded).diagnostics;
        // The pages inline every ref; a spec too large for that is shown as its problem.
        found.extend(loaded.spec.inline_refusal.clone());
        let checked = Problem::all_of(found, &loaded);
        let model_files = loaded.tree.files().map(|(_, f)| f.path.clone()).collect();
        self.snapshot = Some(Snapshot {
            loaded,
            checked,
            model_files,
        });
        Ok(())
    }

    fn build_pages(&mut self, started: Instant, scope: Scope) -> Rebuilt {
        let Some(snapshot) = &self.snapshot else {
            return Rebuilt {
                pages: None,
                files: None,
                problems: Vec::new(),
                folders: self.known_folders(),
                scope,
                elapsed: started.elapsed(),
            };
        };
        let mut loaded = snapshot.loaded.clone();
        let mut site_problems = Vec::new();
        let mut built_pages = None;
        let mut other_files = None;
        if loaded.spec.inline_refusal.is_some()
            || loaded
                .diagnostics
                .iter()
                .any(|d| d.severity() == Severity::Error)
        {
            site_problems.push(Problem::plain(
                "the spec has loading errors: the pages were not rebuilt".into(),
            ));
        } else if self.inputs.build.targets.is_none() && crate::content::detect(&loaded.tree) {
            // A Markdown site is built whole: its pages share ids, navigation and fragments.
            let built = crate::render::docs::build(&mut loaded);
            site_problems.extend(Problem::all_of(built.diagnostics, &loaded));
            let (pages, others): (Vec<_>, Vec<_>) = built
                .files
                .into_iter()
                .partition(|(path, _)| path.ends_with(".html"));
            let pages = pages
                .into_iter()
                .map(|(path, bytes)| crate::render::site::Page {
                    ids: Vec::new(),
                    html: String::from_utf8_lossy(&bytes).into_owned(),
                    path,
                    ..Default::default()
                })
                .collect();
            built_pages = Some(pages);
            other_files = Some(Arc::new(others.into_iter().collect()));
        } else {
            let mut options = self.inputs.build.clone();
            let mut site_options = self.inputs.site.clone();
            if let (Scope::Targets(targets), Some(last)) = (&scope, &self.last) {
                options.only.clone_from(targets);
                site_options.known_pages = Some(Arc::clone(&last.ids));
            }
            match site::build(&mut loaded, &options, &site_options) {
                Ok(built) => {
                    site_problems.extend(Problem::all_of(built.diagnostics, &loaded));
                    built_pages = Some(built.pages);
                }
                Err(err) => site_problems.push(Problem::plain(err.to_string())),
            }
        }
        // A partial build keeps the other pages' problems.
        if let (Scope::Targets(targets), Some(last)) = (&scope, &self.last) {
            let rebuilt: BTreeSet<&String> = last
                .sources
                .iter()
                .filter(|(target, _)| targets.contains(target))
                .flat_map(|(_, sources)| sources)
                .collect();
            site_problems.extend(
                last.problems
                    .iter()
                    .filter(|p| p.file.as_ref().is_none_or(|f| !rebuilt.contains(f)))
                    .cloned(),
            );
        }
        let failed = site_problems.iter().any(|p| p.severity == Severity::Error);
        let pages = match built_pages {
            Some(built) if !failed => {
                let sources: Vec<_> = built
                    .iter()
                    .filter(|p| !p.sources.is_empty())
                    .map(|p| (p.target.clone(), p.sources.clone()))
                    .collect();
                let mut pages = BTreeMap::new();
                let mut ids = BTreeMap::new();
                let mut all_sources = Vec::new();
                if let (Scope::Targets(_), Some(last)) = (&scope, &self.last) {
                    pages = (*last.pages).clone();
                    ids = (*last.ids).clone();
                    all_sources = last.sources.clone();
                }
                for (target, files) in sources {
                    all_sources.retain(|(t, _)| *t != target);
                    all_sources.push((target, files));
                }
                for page in built {
                    ids.insert(page.path.clone(), page.ids);
                    pages.insert(page.path, page.html);
                }
                let pages = Arc::new(pages);
                self.last = Some(LastPages {
                    pages: Arc::clone(&pages),
                    ids: Arc::new(ids),
                    sources: all_sources,
                    problems: site_problems.clone(),
                });
                Some(pages)
            }
            _ => None,
        };
        let mut problems = snapshot.checked.clone();
        problems.extend(site_problems);
        // Errors first, then by file and position: the order of `Problem`'s fields.
        problems.sort();
        problems.dedup();
        let files = pages.as_ref().and(other_files);
        Rebuilt {
            pages,
            files,
            problems,
            folders: self.folders_of(&loaded),
            scope,
            elapsed: started.elapsed(),
        }
    }

    /// The targets whose pages are made of the changed files; None when a changed file is
    /// not a prose file of a page (the targets file, a template, a new file). Empty when no
    /// page is affected.
    fn affected_targets(&self, changed: &[PathBuf]) -> Option<Vec<String>> {
        let last = self.last.as_ref()?;
        let mut targets = BTreeSet::new();
        for path in changed {
            let relative = relative_text(&self.root, path)?;
            let mut found = false;
            for (target, sources) in &last.sources {
                if sources.contains(&relative) {
                    targets.insert(target.clone());
                    found = true;
                }
            }
            // A file that is gone and was no page's (an editor's temporary file, renamed
            // over the real one) changes no page.
            if !found && path.exists() {
                return None;
            }
        }
        Some(targets.into_iter().collect())
    }

    /// True when a changed path is a file the model was loaded from, or lies in a folder
    /// the model reads (where a new file joins it).
    fn touches_model(&self, snapshot: &Snapshot, changed: &[PathBuf]) -> bool {
        // A single document reads no folder: only its own files count.
        let model_folders = match snapshot.loaded.tree.data_prefix() {
            Some(data) => vec![
                format!("{data}api/"),
                format!("{data}event-schemas/"),
                "changelogs/".to_owned(),
            ],
            None => Vec::new(),
        };
        changed.iter().any(|path| {
            let Some(relative) = relative_text(&self.root, path) else {
                return false;
            };
            // The root itself stands for "anything may have changed" (a lost watch).
            relative.is_empty()
                || snapshot.model_files.contains(&relative)
                || model_folders
                    .iter()
                    .any(|folder| relative.starts_with(folder.as_str()))
        })
    }

    /// The folders to watch: the root itself (for new top-level files and folders), the
    /// folders a tree keeps its inputs in, each top-level folder a file of the build came
    /// from, and the templates folder.
    fn folders_of(&self, loaded: &Loaded) -> BTreeSet<PathBuf> {
        let mut folders = self.known_folders();
        for (_, file) in loaded.tree.files() {
            if let Some((top, _)) = file.path.split_once('/') {
                folders.insert(self.root.join(top));
            }
        }
        folders
    }

    /// The root and the folders of [`INPUT_FOLDERS`] that exist: what to watch before the
    /// first build, and when nothing loaded, so that a tree being copied in is seen whole.
    pub fn known_folders(&self) -> BTreeSet<PathBuf> {
        let mut folders = BTreeSet::from([self.root.clone()]);
        for folder in INPUT_FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() {
                folders.insert(path);
            }
        }
        if let Some(templates) = &self.inputs.build.templates {
            folders.insert(templates.clone());
        }
        folders
    }
}

/// `path` relative to `root` with `/` separators, or None when it is outside.
fn relative_text(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}
