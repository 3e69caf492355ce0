//! Where a voting clause can start: a check on the word at a position, so that the vote
//! grammar runs only there. Running the grammar's `alinea` rule over every alinea tried
//! every clause at every word; almost no word can open one.
//!
//! The check must never reject a position where the grammar's `clause` rule matches (it
//! may accept where it then fails): the tests run the anchored search against the whole
//! `alinea` rule on every line of the real texts and on a line for every clause shape.
//! Every clause opens with one of a few words, compared as pest compares `^"..."`
//! (ASCII case-insensitively) with the run of letters and digits that starts there.

/// The run of letters and digits (pest's `LETTER | NUMBER`) that starts at byte `at`.
#[inline]
pub fn word_end(text: &str, at: usize) -> usize {
    crate::nl::word_end(text, at, is_letter_or_number)
}

/// pest's `LETTER | NUMBER`, the characters the grammar's `skip` takes as one word.
pub fn is_letter_or_number(c: char) -> bool {
    pest::unicode::LETTER(c) || pest::unicode::NUMBER(c)
}

/// True when a clause may start with `word` (a run of letters and digits) followed by
/// `rest`. The first words of every alternative of the `clause` rule; a very common first
/// word also needs the next characters its alternatives need.
///
/// `verb_after`: whether `wijst` or `wijzen` stands later in the text (see
/// [`last_designate_verb`]); without it no `designation` can start here, and the many
/// `de` and `het` of a regeling need no look at the body words after them.
pub fn may_start(word: &str, rest: &str, verb_after: bool) -> bool {
    // The first bytes of the words below (ASCII lower-cased by `| 0x20`; `0xe3` is the
    // first byte of `é` and `É`, 0xc3, so lowered): most words are ruled out here.
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if !matches!(
        first,
        b'0'..=b'9'
            | b'a'
            | b'b'
            | b'd'
            | b'e'
            | b'g'
            | b'h'
            | b'i'
            | b'l'
            | b'm'
            | b'n'
            | b'o'
            | b'p'
            | b's'
            | b't'
            | b'u'
            | b'v'
            | b'z'
            | 0xe3
    ) {
        return false;
    }
    // `stemverhouding` is matched without a word boundary after it.
    if word.len() >= 14 && word.as_bytes()[..14].eq_ignore_ascii_case(b"stemverhouding") {
        return true;
    }
    // Without a verb later in the text the words that only open a designation are out.
    let lengths = if verb_after {
        &LENGTHS_WITH_DESIGNATIONS
    } else {
        &LENGTHS
    };
    if word.len() > 13 || !crate::nl::may_be_first_word(lengths, word.as_bytes()) {
        return false;
    }
    let mut buf = [0u8; 13];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let next = rest.as_bytes().first().copied();
    let ws = matches!(next, Some(b' ' | b'\t'));
    let then = |s: &str| starts_ignoring_case(rest, s);
    // One white space character (the grammar's `WS`), then one of `words`.
    let ws_then = |words: &[&str]| ws && words.iter().any(|w| starts_ignoring_case(&rest[1..], w));
    // A count as the first word: `per_members` (`één lid per gemeente`) is the only clause
    // that opens with one, and the grammar wants `lid` or `leden` right after it, then a
    // comma or white space and `alsmede`, `en` or `per` (`een lid van het bestuur`, the
    // commonest failure of pest here, needs no call).
    let members = || {
        let Some(r) = rest.get(1..).filter(|_| ws) else {
            return false;
        };
        let n = if starts_ignoring_case(r, "leden") {
            5
        } else if starts_ignoring_case(r, "lid") {
            3
        } else {
            return false;
        };
        let after = &r[n..];
        after.starts_with(',')
            || after.starts_with([' ', '\t'])
                && ["alsmede", "en", "per"]
                    .iter()
                    .any(|w| starts_ignoring_case(&after[1..], w))
    };
    // `designation`: after `de` or `het`, the first word of its body (`designator`); a
    // `bestuur` only as `bestuur van` (`het bestuur van de stichting`).
    let designator = || {
        verb_after
            && ws
            && DESIGNATORS.iter().any(|w| {
                starts_ignoring_case(&rest[1..], w) && {
                    // A council word and `bestuur` need `van` after them (the grammar's
                    // `council ~ ... ~ WS ~ ^"van"`, `^"bestuur" ~ WS ~ ^"van"`): "de raad
                    // besluit" needs no call.
                    let after = &rest[1 + w.len()..];
                    !matches!(
                        *w,
                        "gemeenteraad" | "raad" | "raden" | "college" | "burgemeester" | "bestuur"
                    ) || {
                        let a = after.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                        a.starts_with([' ', '\t']) && starts_ignoring_case(&a[1..], "van")
                    }
                }
            })
    };
    match &*lower {
        // Counts (`members_per`) and fractions (`qualified`, `2/3`, `3/4`).
        b"2" | b"3" => members() || next == Some(b'/'),
        d if d.iter().all(u8::is_ascii_digit) => d.len() <= 3 && members(),
        b"twee" => members() || then(" derde"),
        b"drie" => members() || then(" vierde") || then(" kwart"),
        b"\xc3\xa9\xc3\xa9n" | b"e\xc3\xa9n" | b"een" | b"vier" | b"vijf" | b"zes" | b"zeven"
        | b"acht" | b"negen" | b"tien" => members(),
        // `de stemmen staken`, `van buiten de kring`, `met algemene stemmen`, and the
        // `niet-leden` / `niet zijnde leden` of `outside_members`.
        b"de" => then(" stemmen staken") || designator(),
        b"het" => designator(),
        b"onze" => ws_then(&["minister", "staatssecretaris"]),
        b"provinciale" | b"gedeputeerde" => ws_then(&["staten"]),
        b"van" => then(" buiten"),
        b"met" => then(" algemene"),
        b"niet" => then("-leden") || then(" zijnde"),
        b"meer" => then(" dan de helft"),
        b"ten" => then(" minste"),
        // `never_majority`: its subject, white space, then `mogen` or `kunnen`.
        b"leden" => {
            then(" van het dagelijks bestuur")
                && rest[26..].starts_with([' ', '\t'])
                && (starts_ignoring_case(&rest[27..], "mogen")
                    || starts_ignoring_case(&rest[27..], "kunnen"))
        }
        b"voor" => then(" ieder lid"),
        // Common words: the words the grammar needs after them (`votes_each`,
        // `each_members`, `fixed_votes`, ...), so that pest does not run at every `een`,
        // `heeft` or `gemeente` of a regeling.
        b"heeft" | b"hebben" => ws_then(&["in het", "elk", "ieder"]),
        b"ieder" => {
            ws_then(&COUNT_WORDS) || ws && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        }
        // `name_word` starts with an upper-case letter (`char::is_uppercase` includes
        // every `UPPERCASE_LETTER`).
        b"gemeente" => ws && rest[1..].chars().next().is_some_and(char::is_uppercase),
        b"naar" => then(" rato van") || then(" verhouding van"),
        b"evenredig" => then(" aan"),
        // `db_composition`, and `ab_size` (`bestaat uit`, white space, a count).
        b"bestaat" => then(" uit") && rest[4..].starts_with([' ', '\t']),
        b"benoemde" => then(" leden"),
        b"volstrekte" => ws_then(&["meerderheid"]),
        b"meerderheid" => ws_then(&["van", "der"]),
        b"staking" => then(" van stemmen"),
        b"staken" => then(" de stemmen"),
        b"geen" => then(" stemrecht"),
        b"dubbel" => then(" stemrecht"),
        b"dubbele" => then(" stem"),
        b"inwonertal" | b"tenminste" | b"tweederde" | b"driekwart" => ws,
        b"unaniem" | b"unanimiteit" | b"unanimititeit" | b"zienswijze" | b"zienswijzen"
        | b"herstemming" | b"stemming" => true,
        _ => false,
    }
}

