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

/// mimalloc v3's `mi_option_purge_delay` (its place in `enum mi_option_e` of mimalloc.h;
/// libmimalloc-sys names no constant for it). The test below pins the number to the option.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the system at once instead of a second later. A run frees a whole
/// stage's data (a tree, the comparison, a finished page) and then allocates the next
/// stage's; with the delay both were resident at once. Peak resident memory: `grc check` of
/// a 10 MB regeling 138 → 106 MB, `grc build` of the 10x pair 135 → 93 MB, with the same
/// user and system time (README, issue 17, fifth round).
fn purge_at_once() {
    // SAFETY: sets an integer option; mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    purge_at_once();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Option 15 is the purge delay: its default in mimalloc v3 is 1 000 ms (options.c; the
    /// header still says 10), which no option around it has.
    #[test]
    fn option_15_is_mimallocs_purge_delay() {
        // SAFETY: reads an integer option.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(PURGE_DELAY), 1000);
        }
        assert_ne!(get(PURGE_DELAY - 1), 1000);
        assert_ne!(get(PURGE_DELAY + 1), 1000);
        purge_at_once();
        assert_eq!(get(PURGE_DELAY), 0);
    }
}
