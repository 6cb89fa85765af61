//! Finds the data files of a spec tree, parses each once, and keeps their text and trees.
//!
//! Files are identified by their real path inside the root, so a file reached through a link
//! is still parsed once. Links are followed whether they are real symlinks or the link stubs git
//! writes when it checks a symlink out as a file (`core.symlinks=false`): a one-line file holding
//! the relative path of its target, as `api/client-server/definitions/event-schemas` is in the
//! Matrix corpus as it is shipped here.

mod json;
pub mod lines;
mod node;
pub mod yaml;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::limits::Limits;

pub use node::{Entry, Key, KeyKind, Map, Node, Span, Value};
pub use yaml::{ParseProblem, ParseProblemKind};

/// Index of a file in a [`SourceTree`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// One loaded file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the root, with `/` separators: how diagnostics name the file.
    pub path: String,
    /// The text, for snippets in diagnostics.
    pub text: String,
    /// The parsed document; None when it did not parse or was empty.
    pub node: Option<Arc<Node>>,
    /// Problems found while reading and parsing it.
    pub problems: Vec<ParseProblem>,
    /// How many nodes the document writes (0 for prose and unparsed files).
    pub nodes: u64,
    /// Where its lines start, found the first time a position is asked for.
    pub lines: std::sync::OnceLock<lines::LineIndex>,
}

impl SourceFile {
    /// The file's line index.
    pub fn line_index(&self) -> &lines::LineIndex {
        self.lines.get_or_init(|| lines::LineIndex::new(&self.text))
    }

    /// The span of byte `offset` of the file's text.
    pub fn span_at(&self, id: FileId, offset: usize) -> Span {
        self.line_index().span(id, &self.text, offset)
    }
}

/// Every data file of a spec tree that was read, in a stable order.
#[derive(Clone, Debug)]
pub struct SourceTree {
    root: PathBuf,
    layout: Layout,
    files: Vec<SourceFile>,
    by_real_path: HashMap<PathBuf, FileId>,
    /// Answers of [`SourceTree::load_path`] by (folder, reference): a shared definition is
    /// named by the same text from many files of a folder, and each answer costs a `stat` per
    /// path component.
    resolved_paths: HashMap<(PathBuf, String), Result<FileId, PathError>>,
    limits: Limits,
}

/// How a tree is read, beyond its root.
#[derive(Clone, Debug, Default)]
pub struct TreeOptions {
    /// For a single document: the folder its refs may reach (`--root`), which must hold it.
    /// None: the document's folder. (The command line passes the current folder when it holds
    /// the document; the library does not read the process's current folder.)
    pub boundary: Option<PathBuf>,
    /// The bounds on hostile input that a user may raise.
    pub limits: Limits,
}

/// What kind of input the root is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A 2019 matrix-doc tree: `api/`, `event-schemas/` and RST prose at the root.
    MatrixDoc,
    /// A matrix-spec repository: `data/api/`, `data/event-schemas/`, Markdown under
    /// `content/`.
    MatrixSpec,
    /// One OpenAPI or Swagger document (one API of one group). The root is the folder its
    /// `$ref`s may reach ([`TreeOptions::boundary`]): files are read from there and nothing
    /// outside it is.
    Document,
}

impl Layout {
    /// Where the data folders are, relative to the root, with a final `/`; None for a single
    /// document, which has none.
    pub fn data_prefix(self) -> Option<&'static str> {
        match self {
            Layout::MatrixDoc => Some(""),
            Layout::MatrixSpec => Some("data/"),
            Layout::Document => None,
        }
    }

    /// Which kind of input this is, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::MatrixDoc => "a matrix-doc tree (api/, event-schemas/)",
            Layout::MatrixSpec => "a matrix-spec repository (data/api/, data/event-schemas/)",
            Layout::Document => "one OpenAPI or Swagger document",
        }
    }
}

