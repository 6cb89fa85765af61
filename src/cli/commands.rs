//! Runs a parsed command line: loads the spec, runs the command, prints or writes its output.

use std::io::Write as _;

use anyhow::{Context as _, bail};

use super::Outcome;
use super::args::{
    BuildArgs, BuildFormat, ChangelogArgs, CheckArgs, CheckFormat, Cli, Command, DumpArgs,
    DumpFormat, DumpRefs, GenCommand, GenRustArgs, PageArgs, SpecArgs,
};
use mxspec::diagnostic::{self, Diagnostic, Severity};
use mxspec::escape::printable;
use mxspec::model::LoadOptions;
use mxspec::render::{build, changelog};
use mxspec::{Loaded, check, dump, output};

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Dump(args) => run_dump(&args),
        Command::Build(args) => run_build(&args),
        Command::Serve(args) => super::serve::run(&args),
        Command::Changelog(args) => run_changelog(&args),
        Command::Gen(GenCommand::Rust(args)) => run_gen_rust(&args),
    }
}

fn run_gen_rust(args: &GenRustArgs) -> anyhow::Result<Outcome> {
    output::check_destination(&args.out, &args.spec.root, [], &[])?;
    let loaded = load(&args.spec)?;
    guard_output(&args.out, &loaded, None)?;
    if refuse_inlining(&loaded, "generating code") {
        return Ok(Outcome::Problems);
    }
    let blocked = report_loading_errors(&loaded);
    let known: Vec<_> = loaded.spec.apis.iter().map(|a| a.name.as_str()).collect();
    let name = match (&args.api, known.as_slice()) {
        (Some(name), _) => name.as_str(),
        (None, [only]) => only,
        (None, _) => bail!("--api NAME is needed; the tree has: {}", known.join(", ")),
    };
    if blocked.contains(name) {
        eprintln!(
            "mxspec: not generating code: the {} API has loading errors",
            printable(name)
        );
        return Ok(Outcome::Problems);
    }
    let Some(api) = loaded.spec.api(name) else {
        bail!("no API named `{name}`; the tree has: {}", known.join(", "));
    };
    let crate_name = args
        .crate_name
        .clone()
        .unwrap_or_else(|| mxspec::codegen::default_crate_name(&api.name));
    let started = std::time::Instant::now();
    // An example `check` finds wrong is no test of the crate (it would fail in the user's
    // `cargo test`).
    let unfit = mxspec::check::unfit_examples(&loaded);
    let options = mxspec::codegen::Options {
        unfit: &unfit,
        call_every_operation: args.call_every_operation,
    };
    let mut generated = mxspec::codegen::rust_crate_with(api, &crate_name, &options)?;
    if args.spec.verbose {
        eprintln!("mxspec: generated the crate in {}", elapsed(started));
    }
    print_diagnostics(&loaded, std::mem::take(&mut generated.lost));
    if args.standalone {
        generated = generated.standalone();
    }
    let count = generated.files.len();
    let files: Vec<(String, Vec<u8>)> = generated
        .files
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    let started = std::time::Instant::now();
    output::write_folder(&args.out, &files)?;
    if args.spec.verbose {
        eprintln!("mxspec: wrote the files in {}", elapsed(started));
    }
    eprintln!(
        "mxspec: wrote {count} files of crate `{}` into {}",
        printable(&crate_name),
        printable(&args.out.display().to_string())
    );
    Ok(outcome_of(&loaded))
}

/// Prints the loading errors, if any, and returns the APIs they block (see
/// [`Loaded::apis_with_errors`]).
fn report_loading_errors(loaded: &Loaded) -> std::collections::BTreeSet<String> {
    print_loading_errors(loaded);
    loaded.apis_with_errors()
}

/// Prints the loading errors of `loaded`; true when there were any.
fn print_loading_errors(loaded: &Loaded) -> bool {
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect();
    let any = !errors.is_empty();
    if any {
        print_diagnostics(loaded, errors);
    }
    any
}

