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

/// mimalloc v3's `mi_option_allow_thp` (its place in `enum mi_option_e`; not named by
/// libmimalloc-sys either). The test below pins the number to the option.
const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Memory in 4 KB pages only, no transparent huge pages. mimalloc asks the kernel for huge
/// pages on its arenas (`madvise`), and a 2 MB page is resident as a whole as soon as one
/// byte of it is touched, and stays so while one block in it lives: the peak resident
/// memory of `grc check` of a 10 MB regeling was 104 MB against 90 MB without them, of
/// `grc build` of the 100x pair 381–409 MB against 353 MB (README, issue 17, eighth
/// round: memory). The option is read when mimalloc maps memory; the arena it mapped
/// before `main` is covered by the process's THP switch (Linux only), which the kernel
/// consults at every page fault.
fn small_pages_only() {
    // SAFETY: sets an integer option; mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(ALLOW_THP, 0) };
    #[cfg(target_os = "linux")]
    {
        use std::ffi::{c_int, c_ulong};
        unsafe extern "C" {
            fn prctl(option: c_int, ...) -> c_int;
        }
        const PR_SET_THP_DISABLE: c_int = 41;
        // SAFETY: PR_SET_THP_DISABLE takes four unsigned longs and changes only this
        // process's page policy; a kernel without it returns an error, which is ignored
        // (the pages are then as before).
        unsafe {
            prctl(
                PR_SET_THP_DISABLE,
                1 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
                0 as c_ulong,
            )
        };
    }
}

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    purge_at_once();
    small_pages_only();
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

    /// Pins an option's number to the option: its default `default` (unless the
    /// environment sets it) is a value neither option beside it has, and `set` makes it
    /// `after`.
    fn pins(
        option: libmimalloc_sys::mi_option_t,
        env: &str,
        default: std::ffi::c_long,
        set: fn(),
        after: std::ffi::c_long,
    ) {
        // SAFETY: reads an integer option.
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os(env).is_none() {
            assert_eq!(get(option), default);
        }
        assert_ne!(get(option - 1), default);
        assert_ne!(get(option + 1), default);
        set();
        assert_eq!(get(option), after);
    }

    /// Option 15 is the purge delay: its default in mimalloc v3 is 1 000 ms (options.c; the
    /// header still says 10), which no option around it has.
    #[test]
    fn option_15_is_mimallocs_purge_delay() {
        pins(PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 1000, purge_at_once, 0);
    }

    /// Option 43 allows transparent huge pages: 1 by default on Linux, and neither option
    /// beside it (the cross-thread reclaim limit, 32; the minimal purge size, 0) is 1.
    #[test]
    #[cfg(target_os = "linux")]
    fn option_43_is_mimallocs_allow_thp() {
        pins(ALLOW_THP, "MIMALLOC_ALLOW_THP", 1, small_pages_only, 0);
    }
}