/// Why a path named by a `$ref` could not be turned into a file of the tree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// The path is a URL; mxspec never fetches anything.
    #[error("`{0}` is a URL; only relative file references are followed, and nothing is fetched")]
    Url(String),
    /// The path leaves the spec root.
    #[error("`{0}` leads outside the spec root; it was not read")]
    OutsideRoot(String),
    /// The path names nothing.
    #[error("`{0}` does not exist")]
    Missing(String),
    /// Links point at each other in a loop.
    #[error("`{0}` goes through too many links (a link loop?)")]
    LinkLoop(String),
    /// The path names a folder, not a file.
    #[error("`{0}` is a folder, not a file")]
    Folder(String),
}

/// The root of a single document's tree: `boundary` (or the current folder) when it holds the
/// document, else the document's own folder.
fn document_boundary(document: &Path, boundary: Option<&Path>) -> Result<PathBuf, LoadError> {
    let folder = document.parent().unwrap_or(document).to_path_buf();
    let Some(boundary) = boundary else {
        return Ok(folder);
    };
    let boundary = boundary.canonicalize().map_err(|source| LoadError::Root {
        path: boundary.to_path_buf(),
        source,
    })?;
    if !boundary.is_dir() || !folder.starts_with(&boundary) {
        return Err(LoadError::OutsideBoundary {
            document: document.to_path_buf(),
            boundary,
        });
    }
    Ok(boundary)
}

/// Why a tree could not be loaded at all (as opposed to problems inside its files).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The root does not exist or cannot be read.
    #[error("cannot read spec root {path}: {source}")]
    Root {
        /// The root as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `--root` is not a folder holding the document.
    #[error("--root {boundary} is not a folder that holds {document}")]
    OutsideBoundary {
        /// The document.
        document: PathBuf,
        /// The folder given.
        boundary: PathBuf,
    },
    /// The root has no `api/` folder, and no `data/api/` either.
    #[error(
        "{0} has no api/ folder; a spec root holds api/<name>/*.yaml (a matrix-doc tree) or data/api/<name>/*.yaml (a matrix-spec repository), or is one OpenAPI or Swagger file"
    )]
    NoApiFolder(PathBuf),
    /// Walking the tree failed.
    #[error("cannot walk {path}: {message}")]
    Walk {
        /// Where the walk failed.
        path: PathBuf,
        /// The walk error.
        message: String,
    },
}

/// Folders of a spec root that hold data files, walked first and in this order. A
/// matrix-spec repository's other folders of `data/` follow, sorted (Hugo's `site.Data` is
/// all of `data/`, and a `definition` may name any schema there).
const DATA_FOLDERS: [&str; 2] = ["api", "event-schemas"];

/// Link stubs are tiny; anything larger is an ordinary file.
const MAX_LINK_STUB_LEN: u64 = 1024;

/// How many links one path may pass through before it counts as a loop.
const MAX_LINK_HOPS: usize = 40;

impl SourceTree {
    /// Walks `root/api` and `root/event-schemas` in sorted order and parses every data file:
    /// `.yaml`, `.yml` and `.json` files, and extension-less files under `event-schemas/`.
    /// Files reached only through `$ref` are loaded later by [`SourceTree::load_path`].
    ///
    /// A `root` that is a file is [`Layout::Document`]: that file alone is read, with the
    /// folder [`TreeOptions::boundary`] decides as the root.
    pub fn load(root: &Path) -> Result<SourceTree, LoadError> {
        SourceTree::load_with(root, &TreeOptions::default())
    }

