//! Defined terms against their use: a term defined but never used (T001), a capitalised
//! common noun used as if it were a defined term when the begripsbepalingen do not define
//! it, or no longer do (T002), and a defined term used with a different capital or a
//! different article than its definition (T003).
//!
//! Conservative by design: a false alarm costs a legal adviser's trust more than a miss.
//! Words at the start of a sentence are never judged on their capital; T002 only looks at
//! a short list of common nouns that a regeling capitalises only when it defines them;
//! findings of one kind about one term are reported once, with every place in a note.

use crate::diagnostic::Diagnostic;
use crate::refs::acts;
use crate::tree::inline::plain_cow;
use crate::tree::terms::{Definition, definitions};
use crate::tree::walk::{Node, walk};
use crate::tree::{Regeling, Span};

mod names;
mod starts;
mod uses;

use uses::uses;

/// Nouns a regeling writes with a capital only when they are defined terms.
const GENERIC: &[&str] = &[
    "Wet",
    "Wetten",
    "Schap",
    "Regeling",
    "Bestuur",
    "Raad",
    "Raden",
    "College",
    "Colleges",
    "Gemeente",
    "Gemeenten",
    "Deelnemer",
    "Deelnemers",
    "Voorzitter",
    "Secretaris",
    "Directeur",
    "Ambtenaar",
    "Ambtenaren",
    "Commissie",
    "Uitvoeringsorganisatie",
];

/// Participles that end a noun phrase ("het in de Wet bepaalde", "de in de Regeling
/// gestelde termijn"): the capitalised noun before one is a term, not an act's name.
const PARTICIPLES: &[&str] = &[
    "bepaalde",
    "bedoelde",
    "gestelde",
    "genoemde",
    "geregelde",
    "omschreven",
    "opgenomen",
    "vastgelegde",
    "vermelde",
    "voorgeschreven",
];

/// A term split into its article and the words that matter.
struct Term<'a> {
    def: &'a Definition,
    /// `De`, `Het` or nothing.
    article: Option<String>,
    /// `Algemeen Bestuur`, `wetten`, `SORA`.
    core: String,
}

impl<'a> Term<'a> {
    fn of(def: &'a Definition) -> Term<'a> {
        // A term defined with its abbreviation ("de Planologische Kernbeslissing (PKB)") is
        // used where its words are: the abbreviation in brackets is not part of them.
        let term = match def.term.trim_end().strip_suffix(')') {
            Some(open) => match open.rfind(" (") {
                Some(at) if at > 0 && !open[at + 2..].contains(['(', ' ']) => &def.term[..at],
                _ => def.term.as_str(),
            },
            None => def.term.as_str(),
        };
        let words: Vec<&str> = term.split_whitespace().collect();
        match words.split_first() {
            Some((first, rest))
                if !rest.is_empty() && ["de", "het"].contains(&first.to_lowercase().as_str()) =>
            {
                Term {
                    def,
                    article: Some(first.to_lowercase()),
                    core: rest.join(" "),
                }
            }
            _ => Term {
                def,
                article: None,
                core: words.join(" "),
            },
        }
    }
}

/// One alinea of the body, its plain text and where it is.
struct Text<'a> {
    /// Borrowed from the tree: a copy per alinea (eId, text without markup) was a third of
    /// the term check's peak memory.
    eid: &'a str,
    /// No lower-case copy is kept: the term search folds ASCII case itself (see [`uses`]),
    /// and the copy was as large as the regeling's text.
    plain: std::borrow::Cow<'a, str>,
    span: Span,
    raw_len_matches: bool,
}

/// Where `needle` (lower case) occurs in `lower` as whole words.
#[cfg(test)]
fn occurrences(lower: &str, needle: &str) -> Vec<usize> {
    occurrences_with(&memchr::memmem::Finder::new(needle.as_bytes()), lower)
}

/// The same with a searcher built once: T002's search before it read the word index
/// ([`scan::words_in`]), kept as its reference.
#[cfg(test)]
fn occurrences_with(finder: &memchr::memmem::Finder<'_>, lower: &str) -> Vec<usize> {
    let len = finder.needle().len();
    finder
        .find_iter(lower.as_bytes())
        .filter(|&at| whole_word(lower, at, len))
        .collect()
}

