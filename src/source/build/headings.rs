//! Headings: hoofdstuk, titel, afdeling and paragraaf, and the artikel heading with
//! its number (a bare number read back as a division when it turns out to be one).

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::super::grammar::{Line, LineKind};
use super::*;

impl<'s> Builder<'s> {
    pub(super) fn start_division(&mut self, l: &Line<'_>, kind: LineKind) {
        self.leave_preamble();
        self.bare_number_was_division();
        let label = match kind {
            LineKind::Hoofdstuk => "Hoofdstuk",
            LineKind::Titel => "Titel",
            LineKind::Afdeling => "Afdeling",
            LineKind::Subparagraaf => "Subparagraaf",
            _ if l.kind == LineKind::BareNumber => "",
            _ => "Paragraaf",
        };
        let rank = division_rank(label);
        // Close what the new division cannot stand in: articles, and divisions of the
        // same or a lower rank.
        loop {
            match self.stack.last() {
                Some(Open::Hoofdstuk { .. }) if rank > 1 => break,
                Some(Open::Paragraaf { node, .. }) if rank > node.rank() => break,
                None => break,
                _ => self.pop(),
            }
        }
        self.divisions += 1;
        let written = l.number.map(|n| n.text).unwrap_or_default();
        // `Tweede titel`: the number written as an ordinal.
        let number =
            text::ordinal_number(written).map_or_else(|| written.to_string(), |n| n.to_string());
        if number.is_empty() {
            let what = if rank == 1 { "hoofdstuk" } else { "paragraaf" };
            self.diags.push(
                Diagnostic::new("P014", format!("{what} zonder nummer"))
                    .at(&self.file, self.line_span(l)),
            );
        }
        let span = self.line_span(l);
        let heading = l.heading.map(|h| self.tekst(l, h));
        let awaiting_title = heading.is_none();
        if rank == 1 {
            self.stack.push(Open::Hoofdstuk {
                node: Hoofdstuk {
                    eid: String::new(),
                    span,
                    number,
                    heading,
                    annotations: Vec::new(),
                    content: Vec::new(),
                },
                awaiting_title,
            });
        } else {
            self.stack.push(Open::Paragraaf {
                node: Paragraaf {
                    eid: String::new(),
                    span,
                    label: label.to_string(),
                    number,
                    heading,
                    annotations: Vec::new(),
                    content: Vec::new(),
                },
                awaiting_title,
            });
        }
    }

    pub(super) fn start_artikel(&mut self, l: &Line<'_>) {
        self.leave_preamble();
        self.bare_number_was_division();
        while !matches!(
            self.stack.last(),
            None | Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. })
        ) {
            self.pop();
        }
        match self.stack.last_mut() {
            Some(Open::Hoofdstuk { awaiting_title, .. })
            | Some(Open::Paragraaf { awaiting_title, .. }) => *awaiting_title = false,
            _ => {}
        }
        let span = self.line_span(l);
        let (label, number) = match l.kind {
            LineKind::EnigArtikel => ("Enig artikel".to_string(), None),
            _ => ("Artikel".to_string(), l.number.map(|n| n.text.to_string())),
        };
        if l.kind == LineKind::Artikel && number.is_none() {
            self.diags.push(
                Diagnostic::new(
                    "P010",
                    "artikel zonder nummer: schrijf bijvoorbeeld `Artikel 3`",
                )
                .at(&self.file, span),
            );
        }
        if l.kind == LineKind::BareNumber {
            self.diags.push(
                Diagnostic::new(
                    "P017",
                    format!(
                        "regel met alleen `{}` gelezen als artikelkop; schrijf `Artikel {}`",
                        number.as_deref().unwrap_or(""),
                        number.as_deref().unwrap_or("")
                    ),
                )
                .at(&self.file, span),
            );
        }
        let mut heading = l.heading.map(|h| self.tekst(l, h));
        let repealed = heading.as_ref().is_some_and(|h| is_vervallen(&h.text));
        if repealed {
            heading = None;
        }
        self.articles += 1;
        self.bare_article = l.kind == LineKind::BareNumber;
        self.stack.push(Open::Artikel(Artikel {
            eid: String::new(),
            span,
            label,
            number,
            heading,
            repealed,
            annotations: Vec::new(),
            content: Vec::new(),
        }));
    }

    /// A bare number (`2`) followed by nothing but a title line (and the database's notes)
    /// before the next heading numbered a division whose word was lost (`2` /
    /// `Pluimveevleessector` / `Artikel 2`), not an article: it becomes a section.
    pub(super) fn bare_number_was_division(&mut self) {
        if !std::mem::take(&mut self.bare_article) {
            return;
        }
        let is_title_only = matches!(
            self.stack.last(),
            Some(Open::Artikel(a)) if a.content.len() <= 1
                && a.content.iter().all(|b| matches!(b, Blok::Alinea(t) if text::looks_like_subheading(&t.text, text::DIVISION_TITLE_WORDS)))
        );
        if !is_title_only {
            return;
        }
        let Some(Open::Artikel(a)) = self.stack.pop() else {
            return;
        };
        self.articles -= 1;
        self.divisions += 1;
        // Its P017 ("gelezen als artikelkop") no longer holds.
        self.diags
            .retain(|d| !(d.code == "P017" && d.start == a.span.start));
        let heading = a.content.into_iter().find_map(|b| match b {
            Blok::Alinea(t) => Some(Tekst {
                text: t.text,
                span: t.span,
            }),
            _ => None,
        });
        // It closes the sections before it, as any section would.
        while let Some(Open::Paragraaf { node, .. }) = self.stack.last() {
            if node.rank() < 4 {
                break;
            }
            self.pop();
        }
        self.stack.push(Open::Paragraaf {
            node: Paragraaf {
                eid: String::new(),
                span: a.span,
                label: String::new(),
                number: a.number.unwrap_or_default(),
                heading,
                annotations: a.annotations,
                content: Vec::new(),
            },
            awaiting_title: false,
        });
    }

    pub(super) fn is_meta_title(&self, text: &str) -> bool {
        self.meta_title
            .as_deref()
            .is_some_and(|t| !t.is_empty() && normalise(text) == t)
    }
}
