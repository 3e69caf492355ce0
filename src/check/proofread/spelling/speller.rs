//! The dictionary and what the check adds to it: the known words of a regeling, the
//! forms Dutch builds (compounds), the spellings it had before (1947, 1995), and the words
//! one slip away from an unknown one.

use std::sync::{Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};
use spellbook::Dictionary;

use super::{SUGGESTIONS_SHOWN, judged, normalise};

/// The dictionary with the known words, and a verdict per word already seen (a regeling
/// repeats its words; the dictionary's affix rules are the expensive part).
pub(super) struct Speller<'a> {
    pub dict: &'a Dictionary,
    pub own: &'a FxHashSet<String>,
    pub verdicts: FxHashMap<String, bool>,
}

impl Speller<'_> {
    /// Whether the word `text[s..e]` is right.
    pub(super) fn knows(&mut self, text: &str, s: usize, e: usize) -> bool {
        let word = normalise(&text[s..e]);
        let abbreviation = text[e..].starts_with('.');
        // Looked up before the word is copied: a regeling repeats its words, and most are
        // found here (a copy per word was a tenth of `knows` at 10 times the real pair).
        if let Some(&v) = self.verdicts.get(&*word)
            && (v || !abbreviation)
        {
            return v;
        }
        let word = word.into_owned();
        let mut ok = self.word(&word);
        if !ok && word.contains('-') {
            ok = word
                .split('-')
                .all(|p| p.is_empty() || !judged(p, 0, p.len()) || self.word(p));
        }
        // A compound, unless a diacritic makes it one word: "ministeriele" is "mini" and
        // "steriele", but means "ministeriële".
        if !ok && !word.contains('-') {
            ok = self.compound(&word) && !self.lacks_diacritic(&word);
        }
        self.verdicts.insert(word.clone(), ok);
        ok || (abbreviation && self.dict.check(&format!("{word}.")))
    }

    pub(super) fn word(&self, word: &str) -> bool {
        if self.dict.check(word) {
            return true;
        }
        let lower = word.to_lowercase();
        // "Eén" at the start of a sentence is "één", which the dictionary has.
        if lower != word && self.dict.check(&lower) {
            return true;
        }
        self.own.contains(&lower) || super::act_word(&lower)
    }

    /// The word in today's spelling, when one rewrite of the spelling before 1995 or
    /// 1947 makes it a dictionary word: "produkt" → "product", "electrische" →
    /// "elektrische", "eene" → "ene", "wensch" → "wens", "mogt" → "mocht", "Februarij".
    pub(super) fn modern(&self, word: &str) -> Option<String> {
        const REWRITES: &[(&str, &str)] = &[
            ("kt", "ct"),
            ("ct", "kt"),
            ("ee", "e"),
            ("oo", "o"),
            ("sch", "s"),
            ("gt", "cht"),
            ("ij", "i"),
            ("ae", "e"),
            ("z", "s"),
            ("c", "k"),
            ("k", "c"),
        ];
        let lower = word.to_lowercase();
        // The declension before 1947: "den werkelijken", "der opgemaakten" (now -e).
        if let Some(stem) = lower.strip_suffix('n')
            && stem.ends_with('e')
            && stem.chars().count() > 4
            && self.dict.check(stem)
        {
            return Some(stem.to_string());
        }
        for &(old, new) in REWRITES {
            // Every occurrence, then each one alone ("beoordeeling": only the second ee).
            let all = lower.replace(old, new);
            if all != lower && self.dict.check(&all) {
                return Some(all);
            }
            for (i, _) in lower.match_indices(old) {
                let one = format!("{}{new}{}", &lower[..i], &lower[i + old.len()..]);
                if self.dict.check(&one) {
                    return Some(one);
                }
            }
        }
        None
    }

    /// Whether one letter with a diacritic (ë, é, ï, ö, ü) makes the word a dictionary word.
    pub(super) fn lacks_diacritic(&self, word: &str) -> bool {
        let chars: Vec<char> = word.to_lowercase().chars().collect();
        (0..chars.len()).any(|i| {
            let with: &[char] = match chars[i] {
                'e' => &['ë', 'é'],
                'i' => &['ï'],
                'o' => &['ö'],
                'u' => &['ü'],
                _ => &[],
            };
            with.iter().any(|&d| {
                let mut c = chars.clone();
                c[i] = d;
                self.dict.check(&c.into_iter().collect::<String>())
            })
        })
    }

    /// Whether the word is two dictionary words written together, the second at least
    /// three letters long, the first perhaps with a linking s: Dutch writes compounds as
    /// one word and forms new ones freely ("inlegsom", "zienswijzenprocedure"), which no
    /// dictionary lists and the Hunspell list's compound rules do not all allow.
    pub(super) fn compound(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        // Head and tail of at least three letters each.
        bounds
            .iter()
            .skip(3)
            .take(bounds.len().saturating_sub(5))
            .any(|&i| {
                let (head, tail) = lower.split_at(i);
                let head_ok = self.dict.check(head)
                    || head
                        .strip_suffix('s')
                        .is_some_and(|h| h.chars().count() >= 3 && self.dict.check(h));
                head_ok && self.dict.check(tail)
            })
    }

    /// The dictionary words one slip away from `word`, at most [`SUGGESTIONS_SHOWN`]: a
    /// letter too many (one or two), two letters swapped, a wrong letter, a letter
    /// missing, in that order. This is the check's own suggester: spellbook's takes up to
    /// half a second a word for Dutch compounds, this one about ten milliseconds.
    ///
    /// It asks the dictionary about a thousand candidates for a word of ten letters (most of
    /// a build's spelling check), and its answer depends on the word alone: it is kept for
    /// the process, as the regelingen of a build share their unknown words.
    pub(super) fn near_misses(&self, word: &str) -> Vec<String> {
        static KNOWN: OnceLock<Mutex<FxHashMap<String, Vec<String>>>> = OnceLock::new();
        let known = KNOWN.get_or_init(Default::default);
        let lock = || known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(word) {
            return found.clone();
        }
        let found = self.near_misses_of(word);
        lock().insert(word.to_string(), found.clone());
        found
    }

    fn near_misses_of(&self, word: &str) -> Vec<String> {
        // The candidates differ from the word in a letter or two, so the compounds the
        // dictionary tries for them share most of their parts: a checker with a memo judges
        // each part once (the same answers as `Dictionary::check`, a third of the work).
        let memo = spellbook::CompoundMemo::default();
        let checker = self.dict.checker_with_memo(&memo);
        self.near_misses_by(word, |c| checker.check(c))
    }

    /// The near misses of `word` by the dictionary check `check`, which must answer as
    /// `Dictionary::check` does.
    fn near_misses_by(&self, word: &str, check: impl Fn(&str) -> bool) -> Vec<String> {
        const LETTERS: &str = "eanirtodslgkvmhubpcwjzfyxqëéèïöüê";
        let mut first = word.chars();
        let lowered: String = match first.next() {
            Some(c) if c.is_uppercase() => c.to_lowercase().chain(first).collect(),
            _ => word.to_string(),
        };
        let chars: Vec<char> = lowered.chars().collect();
        let n = chars.len();
        let mut out: Vec<String> = Vec::new();
        // Edits that give the same string (deleting either of two equal letters, inserting
        // a letter beside its twin) are looked up once: the answer would be the same.
        let mut tried: FxHashSet<String> = FxHashSet::default();
        let mut consider = |candidate: Vec<char>, out: &mut Vec<String>| {
            if out.len() >= SUGGESTIONS_SHOWN || candidate.len() < 3 {
                return;
            }
            let c: String = candidate.into_iter().collect();
            if c != lowered && !out.contains(&c) && !tried.contains(&c) && check(&c) {
                out.push(c);
            } else {
                tried.insert(c);
            }
        };
        for i in 0..n {
            let mut c = chars.clone();
            c.remove(i);
            consider(c, &mut out);
        }
        for i in 0..n.saturating_sub(1) {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            consider(c, &mut out);
        }
        for i in 0..n {
            for l in LETTERS.chars().filter(|&l| l != chars[i]) {
                let mut c = chars.clone();
                c[i] = l;
                consider(c, &mut out);
            }
        }
        for i in 0..=n {
            for l in LETTERS.chars() {
                let mut c = chars.clone();
                c.insert(i, l);
                consider(c, &mut out);
            }
        }
        for i in 0..n {
            for j in i + 1..n {
                let c: Vec<char> = chars
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != i && k != j)
                    .map(|(_, &c)| c)
                    .collect();
                consider(c, &mut out);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo changes the cost of the near misses, never the answer: for every unknown
    /// word the check finds in the repository's texts, for slips made in the words of the
    /// real regelingen, and for constructed words (compounds, ij, diacritics, hyphens,
    /// doubled letters), the suggestions with the memo are those of `Dictionary::check`
    /// alone. (The national corpus and the real GRs were compared through the binary:
    /// README, "Issue 17, fifth round: build".)
    #[test]
    fn near_misses_with_the_memo_are_those_of_the_plain_check() {
        let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
        let mut words: Vec<String> = [
            "voorzittter",
            "bedrijfsvoeringsorganisatie",
            "werkleerbedrijff",
            "zienswijzenprocedurre",
            "ministeriele",
            "gemeenschapelijke",
            "rĳksoverheid",
            "rijksoverhied",
            "dagelijks-bestuur",
            "aaaanvraag",
            "belastingsamenwerking",
            "burgemeesster",
            "koffiiezetapparaat",
            "vijfhonderdtwintig",
            "Algemeene",
            "financiëele",
        ]
        .map(String::from)
        .to_vec();
        let mut texts = 0;
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            texts += 1;
            let (r, _) = crate::source::parse(&f.to_string_lossy(), &text);
            for d in super::super::check(&r) {
                if let Some(w) = d.message.strip_prefix("onbekend woord: \"") {
                    let w = super::super::normalise(w.trim_end_matches('"')).into_owned();
                    if w.chars().count() > 4 {
                        words.push(w);
                    }
                }
            }
        }
        // Slips made in real words: every 60th word of seven letters or more of the real
        // regelingen, with its middle letter left out or doubled.
        for f in ["regelingen/wnk-2015.gr", "regelingen/sora-2022.gr"] {
            let text = std::fs::read_to_string(f).unwrap();
            let long = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() >= 7);
            for (i, w) in long.step_by(60).enumerate() {
                let chars: Vec<char> = w.to_lowercase().chars().collect();
                let m = chars.len() / 2;
                let mut slip = chars.clone();
                if i % 2 == 0 {
                    slip.remove(m);
                } else {
                    slip.insert(m, chars[m]);
                }
                words.push(slip.into_iter().collect());
            }
        }
        words.sort();
        words.dedup();
        assert!(texts >= 20, "{texts} texts");
        assert!(words.len() >= 80, "{} words: {words:?}", words.len());
        let dict = super::super::dictionary();
        let own = FxHashSet::default();
        let speller = Speller {
            dict,
            own: &own,
            verdicts: FxHashMap::default(),
        };
        let mut suggested = 0;
        for w in &words {
            let plain = speller.near_misses_by(w, |c| dict.check(c));
            assert_eq!(speller.near_misses_of(w), plain, "{w}");
            suggested += usize::from(!plain.is_empty());
        }
        // Both kinds of answer were compared: words with suggestions and words without.
        assert!(suggested >= 10 && suggested < words.len(), "{suggested}");
    }
}

