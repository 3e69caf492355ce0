//! The diff's `Comparison` as the generator reads it. The besluit pairs articles, leden,
//! onderdelen, hoofdstukken and bijlagen exactly as the wijzigingstabel and the renvooi
//! do (one alignment, one threshold, one scope): it never aligns texts itself.

use rustc_hash::FxHashMap;

use crate::diff::align::Step;
use crate::diff::{Comparison, Kind, Level};
use crate::tree::Artikel;

pub(in crate::besluit) struct Reading<'a> {
    cmp: &'a Comparison,
    /// old eId of an article → the index of its change (its leden, tussenkoppen and
    /// onderdelen follow it in the flat list).
    article_at: FxHashMap<&'a str, usize>,
    /// What the generator's round trips read more than once (not the comparison: it
    /// travels with it because every step that verifies has the reading at hand).
    pub(super) checks: super::verify::Checks,
}

impl<'a> Reading<'a> {
    pub(in crate::besluit) fn new(cmp: &'a Comparison) -> Reading<'a> {
        let article_at = cmp
            .changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.level == Level::Article)
            .filter_map(|(i, c)| Some((c.old.as_deref()?, i)))
            .collect();
        Reading {
            cmp,
            article_at,
            checks: Default::default(),
        }
    }

    /// The comparison's alignment of two sequences, given their elements' eIds.
    pub(in crate::besluit) fn steps<'e>(
        &self,
        old: impl IntoIterator<Item = &'e str>,
        new: impl IntoIterator<Item = &'e str>,
    ) -> Vec<Step> {
        let old: Vec<&str> = old.into_iter().collect();
        let new: Vec<&str> = new.into_iter().collect();
        self.cmp.steps(&old, &new)
    }

    /// Whether the comparison finds the article rewritten (`Comparison::rewritten`: its
    /// opschrift and every lid changed), the decision the wijzigingstabel shows too.
    pub(in crate::besluit) fn rewritten(&self, old: &Artikel) -> bool {
        self.article_at
            .get(old.eid.as_str())
            .is_some_and(|&i| self.cmp.rewritten(i))
    }

    /// Whether the text of an article outside its leden (a tussenkop between two leden,
    /// an alinea before the first or after the last: `Level::Subparagraph`) is as it was,
    /// so its leden can be amended one by one around it. `false` for an article the
    /// comparison did not pair.
    pub(in crate::besluit) fn between_unchanged(&self, old: &Artikel) -> bool {
        let Some(&i) = self.article_at.get(old.eid.as_str()) else {
            return false;
        };
        self.cmp.changes[i + 1..]
            .iter()
            .take_while(|c| c.level.inside_article())
            .filter(|c| c.level == Level::Subparagraph)
            .all(|c| c.kind == Kind::Unchanged)
    }
}