/// Where the last `wijst` or `wijzen` after white space starts in `text`: every
/// `designation` starts before its verb (lower case in the grammar: a verb after its
/// subject), so only before this one. Found once per text by a substring search, so that
/// the check per word stays constant.
pub fn last_designate_verb(text: &str) -> Option<usize> {
    use std::sync::LazyLock;
    static WIJ: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"wij"));
    let bytes = text.as_bytes();
    let verb = |i: usize| {
        i > 0
            && matches!(bytes[i - 1], b' ' | b'\t')
            && (bytes[i..].starts_with(b"wijst") || bytes[i..].starts_with(b"wijzen"))
    };
    // A forward search with a vector prefilter (a reverse one has none, and two searches
    // for ` wijst` and ` wijzen` cost more than one for `wij`).
    WIJ.find_iter(bytes).filter(|&i| verb(i)).last()
}

/// The first words of the grammar's `designator` after `de` or `het`, as prefixes
/// (`raad` for `raad`, `raden` is its own; `college` for `colleges`).
const DESIGNATORS: &[&str] = &[
    "gemeenteraad",
    "raad",
    "raden",
    "college",
    "burgemeester",
    "minister",
    "staatssecretaris",
    "provinciale",
    "gedeputeerde",
    "bestuur",
    "stichting",
    "waterschap",
    "hoogheemraadschap",
];