    /// [`SourceTree::load`] with options.
    pub fn load_with(root: &Path, options: &TreeOptions) -> Result<SourceTree, LoadError> {
        let limits = options.limits;
        let given = root.canonicalize().map_err(|source| LoadError::Root {
            path: root.to_path_buf(),
            source,
        })?;
        let (root, layout, found) = if given.is_file() {
            let folder = document_boundary(&given, options.boundary.as_deref())?;
            (folder, Layout::Document, vec![(given, None)])
        } else if given.join("api").is_dir() {
            let found = walk_data_folders(&given, "")?;
            (given, Layout::MatrixDoc, found)
        } else if given.join("data/api").is_dir() {
            let found = walk_data_folders(&given, "data/")?;
            (given, Layout::MatrixSpec, found)
        } else {
            return Err(LoadError::NoApiFolder(given));
        };
        let paths: Vec<PathBuf> = found.iter().map(|(path, _)| path.clone()).collect();
        let files: Vec<SourceFile> = found
            .par_iter()
            .enumerate()
            .map(|(index, (path, refused))| {
                let id = FileId(index as u32);
                match refused {
                    Some(problem) => refused_file(&root, path, id, problem),
                    None => read_file(&root, path, id, &limits)
                        .unwrap_or_else(|err| unreadable(&root, path, id, &err)),
                }
            })
            .collect();
        let by_real_path = paths
            .into_iter()
            .enumerate()
            .map(|(i, path)| (path, FileId(i as u32)))
            .collect();
        Ok(SourceTree {
            root,
            layout,
            files,
            by_real_path,
            resolved_paths: HashMap::default(),
            limits,
        })
    }

    /// The bounds this tree was read with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The canonical root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The root-relative folder holding `api/` and `event-schemas/`, with a final `/` (`""`
    /// in a matrix-doc tree, `"data/"` in a matrix-spec repository); None for a single
    /// document.
    pub fn data_prefix(&self) -> Option<&'static str> {
        self.layout.data_prefix()
    }

    /// Which kind of input this is.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The file with id `id`.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All files with their ids, in load order (sorted walk first, then files reached by ref).
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The id of the file at `relative` (a root-relative path with `/` separators), if loaded.
    pub fn find(&self, relative: &str) -> Option<FileId> {
        self.by_real_path.get(&self.root.join(relative)).copied()
    }

    /// The real path of a loaded file.
    pub fn real_path(&self, id: FileId) -> PathBuf {
        self.root.join(&self.file(id).path)
    }

    /// The file that `reference` (a relative path, as written in a `$ref`) names from `from`,
    /// when [`SourceTree::load_path`] loaded it: the same answer, links followed, and nothing
    /// read.
    pub fn loaded_path(&self, from: FileId, reference: &str) -> Option<FileId> {
        let base = self.real_path(from);
        let base = base.parent().unwrap_or(&self.root).to_path_buf();
        self.resolved_paths
            .get(&(base, reference.to_owned()))?
            .as_ref()
            .ok()
            .copied()
    }

    /// Resolves `reference` (a relative path, as written in a `$ref`) against the folder of
    /// file `from`, following links, and loads the file if it was not loaded yet.
    pub fn load_path(&mut self, from: FileId, reference: &str) -> Result<FileId, PathError> {
        let base = self.real_path(from);
        let base = base.parent().unwrap_or(&self.root).to_path_buf();
        self.load_memoised(base, reference)
    }

    /// [`SourceTree::load_real_path`], remembered per (folder, reference).
    fn load_memoised(&mut self, base: PathBuf, reference: &str) -> Result<FileId, PathError> {
        let key = (base, reference.to_owned());
        if let Some(answer) = self.resolved_paths.get(&key) {
            return answer.clone();
        }
        let answer = self.load_real_path(&key.0, reference);
        self.resolved_paths.insert(key, answer.clone());
        answer
    }

    fn load_real_path(&mut self, base: &Path, reference: &str) -> Result<FileId, PathError> {
        let real = self.real_target(base, reference)?;
        if let Some(id) = self.by_real_path.get(&real) {
            return Ok(*id);
        }
        if real.is_dir() {
            return Err(PathError::Folder(reference.to_owned()));
        }
        let id = FileId(self.files.len() as u32);
        let file = read_file(&self.root, &real, id, &self.limits)
            .map_err(|_| PathError::Missing(reference.to_owned()))?;
        self.by_real_path.insert(real, id);
        self.files.push(file);
        Ok(id)
    }

    /// Loads a file by its root-relative path (`specification/targets.yaml`), following links
    /// like `$ref`s do. YAML files are parsed; any other file is kept as text (prose).
    pub fn load_relative(&mut self, relative: &str) -> Result<FileId, PathError> {
        self.load_memoised(self.root.clone(), relative)
    }

    /// Adds text made from the tree (a changelog draft) as a file of its own at `relative`,
    /// so what is found in it can be reported with lines. Nothing is written to disk.
    pub fn add_generated(&mut self, relative: &str, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile {
            path: relative.to_owned(),
            text,
            node: None,
            problems: Vec::new(),
            nodes: 0,
            lines: Default::default(),
        });
        id
    }

    /// Records `relative` as a file that was listed but could not be read (a link out of the
    /// root, say), with `message` as its problem, so a diagnostic can name it.
    pub fn add_unread(&mut self, relative: &str, message: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile {
            path: relative.to_owned(),
            text: String::new(),
            node: None,
            problems: vec![ParseProblem {
                kind: ParseProblemKind::OutsideRoot,
                span: Span::file_start(id),
                message,
                first: None,
            }],
            nodes: 0,
            lines: Default::default(),
        });
        id
    }

    /// The real path of `relative` (a root-relative path), following links as `$ref`s do; an
    /// error when it leaves the root. Every folder or file mxspec reads or lists goes through
    /// this or [`SourceTree::load_relative`].
    pub fn confine(&self, relative: &str) -> Result<PathBuf, PathError> {
        real_target(&self.root, &self.root, relative)
    }

    fn real_target(&self, base: &Path, reference: &str) -> Result<PathBuf, PathError> {
        real_target(&self.root, base, reference)
    }
}

