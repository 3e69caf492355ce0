//! Speed of `grc diff` on a large pair: WNK 2015 and SORA 2022 each repeated to about
//! 5 MB with the same edits (`grc::synth::pair`). Run: `cargo bench --bench diff`.
//!
//! `compare_json` is `grc diff --format json` without the I/O (parse both, compare,
//! serialise); `besluit` is `grc diff --format besluit` (parse both, generate, which
//! applies the besluit to check itself, render the text). Sizes 1 and 5 MB show whether
//! the work grows linearly. `benches/diff-vs-git.sh` times the same pair against
//! `git diff --no-index --word-diff`.

use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn pair(megabytes: usize) -> (String, String) {
    static REAL: OnceLock<(grc::tree::Regeling, grc::tree::Regeling)> = OnceLock::new();
    let (old, new) = REAL.get_or_init(|| {
        let load = |f: &str| grc::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
        (
            load("regelingen/wnk-2015.gr"),
            load("regelingen/sora-2022.gr"),
        )
    });
    grc::synth::pair(old, new, megabytes << 20)
}

#[divan::bench(args = [1, 5], sample_count = 5)]
fn compare_json(bencher: Bencher, megabytes: usize) {
    let (a, b) = pair(megabytes);
    bencher
        .counter(BytesCount::new(a.len() + b.len()))
        .bench(|| {
            let old = grc::source::parse("oud.gr", black_box(&a)).0;
            let new = grc::source::parse("nieuw.gr", black_box(&b)).0;
            let cmp = grc::diff::compare(&old, &new, &grc::diff::Options::default());
            serde_json::to_string(&cmp).unwrap().len()
        });
}

#[divan::bench(args = [1, 5], sample_count = 3)]
fn besluit(bencher: Bencher, megabytes: usize) {
    let (a, b) = pair(megabytes);
    let env = grc::render::environment();
    bencher
        .counter(BytesCount::new(a.len() + b.len()))
        .bench(|| {
            let old = grc::source::parse("oud.gr", black_box(&a)).0;
            let new = grc::source::parse("nieuw.gr", black_box(&b)).0;
            let besluit =
                grc::besluit::generate::generate(&old, &new, &grc::diff::Options::default())
                    .expect("the pair round-trips");
            grc::besluit::render(&env, &besluit, "txt").unwrap().len()
        });
}
