//! The commonest voting clauses read without pest: a pest call costs about 11 000
//! instructions, and on a regeling most of them were a one-word clause (`zienswijzen`,
//! `stemming`), a fixed phrase (`bij staking van stemmen`) or a call bound to fail
//! (`tenminste drie leden`, `ten minste vierentwintig uur`). [`read`] decides these at the
//! start of a word that `starts::may_start` let through, exactly as the grammar's `clause`
//! rule would there; whatever it cannot decide goes to pest as before.
//!
//! Each shape read here opens with a word no earlier alternative of `clause` opens with
//! (PEG takes the first alternative that matches), and is read step by step as pest reads
//! it: `^"..."` compares ASCII case-insensitively, `WS` is one space or tab, an optional
//! part is taken whenever it matches, and a choice of literals takes the first that
//! matches, never another after a later step fails. The tests run every line of the
//! repository, the corpus, the real GRs and constructed lines through the anchored search
//! with and without this reader and through the whole `alinea` rule.

use super::Clause;

/// What [`read`] decided at a word.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Hand {
    /// The clause the grammar reads here, and its length in bytes.
    Clause(Clause, usize),
    /// The grammar's `clause` rule fails here.
    None,
    /// Not read by hand: run the grammar.
    Grammar,
}

/// The clause at the start of `text`, whose first word (a run of letters and digits)
/// is `word_len` bytes long.
pub(super) fn read(text: &str, word_len: usize) -> Hand {
    let t = text.as_bytes();
    // `ratio_intro`: the word is matched without a boundary after it.
    if t.len() >= 14 && t[..14].eq_ignore_ascii_case(b"stemverhouding") {
        return Hand::Clause(Clause::StemverhoudingIntro, 14);
    }
    let mut buf = [0u8; 13];
    let Some(lower) = buf.get_mut(..word_len) else {
        return Hand::Grammar;
    };
    lower.copy_from_slice(&t[..word_len]);
    lower.make_ascii_lowercase();
    // A phrase of fixed words: its clause, else no clause.
    let phrase = |phrases: &[&str], c: Clause| {
        phrases
            .iter()
            .find(|p| starts(t, 0, p))
            .map_or(Hand::None, |p| Hand::Clause(c, p.len()))
    };
    match &*lower {
        // One word with a boundary after it: the word is the clause.
        b"zienswijze" | b"zienswijzen" => Hand::Clause(Clause::Zienswijze, word_len),
        b"stemming" | b"herstemming" => Hand::Clause(Clause::Procedure, word_len),
        b"unaniem" | b"unanimiteit" | b"unanimititeit" => Hand::Clause(Clause::Unanimity, word_len),
        b"staking" => phrase(&["staking van stemmen"], Clause::Tie),
        b"staken" => phrase(&["staken de stemmen"], Clause::Tie),
        b"geen" => phrase(&["geen stemrecht"], Clause::NoVote),
        b"dubbel" | b"dubbele" => phrase(&["dubbel stemrecht", "dubbele stem"], Clause::DoubleVote),
        b"van" => phrase(
            &["van buiten de kring van het algemeen bestuur"],
            Clause::OutsideMembers,
        ),
        b"niet" => phrase(
            &[
                "niet-leden van het algemeen bestuur",
                "niet zijnde leden van het algemeen bestuur",
            ],
            Clause::OutsideMembers,
        ),
        b"naar" | b"evenredig" => financial_share(t),
        b"meerderheid" | b"volstrekte" => majority(text),
        // `qualified` only: a fraction after one white space character.
        b"tenminste" => grammar_if(ws(t, 9) && fraction_at(t, 10)),
        b"ten" => grammar_if(starts(t, 0, "ten minste") && ws(t, 10) && fraction_at(t, 11)),
        // `db_composition` (one fixed phrase) or `ab_size` (white space and a count).
        b"bestaat" => grammar_if(
            starts(t, 0, "bestaat uit de voorzitter en")
                || starts(t, 0, "bestaat uit") && ws(t, 11) && count_at(t, 12),
        ),
        _ => Hand::Grammar,
    }
}

fn grammar_if(may: bool) -> Hand {
    if may { Hand::Grammar } else { Hand::None }
}

