//! Command-line arguments (what the user typed, checked without I/O) and the commands they run.

mod args;
mod commands;
mod serve;

use std::process::ExitCode;

use clap::Parser;

/// Exit code for a spec with problems.
const EXIT_PROBLEMS: u8 = 1;
/// Exit code for usage and I/O errors.
const EXIT_USAGE: u8 = 2;

/// What a command decided about the spec.
pub enum Outcome {
    /// Nothing wrong.
    Clean,
    /// The spec has errors (they were printed).
    Problems,
}

pub fn main() -> ExitCode {
    let args = match args::Cli::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            // clap's help and version requests are successes; every other parse error is usage.
            return if err.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match commands::run(args) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(EXIT_PROBLEMS),
        Err(err) => {
            // The message may quote the tree (a file name, an API folder): escaped whole.
            eprintln!(
                "mxspec: error: {}",
                mxspec::escape::printable(&format!("{err:#}"))
            );
            ExitCode::from(EXIT_USAGE)
        }
    }
}
