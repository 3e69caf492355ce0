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

/// Every check on one regeling.
pub fn check(regeling: &Regeling) -> Vec<Diagnostic> {
    let mut diags = numbering::check(regeling);
    diags.extend(citeertitel::check(regeling));
    diags.extend(references::check(regeling));
    diags.extend(terms::check(regeling));
    diags.extend(proofread::check(regeling));
    diagnostic::sort(&mut diags);
    diags
}
