//! What surrounds the regeling in a published text: a decision printed before it (a
//! ministerial deelnamebesluit with its own articles and ondertekening, "die als bijlage
//! bij dit besluit is gevoegd"), a cover line `Bijlage` before its title, and the
//! ondertekening after its last article.
//!
//! A preceding decision is recognised in two ways: the regeling's title from the metadata
//! standing on a line of its own after articles (exact), or a numbering that starts
//! again at 1 after a signature, a closing formula or a `Bijlage` line, with a line that
//! reads as a regeling's title in between (the metadata title need not match: a new user
//! gives only a title). Either way `grc tree` and `grc check` say what they did (P023,
//! P024).

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::super::grammar::{Line, Piece};
use super::text::{is_first_number, looks_like_signature, looks_like_title};
use super::{Builder, Open, Phase};

/// A decision before the regeling has at most this many articles (deelnamebesluiten have
/// two to four); a longer first part followed by a bijlage with articles is a regeling
/// with a bijlage, which P021 reports.
const DECISION_MAX_ARTICLES: usize = 10;

impl Builder<'_> {
    /// Whether heading `l` starts the numbering again after the articles of a preceding
    /// decision (see the module comment).
    pub(super) fn restarts_numbering(&self, l: &Line<'_>) -> bool {
        if self.quoted
            || self.decision.is_some()
            || self.articles == 0
            || self.articles > DECISION_MAX_ARTICLES
            || self.divisions > 0
            || !l.number.is_some_and(|n| is_first_number(n.text))
        {
            return false;
        }
        let tail: &[Blok] = match (self.phase, self.stack.first()) {
            (Phase::Annex, Some(Open::Bijlage(b))) => &b.content,
            (Phase::Closing, Some(Open::Sluiting(s))) => &s.content,
            (Phase::Body, _) => match self.stack.iter().rev().find_map(|o| match o {
                Open::Artikel(a) => Some(a),
                _ => None,
            }) {
                Some(a) => &a.content[trailing_start(&a.content)..],
                None => return false,
            },
            _ => return false,
        };
        let title = title_index(tail, |t| self.is_meta_title(t));
        match title {
            // In an article's own text the title must follow an ondertekening.
            Some(i) if self.phase == Phase::Body => tail[..i]
                .iter()
                .any(|b| matches!(b, Blok::Alinea(a) if looks_like_signature(&a.text))),
            Some(_) => true,
            None => false,
        }
    }

    /// Splits off everything read so far as the preceding decision, at a heading that
    /// starts the numbering again. The lines since the decision's last article are its
    /// ondertekening, then the regeling's title and aanhef.
    pub(super) fn split_at_restart(&mut self, l: &Line<'_>) {
        let articles = self.articles;
        let mut cover = None;
        let mut closing_host: Option<Sluiting> = None;
        let tail: Vec<Blok> = match self.phase {
            Phase::Annex => {
                while self.stack.len() > 1 {
                    self.pop();
                }
                match self.stack.pop() {
                    Some(Open::Bijlage(b)) => {
                        cover = Some(b.span);
                        b.content
                    }
                    Some(other) => {
                        self.stack.push(other);
                        Vec::new()
                    }
                    None => Vec::new(),
                }
            }
            Phase::Closing => {
                while self.stack.len() > 1 {
                    self.pop();
                }
                match self.stack.pop() {
                    Some(Open::Sluiting(mut s)) => {
                        let content = std::mem::take(&mut s.content);
                        closing_host = Some(s);
                        content
                    }
                    Some(other) => {
                        self.stack.push(other);
                        Vec::new()
                    }
                    None => Vec::new(),
                }
            }
            _ => {
                while !matches!(self.stack.last(), None | Some(Open::Artikel(_))) {
                    self.pop();
                }
                match self.stack.last_mut() {
                    Some(Open::Artikel(a)) => {
                        let from = trailing_start(&a.content);
                        a.content.split_off(from)
                    }
                    _ => Vec::new(),
                }
            }
        };
        self.pop_all();
        let title_at = title_index(&tail, |t| self.is_meta_title(t));
        let mut tail = tail;
        let (ondertekening, title, aanhef) = match title_at {
            Some(i) => {
                let mut rest = tail.split_off(i);
                let title = match rest.remove(0) {
                    Blok::Alinea(a) => Some(Tekst {
                        text: a.text,
                        span: a.span,
                    }),
                    _ => None,
                };
                (tail, title, rest)
            }
            None => (tail, None, Vec::new()),
        };
        let mut besluit = Besluit {
            title: self.title.take(),
            preamble: self.preamble.take(),
            body: std::mem::take(&mut self.body),
            closing: self.closing.take(),
        };
        if !ondertekening.is_empty() {
            let mut s = closing_host.unwrap_or_else(|| Sluiting {
                eid: String::new(),
                span: ondertekening[0].span(),
                content: Vec::new(),
            });
            s.span.end = ondertekening.last().map_or(s.span.end, |b| b.span().end);
            s.content.extend(ondertekening);
            match besluit.closing.as_mut() {
                Some(c) => {
                    c.span.end = s.span.end;
                    c.content.append(&mut s.content);
                }
                None => besluit.closing = Some(s),
            }
        }
        self.take_decision(besluit);
        self.title = title;
        let mut preamble = Vec::new();
        if let Some(span) = cover {
            let text = self.src[span.start as usize..span.end as usize]
                .trim()
                .to_string();
            self.diags.push(
                Diagnostic::new(
                    "P023",
                    format!(
                        "regel {} `{text}` staat vóór de regeling en is gelezen als omslag, \
                         niet als bijlage",
                        span.line
                    ),
                )
                .at(&self.file, span),
            );
            preamble.push(Blok::Opmerking(Opmerking { span, text }));
        }
        preamble.extend(aanhef);
        if !preamble.is_empty() {
            let first = preamble[0].span();
            let last = preamble[preamble.len() - 1].span();
            self.preamble = Some(Aanhef {
                eid: String::new(),
                span: Span {
                    end: last.end,
                    ..first
                },
                content: preamble,
            });
        }
        self.phase = Phase::Body;
        self.report_decision(l, articles);
    }

    /// The text line equal to the metadata title, found after articles and before any
    /// division: what came before was a preceding decision (deelnamebesluit).
    pub(super) fn split_decision(&mut self, l: &Line<'_>, p: Piece<'_>) {
        let articles = self.articles;
        self.pop_all();
        let besluit = Besluit {
            title: self.title.take(),
            preamble: self.preamble.take(),
            body: std::mem::take(&mut self.body),
            closing: self.closing.take(),
        };
        self.take_decision(besluit);
        self.title = Some(self.tekst(l, p));
        self.phase = Phase::Preamble;
        self.report_decision(l, articles);
    }

    /// Stores the preceding decision, with its ondertekening and title found where the
    /// source has them, and starts counting the regeling's own articles.
    fn take_decision(&mut self, mut besluit: Besluit) {
        if besluit.closing.is_none() {
            besluit.closing = split_signature(&mut besluit.body);
        }
        // The first line of a preceding decision is its title ("Regeling deelname Rijk aan ...").
        if besluit.title.is_none()
            && let Some(a) = besluit.preamble.as_mut()
            && let Some(Blok::Alinea(first)) = a.content.first()
        {
            besluit.title = Some(Tekst {
                text: first.text.clone(),
                span: first.span,
            });
            a.content.remove(0);
        }
        self.decision = Some(besluit);
        self.articles = 0;
        self.divisions = 0;
    }

    fn report_decision(&mut self, l: &Line<'_>, articles: usize) {
        let span = self.line_span(l);
        self.diags.push(
            Diagnostic::new(
                "P024",
                format!(
                    "de tekst begint met een besluit van {articles} {} vóór de regeling \
                     (zoals een deelnamebesluit); dat is gelezen als voorafgaand besluit en \
                     de regeling begint op regel {}",
                    if articles == 1 {
                        "artikel"
                    } else {
                        "artikelen"
                    },
                    span.line
                ),
            )
            .at(&self.file, span),
        );
    }

    /// A line `Bijlage` before the regeling's title and first article: the cover of the
    /// regeling as a bijlage to something else, kept as a note, not a bijlage.
    pub(super) fn cover(&mut self, l: &Line<'_>) {
        let whole = self.whole_line(l);
        let span = self.line_span(l);
        self.diags.push(
            Diagnostic::new(
                "P023",
                format!(
                    "regel {} `{}` staat vóór de regeling en is gelezen als omslag, niet als bijlage",
                    span.line, whole.text
                ),
            )
            .at(&self.file, span),
        );
        self.ensure_preamble_host(l);
        self.attach_blok(Blok::Opmerking(Opmerking {
            span,
            text: whole.text.to_string(),
        }));
    }
}

