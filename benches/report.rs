//! Speed of `grc check`'s human report on findings in one long line (issue 13: ariadne
//! printed the whole line for every finding on it, 68 MB for 1 000 references in one
//! lid). Run: `cargo bench --bench report`. Target: a 1 MB single-line text with
//! 10 000 findings in under 2 s (parse, check and the report together).

use divan::{Bencher, black_box};

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// One article whose only line (about 1 MB) cites 10 000 articles that do not exist.
fn one_long_line() -> String {
    let mut text = String::from("Artikel 1 Verwijzingen\n");
    let filler = "onverminderd de bevoegdheden van het bestuur en de raden van de deelnemers, ";
    for k in 0..10_000 {
        text.push_str(&format!("zoals bepaald in artikel {} {filler}", 1000 + k));
    }
    text.push_str("einde.\n");
    text
}

#[divan::bench(sample_count = 3)]
fn human_check_of_one_long_line(bencher: Bencher) {
    let text = one_long_line();
    let started = std::time::Instant::now();
    let (n, bytes) = check(&text);
    eprintln!(
        "\n{} bytes, {n} findings, {bytes} bytes of report: {:.2} s",
        text.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(n >= 10_000, "{n} findings");
    bencher.bench(|| check(black_box(&text)));
}

fn check(text: &str) -> (usize, usize) {
    let (tree, mut diags) = grc::source::parse("lang.gr", text);
    diags.extend(grc::check::check(&tree));
    let mut sources = grc::report::Sources::default();
    sources.add("lang.gr", text);
    (
        diags.len(),
        grc::report::human(&diags, &sources, false).len(),
    )
}
