//! The texts of elements as the comparison reads them: plain text (markup removed), an
//! article's opschrift and body together, a lid's own text apart from its onderdelen.

use crate::tree::inline::plain;
use crate::tree::walk::block_text;
use crate::tree::*;

use super::align::Unit;

pub fn container_text(content: &[Blok]) -> String {
    let mut s = String::new();
    block_text(content, &mut s);
    plain(&s)
}

pub fn heading_text(h: &Option<Tekst>) -> String {
    h.as_ref().map(|t| plain(&t.text)).unwrap_or_default()
}

/// An article's text as compared: heading, then content.
pub fn article_text(a: &Artikel) -> String {
    let mut s = heading_text(&a.heading);
    if a.repealed {
        s.push_str(" [Vervallen]");
    }
    let body = container_text(&a.content);
    if !body.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&body);
    }
    s
}

pub(super) fn lid_text(l: &Lid) -> String {
    let mut s = container_text(&l.content);
    if l.repealed {
        s.insert_str(0, "[Vervallen] ");
    }
    s
}

pub(super) fn item_text(o: &Onderdeel) -> String {
    let mut s = o.term.as_ref().map(|t| plain(&t.text)).unwrap_or_default();
    if o.repealed {
        s.push_str(" [Vervallen]");
    }
    let body = container_text(&o.content);
    if !body.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&body);
    }
    s
}

/// What alignment compares of an article: number, heading, text.
pub fn article_unit(a: &Artikel) -> Unit {
    Unit {
        number: a.number.clone(),
        heading: heading_text(&a.heading).to_lowercase(),
        text: article_text(a),
    }
}

/// What alignment compares of a hoofdstuk: its number, its heading, and the text of its
/// heading and articles, so a hoofdstuk renamed and renumbered is still found by what it
/// holds (the wijzigingstabel shows its heading; the besluit names it by number).
pub fn chapter_unit(h: &Hoofdstuk) -> Unit {
    let heading = heading_text(&h.heading);
    let mut text = heading.clone();
    for a in crate::tree::walk::articles_in(&h.content) {
        text.push(' ');
        text.push_str(&article_text(a));
    }
    Unit {
        number: Some(h.number.clone()),
        heading: heading.to_lowercase(),
        text,
    }
}

