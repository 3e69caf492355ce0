//! Which act a citation names, from the words after it: another act by its name
//! (`van de Wet op het financieel toezicht`, `Gemeentewet`, `Wvb`), a term the regeling
//! defines (`van de wet`, `van het besluit`), an act named just before (`van die wet`),
//! this regeling (`van deze regeling`), or nothing (an article of this regeling).
//!
//! The rule is one of form, not a closed list: `artikel N van de/het X` cites an act
//! unless X is this regeling, and what X is comes from the table of 10 000 acts, the
//! regeling's own definitions and abbreviations, or the words themselves.

use super::acts::{self, Act};
use super::between::skip_between;
use super::context::{Context, Named};

mod names;

pub(in crate::refs) use names::abbreviation_like;
use names::{
    DOCUMENT_NOUNS, KINDS, NAME_STOP, document_noun, eu_number, first_word, last_eu_act,
    name_with_kind, word_end_after,
};
pub use names::{looks_like_act, names_unknown_act, unknown_act_name};

/// What the words after a citation make of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    /// This regeling, no act named.
    Own,
    /// This regeling, named in words (`van deze regeling`, `van de regeling`): a citation
    /// of an article it does not have is then a dangling reference, whatever its number.
    OwnNamed(String),
    /// Another act; the words that name it, as written.
    Act(Named, String),
    /// A part of this regeling that is no article of its body (`van de bijlage`).
    Unplaced(String),
}

/// The characters that may separate a citation from the words naming its act.
pub(super) const SEPARATORS: [char; 6] = [' ', ',', '\t', '\u{a0}', '\u{202f}', '\u{2009}'];

/// `s` after its first word `w` and the spaces after it, of any kind: published texts
/// write "van de\u{a0}Onderlinge regeling ..." with a no-break space.
fn word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(w)?;
    rest.starts_with([' ', '\t', '\u{a0}', '\u{202f}', '\u{2009}'])
        .then(|| rest.trim_start_matches(SEPARATORS))
}

