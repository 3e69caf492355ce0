//! Applying a wijzigingsbesluit to a regeling: each instruction in order, each naming
//! the text as it reads after the instructions before it (as a reader executes them).
//!
//! Invariant: an instruction that does not fit (the element is not there or is there
//! twice, the words are not there or are there twice, the quoted text is not one element
//! of the announced kind) is an error at the instruction's line, and no tree is returned.
//! So is an instruction that would give an element a number another element already has
//! (a renumbering onto an existing article, an inserted lid with a number in use).
//!
//! Articles are found through an index by number (kept up to date as instructions move
//! them), not by walking the regeling once per instruction.
//!
//! Split by concern: this file runs the instructions in order; `quoted` reads the new
//! text an instruction quotes, `find` finds the element an address names (and checks
//! that a number is free), `instructions` carries out each kind of sentence.

mod find;
mod instructions;
mod quoted;

use find::*;
use instructions::*;
use quoted::*;

use super::sentence::{Addr, Sentence, Shift, Soort, Special};
use super::text::{Step, Text};
use crate::diagnostic::Diagnostic;
use crate::tree::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

type Fail = Box<Diagnostic>;

struct Ctx<'a> {
    file: &'a str,
    step: &'a Step,
    articles: &'a RefCell<Articles>,
    memo: &'a Memo,
    /// The regeling's metadata title once the besluit is applied (`nieuw.titel`, or the
    /// old one): the integral form's text is read with it.
    title: Option<&'a str>,
    /// The decision printed before the regeling (kept by every instruction): the
    /// integral form's text is read after it, as it was read in the new version.
    decision: Option<&'a Besluit>,
}

/// Where the articles are, by number: their paths (indices through hoofdstukken and
/// paragrafen, then the article's index). Built on first use; instructions that insert,
/// remove or renumber an article update it, one that replaces or moves a hoofdstuk
/// drops it (it is built again when next needed).
#[derive(Default)]
struct Articles {
    built: bool,
    paths: FxHashMap<String, Vec<Vec<usize>>>,
    /// Article numbers a whole hoofdstuk brought in, with the step that did: checked at
    /// the end, since a later instruction may take the other article away.
    deferred: Vec<(String, Step)>,
}

impl Articles {
    fn build(&mut self, body: &[Deel]) {
        if self.built {
            return;
        }
        fn walk(
            parts: &[Deel],
            prefix: &mut Vec<usize>,
            out: &mut FxHashMap<String, Vec<Vec<usize>>>,
        ) {
            for (i, d) in parts.iter().enumerate() {
                prefix.push(i);
                match d {
                    Deel::Hoofdstuk(h) => walk(&h.content, prefix, out),
                    Deel::Paragraaf(p) => walk(&p.content, prefix, out),
                    Deel::Artikel(a) => {
                        if let Some(n) = &a.number {
                            out.entry(n.clone()).or_default().push(prefix.clone());
                        }
                    }
                    _ => {}
                }
                prefix.pop();
            }
        }
        self.paths.clear();
        walk(body, &mut Vec::new(), &mut self.paths);
        self.built = true;
    }

    /// The paths of the articles numbered `n`, in document order.
    fn find(&mut self, body: &[Deel], n: &str) -> Vec<Vec<usize>> {
        self.build(body);
        let mut found = self.paths.get(n).cloned().unwrap_or_default();
        found.sort();
        found
    }

    fn count(&mut self, body: &[Deel], n: &str) -> usize {
        self.build(body);
        self.paths.get(n).map_or(0, Vec::len)
    }

    fn drop_all(&mut self) {
        self.built = false;
        self.paths.clear();
    }

    fn add(&mut self, n: Option<&str>, path: Vec<usize>) {
        if let (true, Some(n)) = (self.built, n) {
            self.paths.entry(n.to_string()).or_default().push(path);
        }
    }

    fn remove(&mut self, n: Option<&str>, path: &[usize]) {
        if let (true, Some(n)) = (self.built, n)
            && let Some(v) = self.paths.get_mut(n)
        {
            v.retain(|p| p != path);
            if v.is_empty() {
                self.paths.remove(n);
            }
        }
    }

