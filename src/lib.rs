//! grc: a compiler and diff tool for Dutch Gemeenschappelijke Regelingen.
//!
//! The pipeline, one module per stage: [`source`] (text → [`tree`]), [`check`]
//! (tree → diagnostics). The CLI in `src/main.rs` is the only place with I/O.
//! See ARCHITECTURE.md for the code map and the invariant of each stage.

pub mod besluit;
pub mod build;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod import;
pub mod nl;
pub mod refs;
pub mod render;
pub mod report;
pub mod schema;
pub mod source;
pub mod stemmen;
pub mod synth;
pub mod tree;