/// Problems when loading found any error, wherever it is.
fn outcome_of(loaded: &Loaded) -> Outcome {
    if loaded
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error)
    {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

/// The substitutions: the defaults, then `--set`.
fn substitutions(args: &SpecArgs) -> std::collections::BTreeMap<String, String> {
    let mut substitutions = build::default_substitutions();
    substitutions.extend(args.set.iter().cloned());
    substitutions
}

/// Refuses an output folder that would replace what the run read: the root, a data folder, a
/// file of the tree (prose, changelogs, targets) or the templates.
fn guard_output(
    out: &std::path::Path,
    loaded: &Loaded,
    templates: Option<&std::path::Path>,
) -> Result<(), output::OutputError> {
    let root = loaded.tree.root();
    let files: Vec<std::path::PathBuf> = loaded
        .tree
        .files()
        .map(|(id, _)| loaded.tree.real_path(id))
        .collect();
    let mut folders = Vec::new();
    if let Some(data) = loaded.tree.data_prefix() {
        let data = root.join(data);
        folders.extend([data.join("api"), data.join("event-schemas")]);
    }
    folders.extend(templates.map(std::path::Path::to_path_buf));
    let folders: Vec<&std::path::Path> = folders.iter().map(|p| p.as_path()).collect();
    output::check_destination(out, root, files.iter().map(|p| p.as_path()), &folders)
}

fn load(args: &SpecArgs) -> anyhow::Result<Loaded> {
    let started = std::time::Instant::now();
    let loaded = mxspec::load(&args.root, &load_options(args))
        .with_context(|| format!("cannot load {}", args.root.display()))?;
    if args.verbose {
        eprintln!(
            "mxspec: {} is {}: {} files read in {}",
            printable(&args.root.display().to_string()),
            loaded.tree.layout().describe(),
            loaded.tree.files().count(),
            elapsed(started)
        );
        eprintln!(
            "mxspec: rule levels: {}",
            printable(&loaded.spec.rules.source)
        );
    }
    Ok(loaded)
}

/// A duration since `started` for `-v`'s timings.
fn elapsed(started: std::time::Instant) -> String {
    format!("{:.2} s", started.elapsed().as_secs_f64())
}

fn run_check(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let mut loaded = load(&args.spec)?;
    let mut report = check::check(&loaded);
    if args.prose {
        check_prose(args, &mut loaded, &mut report)?;
    }
    let shown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !args.errors_only || d.severity() == Severity::Error)
        .cloned()
        .collect();
    let format = match args.format {
        CheckFormat::Human => diagnostic::Format::Human,
        CheckFormat::Json => diagnostic::Format::Json,
        CheckFormat::Github => diagnostic::Format::Github,
        CheckFormat::Sarif => diagnostic::Format::Sarif,
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(diagnostic::render(&loaded.tree, &shown, format).as_bytes())?;
    // The summary goes to stderr, so JSON on stdout stays parseable.
    eprintln!("{}", report.summary.line());
    let failed = report.summary.errors > 0;
    // The process ends here: freeing the model and the report piece by piece would only
    // cost time (a few percent of a check); the operating system takes the memory back.
    std::mem::forget(loaded);
    std::mem::forget(report);
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// Adds what building the HTML pages in memory finds to `report`. A spec with loading errors
/// is not built (the pages would repeat them); that is said on stderr.
/// A usage error for a single document given where pages are made: it has no prose.
fn refuse_document(loaded: &Loaded) -> anyhow::Result<()> {
    if loaded.tree.layout() == mxspec::source::Layout::Document {
        bail!(
            "{} is one document: pages are built from a tree (a targets file or content/); use `check`, `dump` or `gen rust` on a document",
            loaded.tree.file(mxspec::source::FileId(0)).path
        );
    }
    Ok(())
}

fn check_prose(
    args: &CheckArgs,
    loaded: &mut Loaded,
    report: &mut check::Report,
) -> anyhow::Result<()> {
    refuse_document(loaded)?;
    if let Some(refusal) = &loaded.spec.inline_refusal {
        report.diagnostics.push(refusal.clone());
        eprintln!("mxspec: the prose is not checked: the documents are too large to inline");
        return Ok(());
    }
    if loaded
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error)
    {
        eprintln!("mxspec: the prose is not checked: the spec has loading errors");
        return Ok(());
    }
    let (diagnostics, pages) = if args.targets.is_none() && mxspec::content::detect(&loaded.tree) {
        let site = mxspec::render::docs::build(loaded);
        let pages = site
            .files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .count();
        (site.diagnostics, pages)
    } else {
        let options = build::BuildOptions {
            substitutions: substitutions(&args.spec),
            targets: args.targets.clone(),
            ..Default::default()
        };
        let site = mxspec::render::site::build(loaded, &options, &Default::default())?;
        (site.diagnostics, site.pages.len())
    };
    for diagnostic in diagnostics {
        match diagnostic.severity() {
            Severity::Error => report.summary.errors += 1,
            Severity::Warning => report.summary.warnings += 1,
        }
        report.diagnostics.push(diagnostic);
    }
    diagnostic::sort_and_dedup(&loaded.tree, &mut report.diagnostics);
    eprintln!("mxspec: checked the prose of {pages} pages");
    Ok(())
}

/// Prints the loading errors of `loaded` and says what is not done because of them; true
/// when there were any.
///
/// Only loading errors (syntax, refs, structure) leave the model incomplete; what `check` adds
/// (an invalid example, say) does not make an output wrong, so it does not block one.
fn refuse_on_loading_errors(loaded: &Loaded, what: &str) -> bool {
    if !print_loading_errors(loaded) {
        return false;
    }
    eprintln!("mxspec: not {what}: the spec has loading errors");
    true
}

/// Whether an output that inlines every `$ref` must refuse the spec ([`Spec::inline_refusal`]);
/// says why when it must.
///
/// [`Spec::inline_refusal`]: mxspec::model::Spec::inline_refusal
fn refuse_inlining(loaded: &Loaded, what: &str) -> bool {
    let Some(refusal) = &loaded.spec.inline_refusal else {
        return false;
    };
    print_diagnostics(loaded, vec![refusal.clone()]);
    eprintln!("mxspec: not {what}: the documents are too large to inline");
    true
}

/// Prints diagnostics, sorted, for people, on stderr.
fn print_diagnostics(loaded: &Loaded, mut diagnostics: Vec<Diagnostic>) {
    diagnostic::sort_and_dedup(&loaded.tree, &mut diagnostics);
    eprint!(
        "{}",
        diagnostic::render(&loaded.tree, &diagnostics, diagnostic::Format::Human)
    );
}

fn run_build(args: &BuildArgs) -> anyhow::Result<Outcome> {
    output::check_destination(&args.out, &args.spec.root, [], &[])?;
    let mut loaded = load(&args.spec)?;
    refuse_document(&loaded)?;
    if refuse_inlining(&loaded, "building") || refuse_on_loading_errors(&loaded, "building") {
        return Ok(Outcome::Problems);
    }
    if args.pages.targets.is_none() && mxspec::content::detect(&loaded.tree) {
        return run_docs_build(args, loaded);
    }
    let (options, site_options) = page_options(&args.spec, &args.pages, &args.only);
    let (rst, html) = match args.format {
        BuildFormat::Rst => (Some(build::build(&mut loaded, &options)?), None),
        BuildFormat::Html => (
            None,
            Some(mxspec::render::site::build(
                &mut loaded,
                &options,
                &site_options,
            )?),
        ),
        BuildFormat::All => {
            let (rst, html) =
                mxspec::render::site::build_all(&mut loaded, &options, &site_options)?;
            (Some(rst), Some(html))
        }
    };
    let mut diagnostics = loaded.diagnostics.clone();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(result) = rst {
        diagnostics.extend(result.diagnostics);
        files.extend(
            result
                .documents
                .into_iter()
                .map(|d| (d.path, d.text.into_bytes())),
        );
    }
    if let Some(site) = html {
        // Both formats report the placeholder and targets problems; keep one of each.
        for diagnostic in site.diagnostics {
            if !diagnostics.contains(&diagnostic) {
                diagnostics.push(diagnostic);
            }
        }
        files.extend(
            site.pages
                .into_iter()
                .map(|p| (p.path, p.html.into_bytes())),
        );
    }
    let what = format!("{} documents", files.len());
    finish_build(args, loaded, diagnostics, files, &what)
}

/// The end of every `build`: the output guarded, problems printed, and the files written
/// when there is no error.
fn finish_build(
    args: &BuildArgs,
    loaded: mxspec::Loaded,
    diagnostics: Vec<mxspec::diagnostic::Diagnostic>,
    files: Vec<(String, Vec<u8>)>,
    what: &str,
) -> anyhow::Result<Outcome> {
    let failed = diagnostics.iter().any(|d| d.severity() == Severity::Error);
    // After the build, which loads the prose: every file it read is known.
    guard_output(&args.out, &loaded, args.pages.templates.as_deref())?;
    print_diagnostics(&loaded, diagnostics);
    if failed {
        eprintln!("mxspec: nothing written: the build has errors");
        return Ok(Outcome::Problems);
    }
    output::write_folder(&args.out, &files)?;
    eprintln!(
        "mxspec: built {what} into {}",
        printable(&args.out.display().to_string())
    );
    // As in `check`: the process ends, the operating system frees the model at once.
    std::mem::forget(loaded);
    std::mem::forget(files);
    Ok(Outcome::Clean)
}

/// `build` of a tree with a Markdown `content/` folder and no targets file: the site of
/// today's spec layout.
fn run_docs_build(args: &BuildArgs, mut loaded: mxspec::Loaded) -> anyhow::Result<Outcome> {
    if matches!(args.format, BuildFormat::Rst) {
        anyhow::bail!(
            "this tree's prose is Markdown (content/), which builds only as HTML; --format rst needs a targets file"
        );
    }
    let site = mxspec::render::docs::build(&mut loaded);
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(site.diagnostics);
    let pages = site
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .count();
    finish_build(
        args,
        loaded,
        diagnostics,
        site.files,
        &format!("{pages} pages"),
    )
}

/// The build and page options of `build` and `serve`.
pub(super) fn page_options(
    spec: &SpecArgs,
    pages: &PageArgs,
    only: &[String],
) -> (build::BuildOptions, mxspec::render::site::SiteOptions) {
    let options = build::BuildOptions {
        substitutions: substitutions(spec),
        templates: pages.templates.clone(),
        targets: pages.targets.clone(),
        only: only.to_vec(),
    };
    let site = mxspec::render::site::SiteOptions {
        hide_deprecated: pages.hide_deprecated,
        ..Default::default()
    };
    (options, site)
}

/// The current folder, when `root` is a document inside it: the default `--root`, so that
/// `mxspec check spec/openapi.yaml` run from a checkout follows refs to `../common/`.
fn current_folder_holding(root: &std::path::Path) -> Option<std::path::PathBuf> {
    if !root.is_file() {
        return None;
    }
    let current = std::env::current_dir().ok()?.canonicalize().ok()?;
    let document = root.canonicalize().ok()?;
    document.starts_with(&current).then_some(current)
}

/// The load options of `--set`.
pub(super) fn load_options(spec: &SpecArgs) -> LoadOptions {
    LoadOptions {
        substitutions: substitutions(spec),
        source: mxspec::source::TreeOptions {
            boundary: spec
                .boundary
                .clone()
                .or_else(|| current_folder_holding(&spec.root)),
            limits: spec.limits(),
        },
    }
}

fn run_changelog(args: &ChangelogArgs) -> anyhow::Result<Outcome> {
    let loaded = load(&args.spec)?;
    if refuse_on_loading_errors(&loaded, "writing a changelog") {
        return Ok(Outcome::Problems);
    }
    print_diagnostics(&loaded, loaded.diagnostics.clone());
    let Some(log) = loaded
        .spec
        .changelogs
        .iter()
        .find(|c| c.config.name == args.api)
    else {
        let known: Vec<_> = loaded
            .spec
            .changelogs
            .iter()
            .map(|c| c.config.name.as_str())
            .collect();
        bail!(
            "no changelog `{}`: changelogs/{}/pyproject.toml does not exist (the tree has: {})",
            args.api,
            args.api,
            known.join(", ")
        );
    };
    if log.config.section.is_some() {
        // Today's layout: a section of `changelogs/pyproject.toml`, released as a page of
        // content/changelog/ by the spec's own script.
        if args.version.is_some() {
            bail!(
                "`{}` is a section of {}; its releases are pages of content/changelog/, which mxspec does not write yet (use --draft)",
                args.api,
                log.config.config_file
            );
        }
        let template = match &log.config.template {
            Some(path) => Some(std::fs::read_to_string(loaded.tree.confine(path)?)?),
            None => None,
        };
        let draft = changelog::render_sections(&[log], template.as_deref())
            .map_err(|message| anyhow::anyhow!("the changelog template: {message}"))?;
        std::io::stdout().lock().write_all(draft.as_bytes())?;
        return Ok(Outcome::Clean);
    }
    match &args.version {
        None => {
            let draft = changelog::render_release(&log.config, "unstable", &log.fragments);
            std::io::stdout().lock().write_all(draft.as_bytes())?;
        }
        Some(version) => {
            let block = changelog::render_release(&log.config, version, &log.fragments);
            changelog::write_release(
                loaded.tree.root(),
                &log.config,
                &block,
                &log.fragments,
                &loaded.tree,
            )
            .with_context(|| format!("cannot release {} {version}", args.api))?;
            eprintln!(
                "mxspec: released {} {} from {} fragments",
                printable(&args.api),
                printable(version),
                log.fragments.len()
            );
        }
    }
    Ok(Outcome::Clean)
}

fn run_dump(args: &DumpArgs) -> anyhow::Result<Outcome> {
    if let Some(out) = &args.out {
        output::check_destination(out, &args.spec.root, [], &[])?;
    }
    let mut loaded = load(&args.spec)?;
    if let Some(out) = &args.out {
        guard_output(out, &loaded, None)?;
    }
    let format = args.format.unwrap_or(
        if loaded.tree.layout() == mxspec::source::Layout::Document {
            DumpFormat::Bundle
        } else {
            DumpFormat::Swagger2
        },
    );
    let document = loaded.tree.layout() == mxspec::source::Layout::Document;
    let refs = match args.refs {
        Some(DumpRefs::Components) => dump::Refs::Components,
        Some(DumpRefs::Inline) => dump::Refs::Inline,
        None if document => dump::Refs::Components,
        None => dump::Refs::Inline,
    };
    // A bundle, and swagger2 and openapi3 with components, keep refs as refs; the others
    // inline them.
    let inlines = match format {
        DumpFormat::Bundle => false,
        DumpFormat::Swagger2 | DumpFormat::Openapi3 => refs == dump::Refs::Inline,
        // A Matrix tree's, as dump-openapi.py writes it; one document's keeps refs.
        DumpFormat::Openapi31 => !document,
    };
    if inlines && refuse_inlining(&loaded, "dumping") {
        return Ok(Outcome::Problems);
    }
    let options = dump::Options {
        refs,
        budget: loaded.tree.limits().inlined_nodes,
    };
    let blocked = report_loading_errors(&loaded);
    let apis: Vec<_> = match &args.api {
        Some(name) => match loaded.spec.api(name) {
            Some(api) => vec![api],
            None => {
                let known: Vec<_> = loaded.spec.apis.iter().map(|a| a.name.as_str()).collect();
                bail!("no API named `{name}`; the tree has: {}", known.join(", "));
            }
        },
        None => loaded.spec.apis.iter().collect(),
    };
    // An API with loading errors is left out; the others are dumped.
    let (apis, left_out): (Vec<_>, Vec<_>) = apis
        .into_iter()
        .partition(|api| !blocked.contains(&api.name));
    for api in &left_out {
        eprintln!(
            "mxspec: not dumping the {} API: it has loading errors",
            printable(&api.name)
        );
    }
    if apis.is_empty() {
        return Ok(Outcome::Problems);
    }
    if matches!(format, DumpFormat::Bundle) {
        let apis: Vec<String> = apis.iter().map(|api| api.name.clone()).collect();
        return write_bundles(args, &mut loaded, &apis);
    }
    if matches!(format, DumpFormat::Openapi31) && document {
        let apis: Vec<String> = apis.iter().map(|api| api.name.clone()).collect();
        return write_openapi31_of_documents(args, &mut loaded, &apis, &options);
    }
    let mut files = Vec::new();
    if matches!(format, DumpFormat::Openapi31) {
        // The 3.1 dump keeps the sources as written, so it cannot carry Swagger 2.0 groups.
        let swagger: Vec<_> = apis
            .iter()
            .filter(|api| {
                api.groups
                    .iter()
                    .any(|g| g.format == mxspec::model::SpecFormat::Swagger2)
            })
            .map(|api| api.name.as_str())
            .collect();
        if !swagger.is_empty() {
            bail!(
                "--format openapi31 keeps OpenAPI 3.x documents as written; {} written in Swagger 2.0 (use --format openapi3 or swagger2)",
                swagger.join(", ")
            );
        }
    }
    // What the down-converting formats cannot carry, said where it is written.
    let target = match format {
        DumpFormat::Swagger2 => Some(dump::Target::Swagger2),
        DumpFormat::Openapi3 => Some(dump::Target::OpenApi30),
        DumpFormat::Openapi31 | DumpFormat::Bundle => None,
    };
    if let Some(target) = target {
        let lost: Vec<Diagnostic> = apis
            .iter()
            .flat_map(|api| dump::losses(api, target))
            .collect();
        print_diagnostics(&loaded, lost);
    }
    for api in &apis {
        let bytes = match format {
            DumpFormat::Bundle => unreachable!("bundles are written above"),
            DumpFormat::Swagger2 => match dump::swagger2_with(api, &options) {
                Ok(json) => dump::to_json_bytes(&json),
                Err(error) => return too_large(&loaded, error),
            },
            DumpFormat::Openapi3 => match dump::openapi3_with(api, &options) {
                Ok(typed) => dump::to_json_bytes(&typed),
                Err(error) => return too_large(&loaded, error),
            },
            DumpFormat::Openapi31 => dump::openapi31(
                api,
                &dump::Openapi31Options {
                    release: substitutions(&args.spec)
                        .get("CLIENT_RELEASE_LABEL")
                        .cloned()
                        .unwrap_or_else(|| "unstable".into()),
                    base_url: args.base_url.clone(),
                },
            ),
        };
        files.push((format!("{}.json", api.name), bytes));
    }
    write_dump(args, &files)?;
    Ok(outcome_of(&loaded))
}

/// `dump --format bundle`: each group document of `apis` bundled, as DIR/<api>.json for an
/// API of one document, else DIR/<api>/<group>.json.
fn write_bundles(args: &DumpArgs, loaded: &mut Loaded, apis: &[String]) -> anyhow::Result<Outcome> {
    let documents: Vec<(String, mxspec::source::FileId, mxspec::model::SpecFormat)> = apis
        .iter()
        .filter_map(|name| loaded.spec.api(name))
        .flat_map(|api| {
            let single = api.groups.len() == 1;
            api.groups.iter().map(move |group| {
                let path = if single {
                    format!("{}.json", api.name)
                } else {
                    format!("{}/{}.json", api.name, group.name)
                };
                (path, group.file, group.format)
            })
        })
        .collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (path, file, format) in documents {
        match dump::bundle(&mut loaded.tree, file, format) {
            Ok(bundled) => files.push((path, dump::to_json_bytes(&bundled.json))),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        print_diagnostics(loaded, problems);
        return Ok(Outcome::Problems);
    }
    write_dump(args, &files)?;
    Ok(outcome_of(loaded))
}

/// `dump --format openapi31` of one document (not a Matrix tree): its bundle when it is
/// OpenAPI 3.1 already; an OpenAPI 3.0 one's bundle, or a Swagger 2.0 one's OpenAPI 3.0 dump,
/// upgraded to 3.1. Refs stay refs.
fn write_openapi31_of_documents(
    args: &DumpArgs,
    loaded: &mut Loaded,
    apis: &[String],
    options: &dump::Options,
) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for name in apis {
        let Some(api) = loaded.spec.api(name) else {
            continue;
        };
        for group in &api.groups {
            match dump::openapi31_of_document(&mut loaded.tree, api, group, options) {
                Ok(json) => files.push((format!("{name}.json"), dump::to_json_bytes(&json))),
                Err(dump::Openapi31Error::Bundle(found)) => problems.extend(found),
                Err(dump::Openapi31Error::Dump(error)) => return too_large(loaded, error),
            }
        }
    }
    if !problems.is_empty() {
        print_diagnostics(loaded, problems);
        return Ok(Outcome::Problems);
    }
    write_dump(args, &files)?;
    Ok(outcome_of(loaded))
}

/// A dump past its budget is the spec's problem, not a usage error: the diagnostic the loader
/// made where the inlined documents went past `inlined-nodes` (data that refs name, such as
/// examples, is written in full), exit 1. Any other dump error stays an error of the run.
fn too_large(loaded: &Loaded, error: dump::DumpError) -> anyhow::Result<Outcome> {
    match (&error, &loaded.spec.inline_refusal) {
        (dump::DumpError::TooLarge, Some(refusal)) => {
            print_diagnostics(loaded, vec![refusal.clone()]);
            eprintln!("mxspec: not dumping: {error}");
            Ok(Outcome::Problems)
        }
        _ => Err(error.into()),
    }
}

/// Writes a dump's files into --out, or its one file to standard output.
fn write_dump(args: &DumpArgs, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    match &args.out {
        Some(dir) => output::write_folder(dir, files)?,
        None => {
            if files.len() != 1 {
                bail!(
                    "the tree has {} APIs or documents; name one API with --api, or write them all with --out DIR",
                    files.len()
                );
            }
            std::io::stdout().lock().write_all(&files[0].1)?;
        }
    }
    Ok(())
}
