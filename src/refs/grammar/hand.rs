//! The commonest reference shapes read by hand, where pest (about 25 000 instructions a
//! call) would read them the same way: `artikel 12, eerste lid`, `artikel 12 lid 2`, each
//! with `, onder a` or not; `het eerste lid`, `het 2de lid`, `het vorige lid`, with or
//! without `, onder a`; `dit artikel`, `dit lid`; and lists joined by `, ` or ` en `:
//! `artikelen 7, 8 en 12`, `lid 2, 4 en 11`, `de leden 5 en 6`, `het eerste en tweede lid`
//! (half of what still went to pest on a synthetic regeling). The grammar stays the
//! specification: whatever could read on in the grammar (a comma, a conjunction, `van`, an ordinal, a
//! second space, a character outside ASCII, ...) is not read here but handed to pest.
//! `hand_read_references_are_the_grammars` compares the two on every real line.

use super::Cx;
use crate::tree::reference::*;

/// Lower-case starts of the words that can go on with a reference after a lid or an
/// onderdeel letter and one space: conjunctions, ` tot en met `, a second lid or
/// onderdeel, `aanhef en`, `van dit artikel`, `tweede zin`, and every ordinal word (the
/// ASCII part of `tweeëntwintigste` and `drieëntwintigste` is `twee` and `drie`).
const GOES_ON: &[&[u8]] = &[
    b"en",
    b"of",
    b"respectievelijk",
    b"onder",
    b"sub",
    b"letter",
    b"lid",
    b"leden",
    b"tot",
    b"aanhef",
    b"van",
    b"het",
    b"eerste",
    b"twee",
    b"derde",
    b"drie",
    b"vier",
    b"vijf",
    b"zes",
    b"zeven",
    b"acht",
    b"negen",
    b"tien",
    b"elf",
    b"twaalf",
    b"derti",
    b"twintig",
    b"eenentwintig",
];