/// The articles in reading order with the number of the hoofdstuk they stand in.
pub fn articles_with_chapter(r: &Regeling) -> Vec<(Option<&str>, &Artikel)> {
    fn go<'a>(
        parts: &'a [Deel],
        chapter: Option<&'a str>,
        out: &mut Vec<(Option<&'a str>, &'a Artikel)>,
    ) {
        for p in parts {
            match p {
                Deel::Hoofdstuk(h) => go(&h.content, Some(&h.number), out),
                Deel::Paragraaf(s) => go(&s.content, chapter, out),
                Deel::Artikel(a) => out.push((chapter, a)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    go(&r.body, None, &mut out);
    out
}

/// The units of the hoofdstukken, made from their articles' units by [`chapter_units`].
pub struct Chapters {
    /// [`chapter_unit`] of every hoofdstuk of the body, in order.
    pub units: Vec<Unit>,
    /// The indices of each hoofdstuk's articles (a run of the reading order).
    runs: Vec<std::ops::Range<usize>>,
    /// Where each of those articles' text stands in its hoofdstuk's text, in order.
    spans: Vec<std::ops::Range<usize>>,
}

/// [`chapter_unit`] of every hoofdstuk of the body, made from `articles`: the
/// [`article_unit`]s of all articles in reading order (as `articles_with_chapter` lists
/// them). The texts of a hoofdstuk's articles move into its text, and
/// [`Chapters::give_back`] returns them once the hoofdstukken are aligned: each article's
/// text is made once (making it for both was 4.5 M of `grc diff`'s instructions on the
/// 10x pair, issue 17) and held once (holding both at once was 10 % more peak memory).
/// `tests::chapter_units_are_chapter_unit` proves both equal to making them apart.
pub fn chapter_units(r: &Regeling, articles: &mut [Unit]) -> Chapters {
    let mut chapters = Chapters {
        units: Vec::new(),
        runs: Vec::new(),
        spans: Vec::new(),
    };
    let mut at = 0;
    for part in &r.body {
        let n = crate::tree::walk::articles_in(std::slice::from_ref(part)).len();
        if let Deel::Hoofdstuk(h) = part {
            let heading = heading_text(&h.heading);
            let run = &mut articles[at..at + n];
            let mut text = String::with_capacity(
                heading.len() + run.iter().map(|a| a.text.len() + 1).sum::<usize>(),
            );
            text.push_str(&heading);
            for a in run {
                text.push(' ');
                let start = text.len();
                text.push_str(&std::mem::take(&mut a.text));
                chapters.spans.push(start..text.len());
            }
            chapters.runs.push(at..at + n);
            chapters.units.push(Unit {
                number: Some(h.number.clone()),
                heading: heading.to_lowercase(),
                text,
            });
        }
        at += n;
    }
    chapters
}

impl Chapters {
    /// Gives the articles their texts back, each hoofdstuk's text freed once its articles
    /// have theirs.
    pub fn give_back(self, articles: &mut [Unit]) {
        let mut spans = self.spans.into_iter();
        for (unit, run) in self.units.into_iter().zip(self.runs) {
            for a in &mut articles[run] {
                let span = spans
                    .next()
                    .expect("a span for every article of a hoofdstuk");
                a.text = unit.text[span].to_string();
            }
        }
    }
}

/// ... of a lid.
pub fn lid_unit(l: &Lid) -> Unit {
    Unit {
        number: Some(l.number.clone()),
        heading: String::new(),
        text: lid_text(l),
    }
}

/// ... of an onderdeel (its term counts as its heading).
pub fn item_unit(o: &Onderdeel) -> Unit {
    Unit {
        number: Some(o.number.clone()),
        heading: o
            .term
            .as_ref()
            .map(|t| plain(&t.text).to_lowercase())
            .unwrap_or_default(),
        text: item_text(o),
    }
}

/// A lid's own text, its lists left out (their onderdelen are compared one by one).
pub fn own_text(content: &[Blok]) -> String {
    let own: Vec<Blok> = content
        .iter()
        .filter(|b| !matches!(b, Blok::Lijst(_)))
        .cloned()
        .collect();
    container_text(&own)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_units_are_chapter_unit() {
        // Every text of the repository and the corpus with hoofdstukken, and one whose
        // hoofdstukken stand between articles and paragraphs outside them.
        let mut checked = 0;
        let mut texts: Vec<String> = crate::diff::words::tests::texts()
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .collect();
        texts.push(
            "Artikel 1\nEen.\n\nHoofdstuk 1 Begin\n\nArtikel 2\nTwee.\n\nParagraaf 1.1 \
             Eerste\n\nArtikel 3\nDrie.\n\nHoofdstuk 2\n\nHoofdstuk 3 Leeg\n\n\
             Artikel 4 Vier\n1. Lid een.\n2. Lid twee.\n"
                .into(),
        );
        for text in &texts {
            let r = crate::source::parse("t.gr", text).0;
            let articles: Vec<Unit> = crate::diff::articles_with_chapter(&r)
                .iter()
                .map(|(_, a)| article_unit(a))
                .collect();
            let mut moved = articles.clone();
            let want: Vec<Unit> = crate::tree::walk::hoofdstukken(&r)
                .map(chapter_unit)
                .collect();
            let got = chapter_units(&r, &mut moved);
            assert_eq!(got.units.len(), want.len());
            for (g, w) in got.units.iter().zip(&want) {
                assert_eq!(
                    (&g.number, &g.heading, &g.text),
                    (&w.number, &w.heading, &w.text)
                );
            }
            // The articles get their texts back.
            got.give_back(&mut moved);
            assert_eq!(moved.len(), articles.len());
            for (m, a) in moved.iter().zip(&articles) {
                assert_eq!(
                    (&m.number, &m.heading, &m.text),
                    (&a.number, &a.heading, &a.text)
                );
            }
            checked += want.len();
        }
        assert!(checked > 200, "{checked}");
    }
}
