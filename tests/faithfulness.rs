//! Faithfulness of the two transcriptions to the seed.
//!
//! The seed (regelingen/bron/bijlage-gr-wnk.txt) prints WNK 2015 and SORA 2022 as one
//! marked-up text. This test derives both versions from that markup *mechanically*, by the
//! rules in regelingen/README.md ("Mechanical derivation"), and compares them word by word
//! with regelingen/wnk-2015.gr and regelingen/sora-2022.gr. Every difference must be one
//! of the judgements listed in regelingen/README.md, and every judgement must be used.

use std::collections::BTreeMap;
use std::fs;

use grc::tree::walk::{block_text, item_label};
use grc::tree::{Blok, Deel, Regeling};
use similar::{Algorithm, DiffTag, capture_diff_slices};

// ----- mechanical derivation ------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Old,
    New,
}

/// One version's words, each with its location (`titel`, `aanhef`, `artikel 9`, ...).
#[derive(Debug, Default)]
struct Words {
    words: Vec<(String, String)>,
}

impl Words {
    fn push_text(&mut self, location: &str, text: &str) {
        for w in normalise(text).split_whitespace() {
            self.words.push((location.to_string(), w.to_string()));
        }
    }
}

/// Markup removed (`*`), white space collapsed, no space before `,` `.` `;` `:`.
fn normalise(text: &str) -> String {
    let plain: String = text.chars().filter(|&c| c != '*').collect();
    let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        if matches!(c, ',' | '.' | ';' | ':') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// A line of the seed body after markup: what each version keeps of it.
struct Unit {
    location: String,
    old: String,
    new: String,
    /// The line starts a lid (`12. ...`), judged on the line without markup.
    lid_start: bool,
}

const OLD_TITLE: &str = "Gemeenschappelijke Regeling Werkvoorzieningsschap Noord Kennemerland";
const NEW_TITLE: &str = "Gemeenschappelijke regeling Sociale Onderneming Regio Alkmaar";

/// Splits a line by the seed's markup: `~~x~~` is only in the old version, `**x**` only
/// in the new one. The state carries over line ends (a strike can span lines).
fn split_markup(line: &str, strike: &mut bool, bold: &mut bool) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("~~") {
            *strike = !*strike;
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix("**") {
            *bold = !*bold;
            rest = r;
            continue;
        }
        let c = rest.chars().next().unwrap();
        if *strike {
            old.push(c);
        } else if *bold {
            new.push(c);
        } else {
            old.push(c);
            new.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    (old, new)
}

fn article_number(line: &str) -> Option<(String, bool)> {
    // `Artikel 12 ...`, or with a drafter's instruction: `nieuw Artikel 20a ...`,
    // `Toevoegen Artikel 21a ...` (the instruction marks the article as new-only).
    let (rest, instructed) = if let Some(r) = line.strip_prefix("nieuw ") {
        (r, true)
    } else if let Some(r) = line.strip_prefix("Toevoegen ") {
        (r, true)
    } else {
        (line, false)
    };
    let rest = rest.strip_prefix("Artikel ")?;
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!number.is_empty() && number.chars().next()?.is_ascii_digit()).then_some((number, instructed))
}

fn is_lid_start(text: &str) -> bool {
    let digits = text.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && text[digits..].starts_with(". ")
}

/// Derives (old title, old aanhef, old body) and the same for the new version.
fn derive(seed: &str) -> (Words, Words) {
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == OLD_TITLE)
        .expect("the seed has the old title after its table of contents");
    #[derive(PartialEq)]
    enum Part {
        OldPreamble,
        NewPreamble,
        Body,
    }
    let mut part = Part::OldPreamble;
    let mut strike = false;
    let mut bold = false;
    let mut old = Words::default();
    let mut new = Words::default();
    let mut units: Vec<Unit> = Vec::new();
    let mut location = String::from("hoofdstuk 1");
    let mut article_start = 0usize;
    let mut previous_number: Option<String> = None;
    let mut article_new_only = false;
    let mut rest_new_only = false;
    for (i, raw) in lines[start..].iter().enumerate() {
        let mut line = raw.trim();
        if let Some(r) = line.strip_prefix("- ") {
            line = r.trim_start();
        }
        if line.is_empty() {
            continue;
        }
        if i == 0 {
            old.push_text("titel", line);
            continue;
        }
        match part {
            Part::OldPreamble => {
                if line == "De preambule moet komen te luiden" {
                    part = Part::NewPreamble;
                } else {
                    let (o, _) = split_markup(line, &mut strike, &mut bold);
                    old.push_text("aanhef", &o);
                }
                continue;
            }
            Part::NewPreamble => {
                if line == NEW_TITLE {
                    new.push_text("titel", line);
                    part = Part::Body;
                } else {
                    let (_, n) = split_markup(line, &mut strike, &mut bold);
                    new.push_text("aanhef", &n);
                }
                continue;
            }
            Part::Body => {}
        }
        // Drafter's instructions.
        if line == "toevoegen" {
            rest_new_only = true;
            continue;
        }
        if line.starts_with("Schrappen") {
            // The lid just before the instruction is dropped from the new version.
            if let Some(from) = units.iter().rposition(|u| u.lid_start) {
                for u in &mut units[from.max(article_start)..] {
                    u.new.clear();
                }
            }
            continue;
        }
        if line.starts_with("Hoofdstuk ") {
            article_new_only = false;
            rest_new_only = false;
        }
        let mut text = line;
        if let Some((number, instructed)) = article_number(line) {
            location = format!("artikel {number}");
            rest_new_only = false;
            if instructed {
                text = line.split_once("Artikel").map_or(line, |(_, r)| r);
                article_new_only = true;
            } else if previous_number.as_deref() == Some(number.as_str()) {
                // An article printed twice: the first copy is the old text.
                for u in &mut units[article_start..] {
                    u.new.clear();
                }
                article_new_only = true;
            } else {
                article_new_only = false;
            }
            previous_number = Some(number);
            article_start = units.len();
        }
        let (mut o, n) = split_markup(text, &mut strike, &mut bold);
        if text != line {
            o.clear();
        }
        let plain: String = line.chars().filter(|c| *c != '~' && *c != '*').collect();
        let prefix = if text != line { "Artikel" } else { "" };
        let mut unit = Unit {
            location: location.clone(),
            old: o,
            new: format!("{prefix}{n}"),
            lid_start: is_lid_start(plain.trim_start()),
        };
        if article_new_only || rest_new_only {
            unit.old.clear();
        }
        units.push(unit);
    }
    for u in units {
        old.push_text(&u.location, &u.old);
        new.push_text(&u.location, &u.new);
    }
    // The seed prints the new title after the new aanhef; a published regeling (and the
    // transcription) has it first. Sections are compared in the same order.
    for w in [&mut old, &mut new] {
        w.words.sort_by_key(|(loc, _)| match loc.as_str() {
            "titel" => 0,
            "aanhef" => 1,
            _ => 2,
        });
    }
    (old, new)
}

