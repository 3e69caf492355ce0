//! The table of acts (`wetten.toml`): data, not code. `build.rs` compiles it into two
//! statics: every act, and its names in lower case, sorted, for a binary search. Adding
//! an act is adding an entry to the TOML file.

/// An act a regeling can cite.
#[derive(Debug, PartialEq, Eq)]
pub struct Act {
    /// The citeertitel (or the name the act is known by).
    pub name: &'static str,
    /// The name shown in reports (`Wgr`, `Awb`; else the citeertitel).
    pub short: &'static str,
    /// The identifier on wetten.overheid.nl.
    pub bwb: Option<&'static str>,
    /// Every way a text names the act.
    pub names: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/acts.rs"));

/// All acts.
pub fn table() -> &'static [Act] {
    ACTS
}

/// The act with this short name.
pub fn by_short(short: &str) -> Option<&'static Act> {
    // The names index holds every short name that is also a name; the rest (few, all in
    // the hand-written part) are found by a scan of that part.
    by_name(short)
        .filter(|a| a.short == short)
        .or_else(|| ACTS.iter().find(|a| a.short == short))
}

/// The act one of whose names is exactly `name` (without regard to case).
pub fn by_name(name: &str) -> Option<&'static Act> {
    let key: String = name.chars().flat_map(key_char).collect();
    NAMES
        .binary_search_by(|(n, _)| n.cmp(&key.as_str()))
        .ok()
        .map(|i| &ACTS[NAMES[i].1 as usize])
}

/// How many words a name of an act may have (the longest in the table have about 30).
const MAX_WORDS: usize = 40;

/// The act named at the very start of `text`, and how many bytes its name takes. The
/// longest name wins, and a name must end at a word boundary (`Wgr,` but not `Wgrx`).
/// Names match without regard to case, except that a one-word name must be written
/// with its capital (`Gemeentewet`, not the word `gemeentewet` in a sentence), and
/// `wet` only as written.
pub fn named_at(text: &str) -> Option<(&'static Act, usize)> {
    if !text.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    // Most words begin no name: one hash lookup of the first word rules them out before
    // the candidates are built (this runs at many words of every definition and citation).
    if !first_word_begins_a_name(text) {
        return None;
    }
    // From the longest candidate down; only candidates no longer than the window key's
    // longest common prefix with a name can be one (each is then one binary search).
    let window = Window::new(text)?;
    let longest_shared = window.longest_shared_prefix();
    window
        .ends
        .iter()
        .rev()
        .filter(|&&end| window.at[end] <= longest_shared)
        .find_map(|&end| window.name_ending_at(end))
}

/// The candidates for a name at the start of a text: where a name may end, and the key
/// of the whole window once (as build.rs makes the index's keys) with where each byte
/// offset of the text falls in it, so that each candidate's key is a slice of it.
struct Window<'t> {
    text: &'t str,
    /// Where a name may end: before white space or punctuation, in order.
    ends: Vec<usize>,
    key: String,
    at: Vec<usize>,
}

impl<'t> Window<'t> {
    fn new(text: &'t str) -> Option<Self> {
        let mut ends: Vec<usize> = Vec::new();
        let mut words = 0;
        for (i, c) in text.char_indices() {
            if i > 0
                && !c.is_alphanumeric()
                && text[..i].ends_with(|p: char| p.is_alphanumeric() || p == ')' || p == '.')
            {
                ends.push(i);
                if c.is_whitespace() {
                    words += 1;
                }
                // A comma ends a name unless a capital follows ("Wet openbare lichamen
                // Bonaire, Sint Eustatius en Saba"); the shorter candidates are still tried.
                let comma_goes_on = c == ','
                    && text[i + 1..]
                        .strip_prefix(' ')
                        .is_some_and(|x| x.starts_with(char::is_uppercase));
                if words >= MAX_WORDS
                    || matches!(c, ';' | ':' | '(' | '\n')
                    || c == ',' && !comma_goes_on
                {
                    break;
                }
            }
        }
        if words < MAX_WORDS {
            ends.push(text.len());
        }
        ends.dedup();
        let window = &text[..*ends.last()?];
        let mut key = String::with_capacity(window.len());
        let mut at: Vec<usize> = vec![0; window.len() + 1];
        for (i, c) in window.char_indices() {
            at[i] = key.len();
            push_key(&mut key, c);
        }
        at[window.len()] = key.len();
        Some(Window {
            text,
            ends,
            key,
            at,
        })
    }

