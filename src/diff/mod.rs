//! Comparing two versions of a regeling: a pure function from two trees to a list of
//! changes (article by article, then lid by lid, onderdeel by onderdeel, word by word),
//! plus the references a legal adviser must reread.
//!
//! Invariants: whitespace and line wrapping never count as a change; every element of
//! either version appears in exactly one change at its level; the result depends only on
//! the two trees and the options (no hashing order leaks into it).

pub mod align;
mod alineas;
mod between;
mod breaks;
mod change;
mod intern;
mod lcs;
pub mod pairs;
pub mod stale;
pub mod text;
pub mod toelichting;
pub mod words;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::tree::inline::plain;
use crate::tree::*;
use align::{Step, Unit, align, align_keeping};
use change::WordsBy;
pub use change::{Change, Comparison, Kind, Level};
pub use text::{
    article_text, article_unit, articles_with_chapter, chapter_unit, chapter_units, container_text,
    heading_text, item_unit, lid_unit, own_text,
};
use words::{Noise, Word};

/// How to compare.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Content similarity (0–1) from which two elements with different numbers and
    /// headings count as the same element (renumbered or moved).
    pub threshold: f64,
    pub noise: Noise,
    /// Find where the versions of each changed element begin a paragraph
    /// (`Change::breaks`, for the wijzigingstabel's cells). Off where no tabel is made:
    /// `grc diff` json or besluit would pay about 2 % for nothing (issue 17).
    pub breaks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threshold: 0.5,
            noise: Noise::default(),
            breaks: true,
        }
    }
}

/// Compares two versions of a regeling.
pub fn compare(old: &Regeling, new: &Regeling, options: &Options) -> Comparison {
    let mut cx = Cx {
        options,
        changes: Vec::new(),
        mapping: FxHashMap::default(),
        moved: FxHashSet::default(),
    };
    cx.whole(
        Level::Title,
        old.title.as_ref().map(|t| t.text.as_str()),
        new.title.as_ref().map(|t| t.text.as_str()),
        "Opschrift",
        ("title", "title"),
    );
    cx.framing(
        Level::Preamble,
        old.preamble.as_ref().map(|a| &a.content[..]),
        new.preamble.as_ref().map(|a| &a.content[..]),
        "Aanhef",
        ("preamble", "preamble"),
    );
    // The articles' units are made once: the hoofdstukken are compared by their articles'
    // texts too.
    let (old_a, new_a) = (articles_with_chapter(old), articles_with_chapter(new));
    let units = |articles: &[(Option<&str>, &Artikel)]| -> Vec<Unit> {
        articles.iter().map(|(_, x)| article_unit(x)).collect()
    };
    let (mut a, mut b) = (units(&old_a), units(&new_a));
    cx.chapters(old, new, (&mut a, &mut b));
    cx.articles((&old_a, &new_a), (&a, &b));
    // Freed before the references are resolved, where the peak of memory is.
    drop((a, b));
    cx.framing(
        Level::Closing,
        old.closing.as_ref().map(|s| &s.content[..]),
        new.closing.as_ref().map(|s| &s.content[..]),
        "Slotformulering",
        ("closing", "closing"),
    );
    cx.annexes(old, new);
    let (old_refs, new_refs) = (
        crate::check::references::resolve(old),
        crate::check::references::resolve(new),
    );
    let stale_references = stale::find(&old_refs, &new_refs, &cx.changes, &cx.mapping);
    Comparison {
        changes: cx.changes,
        stale_references,
        mapping: cx.mapping,
        moved: cx.moved,
        missing_targets: [
            crate::check::references::missing(old, &old_refs),
            crate::check::references::missing(new, &new_refs),
        ],
    }
}

/// The word diff of two texts, or nothing when they are the same under `noise`.
fn differing(old: &str, new: &str, noise: Noise) -> Vec<Word> {
    if words::same(old, new, noise) {
        Vec::new()
    } else {
        words::diff(old, new, noise)
    }
}

