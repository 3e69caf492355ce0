//! Whether two elements have the same text, without writing them: every field the writer
//! reads is compared, and only what it does not read (spans, eIds, references) is left
//! out. Equal here means the writer writes them the same, so `article_change` and
//! `same_blocks` ask this first and write both only when it says no (most articles
//! and leden of two versions are unchanged, and writing both was a tenth of the
//! besluit's own work; issue 17). The patterns name every field, so a field added to
//! the tree does not compile until it is placed on one side or the other.

use crate::tree::*;

fn tekst(a: &Tekst, b: &Tekst) -> bool {
    let Tekst { text, span: _ } = a;
    *text == b.text
}

fn opt_tekst(a: &Option<Tekst>, b: &Option<Tekst>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => tekst(a, b),
        _ => false,
    }
}

pub(super) fn article(a: &Artikel, b: &Artikel) -> bool {
    let Artikel {
        eid: _,
        span: _,
        label,
        number,
        heading,
        repealed,
        annotations,
        content,
    } = a;
    *label == b.label
        && *number == b.number
        && *repealed == b.repealed
        && opt_tekst(heading, &b.heading)
        && annotations.len() == b.annotations.len()
        && annotations
            .iter()
            .zip(&b.annotations)
            .all(|(x, y)| tekst(x, y))
        && blocks(content, &b.content)
}

pub(super) fn blocks(a: &[Blok], b: &[Blok]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| block(x, y))
}

/// Two leden (`blocks` of each alone, without a `Blok` to hold them).
pub(super) fn lid(a: &Lid, b: &Lid) -> bool {
    let Lid {
        eid: _,
        span: _,
        number,
        repealed,
        content,
    } = a;
    *number == b.number && *repealed == b.repealed && blocks(content, &b.content)
}

fn block(a: &Blok, b: &Blok) -> bool {
    match (a, b) {
        (Blok::Lid(a), Blok::Lid(b)) => lid(a, b),
        (Blok::Alinea(a), Blok::Alinea(b)) => {
            let Alinea {
                eid: _,
                span: _,
                text,
                references: _,
            } = a;
            *text == b.text
        }
        (Blok::Lijst(a), Blok::Lijst(b)) => {
            let Lijst {
                eid: _,
                span: _,
                items,
            } = a;
            items.len() == b.items.len() && items.iter().zip(&b.items).all(|(x, y)| item(x, y))
        }
        (Blok::Opmerking(a), Blok::Opmerking(b)) => {
            let Opmerking { span: _, text } = a;
            *text == b.text
        }
        _ => false,
    }
}

fn item(a: &Onderdeel, b: &Onderdeel) -> bool {
    let Onderdeel {
        eid: _,
        span: _,
        number,
        term,
        repealed,
        content,
    } = a;
    *number == b.number
        && *repealed == b.repealed
        && opt_tekst(term, &b.term)
        && blocks(content, &b.content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::fragment;

    /// Every pair of articles (and of their contents) of the real pair, and each article
    /// against itself read back from its own text (other spans, the same words): equal
    /// here only where the writer writes the same.
    #[test]
    fn equal_only_where_the_writer_writes_the_same() {
        let read = |f: &str| crate::source::parse(f, &std::fs::read_to_string(f).unwrap()).0;
        let (old, new) = (
            read("regelingen/wnk-2015.gr"),
            read("regelingen/sora-2022.gr"),
        );
        let (olds, news) = (
            crate::tree::walk::articles(&old),
            crate::tree::walk::articles(&new),
        );
        let mut equal = 0;
        for a in &olds {
            for b in &news {
                if article(a, b) {
                    equal += 1;
                    assert_eq!(fragment::article(a), fragment::article(b));
                }
                if blocks(&a.content, &b.content) {
                    assert_eq!(
                        fragment::blocks(&a.content, 3),
                        fragment::blocks(&b.content, 3)
                    );
                }
            }
        }
        assert!(equal > 0, "the real pair has unchanged articles");
        let again = read("regelingen/sora-2022.gr");
        let mut shifted = crate::source::write(&again);
        shifted.insert(shifted.find("\nArtikel").unwrap(), '\n');
        let (moved, _) = crate::source::parse("x.gr", &shifted);
        for (a, b) in news.iter().zip(crate::tree::walk::articles(&moved)) {
            assert!(a.span != b.span || a.span.line == 0);
            assert!(article(a, b), "{}", fragment::article(a));
        }
    }
}