#[cfg(test)]
mod affix_tests {
    /// spellbook's affix index finds the prefixes and suffixes a word may carry by narrowing
    /// a sorted table one character at a time; since issue 17's fifth round it compares
    /// characters kept per affix instead of walking each affix's text (vendor/spellbook,
    /// README.grc.md). The affixes it gives, and their order (the first that fits wins), are
    /// compared with their definition for stems of nl.dic, forms of them, and edge cases.
    #[test]
    fn the_affixes_of_a_word_are_those_of_their_definition() {
        let dict = super::super::dictionary();
        let dic = include_str!("../../../../dict/nl.dic");
        let mut checked = 0;
        let edge = [
            "",
            "e",
            "en",
            "s",
            "ë",
            "éé",
            "ĳ",
            "ĳsje",
            "geë",
            "oneindigheden",
            "ge-",
            "'s",
        ];
        let forms = dic.lines().skip(1).step_by(11).flat_map(|line| {
            let stem = line.split('/').next().unwrap_or(line).to_lowercase();
            [
                format!("ge{stem}d"),
                format!("{stem}en"),
                format!("on{stem}heden"),
                stem,
            ]
        });
        for w in edge.into_iter().map(String::from).chain(forms) {
            assert!(dict.affixes_of_are_their_definition(&w), "{w}");
            checked += 1;
        }
        assert!(checked > 60_000, "{checked}");
    }
}

