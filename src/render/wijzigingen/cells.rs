//! A wijzigingstabel cell in paragraphs: the pieces of one version's text, broken where
//! that version begins a paragraph (a lid, an onderdeel, an alinea: the change's
//! `breaks`, found by the diff stage in the tree). Nothing is compared here: a cell's
//! pieces are its version's tokens in order, so the n-th token of the pieces is the n-th
//! token of the text the breaks point into.

use super::Piece;
use crate::diff::words;

/// Breaks `pieces` (one version's cell) where `text` (that version's compared text)
/// begins a paragraph at a byte offset in `breaks`: the piece holding that token is cut
/// before it and the rest begins a paragraph (`para`). Words are never dropped or
/// reordered; a break that falls on no token start is skipped.
pub fn paragraphs(pieces: Vec<Piece>, text: &str, breaks: &[u32]) -> Vec<Piece> {
    if breaks.is_empty() || pieces.is_empty() {
        return pieces;
    }
    let tokens = words::tokens(text);
    let base = text.as_ptr() as usize;
    let offsets: Vec<usize> = tokens.iter().map(|t| t.as_ptr() as usize - base).collect();
    // The token index of each break: the token that starts there.
    let mut at: Vec<usize> = breaks
        .iter()
        .filter_map(|&b| {
            let i = offsets.partition_point(|&o| o < b as usize);
            (i > 0 && offsets.get(i) == Some(&(b as usize))).then_some(i)
        })
        .collect();
    at.dedup();
    let mut out = Vec::with_capacity(pieces.len() + at.len());
    let (mut pos, mut next) = (0usize, 0usize);
    for p in pieces {
        if next >= at.len() {
            out.push(p);
            continue;
        }
        let (mut space, mut para) = (p.space, p.para);
        let mut from = 0;
        for t in words::tokens(&p.text) {
            while next < at.len() && at[next] < pos {
                next += 1;
            }
            if next < at.len() && at[next] == pos {
                let cut = t.as_ptr() as usize - p.text.as_ptr() as usize;
                let head = p.text[from..cut].trim_end();
                if !head.is_empty() {
                    out.push(Piece {
                        space,
                        para,
                        text: head.to_string(),
                        op: p.op,
                    });
                }
                (space, para) = (false, true);
                from = cut;
                next += 1;
            }
            pos += 1;
        }
        let text = if from == 0 {
            p.text
        } else {
            p.text[from..].to_string()
        };
        out.push(Piece {
            space,
            para,
            text,
            op: p.op,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words::Op;

    fn piece(space: bool, text: &str, op: Op) -> Piece {
        Piece::new(space, text, op)
    }

    fn shown(pieces: &[Piece]) -> String {
        let mut s = String::new();
        for p in pieces {
            if p.para {
                s.push('|');
            } else if p.space {
                s.push(' ');
            }
            match p.op {
                Op::Equal => s.push_str(&p.text),
                Op::Delete => s.push_str(&format!("-[{}]", p.text)),
                Op::Insert => s.push_str(&format!("+[{}]", p.text)),
            }
        }
        s
    }

    #[test]
    fn a_run_is_cut_where_its_version_begins_a_paragraph() {
        let text = "Het bestuur: a. doet dit; b. doet dat.";
        let breaks = [13, 26];
        let cell = vec![
            piece(false, "Het bestuur: a. doet", Op::Equal),
            piece(true, "dit;", Op::Insert),
            piece(true, "b. doet dat.", Op::Equal),
        ];
        let got = paragraphs(cell, text, &breaks);
        assert_eq!(shown(&got), "Het bestuur:|a. doet +[dit;]|b. doet dat.");
        // Every word is kept, in order.
        let words: Vec<&str> = got.iter().flat_map(|p| p.text.split(' ')).collect();
        assert_eq!(words.join(" "), text);
    }

    #[test]
    fn a_break_inside_a_marked_run_keeps_the_mark_on_both_sides() {
        let text = "1. Oud. 2. Ook oud.";
        let cell = vec![piece(false, text, Op::Delete)];
        let got = paragraphs(cell, text, &[8]);
        assert_eq!(shown(&got), "-[1. Oud.]|-[2. Ook oud.]");
    }

    #[test]
    fn breaks_that_fall_on_no_token_start_are_skipped() {
        let text = "een twee drie";
        let cell = vec![piece(false, text, Op::Equal)];
        // 0 is the first paragraph; 2 is inside a word; 99 is past the end.
        let got = paragraphs(cell, text, &[0, 2, 99]);
        assert_eq!(shown(&got), "een twee drie");
        let got = paragraphs(got, text, &[4]);
        assert_eq!(shown(&got), "een|twee drie");
    }
}
