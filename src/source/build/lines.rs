//! Where an unnumbered line goes: comments, literal blocks, annotations, and the
//! alinea placed in the deepest open lid or onderdeel it is indented past.

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::super::grammar::{Line, Piece};
use super::*;

impl<'s> Builder<'s> {
    // ----- lines ---------------------------------------------------------------------

    /// A comment belongs where an alinea at its indentation would belong.
    pub(super) fn comment(&mut self, l: &Line<'_>) {
        let o = Opmerking {
            span: self.line_span(l),
            text: l.text.text.to_string(),
        };
        match self.phase {
            Phase::Preamble => self.ensure_preamble_host(l),
            Phase::Closing | Phase::Explanation => {
                self.attach_blok(Blok::Opmerking(o));
                return;
            }
            Phase::Body | Phase::Annex => {}
        }
        match self.owner_by_indent(l.indent) {
            Some(owner) => {
                while self.stack.len() > owner + 1 {
                    self.pop();
                }
                match self.stack.last() {
                    Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) => {
                        self.attach_deel(Deel::Opmerking(o))
                    }
                    _ => self.attach_blok(Blok::Opmerking(o)),
                }
            }
            None => self.attach_deel(Deel::Opmerking(o)),
        }
    }

    /// An escaped line: text as written, never a title, closing formula or heading.
    pub(super) fn literal(&mut self, l: &Line<'_>, p: Piece<'_>) {
        match self.phase {
            Phase::Preamble => {
                self.ensure_preamble_host(l);
                self.place_by_indent(l, p);
            }
            Phase::Body | Phase::Annex => self.place_by_indent(l, p),
            Phase::Closing | Phase::Explanation => self.host_alinea(l, p),
        }
    }

    pub(super) fn text_line(&mut self, l: &Line<'_>) {
        let whole = self.whole_line(l);
        if self.phase == Phase::Body && is_annotation(whole.text) && self.annotate(l, whole) {
            return;
        }
        if let Some(markers) = text::inline_list(whole.text)
            && self.phase == Phase::Body
        {
            self.split_inline_list(l, whole, &markers);
            return;
        }
        self.alinea(l, whole);
    }

    /// A note of the database ("Vervallen per 01-07-2010") under the heading of the open
    /// article or division: kept with that node, not as its text. "Vervallen per" repeals
    /// an article. Returns false when no article or division is open to take it.
    pub(super) fn annotate(&mut self, l: &Line<'_>, p: Piece<'_>) -> bool {
        let note = self.tekst(l, p);
        let repeal = is_vervallen(p.text);
        let Some(host) = self.stack.iter_mut().rev().find(|o| {
            matches!(
                o,
                Open::Artikel(_) | Open::Hoofdstuk { .. } | Open::Paragraaf { .. }
            )
        }) else {
            return false;
        };
        match host {
            Open::Artikel(a) => {
                if repeal && a.content.is_empty() {
                    a.repealed = true;
                }
                a.annotations.push(note);
            }
            Open::Hoofdstuk { node, .. } => node.annotations.push(note),
            Open::Paragraaf { node, .. } => node.annotations.push(note),
            _ => return false,
        }
        self.seen.annotations += 1;
        if self.seen.first_annotation.is_none() {
            self.seen.first_annotation = Some(self.piece_span(l, p));
        }
        true
    }

    /// Text in a sluiting, bijlage or toelichting: placed in the open host.
    pub(super) fn host_alinea(&mut self, l: &Line<'_>, p: Piece<'_>) {
        let a = self.new_alinea(l, p);
        while matches!(
            self.stack.last(),
            Some(Open::Lid { .. } | Open::Lijst { .. } | Open::Onderdeel { .. })
        ) && self.phase != Phase::Annex
        {
            self.pop();
        }
        self.attach_blok(Blok::Alinea(a));
    }

    pub(super) fn alinea(&mut self, l: &Line<'_>, p: Piece<'_>) {
        match self.phase {
            Phase::Preamble => {
                // Empty but for notes: a list open in the aanhef (`a.` before any title)
                // is text too, and a line after it is no longer the first (the writer
                // writes such an alinea unescaped; found by fuzzing the integral form).
                let preamble_empty = self.preamble.is_none()
                    && match self.stack.as_slice() {
                        [] => true,
                        [Open::Aanhef(a)] => {
                            a.content.iter().all(|b| matches!(b, Blok::Opmerking(_)))
                        }
                        _ => false,
                    };
                if self.title.is_none()
                    && preamble_empty
                    && (self.is_meta_title(p.text) || self.opens_as_title(l, p.text))
                    && written_reads_as_text(p.text)
                {
                    self.title = Some(self.tekst(l, p));
                    return;
                }
                self.ensure_preamble_host(l);
                self.place_by_indent(l, p);
                return;
            }
            Phase::Body => {
                if self.decision.is_none()
                    && self.articles > 0
                    && self.divisions == 0
                    && l.indent == 0
                    && self.is_meta_title(p.text)
                {
                    self.split_decision(l, p);
                    return;
                }
                if l.indent == 0 && text::is_closing_formula(p.text) {
                    self.start_closing(l);
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
                // A decree signed without a closing formula: a place ("Den Haag") and a
                // written date on lines of their own after the last article open the
                // ondertekening. What follows it (a selectielijst the decree adopts) is
                // none of its articles: read on, its numbered lines made articles twice.
                if l.indent == 0
                    && self.articles > 0
                    && text::is_written_date(p.text)
                    && let Some(place) = self.place_line_before(l)
                {
                    self.start_closing(l);
                    if let Some(Open::Sluiting(s)) = self.stack.last_mut() {
                        s.span.line = place.span.line;
                        s.span.column = place.span.column;
                        s.span.start = place.span.start;
                    }
                    self.attach_blok(Blok::Alinea(place));
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
                // A marker alone on its line and its text on the next, as a page copied
                // from lokaleregelgeving.overheid.nl reads ("1." / "De raden ..."): the
                // line is that lid's or onderdeel's text whatever its indent. Read by
                // indent it was text of the article, after an empty lid (P016).
                if self.awaits_text() {
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
                // A table row or a dash item belongs to the lid or onderdeel above it,
                // whatever its indent: published texts print them flush left inside an
                // onderdeel ("a. ... vermeld in de onderstaande tabel:") or a lid ("3. ...
                // indien:" then "– ..." lines), and the list goes on after them ("b.
                // ..."). Read by indent, they closed the lid or list, and its later
                // onderdelen opened a second list under the article.
                if text::continues_item(p.text)
                    && matches!(
                        self.stack.last(),
                        Some(Open::Lid { .. } | Open::Onderdeel { .. })
                    )
                {
                    self.attach_blok(Blok::Alinea(self.new_alinea(l, p)));
                    return;
                }
            }
            Phase::Closing => {
                // A decision's ondertekening is followed by the regeling's own title.
                if self.decision.is_none()
                    && self.articles > 0
                    && self.divisions == 0
                    && self.is_meta_title(p.text)
                {
                    self.split_decision(l, p);
                } else {
                    self.host_alinea(l, p);
                }
                return;
            }
            Phase::Explanation => {
                self.host_alinea(l, p);
                return;
            }
            Phase::Annex => {}
        }
        self.place_by_indent(l, p);
    }

    /// Whether `l`, the first line of text, is the title of a text without a metadata
    /// `titel` (see [`text::may_open_as_title`]): unindented, and standing alone, a blank
    /// line after it and more text after that. Not in a part quoted in a besluit, which
    /// never holds the regeling's title (an aanhef quoted on its own begins with its own
    /// first line).
    fn opens_as_title(&self, l: &Line<'_>, text: &str) -> bool {
        if self.quoted || self.meta_title.is_some() || l.indent != 0 {
            return false;
        }
        let mut rest = self.src[l.end as usize..].split_inclusive('\n');
        let _ = rest.next(); // the line break of `l` itself
        let blank_after = rest.next().is_some_and(|next| next.trim().is_empty());
        blank_after && rest.any(|line| !line.trim().is_empty()) && text::may_open_as_title(text)
    }

    /// The place of an ondertekening on the line right before `l` ("Den Haag",
    /// "'s-Gravenhage"), taken out of the open article it was read into; only when the
    /// article has text before it.
    fn place_line_before(&mut self, l: &Line<'_>) -> Option<Alinea> {
        let Some(Open::Artikel(article)) = self.stack.last_mut() else {
            return None;
        };
        let is_place = matches!(article.content.as_slice(),
            [_, .., Blok::Alinea(a)] if a.span.line + 1 == l.line && text::is_place(&a.text));
        if !is_place {
            return None;
        }
        match article.content.pop() {
            Some(Blok::Alinea(a)) => {
                article.span.end = article
                    .content
                    .last()
                    .map_or(article.span.end, |b| b.span().end);
                Some(a)
            }
            _ => None,
        }
    }

    /// Whether the innermost open element is a lid or onderdeel whose marker stood alone:
    /// no text yet, not repealed, no defined term.
    fn awaits_text(&self) -> bool {
        match self.stack.last() {
            Some(Open::Lid { node, .. }) => node.content.is_empty() && !node.repealed,
            Some(Open::Onderdeel { node, .. }) => {
                node.content.is_empty() && !node.repealed && node.term.is_none()
            }
            _ => false,
        }
    }

    /// Attaches an alinea to the deepest open lid or onderdeel whose marker the line is
    /// indented past; otherwise to the article (or host) that is open.
    pub(super) fn place_by_indent(&mut self, l: &Line<'_>, p: Piece<'_>) {
        let Some(owner) = self.owner_by_indent(l.indent) else {
            self.loose_text(l, p);
            return;
        };
        while self.stack.len() > owner + 1 {
            self.pop();
        }
        let tekst = self.tekst(l, p);
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk {
                node,
                awaiting_title,
            }) if *awaiting_title => {
                node.heading = Some(tekst);
                *awaiting_title = false;
            }
            Some(Open::Paragraaf {
                node,
                awaiting_title,
            }) if *awaiting_title => {
                node.heading = Some(tekst);
                *awaiting_title = false;
            }
            Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) => {
                if text::looks_like_subheading(p.text, text::TUSSENKOP_WORDS) {
                    // A second heading line under the division's title (a "tussenkop"
                    // over the articles that follow): kept, in its place, as text of the
                    // division. (In a text without articles every such line is one:
                    // P025 says so once.)
                    if self.has_articles {
                        self.diags.push(
                            Diagnostic::new(
                                "P022",
                                "regel tussen een kop en het eerste artikel gelezen als tussenkop",
                            )
                            .at(&self.file, self.piece_span(l, p)),
                        );
                    }
                    let a = self.new_alinea(l, p);
                    self.attach_deel(Deel::Alinea(a));
                } else {
                    self.loose_text(l, p)
                }
            }
            Some(Open::Artikel(a)) if a.content.is_empty() && is_vervallen(p.text) => {
                a.repealed = true;
            }
            _ => self.attach_blok(Blok::Alinea(self.new_alinea(l, p))),
        }
    }

    /// The stack index of the deepest open lid or onderdeel whose marker is indented less
    /// than `indent`, else of the innermost article or host.
    pub(super) fn owner_by_indent(&self, indent: u32) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            match open {
                Open::Lid { indent: m, .. } | Open::Onderdeel { indent: m, .. } => {
                    if *m < indent {
                        return Some(i);
                    }
                }
                Open::Lijst { .. } => {}
                _ => return Some(i),
            }
        }
        None
    }

    pub(super) fn loose_text(&mut self, l: &Line<'_>, p: Piece<'_>) {
        // In a document without articles all text stands outside articles: nothing to
        // report for each line (P025 says it once).
        if self.has_articles {
            self.diags.push(
                Diagnostic::new(
                    "P020",
                    "tekst buiten een artikel; zet hem in een artikel of maak er een opmerking (`//`) van",
                )
                .at(&self.file, self.piece_span(l, p)),
            );
        }
        let a = self.new_alinea(l, p);
        self.attach_deel(Deel::Alinea(a));
    }
}

