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

/// [`chapter_unit`] of every hoofdstuk of the body, in order, made from `articles`: the
/// [`article_unit`]s of all articles in reading order (as `articles_with_chapter` lists
/// them), so that no article's text is made twice (it was 4.5 M of `grc diff`'s
/// instructions on the 10x pair, issue 17). A hoofdstuk's articles are a run of that
/// order. `tests::chapter_units_are_chapter_unit` proves them equal.
pub fn chapter_units(r: &Regeling, articles: &[Unit]) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in &r.body {
        let n = crate::tree::walk::articles_in(std::slice::from_ref(part)).len();
        if let Deel::Hoofdstuk(h) = part {
            let heading = heading_text(&h.heading);
            let mut text = String::with_capacity(
                heading.len()
                    + articles[at..at + n]
                        .iter()
                        .map(|a| a.text.len() + 1)
                        .sum::<usize>(),
            );
            text.push_str(&heading);
            for a in &articles[at..at + n] {
                text.push(' ');
                text.push_str(&a.text);
            }
            out.push(Unit {
                number: Some(h.number.clone()),
                heading: heading.to_lowercase(),
                text,
            });
        }
        at += n;
    }
    out
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
            let want: Vec<Unit> = crate::tree::walk::hoofdstukken(&r)
                .map(chapter_unit)
                .collect();
            let got = chapter_units(&r, &articles);
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert_eq!(
                    (&g.number, &g.heading, &g.text),
                    (&w.number, &w.heading, &w.text)
                );
            }
            checked += want.len();
        }
        assert!(checked > 200, "{checked}");
    }
}