/// `financial_share`: `(^"naar rato van" | ^"naar verhouding van" | ^"evenredig aan") ~ WS
/// ~ (^"de" | ^"haar" | ^"zijn") ~ WS ~ (^"financiële" ~ WS)? ~ ^"bijdrage"`.
fn financial_share(t: &[u8]) -> Hand {
    let Some(opening) = ["naar rato van", "naar verhouding van", "evenredig aan"]
        .into_iter()
        .find(|p| starts(t, 0, p))
    else {
        return Hand::None;
    };
    let mut at = opening.len();
    if !ws(t, at) {
        return Hand::None;
    }
    at += 1;
    let Some(whose) = ["de", "haar", "zijn"]
        .into_iter()
        .find(|p| starts(t, at, p))
    else {
        return Hand::None;
    };
    at += whose.len();
    if !ws(t, at) {
        return Hand::None;
    }
    at += 1;
    if starts(t, at, "financi\u{eb}le") && ws(t, at + "financi\u{eb}le".len()) {
        at += "financi\u{eb}le".len() + 1;
    }
    if starts(t, at, "bijdrage") {
        Hand::Clause(Clause::FinancialShare, at + "bijdrage".len())
    } else {
        Hand::None
    }
}

/// `majority`: `(^"volstrekte" ~ WS)? ~ ^"meerderheid" ~ WS ~ (^"van de" | ^"van" | ^"der")
/// ~ WS ~ (^"uitgebrachte stemmen" | ^"stemmen" ~ boundary)`.
fn majority(text: &str) -> Hand {
    let t = text.as_bytes();
    let mut at = 0;
    if starts(t, 0, "volstrekte") && ws(t, 10) {
        at = 11;
    }
    if !starts(t, at, "meerderheid") || !ws(t, at + 11) {
        return Hand::None;
    }
    at += 12;
    let Some(of) = ["van de", "van", "der"]
        .into_iter()
        .find(|p| starts(t, at, p))
    else {
        return Hand::None;
    };
    at += of.len();
    if !ws(t, at) {
        return Hand::None;
    }
    at += 1;
    if starts(t, at, "uitgebrachte stemmen") {
        Hand::Clause(Clause::Majority, at + "uitgebrachte stemmen".len())
    } else if starts(t, at, "stemmen") && boundary(text, at + "stemmen".len()) {
        Hand::Clause(Clause::Majority, at + "stemmen".len())
    } else {
        Hand::None
    }
}

/// Where `fraction` may start: `^"twee derde" | ^"tweederde" | "2/3" | ^"drie vierde" |
/// ^"driekwart" | ^"drie kwart" | "3/4"`.
fn fraction_at(t: &[u8], at: usize) -> bool {
    [
        "twee derde",
        "tweederde",
        "drie vierde",
        "driekwart",
        "drie kwart",
    ]
    .iter()
    .any(|p| starts(t, at, p))
        || t[at.min(t.len())..].starts_with(b"2/3")
        || t[at.min(t.len())..].starts_with(b"3/4")
}

/// Where `count` may start: one of the count words, or an ASCII digit.
fn count_at(t: &[u8], at: usize) -> bool {
    t.get(at).is_some_and(u8::is_ascii_digit)
        || crate::stemmen::starts::COUNT_WORDS
            .iter()
            .any(|p| starts(t, at, p))
}

/// The grammar's `WS` at byte `at`.
fn ws(t: &[u8], at: usize) -> bool {
    matches!(t.get(at), Some(b' ' | b'\t'))
}

/// The grammar's `boundary` at byte `at`: no letter or digit starts there.
fn boundary(text: &str, at: usize) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(crate::stemmen::starts::is_letter_or_number)
}