/// Whether a title's text, written on a line of its own as the writer writes the title,
/// reads as a line of text again. The tree keeps a line's text without the white space
/// around it, and the grammar knows only spaces and tabs as white space: `Hoofdstuk`
/// followed by a no-break space is a line of text, the title `Hoofdstuk` written back is
/// a hoofdstuk without a number (found by fuzzing the integral besluit: "interne fout").
/// Such a line is the aanhef's text, which the writer escapes.
fn written_reads_as_text(text: &str) -> bool {
    super::super::grammar::classify_line(text).is_some_and(|l| l.kind == LineKind::Text)
}

#[cfg(test)]
mod tests {
    /// A first line that reads as text only by the white space around it (a no-break
    /// space after `Hoofdstuk`) is no title, with or without a metadata `titel`: the
    /// title is written without that space, where it would be a hoofdstuk. It stays
    /// the aanhef's text and reads back the same.
    #[test]
    fn a_line_that_is_text_by_its_white_space_alone_is_no_title() {
        for text in [
            "Hoofdstuk\u{a0}\n\n-\n",
            "\u{a0}Artikel\n\nDe tekst.\n\nArtikel 1\n\nTekst.\n",
            "---\ntitel: Hoofdstuk\n---\nHoofdstuk\u{a0}\n\nArtikel 1\n\nTekst.\n",
        ] {
            let (r, _) = crate::source::parse("t.gr", text);
            assert!(r.title.is_none(), "{text:?}: {:?}", r.title);
            let written = crate::source::write(&r);
            let (again, diags) = crate::source::parse("t.gr", &written);
            assert!(again.title.is_none(), "{written}");
            assert_eq!(crate::source::write(&again), written);
            assert!(
                !diags
                    .iter()
                    .any(|d| d.severity == crate::diagnostic::Severity::Error),
                "{written}: {diags:?}"
            );
        }
        // A title with a no-break space inside it is still a title.
        let (r, _) = crate::source::parse("t.gr", "Regeling\u{a0}A\n\nArtikel 1\n\nTekst.\n");
        assert_eq!(r.title.map(|t| t.text).as_deref(), Some("Regeling\u{a0}A"));
    }

