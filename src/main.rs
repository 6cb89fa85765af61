//! The `mxspec` command line: parses arguments, runs one command, maps the outcome to an exit
//! code (0 clean, 1 problems found in the spec, 2 usage or I/O error).

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