    /// The longest common prefix (in bytes) of the window's key with any name. Every
    /// candidate's key is a prefix of the window's, so one longer than this is no name;
    /// the prefix is longest with one of the two names the key sorts between.
    fn longest_shared_prefix(&self) -> usize {
        let key = self.key.as_str();
        let sorted_at = NAMES.partition_point(|(n, _)| *n < key);
        let shared = |i: usize| {
            NAMES.get(i).map_or(0, |(n, _)| {
                n.bytes()
                    .zip(key.bytes())
                    .take_while(|(a, b)| a == b)
                    .count()
            })
        };
        shared(sorted_at).max(sorted_at.checked_sub(1).map_or(0, shared))
    }

    /// The act named by the text up to `end`, if a name ends there.
    fn name_ending_at(&self, end: usize) -> Option<(&'static Act, usize)> {
        let text = self.text;
        let candidate = &text[..end];
        let one_word = !candidate.contains(char::is_whitespace);
        // "Regeling groenprojecten 2005" is not the act called "Regeling groenprojecten"
        // (a name without its year) that another year has.
        let rest = &text.as_bytes()[end..];
        let other_year = rest.len() >= 5
            && rest[0] == b' '
            && rest[1..5].iter().all(u8::is_ascii_digit)
            && !rest.get(5).is_some_and(u8::is_ascii_digit);
        if other_year {
            return None;
        }
        let key = &self.key[..self.at[end]];
        let Ok(i) = NAMES.binary_search_by(|(n, _)| n.cmp(&key)) else {
            return None;
        };
        let act = &ACTS[NAMES[i].1 as usize];
        if one_word && !act.names.contains(&candidate) {
            return None;
        }
        Some((act, end))
    }
}

/// The act an abbreviation written in lower case stands for (`sr`, `sv`, `bvt` for Sr, Sv,
/// Bvt), when exactly one act has it as a name: a one-word name of at most five letters
/// with a capital after its first letter or without a vowel after it (so `wet`, `BW`'s
/// lower case `bw` and `Sr` count, a word like `Gemeentewet` does not).
pub fn lower_case_abbreviation(word: &str) -> Option<&'static Act> {
    // The table is made by build.rs (it was built here on first use, 15 M instructions at
    // every start; issue 17), sorted by the lower-case form.
    LOWER_CASE_ABBREVIATIONS
        .binary_search_by(|(w, _)| (*w).cmp(word))
        .ok()
        .map(|i| &ACTS[LOWER_CASE_ABBREVIATIONS[i].1 as usize])
}

/// Whether the key of the first word of `text` (up to white space, `,;:()` or a
/// character the key makes a space, without trailing full stops) is the first word of a
/// name. Most words are not: this runs at many words of every definition and citation,
/// so an ASCII word of up to 32 bytes is lowered on the stack, without an allocation.
fn first_word_begins_a_name(text: &str) -> bool {
    let word = text
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ';' | ':' | '(' | ')'))
        // A character the key makes a space ends the first word.
        .take_while(|&c| !is_key_space(c));
    let mut buf = [0u8; 32];
    let mut len = 0;
    for c in word.clone() {
        if !c.is_ascii() || len == buf.len() {
            let mut first = String::new();
            word.for_each(|c| push_key(&mut first, c));
            return first_words().contains(first.trim_end_matches('.'));
        }
        // '-' is a key space and ended the word, so lowering is the whole ASCII key.
        buf[len] = c.to_ascii_lowercase() as u8;
        len += 1;
    }
    let Ok(first) = std::str::from_utf8(&buf[..len]) else {
        return false;
    };
    first_words().contains(first.trim_end_matches('.'))
}

/// The first word of every name's key (as `named_at` cuts it from a text), in a hash set
/// for the lookup at many words; the distinct words come from build.rs, so making the
/// set is cheap (deriving them from every name took 6 M instructions at every start).
fn first_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static FIRST: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    FIRST.get_or_init(|| FIRST_WORDS.iter().copied().collect())
}