/// Where the lines after an article's own text start: after its last lid or list, or
/// after its first alinea when it has neither.
fn trailing_start(content: &[Blok]) -> usize {
    match content
        .iter()
        .rposition(|b| matches!(b, Blok::Lid(_) | Blok::Lijst(_)))
    {
        Some(i) => i + 1,
        None => content.len().min(1),
    }
}

/// The line among `tail` that is the regeling's title: the metadata title if it stands
/// there, else the first line that reads as the title of a regeling.
fn title_index(tail: &[Blok], is_meta_title: impl Fn(&str) -> bool) -> Option<usize> {
    let text = |b: &Blok| match b {
        Blok::Alinea(a) => Some(a.text.clone()),
        _ => None,
    };
    tail.iter()
        .position(|b| text(b).is_some_and(|t| is_meta_title(&t)))
        .or_else(|| {
            tail.iter()
                .position(|b| text(b).is_some_and(|t| looks_like_title(&t)))
        })
}

/// Moves an ondertekening that ended up in the last article into a sluiting: the
/// trailing run (two or more) of short article-level alinea's that do not end like a
/// sentence, such as `Zoetermeer` / `13 april 2000` / `De Staatssecretaris, ...`.
pub(super) fn split_signature(body: &mut [Deel]) -> Option<Sluiting> {
    let art = last_article_mut(body)?;
    let mut k = art.content.len();
    while k > 1 {
        match &art.content[k - 1] {
            Blok::Alinea(a) if looks_like_signature(&a.text) => k -= 1,
            _ => break,
        }
    }
    if art.content.len() - k < 2 || art.content.iter().any(|b| matches!(b, Blok::Lid(_))) {
        return None;
    }
    let content = art.content.split_off(k);
    let start = content.first()?.span();
    let end = content.last()?.span();
    art.span.end = art.content.last().map_or(art.span.end, |b| b.span().end);
    Some(Sluiting {
        eid: String::new(),
        span: Span {
            end: end.end,
            ..start
        },
        content,
    })
}

fn last_article_mut(body: &mut [Deel]) -> Option<&mut Artikel> {
    match body.last_mut()? {
        Deel::Artikel(a) => Some(a),
        Deel::Hoofdstuk(h) => last_article_mut(&mut h.content),
        Deel::Paragraaf(p) => last_article_mut(&mut p.content),
        _ => None,
    }
}