/// Whether `t[at..]` starts with `prefix`, ASCII case-insensitively (pest's `^"..."`).
fn starts(t: &[u8], at: usize, prefix: &str) -> bool {
    t.get(at..at + prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::super::{Clause, clauses_by_alinea, clauses_with};

    /// The anchored search with the hand reader, without it, and the whole `alinea`
    /// rule agree on `line`; the clauses found.
    fn same(line: &str) -> Vec<(Clause, usize, usize)> {
        let by_hand = clauses_with(line, true);
        assert_eq!(by_hand, clauses_with(line, false), "{line}");
        assert_eq!(by_hand, clauses_by_alinea(line), "{line}");
        by_hand
    }

    /// Clauses of the kinds the reader reads.
    fn read_by_hand(found: &[(Clause, usize, usize)]) -> usize {
        found
            .iter()
            .filter(|(c, _, _)| {
                matches!(
                    c,
                    Clause::Zienswijze
                        | Clause::Procedure
                        | Clause::Unanimity
                        | Clause::Tie
                        | Clause::NoVote
                        | Clause::DoubleVote
                        | Clause::StemverhoudingIntro
                        | Clause::OutsideMembers
                        | Clause::FinancialShare
                        | Clause::Majority
                )
            })
            .count()
    }

    /// Every line of every `.gr` file of the repository, corpus text and real GR.
    #[test]
    fn hand_read_clauses_are_the_grammars_on_real_texts() {
        let mut found = 0;
        for (_, text) in crate::source::test_texts_and_real_fixtures() {
            for line in text.lines() {
                found += read_by_hand(&same(line));
            }
        }
        assert!(found > 250, "{found}");
    }

    /// Each shape read by hand at its edges: other cases, a tab for a space, two spaces,
    /// a letter glued on, a word left out; and every line cut at every character.
    #[test]
    fn hand_read_clauses_are_the_grammars_at_their_edges() {
        let lines = [
            "zienswijze zienswijzen Zienswijzenn zienswijzes ZIENSWIJZE zienswijze2 zienswijze\u{e9} zienswijze-x",
            "stemming herstemming stemmingen herstemmingen Stemming1 HERSTEMMING afstemming stemming's",
            "unaniem unanimiteit unanimititeit unaniemer Unaniem. UNANIMITEIT; unanim",
            "staking van stemmen; staking van stemmenverhouding; staking van de stemmen; Staking Van Stemmen; staking\tvan stemmen; staking",
            "staken de stemmen; staken de stemmenx; staken  de stemmen; STAKEN DE STEMMEN; staken",
            "geen stemrecht; geen stemrechten; geen\tstemrecht; geen; geen stem",
            "dubbel stemrecht, dubbele stem, dubbele stemmen, dubbel stem, dubbele\tstem, DUBBEL STEMRECHT, dubbelestem",
            "stemverhouding stemverhoudingen Stemverhoudingstabel stemverhoudin STEMVERHOUDING2",
            "van buiten de kring van het algemeen bestuur; van buiten de kring van het dagelijks bestuur; van buiten; VAN BUITEN DE KRING VAN HET ALGEMEEN BESTUURDER",
            "niet-leden van het algemeen bestuur, niet zijnde leden van het algemeen bestuur, niet-leden van het dagelijks bestuur, niet zijnde lid, niet\tzijnde leden van het algemeen bestuur",
            "naar rato van de bijdrage; naar rato van haar financi\u{eb}le bijdrage; naar rato van zijn financi\u{eb}le  bijdrage; naar verhouding van de\tbijdrage",
            "evenredig aan de financi\u{eb}le bijdragen; naar rato van dezen bijdrage; evenredig aan het aantal; naar rato van de financi\u{eb}lebijdrage",
            "NAAR RATO VAN DE FINANCI\u{cb}LE BIJDRAGE; naar rato van de FINANCI\u{eb}LE bijdrage; naar rato  van de bijdrage; naar rato van\tzijn bijdrage; evenredig\taan de bijdrage",
            "volstrekte meerderheid van de uitgebrachte stemmen; meerderheid der stemmen; meerderheid van stemmen; meerderheid van stemmenverhouding",
            "meerderheid van deelnemers; meerderheid van de stemmen; volstrekte\tmeerderheid van stemmen. volstrekte  meerderheid van stemmen; meerderheid van  stemmen",
            "meerderheid van uitgebrachte stemmen; MEERDERHEID DER UITGEBRACHTE STEMMEN; meerderheid van stemmen2; meerderheid van stemmen\u{e9}; meerderheid\tder\tstemmen",
            "tenminste twee derde van de leden; tenminste drie leden; ten minste 2/3 deel van het aantal gemeenten; ten minste\tdriekwart van de stemmen",
            "ten  minste twee derde van de leden; tenminste\t3/4 van de colleges; ten minste drie kwart van de deelnemers; ten hoogste; TENMINSTE TWEEDERDE VAN DE STEMMEN",
            "bestaat uit de voorzitter en twee andere leden; bestaat uit drie leden; bestaat uit\t5 leden; bestaat uit leden die; bestaat uit de voorzitter",
            "bestaat uit een lid, alsmede een plaatsvervangend lid per gemeente; bestaat uit  twee leden; bestaat uit de voorzitter en ten hoogste twee leden; BESTAAT UIT \u{c9}\u{c9}N LID",
        ];
        let mut found = 0;
        for line in lines {
            found += read_by_hand(&same(line));
            for (at, _) in line.char_indices() {
                same(&line[..at]);
            }
        }
        assert!(found >= 45, "{found}");
    }
}