/// Walks `reference` one component at a time from `base`, following real symlinks and git
/// link stubs, and refuses URLs and anything that ends outside `root`.
fn real_target(root: &Path, base: &Path, reference: &str) -> Result<PathBuf, PathError> {
    {
        if reference.contains("://") || reference.starts_with("//") {
            return Err(PathError::Url(reference.to_owned()));
        }
        if Path::new(reference).is_absolute() {
            return Err(PathError::OutsideRoot(reference.to_owned()));
        }
        let mut current = base.to_path_buf();
        let mut pending: Vec<String> = components(reference);
        pending.reverse();
        let mut hops = 0;
        while let Some(part) = pending.pop() {
            if part == ".." {
                current.pop();
                continue;
            }
            current.push(&part);
            // Checked before the path is touched: a ref out of the root is never even stat'ed.
            if !current.starts_with(root) && !root.starts_with(&current) {
                return Err(PathError::OutsideRoot(reference.to_owned()));
            }
            let meta = std::fs::symlink_metadata(&current)
                .map_err(|_| PathError::Missing(reference.to_owned()))?;
            let link_target = if meta.file_type().is_symlink() {
                Some(
                    std::fs::read_link(&current)
                        .map_err(|_| PathError::Missing(reference.into()))?,
                )
            } else if meta.is_file() && !pending.is_empty() && meta.len() <= MAX_LINK_STUB_LEN {
                // A file in the middle of a path can only be passed through if it is a stub.
                Some(read_link_stub(&current).ok_or_else(|| PathError::Missing(reference.into()))?)
            } else {
                None
            };
            if let Some(target) = link_target {
                hops += 1;
                if hops > MAX_LINK_HOPS {
                    return Err(PathError::LinkLoop(reference.to_owned()));
                }
                current.pop();
                if target.is_absolute() {
                    current = target;
                } else {
                    let mut parts = components(&target.to_string_lossy());
                    parts.reverse();
                    pending.extend(parts);
                }
            }
        }
        if !current.starts_with(root) {
            return Err(PathError::OutsideRoot(reference.to_owned()));
        }
        Ok(current)
    }
}