struct Cx<'a> {
    options: &'a Options,
    changes: Vec<Change>,
    mapping: FxHashMap<String, String>,
    moved: FxHashSet<String>,
}

impl Cx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn change(
        &mut self,
        level: Level,
        step: Step,
        old: Option<(&str, Option<&str>, String)>,
        new: Option<(&str, Option<&str>, String)>,
        label: String,
    ) -> Kind {
        self.change_with(level, step, old, new, label, WordsBy::Texts)
    }

    /// `words`: how the word diff for this element is made, if it is made here.
    fn change_with(
        &mut self,
        level: Level,
        step: Step,
        old: Option<(&str, Option<&str>, String)>,
        new: Option<(&str, Option<&str>, String)>,
        label: String,
        words: WordsBy<'_, '_>,
    ) -> Kind {
        let noise = self.options.noise;
        let (has_old, has_new) = (old.is_some(), new.is_some());
        // The texts are moved into the change, not copied.
        let (old_eid, old_number, old_text) = match old {
            Some((e, n, t)) => (Some(e.to_string()), n.map(str::to_string), t),
            None => (None, None, String::new()),
        };
        let (new_eid, new_number, new_text) = match new {
            Some((e, n, t)) => (Some(e.to_string()), n.map(str::to_string), t),
            None => (None, None, String::new()),
        };
        let both = has_old && has_new;
        let text_changed = both && !words::same(&old_text, &new_text, noise);
        let kind = match (has_old, has_new) {
            (false, _) => Kind::Inserted,
            (_, false) => Kind::Deleted,
            _ if step.moved => Kind::Moved,
            _ if old_number != new_number => Kind::Renumbered,
            _ if text_changed => Kind::Changed,
            _ => Kind::Unchanged,
        };
        if let (Some(o), Some(n)) = (&old_eid, &new_eid) {
            self.mapping.insert(o.clone(), n.clone());
            if kind == Kind::Moved {
                self.moved.insert(o.clone());
            }
        }
        let words = match (text_changed, words, step.old.zip(step.new)) {
            (false, ..) | (_, WordsBy::Nothing, _) => Vec::new(),
            // The alignment's tokens and ids are those of these texts (the units'), and
            // without a noise policy a token is its own key.
            (_, WordsBy::Tokens(tok), Some((o, n))) if noise == Noise::default() => tok.words(o, n),
            _ => words::diff(&old_text, &new_text, noise),
        };
        self.changes.push(Change {
            level,
            kind,
            old: old_eid,
            new: new_eid,
            old_number,
            new_number,
            text_changed,
            words,
            old_text,
            new_text,
            label,
            heading_words: Vec::new(),
            heading: String::new(),
            own_words: Vec::new(),
            alineas: Vec::new(),
            breaks: None,
        });
        kind
    }

    /// Title, aanhef, slotformulering: one element each, present or not.
    fn whole(
        &mut self,
        level: Level,
        old: Option<&str>,
        new: Option<&str>,
        label: &str,
        eids: (&str, &str),
    ) {
        if old.is_none() && new.is_none() {
            return;
        }
        let step = Step {
            old: old.map(|_| 0),
            new: new.map(|_| 0),
            moved: false,
        };
        self.change(
            level,
            step,
            old.map(|t| (eids.0, None, plain(t))),
            new.map(|t| (eids.1, None, plain(t))),
            label.to_string(),
        );
    }

    /// The aanhef or the slotformulering: compared whole, and its words kept per alinea
    /// for the renvooi.
    fn framing(
        &mut self,
        level: Level,
        old: Option<&[Blok]>,
        new: Option<&[Blok]>,
        label: &str,
        eids: (&str, &str),
    ) {
        let at = self.changes.len();
        self.whole(
            level,
            old.map(container_text).as_deref(),
            new.map(container_text).as_deref(),
            label,
            eids,
        );
        if let Some(c) = self.changes.get_mut(at) {
            let texts = |content: Option<&[Blok]>| content.map(alineas::texts).unwrap_or_default();
            c.alineas = alineas::split(c, &texts(old), &texts(new));
            if c.kind != Kind::Unchanged && self.options.breaks {
                c.breaks = Some(Box::new(
                    [old, new].map(|b| b.map(breaks::framing).unwrap_or_default()),
                ));
            }
        }
    }

    fn chapters(
        &mut self,
        old: &Regeling,
        new: &Regeling,
        (old_a, new_a): (&mut [Unit], &mut [Unit]),
    ) {
        let old_ch: Vec<&Hoofdstuk> = crate::tree::walk::hoofdstukken(old).collect();
        let new_ch: Vec<&Hoofdstuk> = crate::tree::walk::hoofdstukken(new).collect();
        // Aligned by heading and content; the change shows the heading.
        // The articles' texts move into their hoofdstukken's and come back below.
        let old_chapters = chapter_units(old, old_a);
        let new_chapters = chapter_units(new, new_a);
        let (a, b) = (&old_chapters.units, &new_chapters.units);
        let (old_heads, new_heads) = (
            old_ch
                .iter()
                .map(|h| heading_text(&h.heading))
                .collect::<Vec<_>>(),
            new_ch
                .iter()
                .map(|h| heading_text(&h.heading))
                .collect::<Vec<_>>(),
        );
        for step in align(a, b, self.options.threshold) {
            let o = step.old.map(|i| old_ch[i]);
            let n = step.new.map(|i| new_ch[i]);
            let label = format!(
                "Hoofdstuk {}",
                n.or(o).map(|h| h.number.as_str()).unwrap_or("")
            );
            self.change(
                Level::Chapter,
                step,
                step.old.map(|i| {
                    (
                        old_ch[i].eid.as_str(),
                        Some(old_ch[i].number.as_str()),
                        old_heads[i].clone(),
                    )
                }),
                step.new.map(|i| {
                    (
                        new_ch[i].eid.as_str(),
                        Some(new_ch[i].number.as_str()),
                        new_heads[i].clone(),
                    )
                }),
                label,
            );
        }
        old_chapters.give_back(old_a);
        new_chapters.give_back(new_a);
    }

    #[allow(clippy::type_complexity)]
    fn articles(
        &mut self,
        (old_a, new_a): (&[(Option<&str>, &Artikel)], &[(Option<&str>, &Artikel)]),
        (a, b): (&[Unit], &[Unit]),
    ) {
        for step in align(a, b, self.options.threshold) {
            let o = step.old.map(|i| old_a[i].1);
            let n = step.new.map(|i| new_a[i].1);
            let label = n.or(o).map(|a| a.label_with_number()).unwrap_or_default();
            let has_leden = o.is_some_and(|a| a.leden().next().is_some())
                && n.is_some_and(|a| a.leden().next().is_some());
            // The texts were made for the alignment; they are reused, not made again.
            let kind = self.change_with(
                Level::Article,
                step,
                o.map(|x| {
                    (
                        x.eid.as_str(),
                        x.number.as_deref(),
                        a[step.old.unwrap_or(0)].text.clone(),
                    )
                }),
                n.map(|x| {
                    (
                        x.eid.as_str(),
                        x.number.as_deref(),
                        b[step.new.unwrap_or(0)].text.clone(),
                    )
                }),
                label.clone(),
                if has_leden {
                    WordsBy::Nothing
                } else {
                    WordsBy::Texts
                },
            );
            if let Some(last) = self.changes.last_mut() {
                last.heading = heading_text(&n.or(o).expect("a step has a side").heading);
                if kind != Kind::Unchanged && self.options.breaks {
                    last.breaks = Some(Box::new(
                        [o, n].map(|a| a.map(breaks::article).unwrap_or_default()),
                    ));
                }
            }
            if let (Some(o), Some(n)) = (o, n)
                && let Some(last) = self.changes.last_mut()
            {
                let noise = self.options.noise;
                last.heading_words =
                    differing(&heading_text(&o.heading), &heading_text(&n.heading), noise);
                if o.leden().next().is_none() && n.leden().next().is_none() {
                    last.own_words = differing(
                        &container_text(&o.content),
                        &container_text(&n.content),
                        noise,
                    );
                }
            }
            // Children of an inserted or deleted article go with it: no entries of their own.
            if let (Some(o), Some(n)) = (o, n) {
                self.leden(o, n, &label);
            }
        }
    }

    fn leden(&mut self, old: &Artikel, new: &Artikel, article_label: &str) {
        let old_l: Vec<&Lid> = old.leden().collect();
        let new_l: Vec<&Lid> = new.leden().collect();
        if old_l.is_empty() && new_l.is_empty() {
            self.items(&old.content, &new.content, article_label);
            return;
        }
        let a: Vec<Unit> = old_l.iter().map(|l| lid_unit(l)).collect();
        let b: Vec<Unit> = new_l.iter().map(|l| lid_unit(l)).collect();
        let (lid_steps, mut tok) = align_keeping(&a, &b, self.options.threshold);
        let old_t = between::outside_leden(old);
        let new_t = between::outside_leden(new);
        if old_t.is_empty() && new_t.is_empty() {
            for step in lid_steps {
                self.lid(step, (&old_l, &new_l), (&a, &b), &mut tok, article_label);
            }
            return;
        }
        let lid_positions = |art: &Artikel| -> Vec<usize> {
            art.content
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b, Blok::Lid(_)))
                .map(|(i, _)| i)
                .collect()
        };
        let (old_lp, new_lp) = (lid_positions(old), lid_positions(new));
        let mut old_key = vec![None; old_l.len()];
        let mut new_key = vec![None; new_l.len()];
        for s in &lid_steps {
            if let (Some(o), Some(n)) = (s.old, s.new) {
                old_key[o] = Some(n);
                new_key[n] = Some(n);
            }
        }
        let ta = between::units(&old_t, &old_lp, &old_key);
        let tb = between::units(&new_t, &new_lp, &new_key);
        let text_steps = align(&ta, &tb, self.options.threshold);
        let old_tp: Vec<usize> = old_t.iter().map(|t| t.position).collect();
        let new_tp: Vec<usize> = new_t.iter().map(|t| t.position).collect();
        let order = between::reading_order(
            &lid_steps,
            &text_steps,
            between::Positions {
                leden: &old_lp,
                outside: &old_tp,
            },
            between::Positions {
                leden: &new_lp,
                outside: &new_tp,
            },
        );
        for entry in order {
            match entry {
                between::Entry::Lid(step) => {
                    self.lid(step, (&old_l, &new_l), (&a, &b), &mut tok, article_label)
                }
                between::Entry::Text(step) => {
                    let o = step.old.map(|i| &old_t[i]);
                    let n = step.new.map(|i| &new_t[i]);
                    let place = n.or(o).map(|t| t.place.as_str()).unwrap_or("tekst");
                    self.change(
                        Level::Subparagraph,
                        step,
                        o.map(|t| (t.eid, None, t.text.clone())),
                        n.map(|t| (t.eid, None, t.text.clone())),
                        format!("{article_label}, {place}"),
                    );
                }
            }
        }
    }

    /// One step of the leden alignment: the lid's change, then its onderdelen.
    fn lid(
        &mut self,
        step: Step,
        (old_l, new_l): (&[&Lid], &[&Lid]),
        (a, b): (&[Unit], &[Unit]),
        tok: &mut align::Tokens<'_>,
        article_label: &str,
    ) {
        let o = step.old.map(|i| old_l[i]);
        let n = step.new.map(|i| new_l[i]);
        let number = n.or(o).map(|l| l.number.clone()).unwrap_or_default();
        let label = format!(
            "{article_label}, {} lid",
            crate::tree::reference::ordinal_of(&number)
        );
        let kind = self.change_with(
            Level::Paragraph,
            step,
            step.old.map(|i| {
                (
                    old_l[i].eid.as_str(),
                    Some(old_l[i].number.as_str()),
                    a[i].text.clone(),
                )
            }),
            step.new.map(|i| {
                (
                    new_l[i].eid.as_str(),
                    Some(new_l[i].number.as_str()),
                    b[i].text.clone(),
                )
            }),
            label.clone(),
            WordsBy::Tokens(tok),
        );
        if kind != Kind::Unchanged
            && self.options.breaks
            && let Some(last) = self.changes.last_mut()
        {
            last.breaks = Some(Box::new(
                [o, n].map(|l| l.map(breaks::lid).unwrap_or_default()),
            ));
        }
        if let (Some(o), Some(n)) = (o, n) {
            // A lid with onderdelen: the renvooi marks its own text and each
            // onderdeel apart.
            let has_items = !crate::tree::walk::list_items(&o.content).is_empty()
                || !crate::tree::walk::list_items(&n.content).is_empty();
            if has_items
                && let Some(last) = self.changes.last_mut()
                && last.text_changed
            {
                last.own_words = differing(
                    &own_text(&o.content),
                    &own_text(&n.content),
                    self.options.noise,
                );
            }
            self.items(&o.content, &n.content, &label);
        }
    }

    fn items(&mut self, old: &[Blok], new: &[Blok], parent_label: &str) {
        let old_i = crate::tree::walk::list_items(old);
        let new_i = crate::tree::walk::list_items(new);
        if old_i.is_empty() && new_i.is_empty() {
            return;
        }
        let a: Vec<Unit> = old_i.iter().map(|o| item_unit(o)).collect();
        let b: Vec<Unit> = new_i.iter().map(|o| item_unit(o)).collect();
        let (steps, mut tok) = align_keeping(&a, &b, self.options.threshold);
        for step in steps {
            let o = step.old.map(|i| old_i[i]);
            let n = step.new.map(|i| new_i[i]);
            let label = format!(
                "{parent_label}, onder {}",
                n.or(o).map(|i| i.number.as_str()).unwrap_or("")
            );
            self.change_with(
                Level::Point,
                step,
                step.old.map(|i| {
                    (
                        old_i[i].eid.as_str(),
                        Some(old_i[i].number.as_str()),
                        a[i].text.clone(),
                    )
                }),
                step.new.map(|i| {
                    (
                        new_i[i].eid.as_str(),
                        Some(new_i[i].number.as_str()),
                        b[i].text.clone(),
                    )
                }),
                label,
                WordsBy::Tokens(&mut tok),
            );
        }
    }

    fn annexes(&mut self, old: &Regeling, new: &Regeling) {
        let unit = |b: &Bijlage| Unit {
            number: b.number.clone(),
            heading: heading_text(&b.heading).to_lowercase(),
            text: format!(
                "{} {}",
                heading_text(&b.heading),
                container_text(&b.content)
            ),
        };
        let a: Vec<Unit> = old.annexes.iter().map(unit).collect();
        let b: Vec<Unit> = new.annexes.iter().map(unit).collect();
        for step in align(&a, &b, self.options.threshold) {
            let o = step.old.map(|i| &old.annexes[i]);
            let n = step.new.map(|i| &new.annexes[i]);
            let label = match n.or(o).and_then(|b| b.number.as_deref()) {
                Some(num) => format!("Bijlage {num}"),
                None => "Bijlage".into(),
            };
            let kind = self.change(
                Level::Annex,
                step,
                o.map(|b| (b.eid.as_str(), b.number.as_deref(), unit(b).text)),
                n.map(|b| (b.eid.as_str(), b.number.as_deref(), unit(b).text)),
                label,
            );
            if kind != Kind::Unchanged
                && self.options.breaks
                && let Some(last) = self.changes.last_mut()
            {
                last.breaks = Some(Box::new(
                    [o, n].map(|b| b.map(breaks::annex).unwrap_or_default()),
                ));
            }
        }
    }
}
