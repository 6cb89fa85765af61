//! The arguments as the user typed them. Help text lives beside each flag.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Load, check, render and generate code from a tree of Swagger 2.0 / OpenAPI 3.x files.
#[derive(Debug, Parser)]
#[command(name = "mxspec", version, about, max_term_width = 100)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a spec tree and report every problem with file, line and column.
    ///
    /// Exits 0 when no errors are found (warnings allowed), 1 when the spec has errors, 2 on
    /// usage or I/O errors.
    Check(CheckArgs),
    /// Write each API as one JSON document: bundled as written (refs to other files moved
    /// into components), or converted to Swagger 2.0 / OpenAPI 3.0 / 3.1 from the model.
    Dump(DumpArgs),
    /// Render every target of targets.yaml (the prose with its {{...}} sections) as RST.
    ///
    /// Exits 1, writing nothing, when the spec cannot be loaded or a target is broken (a
    /// missing file, a title level jump, an unknown placeholder).
    Build(BuildArgs),
    /// Serve the HTML pages from memory on 127.0.0.1 and rebuild them on every save; open
    /// pages reload themselves and show the build's problems at the top.
    ///
    /// Ctrl-C stops it. Exits 2 when the port is in use.
    Serve(ServeArgs),
    /// Assemble a changelog from its newsfragments, towncrier style.
    Changelog(ChangelogArgs),
    /// Generate code from the model.
    #[command(subcommand)]
    Gen(GenCommand),
}

/// `mxspec gen` targets.
#[derive(Debug, Subcommand)]
pub enum GenCommand {
    /// A Rust crate of typed endpoints (requests, responses, metadata, http conversions).
    Rust(GenRustArgs),
}

/// `mxspec gen rust`.
#[derive(Debug, clap::Args)]
pub struct GenRustArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// The API: a folder of api/ [default: the only API, when there is one, as in a single
    /// document].
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// The crate folder to write; it is replaced as a whole.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The crate's name [default: the API's name with `-api`].
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// Make the crate a workspace of its own (an empty `[workspace]` table), to build it
    /// where it is written even below another workspace. Without it, the crate can join
    /// your workspace as a member.
    #[arg(long)]
    pub standalone: bool,
    /// Add `examples/call_every_operation.rs`: a program that calls every operation once
    /// against a base URL (a mock server such as Prism), with a request made from the spec's
    /// examples, and reads each answer (`cargo run --example call_every_operation --features
    /// client -- BASE_URL [TOKEN]`).
    #[arg(long)]
    pub call_every_operation: bool,
}

/// `mxspec build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// The output folder; it is replaced as a whole, and only when the build succeeds.
    #[arg(long, value_name = "DIR", default_value = "build")]
    pub out: PathBuf,
    /// The output format: self-contained HTML pages, the RST the original toolchain made,
    /// or both.
    #[arg(long, value_enum, default_value_t = BuildFormat::Html)]
    pub format: BuildFormat,
    #[command(flatten)]
    pub pages: PageArgs,
    /// Build only this target. Repeatable.
    #[arg(long = "target", value_name = "NAME")]
    pub only: Vec<String>,
}

/// How the pages are made, for `build` and `serve`.
#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// Leave deprecated endpoints out of the HTML pages.
    #[arg(long)]
    pub hide_deprecated: bool,
    /// A folder of templates that replace the embedded ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The targets file, relative to ROOT [default: specification/targets.yaml, else
    /// docs/targets.yaml].
    #[arg(long, value_name = "PATH")]
    pub targets: Option<String>,
}

/// `mxspec serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    #[command(flatten)]
    pub pages: PageArgs,
    /// The port to listen on; 0 lets the system choose one.
    #[arg(long, value_name = "P", default_value_t = 8000)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address shows the preview, which
    /// has no authentication, to other machines.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub address: std::net::IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// Build formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BuildFormat {
    /// One self-contained HTML page per target.
    Html,
    /// reStructuredText, one file per target.
    Rst,
    /// Both, side by side.
    All,
}

/// `mxspec changelog`.
#[derive(Debug, clap::Args)]
pub struct ChangelogArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// The changelog: a folder of changelogs/ (identity_service, client_server, ...).
    #[arg(long, value_name = "NAME")]
    pub api: String,
    /// Print the pending changes, titled `unstable`, without writing anything.
    #[arg(long, conflicts_with = "version", required_unless_present = "version")]
    pub draft: bool,
    /// Release the pending changes as version V: write them on top of changelogs/NAME.rst and
    /// delete the consumed fragments (both or neither).
    #[arg(long, value_name = "V")]
    pub version: Option<String>,
}

