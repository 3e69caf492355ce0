//! The only module that sees the reference grammar's pest types: it runs
//! `grammar/verwijzing.pest` over a line of text and returns plain `Reference` data.

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::tree::Span;
use crate::tree::reference::*;

mod hand;
mod prefilter;

use prefilter::{after_range, may_open_reference, starts_reference, word_end, word_starts_at};

#[derive(Parser)]
#[grammar = "../grammar/verwijzing.pest"]
struct RefParser;

/// Every reference in `text`, a line whose first byte is at `at` in the file. Acts are
/// not decided here (see `refs::extract`): article citations come back `Internal`, the
/// rest `Relative`.
///
/// The grammar is run only at the start of a word a reference can begin with (the same
/// places where `alinea` would try it; see `starts_reference`): running `alinea` over
/// every line tried the whole reference grammar at every word, 25 times slower.
pub fn find(text: &str, at: Span) -> Vec<Reference> {
    find_with(text, at, true)
}

/// [`find`], reading a plain `artikel 12` and the shapes of [`hand`] by hand (`by_hand`)
/// or every reference by the grammar (what the tests compare it with).
fn find_with(text: &str, at: Span, by_hand: bool) -> Vec<Reference> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Bytes before `next` are inside a reference already read.
    let mut next = 0;
    let mut column = at.column;
    let mut counted = 0; // `column` is the column of byte `counted`
    // The word starts eight bytes at a time (a byte-by-byte loop over every line, and the
    // end of every word found, were a third of reference extraction), those whose first
    // two bytes can open a reference kept in a small closure the loop inlines (a call per
    // word cost more than the test); each is then tested as the byte loop did
    // (`word_starts_at`).
    let mut candidates = Vec::new();
    crate::nl::ascii_word_starts(bytes, |i| {
        if may_open_reference(bytes, i) {
            candidates.push(i);
        }
    });
    for i in candidates {
        if i < next || !word_starts_at(text, i) {
            continue;
        }
        let word_end = word_end(text, i);
        if !starts_reference(&text[i..word_end], &text[word_end..]) || after_range(&text[..i]) {
            continue;
        }
        column += text[counted..i].chars().count() as u32;
        counted = i;
        let cx = Cx {
            text: &text[i..],
            at: Span {
                line: at.line,
                column,
                start: at.start + i as u32,
                end: at.end,
            },
        };
        // By hand where the shape is certain (`Ok`), nothing where the grammar
        // certainly reads nothing (`Err(true)`), else pest (`Err(false)`).
        let hand = match plain_article(cx.text) {
            _ if !by_hand => Err(false),
            Some(len) => Ok((cx.plain_article(len), len)),
            None => cx.by_hand().ok_or_else(|| cx.no_reference()),
        };
        let found = match hand {
            Ok((reference, len)) => Some((Some(reference), len)),
            Err(true) => None,
            Err(false) => reference_at(cx.text)
                .and_then(|mut pairs| pairs.find(|p| p.as_rule() == Rule::reference))
                .map(|p| (p.as_span().end(), p))
                .map(|(len, p)| (cx.reference(p), len)),
        };
        if let Some((reference, len)) = found {
            out.extend(reference);
            next = i + len.max(1);
        }
    }
    out.shrink_to_fit();
    out
}

/// The length of `artikel 12` at the start of `rest` when nothing after the number can
/// continue the reference, so the grammar would read the article alone: then ` van `
/// (`artikel 12 van de Wet`, a third of the references in the real texts), `.` not before
/// a digit, `;`, `)` or the end. A letter, `:`, a comma, a second space or anything else
/// after the number goes to the grammar (pest costs about 25 000 instructions a call).
fn plain_article(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    if b.len() < 9 || !b[..8].eq_ignore_ascii_case(b"artikel ") {
        return None;
    }
    let end = 8 + b[8..].iter().take_while(|c| c.is_ascii_digit()).count();
    let alone = match &b[end..] {
        _ if end == 8 => false,
        [] | [b';' | b')', ..] | [b'.'] => true,
        [b'.', next, ..] => !next.is_ascii_digit(),
        after => after.starts_with(b" van "),
    };
    alone.then_some(end)
}

/// How many bytes of the text at a word the reference grammar is first run on, and how
/// close to that cut a result must stay to be trusted.
const WINDOW: usize = 64;
const MARGIN: usize = 32;