// ----- the transcriptions' words --------------------------------------------------------

fn transcription_words(r: &Regeling) -> Words {
    let mut w = Words::default();
    if let Some(t) = &r.title {
        w.push_text("titel", &t.text);
    }
    if let Some(a) = &r.preamble {
        let mut s = String::new();
        block_text(&a.content, &mut s);
        w.push_text("aanhef", &s);
    }
    fn parts(parts_: &[Deel], w: &mut Words, location: &mut String) {
        for p in parts_ {
            match p {
                Deel::Hoofdstuk(h) => {
                    let heading = h.heading.as_ref().map_or("", |t| t.text.as_str());
                    w.push_text(location, &format!("Hoofdstuk {} {heading}", h.number));
                    parts(&h.content, w, location);
                }
                Deel::Artikel(a) => {
                    *location = format!("artikel {}", a.number.as_deref().unwrap_or("?"));
                    let heading = a.heading.as_ref().map_or("", |t| t.text.as_str());
                    w.push_text(location, &format!("{} {heading}", a.label_with_number()));
                    let mut s = String::new();
                    block_text(&a.content, &mut s);
                    w.push_text(location, &s);
                }
                Deel::Paragraaf(p) => parts(&p.content, w, location),
                Deel::Alinea(a) => w.push_text(location, &a.text),
                Deel::Opmerking(_) => {}
            }
        }
    }
    let mut location = "hoofdstuk 1".to_string();
    parts(&r.body, &mut w, &mut location);
    let _ = (item_label, Blok::Opmerking);
    w
}

// ----- judgements --------------------------------------------------------------------

#[derive(Debug)]
struct Change {
    derived: String,
    chosen: String,
    times: usize,
}

