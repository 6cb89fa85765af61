//! Runs a parsed command line: loads the spec, runs the command, prints or writes its output.

use std::io::Write as _;

use anyhow::{Context as _, bail};

use super::Outcome;
use super::args::{CheckArgs, CheckFormat, Cli, Command, DumpArgs, DumpFormat, SpecArgs};
use mxspec::diagnostic::{self, Severity};
use mxspec::model::LoadOptions;
use mxspec::{Loaded, check, dump, output};

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Dump(args) => run_dump(&args),
    }
}

fn load(args: &SpecArgs) -> anyhow::Result<Loaded> {
    let mut options = LoadOptions::default();
    options.substitutions.extend(args.set.iter().cloned());
    mxspec::load(&args.root, &options)
        .with_context(|| format!("cannot load {}", args.root.display()))
}

fn run_check(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let loaded = load(&args.spec)?;
    let report = check::check(&loaded);
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
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(diagnostic::render(&loaded.tree, &shown, format).as_bytes())?;
    // The summary goes to stderr, so JSON on stdout stays parseable.
    eprintln!("{}", report.summary.line());
    Ok(if report.summary.errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn run_dump(args: &DumpArgs) -> anyhow::Result<Outcome> {
    let loaded = load(&args.spec)?;
    // Only loading errors (syntax, refs, structure) leave the model incomplete; what `check`
    // adds (an invalid example, say) does not make a dump wrong, so it does not block one.
    let mut errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        diagnostic::sort_and_dedup(&loaded.tree, &mut errors);
        eprint!(
            "{}",
            diagnostic::render(&loaded.tree, &errors, diagnostic::Format::Human)
        );
        eprintln!(
            "mxspec: not dumping: the spec has {} loading errors",
            errors.len()
        );
        return Ok(Outcome::Problems);
    }
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
    let mut files = Vec::new();
    for api in &apis {
        let bytes = match args.format {
            DumpFormat::Swagger2 => dump::to_json_bytes(&dump::swagger2(api)),
            DumpFormat::Openapi3 => dump::to_json_bytes(&dump::openapi3(api)?),
        };
        files.push((format!("{}.json", api.name), bytes));
    }
    match &args.out {
        Some(dir) => output::write_folder(dir, &files)?,
        None => {
            if files.len() != 1 {
                bail!(
                    "the tree has {} APIs; name one with --api, or write them all with --out DIR",
                    files.len()
                );
            }
            std::io::stdout().lock().write_all(&files[0].1)?;
        }
    }
    Ok(Outcome::Clean)
}