/// The `reference_prefix` parse of `rest`, run on a window of it first. pest computes line
/// and column of its input on every failure (and indexes lines on success), so parsing the
/// whole rest of a long line at each candidate word made a line's cost grow with the
/// square of its length. A PEG parse that neither matched nor failed within `MARGIN` bytes
/// of the cut never looked past it, so its result is the same on the whole rest; any other
/// result is computed again on the whole rest (a reference over ~200 bytes long).
pub static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
fn reference_at(rest: &str) -> Option<pest::iterators::Pairs<'_, Rule>> {
    CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let parse = |input| RefParser::parse(Rule::reference_prefix, input);
    if rest.len() <= WINDOW + MARGIN {
        return parse(rest).ok();
    }
    let mut end = WINDOW + MARGIN;
    while !rest.is_char_boundary(end) {
        end += 1;
    }
    let near_cut = |at: usize| at + MARGIN > end;
    match parse(&rest[..end]) {
        Ok(pairs) => {
            let reached = pairs.clone().map(|p| p.as_span().end()).max().unwrap_or(0);
            if near_cut(reached) {
                parse(rest).ok()
            } else {
                Some(pairs)
            }
        }
        Err(e) => match e.location {
            pest::error::InputLocation::Pos(at) | pest::error::InputLocation::Span((_, at))
                if near_cut(at) =>
            {
                parse(rest).ok()
            }
            _ => None,
        },
    }
}

/// Whether `word` is an ordinal the grammar reads (`eerste`, `dertiende`, `1ste`).
pub fn is_ordinal(word: &str) -> bool {
    RefParser::parse(Rule::ordinal_word, word).is_ok_and(|p| p.as_str().len() == word.len())
        || RefParser::parse(Rule::ordinal_digits, word)
            .is_ok_and(|p| p.as_str().len() == word.len())
}

/// Every reference by running the `alinea` rule over the whole text: the reference
/// behaviour `find` must match (tested).
#[cfg(test)]
fn find_by_alinea(text: &str, at: Span) -> Vec<Reference> {
    let Ok(pairs) = RefParser::parse(Rule::alinea, text) else {
        return Vec::new();
    };
    let cx = Cx { text, at };
    pairs
        .filter(|p| p.as_rule() == Rule::reference)
        .filter_map(|p| cx.reference(p))
        .collect()
}

/// One reference exactly (for tests): `None` if `text` is not one reference.
pub fn parse_one(text: &str) -> Option<Reference> {
    let mut pairs = RefParser::parse(Rule::reference_only, text).ok()?;
    let cx = Cx {
        text,
        at: Span {
            line: 1,
            column: 1,
            start: 0,
            end: text.len() as u32,
        },
    };
    cx.reference(pairs.next()?)
}

struct Cx<'t> {
    text: &'t str,
    at: Span,
}

