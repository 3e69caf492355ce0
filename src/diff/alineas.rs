//! The aanhef and the slotformulering per alinea.
//!
//! Each is compared as one text (one change, as the wijzigingsbesluit replaces it whole,
//! Ar 6.7), but the renvooi prints it as it stands: one paragraph per alinea, like the
//! leden of an article. So the comparison also gives the change's marked words split at
//! the alinea starts of the two versions: inserted and kept words break where the new
//! version's alineas begin, deleted words where the old version's did. The split only
//! cuts runs of words at token boundaries: every word of the change is kept, in order.

use super::change::{Change, Kind};
use super::words::{self, Op, Word};
use crate::tree::Blok;

/// The plain text of each top-level block of `content` that has any, in order: the
/// pieces `container_text` joins with spaces.
pub fn texts(content: &[Blok]) -> Vec<String> {
    content
        .iter()
        .filter_map(|b| {
            let mut s = String::new();
            crate::tree::walk::block_text(std::slice::from_ref(b), &mut s);
            let t = crate::tree::inline::plain(&s);
            (!t.trim().is_empty()).then_some(t)
        })
        .collect()
}

/// The change's words per alinea (see the module); `old` and `new` are each version's
/// [`texts`].
pub fn split(c: &Change, old: &[String], new: &[String]) -> Vec<Vec<Word>> {
    match c.kind {
        Kind::Inserted => whole(new, Op::Insert),
        Kind::Deleted => whole(old, Op::Delete),
        _ if c.words.is_empty() => whole(new, Op::Equal),
        _ => {
            let (old_starts, old_len) = starts(old);
            by_tokens(&c.words, &old_starts, &starts(new).0, old_len)
        }
    }
}

fn whole(texts: &[String], op: Op) -> Vec<Vec<Word>> {
    texts
        .iter()
        .map(|t| {
            vec![Word {
                op,
                text: t.clone(),
            }]
        })
        .collect()
}

/// The token index at which each alinea after the first begins, and the number of tokens
/// of them all (one tokenising of each alinea for both).
fn starts(texts: &[String]) -> (Vec<usize>, usize) {
    let mut at = 0;
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if i > 0 {
            out.push(at);
        }
        at += words::tokens(t).len();
    }
    (out, at)
}

/// Whether a version's token at `pos` begins an alinea; `next` walks `starts` along.
fn begins(starts: &[usize], next: &mut usize, pos: usize) -> bool {
    while *next < starts.len() && starts[*next] < pos {
        *next += 1;
    }
    *next < starts.len() && starts[*next] == pos
}