#[cfg(test)]
mod conversion_tests {
    /// spellbook converts every checked word by the dictionary's ICONV table (Dutch: "ij" →
    /// "ĳ", "’" → "'"); since issue 17's eleventh round the walk jumps to the next byte a
    /// pattern starts with instead of trying every character (vendor/spellbook,
    /// README.grc.md). The result is compared with the walk's at every character: Dutch's
    /// tables for the stems of nl.dic and the words of the repository's texts, and other
    /// tables (decomposed accents, whose patterns start with ASCII; end-anchored, overlapping
    /// and multibyte patterns) for every string of up to five characters over an alphabet
    /// holding each pattern's characters.
    #[test]
    fn conversions_are_those_of_their_definition() {
        let dict = super::super::dictionary();
        let dic = include_str!("../../../../dict/nl.dic");
        let mut words: Vec<String> = dic
            .lines()
            .skip(1)
            .map(|l| l.split('/').next().unwrap_or(l).to_string())
            .collect();
        // nl.dic writes the ligature; typed words have "ij", which ICONV converts.
        let typed: Vec<String> = words
            .iter()
            .filter(|w| w.contains('ĳ'))
            .map(|w| w.replace('ĳ', "ij"))
            .collect();
        words.extend(typed);
        for f in crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]) {
            if let Ok(text) = std::fs::read_to_string(&f) {
                words.extend(text.split_whitespace().map(String::from));
            }
        }
        let converted = words.iter().filter(|w| w.contains("ij")).count();
        assert!(
            words.len() > 200_000 && converted > 5_000,
            "{}",
            words.len()
        );
        for w in &words {
            assert!(dict.conversions_are_their_definition(w), "{w}");
        }
        let tables: [&[(&str, &str)]; 4] = [
            &[("’", "'"), ("ij", "ĳ"), ("IJ", "Ĳ")],
            &[("e\u{301}", "é"), ("a\u{300}", "à"), ("œ", "oe")],
            &[
                ("a", "b"),
                ("ab", "c"),
                ("bc_", "d"),
                ("é", "e"),
                ("ĳ", "ij"),
            ],
            &[("ij_", "y"), ("j", "ij"), ("’’", "\"")],
        ];
        let alphabet: Vec<char> = "aijIJ’bcé\u{301}œĳx".chars().collect();
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        assert!(all.len() > 200_000, "{}", all.len());
        for table in tables {
            for w in &all {
                assert!(spellbook::conversion_is_its_definition(table, w), "{w}");
            }
        }
    }
}