#[derive(Debug)]
struct Judgement {
    id: String,
    version: Version,
    /// `artikel 9`, `aanhef`, `titel`, or empty for "several places".
    location: String,
    changes: Vec<Change>,
}

/// Reads `### J12 · SORA 2022 · artikel 9` sections and their `| derived | chosen | times |`
/// tables from regelingen/README.md.
fn judgements(readme: &str) -> Vec<Judgement> {
    let mut out: Vec<Judgement> = Vec::new();
    let mut open = false;
    for line in readme.lines() {
        if line.starts_with("## ") || (line.starts_with("### ") && !line.starts_with("### J")) {
            open = false;
        }
        if let Some(h) = line.strip_prefix("### J") {
            open = true;
            let fields: Vec<&str> = h.split(" · ").map(str::trim).collect();
            assert!(
                fields.len() >= 2,
                "judgement heading `{line}` needs `### Jnn · VERSIE · plaats`"
            );
            let version = match fields[1] {
                "WNK 2015" => Version::Old,
                "SORA 2022" => Version::New,
                other => panic!("judgement J{}: unknown version `{other}`", fields[0]),
            };
            let location = fields.get(2).copied().unwrap_or("").to_string();
            let location =
                if location.starts_with("artikel") || location == "aanhef" || location == "titel" {
                    location.split(',').next().unwrap_or("").trim().to_string()
                } else {
                    String::new()
                };
            out.push(Judgement {
                id: format!("J{}", fields[0]),
                version,
                location,
                changes: Vec::new(),
            });
        } else if open && line.starts_with("| `") {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let cell = |i: usize| -> String {
                cells
                    .get(i)
                    .map(|c| c.trim_matches('`').to_string())
                    .unwrap_or_default()
            };
            let times = cells
                .get(2)
                .map(|c| c.trim_start_matches('×').trim())
                .filter(|c| !c.is_empty())
                .map(|c| c.parse().expect("times is a number"))
                .unwrap_or(1);
            let j = out.last_mut().expect("a table row belongs to a judgement");
            j.changes.push(Change {
                derived: cell(0),
                chosen: cell(1),
                times,
            });
        }
    }
    out
}

/// `a … b` matches any text that starts with `a` and ends with `b`.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once(" … ") {
        Some((head, tail)) => {
            text.starts_with(head) && text.ends_with(tail) && text.len() >= head.len() + tail.len()
        }
        None => pattern == text,
    }
}

#[derive(Debug)]
struct Hunk {
    location: String,
    derived: String,
    chosen: String,
}

/// Word-level differences. Changes separated by at most [`MERGE_GAP`] equal word are
/// one hunk: "Heiloo, Langedijk en Uitgeest" → "Heiloo en Langedijk" is one change.
const MERGE_GAP: usize = 1;

fn hunks(derived: &Words, chosen: &Words) -> Vec<Hunk> {
    let d: Vec<&str> = derived.words.iter().map(|(_, w)| w.as_str()).collect();
    let c: Vec<&str> = chosen.words.iter().map(|(_, w)| w.as_str()).collect();
    // Ranges of changed words, merged across short equal runs.
    let mut ranges: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let ops = capture_diff_slices(Algorithm::Patience, &d, &c);
    for (i, op) in ops.iter().enumerate() {
        let (tag, dr, cr) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let bridge = i >= 2
            && matches!(ops[i - 1].as_tag_tuple(), (DiffTag::Equal, ref r, _) if r.len() <= MERGE_GAP)
            && !ranges.is_empty();
        match ranges.last_mut() {
            Some((pd, pc)) if bridge && pd.end + ops[i - 1].as_tag_tuple().1.len() == dr.start => {
                pd.end = dr.end;
                pc.end = cr.end;
            }
            _ => ranges.push((dr, cr)),
        }
    }
    ranges
        .into_iter()
        .map(|(dr, cr)| {
            let location = if !dr.is_empty() {
                derived.words[dr.start].0.clone()
            } else {
                chosen
                    .words
                    .get(cr.start)
                    .or(chosen.words.last())
                    .map(|w| w.0.clone())
                    .unwrap_or_default()
            };
            Hunk {
                location,
                derived: d[dr].join(" "),
                chosen: c[cr].join(" "),
            }
        })
        .collect()
}

