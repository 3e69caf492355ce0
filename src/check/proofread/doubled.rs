//! L001: a word written twice in a row ("de de"), within an alinea or across the break
//! between two lines of one element (a lid whose sentence goes on on the next line).
//!
//! Dutch allows some doublings: "dat dat" (conjunction and pronoun: "het besluit dat dat
//! regelt"), "die die", "had had", "was was", "is is", "zijn zijn" ("dat zijn zijn
//! taken"), "haar haar", "hun hun", "wat wat". Those are never reported. Everything else
//! is, with the fix to remove the second word: a doubled article or preposition is a slip
//! of the pen, never meaning.

use super::{Part, Text, words_into};
use crate::diagnostic::{Diagnostic, Fix};
use crate::tree::Regeling;

/// Words Dutch grammar lets stand twice in a row (see the module comment).
const ALLOWED: &[&str] = &[
    "dat", "die", "had", "was", "is", "zijn", "haar", "hun", "wat",
];

/// Whether two words, as written, are the same word written twice and worth a finding:
/// letters only (numbers repeat in tables: "1 1"), two letters or more ("a a" in a grid
/// of onderdelen), not an allowed doubling.
fn doubled(a: &str, b: &str) -> bool {
    // Compared without allocating: this runs for every pair of words of the regeling.
    // The second word is in lower case (see `slip`), so a capital that differs can only
    // be the first letter of the first, which ASCII case folding covers.
    a.len() == b.len()
        && a.eq_ignore_ascii_case(b)
        && a.chars().nth(1).is_some()
        && a.chars().all(char::is_alphabetic)
        && !ALLOWED.iter().any(|w| w.eq_ignore_ascii_case(a))
}

/// Whether the second word of a pair at `start` in `text` may be a slip: it is in lower
/// case (a capital starts a new sentence or heading: "Transacties" over "Transacties
/// waarbij ...", a term before its definition "startpunt Startpunt"), and a capitalised
/// first word starts a sentence ("De de"), else the pair is a name ("Bison bison").
fn slip(text: &str, start: usize, first: &str, second: &str) -> bool {
    if second.starts_with(char::is_uppercase) {
        return false;
    }
    if first.starts_with(char::is_uppercase) {
        let before = text[..start].trim_end();
        return before.is_empty() || before.ends_with(['.', ':', ';', '?', '!', '(']);
    }
    true
}

/// Whether only white space stands between two words.
fn only_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_whitespace)
}

pub fn check(r: &Regeling, texts: &[Text<'_>], diags: &mut Vec<Diagnostic>) {
    let mut previous: Option<(&Text<'_>, Vec<(usize, usize)>)> = None;
    let mut spare = Vec::new();
    for t in texts {
        let text = t.text();
        let mut ws = std::mem::take(&mut spare);
        words_into(text, &mut ws);
        for pair in ws.windows(2) {
            let ((s1, e1), (s2, e2)) = (pair[0], pair[1]);
            // Words of different lengths first (one comparison): they rule out almost
            // every pair before the space between them is decoded.
            if e1 - s1 == e2 - s2
                && only_space(&text[e1..s2])
                && doubled(&text[s1..e1], &text[s2..e2])
                && slip(text, s1, &text[s1..e1], &text[s2..e2])
            {
                diags.push(finding(r, t, (s2, e2), (e1, e2), None));
            }
        }
        // Across a line break: the last word of the previous line of the same element, and
        // the first of this one, with no punctuation after the one or before the other.
        if let Some((p, pws)) = &previous
            && p.parent == t.parent
            && p.part == t.part
            && let (Some(&(ps, pe)), Some(&(s, e))) = (pws.last(), ws.first())
            && pe == p.text().len()
            && s == 0
            && doubled(&p.text()[ps..pe], &text[s..e])
            && slip(p.text(), ps, &p.text()[ps..pe], &text[s..e])
        {
            // Remove the word and the space after it; a line of one word is left alone
            // (removing it would leave an empty alinea), but still reported.
            let fix_end = ws.get(1).map(|&(next, _)| next);
            let line = p.alinea.span.line;
            diags.push(finding(r, t, (s, e), (s, fix_end.unwrap_or(e)), Some(line)));
            if fix_end.is_none() {
                diags.last_mut().expect("just pushed").fix = None;
            }
        }
        // Keep this line's words for the next, and reuse the buffer of the one before.
        if let Some((_, old)) = previous.replace((t, ws)) {
            spare = old;
        }
    }
}

/// The finding for the second of two equal words (`word`, a byte range of the alinea),
/// with a fix that removes the bytes `remove` (the word and the space that separates it).
fn finding(
    r: &Regeling,
    t: &Text<'_>,
    word: (usize, usize),
    remove: (usize, usize),
    previous_line: Option<u32>,
) -> Diagnostic {
    let span = t.span(remove.0, remove.1);
    let mut d = Diagnostic::new(
        "L001",
        format!(
            "het woord \"{}\" staat twee keer achter elkaar",
            &t.text()[word.0..word.1]
        ),
    )
    .at(&r.file, t.span(word.0, word.1))
    .node(&t.alinea.eid);
    if let Some(line) = previous_line {
        d = d.note(format!("het eerste staat aan het eind van regel {line}"));
    }
    if t.part == Part::Sluiting {
        d = d.note("in de ondertekening");
    }
    if t.exact {
        d = d.fix(Fix {
            start: span.start,
            end: span.end,
            replacement: String::new(),
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, fixed, run};

    #[test]
    fn doubled_words_are_found_and_fixed() {
        let body =
            "Artikel 1\n\n1. Het bestuur stelt de de begroting vast.\n2. De de regels gelden.\n";
        let d = run("", body);
        assert_eq!(
            codes(&d),
            vec![
                "L001: het woord \"de\" staat twee keer achter elkaar",
                "L001: het woord \"de\" staat twee keer achter elkaar",
            ]
        );
        assert_eq!(
            fixed("", body),
            "Artikel 1\n\n1. Het bestuur stelt de begroting vast.\n2. De regels gelden.\n"
        );
    }

    #[test]
    fn across_a_line_break_in_one_lid() {
        let body = "Artikel 1\n\n1. Het bestuur stelt de\n   de begroting vast.\n";
        let d = run("", body);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 9);
        assert_eq!(
            d[0].notes,
            vec!["het eerste staat aan het eind van regel 8"]
        );
        assert_eq!(
            fixed("", body),
            "Artikel 1\n\n1. Het bestuur stelt de\n   begroting vast.\n"
        );
    }

    #[test]
    fn allowed_doublings_and_other_repeats_stay_silent() {
        for line in [
            "Het besluit dat dat regelt, is openbaar.",
            "De leden die die functie vervullen, treden af.",
            "Wat het bestuur had had het niet.",
            "Dat zijn zijn taken.",
            "De tabel telt 1 1 en onder a a.",
            "Het bestuur stelt de, de begroting vast.",
            "Runderen (de soorten Bubalus bubalis en Bison bison) en startpunt Startpunt.",
        ] {
            let d = run("", &format!("Artikel 1\n\n{line}\n"));
            assert!(d.is_empty(), "{line}: {d:?}");
        }
        // Two lines of different leden, or a line that ends a sentence, are not one text.
        let d = run(
            "",
            "Artikel 1\n\n1. Het bestuur stelt de\n2. De regels gelden.\n",
        );
        assert!(d.is_empty(), "{d:?}");
        // A heading over a text that starts with the same word.
        let d = run(
            "",
            "Artikel 1\n\nTransacties\nTransacties waarbij geld wordt betaald.\n",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