/// What the words right after a citation (`rest`, starting where the citation ends) make
/// of it. `before` is the text of the alinea before the citation (for `van die wet`),
/// `earlier` the act last cited before it in the article, `number` the first article
/// number cited (the Burgerlijk Wetboek's book is in it: `3:79`).
pub fn after_citation(
    rest: &str,
    cx: &Context,
    before: &str,
    earlier: Option<&Named>,
    number: Option<&str>,
) -> Cited {
    let s = skip_between(rest);
    let (with_van, det, s) = match word(s, "van").or_else(|| word(s, "der")) {
        Some(x) => {
            let mut det = "";
            let mut x = x;
            for d in ["de", "het", "der", "deze", "dit", "die", "dat"] {
                if let Some(y) = word(x, d) {
                    det = d;
                    x = y;
                    break;
                }
            }
            (true, det, x)
        }
        None => (false, "", s),
    };
    let written = |len: usize| -> String {
        let end = rest.len() - s.len() + len;
        rest[..end].trim_start_matches(SEPARATORS).to_string()
    };
    let first = first_word(s);
    let first_lower = first.to_lowercase();
    // "van deze regeling", "van dit besluit", "van dit hoofdstuk": this regeling.
    if with_van && matches!(det, "deze" | "dit") {
        // "Verordening (EG) nr. 300/2008 ..., met inbegrip van de op grond van artikel 19
        // van deze verordening genomen maatregelen": the EU act just named, not this one.
        if let Some(eu) = last_eu_act(before, &first_lower) {
            return Cited::Act(Named::Unknown(eu.to_string()), written(first.len()));
        }
        return Cited::OwnNamed(written(first.len()));
    }
    // "van die wet", "van dat besluit", "van het in het eerste lid bedoelde besluit",
    // "van genoemd besluit": the act named before.
    if with_van && let Some(len) = pointing_back(det, s) {
        let noun = &s[..len];
        let kind = noun.rsplit(' ').next().unwrap_or(noun).to_lowercase();
        let named = last_act_in(before, &kind)
            .map(Named::Known)
            .or_else(|| earlier.cloned())
            .unwrap_or_else(|| Named::Unknown(format!("{det} {noun}").trim().to_string()));
        return Cited::Act(named, written(len));
    }
    if with_van && matches!(det, "die" | "dat") {
        return Cited::Own;
    }
    if with_van && first_lower == "bijlage" {
        return Cited::Unplaced(written(first.len()));
    }
    // An act of the table (the bare word "wet" is the regeling's own term, below).
    let table = acts::named_at(s)
        .filter(|_| with_van || s.starts_with(|c: char| c.is_uppercase()))
        .filter(|(_, len)| !s[..*len].eq_ignore_ascii_case("wet"));
    // "(art. 38a sr)", "art. 51 bvt": an abbreviation in lower case right after the number,
    // closing the citation; a Dutch word there ("art. 5 en") is never one.
    let table = table.or_else(|| {
        if with_van || !first.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        let after = s[first.len()..].trim_start_matches(SEPARATORS);
        let closes = after.is_empty()
            || after.starts_with([')', ';', '.', ','])
            || after.starts_with("lid ");
        closes
            .then(|| acts::lower_case_abbreviation(first))
            .flatten()
            .map(|a| (a, first.len()))
    });
    // A term the regeling defines or abbreviates: the longest of its first four words, as
    // a whole (a capitalised "Besluit" followed by more of a name is that name, not the
    // defined "besluit").
    let mut term = None;
    for n in (1..=4).rev() {
        let Some(end) = word_end_after(s, n) else {
            continue;
        };
        let words = &s[..end];
        // Without "van", a term in lower case counts only as the citation's last word
        // ("artikel 4 lid 1 en 2 wetten,"), not as the start of a sentence going on.
        let last_word = n == 1
            && (s[end..].trim_start().starts_with([',', ';', '.', ')']) || s[end..].is_empty());
        if !with_van && !words.starts_with(|c: char| c.is_uppercase()) && !last_word {
            continue;
        }
        let next = first_word(s[end..].trim_start_matches(SEPARATORS));
        // A one-word term the regeling introduced for an act ("(Brdis)") is that act even
        // with a vowel in it and a sentence going on: "artikel 12 Brdis vooralsnog". A
        // kind of regulation ("Besluit") may still begin a longer name.
        let own_abbreviation =
            n == 1 && !document_noun(&words.to_lowercase()) && cx.term(words).is_some();
        let goes_on = words.starts_with(|c: char| c.is_uppercase())
            && !abbreviation_like(words)
            && !own_abbreviation
            && !next.is_empty()
            && !s[end..].starts_with([',', ';', '.', ':', ')'])
            && !NAME_STOP.contains(&next);
        if goes_on {
            continue;
        }
        if let Some(named) = cx.term(words) {
            term = Some((named.clone(), end));
            break;
        }
    }
    match (term, table) {
        (Some((named, end)), t) if t.is_none_or(|(_, len)| end >= len) => {
            return Cited::Act(named, written(end));
        }
        (_, Some((act, len))) => {
            return Cited::Act(Named::Known(book_of(act, number)), written(len));
        }
        _ => {}
    }
    // "van de regeling": this regeling (a gemeenschappelijke regeling's way of saying so);
    // "van de Regeling X" names another.
    if with_van && first_lower == "regeling" {
        let after = s[first.len()..].trim_start_matches(SEPARATORS);
        // "van de regeling van de Minister van ... van 28 september 1995": another
        // regeling, named by its maker or its date.
        let made = after.strip_prefix("van ").is_some_and(|x| {
            x.starts_with(|c: char| c.is_ascii_digit())
                || [
                    "de Minister",
                    "Onze Minister",
                    "de minister",
                    "de Staatssecretaris",
                    "de staatssecretaris",
                ]
                .iter()
                .any(|m| x.starts_with(m))
        });
        if made {
            let len = s.find([',', ';', '(']).unwrap_or(s.len());
            let name = s[..len].trim_end();
            return Cited::Act(Named::Unknown(name.to_string()), written(name.len()));
        }
        let next = first_word(after);
        if first == "regeling" || next.is_empty() || NAME_STOP.contains(&next) {
            return Cited::OwnNamed(written(first.len()));
        }
    }
    // "de wet", "de Wet" on its own (a name goes on with a capital: "Wet Xyz").
    if with_van && (first == "wet" || first == "Wet" && unknown_act_name(s) == first) {
        let named = cx
            .term("wet")
            .cloned()
            .or_else(|| cx.default_wet.clone())
            .unwrap_or_else(|| Named::Unknown(format!("{det} {first}").trim().to_string()));
        return Cited::Act(named, written(first.len()));
    }
    // The name of an act grc does not know: "Wet op de kunstkast", "Besluit X", "... wet".
    if looks_like_act(s) && (with_van || names_unknown_act(s)) {
        let name = unknown_act_name(s);
        return Cited::Act(Named::Unknown(name.to_string()), written(name.len()));
    }
    // "van het Algemeen militair ambtenarenreglement", "van de Militaire Ambtenarenwet
    // 1931", "van het interim-besluit FZ": a name of which one of the first words is a
    // kind of regulation.
    if with_van && let Some(name) = name_with_kind(s) {
        // "Koninklijk besluit van 21 februari 1972" is the table's "Besluit van ...".
        let known = name
            .strip_prefix("Koninklijk b")
            .and_then(|rest| acts::named_at(&format!("B{rest}")))
            .filter(|(_, len)| *len == name.len() - "Koninklijk ".len());
        let named = match known {
            Some((act, _)) => Named::Known(act),
            None => Named::Unknown(name.to_string()),
        };
        return Cited::Act(named, written(name.len()));
    }
    // "van de WPO", "art. 13 Bvt", "artikel 12 AOW": an abbreviation the text does not
    // define, of an act grc does not know.
    if (with_van || first.chars().count() >= 3 || first.chars().all(|c| c.is_uppercase()))
        && first.chars().count() >= 2
        && first.starts_with(|c: char| c.is_uppercase())
        && abbreviation_like(first)
        && !COMMON_CAPITALS.contains(&first)
    {
        return Cited::Act(Named::Unknown(first.to_string()), written(first.len()));
    }
    // "van de richtlijn kapitaalvereisten", "van het Verdrag", "van Verordening (EG) ...":
    // a document, not this regeling.
    if with_van && document_noun(&first_lower) {
        let name = unknown_act_name(s);
        let name = if name.is_empty() { first } else { name };
        let name = &s[..name.len() + eu_number(&s[name.len()..])];
        return Cited::Act(Named::Unknown(name.to_string()), written(name.len()));
    }
    Cited::Own
}