/// Every word the `match` in [`may_start`] accepts (a word added there goes here too;
/// the tests against the whole grammar fail otherwise); counts of digits are added to
/// [`LENGTHS`] on their own.
const FIRST_WORDS: &[&[u8]] = &[
    b"twee",
    b"drie",
    b"\xc3\xa9\xc3\xa9n",
    b"e\xc3\xa9n",
    b"een",
    b"vier",
    b"vijf",
    b"zes",
    b"zeven",
    b"acht",
    b"negen",
    b"tien",
    b"de",
    b"van",
    b"met",
    b"niet",
    b"meer",
    b"ten",
    b"leden",
    b"voor",
    b"heeft",
    b"hebben",
    b"ieder",
    b"gemeente",
    b"naar",
    b"evenredig",
    b"bestaat",
    b"benoemde",
    b"volstrekte",
    b"meerderheid",
    b"staking",
    b"staken",
    b"geen",
    b"dubbel",
    b"dubbele",
    b"inwonertal",
    b"tenminste",
    b"tweederde",
    b"driekwart",
    b"unaniem",
    b"unanimiteit",
    b"unanimititeit",
    b"zienswijze",
    b"zienswijzen",
    b"herstemming",
    b"stemming",
];

/// The words of the `match` that only open a `designation` (`de` is in [`FIRST_WORDS`]).
const DESIGNATION_WORDS: &[&[u8]] = &[b"het", b"onze", b"provinciale", b"gedeputeerde"];

/// [`LENGTHS`] with the words of [`DESIGNATION_WORDS`]: for text with a verb of designation.
const LENGTHS_WITH_DESIGNATIONS: [u16; 256] = {
    let mut table = LENGTHS;
    let more = crate::nl::first_word_lengths(DESIGNATION_WORDS);
    let mut i = 0;
    while i < 256 {
        table[i] |= more[i];
        i += 1;
    }
    table
};

/// For each first byte (lower-cased as in [`may_start`]), a bit for each length of a word
/// in [`FIRST_WORDS`] that starts with it: one look-up rules out almost every other word
/// before it is copied and compared with the `match`'s words one by one (which was
/// most of voting's work on a regeling with no clause in most alinea's).
const LENGTHS: [u16; 256] = {
    let mut table = crate::nl::first_word_lengths(FIRST_WORDS);
    // Every digit starts a count of one to three digits.
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] |= 0b1110;
        d += 1;
    }
    table
};

/// Whether `text` starts with `prefix`, ASCII case-insensitively (as pest's `^"..."`).
fn starts_ignoring_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The count words the grammar's `count` rule opens with (besides a digit), for the
/// pre-filters that must let every count through (`starts`, `grammar::hand`).
pub(super) const COUNT_WORDS: [&str; 12] = [
    "\u{e9}\u{e9}n",
    "e\u{e9}n",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
];

