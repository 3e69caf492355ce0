//! Where a paragraph begins in the text an element is compared as.
//!
//! The comparison reads an article, a lid or a bijlage as one text (`article_text`,
//! `lid_text`), its leden, alineas and onderdelen joined by spaces. The wijzigingstabel
//! shows that text in one cell per version, and a lid of ten onderdelen run together is
//! hard to read; so a change keeps, for each version, the byte offsets in its text at
//! which the regeling begins a paragraph: the body after the opschrift, each lid, each
//! onderdeel, each alinea after the first of a lid or an onderdeel. The cell breaks there
//! (`render::cells`). Only changes shown in the tabel get them (not unchanged elements),
//! so the comparison pays for the changed text only.

use crate::tree::*;

use super::text::heading_text;

/// The paragraph starts in `article_text(a)` after its first paragraph.
pub fn article(a: &Artikel) -> Vec<u32> {
    let mut lead = heading_text(&a.heading).len();
    if a.repealed {
        lead += " [Vervallen]".len();
    }
    let (body, marks) = measured(&a.content);
    if body == 0 {
        return Vec::new();
    }
    let shift = if lead > 0 { lead as u32 + 1 } else { 0 };
    shifted(lead > 0, shift, marks)
}

/// The paragraph starts in `lid_text(l)` after its first paragraph.
pub fn lid(l: &Lid) -> Vec<u32> {
    let shift = if l.repealed { "[Vervallen] ".len() } else { 0 };
    shifted(false, shift as u32, measured(&l.content).1)
}

/// The paragraph starts in a bijlage's compared text (its opschrift, a space, its
/// content) after its first paragraph.
pub fn annex(b: &Bijlage) -> Vec<u32> {
    let lead = heading_text(&b.heading).len();
    let (body, marks) = measured(&b.content);
    shifted(lead > 0 && body > 0, lead as u32 + 1, marks)
}

/// The paragraph starts in `plain(container_text(content))`: the aanhef and the
/// slotformulering, whose text is made plain twice on its way into the comparison.
pub fn framing(content: &[Blok]) -> Vec<u32> {
    let (text, marks) = marked(content);
    plain_marked(&text, &marks).1
}

/// `marks` moved `shift` bytes on, after a break at `shift` itself when `body_break`
/// (the body after an opschrift).
fn shifted(body_break: bool, shift: u32, marks: Vec<u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(marks.len() + 1);
    if body_break {
        out.push(shift);
    }
    out.extend(marks.into_iter().map(|m| m + shift));
    out
}

/// The length of `container_text(content)` and its paragraph starts (never 0), without
/// making the text: only changed elements get breaks, but at 10x they are most of the
/// text (making it was 2.6 % of `grc diff`).
fn measured(content: &[Blok]) -> (usize, Vec<u32>) {
    let mut sink = Measure::default();
    walk(content, &mut sink, false);
    sink.finish();
    (sink.len, sink.marks)
}

/// `container_text(content)` and its paragraph starts, made as text (the framing's
/// double plain, and the tests that prove [`measured`] right).
pub(super) fn marked(content: &[Blok]) -> (String, Vec<u32>) {
    let mut sink = Raw::default();
    walk(content, &mut sink, false);
    plain_marked(&sink.text, &sink.marks)
}

/// Where `walk` puts the pieces `walk::block_text` pushes: each piece is given in parts
/// (a label and its dot) so no label is formatted.
trait Sink {
    fn push(&mut self, parts: &[&str], begins: bool);
}

/// Walks the blocks as `walk::block_text` does, pushing the same pieces with the same
/// spaces, so the text is the same (`the_marked_text_is_the_container_text`).
fn walk(content: &[Blok], sink: &mut dyn Sink, mut follows_label: bool) {
    for block in content {
        match block {
            Blok::Lid(l) => {
                sink.push(&[&l.number, "."], true);
                walk(&l.content, sink, true);
            }
            Blok::Alinea(a) => sink.push(&[&a.text], !follows_label),
            Blok::Lijst(list) => {
                for item in &list.items {
                    let dot = if item.number.ends_with('°') { "" } else { "." };
                    sink.push(&[&item.number, dot], true);
                    if let Some(t) = &item.term {
                        sink.push(&[&t.text], false);
                    }
                    walk(&item.content, sink, true);
                }
            }
            Blok::Opmerking(_) => continue,
        }
        // The first text inside a lid or an onderdeel follows its label; what comes after
        // it begins a paragraph of its own.
        follows_label = false;
    }
}

/// The raw text (`walk::block_text`'s) and where its paragraphs begin in it.
#[derive(Default)]
struct Raw {
    text: String,
    marks: Vec<u32>,
}

impl Sink for Raw {
    fn push(&mut self, parts: &[&str], begins: bool) {
        if !self.text.is_empty() {
            self.text.push(' ');
            if begins {
                self.marks.push(self.text.len() as u32);
            }
        }
        parts.iter().for_each(|p| self.text.push_str(p));
    }
}

/// The length of the plain text (`inline::plain` of the raw text: `*` dropped, `\`
/// escaping the next character, a last lone `\` kept) and where its paragraphs begin,
/// counted as the pieces go by.
#[derive(Default)]
struct Measure {
    len: usize,
    marks: Vec<u32>,
    /// The raw text so far is not empty (a space goes before the next piece).
    started: bool,
    /// The last raw character was an unescaped `\`: it escapes the next one.
    escape: bool,
}

impl Measure {
    fn feed(&mut self, s: &str) {
        if !self.escape && memchr::memchr2(b'\\', b'*', s.as_bytes()).is_none() {
            self.len += s.len();
            return;
        }
        for c in s.chars() {
            if self.escape {
                self.escape = false;
                self.len += c.len_utf8();
            } else if c == '\\' {
                self.escape = true;
            } else if c != '*' {
                self.len += c.len_utf8();
            }
        }
    }

