//! The `grc` command: argument parsing (clap) and I/O only. Every command reads its
//! inputs, calls pure library functions, and writes what they return.
//!
//! Exit codes: 0 no errors (warnings allowed), 1 errors in a document, 2 a usage or
//! I/O problem.

mod cli;

// mimalloc roughly halves the time spent allocating and freeing the hundreds of thousands
// of small strings a large regeling's tree holds (see the benchmark in benches/).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let argv = cli::with_help_command(std::env::args_os().collect());
    let args = match cli::Cli::try_parse_from(&argv) {
        Ok(args) => args,
        Err(e) => return cli::usage_error(e, &argv),
    };
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        // The reader of our output has gone (`grc ... | head`): it has what it wanted.
        Err(cli::io::IoProblem::ClosedPipe) => ExitCode::SUCCESS,
        Err(problem) => {
            cli::io::stderr(&format!("fout: {problem}\n"));
            ExitCode::from(2)
        }
    }
}