#[cfg(test)]
mod tests {
    use super::super::grammar::{clauses, clauses_by_alinea};

    /// The length table lets through every word of the `match`, in any case, and the
    /// counts; it rules out a word of another length.
    #[test]
    fn length_table_keeps_every_first_word() {
        use super::{DESIGNATION_WORDS, FIRST_WORDS, may_start};
        let pairs = [
            (FIRST_WORDS, &super::LENGTHS),
            (FIRST_WORDS, &super::LENGTHS_WITH_DESIGNATIONS),
            (DESIGNATION_WORDS, &super::LENGTHS_WITH_DESIGNATIONS),
        ];
        for (w, table) in pairs
            .into_iter()
            .flat_map(|(words, table)| words.iter().map(move |w| (w, table)))
        {
            let w = std::str::from_utf8(w).unwrap();
            for word in [w.to_string(), w.to_uppercase()] {
                let passes = |word: &str| crate::nl::may_be_first_word(table, word.as_bytes());
                assert!(passes(&word) || word.len() != w.len(), "{word}");
            }
        }
        assert!(may_start("Stemming", "", false));
        assert!(may_start("\u{e9}\u{e9}n", " lid per gemeente", false));
        assert!(may_start("12", " leden per college", false));
        assert!(!may_start("12", " leden van de raad", false));
        assert!(!may_start("1234", " leden per college", false));
        assert!(!may_start("tweee", " derde", false));
        assert!(may_start("stemverhoudingen", "", false));
        // A body of a designation only where a verb follows.
        assert!(may_start("De", " minister wijst", true));
        assert!(!may_start("De", " minister wijst", false));
        assert_eq!(
            super::last_designate_verb("De raad wijst; wijzen x; WIJST"),
            Some(15)
        );
        assert_eq!(super::last_designate_verb("x\twijst"), Some(2));
        assert_eq!(
            super::last_designate_verb("aanwijzing, wijs; aanwijzen"),
            None
        );
        assert!(!may_start("het", " college van", false));
        assert!(may_start("HET", " college van", true));
    }

