//! How an act's name is written: the kinds of regulation whose word ends a name, the
//! words that end or continue one, abbreviations, and EU acts with their numbers. Word
//! tests only; which act a citation names is decided in the parent module.

/// Nouns that name a kind of regulation: after `van de/het`, they make the citation
/// another act's even when grc does not know which (`van de richtlijn kapitaalvereisten`).
/// (With [`KINDS`]: see [`document_noun`].)
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
    "richtlijn",
    "verdrag",
    "statuten",
    "overeenkomst",
    "beschikking",
    "kaderregeling",
    "kaderwet",
    "code",
    "protocol",
    "beleidsregel",
    "beleidsregels",
    "uitvoeringsregeling",
    "uitvoeringsbesluit",
    "rijkswet",
    "akte",
    "instructie",
];

/// The kinds of regulation whose word ends a name (`Provinciewet`, `interim-besluit`).
pub(super) const KINDS: &[&str] = &[
    "wet",
    "wetboek",
    "besluit",
    "regeling",
    "reglement",
    "verordening",
    // `Mijnstatuut 1954`, `Ambtenarenstatuut`.
    "statuut",
];

/// A word (in lower case) that names a kind of regulation or document.
pub(super) fn document_noun(w: &str) -> bool {
    KINDS.contains(&w) || DOCUMENT_NOUNS.contains(&w)
}

/// A name whose first four words include a kind of regulation (`Algemeen militair
/// ambtenarenreglement`, `Militaire Ambtenarenwet 1931`, `interim-besluit FZ`), starting
/// with a capital or being one word; as written up to the end of the name.
pub(super) fn name_with_kind(s: &str) -> Option<&str> {
    let name = unknown_act_name(s);
    // Lower case, only the first word can be the name (`de commissieverordening voortdurend`).
    let first = first_word(name);
    let name = if name.starts_with(char::is_lowercase)
        && first.len() < name.len()
        && !name[first.len()..].starts_with('-')
    {
        first
    } else {
        name
    };
    let capital = name.starts_with(char::is_uppercase);
    // The kind as a word of its own counts after a capitalised first word (`Koninklijk
    // besluit van 21 februari 1972`, `Algemene Wet Bijzondere Ziektekosten`).
    let has_kind = name.split(' ').take(4).enumerate().any(|(i, w)| {
        let w = w.to_lowercase();
        KINDS
            .iter()
            .any(|k| w.ends_with(k) && w.len() > k.len() + 2 || capital && i > 0 && w == *k)
    });
    // Lower case only as one compound (`de commissieverordening`, `het interim-besluit`),
    // never the plain words `de wet`, `het besluit` (a term, or the Wgr).
    let compound = !name.contains(' ') || name.contains('-');
    (has_kind && (capital || compound)).then_some(name)
}

/// `Mw`, `Wvb`, `AWBZ`, `Vw 2000`: an abbreviation, not a capitalised word that begins a
/// longer name: short, with two capitals or no vowel after its capital.
pub(in crate::refs) fn abbreviation_like(w: &str) -> bool {
    let first = w.split(' ').next().unwrap_or("");
    let capitals = first.chars().filter(|c| c.is_uppercase()).count();
    let vowel = first.chars().skip(1).any(|c| "aeiouy".contains(c));
    first.chars().count() <= 8 && (capitals >= 2 || !vowel)
}

/// The first word of `s` (letters and digits).
pub(super) fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Where the `n`-th word of `s` ends, if `s` has that many words before any punctuation.
pub(super) fn word_end_after(s: &str, n: usize) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || (in_word && c == '-') {
            in_word = true;
        } else {
            if in_word {
                words += 1;
                if words == n {
                    return Some(i);
                }
            }
            in_word = false;
            if c != ' ' {
                return None;
            }
        }
    }
    (in_word && words + 1 == n).then_some(s.len())
}

/// Words that end an act's name: "de Wet op de kunstkast *geldt* niet".
pub(super) const NAME_STOP: &[&str] = &[
    "geldt",
    "gelden",
    "is",
    "zijn",
    "wordt",
    "worden",
    "blijft",
    "blijven",
    "niet",
    "en",
    "of",
    "kan",
    "kunnen",
    "heeft",
    "hebben",
    "bedoeld",
    "bedoelde",
    "genoemd",
    "genoemde",
    "zoals",
    "voor",
    "met",
    "die",
    "dat",
    "als",
    "in",
    "bij",
    "krachtens",
    "ter",
    "te",
    "dan",
    "wel",
    "juncto",
    "jo",
    "alsmede",
    "respectievelijk",
    "onderscheidenlijk",
    "luidende",
    "luidt",
    "aan",
    "op",
    "om",
    "tot",
    "door",
    "over",
    "wanneer",
    "indien",
    "mits",
    "tenzij",
    "een",
    "zal",
    "zullen",
    "moet",
    "moeten",
    "mag",
    "mogen",
    "vast",
    "nog",
    "mede",
    "ook",
    "slechts",
    "uitsluitend",
    "eveneens",
];

