//! Writes the large diff pair of the benchmark: `cargo run --release --example pair --
//! 5 /tmp/paar` gives `/tmp/paar/oud.gr` and `/tmp/paar/nieuw.gr` of about 5 MB each.

fn main() {
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "paar".into()));
    let load = |f: &str| grc::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
    let (old, new) = grc::synth::pair(
        &load("regelingen/wnk-2015.gr"),
        &load("regelingen/sora-2022.gr"),
        megabytes << 20,
    );
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("oud.gr"), old).unwrap();
    std::fs::write(dir.join("nieuw.gr"), new).unwrap();
}