    /// After an insertion (`delta` 1) or removal (`delta` -1) at `at` in the list at
    /// `list` of `body` (as it is now): the articles after it in that list (and below
    /// them) move one place. Only the articles of the hoofdstuk or paragraaf the list is
    /// in are looked at: looking at every article for every instruction made `grc apply`
    /// (and the besluit's round trip) quadratic in the instructions (issue 17).
    fn shift(&mut self, body: &[Deel], list: &[usize], at: usize, delta: isize) {
        if !self.built {
            return;
        }
        let depth = list.len();
        let moved = |p: &mut Vec<usize>| {
            if p.len() > depth && p[..depth] == *list && p[depth] >= at {
                p[depth] = p[depth].wrapping_add_signed(delta);
            }
        };
        let part = match list.first().and_then(|&top| body.get(top)) {
            Some(Deel::Hoofdstuk(h)) => &h.content,
            Some(Deel::Paragraaf(p)) => &p.content,
            // The body itself: any later part may hold articles.
            _ => {
                self.paths.values_mut().flatten().for_each(moved);
                return;
            }
        };
        // A number twice in the part must be shifted once.
        let numbers: rustc_hash::FxHashSet<&str> = crate::tree::walk::articles_in(part)
            .into_iter()
            .filter_map(|a| a.number.as_deref())
            .collect();
        for n in numbers {
            if let Some(paths) = self.paths.get_mut(n) {
                paths.iter_mut().for_each(moved);
            }
        }
    }
}

impl Ctx<'_> {
    fn fail(&self, code: &str, message: impl Into<String>) -> Fail {
        Box::new(Diagnostic::new(code, message).at(
            self.file,
            Span {
                line: self.step.line,
                column: 1,
                start: self.step.start,
                end: self.step.start,
            },
        ))
    }

    fn block(&self) -> Result<&str, Fail> {
        self.step
            .block
            .as_ref()
            .map(|(_, b)| b.as_str())
            .ok_or_else(|| self.fail("A003", "de nieuwe tekst ontbreekt"))
    }
}

/// The quoted texts already read, by their text: `besluit::generate` applies the same
/// instructions many times (each article's, then the whole besluit once per variant it
/// tries), and reading a quoted text (pest, references) was most of that work (issue 17).
/// Reading is a pure function of the text, so a text read before gives the same tree;
/// only texts read without error are kept (an error is located at its instruction).
#[derive(Default)]
pub struct Memo {
    /// Index 0: quoted from the middle of a regeling; 1: ending where the regeling ends
    /// (see `source::parse_quoted`).
    fragments: [RefCell<FxHashMap<String, Regeling>>; 2],
    /// Quoted texts are read without their references. Only for a caller that writes the
    /// result and compares text (the generator's round trips): the writer writes no
    /// references and their extraction changes nothing else in the tree, so the written
    /// text is the same, and extraction was most of the reading (issue 17).
    structure_only: bool,
}

impl Memo {
    /// A memo whose quoted texts are read without references (see `structure_only`).
    pub fn structure_only() -> Memo {
        Memo {
            structure_only: true,
            ..Memo::default()
        }
    }
}

/// Applies the besluit to (a copy of) the regeling.
pub fn apply(old: &Regeling, besluit: &Text, file: &str) -> Result<Regeling, Vec<Diagnostic>> {
    apply_with(old, besluit, file, &Memo::default())
}

/// [`apply`], reading each quoted text through `memo` (see [`Memo`]).
pub fn apply_with(
    old: &Regeling,
    besluit: &Text,
    file: &str,
    memo: &Memo,
) -> Result<Regeling, Vec<Diagnostic>> {
    let mut r = old.clone();
    let articles = RefCell::new(Articles::default());
    let title = match besluit.metadata.iter().find(|(k, _)| k == "titel") {
        Some((_, v)) => Some(v.as_str()).filter(|v| !v.is_empty()),
        None => old.metadata.title.as_deref(),
    };
    // No instruction changes the decision printed before the regeling.
    let decision = old.preceding_decision.as_deref();
    for step in &besluit.steps {
        let cx = Ctx {
            file,
            step,
            articles: &articles,
            memo,
            title,
            decision,
        };
        if let Err(d) = one(&mut r, &cx) {
            return Err(vec![*d]);
        }
    }
    let deferred = std::mem::take(&mut articles.borrow_mut().deferred);
    if !deferred.is_empty() {
        let mut before = Articles::default();
        let mut after = articles.borrow_mut();
        for (n, step) in &deferred {
            if after.count(&r.body, n) > 1 && before.count(&old.body, n) <= 1 {
                let cx = Ctx {
                    file,
                    step,
                    articles: &articles,
                    memo,
                    title,
                    decision,
                };
                return Err(vec![*taken(&cx, &format!("artikel {n}"))]);
            }
        }
    }
    for (key, value) in &besluit.metadata {
        set_metadata(&mut r.metadata, key, value);
    }
    Ok(r)
}

