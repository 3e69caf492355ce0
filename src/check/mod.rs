//! Checks: pure functions from a tree to diagnostics.
//!
//! Invariant: a check reads the tree and nothing else (no files, no clock), and returns
//! its findings sorted by position. `grc check` runs [`check`], which runs them all.

pub mod citeertitel;
pub mod links;
pub mod numbering;
pub mod proofread;
pub mod references;
pub mod terms;

use crate::diagnostic::{self, Diagnostic};
use crate::tree::Regeling;

/// Which optional checks run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The spelling check (L006): it loads the Dutch dictionary (about 85 ms, once per
    /// process), too slow to add to every keystroke in an editor, so `grc check` runs it
    /// on request.
    pub spelling: bool,
}

/// Every check on one regeling but the optional ones.
pub fn check(regeling: &Regeling) -> Vec<Diagnostic> {
    check_with(regeling, Options::default())
}

/// Every check on one regeling, with the optional ones `options` asks for.
pub fn check_with(regeling: &Regeling, options: Options) -> Vec<Diagnostic> {
    let mut diags = numbering::check(regeling);
    diags.extend(citeertitel::check(regeling));
    diags.extend(references::check(regeling));
    diags.extend(terms::check(regeling));
    diags.extend(proofread::check(regeling));
    if options.spelling {
        diags.extend(proofread::spelling::check(regeling));
    }
    diagnostic::sort(&mut diags);
    diags
}
