//! The bounds that keep hostile input cheap, in one place.
//!
//! Every byte of a spec tree may come from someone who wants mxspec to crash, hang or eat the
//! machine (`check` runs in CI on branches anyone can push). Each bound below is checked where
//! the input enters, before recursion or growth could outrun it, and going past one is a
//! `limit-exceeded` diagnostic with the file and line, never an abort. The defaults are far
//! above what real specs use: the Matrix trees nest YAML 24 levels deep at most, their largest
//! file is under 100 KiB, and their resolved documents have 32,000 nodes together.

/// The largest file read, in bytes. Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep collections may nest in one YAML or JSON file.
pub const MAX_YAML_DEPTH: usize = 128;

/// How many nodes the aliases of one YAML file may produce in all (a "billion laughs" file
/// produces billions from a few lines).
pub const MAX_ALIAS_NODES: u64 = 100_000;

/// How deep a resolved document may nest, counting the levels that `$ref`s add and the refs
/// that only alias other refs. Every walk over a resolved tree recurses at most this deep.
pub const MAX_RESOLVED_DEPTH: usize = 256;

/// How many nodes one resolved document (a group file, an event schema) may have once every
/// `$ref` is expanded, beyond twice the nodes its own file writes. A diamond of refs, each
/// level naming the next twice, doubles per level. (The largest document of the Matrix trees
/// expands to about a thousand.)
pub const MAX_RESOLVED_NODES: u64 = 100_000;

/// How many nodes all resolved documents of one tree may have together, beyond twice what the
/// tree's files write (the 2019 Matrix tree's documents have 32,000 together), so that many
/// files just under [`MAX_RESOLVED_NODES`] cannot add up.
pub const MAX_TOTAL_RESOLVED_NODES: u64 = 2_000_000;

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