impl Cx<'_> {
    /// The file span of bytes `[start, end)` of the text.
    fn span(&self, start: usize, end: usize) -> Span {
        let column = self.at.column + self.text[..start].chars().count() as u32;
        Span {
            line: self.at.line,
            column,
            start: self.at.start + start as u32,
            end: self.at.start + end as u32,
        }
    }

    fn numeral(&self, p: &Pair<'_, Rule>, value: String, form: NumeralForm) -> Numeral {
        let s = p.as_span();
        Numeral {
            value,
            span: self.span(s.start(), s.end()),
            form,
            implied: false,
        }
    }

    /// `artikel 12` of [`plain_article`], `len` bytes long: what [`Cx::reference`] makes
    /// of the grammar's parse of it (an internal reference citing one article).
    fn plain_article(&self, len: usize) -> Reference {
        let number = &self.text[8..len];
        Reference {
            span: self.span(0, len),
            text: self.text[..len].to_string(),
            kind: RefKind::Internal,
            act: None,
            act_text: None,
            citations: vec![Citation {
                article: Some(Numeral {
                    value: number.to_string(),
                    span: self.span(8, len),
                    form: NumeralForm::Digits,
                    implied: false,
                }),
                ..Citation::default()
            }],
        }
    }

    fn reference(&self, p: Pair<'_, Rule>) -> Option<Reference> {
        let s = p.as_span();
        let inner = p.into_inner().next()?;
        let mut citations = Vec::new();
        let kind = match inner.as_rule() {
            Rule::articles_ref => {
                for c in inner.into_inner() {
                    if c.as_rule() == Rule::article_citation {
                        self.article_citation(c, &mut citations);
                    }
                }
                RefKind::Internal
            }
            Rule::self_ref => {
                let relation = match inner.into_inner().next()?.as_rule() {
                    Rule::self_artikel => Relation::ThisArticle,
                    Rule::self_onderdeel => Relation::ThisItem,
                    _ => Relation::ThisLid,
                };
                citations.push(Citation {
                    relation: Some(relation),
                    ..Citation::default()
                });
                RefKind::Relative
            }
            Rule::relative_ref => {
                let mut c = Citation::default();
                let mut last_end = None;
                for part in inner.into_inner() {
                    let ps = part.as_span();
                    match part.as_rule() {
                        Rule::determiner => {
                            c.determiner_span = Some(self.span(ps.start(), ps.end()))
                        }
                        Rule::neighbour_lid => {
                            let rel = part.into_inner().next()?.as_rule();
                            c.relation = Some(if rel == Rule::next {
                                Relation::NextLid
                            } else {
                                Relation::PreviousLid
                            });
                        }
                        Rule::lid_ordinals | Rule::lid_numbers | Rule::leden_numbers => {
                            self.lid_part(part, &mut c)
                        }
                        Rule::onder_part => {
                            if let Some(end) = last_end {
                                c.no_comma_before_onder = !self.text[end..ps.start()].contains(',');
                            }
                            self.onder_part(part, &mut c)
                        }
                        Rule::this_article => c.relation = Some(Relation::ThisArticle),
                        _ => {}
                    }
                    last_end = Some(ps.end());
                }
                citations.push(c);
                RefKind::Relative
            }
            Rule::onder_ref => {
                let mut c = Citation::default();
                self.onder_part(inner.into_inner().next()?, &mut c);
                citations.push(c);
                RefKind::Relative
            }
            _ => return None,
        };
        // References live as long as the tree: vectors grown by pushing keep room for
        // four, which was three quarters of what references took (20 of 61 MB for a
        // 10 MB regeling).
        for c in &mut citations {
            c.leden.shrink_to_fit();
            c.onderdelen.shrink_to_fit();
            c.subonderdelen.shrink_to_fit();
        }
        citations.shrink_to_fit();
        Some(Reference {
            span: self.span(s.start(), s.end()),
            text: s.as_str().to_string(),
            kind,
            act: None,
            act_text: None,
            citations,
        })
    }

    fn article_citation(&self, p: Pair<'_, Rule>, out: &mut Vec<Citation>) {
        let mut pending_range = false;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::range_sep | Rule::dash_range => pending_range = true,
                Rule::article_item => {
                    let c = self.article_item(item);
                    if pending_range {
                        // `artikel 3 tot en met 5`: the articles between are cited too.
                        if let (Some(prev), Some(this)) = (
                            out.last().and_then(|c| c.article.clone()),
                            c.article.clone(),
                        ) && let (Ok(a), Ok(b)) =
                            (prev.value.parse::<u32>(), this.value.parse::<u32>())
                            && b.saturating_sub(a) <= MAX_RANGE
                        {
                            for v in a + 1..b {
                                out.push(Citation {
                                    article: Some(Numeral {
                                        value: v.to_string(),
                                        span: this.span,
                                        form: NumeralForm::Digits,
                                        implied: true,
                                    }),
                                    ..Citation::default()
                                });
                            }
                        }
                        pending_range = false;
                    }
                    out.push(c);
                }
                _ => {}
            }
        }
    }

    fn article_item(&self, p: Pair<'_, Rule>) -> Citation {
        let mut c = Citation::default();
        let mut last_end = None;
        let mut lid_parts = 0;
        for part in p.into_inner() {
            let ps = part.as_span();
            let comma_before = last_end.map(|e: usize| self.text[e..ps.start()].contains(','));
            match part.as_rule() {
                Rule::art_num => {
                    // `70 a` is article 70a (a letter written apart; `76a bis` keeps its word).
                    let raw = part.as_str();
                    let value = match raw.rsplit_once(' ') {
                        Some((n, l)) if l.len() == 1 => format!("{n}{l}"),
                        _ => raw.to_string(),
                    };
                    c.article = Some(self.numeral(&part, value, NumeralForm::Digits))
                }
                Rule::lid_ordinals | Rule::lid_numbers | Rule::leden_numbers => {
                    lid_parts += 1;
                    // Ar 3.29: "artikel 5, tweede lid": a comma between article and lid.
                    if lid_parts == 1 && comma_before == Some(false) {
                        c.no_comma_before_lid = true;
                    }
                    self.lid_part(part, &mut c);
                }
                Rule::zin_part => c.zin = Some(part.as_str().to_string()),
                Rule::onder_part => {
                    if comma_before == Some(false) {
                        c.no_comma_before_onder = true;
                    }
                    self.onder_part(part, &mut c);
                }
                _ => {}
            }
            last_end = Some(ps.end());
        }
        c.doubled = lid_parts > 1;
        c
    }

    fn lid_part(&self, p: Pair<'_, Rule>, c: &mut Citation) {
        let ps = p.as_span();
        let here = self.span(ps.start(), ps.end());
        c.lid_span = Some(match c.lid_span {
            Some(first) => Span {
                end: here.end,
                ..first
            },
            None => here,
        });
        let form = match p.as_rule() {
            Rule::lid_ordinals => LidForm::Ordinal,
            Rule::lid_numbers => LidForm::Number,
            _ => LidForm::Leden,
        };
        if c.lid_form.is_none() || form != LidForm::Ordinal {
            c.lid_form = Some(form);
        }
        let mut range = false;
        let mut items: Vec<Numeral> = Vec::new();
        for q in p.into_inner() {
            let n = match q.as_rule() {
                Rule::range_sep => {
                    range = true;
                    continue;
                }
                Rule::lid_ordinal => {
                    let Some(o) = q.into_inner().next() else {
                        continue;
                    };
                    match o.as_rule() {
                        Rule::ordinal_word => {
                            let v = ordinal_value(o.as_str())
                                .map_or(o.as_str().to_string(), |v| v.to_string());
                            self.numeral(&o, v, NumeralForm::OrdinalWord)
                        }
                        _ => {
                            let digits: String = o
                                .as_str()
                                .chars()
                                .take_while(char::is_ascii_digit)
                                .collect();
                            self.numeral(&o, digits, NumeralForm::OrdinalDigits)
                        }
                    }
                }
                Rule::lid_number => self.numeral(&q, q.as_str().to_string(), NumeralForm::Digits),
                _ => continue,
            };
            if range {
                expand_range(&mut items, &n);
                range = false;
            }
            items.push(n);
        }
        c.leden.extend(items);
    }

    fn onder_part(&self, p: Pair<'_, Rule>, c: &mut Citation) {
        let mut range = false;
        let mut letters: Vec<Numeral> = Vec::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::onder_kw => {
                    let qs = q.as_span();
                    c.onder_span = Some(self.span(qs.start(), qs.end()));
                    c.onder_word = Some(q.as_str().to_lowercase());
                }
                Rule::range_sep => range = true,
                Rule::item_letter => {
                    let quoted = !q.as_str().starts_with(|ch: char| ch.is_ascii_lowercase());
                    let value = q
                        .clone()
                        .into_inner()
                        .next()
                        .map_or(String::new(), |l| l.as_str().to_string());
                    let form = if quoted {
                        NumeralForm::QuotedLetter
                    } else {
                        NumeralForm::Letter
                    };
                    let n = self.numeral(&q, value, form);
                    if range {
                        expand_letters(&mut letters, &n);
                        range = false;
                    }
                    letters.push(n);
                }
                Rule::sub_part => {
                    let mut subrange = false;
                    for s in q.into_inner() {
                        match s.as_rule() {
                            Rule::range_sep => subrange = true,
                            Rule::sub_number => {
                                let v = s.as_str().trim_end_matches('°').to_string();
                                let n = self.numeral(&s, v, NumeralForm::Degree);
                                if subrange {
                                    expand_range(&mut c.subonderdelen, &n);
                                    subrange = false;
                                }
                                c.subonderdelen.push(n);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        c.onderdelen.extend(letters);
    }
}

/// `eerste tot en met derde`: adds the implied numbers between the last item and `to`.
fn expand_range(items: &mut Vec<Numeral>, to: &Numeral) {
    let Some(from) = items.last() else { return };
    let (Ok(a), Ok(b)) = (from.value.parse::<u32>(), to.value.parse::<u32>()) else {
        return;
    };
    if b.saturating_sub(a) > MAX_RANGE {
        return;
    }
    for v in a + 1..b {
        items.push(Numeral {
            value: v.to_string(),
            span: to.span,
            form: to.form,
            implied: true,
        });
    }
}

/// The most numbers a range (`artikel 3 tot en met 5`, `3-5`) is expanded into; a wider
/// one cites its two ends only. A fuzzed `Artikel 2022-999999901` read as a range was
/// expanded into a billion citations and ran out of memory; no regeling has a thousand
/// articles or leden between two it cites.
const MAX_RANGE: u32 = 1000;

/// `onder a tot en met d`.
fn expand_letters(items: &mut Vec<Numeral>, to: &Numeral) {
    let Some(from) = items.last() else { return };
    let (Some(a), Some(b)) = (from.value.bytes().next(), to.value.bytes().next()) else {
        return;
    };
    if from.value.len() != 1 || to.value.len() != 1 {
        return;
    }
    for v in a + 1..b {
        items.push(Numeral {
            value: (v as char).to_string(),
            span: to.span,
            form: to.form,
            implied: true,
        });
    }
}

#[cfg(test)]
mod anchored;
#[cfg(test)]
mod list_edges;