/// `text` in lower case with every byte offset unchanged, so a match found in the lower
/// case text can be sliced out of the original: a character whose lower case has another
/// UTF-8 length (`İ`, `ẞ`) is kept as written. `str::to_lowercase` may change lengths.
fn lower_in_place(text: &str) -> String {
    // Runs of ASCII are lowered as bytes (decoding every character was a tenth of
    // `grc check`); only the other characters go through `char::to_lowercase`.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        out.push_str(run);
        let from = out.len() - run.len();
        out[from..].make_ascii_lowercase();
        let Some(c) = tail.chars().next() else { break };
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
        rest = &tail[c.len_utf8()..];
    }
    out
}

/// Whether [`lower_in_place`] changes a character of `text` other than an ASCII capital.
fn needs_lowering(text: &str) -> bool {
    !text.is_ascii()
        && text.chars().any(|c| {
            // ASCII characters first, without `to_lowercase` (most of every text).
            !c.is_ascii() && {
                let mut lower = c.to_lowercase();
                matches!((lower.next(), lower.next()), (Some(l), None) if l != c && l.len_utf8() == c.len_utf8())
            }
        })
}

/// The first `n` characters of `s` (all of it when shorter), never cut inside one.
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Whether `lower[at..at + len]` is not part of a longer word.
fn whole_word(lower: &str, at: usize, len: usize) -> bool {
    let before_ok = lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = lower[at + len..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// The forms a term is used in: as defined, and with the plural or genitive endings.
fn forms_of(core_lower: &str) -> [String; 4] {
    [
        core_lower.to_string(),
        format!("{core_lower}en"),
        format!("{core_lower}s"),
        format!("{core_lower}n"),
    ]
}

/// One finding stands for every place a spelling occurs: the lines go in a note.
fn note_places(d: Diagnostic, places: &[(String, Span)]) -> Diagnostic {
    if places.len() < 2 {
        return d;
    }
    let lines: Vec<String> = places.iter().map(|(_, s)| s.line.to_string()).collect();
    d.note(format!("op de regels {}", lines.join(", ")))
}

/// True when the occurrence at `at..at+len` lies inside an occurrence of another, longer
/// defined term (`core_uses`: the text's uses of each term as defined).
fn longer_term_covers(
    terms: &[Term],
    lower_cores: &[String],
    mut core_uses: impl Iterator<Item = (usize, usize)>,
    this: usize,
    at: usize,
    len: usize,
) -> bool {
    core_uses.any(|(other, s)| {
        let c = &lower_cores[other];
        other != this && c.len() > terms[this].core.len() && s <= at && at + len <= s + c.len()
    })
}

/// An unnumbered line in title case without closing punctuation ("Relatie Algemeen Bestuur
/// – Colleges en Raden") is a heading inside an article: its capitals are typography.
fn heading_like(plain: &str) -> bool {
    if plain.trim_end().ends_with(['.', ';', ':', ',']) {
        return false;
    }
    // At most ten words, at least half of them capitalised; stop counting at eleven.
    let (mut words, mut capitals) = (0usize, 0usize);
    for w in plain.split_whitespace() {
        words += 1;
        if words > 10 {
            return false;
        }
        capitals += usize::from(w.starts_with(char::is_uppercase));
    }
    capitals * 2 >= words
}

/// True when position `at` starts a sentence: the start of the text, or after `. `.
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', ':', '?', '!']) || before.ends_with("—")
}

/// The word before `at`, lower case.
fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether the `len` bytes at `at` are the first word(s) of a name: an act of the act
/// table that goes on past them, or a next word (after one space) with a capital.
fn begins_a_name(text: &str, at: usize, len: usize) -> bool {
    let rest = &text[at + len..];
    if rest
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_uppercase))
    {
        return true;
    }
    crate::refs::acts::named_at(&text[at..]).is_some_and(|(_, name_len)| name_len > len)
}

fn collect_texts<'a>(r: &'a Regeling, skip: &rustc_hash::FxHashSet<&str>) -> Vec<Text<'a>> {
    let mut out = Vec::new();
    walk(r, &mut |cx, node| {
        if cx.in_decision || cx.artikel.is_none() {
            return;
        }
        if let Node::Alinea(a) = node {
            if cx.onderdelen.iter().any(|o| skip.contains(o.eid.as_str())) {
                return;
            }
            let plain = plain_cow(&a.text);
            if heading_like(&plain) {
                return;
            }
            out.push(Text {
                eid: &a.eid,
                raw_len_matches: plain.len() == a.text.len(),
                plain,
                span: a.span,
            });
        }
    });
    out
}