/// Whether a besluit can carry `key` as a `nieuw.<key>` line: one list of keys, the
/// one [`set_metadata`] knows.
pub(crate) fn is_metadata_key(key: &str) -> bool {
    set_metadata(&mut Metadata::default(), key, "")
}

/// Sets the metadata field `key` (a `nieuw.<key>` line) to `value`, an empty value
/// clearing it; false for a key no besluit carries (the reader reports it, A004).
pub(crate) fn set_metadata(m: &mut Metadata, key: &str, value: &str) -> bool {
    let v = Some(value.to_string()).filter(|v| !v.is_empty());
    match key {
        "titel" => m.title = v,
        "citeertitel" => m.citation_title = v,
        "soort" => m.kind = v.as_deref().and_then(Soort_::from_dutch),
        "deelnemers" => m.participants = crate::source::meta::split_participants(value),
        "inwerkingtreding" => m.entry_into_force = v,
        "terugwerkende-kracht" => m.retroactive_to = v,
        "versie" => m.version = v,
        "inwoners" => m.population_file = v,
        "bron" => m.source = v,
        "publicatie.toon" => {
            m.publication.show = value
                .split(',')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect()
        }
        "publicatie.gemeenteblad" => m.publication.gazette = v,
        "publicatie.vastgesteld" => m.publication.adopted = v,
        "wetten" => m.acts = crate::source::meta::split_acts(value).unwrap_or_default(),
        _ => return false,
    }
    true
}

use crate::tree::Soort as Soort_;

/// The address with what the intro gives filled in above its first step.
fn effective(step: &Step, at: &Addr) -> Addr {
    let Some(cx) = &step.context else {
        return at.clone();
    };
    let mut a = at.clone();
    let top_given = a.special.is_some() || a.hoofdstuk.is_some() || a.bijlage.is_some();
    if top_given || a.artikel.is_some() {
        return a;
    }
    a.artikel = cx.artikel.clone();
    a.hoofdstuk = cx.hoofdstuk.clone();
    if a.lid.is_none() {
        a.lid = cx.lid.clone();
    }
    a
}

fn one(r: &mut Regeling, cx: &Ctx<'_>) -> Result<(), Fail> {
    let step = cx.step;
    match &step.sentence {
        Sentence::Intro(_) => Ok(()),
        Sentence::Heading(at) => heading(r, cx, &effective(step, at)),
        Sentence::Whole(at) => whole(r, cx, &effective(step, at)),
        Sentence::Repeal { at, shift } => repeal(r, cx, &effective(step, at), shift.as_ref()),
        Sentence::RepealRun { at, last } => repeal_run(r, cx, &effective(step, at), last),
        Sentence::Renumber { at, to } => {
            let at = effective(step, at);
            let n = at.artikel.clone().unwrap_or_default();
            if *to != n {
                number_free(r, cx, to)?;
            }
            let path = article_path(r, cx, &n)?;
            let a = article_mut(r, cx, &n)?;
            a.number = Some(to.clone());
            let mut index = cx.articles.borrow_mut();
            index.remove(Some(&n), &path);
            index.add(Some(to), path);
            Ok(())
        }
        Sentence::Replace { at, old, new } => replace(r, cx, &effective(step, at), old, new, false),
        Sentence::Edits { at, edits } => {
            let at = effective(step, at);
            edits.iter().try_for_each(|e| {
                let (old, new) = e.as_replacement();
                replace(r, cx, &at, &old, &new, false)
            })
        }
        Sentence::ReplaceEvery { at, old, new } => {
            replace(r, cx, &effective(step, at), old, new, true)
        }
        Sentence::ReplaceEveryIn {
            artikelen,
            old,
            new,
        } => artikelen
            .iter()
            .try_for_each(|n| replace(r, cx, &Addr::artikel(n), old, new, true)),
        Sentence::Insert { after, at, what } => insert(r, cx, &effective(step, at), *after, *what),
        Sentence::InsertShifting {
            shift,
            within,
            what,
        } => {
            let within = effective(step, within.as_ref().unwrap_or(&Addr::default()));
            insert_shifting(r, cx, &within, shift, *what)
        }
        Sentence::Append { to, what } => append(r, cx, &effective(step, to), *what),
        Sentence::AppendLeden { to, count } => {
            let leden = new_leden(cx)?;
            if leden.len() != *count as usize {
                return Err(cx.fail(
                    "A003",
                    format!(
                        "de opdracht voegt {count} leden toe, de nieuwe tekst heeft er {}",
                        leden.len()
                    ),
                ));
            }
            let to = effective(step, to);
            leden
                .into_iter()
                .try_for_each(|lid| append_lid(r, cx, &to, lid))
        }
    }
}