/// The end of the run of ASCII letters from `p`.
fn letters_end(b: &[u8], p: usize) -> usize {
    p + b[p..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// Whether `b[p..q]` is `word` in any case.
fn is_word(b: &[u8], p: usize, q: usize, word: &[u8]) -> bool {
    b[p..q].eq_ignore_ascii_case(word)
}

/// The word at `p` (ASCII letters followed by one space) when it is one of `words`: its
/// index and the position after the space.
fn word_then_space(b: &[u8], p: usize, words: &[&[u8]]) -> Option<(usize, usize, usize)> {
    let q = letters_end(b, p);
    if b.get(q) != Some(&b' ') {
        return None;
    }
    let k = words.iter().position(|w| is_word(b, p, q, w))?;
    Some((k, q, q + 1))
}

/// What a reference read by hand ends with: where it stops decides what could go on.
#[derive(Clone, Copy, PartialEq)]
enum After {
    /// An article's number (`artikel 12`): `12.1`, `12:3`, `12 a`, `12 bis` and `12
    /// januari` go on or undo it.
    Number,
    /// A lid (`eerste lid`, `lid 2`); `van` cannot go on with it (in an article citation)
    /// or can (`het eerste lid van dit artikel`).
    Lid { van_ends: bool },
    /// An onderdeel letter (`onder a`): `a), van` keeps its bracket, `a, b` goes on.
    Letter { van_ends: bool },
}

/// Months (lower-case: the grammar's are): `artikel 12 januari` is a date.
const MONTHS: &[&[u8]] = &[
    b"januari",
    b"februari",
    b"maart",
    b"april",
    b"mei",
    b"juni",
    b"juli",
    b"augustus",
    b"september",
    b"oktober",
    b"november",
    b"december",
];

/// Whether nothing the grammar reads can follow at `p`: the end, `;`, `.` (not before a
/// digit after a number), `:` (not after a number), `)` (not after a letter), or one space
/// or a comma and a space, then a word that no continuation starts with. Everything else
/// may go on, so the caller hands it to pest.
fn ends_here(b: &[u8], p: usize, after: After) -> bool {
    match b.get(p) {
        None | Some(b';') => true,
        Some(b'.') => after != After::Number || !b.get(p + 1).is_some_and(u8::is_ascii_digit),
        Some(b':') => after != After::Number,
        Some(b')') => !matches!(after, After::Letter { .. }),
        Some(b' ') => word_ends(b, p + 1, after, false),
        Some(b',') => b.get(p + 1) == Some(&b' ') && word_ends(b, p + 2, after, true),
        _ => false,
    }
}

/// Whether the word at `q` (after a space, or a comma and a space) cannot continue the
/// reference: ASCII letters that start no word in [`GOES_ON`] (`van` goes on only after a
/// relative lid: `het eerste lid van dit artikel`). After a comma the word is lower-case (an
/// article number may be Roman: `artikel 12, XV`) and after a letter longer than two
/// (`onder a, b`, `onder a, aa`); after a number it is no single letter (`70 a`), no
/// `bis`, `ter`, `quater` and no month.
fn word_ends(b: &[u8], q: usize, after: After, comma: bool) -> bool {
    let end = letters_end(b, q);
    if end == q || (comma && !b[q].is_ascii_lowercase()) {
        return false;
    }
    let mut lower = [0u8; 16];
    let n = (end - q).min(16);
    lower[..n].copy_from_slice(&b[q..q + n]);
    lower.make_ascii_lowercase();
    let word = &lower[..n];
    let van_ends = !matches!(
        after,
        After::Lid { van_ends: false } | After::Letter { van_ends: false }
    );
    if GOES_ON
        .iter()
        .any(|w| word.starts_with(w) && !(van_ends && *w == b"van"))
    {
        return false;
    }
    match after {
        After::Number if !comma => {
            end - q >= 2
                && ![&b"bis"[..], b"ter", b"quater"]
                    .iter()
                    .any(|w| word.starts_with(w))
                && !MONTHS.iter().any(|m| word.starts_with(m))
        }
        After::Letter { .. } if comma => end - q > 2,
        _ => true,
    }
}

/// An ordinal word (`eerste` to `dertigste`, ASCII only) or an ordinal in digits (`2de`)
/// at `p`, followed by a space or a comma: its value, form and end.
fn ordinal(b: &[u8], p: usize) -> Option<(String, NumeralForm, usize)> {
    let digits = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
    let q = letters_end(b, p + digits);
    if !matches!(b.get(q), Some(b' ' | b',')) {
        return None;
    }
    if digits == 0 {
        let mut lower = [0u8; 20];
        let word = lower.get_mut(..q - p)?;
        word.copy_from_slice(&b[p..q]);
        word.make_ascii_lowercase();
        let n = ORDINALS
            .iter()
            .position(|o| !o.is_empty() && o.as_bytes() == word)?;
        return Some((n.to_string(), NumeralForm::OrdinalWord, q));
    }
    let suffix = &b[p + digits..q];
    let known = [&b"ste"[..], b"de", b"e"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(s));
    (digits <= 2 && known).then(|| {
        let value = String::from_utf8_lossy(&b[p..p + digits]).into_owned();
        (value, NumeralForm::OrdinalDigits, q)
    })
}

/// Where a list of leden or articles goes on after an item ending at `p`: `, ` or ` en `
/// and then a digit (the position of the digit). Any other separator (` of `, `,5`, ` tot
/// en met `, `-`) leaves the list to the caller, which hands what may go on to pest.
fn next_in_list(b: &[u8], p: usize) -> Option<usize> {
    let q = match b.get(p..p + 2)? {
        b", " => p + 2,
        b" e" if b.get(p + 2..p + 4) == Some(b"n ") => p + 4,
        _ => return None,
    };
    b.get(q).is_some_and(u8::is_ascii_digit).then_some(q)
}

/// `leden` at `p`, then no letter or digit: the end of the word.
fn leden_word(b: &[u8], p: usize) -> Option<usize> {
    let q = letters_end(b, p);
    let next_alnum = b
        .get(q)
        .is_some_and(|c| !c.is_ascii() || c.is_ascii_digit());
    (is_word(b, p, q, b"leden") && !next_alnum).then_some(q)
}

/// `lid` at `p`, then no letter or digit: the end of the word.
fn lid_word(b: &[u8], p: usize) -> Option<usize> {
    let q = letters_end(b, p);
    let next_alnum = b
        .get(q)
        .is_some_and(|c| !c.is_ascii() || c.is_ascii_digit());
    (is_word(b, p, q, b"lid") && !next_alnum).then_some(q)
}

impl Cx<'_> {
    /// The reference at the start of the text and its length, when it has one of the
    /// shapes above and nothing after it could continue it; `None` hands it to pest.
    pub(super) fn by_hand(&self) -> Option<(Reference, usize)> {
        let b = self.text.as_bytes();
        let firsts: [&[u8]; 10] = [
            b"artikel",
            b"het",
            b"de",
            b"dit",
            b"onder",
            b"sub",
            b"onderdeel",
            b"lid",
            b"artikelen",
            b"leden",
        ];
        let (first, _, p) = word_then_space(b, 0, &firsts)?;
        if first == 0 || first == 8 {
            let (citations, end) = self.article(b, p)?;
            return Some((self.read_by_hand(RefKind::Internal, citations, end), end));
        }
        let (kind, (citation, end)) = match first {
            3 => {
                let words: [&[u8]; 4] = [b"artikellid", b"artikel", b"lid", b"onderdeel"];
                let q = letters_end(b, p);
                let k = words.iter().position(|w| is_word(b, p, q, w))?;
                if b.get(q)
                    .is_some_and(|c| !c.is_ascii() || c.is_ascii_digit())
                {
                    return None;
                }
                let relation = [
                    Relation::ThisLid,
                    Relation::ThisArticle,
                    Relation::ThisLid,
                    Relation::ThisItem,
                ][k];
                let c = Citation {
                    relation: Some(relation),
                    ..Citation::default()
                };
                (RefKind::Relative, (c, q))
            }
            1 | 2 => (RefKind::Relative, self.relative(b, p)?),
            4..=6 => (RefKind::Relative, self.onder_ref(b, 0)?),
            _ => {
                // `lid 2`, `leden 2 en 3` on their own: `lid 2 van dit artikel` may go on.
                let mut c = Citation::default();
                let end = self.lid(b, 0, &mut c)?;
                (RefKind::Relative, self.onder(b, end, c, false)?)
            }
        };
        Some((self.read_by_hand(kind, vec![citation], end), end))
    }

    /// The reference of `end` bytes with its citations, their vectors shrunk to size as
    /// [`Cx::reference`] shrinks them (references live as long as the tree).
    fn read_by_hand(&self, kind: RefKind, mut citations: Vec<Citation>, end: usize) -> Reference {
        for c in &mut citations {
            c.leden.shrink_to_fit();
        }
        citations.shrink_to_fit();
        Reference {
            span: self.span(0, end),
            text: self.text[..end].to_string(),
            kind,
            act: None,
            act_text: None,
            citations,
        }
    }

    /// Whether the grammar certainly reads no reference at a `de` or `het` (`de geraamde`):
    /// the next word is no ordinal, `vorige`, `voorgaande`, `volgende`, `lid` or `leden`,
    /// which every reference that starts with a determiner has there.
    pub(super) fn no_reference(&self) -> bool {
        let b = self.text.as_bytes();
        let Some((_, _, p)) = word_then_space(b, 0, &[b"het", b"de"]) else {
            return false;
        };
        let q = letters_end(b, p);
        if q == p
            || b.get(q)
                .is_some_and(|c| !c.is_ascii() || c.is_ascii_digit())
        {
            return false;
        }
        let mut lower = [0u8; 12];
        let Some(word) = lower.get_mut(..q - p) else {
            return true;
        };
        word.copy_from_slice(&b[p..q]);
        word.make_ascii_lowercase();
        let opens: [&[u8]; 5] = [b"vorige", b"voorgaande", b"volgende", b"lid", b"leden"];
        !opens.contains(&&*word) && !ORDINALS.iter().any(|o| o.as_bytes() == word)
    }

    /// `artikel 12, eerste lid`, `artikel 12 tweede lid`, `artikel 12, lid 2`, `artikel 12
    /// lid 2`, then `, onder a` or not; or a list of plain numbers, `artikelen 7, 8 en 12`;
    /// `p` is at the number.
    fn article(&self, b: &[u8], p: usize) -> Option<(Vec<Citation>, usize)> {
        let number_end = p + b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        if number_end == p {
            return None;
        }
        let mut c = Citation {
            article: Some(self.numeral_at(p, number_end, NumeralForm::Digits)),
            ..Citation::default()
        };
        let comma = b.get(number_end) == Some(&b',');
        let lid_start = number_end + usize::from(comma) + 1;
        if b.get(lid_start - 1) == Some(&b' ')
            && let Some(end) = self.lid(b, lid_start, &mut c)
        {
            c.no_comma_before_lid = !comma;
            return self.onder(b, end, c, true).map(|(c, end)| (vec![c], end));
        }
        // The article alone (`artikel 12 Gemeentewet`, `artikel 12, te betalen`): what
        // `lid` may have written is put back.
        let mut citations = vec![Citation {
            article: c.article,
            ..Citation::default()
        }];
        // `artikelen 7, 8 en 12`: plain numbers, each ended (as an article number with
        // nothing of its own) where the next separator starts. After the last one,
        // `ends_here` decides as after a single number: `12a`, `12, eerste lid`, `12.3`
        // go to pest.
        let mut end = number_end;
        while let Some(q) = next_in_list(b, end) {
            end = q + b[q..].iter().take_while(|c| c.is_ascii_digit()).count();
            citations.push(Citation {
                article: Some(self.numeral_at(q, end, NumeralForm::Digits)),
                ..Citation::default()
            });
        }
        ends_here(b, end, After::Number).then_some((citations, end))
    }

    /// `het eerste lid`, `het 2de lid`, `het vorige lid`, then `, onder a` or not; `p` is
    /// after the determiner and its space.
    fn relative(&self, b: &[u8], p: usize) -> Option<(Citation, usize)> {
        let mut c = Citation {
            determiner_span: Some(self.span(0, p - 1)),
            ..Citation::default()
        };
        let neighbours: [&[u8]; 3] = [b"vorige", b"voorgaande", b"volgende"];
        let end = match word_then_space(b, p, &neighbours) {
            Some((k, _, q)) => {
                c.relation = Some(if k == 2 {
                    Relation::NextLid
                } else {
                    Relation::PreviousLid
                });
                lid_word(b, q)?
            }
            // `het lid 2`, `de leden 5, 6 en 9`.
            None if lid_word(b, p).or_else(|| leden_word(b, p)).is_some() => {
                self.lid(b, p, &mut c)?
            }
            None => self.ordinal_lid(b, p, &mut c)?,
        };
        self.onder(b, end, c, false)
    }

    /// A lid after an article number: an ordinal and `lid`, or `lid` or `leden` and numbers
    /// (`lid 2`, `lid 2, 4 en 11`, `leden 5 en 6`).
    fn lid(&self, b: &[u8], p: usize, c: &mut Citation) -> Option<usize> {
        let (q, form) = match (lid_word(b, p), leden_word(b, p)) {
            (Some(q), _) => (q, LidForm::Number),
            (None, Some(q)) => (q, LidForm::Leden),
            (None, None) => return self.ordinal_lid(b, p, c),
        };
        if b.get(q) != Some(&b' ') {
            return None;
        }
        // Each number up to three digits, then no letter or digit (`lid 2a` goes to pest;
        // so does a list with such a number in it, where the grammar backs off).
        let mut leden = Vec::new();
        let mut next = Some(q + 1);
        let mut end = q;
        while let Some(start) = next {
            let digits = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
            end = start + digits;
            if !(1..=3).contains(&digits)
                || b.get(end)
                    .is_some_and(|c| !c.is_ascii() || c.is_ascii_alphanumeric())
            {
                return None;
            }
            leden.push(self.numeral_at(start, end, NumeralForm::Digits));
            next = next_in_list(b, end);
        }
        c.lid_span = Some(self.span(p, end));
        c.lid_form = Some(form);
        c.leden = leden;
        Some(end)
    }

    /// `eerste lid`, `2de lid`, `tweede, vierde en elfde lid` at `p`: ordinals joined by `, `
    /// or ` en ` (an ordinal after each), then ` lid`. Any other join (` of `, ` tot en met
    /// `, `, het `) goes to pest.
    fn ordinal_lid(&self, b: &[u8], p: usize, c: &mut Citation) -> Option<usize> {
        let mut leden = Vec::new();
        let mut start = p;
        let end = loop {
            let (value, form, q) = ordinal(b, start)?;
            leden.push(Numeral {
                value,
                span: self.span(start, q),
                form,
                implied: false,
            });
            if b[q] == b' '
                && let Some(end) = lid_word(b, q + 1)
            {
                break end;
            }
            start = match b.get(q..q + 2)? {
                b", " => q + 2,
                b" e" if b.get(q + 2..q + 4) == Some(b"n ") => q + 4,
                _ => return None,
            };
        };
        c.lid_span = Some(self.span(p, end));
        c.lid_form = Some(LidForm::Ordinal);
        c.leden = leden;
        Some(end)
    }

    /// After a lid ending at `p`: `, onder a` / ` sub b` / `, onderdeel aa` and the end of
    /// the reference, or the end of the reference at `p`. After an article's lid (`van_ends`)
    /// ` van` ends it too; after a relative one it may be `van dit artikel`.
    fn onder(
        &self,
        b: &[u8],
        p: usize,
        mut c: Citation,
        van_ends: bool,
    ) -> Option<(Citation, usize)> {
        let comma = b.get(p) == Some(&b',');
        let kw = p + usize::from(comma);
        let words: [&[u8]; 3] = [b"onder", b"sub", b"onderdeel"];
        let Some((_, kw_end, letter)) = (b.get(kw) == Some(&b' '))
            .then(|| word_then_space(b, kw + 1, &words))
            .flatten()
        else {
            return ends_here(b, p, After::Lid { van_ends }).then_some((c, p));
        };
        let (n, end) = self.item_letter(b, letter)?;
        if !ends_here(b, end, After::Letter { van_ends }) {
            return None;
        }
        c.no_comma_before_onder = !comma;
        c.onder_span = Some(self.span(kw + 1, kw_end));
        c.onder_word = Some(self.text[kw + 1..kw_end].to_ascii_lowercase());
        c.onderdelen = vec![n];
        Some((c, end))
    }

    /// `onder a`, `sub 'd'`, `onderdeel aa` on its own (`p` at the word).
    fn onder_ref(&self, b: &[u8], p: usize) -> Option<(Citation, usize)> {
        let words: [&[u8]; 3] = [b"onder", b"sub", b"onderdeel"];
        let (_, kw_end, letter) = word_then_space(b, p, &words)?;
        let (n, end) = self.item_letter(b, letter)?;
        if !ends_here(b, end, After::Letter { van_ends: true }) {
            return None;
        }
        let c = Citation {
            onder_span: Some(self.span(p, kw_end)),
            onder_word: Some(self.text[p..kw_end].to_ascii_lowercase()),
            onderdelen: vec![n],
            ..Citation::default()
        };
        Some((c, end))
    }

    /// One lower-case letter or the same one twice (`aa`), bare or in straight quotes
    /// (`'d'`), at `p`: the numeral and its end.
    fn item_letter(&self, b: &[u8], p: usize) -> Option<(Numeral, usize)> {
        let quoted = b.get(p) == Some(&b'\'');
        let start = p + usize::from(quoted);
        let end = letters_end(b, start);
        let ok = match &b[start..end] {
            [x] => x.is_ascii_lowercase(),
            [x, y] => x.is_ascii_lowercase() && x == y,
            _ => false,
        };
        if !ok || (quoted && b.get(end) != Some(&b'\'')) {
            return None;
        }
        let item_end = end + usize::from(quoted);
        let form = if quoted {
            NumeralForm::QuotedLetter
        } else {
            NumeralForm::Letter
        };
        let n = Numeral {
            value: self.text[start..end].to_string(),
            span: self.span(p, item_end),
            form,
            implied: false,
        };
        Some((n, item_end))
    }

    fn numeral_at(&self, start: usize, end: usize, form: NumeralForm) -> Numeral {
        Numeral {
            value: self.text[start..end].to_string(),
            span: self.span(start, end),
            form,
            implied: false,
        }
    }
}