/// Why a file the walk found is not read.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    /// A link (or the data folder itself) that leads out of the root.
    OutsideRoot,
    /// A FIFO, socket or device: opening one could block forever.
    NotRegular,
}

/// The data files of `api/` and `event-schemas/` in sorted order, with their real paths, and
/// the entries that are refused: links out of the root and files that are not regular files.
/// Links inside the root are followed to their file (read once, however many links name it).
fn walk_data_folders(
    root: &Path,
    data: &str,
) -> Result<Vec<(PathBuf, Option<Refusal>)>, LoadError> {
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut folders: Vec<String> = DATA_FOLDERS.iter().map(|f| f.to_string()).collect();
    if !data.is_empty() {
        let mut others: Vec<String> = std::fs::read_dir(root.join(data))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
                    .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
                    .filter(|name| !DATA_FOLDERS.contains(&name.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        others.sort();
        folders.extend(others);
    }
    for folder in folders.iter().map(String::as_str) {
        // A data folder that is a link out of the root is not walked: the walk would follow
        // it (walkdir always follows its starting point).
        let relative = format!("{data}{folder}");
        let dir = match real_target(root, root, &relative) {
            Ok(dir) => dir,
            Err(PathError::OutsideRoot(_)) => {
                found.push((root.join(&relative), Some(Refusal::OutsideRoot)));
                continue;
            }
            Err(_) => continue,
        };
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|err| LoadError::Walk {
                path: err.path().unwrap_or(&dir).to_path_buf(),
                message: err.to_string(),
            })?;
            let kind = entry.file_type();
            let path = entry.into_path();
            if kind.is_dir() {
                continue;
            } else if kind.is_file() {
                if is_data_file(&path, folder) && seen.insert(path.clone()) {
                    found.push((path, None));
                }
            } else if kind.is_symlink() {
                // Resolved before anything is read through it.
                let relative = display_path(root, &path);
                match real_target(root, root, &relative) {
                    Ok(real)
                        if real.is_file()
                            && is_data_file(&real, folder)
                            && seen.insert(real.clone()) =>
                    {
                        found.push((real, None));
                    }
                    Err(PathError::OutsideRoot(_)) => {
                        found.push((path, Some(Refusal::OutsideRoot)));
                    }
                    // A link to a folder or to nothing: not a data file.
                    _ => {}
                }
            } else if !is_prose(&path) {
                found.push((path, Some(Refusal::NotRegular)));
            }
        }
    }
    Ok(found)
}

/// A file the walk found and refused: kept, with the reason as its problem.
fn refused_file(root: &Path, path: &Path, id: FileId, refusal: &Refusal) -> SourceFile {
    let (kind, message) = match refusal {
        Refusal::OutsideRoot => (
            ParseProblemKind::OutsideRoot,
            "a link that leads outside the spec root; it was not read",
        ),
        Refusal::NotRegular => (
            ParseProblemKind::Limit,
            "not a regular file (a FIFO, device or socket?); it was not opened",
        ),
    };
    SourceFile {
        path: display_path(root, path),
        text: String::new(),
        node: None,
        problems: vec![ParseProblem {
            kind,
            span: Span::file_start(id),
            message: message.to_owned(),
            first: None,
        }],
        nodes: 0,
        lines: Default::default(),
    }
}

/// Splits a relative path into its parts, dropping `.` and empty parts.
fn components(path: &str) -> Vec<String> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_owned()),
            _ => None,
        })
        .collect()
}

/// The target of a git link stub, if `path` is one: a short single-line text without a NUL
/// that reads as a relative path.
fn read_link_stub(path: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.strip_suffix('\n').unwrap_or(&text);
    let plausible = !line.is_empty()
        && !line.contains(['\n', '\0', ':', ' '])
        && !Path::new(line).is_absolute();
    plausible.then(|| PathBuf::from(line))
}