/// The Burgerlijk Wetboek as a whole, cited with a book's article (`3:79`): that book.
fn book_of(act: &'static Act, number: Option<&str>) -> &'static Act {
    if act.short != "BW" {
        return act;
    }
    number
        .and_then(|n| n.split_once(':'))
        .and_then(|(book, _)| acts::by_short(&format!("BW Boek {book}")))
        .unwrap_or(act)
}

/// The last act the table knows that `before` names (`De Wet X ... artikel 3 van die
/// wet`), looking back over its last sixty words; one whose name has the kind `kind`
/// (`wet` for "die wet", `besluit` for "dat besluit") where one does.
fn last_act_in(before: &str, kind: &str) -> Option<&'static Act> {
    let named: Vec<&'static Act> = name_starts(before)
        .iter()
        .rev()
        .take(60)
        .filter_map(|&i| acts::named_at(&before[i..]).map(|(a, _)| a))
        .filter(|a| a.short != "Wgr" || before.contains("gemeenschappelijke regelingen"))
        .collect();
    named
        .iter()
        .find(|a| a.name.to_lowercase().contains(kind))
        .or(named.first())
        .copied()
}

/// Where an act's name may start in `text`: a capital at the start of a word.
fn name_starts(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|&(i, c)| c.is_uppercase() && (i == 0 || text[..i].ends_with([' ', '(', '\u{a0}'])))
        .map(|(i, _)| i)
        .collect()
}

/// The act named right before a citation, with a comma between: "bedoeld in het Besluit
/// financiële verhouding 2001, artikel 1 onder c". Only an act grc knows, whose name
/// ends at the comma.
pub fn act_just_before(before: &str) -> Option<&'static Act> {
    let t = before.trim_end_matches(SEPARATORS);
    if !before[t.len()..].contains(',') {
        return None;
    }
    name_starts(t)
        .iter()
        .rev()
        .take(12)
        .find_map(|&i| match acts::named_at(&t[i..]) {
            Some((a, len)) if i + len == t.len() => Some(a),
            _ => None,
        })
}

/// Capitalised short words that follow a citation without naming an act.
const COMMON_CAPITALS: &[&str] = &[
    "De", "Het", "Een", "In", "Op", "Bij", "Voor", "Dit", "Deze", "Die", "Dat", "Er", "Zo", "Als",
    "Van", "Om", "Ten", "Tot", "Met", "Na", "Nr", "Stb", "Stcrt", "EG", "EU", "EEG",
];