/// The file span of `len` bytes at `at` in a text's plain form (exact when the text had
/// no markup; otherwise the whole alinea).
fn span_in(t: &Text, at: usize, len: usize) -> Span {
    if !t.raw_len_matches {
        return t.span;
    }
    Span {
        line: t.span.line,
        column: t.span.column + t.plain[..at].chars().count() as u32,
        start: t.span.start + at as u32,
        end: t.span.start + (at + len) as u32,
    }
}

pub fn check(r: &Regeling) -> Vec<Diagnostic> {
    let defs = definitions(r);
    if defs.is_empty() {
        return Vec::new();
    }
    // One entry per term: a text that repeats its begripsbepalingen (or a synthetic one
    // built from copies) must not make the scan quadratic.
    let mut seen = rustc_hash::FxHashSet::default();
    let terms: Vec<Term> = defs
        .iter()
        .filter(|d| seen.insert(d.term.to_lowercase()))
        .map(Term::of)
        .collect();
    // The begripsbepalingen themselves are not "use".
    let def_items: rustc_hash::FxHashSet<&str> = defs.iter().map(|d| d.eid.as_str()).collect();
    let texts = collect_texts(r, &def_items);
    let mut diags = Vec::new();
    let lower_cores: Vec<String> = terms.iter().map(|t| lower_in_place(&t.core)).collect();
    // T002's nouns that no definition covers (that are not one of the forms a defined
    // term is used in).
    let generic: Vec<&str> = GENERIC
        .iter()
        .copied()
        .filter(|w| {
            let lower = w.to_lowercase();
            !lower_cores.iter().any(|d| forms_of(d).contains(&lower))
        })
        .collect();
    let (uses, generic_at) = uses(&lower_cores, &texts, &generic);

    for (index, term) in terms.iter().enumerate() {
        let forms = forms_of(&lower_cores[index]);
        let mut used = 0usize;
        // Different spellings, keyed by what was written: (where, count).
        let mut variants: Vec<(String, Vec<(String, Span)>)> = Vec::new();
        for &(x, f, at) in &uses.per_term[index] {
            let (x, at) = (x as usize, at as usize);
            let (t, form) = (&texts[x], &forms[f as usize]);
            used += 1;
            let written = &t.plain[at..at + form.len()];
            let core_written = &written[..term.core.len().min(written.len())];
            // Inside a longer defined term ("bestuur" in "Algemeen Bestuur"): that
            // is the use of the other term, not of this one.
            if longer_term_covers(
                &terms,
                &lower_cores,
                uses.cores_in(x),
                index,
                at,
                form.len(),
            ) {
                continue;
            }
            // "college van burgemeester en wethouders", "Minister van Binnenlandse
            // Zaken": a designation spelled out in full, not a use of the term.
            // (ASCII case folded: the lower-case text's ` van ` can only come from ASCII.)
            let after = &t.plain.as_bytes()[at + form.len()..];
            if after
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case(b" van "))
            {
                continue;
            }
            // A term without an article heads its list item, so its first capital
            // is typography ("College", "Schriftelijk"), not part of the term; at
            // the start of a sentence the text's first capital is typography too.
            let first_free = term.article.is_none() || sentence_start(&t.plain, at);
            let capital_differs = if first_free {
                core_written.get(1..) != term.core.get(1..)
            } else {
                core_written != term.core
            };
            let before = word_before(&t.plain, at);
            let article_differs = match term.article.as_deref() {
                Some("de") => before == "het",
                Some("het") => before == "de",
                _ => false,
            };
            let after_capital = t.plain[..at]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase) && !first_free);
            // A one-word term in lower case is only the term when it has the
            // term's own article ("het schap"); "enige andere wet" is any law.
            let generic_use = capital_differs
                && !term.core.contains(' ')
                && core_written.starts_with(char::is_lowercase)
                && term.article.as_deref().is_some_and(|a| a != before);
            // "de Wet luchtvaart", "de Regeling Nadeelcompensatie Rijkswaterstaat", "het
            // Waterschap Groot-Haarlemmermeer": a name that begins with the term's word,
            // capitalised as the name is, not a use of the term. Asked only of what would
            // be reported: the act table's look-up at every capitalised use doubled this
            // check's cost.
            let a_name = || {
                core_written.starts_with(char::is_uppercase)
                    && begins_a_name(&t.plain, at, form.len())
            };
            if ((capital_differs && !after_capital && !generic_use) || article_differs) && !a_name()
            {
                let shown = if article_differs {
                    format!("{before} {core_written}")
                } else {
                    core_written.to_string()
                };
                let place = (t.eid.to_string(), span_in(t, at, form.len()));
                match variants.iter_mut().find(|(w, _)| *w == shown) {
                    Some((_, places)) => places.push(place),
                    None => variants.push((shown, vec![place])),
                }
            }
        }
        if used == 0 {
            diags.push(
                Diagnostic::new(
                    "T001",
                    format!(
                        "het begrip \"{}\" wordt gedefinieerd maar nergens in de regeling gebruikt",
                        term.def.term
                    ),
                )
                .at(&r.file, term.def.span)
                .node(&term.def.eid),
            );
        }
        for (written, places) in variants {
            let (eid, span) = &places[0];
            let mut d = Diagnostic::new(
                "T003",
                format!(
                    "\"{written}\" wijkt af van het gedefinieerde begrip \"{}\" ({} keer)",
                    term.def.term,
                    places.len()
                ),
            )
            .at(&r.file, *span)
            .node(eid);
            d = note_places(d, &places);
            diags.push(d.note(format!("gedefinieerd in {}", term.def.eid)));
        }
    }

    // T002: a capitalised common noun that no definition covers.
    for (word, found) in generic.iter().zip(&generic_at) {
        let lower = word.to_lowercase();
        let mut places: Vec<(String, Span)> = Vec::new();
        // Only the word as written, capital first, is a finding (found so by `uses`).
        for &(x, at) in found {
            let (x, at) = (x as usize, at as usize);
            let t = &texts[x];
            if sentence_start(&t.plain, at) {
                continue;
            }
            // Part of a longer name: a defined term ("Algemeen Bestuur"), an act
            // ("Wet sociale werkvoorziening") or a capitalised name ("Raad van State").
            let inside_term = uses.cores_in(x).any(|(term, s)| {
                let d = &lower_cores[term];
                d.contains(&lower) && s <= at && at < s + d.len()
            });
            // "in de Wet bepaalde": a participle after the noun ends the noun phrase,
            // although "Wet bepaalde" reads like the name of an act grc does not know.
            let participle = t.plain[at + word.len()..]
                .split_whitespace()
                .next()
                .map(|w| w.trim_end_matches([',', ';', '.']))
                .is_some_and(|w| PARTICIPLES.iter().any(|p| p.eq_ignore_ascii_case(w)));
            let act_here = acts::named_at(&t.plain[at..]).is_some_and(|(_, len)| len > word.len())
                || (!participle && crate::refs::names_unknown_act(&t.plain[at..]));
            // (Where the previous word starts, not `at - w.len() - 1`: with no space
            // before it, at the start of the text, that underflowed; found by fuzzing.)
            let before = t.plain[..at].trim_end();
            let previous_capital = before.split_whitespace().next_back().is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && !sentence_start(&t.plain, before.len() - w.len())
            });
            // "die Wet" points back at an act just named; "de Wet – Wsw" names one.
            let anaphoric = ["die", "deze"].contains(&word_before(&t.plain, at).as_str());
            let after = t.plain[at + word.len()..].trim_start_matches([' ', '–', '-']);
            let act_after =
                after.len() < t.plain.len() - at - word.len() && acts::named_at(after).is_some();
            if inside_term
                || act_here
                || previous_capital
                || anaphoric
                || act_after
                || names::in_a_name(&t.plain, at, word.len())
            {
                continue;
            }
            places.push((t.eid.to_string(), span_in(t, at, word.len())));
        }
        // Every use is a finding of its own: each is a place to rewrite, and an editor
        // marks them all (the first use alone hid the others).
        let similar: Vec<&str> = terms
            .iter()
            .filter(|t| {
                let c = t.core.to_lowercase();
                c.starts_with(first_chars(&lower, 4)) || lower.starts_with(first_chars(&c, 4))
            })
            .map(|t| t.def.term.as_str())
            .collect();
        for (n, (eid, span)) in places.iter().enumerate() {
            let mut d = Diagnostic::new(
                "T002",
                format!(
                    "\"{word}\" staat met een hoofdletter, als een gedefinieerd begrip, maar de begripsbepalingen definiëren het niet (gebruik {} van {})",
                    n + 1,
                    places.len()
                ),
            )
            .at(&r.file, *span)
            .node(eid);
            if !similar.is_empty() {
                d = d.note(format!("wel gedefinieerd: {}", similar.join(", ")));
            }
            diags.push(d);
        }
    }
    diags
}

#[cfg(test)]
mod tests;
