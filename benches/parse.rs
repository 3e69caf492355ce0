//! Speed of parse plus the checks on large synthetic regelingen, built by
//! `grc::synth` from the two real texts. Run: `cargo bench --bench parse`.
//!
//! Sizes 1, 5, 10 and 20 MB: the throughput at 10 MB is the headline figure, and the
//! 10 → 20 MB times show whether the work grows linearly. The benchmark uses the same
//! allocator as the `grc` binary (mimalloc).

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn templates() -> &'static [grc::tree::Regeling] {
    static T: OnceLock<Vec<grc::tree::Regeling>> = OnceLock::new();
    T.get_or_init(|| {
        ["regelingen/sora-2022.gr", "regelingen/wnk-2015.gr"]
            .iter()
            .map(|f| grc::source::parse(f, &std::fs::read_to_string(f).unwrap()).0)
            .collect()
    })
}

fn text(megabytes: usize) -> String {
    let t: Vec<&grc::tree::Regeling> = templates().iter().collect();
    grc::synth::regeling(&t, megabytes << 20, 7)
}

type Parse = fn(&str, &str) -> (grc::tree::Regeling, Vec<grc::diagnostic::Diagnostic>);
type Check = fn(&grc::tree::Regeling) -> Vec<grc::diagnostic::Diagnostic>;

/// Runs one parse function and one check over a synthetic regeling of that size.
fn stage(bencher: Bencher, megabytes: usize, parse: Parse, check: Check) {
    let source = text(megabytes);
    bencher.counter(BytesCount::new(source.len())).bench(|| {
        let (tree, diags) = parse("groot.gr", black_box(&source));
        let findings = check(&tree);
        black_box((tree, diags, findings))
    });
}

/// What `grc check` does per file: parse, then every check.
#[divan::bench(args = [1, 5, 10, 20], sample_count = 20)]
fn parse_and_check(bencher: Bencher, megabytes: usize) {
    stage(bencher, megabytes, grc::source::parse, grc::check::check);
}

/// What `grc check` does per file when the metadata names population data (`inwoners:`,
/// which the synthetic regeling has): parse, every check, and the voting analysis.
#[divan::bench(args = [10, 20], sample_count = 20)]
fn parse_check_and_vote(bencher: Bencher, megabytes: usize) {
    let source = text(megabytes);
    let csv = std::fs::read_to_string("regelingen/inwoners.csv").unwrap();
    let (data, _) = grc::stemmen::population::parse("inwoners.csv", &csv);
    let (tree, _) = grc::source::parse("groot.gr", &source);
    assert!(tree.metadata.population_file.is_some());
    let (rules, _) = grc::stemmen::rules(&tree);
    assert!(rules.len() > 100, "{} voting clauses", rules.len());
    bencher.counter(BytesCount::new(source.len())).bench(|| {
        let (tree, diags) = grc::source::parse("groot.gr", black_box(&source));
        let findings = grc::check::check(&tree);
        let deelnemers = grc::stemmen::deelnemers(&tree, &data, false);
        let s = grc::stemmen::compute(&tree, &data, &deelnemers);
        black_box((tree, diags, findings, s))
    });
}

/// Issue 2's figure: parse (with the references, as every command gets it) plus the
/// structural checks only (numbering: duplicate, out of order and skipped numbers),
/// without the reference and term checks of later issues.
#[divan::bench(args = [10, 20], sample_count = 20)]
fn parse_and_structure(bencher: Bencher, megabytes: usize) {
    stage(
        bencher,
        megabytes,
        grc::source::parse,
        grc::check::numbering::check,
    );
}

/// The same without extracting references: what the parser did when issue 2 set its
/// target, so the two lines show what the references cost.
#[divan::bench(args = [10, 20], sample_count = 20)]
fn structure_only(bencher: Bencher, megabytes: usize) {
    stage(
        bencher,
        megabytes,
        grc::source::parse_structure,
        grc::check::numbering::check,
    );
}

/// The pest grammar alone: classifying every line.
#[divan::bench(args = [10], sample_count = 20)]
fn classify_lines(bencher: Bencher, megabytes: usize) {
    let source = text(megabytes);
    bencher.counter(BytesCount::new(source.len())).bench(|| {
        let mut n = 0usize;
        grc::source::grammar::classify_by_grammar(black_box(&source), 0, 1, &mut |_| n += 1);
        black_box(n)
    });
}

/// What the parser runs: the byte test first, pest for the lines it leaves.
#[divan::bench(args = [10], sample_count = 20)]
fn classify_lines_bytes_first(bencher: Bencher, megabytes: usize) {
    let source = text(megabytes);
    bencher.counter(BytesCount::new(source.len())).bench(|| {
        let mut n = 0usize;
        grc::source::grammar::classify(black_box(&source), 0, 1, &mut |_| n += 1);
        black_box(n)
    });
}