/// Event files are named by event type (`m.room.member`), so under `event-schemas/` every file
/// is data except prose and link stubs; elsewhere the extension decides.
fn is_data_file(path: &Path, folder: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml" | "json") => true,
        _ if is_prose(path) => false,
        _ => folder == "event-schemas" && !is_link_stub_to_existing(path),
    }
}

fn is_link_stub_to_existing(path: &Path) -> bool {
    let small = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= MAX_LINK_STUB_LEN);
    small
        && read_link_stub(path)
            .is_some_and(|target| path.parent().is_some_and(|dir| dir.join(target).exists()))
}

/// The root-relative name of a file, with `/` separators.
fn display_path(root: &Path, real: &Path) -> String {
    real.strip_prefix(root)
        .unwrap_or(real)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file the walk found but could not read: kept, with the reason as its problem.
fn unreadable(root: &Path, real: &Path, id: FileId, err: &std::io::Error) -> SourceFile {
    SourceFile {
        path: display_path(root, real),
        text: String::new(),
        node: None,
        problems: vec![ParseProblem {
            kind: ParseProblemKind::Syntax,
            span: Span::file_start(id),
            message: format!("cannot read the file: {err}"),
            first: None,
        }],
        nodes: 0,
        lines: Default::default(),
    }
}

/// Extensions of files kept as text and never parsed: prose and configuration.
const PROSE_EXTENSIONS: [&str; 4] = ["rst", "md", "txt", "toml"];

fn is_prose(path: &Path) -> bool {
    // Newsfragments are text whatever their extension (`2140.new`).
    let in_newsfragments = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "newsfragments");
    in_newsfragments
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PROSE_EXTENSIONS.contains(&e))
}

/// Reads one file, and parses it unless it is prose. A FIFO, device or socket is never opened
/// (reading one could block forever), and a file over the `file-bytes` limit is not read: both
/// are kept as files with a `Limit` problem.
fn read_file(root: &Path, real: &Path, id: FileId, limits: &Limits) -> std::io::Result<SourceFile> {
    let path = display_path(root, real);
    let meta = std::fs::metadata(real)?;
    let max = limits.file_bytes;
    let refused = if !meta.is_file() {
        Some("not a regular file (a FIFO, device or socket?); it was not opened".to_owned())
    } else if meta.len() > max {
        Some(format!(
            "{} bytes, more than the {max} a spec file may have; it was not read (`--limit file-bytes=N` raises the bound)",
            meta.len()
        ))
    } else {
        None
    };
    if let Some(message) = refused {
        return Ok(SourceFile {
            path,
            text: String::new(),
            node: None,
            problems: vec![ParseProblem {
                kind: ParseProblemKind::Limit,
                span: Span::file_start(id),
                message,
                first: None,
            }],
            nodes: 0,
            lines: Default::default(),
        });
    }
    let mut bytes = Vec::new();
    // A file that grows after the check is still cut at the limit (plus one byte, so that
    // the parse sees it is not the whole file).
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(real)?, max.saturating_add(1)),
        &mut bytes,
    )?;
    let (text, node, problems, nodes) = match String::from_utf8(bytes) {
        Ok(text) if is_prose(real) => (text, None, Vec::new(), 0),
        Ok(text) => {
            let (node, nodes, problems) = yaml::parse_counted(id, &text);
            (text, node.map(Arc::new), problems, nodes)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let problem = ParseProblem {
                kind: ParseProblemKind::Syntax,
                span: Span::at_offset(id, &before, before.len()),
                message: "the file is not UTF-8 text".to_owned(),
                first: None,
            };
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                None,
                vec![problem],
                0,
            )
        }
    };
    Ok(SourceFile {
        path,
        text,
        node,
        problems,
        nodes,
        lines: Default::default(),
    })
}
