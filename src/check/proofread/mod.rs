//! Proofreading (L, for *lezing*): what a careful reader marks in a regeling before it goes
//! to the raden, and what the other checks do not see because the text parses and its
//! references resolve.
//!
//! - `doubled`: a word written twice ("de de"), also across a line break inside one
//!   element (L001, fixed by `grc fix`);
//! - `placeholder`: text left to be filled in ("d.d. ...", "[datum]", "xx", "p.m.",
//!   "nader te bepalen" standing alone) (L002);
//! - `neighbour`: "het vorige lid", "het volgende artikel", which Aanwijzing 3.29, tweede
//!   lid, replaces by the number (L003, fixed by `grc fix` where the number is certain);
//! - `overtaken`: clauses the law has overtaken: bekendmaking in the Staatscourant or a
//!   paper medium since the Wet elektronische publicaties (L004), vote bands by inwonertal
//!   without a peildatum (L005);
//! - `herindeling`: a deelnemer merged into another gemeente before the regeling enters
//!   into force (L007, from `data/herindelingen.tsv`);
//! - `begroting`: begroting and jaarrekening dates and zienswijze terms other than the
//!   Wgr's since 1 juli 2022 (L008);
//! - `spelling`: words the Dutch dictionary does not know (L006), on request only.
//!
//! Every check reads each alinea once, after a byte-level pre-filter (an aho-corasick
//! automaton built once, or `memchr`): `grc check` runs per keystroke in an editor, and
//! most alineas hold nothing a proofreader would mark.
//!
//! Conservative, like the term checks: each rule was run over 300 published national
//! texts and the real GRs, and every exception that keeps those silent is a tested line.

pub mod begroting;
pub mod doubled;
pub mod herindeling;
pub mod neighbour;
pub mod overtaken;
pub mod placeholder;
pub mod spelling;

use crate::diagnostic::Diagnostic;
use crate::tree::walk::{Node, walk};
use crate::tree::{Alinea, Artikel, Lid, Regeling, Span};

/// Where an alinea stands: the parts of a regeling a proofreader treats differently (the
/// ondertekening has blanks for the date until it is signed; a bijlage may be a form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The aanhef (considerans) of the regeling or of a preceding decision.
    Aanhef,
    /// Articles, and loose text between them.
    Body,
    /// Slotformulering and ondertekening.
    Sluiting,
    Bijlage,
    Toelichting,
}

/// One alinea and where it stands.
pub struct Text<'a> {
    pub alinea: &'a Alinea,
    pub part: Part,
    /// True inside a preceding decision (deelnamebesluit).
    pub in_decision: bool,
    pub artikel: Option<&'a Artikel>,
    pub lid: Option<&'a Lid>,
    /// The eId of the node the alinea belongs to: alineas with the same parent that
    /// follow each other are one running text broken over lines.
    pub parent: &'a str,
    /// Whether the alinea's span covers its text byte for byte (always, for text the
    /// parser read; checked so a fix can never land on the wrong bytes).
    pub exact: bool,
}

impl Text<'_> {
    pub fn text(&self) -> &str {
        &self.alinea.text
    }

    /// The file span of `text()[start..end]`; the whole alinea when the text is not
    /// exactly the bytes its span covers.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.alinea.span;
        if !self.exact || end > self.alinea.text.len() || start > end {
            return s;
        }
        Span {
            line: s.line,
            column: s.column + self.alinea.text[..start].chars().count() as u32,
            start: s.start + start as u32,
            end: s.start + end as u32,
        }
    }
}

/// Every alinea of the regeling in reading order, with its place.
pub fn texts(r: &Regeling) -> Vec<Text<'_>> {
    let mut out = Vec::new();
    let mut part = Part::Body;
    walk(r, &mut |cx, node| match node {
        Node::Aanhef(_) => part = Part::Aanhef,
        Node::Sluiting(_) => part = Part::Sluiting,
        Node::Bijlage(_) => part = Part::Bijlage,
        Node::Toelichting(_) => part = Part::Toelichting,
        Node::Hoofdstuk(_) | Node::Paragraaf(_) | Node::Artikel(_) => part = Part::Body,
        Node::Alinea(a) => {
            // A hoofdstuk's loose text comes after its heading: the body again.
            if cx.hoofdstuk.is_some() || cx.artikel.is_some() {
                part = Part::Body;
            }
            out.push(Text {
                alinea: a,
                part,
                in_decision: cx.in_decision,
                artikel: cx.artikel,
                lid: cx.lid,
                parent: a.eid.rsplit_once("__").map_or("", |p| p.0),
                exact: (a.span.end - a.span.start) as usize == a.text.len(),
            });
        }
        _ => {}
    });
    out
}