    fn finish(&mut self) {
        if std::mem::take(&mut self.escape) {
            self.len += 1;
        }
    }
}

impl Sink for Measure {
    fn push(&mut self, parts: &[&str], begins: bool) {
        if self.started {
            self.feed(" ");
            if begins {
                self.marks.push(self.len as u32);
            }
        }
        for p in parts {
            self.started |= !p.is_empty();
            self.feed(p);
        }
    }
}

/// `inline::plain(text)` and `marks` (ascending byte offsets in `text`) moved to the
/// same places in it: plain drops `*` and the `\` of an escape.
fn plain_marked(text: &str, marks: &[u32]) -> (String, Vec<u32>) {
    let plain = crate::tree::inline::plain_cow(text);
    if let std::borrow::Cow::Borrowed(_) = plain {
        return (text.to_string(), marks.to_vec());
    }
    let mut out = String::with_capacity(text.len());
    let mut moved = Vec::with_capacity(marks.len());
    let mut next = 0;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        while next < marks.len() && marks[next] as usize <= i {
            moved.push(out.len() as u32);
            next += 1;
        }
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => out.push(escaped),
                None => out.push('\\'),
            },
            '*' => {}
            _ => out.push(c),
        }
    }
    moved.extend(std::iter::repeat_n(out.len() as u32, marks.len() - next));
    debug_assert_eq!(out, plain);
    (out, moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::text::{article_text, container_text, lid_text};

    fn regeling(src: &str) -> Regeling {
        crate::source::parse("test.gr", src).0
    }

    /// Every break falls where the text has a space before a word.
    fn at_word_starts(text: &str, breaks: &[u32]) {
        for &b in breaks {
            let b = b as usize;
            assert!(b > 0 && b < text.len(), "{b} in {text:?}");
            assert!(text.is_char_boundary(b), "{b} in {text:?}");
            assert!(text[..b].ends_with(' '), "{b} in {text:?}");
        }
        assert!(breaks.windows(2).all(|w| w[0] < w[1]), "{breaks:?}");
    }

    #[test]
    fn an_article_breaks_at_its_body_leden_and_onderdelen() {
        let r = regeling(
            "Regeling\n\nArtikel 1 Taken\n\n1. Het bestuur:\n   a. doet *dit*;\n   b. doet dat.\n\n2. Het \\*bestuur.\n\nArtikel 2\n\nEerste \\*alinea.\n\nTweede alinea.\n",
        );
        let articles = crate::tree::walk::articles(&r);
        let a = articles[0];
        let text = article_text(a);
        let breaks = article(a);
        at_word_starts(&text, &breaks);
        let starts: Vec<&str> = breaks
            .iter()
            .map(|&b| text[b as usize..].split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(starts, ["1.", "a.", "b.", "2."], "{text}");
        let text = article_text(articles[1]);
        let breaks = article(articles[1]);
        at_word_starts(&text, &breaks);
        assert_eq!(&text[breaks[0] as usize..], "Tweede alinea.", "{text}");
    }

    #[test]
    fn a_lid_breaks_at_its_onderdelen_not_at_its_first_alinea() {
        let r = regeling(
            "Regeling\n\nArtikel 1\n\n1. Het bestuur:\n   a. doet dit;\n   b. doet dat.\n",
        );
        let l = crate::tree::walk::articles(&r)[0]
            .leden()
            .next()
            .expect("a lid");
        let text = lid_text(l);
        let breaks = lid(l);
        at_word_starts(&text, &breaks);
        assert_eq!(breaks.len(), 2, "{text}");
        assert!(text[breaks[0] as usize..].starts_with("a. doet"));
    }

    #[test]
    fn measuring_agrees_with_making_the_text_on_markup_and_escapes() {
        let cases: [&[&str]; 6] = [
            &["eind\\", "volgende"],
            &["\\*ster*", "b", "c\\\\"],
            &["", "x", ""],
            &["a\\", ""],
            &["é\\é", "**vet** en *schuin*"],
            &["\\"],
        ];
        for texts in cases {
            let content: Vec<Blok> = texts
                .iter()
                .map(|t| {
                    Blok::Alinea(Alinea {
                        text: t.to_string(),
                        ..Default::default()
                    })
                })
                .collect();
            let (text, marks) = marked(&content);
            assert_eq!(text, container_text(&content), "{texts:?}");
            assert_eq!(measured(&content), (text.len(), marks), "{texts:?}");
        }
    }

    /// The marked text is `container_text`, and its breaks fall at word starts, for every
    /// article, lid and bijlage of the repository's regelingen and fixtures.
    #[test]
    fn the_marked_text_is_the_container_text() {
        let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
        assert!(files.len() > 50, "{} files", files.len());
        let (mut articles, mut breaks) = (0, 0);
        for f in &files {
            let Ok(src) = std::fs::read_to_string(f) else {
                continue;
            };
            let r = regeling(&src);
            for a in crate::tree::walk::articles(&r) {
                articles += 1;
                let (text, marks) = marked(&a.content);
                assert_eq!(text, container_text(&a.content), "{f:?}");
                assert_eq!(measured(&a.content), (text.len(), marks), "{f:?}");
                let b = article(a);
                at_word_starts(&article_text(a), &b);
                breaks += b.len();
                for l in a.leden() {
                    at_word_starts(&lid_text(l), &lid(l));
                }
            }
            for b in &r.annexes {
                assert_eq!(marked(&b.content).0, container_text(&b.content), "{f:?}");
            }
        }
        assert!(articles > 500 && breaks > 1000, "{articles} {breaks}");
    }
}
