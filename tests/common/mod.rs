//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::Path;

use grc::diagnostic::Diagnostic;
use grc::tree::*;

/// insta settings that put every snapshot in the top-level `snapshots/` folder.
pub fn snapshots() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(true);
    s
}

/// Reads, decodes and parses a file the way the CLI does; returns the tree, all
/// diagnostics (parser and checks) and the decoded text.
pub fn load(path: &Path) -> (Regeling, Vec<Diagnostic>, String) {
    load_with(path, grc::check::Options::default())
}

/// [`load`] with the optional checks `options` asks for (`grc check --spelling`).
pub fn load_with(path: &Path, options: grc::check::Options) -> (Regeling, Vec<Diagnostic>, String) {
    let name = relative(path);
    let bytes = std::fs::read(path).unwrap();
    let (text, problem) = grc::source::decode(&name, &bytes);
    let (regeling, mut diags) = grc::source::parse(&name, &text);
    diags.extend(problem);
    diags.extend(grc::check::check_with(&regeling, options));
    grc::diagnostic::sort(&mut diags);
    (regeling, diags, text)
}

/// The numbers of a regeling's articles, in order (`""` for an article without one).
pub fn article_numbers(r: &Regeling) -> Vec<String> {
    grc::tree::walk::articles(r)
        .iter()
        .map(|a| a.number.clone().unwrap_or_default())
        .collect()
}

/// A path relative to the crate root, with forward slashes (stable in snapshots).
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The expected diagnostics written next to a fixture: `<file>.verwacht`, one
/// `CODE LINE` per line, `#` for comments.
pub fn expected(path: &Path) -> Vec<(String, u32)> {
    let sidecar = format!("{}.verwacht", path.display());
    let text = std::fs::read_to_string(&sidecar)
        .unwrap_or_else(|_| panic!("{sidecar} is missing: write the expected diagnostics"));
    let mut out: Vec<(String, u32)> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (code, line) = l.split_once(' ').expect("`CODE LINE`");
            (
                code.to_string(),
                line.trim().parse().expect("a line number"),
            )
        })
        .collect();
    out.sort();
    out
}

/// The (code, line) pairs of diagnostics, sorted.
pub fn found(diags: &[Diagnostic]) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = diags.iter().map(|d| (d.code.clone(), d.line)).collect();
    out.sort();
    out
}

/// The human report, without colour.
pub fn human(diags: &[Diagnostic], file: &str, text: &str) -> String {
    let mut sources = grc::report::Sources::default();
    sources.add(file, text);
    grc::report::human(diags, &sources, false)
}

