//! The bounds that keep hostile input cheap, in one place.
//!
//! Every byte of a spec tree may come from someone who wants mxspec to crash, hang or eat the
//! machine (`check` runs in CI on branches anyone can push). Each bound below is checked where
//! the input enters, before recursion or growth could outrun it, and going past one is a
//! `limit-exceeded` diagnostic with the file and line, never an abort. The defaults are far
//! above what real specs use: the Matrix trees nest YAML 24 levels deep at most, their largest
//! file is under 100 KiB, and their resolved documents have 32,000 nodes together.

/// The largest file read, in bytes, unless `--limit file-bytes=N` says otherwise ([`Limits`]).
/// Larger files are refused before they are read. (GitHub's one-file description is 13 MB.)
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deep collections may nest in one YAML or JSON file.
pub const MAX_YAML_DEPTH: usize = 128;

/// How many nodes the aliases of one YAML file may produce in all (a "billion laughs" file
/// produces billions from a few lines).
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// How deep a resolved document may nest, counting the levels that `$ref`s add and the refs
/// that only alias other refs. Every walk over a resolved tree recurses at most this deep.
pub const MAX_RESOLVED_DEPTH: usize = 256;

/// How many nodes resolving the refs of one run may visit, beyond four times what the files
/// read write (`--limit resolve-nodes=N`). A target is resolved once and then shared, so a
/// reuse costs one visit: GitHub's and DigitalOcean's descriptions and both Matrix trees need
/// no more than four times what they write. Only refs whose results cannot be shared (the
/// schemas inside a recursive schema, resolved afresh at each use) can multiply the work, and
/// this bounds them (and the memory their copies take: about 150 MB at the bound).
pub const MAX_RESOLVE_VISITS: u64 = 200_000;

/// How many nodes an output that inlines every `$ref` (`dump`, `gen`, `build`, `serve`) may
/// expand the documents to, beyond sixteen times what the files write
/// (`--limit inlined-nodes=N`). `check` reads the refs as a graph and has no such bound; a
/// diamond of refs, each level naming the next twice, doubles per level when inlined.
/// (GitHub's description inlines to about 2,000,000 nodes, eight times what it writes.)
pub const MAX_INLINED_NODES: u64 = 4_000_000;

/// How many nodes one schema, example or enum value may have when written as JSON for a validator
/// (shared schemas written once and referred to): examples are data, so refs inside them are
/// inlined, and a diamond of refs there would double per level.
pub const MAX_JSON_NODES: u64 = 500_000;

/// How deep RST and Markdown blocks (block quotes, lists, directives) may nest, and how many
/// substitutions may expand inside one another.
pub const MAX_PROSE_DEPTH: usize = 64;

/// How many fragments (`cs-module`, `rver-fragment`) one Markdown page may include, however
/// deep: a fragment including others many times cannot multiply without end. The spec's
/// client-server page includes 39.
pub const MAX_INCLUDES_PER_PAGE: usize = 1_000;

/// How deep fragments may include fragments.
pub const MAX_INCLUDE_DEPTH: usize = 8;

/// How large one Markdown page may grow with its fragments and the sections its shortcodes
/// make, in bytes (the spec's client-server page is 2.3 MB): past it, further shortcodes and
/// fragments are left out and reported.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// How deep `content/` may nest folders (the spec's tree nests 2): every page's navigation
/// lists the sections above it, so pages nested without end would grow with the square of
/// the depth.
pub const MAX_CONTENT_DEPTH: usize = 16;

/// The most bytes a compiled `pattern` of a schema may take (the regex engines' size limits):
/// a pattern like `a{1000}{1000}` is refused instead of compiled.
pub const REGEX_COMPILED_BYTES: usize = 1024 * 1024;

/// The most backtracking steps one match of a `pattern` may take, for the patterns that need a
/// backtracking engine (lookaround, backreferences); every other pattern matches in linear
/// time. A match that runs out is reported as not validated.
pub const REGEX_BACKTRACK_STEPS: usize = 10_000;

/// The bounds a user may raise with `--limit NAME=VALUE`, for a genuine spec larger than the
/// defaults allow; a `limit-exceeded` diagnostic names the one it met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `file-bytes`: [`MAX_FILE_BYTES`].
    pub file_bytes: u64,
    /// `resolve-nodes`: [`MAX_RESOLVE_VISITS`].
    pub resolve_nodes: u64,
    /// `inlined-nodes`: [`MAX_INLINED_NODES`].
    pub inlined_nodes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: MAX_FILE_BYTES,
            resolve_nodes: MAX_RESOLVE_VISITS,
            inlined_nodes: MAX_INLINED_NODES,
        }
    }
}

/// A `--limit` assignment that names no limit or whose value is not a count.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Not `NAME=VALUE`.
    #[error("`{0}`: expected NAME=VALUE, such as file-bytes=100000000")]
    Syntax(String),
    /// An unknown name.
    #[error("`{0}` is not a limit; the limits are {names}", names = Limits::NAMES.join(", "))]
    Unknown(String),
    /// Not a whole number (a `k`, `M` or `G` suffix multiplies by 1,000s).
    #[error("`{0}` is not a count (digits, optionally ending in k, M or G)")]
    Value(String),
}

impl Limits {
    /// The names `--limit` accepts.
    pub const NAMES: [&'static str; 3] = ["file-bytes", "resolve-nodes", "inlined-nodes"];

    /// Applies one `NAME=VALUE` assignment.
    pub fn set(&mut self, assignment: &str) -> Result<(), LimitError> {
        let (name, value) = assignment
            .split_once('=')
            .ok_or_else(|| LimitError::Syntax(assignment.to_owned()))?;
        let value = parse_count(value).ok_or_else(|| LimitError::Value(value.to_owned()))?;
        match name {
            "file-bytes" => self.file_bytes = value,
            "resolve-nodes" => self.resolve_nodes = value,
            "inlined-nodes" => self.inlined_nodes = value,
            _ => return Err(LimitError::Unknown(name.to_owned())),
        }
        Ok(())
    }
}

/// `12`, `12k`, `12M`, `12G` (powers of 1,000).
fn parse_count(text: &str) -> Option<u64> {
    let (digits, scale) = match text.as_bytes().last()? {
        b'k' => (&text[..text.len() - 1], 1_000),
        b'M' => (&text[..text.len() - 1], 1_000_000),
        b'G' => (&text[..text.len() - 1], 1_000_000_000),
        _ => (text, 1),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok()?.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_with_suffixes() {
        let mut limits = Limits::default();
        limits.set("file-bytes=100M").unwrap();
        limits.set("resolve-nodes=12").unwrap();
        limits.set("inlined-nodes=3k").unwrap();
        assert_eq!(
            limits,
            Limits {
                file_bytes: 100_000_000,
                resolve_nodes: 12,
                inlined_nodes: 3_000,
            }
        );
        assert_eq!(
            limits.set("depth=3"),
            Err(LimitError::Unknown("depth".into()))
        );
        assert_eq!(
            limits.set("file-bytes"),
            Err(LimitError::Syntax("file-bytes".into()))
        );
        for bad in [
            "",
            "M",
            "-1",
            "1.5",
            "99999999999999999999",
            "20000000000G",
            "1 k",
        ] {
            assert_eq!(
                limits.set(&format!("file-bytes={bad}")),
                Err(LimitError::Value(bad.into())),
                "{bad}"
            );
        }
    }
}
