//! Writes a synthetic regeling of N megabytes to stdout (for timing the CLI by hand):
//! `cargo run --release --example synth -- 10 > /tmp/10mb.gr`.
fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let load = |p: &str| grc::source::parse(p, &std::fs::read_to_string(p).unwrap()).0;
    let (a, b) = (
        load("regelingen/sora-2022.gr"),
        load("regelingen/wnk-2015.gr"),
    );
    print!("{}", grc::synth::regeling(&[&a, &b], mb << 20, 7));
}