/// The characters a key writes as a space.
fn is_key_space(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '\u{a0}')
}

/// Appends `c` to a key as [`key_char`] gives it; ASCII without the iterators (this runs
/// at every character of every candidate name: a tenth of reference extraction).
#[inline]
fn push_key(key: &mut String, c: char) {
    if c.is_ascii() {
        key.push(if c == '-' {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
    } else {
        key.extend(key_char(c));
    }
}

/// One character of a lookup key: lower case, a dash, hyphen or no-break space as a
/// space (the same as `key` in build.rs).
fn key_char(c: char) -> impl Iterator<Item = char> {
    let replaced = is_key_space(c);
    let lower = if replaced {
        None
    } else {
        Some(c.to_lowercase())
    };
    replaced
        .then_some(' ')
        .into_iter()
        .chain(lower.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut writes every character as the iterator does.
    #[test]
    fn push_key_is_key_char() {
        let chars = (0u32..0x250)
            .chain([0x2013, 0x2014, 0x130, 0x1e9e, 0x2126])
            .filter_map(char::from_u32);
        for c in chars {
            let mut pushed = String::new();
            push_key(&mut pushed, c);
            assert_eq!(pushed, key_char(c).collect::<String>(), "{c:?}");
        }
    }

    /// build.rs's tables: sorted for the binary search, each abbreviation a name of its
    /// act, every name's first word among the first words.
    #[test]
    fn the_generated_lookup_tables_fit_the_names() {
        assert!(LOWER_CASE_ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FIRST_WORDS.windows(2).all(|w| w[0] < w[1]));
        for (word, i) in LOWER_CASE_ABBREVIATIONS {
            let act = &ACTS[*i as usize];
            assert!(
                act.names
                    .iter()
                    .chain([&act.short])
                    .any(|n| n.to_lowercase() == *word),
                "{word}"
            );
            assert_eq!(lower_case_abbreviation(word), Some(act));
        }
        assert_eq!(lower_case_abbreviation("wgr").unwrap().short, "Wgr");
        assert_eq!(lower_case_abbreviation("awb").unwrap().short, "Awb");
        assert!(lower_case_abbreviation("wet").is_none());
        for (key, _) in NAMES {
            let first = key.split([' ', ',', ';', ':', '(', ')']).next().unwrap();
            assert!(first_words().contains(first.trim_end_matches('.')), "{key}");
        }
    }

    /// `named_at` as it was before the first word was lowered on the stack and before
    /// candidate ends beyond the key's longest common prefix with a name were skipped:
    /// the first word's key made by `key_char`, every candidate end tried.
    fn named_at_by_every_end(text: &str) -> Option<(&'static Act, usize)> {
        if !text.starts_with(|c: char| c.is_alphabetic()) {
            return None;
        }
        let first: String = text
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ';' | ':' | '(' | ')'))
            .take_while(|&c| !is_key_space(c))
            .flat_map(key_char)
            .collect();
        if !first_words().contains(first.trim_end_matches('.')) {
            return None;
        }
        let window = Window::new(text)?;
        window
            .ends
            .iter()
            .rev()
            .find_map(|&end| window.name_ending_at(end))
    }

    /// The fast `named_at` finds what trying every candidate end finds: at every word
    /// start of the repository's `.gr` files, the corpus and the real GRs, and on every
    /// name of the table as written, in upper and lower case, followed by what a text puts
    /// after a name (a year, a comma and a capital, a letter, punctuation).
    #[test]
    fn named_at_is_every_end_tried() {
        let mut compared = 0usize;
        let mut named = 0usize;
        let mut same = |t: &str| {
            let fast = named_at(t);
            assert_eq!(fast, named_at_by_every_end(t), "{t:?}");
            compared += 1;
            usize::from(fast.is_some())
        };
        for (_, text) in crate::source::test_texts_and_real_fixtures() {
            let mut after_word = true;
            for (i, c) in text.char_indices() {
                if after_word {
                    named += same(&text[i..]);
                }
                after_word = !c.is_alphanumeric();
            }
        }
        let found_in_texts = named;
        for act in table() {
            for name in act.names {
                for written in [name.to_string(), name.to_uppercase(), name.to_lowercase()] {
                    for after in [
                        "",
                        " 2005",
                        " 2005x",
                        ", Sint",
                        ", eerste lid",
                        "x",
                        ".",
                        ")",
                    ] {
                        named += same(&format!("{written}{after}"));
                    }
                }
            }
        }
        assert!(compared > 1_000_000, "{compared} compared, {named} named");
        assert!(found_in_texts > 5_000, "{found_in_texts} named in texts");
        assert!(named > 150_000, "{compared} compared, {named} named");
    }

    #[test]
    fn the_table_loads_and_every_act_is_named() {
        assert!(table().len() >= 9_000);
        for a in table() {
            assert!(!a.names.is_empty(), "{} has no names", a.name);
        }
        assert_eq!(by_short("Wgr").unwrap().bwb, Some("BWBR0003740"));
        assert_eq!(by_short("Awb").unwrap().name, "Algemene wet bestuursrecht");
        assert_eq!(
            by_name("wet op de loonbelasting 1964").unwrap().bwb,
            Some("BWBR0002471")
        );
    }

    #[test]
    fn short_titles_the_national_list_lacks_name_their_act() {
        // Each id is the national list's row for that act (see wetten.toml's hand part).
        for (name, bwb) in [
            ("Werkloosheidswet", "BWBR0004045"),
            ("WW", "BWBR0004045"),
            ("Toeslagenwet", "BWBR0004043"),
            ("Faillissementswet", "BWBR0001860"),
            ("Wet op het consumentenkrediet", "BWBR0004815"),
            ("Wet op de lijkbezorging", "BWBR0005009"),
            ("WVW 1994", "BWBR0006622"),
            ("Wet veiligheidsregio's", "BWBR0027466"),
            ("Wet veiligheidsregio’s", "BWBR0027466"),
            ("Wpg", "BWBR0024705"),
            ("Wmo 2015", "BWBR0035362"),
            ("Wet arhi", "BWBR0003718"),
            ("Archief-wet 1995", "BWBR0007376"),
        ] {
            assert_eq!(by_name(name).and_then(|a| a.bwb), Some(bwb), "{name}");
        }
    }

    #[test]
    fn longest_name_wins_at_a_word_boundary() {
        assert_eq!(
            named_at("Archiefwet 1995, over").map(|(a, n)| (a.short, n)),
            Some(("Archiefwet 1995", 15))
        );
        assert_eq!(named_at("Wgr geheimhouding").unwrap().0.short, "Wgr");
        assert!(named_at("Wgrx").is_none());
        assert!(named_at("Gemeenteraad").is_none());
        assert_eq!(named_at("wet geheimhouding").unwrap().0.short, "Wgr");
        // Acts of the national list, written as a text writes them.
        assert_eq!(
            named_at("Wet op het financieel toezicht is van toepassing")
                .unwrap()
                .0
                .bwb,
            Some("BWBR0020368")
        );
        assert_eq!(
            named_at("Wegenverkeerswet 1994 en").unwrap().0.bwb,
            Some("BWBR0006622")
        );
        // Case inside a name does not matter; a one-word name needs its capital.
        assert_eq!(
            named_at("Wet Op Het Financieel Toezicht").unwrap().0.bwb,
            Some("BWBR0020368")
        );
        assert!(named_at("gemeentewet").is_none());
        // A hyphen or dash is a space; a name without its year is no other year's act.
        assert_eq!(
            named_at("Financiële verhoudingswet").unwrap().0.bwb,
            Some("BWBR0008290")
        );
        assert!(
            named_at("Regeling groenprojecten 2005, ")
                .is_none_or(|(a, _)| a.name != "Regeling groenprojecten 2010")
        );
    }

    #[test]
    fn names_follow_the_generator_rules() {
        // The citeertitel without its year, when no other act has that name.
        assert_eq!(
            named_at("Wegenverkeerswet, eerste lid").unwrap().0.bwb,
            Some("BWBR0006622")
        );
        // A title that is a name.
        assert_eq!(
            named_at("Wetboek van Koophandel").unwrap().0.bwb,
            Some("BWBR0001838")
        );
    }
}