/// Splits the runs of `words` where an alinea begins (see the module). The new version's
/// first alinea begins a paragraph of its own too when whole alineas of the old version
/// were deleted before it (`old_len`: the old version's tokens), not when its first words
/// replace the old version's first words.
fn by_tokens(
    words: &[Word],
    old_starts: &[usize],
    new_starts: &[usize],
    old_len: usize,
) -> Vec<Vec<Word>> {
    let mut out: Vec<Vec<Word>> = vec![Vec::new()];
    let (mut old_pos, mut new_pos) = (0usize, 0usize);
    let (mut old_next, mut new_next) = (0usize, 0usize);
    // The one operation of every token since the last cut (`None`: none yet; `Equal`
    // also stands for a mix): an alinea replaced by another is deleted and inserted
    // between the same two cuts, so its insertion, which begins a new alinea, does not
    // cut again but follows the deletion in one paragraph.
    let mut since: Option<Op> = None;
    for w in words {
        // The run's tokens are slices of its text: a cut falls at a token's first byte,
        // so the text on either side stays as the run wrote it.
        let tokens = words::tokens(&w.text);
        let mut from = 0usize;
        for token in &tokens {
            let starts_alinea = match w.op {
                Op::Delete => {
                    begins(old_starts, &mut old_next, old_pos) && since != Some(Op::Insert)
                }
                Op::Insert if new_pos == 0 => {
                    old_pos == old_len || old_starts.binary_search(&old_pos).is_ok()
                }
                Op::Insert => {
                    begins(new_starts, &mut new_next, new_pos) && since != Some(Op::Delete)
                }
                Op::Equal => {
                    begins(old_starts, &mut old_next, old_pos);
                    begins(new_starts, &mut new_next, new_pos)
                }
            };
            if starts_alinea {
                since = None;
                let at = token.as_ptr() as usize - w.text.as_ptr() as usize;
                add(out.last_mut().expect("one alinea"), w.op, &w.text[from..at]);
                if out.last().is_some_and(|p| !p.is_empty()) {
                    out.push(Vec::new());
                }
                from = at;
            }
            since = match since {
                None => Some(w.op),
                Some(op) if op == w.op => Some(op),
                Some(_) => Some(Op::Equal),
            };
            if w.op != Op::Insert {
                old_pos += 1;
            }
            if w.op != Op::Delete {
                new_pos += 1;
            }
        }
        add(out.last_mut().expect("one alinea"), w.op, &w.text[from..]);
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Adds a piece of a run to an alinea.
fn add(alinea: &mut Vec<Word>, op: Op, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        alinea.push(Word {
            op,
            text: text.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(op: Op, text: &str) -> Word {
        Word {
            op,
            text: text.to_string(),
        }
    }

    #[test]
    fn a_deleted_and_an_inserted_alinea_stand_apart() {
        // old: "A." / "B." / "C."  new: "A." / "C." / "D."
        let words = [
            w(Op::Equal, "A."),
            w(Op::Delete, "B."),
            w(Op::Equal, "C."),
            w(Op::Insert, "D."),
        ];
        let got = by_tokens(&words, &[2, 4], &[2, 4], 6);
        let each: Vec<Vec<Word>> = words.iter().map(|x| vec![x.clone()]).collect();
        assert_eq!(got, each);
    }

    #[test]
    fn a_run_is_cut_where_an_alinea_begins_and_keeps_its_text() {
        // One run of kept words over two alineas of the new version, and one rewritten
        // text whose deleted and inserted runs each span two alineas.
        let kept = by_tokens(
            &[w(Op::Equal, "Gelet op: \"de wet\"; Besluiten:")],
            &[],
            &[8],
            10,
        );
        assert_eq!(
            kept,
            vec![
                vec![w(Op::Equal, "Gelet op: \"de wet\";")],
                vec![w(Op::Equal, "Besluiten:")],
            ]
        );
        let rewritten = by_tokens(
            &[
                w(Op::Delete, "Een twee drie"),
                w(Op::Insert, "Vier (vijf) zes"),
            ],
            &[1],
            &[4],
            3,
        );
        assert_eq!(
            rewritten,
            vec![
                vec![w(Op::Delete, "Een")],
                vec![w(Op::Delete, "twee drie")],
                vec![w(Op::Insert, "Vier (vijf)")],
                vec![w(Op::Insert, "zes")],
            ]
        );
    }

    #[test]
    fn an_alinea_replaced_by_another_is_one_paragraph() {
        // old: "A." / "gelet op de wet;"  new: "A." / "overwegende dat de gemeente;"
        let words = [
            w(Op::Equal, "A."),
            w(Op::Delete, "gelet op"),
            w(Op::Insert, "overwegende dat"),
            w(Op::Equal, "de"),
            w(Op::Delete, "wet"),
            w(Op::Insert, "gemeente"),
            w(Op::Equal, ";"),
        ];
        let got = by_tokens(&words, &[2], &[2], 7);
        assert_eq!(got, vec![words[..1].to_vec(), words[1..].to_vec()]);
    }

    #[test]
    fn words_changed_inside_an_alinea_do_not_break_it() {
        let words = [
            w(Op::Equal, "De raad"),
            w(Op::Delete, "van"),
            w(Op::Insert, "der"),
            w(Op::Equal, "gemeente."),
        ];
        let got = by_tokens(&words, &[], &[], 4);
        assert_eq!(got, vec![words.to_vec()]);
    }

    #[test]
    fn a_new_first_alinea_stands_apart_only_from_whole_deleted_alineas() {
        // The old version's two alineas deleted whole, then the new one's.
        let got = by_tokens(
            &[w(Op::Delete, "Oud een. Oud twee."), w(Op::Insert, "Nieuw.")],
            &[3],
            &[],
            6,
        );
        assert_eq!(
            got,
            vec![
                vec![w(Op::Delete, "Oud een.")],
                vec![w(Op::Delete, "Oud twee.")],
                vec![w(Op::Insert, "Nieuw.")],
            ]
        );
        // The first words replaced: one alinea.
        let words = [
            w(Op::Delete, "Het college"),
            w(Op::Insert, "De raad"),
            w(Op::Equal, "besluit."),
        ];
        assert_eq!(by_tokens(&words, &[], &[], 4), vec![words.to_vec()]);
    }

    /// Every aanhef and slotformulering of the repository's regelingen and fixtures,
    /// compared with the next one (and itself, and nothing): the alineas hold exactly the
    /// change's words, in order. Cannot pass on no input: it requires a minimum of changes
    /// split in several alineas.
    #[test]
    fn the_alineas_hold_every_word_in_order() {
        let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
        let trees: Vec<crate::tree::Regeling> = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|text| crate::source::parse("t.gr", &text).0)
            .filter(|r| r.preamble.is_some() || r.closing.is_some())
            .collect();
        let flat = |words: &[Word]| -> Vec<(Op, String)> {
            words
                .iter()
                .flat_map(|w| {
                    words::tokens(&w.text)
                        .into_iter()
                        .map(|t| (w.op, t.to_string()))
                })
                .collect()
        };
        let (mut split_changes, mut alineas) = (0, 0);
        let empty = crate::tree::Regeling::default();
        for (i, old) in trees.iter().enumerate() {
            let next = &trees[(i + 1) % trees.len()];
            for new in [next, old, &empty] {
                for c in super::super::compare(old, new, &Default::default()).changes {
                    if !matches!(
                        c.level,
                        super::super::Level::Preamble | super::super::Level::Closing
                    ) {
                        continue;
                    }
                    let got: Vec<Word> = c.alineas.concat();
                    let want = match c.kind {
                        Kind::Inserted => vec![w(Op::Insert, &c.new_text)],
                        Kind::Deleted => vec![w(Op::Delete, &c.old_text)],
                        _ if c.words.is_empty() => vec![w(Op::Equal, &c.new_text)],
                        _ => c.words.clone(),
                    };
                    assert_eq!(flat(&got), flat(&want), "{}", c.label);
                    assert!(c.alineas.iter().all(|a| !a.is_empty()));
                    if c.alineas.len() > 1 && !c.words.is_empty() {
                        split_changes += 1;
                    }
                    alineas += c.alineas.len();
                }
            }
        }
        assert!(split_changes >= 20, "{split_changes} changes split");
        assert!(alineas >= 200, "{alineas} alineas");
    }
}