/// `die wet`, `dat besluit`, `het in het eerste lid bedoelde besluit`, `genoemd
/// besluit`: words that point back at an act named before; how many bytes they take.
fn pointing_back(det: &str, s: &str) -> Option<usize> {
    let first = first_word(s);
    let lower = first.to_lowercase();
    if matches!(det, "die" | "dat") && document_noun(&lower) {
        return Some(first.len());
    }
    let back = [
        "genoemd",
        "genoemde",
        "voornoemd",
        "voornoemde",
        "bedoeld",
        "bedoelde",
        "laatstgenoemd",
        "laatstgenoemde",
        "eerstgenoemde",
        "eerdergenoemde",
    ];
    // Up to eight words, before any punctuation: "... bedoelde besluit".
    let mut words = s.split(' ').take(8).peekable();
    let mut len = 0;
    let mut pointed = false;
    while let Some(w) = words.next() {
        if w.is_empty()
            || w.ends_with([',', ';', ':', '.'])
                && !KINDS.iter().chain(DOCUMENT_NOUNS).any(|n| w.starts_with(n))
        {
            return None;
        }
        let word = w.trim_end_matches([',', ';', ':', '.']);
        len += word.len();
        if pointed && document_noun(&word.to_lowercase()) {
            return Some(len);
        }
        if back.contains(&word) {
            pointed = true;
        }
        len += 1;
        if words.peek().is_none() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> Context {
        Context::default()
    }

    fn act(rest: &str) -> String {
        match after_citation(rest, &cx(), "", None, None) {
            Cited::Own | Cited::OwnNamed(_) => "own".into(),
            Cited::Act(n, w) => format!("{} | {w}", n.short()),
            Cited::Unplaced(w) => format!("unplaced {w}"),
        }
    }

    #[test]
    fn this_verordening_after_an_eu_act_is_that_act() {
        let eu =
            |before: &str| match after_citation(" van deze verordening", &cx(), before, None, None)
            {
                Cited::Act(n, _) => n.short().to_string(),
                _ => "own".into(),
            };
        assert_eq!(
            eu(
                "e. Verordening (EG) nr. 300/2008 van het Europees Parlement, met inbegrip van de op grond van "
            ),
            "Verordening (EG) nr. 300/2008"
        );
        assert_eq!(eu("Richtlijn 92/66/EEG. Op grond van "), "own");
        assert_eq!(eu("Het college stelt op grond van "), "own");
    }

    #[test]
    fn acts_by_form() {
        assert_eq!(
            act(" van de Wet op het financieel toezicht is"),
            "Wet op het financieel toezicht | van de Wet op het financieel toezicht"
        );
        assert_eq!(
            act(" van de Wet milieubeheer, artikel"),
            "Wet milieubeheer | van de Wet milieubeheer"
        );
        assert_eq!(act(" Gemeentewet van"), "Gemeentewet | Gemeentewet");
        assert_eq!(
            act(" van de richtlijn kapitaalvereisten."),
            "richtlijn kapitaalvereisten | van de richtlijn kapitaalvereisten"
        );
        assert_eq!(
            act(" van de Wet op de kunstkast geldt niet"),
            "Wet op de kunstkast | van de Wet op de kunstkast"
        );
        assert_eq!(act(" van deze regeling"), "own");
        assert_eq!(act(" van dit besluit"), "own");
        assert_eq!(act(" van de regeling"), "own");
        assert_eq!(act(" van de bijlage"), "unplaced van de bijlage");
        assert_eq!(act(" is van toepassing"), "own");
        assert_eq!(
            act(" van het Burgerlijk Wetboek"),
            "BW | van het Burgerlijk Wetboek"
        );
        assert_eq!(
            match after_citation(" van het Burgerlijk Wetboek", &cx(), "", None, Some("3:79")) {
                Cited::Act(n, _) => n.short(),
                other => format!("{other:?}"),
            },
            "BW Boek 3"
        );
    }

    #[test]
    fn anaphora_looks_back() {
        let before = "Onverminderd de Wet op de loonbelasting 1964 geldt, bedoeld in ";
        match after_citation(" van die wet, dat", &cx(), before, None, None) {
            Cited::Act(Named::Known(a), w) => {
                assert_eq!(a.bwb, Some("BWBR0002471"));
                assert_eq!(w, "van die wet");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_names_end_where_the_sentence_goes_on() {
        assert_eq!(
            unknown_act_name("Wet op de gemeenschappelijke kunstkast geldt niet"),
            "Wet op de gemeenschappelijke kunstkast"
        );
        assert!(names_unknown_act("Wet op de kunstkast"));
        assert!(!names_unknown_act("Wet en in deze regeling"));
        assert!(looks_like_act("Handelsregisterwet 2007"));
        assert!(!looks_like_act("Wetenschap"));
        assert!(!looks_like_act("De wet"));
    }
}