    /// The anchored search gives exactly what the `alinea` rule gives on every line of
    /// the regelingen, the real GRs and the voting fixtures.
    #[test]
    fn anchored_search_equals_the_full_grammar_on_real_texts() {
        let mut lines = 0;
        let mut found = 0;
        for f in [
            "regelingen/sora-2022.gr",
            "regelingen/wnk-2015.gr",
            "tests/fixtures/real/zeeuws-archief.gr",
            "tests/fixtures/real/gelders-archief.gr",
            "tests/fixtures/real/letterhoeke.gr",
            "tests/fixtures/stemmen/andere-vormen.gr",
            "tests/fixtures/stemmen/dagelijks-bestuur.gr",
            "tests/fixtures/stemmen/klassen-gat.gr",
            "tests/fixtures/stemmen/vaste-tabel.gr",
            "tests/fixtures/stemmen/aanwijzing-minister-en-raad.gr",
            "tests/fixtures/stemmen/aanwijzing-gezamenlijk.gr",
            "tests/fixtures/stemmen/aanwijzing-plaatsvervangend.gr",
            "tests/fixtures/stemmen/aanwijzing-som.gr",
        ] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + f;
            let text = std::fs::read_to_string(path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let anchored = clauses(line);
                assert_eq!(anchored, clauses_by_alinea(line), "{f}:{}: {line}", n + 1);
                lines += 1;
                found += anchored.len();
            }
        }
        assert!(lines > 1500, "{lines}");
        // And every line of every `.gr` file, corpus text and real GR on this machine.
        for (f, text) in crate::source::test_texts() {
            for (n, line) in text.lines().enumerate() {
                let anchored = clauses(line);
                let name = f.display();
                assert_eq!(
                    anchored,
                    clauses_by_alinea(line),
                    "{name}:{}: {line}",
                    n + 1
                );
            }
        }
        assert!(found > 40, "{found}");
    }

    /// A line for every alternative of `clause`, in other cases, glued to other words and
    /// cut short: the anchored search agrees with the whole grammar on each, and finds the
    /// clauses the constructed lines hold.
    #[test]
    fn anchored_search_equals_the_full_grammar_on_every_shape() {
        let shapes = [
            "een inwonertal van 20.000 tot 40.000 heeft drie stemmen",
            "Inwonertal tot en met 9.999 inwoners, heeft per lid 2 stemmen",
            "de gemeente Dijk en Waard heeft vijf stemmen",
            "dubbel stemrecht; een dubbele stem",
            "naar rato van de financiële bijdrage, evenredig aan haar bijdrage",
            "De stemverhouding is als volgt: stemverhoudingen",
            "ieder twee leden; één lid, alsmede één plaatsvervangend lid per gemeente",
            "Eén lid per deelnemer; 2 leden per college; 12 leden per gemeente",
            "voor ieder lid tevens één plaatsvervangend lid",
            "bestaat uit de voorzitter en (maximaal) twee andere leden",
            "De leden van het Dagelijks Bestuur mogen nimmer de meerderheid van het Algemeen Bestuur uitmaken",
            "benoemde leden kunnen niet de meerderheid van het dagelijks bestuur uitmaken",
            "van buiten de kring van het algemeen bestuur; niet-leden van het algemeen bestuur",
            "niet zijnde leden van het algemeen bestuur",
            "hebben in het Dagelijks Bestuur één stem; heeft in het algemeen bestuur 3 stemmen",
            "meer dan de helft van het aantal zitting hebbende leden",
            "bij volstrekte meerderheid van de uitgebrachte stemmen; Meerderheid der uitgebrachte stemmen",
            "ten minste twee derde van de uitgebrachte stemmen; tenminste 2/3 deel van het aantal gemeenten",
            "tweederde van de leden; drie kwart van de deelnemers; 3/4 van de colleges; driekwart van de stemmen",
            "UNANIEM, unanimiteit, unanimititeit, met algemene stemmen",
            "bij staking van stemmen; staken de stemmen; de stemmen staken",
            "zienswijze, Zienswijzen, geen stemrecht, herstemming, stemming",
            "EEN INWONERTAL VAN 20.000 TOT 40.000 HEEFT DRIE STEMMEN",
            "ÉÉN lid per gemeente, één lid per gemeente",
            "xinwonertal van 20.000 tot 40.000 heeft drie stemmen, 2x3/4 van de leden",
            "overeenstemming, af te stemmen, instemming, stemmingen, de stemmen",
            "1234 leden per gemeente; 123 leden per gemeente; 3/4",
            "2/3",
            "twee",
            "de",
            // The second words the pre-filter asks of common first words, after a tab,
            // in capitals, and where they do not follow.
            "heeft\tin het dagelijks bestuur 2 stemmen; HEBBEN IN HET ALGEMEEN BESTUUR één stem",
            "heeft een stem; hebben in de regel; heeft  in het algemeen bestuur één stem",
            "één\tlid per gemeente; EEN LEDEN PER COLLEGE; twee\tleden per deelnemer; 7 lid per gemeente",
            "een besluit; 12 maanden; drie weken; drie vierde van de stemmen; twee derde van de leden",
            "ieder\ttwee leden; ieder 3 leden; ieder lid; IEDER ÉÉN LID; ieder eén lid",
            "de gemeente Alkmaar heeft vijf stemmen; gemeente alkmaar heeft vijf stemmen; gemeente\tÉde brengt 2 stemmen",
            "naar rato van de bijdrage; naar verhouding van haar financiële bijdrage; naar de raad",
            "evenredig aan de bijdrage; bestaat uit de voorzitter en twee leden; bestaat uit drie leden",
            "volstrekte\tmeerderheid van de uitgebrachte stemmen; meerderheid\tder uitgebrachte stemmen; de meerderheid",
            "bij meerderheid van stemmen; met Meerderheid van stemmen.; meerderheid van stemmenverhouding",
            "staking van stemmen; staken de stemmen; geen stemrecht; geen besluit; dubbel stemrecht; dubbele stem",
            "benoemde leden mogen nimmer de meerderheid van het dagelijks bestuur uitmaken; benoemde ambtenaren",
            // What `lid`/`leden` after a count and `leden van het dagelijks bestuur` need.
            "een lid van het bestuur; een lid, alsmede één plaatsvervangend lid per gemeente; een lid,per",
            "een lid en een plaatsvervangend lid per gemeente; een lid\tper gemeente; een lidper gemeente",
            "een lidmaatschap per gemeente; een leden per college; EEN LID PER GEMEENTE; een lid  per gemeente",
            "twee leden ALSMEDE twee plaatsvervangende leden per deelnemer; 3 leden van de raad; 3 leden per college",
            "leden van het dagelijks bestuur mogen nimmer de meerderheid van het algemeen bestuur uitmaken",
            "leden van het Dagelijks Bestuur\tKUNNEN niet de meerderheid van het Algemeen Bestuur uitmaken",
            "leden van het dagelijks bestuur zijn; leden van het dagelijks bestuur  mogen; leden van het dagelijks bestuurmogen",
            // `designation`: every body, in capitals, after a tab, and where it fails.
            "De minister wijst twee leden aan. Deze leden hebben dubbel stemrecht.",
            "de raad van de gemeente Arnhem, de voorzitter inbegrepen, wijst uit zijn midden of uit de kring van wethouders 2 leden aan",
            "De raden van de gemeenten Renkum, Rheden en Rozendaal, de voorzitters inbegrepen, wijzen uit hun midden gezamenlijk 1 lid aan",
            "Provinciale staten wijzen uit hun midden, de voorzitter van die staten inbegrepen, drie leden en drie plaatsvervangend leden aan, onder wie",
            "De stichting wijst een lid en een plaatsvervangend lid aan; HET BESTUUR VAN DE STICHTING wijst EEN LID AAN; DE MINISTER WIJST EEN LID AAN",
            "het college van burgemeester en wethouders van de gemeente Ede wijst twee leden met dubbel stemrecht aan",
            "Onze Minister wijst een lid aan; onze\tminister wijst 3 leden aan; gedeputeerde\tstaten van de provincie Zeeland wijzen een lid aan",
            "het bestuur van het Hoogheemraadschap Rijnland wijst een lid aan; het waterschap wijst een lid aan; het\tbestuur van de stichting wijst een lid aan",
            "de raden van de gemeenten Aadorp en Beekdorp wijzen ieder een lid aan. Deze leden hebben elk twee stemmen; zij hebben ieder 3 stemmen",
            "de raad wijst een lid aan; de raad van de gemeente X wijst een voorzitter aan; de minister wijst aan; het bestuur besluit; het bestuur\tvan",
            "de minister wijst een nieuw lid aan; de raad van de gemeente Ede wijst een lid van het dagelijks bestuur aan; de gemeenteraad van de gemeente Ede wijst een lid aan",
            // `ab_size`, and where `members_per` must keep the count.
            "Het algemeen bestuur bestaat uit vijf leden. Het Algemeen Bestuur\tbestaat uit 6 leden; het algemeen bestuur bestaat uit twee leden per gemeente",
            "het algemeen bestuur bestaat uit een lid, alsmede een plaatsvervangend lid per gemeente; algemeen bestuur bestaat uit de voorzitter",
        ];
        let mut found = 0;
        for line in shapes {
            let anchored = clauses(line);
            assert_eq!(anchored, clauses_by_alinea(line), "{line}");
            found += anchored.len();
            // Cut at every character: a clause that runs into the end of the text.
            for (at, _) in line.char_indices() {
                assert_eq!(
                    clauses(&line[..at]),
                    clauses_by_alinea(&line[..at]),
                    "{line:?} cut at {at}"
                );
            }
        }
        assert!(found >= 65, "{found}");
    }
}