/// Every proofreading check on one regeling but spelling ([`spelling::check`], which
/// callers ask for: it loads a dictionary and its suggestions take time).
pub fn check(r: &Regeling) -> Vec<Diagnostic> {
    let texts = texts(r);
    let mut diags = Vec::new();
    doubled::check(r, &texts, &mut diags);
    placeholder::check(r, &texts, &mut diags);
    neighbour::check(r, &texts, &mut diags);
    overtaken::check(r, &texts, &mut diags);
    herindeling::check(r, &texts, &mut diags);
    begroting::check(r, &texts, &mut diags);
    diags
}

/// The words of a text as byte ranges: runs of letters and digits, with an apostrophe or
/// hyphen inside a word kept (`auto's`, `huis-aan-huisblad`).
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// [`words`] into a buffer the caller reuses (one allocation for the whole regeling).
pub fn words_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    // Bytes first: most text is ASCII, and decoding every character was most of the
    // doubled-word check.
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            // The whole run of ASCII letters and digits at once, eight bytes at a time:
            // one byte per turn of this loop was 19 instructions a byte of every alinea
            // (a test of the words' edges on eight bytes at once was no cheaper).
            i = crate::nl::ascii_word_end(bytes, i + 1);
            continue;
        }
        if b.is_ascii() && b != b'\'' && b != b'-' {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let next = i + c.len_utf8();
        let inner = matches!(c, '\'' | '’' | '-') && start.is_some() && alphanumeric_at(text, next);
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
        i = next;
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
}

/// [`words`] by characters, as its doc says it: a word is a run of letters and digits,
/// with an apostrophe (`'`, `’`) or hyphen kept where it follows the word and a letter
/// or digit follows it. What the tests compare the byte loop with.
#[cfg(test)]
fn words_by_chars(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let joins = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && text[i + c.len_utf8()..].starts_with(char::is_alphanumeric);
        if c.is_alphanumeric() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    out.extend(start.map(|s| (s, text.len())));
    out
}

/// Whether the character at byte `i` (a char boundary) is a letter or digit.
fn alphanumeric_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
        None => false,
    }
}