    /// A line after a list that opens the aanhef is not the first line of the text, so not
    /// the regeling's title, even standing alone (the writer writes it unescaped there;
    /// found by fuzzing the integral besluit: "interne fout").
    #[test]
    fn a_line_after_an_opening_list_is_no_title() {
        let text = "a. een;\n\nGeen Titel\n\nArtikel 1\n\nTekst.\n";
        let (r, _) = crate::source::parse("t.gr", text);
        assert!(r.title.is_none(), "{:?}", r.title);
        let preamble = r.preamble.as_ref().expect("een aanhef");
        assert!(
            matches!(&preamble.content[..], [crate::tree::Blok::Lijst(_), crate::tree::Blok::Alinea(a)] if a.text == "Geen Titel"),
            "{:?}",
            preamble.content
        );
        let written = crate::source::write(&r);
        let (again, _) = crate::source::parse("t.gr", &written);
        assert_eq!(crate::source::write(&again), written);
        assert!(again.title.is_none(), "{written}");

        // The first line standing alone is still the title.
        let (titled, _) =
            crate::source::parse("t.gr", "Geen Titel\n\na. een;\n\nArtikel 1\n\nTekst.\n");
        assert_eq!(titled.title.map(|t| t.text).as_deref(), Some("Geen Titel"));
    }
}