/// Word-level, lid, onderdeel and article edits at random places of the real texts (for
/// the round trip of the wijzigingsbesluit and the invariants of the diff).
pub fn mutate(r: &Regeling, rng: &mut grc::synth::Rng) -> Regeling {
    let mut m = r.clone();
    const WORDS: [&str; 8] = [
        "gemeenschappelijk",
        "bestuur",
        "\"citaat\"",
        "(tussen haakjes)",
        "artikel",
        "de",
        "tenminste",
        "SORA,",
    ];
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let kind = rng.below(9);
        let chapters: Vec<usize> = (0..m.body.len())
            .filter(|i| matches!(m.body[*i], Deel::Hoofdstuk(_)))
            .collect();
        let Some(&ci) = chapters.get(rng.below(chapters.len().max(1))) else {
            return m;
        };
        let Deel::Hoofdstuk(h) = &mut m.body[ci] else {
            unreachable!()
        };
        if h.content.is_empty() {
            continue;
        }
        let ai = rng.below(h.content.len());
        match kind {
            // Words in an alinea: replace, insert, delete.
            0..=2 => {
                let mut texts: Vec<&mut Alinea> = Vec::new();
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    collect(&mut a.content, &mut texts);
                }
                if texts.is_empty() {
                    continue;
                }
                let k = rng.below(texts.len());
                let a = &mut texts[k];
                let mut words: Vec<String> = a.text.split(' ').map(str::to_string).collect();
                let w = rng.below(words.len());
                let new = WORDS[rng.below(WORDS.len())].to_string();
                match kind {
                    0 => words[w] = new,
                    1 => words.insert(w, new),
                    _ if words.len() > 2 => {
                        words.remove(w);
                    }
                    _ => {}
                }
                a.text = words.join(" ");
            }
            // A lid repealed, the ones after it renumbered (or not).
            3 | 4 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let leden: Vec<usize> = (0..a.content.len())
                        .filter(|i| matches!(a.content[*i], Blok::Lid(_)))
                        .collect();
                    if leden.len() > 1 {
                        let li = leden[rng.below(leden.len())];
                        a.content.remove(li);
                        if kind == 3 {
                            renumber_leden(a);
                        }
                    }
                }
            }
            // A lid inserted (a copy of another), leden renumbered.
            5 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let leden: Vec<usize> = (0..a.content.len())
                        .filter(|i| matches!(a.content[*i], Blok::Lid(_)))
                        .collect();
                    if !leden.is_empty() {
                        let from = leden[rng.below(leden.len())];
                        let copy = a.content[from].clone();
                        a.content.insert(leden[rng.below(leden.len())], copy);
                        renumber_leden(a);
                    }
                }
            }
            // An onderdeel repealed or inserted, relettered.
            6 => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    let mut lists: Vec<&mut Lijst> = Vec::new();
                    lists_of(&mut a.content, &mut lists);
                    if let Some(list) = lists.into_iter().find(|l| l.items.len() > 1) {
                        let i = rng.below(list.items.len());
                        if rng.below(2) == 0 {
                            list.items.remove(i);
                        } else {
                            let copy = list.items[rng.below(list.items.len())].clone();
                            list.items.insert(i, copy);
                        }
                        if list.items.len() <= 26 {
                            for (k, item) in list.items.iter_mut().enumerate() {
                                if !item.number.ends_with('°') {
                                    item.number = ((b'a' + k as u8) as char).to_string();
                                }
                            }
                        }
                    }
                }
            }
            // An article repealed, or a new one inserted after it.
            7 => {
                if rng.below(2) == 0 && h.content.len() > 1 {
                    h.content.remove(ai);
                } else if let Deel::Artikel(a) = &h.content[ai] {
                    let mut copy = a.clone();
                    copy.number = Some(format!("{}a", a.number.clone().unwrap_or_default()));
                    if !h
                        .content
                        .iter()
                        .any(|d| matches!(d, Deel::Artikel(x) if x.number == copy.number))
                    {
                        h.content.insert(ai + 1, Deel::Artikel(copy));
                    }
                }
            }
            // A new heading.
            _ => {
                if let Deel::Artikel(a) = &mut h.content[ai] {
                    a.heading = Some(Tekst {
                        text: format!("Nieuw opschrift {}", rng.below(100)),
                        span: Span::default(),
                    });
                }
            }
        }
    }
    m
}

fn collect<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Alinea>) {
    for b in content {
        match b {
            Blok::Alinea(a) => out.push(a),
            Blok::Lid(l) => collect(&mut l.content, out),
            Blok::Lijst(list) => {
                for item in &mut list.items {
                    collect(&mut item.content, out);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

fn lists_of<'a>(content: &'a mut [Blok], out: &mut Vec<&'a mut Lijst>) {
    for b in content {
        match b {
            Blok::Lid(l) => lists_of(&mut l.content, out),
            Blok::Lijst(list) => out.push(list),
            _ => {}
        }
    }
}

fn renumber_leden(a: &mut Artikel) {
    let mut n = 0;
    for b in &mut a.content {
        if let Blok::Lid(l) = b {
            n += 1;
            l.number = n.to_string();
        }
    }
}

/// A test that cannot run here says so where the person running `cargo test` sees it:
/// libtest captures `eprintln!` of a passing test, so this writes to the process's
/// standard error directly. When `required` names an environment variable set to
/// `required` (as `.ci/run` sets them), a missing tool is a failure instead.
pub fn skip(required: &str, why: &str) {
    use std::io::Write;
    assert!(
        std::env::var(required).as_deref() != Ok("required"),
        "{required}=required but {why}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: {why} ({required} is not `required`) ***\n"
    );
}

/// The commands a `grc --help` lists under "Opdrachten" (`tree`, `check`, ...).
pub fn commands_in_help(help: &str) -> Vec<String> {
    help.split("Opdrachten:\n")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The long options named in `text` (`--format`, ...), in order, with repeats.
pub fn long_options(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "`,=()[]".contains(c))
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| {
            w.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_string()
        })
        .collect()
}

/// `grc build regelingen -o <dir>/out` from the repository root; the output folder.
#[allow(dead_code)]
pub fn build_real(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_grc"))
        .args(["build", "regelingen", "-o", out.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}