/// Whether `text[at..at + len]` is a whole word (no letter or digit on either side).
pub fn whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text.get(at + len..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether `at` lies between an opening and a closing quotation mark of the alinea:
/// quotes are counted from the start, a straight quote after a letter or punctuation
/// closes, and `’` before a letter is an apostrophe (`auto’s`).
pub fn inside_quotes(text: &str, at: usize) -> bool {
    let mut depth = 0u32;
    let mut previous: Option<char> = None;
    for (i, c) in text[..at].char_indices() {
        let opens_after_space = previous.is_none_or(|p| p.is_whitespace() || p == '(');
        match c {
            '‘' | '“' | '„' => depth += 1,
            '”' => depth = depth.saturating_sub(1),
            '’' if !text[i + c.len_utf8()..].starts_with(char::is_alphanumeric) => {
                depth = depth.saturating_sub(1)
            }
            '"' | '\'' if opens_after_space => depth += 1,
            '"' => depth = depth.saturating_sub(1),
            '\'' if !text[i + 1..].starts_with(char::is_alphanumeric) => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        previous = Some(c);
    }
    depth > 0
}

/// The regeling is a gemeenschappelijke regeling: its metadata says which kind or names
/// deelnemers, or its title says so. The Wgr rules (L004, L005) apply only then: the
/// national texts grc also reads are published in the Staatscourant by law.
pub fn is_gr(r: &Regeling) -> bool {
    let m = &r.metadata;
    if m.kind.is_some() || !m.participants.is_empty() {
        return true;
    }
    let title = m
        .title
        .as_deref()
        .or(r.title.as_ref().map(|t| t.text.as_str()))
        .unwrap_or("");
    title.to_lowercase().contains("gemeenschappelijke regeling")
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::diagnostic::Diagnostic;

    /// The findings of all proofreading checks on a small regeling whose body is `body`.
    pub fn run(meta: &str, body: &str) -> Vec<Diagnostic> {
        let text = format!("---\ntitel: Proef\n{meta}---\nProef\n\n{body}");
        let (r, _) = crate::source::parse("proef.gr", &text);
        super::check(&r)
    }

    /// The findings as `CODE: message` lines, for compact assertions.
    pub fn codes(diags: &[Diagnostic]) -> Vec<String> {
        diags
            .iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect()
    }

    /// `text` with every fix applied.
    pub fn fixed(meta: &str, body: &str) -> String {
        let text = format!("---\ntitel: Proef\n{meta}---\nProef\n\n{body}");
        let (r, _) = crate::source::parse("proef.gr", &text);
        let fixes: Vec<_> = super::check(&r).into_iter().filter_map(|d| d.fix).collect();
        let (out, _) = crate::edit::apply(&text, &fixes);
        out.split_once("Proef\n\n")
            .map_or(out.clone(), |p| p.1.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "de auto's, het huis-aan-huisblad -- en 12a.";
        let got: Vec<&str> = words(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            got,
            vec!["de", "auto's", "het", "huis-aan-huisblad", "en", "12a"]
        );
    }

    /// The words found by bytes (runs of ASCII letters and digits eight bytes at a time)
    /// are the ones a walk over the characters finds: on every alinea the proofreading
    /// checks read and every line of the repository's `.gr` files, the corpus and the
    /// real GRs, and on constructed texts where every kind of byte (letter, digit, space,
    /// `'`, `-`, `’`, letters and marks outside ASCII, other punctuation) falls at every
    /// place of an eight-byte chunk.
    #[test]
    fn words_by_bytes_are_the_words_by_characters() {
        let mut compared = 0usize;
        let mut found = 0usize;
        let mut same = |t: &str| {
            let ours = words(t);
            assert_eq!(ours, words_by_chars(t), "{t:?}");
            compared += 1;
            found += ours.len();
        };
        for (_, text) in crate::source::test_texts_and_real_fixtures() {
            let (r, _) = crate::source::parse("t.gr", &text);
            for t in texts(&r) {
                same(t.text());
            }
            text.split('\n').for_each(&mut same);
        }
        let pieces = [
            "a", "Z", "0", "9", " ", "'", "-", "’", "é", "É", "ë", "ĳ", "\u{301}", "€", "²", "½",
            ".", ",", "\t", "--", "''", "a'", "-9", "x-", "日", "𝔸", "\u{a0}",
        ];
        // A small generator (no randomness crate): every text is reproducible.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..100_000 {
            let mut t = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            for k in 0..len {
                let r = state.rotate_left(5 * k as u32 + 3) ^ (k as u64 * 0x2545_f491);
                // Letters and digits most of the time, so that runs cross chunks.
                let p = if r.is_multiple_of(3) {
                    pieces[(r >> 8) as usize % pieces.len()]
                } else {
                    pieces[(r >> 8) as usize % 4]
                };
                t.push_str(p);
            }
            same(&t);
        }
        assert!(
            compared > 200_000,
            "{compared} texts compared, {found} words"
        );
        assert!(
            found > 1_500_000,
            "{compared} texts compared, {found} words"
        );
    }

    #[test]
    fn texts_know_their_part_and_parent() {
        let text = "---\ntitel: Proef\n---\nProef\n\nDe colleges,\n\nArtikel 1\n\n1. Een lid\n   dat doorloopt.\n\nAldus vastgesteld.\n";
        let (r, _) = crate::source::parse("proef.gr", text);
        let t = texts(&r);
        let parts: Vec<(Part, &str)> = t.iter().map(|t| (t.part, t.parent)).collect();
        assert_eq!(parts[0].0, Part::Aanhef);
        assert_eq!(parts[1], (Part::Body, "art_1__para_1"));
        assert_eq!(parts[2], (Part::Body, "art_1__para_1"));
        assert!(t.iter().all(|t| t.exact));
        assert_eq!(t[2].span(0, 3).column, 4);
    }
}