/// Words that may stand inside an act's name although they end it elsewhere: "Wet *op*
/// de ...", "Wet *tot* ...", "Besluit *van* ...".
pub(super) const NAME_INNER: &[&str] = &[
    "op", "tot", "van", "in", "voor", "met", "aan", "bij", "over",
];

/// The name of an act grc does not know, as written at the start of `s`: up to the
/// first punctuation or a word that cannot be part of it, at most eight words. The
/// little words of names ("op", "tot", "en") count as part of it only while the next word
/// goes on with a name.
pub fn unknown_act_name(s: &str) -> &str {
    let head = s.split([',', ';', ':', ')', '(', '.']).next().unwrap_or("");
    let words: Vec<&str> = head.split(' ').collect();
    let mut end = 0;
    for (i, w) in words.iter().enumerate() {
        if i >= 8 || w.is_empty() {
            break;
        }
        // "Wet op ...", "Besluit van ..."; "Besluit radar- en bochtaanwijzers": a word cut
        // off by a hyphen goes on.
        let inner_ok = i > 0 && (NAME_INNER.contains(w) && i == 1 || words[i - 1].ends_with('-'));
        if i > 0 && NAME_STOP.contains(w) && !inner_ok {
            break;
        }
        // "de Wet op de kunstkast" and "het ... in de Staatscourant": "de" and "het" go on
        // a name only after "op", "van", "tot".
        if i > 1 && matches!(*w, "de" | "het") && !NAME_INNER.contains(&words[i - 1]) {
            break;
        }
        end += w.len() + usize::from(i > 0);
        // A year ends a name: "Wet IB 2001 een ...".
        if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
    }
    head[..end].trim_end()
}

/// The last EU act of the kind `noun` (`verordening`, `richtlijn`) that `before` names
/// with its number ("Verordening (EG) nr. 300/2008", "Richtlijn 92/66/EEG"): "deze
/// verordening" after it is that act. A regeling never calls itself a richtlijn, and a
/// verordening that does call itself so does not name an EU regulation in the same
/// sentence first.
pub(super) fn last_eu_act<'a>(before: &'a str, noun: &str) -> Option<&'a str> {
    let capital = match noun {
        "verordening" => "Verordening",
        "richtlijn" => "Richtlijn",
        _ => return None,
    };
    // Within the sentence: a full stop, a space and a capital end one ("nr. 300" does
    // not; "e. Verordening" does, after the marker).
    let sentence = before
        .match_indices(". ")
        .filter(|(i, _)| before[i + 2..].starts_with(char::is_uppercase))
        .last()
        .map_or(before, |(i, _)| &before[i + 2..]);
    let offset = before.len() - sentence.len();
    sentence.rmatch_indices(capital).find_map(|(i, _)| {
        let rest = &sentence[i + capital.len()..];
        let n = eu_number(rest);
        (n > 0).then(|| &before[offset + i..offset + i + capital.len() + n])
    })
}

/// The length of an EU act's number after its noun: ` (EG) 1107/2009`, ` (EU) nr.
/// 2016/679`, ` 2004/18/EG`; 0 when none follows.
pub(super) fn eu_number(rest: &str) -> usize {
    let mut s = rest.trim_start();
    for tag in ["(EG)", "(EU)", "(EEG)", "(Euratom)"] {
        if let Some(x) = s.strip_prefix(tag) {
            s = x.trim_start();
        }
    }
    if let Some(x) = s.strip_prefix("nr.") {
        s = x.trim_start();
    }
    let number = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
        .unwrap_or(s.len());
    let n = &s[..number];
    if n.starts_with(|c: char| c.is_ascii_digit()) && n.contains('/') {
        rest.len() - s.len() + number
    } else {
        0
    }
}

/// True when `s` starts with the name of an act of more than one word that grc does
/// not know ("Wet op de kunstkast"): the bare word "Wet" is not one.
pub fn names_unknown_act(s: &str) -> bool {
    looks_like_act(s) && unknown_act_name(s).contains(' ')
}

/// A name such as "Wet op ...", "Provinciewet", "Burgerlijk Wetboek", "Besluit ...",
/// "Regeling ...", "Verordening (EG) ...".
pub fn looks_like_act(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    let capital = first.starts_with(char::is_uppercase);
    let opens = [
        "Wet",
        "Besluit",
        "Regeling",
        "Reglement",
        "Verordening",
        "Richtlijn",
        "Verdrag",
        "Rijkswet",
        "Beschikking",
        "Kaderwet",
        "Kaderregeling",
        "Statuut",
        "Wetboek",
        "Uitvoeringsbesluit",
        "Uitvoeringsregeling",
    ];
    capital
        && (opens.contains(&first)
            || KINDS
                .iter()
                .any(|e| first.ends_with(e) && first.len() > e.len() + 2))
}
