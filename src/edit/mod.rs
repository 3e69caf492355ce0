//! Edits to a source text: the machine-applicable fixes of the checks (`grc fix`) and the
//! renumbering of leden, onderdelen and articles (`grc renumber`).
//!
//! Invariant: an edit is a byte range of the source and its replacement; the tree is only
//! read to find the ranges. Applying edits never touches a byte outside them, so the
//! rest of the file (comments, layout, line endings) is kept exactly.

pub mod renumber;

use crate::diagnostic::{Diagnostic, Fix};

/// `text` with `edits` applied. Edits are applied in order of position; an edit that
/// overlaps one before it is skipped (and counted in the second value), so two fixes
/// never garble each other.
pub fn apply(text: &str, edits: &[Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = edits.iter().collect();
    sorted.sort_by_key(|f| (f.start, f.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut skipped = 0;
    for f in sorted {
        let (start, end) = (f.start as usize, f.end as usize);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            skipped += 1;
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&f.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    (out, skipped)
}

/// The fixes that the diagnostics carry, for one file.
pub fn fixes_of(diags: &[Diagnostic], file: &str) -> Vec<Fix> {
    diags
        .iter()
        .filter(|d| d.file == file)
        .filter_map(|d| d.fix.clone())
        .collect()
}

/// A unified diff of two versions of a file, for showing an edit before it is written.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: u32, end: u32, r: &str) -> Fix {
        Fix {
            start,
            end,
            replacement: r.into(),
        }
    }

    #[test]
    fn applies_in_position_order_and_skips_overlaps() {
        let text = "artikel 3 lid 1 en lid 2";
        let (out, skipped) = apply(
            text,
            &[
                fix(10, 24, "eerste en tweede lid"),
                fix(9, 10, ","),
                fix(10, 15, "x"),
            ],
        );
        assert_eq!(out, "artikel 3,x en lid 2");
        assert_eq!(skipped, 1);
    }

    #[test]
    fn diff_shows_the_change() {
        let d = unified_diff("a.gr", "een\ntwee\n", "een\ndrie\n");
        assert!(d.contains("-twee\n+drie"), "{d}");
    }
}