fn parse(path: &str) -> Regeling {
    let text = fs::read_to_string(path).unwrap();
    let (r, diags) = grc::source::parse(path, &text);
    assert!(
        !grc::diagnostic::has_errors(&diags),
        "{path} has parse errors: {diags:#?}"
    );
    r
}

#[test]
fn transcriptions_equal_the_seed_up_to_the_listed_judgements() {
    let seed = fs::read_to_string("regelingen/bron/bijlage-gr-wnk.txt").unwrap();
    let readme = fs::read_to_string("regelingen/README.md").unwrap();
    let (old, new) = derive(&seed);
    let mut judgements = judgements(&readme);
    assert!(
        !judgements.is_empty(),
        "regelingen/README.md lists no judgements"
    );
    let mut used: BTreeMap<(String, usize), usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (version, derived, file) in [
        (Version::Old, &old, "regelingen/wnk-2015.gr"),
        (Version::New, &new, "regelingen/sora-2022.gr"),
    ] {
        let chosen = transcription_words(&parse(file));
        for hunk in hunks(derived, &chosen) {
            let found = judgements.iter().find_map(|j| {
                if j.version != version || (!j.location.is_empty() && j.location != hunk.location) {
                    return None;
                }
                j.changes
                    .iter()
                    .position(|c| {
                        pattern_matches(&c.derived, &hunk.derived)
                            && pattern_matches(&c.chosen, &hunk.chosen)
                    })
                    .map(|k| (j.id.clone(), k))
            });
            match found {
                Some(key) => *used.entry(key).or_default() += 1,
                None => unexplained.push(format!(
                    "{file} · {}: derived `{}` → transcribed `{}`",
                    hunk.location, hunk.derived, hunk.chosen
                )),
            }
        }
    }
    let mut wrong_counts = Vec::new();
    for j in &mut judgements {
        for (k, c) in j.changes.iter().enumerate() {
            let n = used.get(&(j.id.clone(), k)).copied().unwrap_or(0);
            if n != c.times {
                wrong_counts.push(format!(
                    "{} change {} (`{}` → `{}`): listed {} time(s), found {n}",
                    j.id,
                    k + 1,
                    c.derived,
                    c.chosen,
                    c.times
                ));
            }
        }
    }
    assert!(
        unexplained.is_empty() && wrong_counts.is_empty(),
        "differences not explained by a judgement:\n{}\n\njudgements that do not match the text:\n{}",
        unexplained.join("\n"),
        wrong_counts.join("\n")
    );
}

#[test]
fn markup_is_split_per_version_and_spans_lines() {
    let (mut s, mut b) = (false, false);
    assert_eq!(
        split_markup("van ~~het Schap~~ **SORA** zelf", &mut s, &mut b),
        (
            "van het Schap  zelf".to_string(),
            "van  SORA zelf".to_string()
        )
    );
    assert_eq!(
        split_markup("~~begin", &mut s, &mut b),
        ("begin".into(), "".into())
    );
    assert!(s, "an open strike carries over to the next line");
    assert_eq!(
        split_markup("eind~~ gedeeld", &mut s, &mut b),
        ("eind gedeeld".into(), " gedeeld".into())
    );
}

#[test]
fn normalising_removes_space_before_punctuation() {
    assert_eq!(
        normalise("archiefbescheiden , voor *x*  y ."),
        "archiefbescheiden, voor x y."
    );
}

#[test]
fn article_headings_and_instructions_are_recognised() {
    assert_eq!(
        article_number("Artikel 20 Commissies"),
        Some(("20".into(), false))
    );
    assert_eq!(
        article_number("nieuw Artikel 20a gemeenschappelijke"),
        Some(("20a".into(), true))
    );
    assert_eq!(
        article_number("Toevoegen Artikel 21a Kadernota"),
        Some(("21a".into(), true))
    );
    assert_eq!(
        article_number("Artikel 24 van de Gemeentewet"),
        Some(("24".into(), false))
    );
    assert_eq!(article_number("artikel 24"), None);
    assert!(is_lid_start("12. Het Dagelijks Bestuur"));
    assert!(!is_lid_start("19.000 inwoners"));
}

#[test]
fn ellipsis_patterns() {
    assert!(pattern_matches(
        "De wetten … van de gemeenten",
        "De wetten De Wet x van de gemeenten"
    ));
    assert!(!pattern_matches(
        "De wetten … van de gemeenten",
        "De wetten"
    ));
    assert!(pattern_matches("", ""));
}
