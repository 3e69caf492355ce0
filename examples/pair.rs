//! Writes the large diff pair of the benchmark: `cargo run --release --example pair --
//! 5 /tmp/paar` gives `/tmp/paar/oud.gr` and `/tmp/paar/nieuw.gr` of about 5 MB each;
//! `100x` instead of a size in MB repeats the real pair exactly 100 times.

fn main() {
    let mut args = std::env::args().skip(1);
    let size = args.next().unwrap_or_else(|| "5".into());
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "paar".into()));
    let load = |f: &str| grc::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
    let (old, new) = (
        load("regelingen/wnk-2015.gr"),
        load("regelingen/sora-2022.gr"),
    );
    let target = match size.strip_suffix('x') {
        // `synth::pair` repeats until the old text reaches the target: n copies exactly.
        Some(n) => n.parse::<usize>().unwrap_or(1) * grc::source::write(&old).len(),
        None => size.parse::<usize>().unwrap_or(5) << 20,
    };
    let (old, new) = grc::synth::pair(&old, &new, target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("oud.gr"), old).unwrap();
    std::fs::write(dir.join("nieuw.gr"), new).unwrap();
}
