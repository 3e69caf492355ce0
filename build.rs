//! Turns the act table `src/refs/wetten.toml` (data, written partly by hand and partly
//! by `tools/acts-from-bwb.py`) into Rust statics, so that grc never parses 1 MB of TOML
//! at run time: `$OUT_DIR/acts.rs` holds every act and a sorted index of its names in
//! lower case, searched by `refs::acts`. It also compiles what the spelling check (L006)
//! used to build at every start (issue 17): the OpenTaal word list `dict/nl.dic` into an
//! image read in place (`$OUT_DIR/nl.words`, see `vendor/spellbook/src/compiled.rs`), and
//! the words of the act names (`$OUT_DIR/act_words.rs`).

use std::fmt::Write;

#[derive(serde::Deserialize)]
struct Table {
    act: Vec<Act>,
}

#[derive(serde::Deserialize)]
struct Act {
    name: String,
    #[serde(default)]
    short: Option<String>,
    #[serde(default)]
    bwb: Option<String>,
    #[serde(default)]
    names: Vec<String>,
}

/// A name as `refs::acts` looks it up: lower case, dashes and hyphens as spaces (texts
/// write "Financiële verhoudingswet" and "1940–1945" for "Financiële-verhoudingswet" and
/// "1940-1945"). Must stay the same as `refs::acts::key_char`.
fn key(name: &str) -> String {
    name.chars()
        .flat_map(|c| match c {
            '-' | '–' | '—' | '\u{a0}' => vec![' '],
            c => c.to_lowercase().collect(),
        })
        .collect()
}

fn main() {
    let path = "src/refs/wetten.toml";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).expect("src/refs/wetten.toml is readable");
    let table: Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid: {e}"));
    let mut out = String::new();
    out.push_str("pub static ACTS: &[Act] = &[\n");
    let mut index: Vec<(String, usize)> = Vec::new();
    for (i, a) in table.act.iter().enumerate() {
        let names = if a.names.is_empty() {
            vec![a.name.clone()]
        } else {
            a.names.clone()
        };
        for n in &names {
            index.push((key(n), i));
        }
        let names_lit: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        writeln!(
            out,
            "    Act {{ name: {:?}, short: {:?}, bwb: {:?}, names: &[{}] }},",
            a.name,
            a.short.as_deref().unwrap_or(&a.name),
            a.bwb.as_deref(),
            names_lit.join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n");
    // One name, one act: the first entry (the hand-written part) wins.
    index.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    index.dedup_by(|b, a| a.0 == b.0);
    out.push_str("pub static NAMES: &[(&str, u16)] = &[\n");
    for (n, i) in &index {
        writeln!(out, "    ({n:?}, {i}),").unwrap();
    }
    out.push_str("];\n");
    // Two lookup tables `refs::acts` built on first use at every start until issue 17
    // (21 M instructions, a quarter of `grc diff` on the real pair): made here once.
    out.push_str("pub static FIRST_WORDS: &[&str] = &[\n");
    for w in first_words(&index) {
        writeln!(out, "    {w:?},").unwrap();
    }
    out.push_str("];\n");
    out.push_str("pub static LOWER_CASE_ABBREVIATIONS: &[(&str, u32)] = &[\n");
    for (w, i) in lower_case_abbreviations(&table) {
        writeln!(out, "    ({w:?}, {i}),").unwrap();
    }
    out.push_str("];\n");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("acts.rs"), out).unwrap();
    std::fs::write(out_dir.join("act_words.rs"), act_words(&table)).unwrap();
    dictionary(&out_dir);
}

/// The OpenTaal word list as an image for `spellbook::Dictionary::from_compiled`: parsing
/// the 180 000 lines of `nl.dic` cost every spell-checking command 0.22 G instructions.
fn dictionary(out_dir: &std::path::Path) {
    println!("cargo:rerun-if-changed=dict/nl.aff");
    println!("cargo:rerun-if-changed=dict/nl.dic");
    let aff = std::fs::read_to_string("dict/nl.aff").expect("dict/nl.aff is readable");
    let dic = std::fs::read_to_string("dict/nl.dic").expect("dict/nl.dic is readable");
    let image = spellbook::compile(&aff, &dic).expect("the vendored OpenTaal dictionary parses");
    std::fs::write(out_dir.join("nl.words"), image).unwrap();
}

/// Every word of the act names in lower case, hyphenated words also by their parts,
/// sorted and distinct: `ACT_WORDS`, which `check::proofread::spelling` searches (it built
/// the set at every start: 0.19 G instructions). The words are found as
/// `check::proofread::words_into` finds them; a test there compares the two.
fn act_words(table: &Table) -> String {
    let mut set = std::collections::BTreeSet::new();
    for act in &table.act {
        let names = if act.names.is_empty() {
            std::slice::from_ref(&act.name)
        } else {
            &act.names[..]
        };
        let short = act.short.as_ref().unwrap_or(&act.name);
        for name in names.iter().chain([&act.name, short]) {
            for (s, e) in words(name) {
                let w = name[s..e].replace('’', "'").to_lowercase();
                for part in w.split('-') {
                    set.insert(part.to_string());
                }
                set.insert(w);
            }
        }
    }
    let mut out = String::from("pub static ACT_WORDS: &[&str] = &[\n");
    for w in &set {
        writeln!(out, "    {w:?},").unwrap();
    }
    out.push_str("];\n");
    out
}

/// The words of `text` as byte ranges, as `check::proofread::words_into` finds them:
/// runs of letters and digits, with an apostrophe or hyphen inside a word.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let next = &text[i + c.len_utf8()..];
        let inner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && next.chars().next().is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The first word of every name key, without a final full stop, sorted and distinct: a
/// word that is none of these begins no name (`refs::acts::named_at`).
fn first_words(index: &[(String, usize)]) -> std::collections::BTreeSet<&str> {
    index
        .iter()
        .map(|(key, _)| {
            let word = key.split(' ').next().unwrap_or(key);
            let word = word.split([',', ';', ':', '(', ')']).next().unwrap_or(word);
            word.trim_end_matches('.')
        })
        .collect()
}

/// The names and short names that are abbreviations (2 to 5 letters, a capital first,
/// no vowel after it unless a capital too: `Wgr`, `AWBZ`, not `Wet`) in lower case, each
/// with its act; a lower-case form two acts share is left out (`refs::acts::
/// lower_case_abbreviation` answers nothing for it). Sorted by the lower-case form.
fn lower_case_abbreviations(table: &Table) -> std::collections::BTreeMap<String, u32> {
    let mut map: std::collections::BTreeMap<String, Option<u32>> = Default::default();
    for (i, act) in table.act.iter().enumerate() {
        // The names and the short name as the ACTS static holds them.
        let names = if act.names.is_empty() {
            std::slice::from_ref(&act.name)
        } else {
            &act.names[..]
        };
        let short = act.short.as_ref().unwrap_or(&act.name);
        for name in names.iter().chain([short]) {
            let n = name.chars().count();
            let tail_vowel = name.chars().skip(1).any(|c| "aeiouy".contains(c));
            let tail_capital = name.chars().skip(1).any(char::is_uppercase);
            if !(2..=5).contains(&n)
                || !name.chars().all(char::is_alphabetic)
                || !name.starts_with(char::is_uppercase)
                || tail_vowel && !tail_capital
            {
                continue;
            }
            let slot = map.entry(name.to_lowercase()).or_insert(Some(i as u32));
            if *slot != Some(i as u32) {
                *slot = None;
            }
        }
    }
    map.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()
}