/// Where the spec is and how to fill its placeholders.
#[derive(Debug, clap::Args)]
pub struct SpecArgs {
    /// The spec root: a matrix-doc tree (api/<name>/*.yaml, event-schemas/), a matrix-spec
    /// repository (data/api/, data/event-schemas/), or one OpenAPI or Swagger file (an API
    /// named after the file; its $refs may reach files anywhere under --root). Defaults to the
    /// current folder.
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// When ROOT is one document: the folder its $refs may reach, which must hold it; nothing
    /// outside it is read [default: the current folder when it holds the document, else the
    /// document's folder].
    #[arg(long = "root", value_name = "DIR")]
    pub boundary: Option<PathBuf>,
    /// Raise (or lower) a bound on hostile input, for a genuine spec larger than it allows:
    /// file-bytes (default 64M), resolve-nodes (200k visits beyond 4x the nodes written),
    /// inlined-nodes (4M beyond 16x the nodes written; dump, gen, build and serve inline every
    /// $ref). k, M and G multiply by thousands. Repeatable.
    #[arg(long = "limit", value_name = "NAME=VALUE", value_parser = parse_limit, action = clap::ArgAction::Append)]
    limit_assignments: Vec<String>,
    /// Fill a `%NAME%` placeholder of the spec, such as CLIENT_MAJOR_VERSION=r0. Repeatable.
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_assignment)]
    pub set: Vec<(String, String)>,
    /// Say what kind of tree ROOT is and what was read from it.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Checks one `--limit` assignment (applied by [`SpecArgs::limits`]).
fn parse_limit(text: &str) -> Result<String, String> {
    mxspec::limits::Limits::default()
        .set(text)
        .map(|()| text.to_owned())
        .map_err(|err| err.to_string())
}

impl SpecArgs {
    /// The default limits with the `--limit` assignments applied, in order.
    pub fn limits(&self) -> mxspec::limits::Limits {
        let mut limits = mxspec::limits::Limits::default();
        for assignment in &self.limit_assignments {
            // Each was checked by `parse_limit`, so none fails here.
            let _ = limits.set(assignment);
        }
        limits
    }
}

/// `mxspec check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Print errors only, not warnings.
    #[arg(long)]
    pub errors_only: bool,
    /// Check the prose too: build every target's HTML in memory (nothing is written) and
    /// report what that finds (`rst-*`, `link-broken`, placeholders, targets).
    #[arg(long)]
    pub prose: bool,
    /// With --prose: the targets file, relative to ROOT [default: specification/targets.yaml,
    /// else docs/targets.yaml].
    #[arg(long, value_name = "PATH", requires = "prose")]
    pub targets: Option<String>,
}

/// Diagnostic formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CheckFormat {
    /// Messages with the source line, for people.
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0 (code-scanning uploads: GitHub's upload-sarif, GitLab, IDEs).
    Sarif,
}

/// `mxspec dump`.
#[derive(Debug, clap::Args)]
pub struct DumpArgs {
    #[command(flatten)]
    pub spec: SpecArgs,
    /// The output format [default: bundle for one document, swagger2 for a Matrix tree, as its
    /// 2019 toolchain dumped it].
    #[arg(long, value_enum)]
    pub format: Option<DumpFormat>,
    /// Write DIR/<api>.json for each API (the folder is replaced as a whole). Without it, the
    /// JSON goes to standard output, which then needs --api when the tree has several APIs.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Dump only this API (a folder name of api/).
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// swagger2 and openapi3: how schemas that `$ref`s name are written [default: components
    /// for one document, inline for a Matrix tree, as its toolchains dumped it].
    #[arg(long, value_enum, value_name = "HOW")]
    pub refs: Option<DumpRefs>,
    /// openapi31: prefix links of the form `](/...)` in the text with this URL, as the Matrix
    /// spec's dump-openapi.py does (it uses https://spec.matrix.org/unstable/).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Dump formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DumpFormat {
    /// Each document as written, in its own version, with every `$ref` to another file moved
    /// into its components by name (as `redocly bundle` does); refs inside it stay refs. A
    /// Matrix tree's API is several documents: DIR/<api>/<group>.json each.
    Bundle,
    /// Swagger 2.0.
    Swagger2,
    /// OpenAPI 3.0.
    Openapi3,
    /// OpenAPI 3.1. For a Matrix tree as the Matrix spec's own dump-openapi.py writes it (the
    /// operations of the resolved sources, kept as written); for one document its bundle,
    /// upgraded from OpenAPI 3.0 or Swagger 2.0.
    Openapi31,
}

/// How `dump --format swagger2|openapi3` writes what `$ref`s name.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DumpRefs {
    /// Each schema a ref names once, under its component key or file name, referred to
    /// wherever it is used (as `redocly bundle` does): the dump stays near its source's size.
    Components,
    /// Every ref replaced by what it names; only a recursive schema is referred to.
    Inline,
}

fn parse_assignment(text: &str) -> Result<(String, String), String> {
    let (name, value) = text.split_once('=').ok_or("expected NAME=VALUE")?;
    let name = name.trim_matches('%');
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "`{name}` is not a placeholder name (letters, digits, _)"
        ));
    }
    Ok((name.to_owned(), value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn assignments_take_names_with_or_without_percent_signs() {
        assert_eq!(
            parse_assignment("%A_B%=r0"),
            Ok(("A_B".into(), "r0".into()))
        );
        assert!(parse_assignment("A").is_err());
        assert!(parse_assignment("a b=1").is_err());
    }
}
