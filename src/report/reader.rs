//! Findings for a reader of a published page (the check report `out/<naam>.check.html`,
//! the stemverhouding page): in words, without codes or source line numbers, each with
//! the place in the regeling it is about (cited, with the eId for a link), the same
//! finding at the same place only once, and grouped per article.

use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::tree::Regeling;
use crate::tree::eid::cite;

/// One finding as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    /// `fout`, `waarschuwing` or `opmerking`.
    pub severity: &'static str,
    pub message: String,
    pub notes: Vec<String>,
    /// The element it is about, for a link (`#chp_2__art_9__para_6`); None for the
    /// metadata or a file of its own (the population CSV).
    pub eid: Option<String>,
    /// That element cited (`artikel 9, zesde lid`), or what else it is about.
    pub place: String,
}

/// The findings of one article (or of the aanhef, the metadata, a bijlage ...).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// `Artikel 9 Het algemeen bestuur`, `Aanhef`, `Gegevens van de regeling`.
    pub title: String,
    /// The article's (or part's) eId, for a link; None for the metadata.
    pub eid: Option<String>,
    pub findings: Vec<Finding>,
}

/// The findings in words, in the order given, each distinct finding once.
pub fn findings(diags: &[Diagnostic]) -> Vec<Finding> {
    // A set beside the list: `contains` on the list grew with the square of the count.
    let mut seen: FxHashSet<Finding> = FxHashSet::default();
    let mut out: Vec<Finding> = Vec::new();
    for d in diags {
        let f = finding(d);
        if seen.insert(f.clone()) {
            out.push(f);
        }
    }
    out
}

fn finding(d: &Diagnostic) -> Finding {
    let eid = d.node.clone().filter(|e| !e.is_empty());
    let place = match eid.as_deref() {
        Some(e) => part_of(e).map_or_else(|| cite(e), |(name, _)| name.to_lowercase()),
        None => "de gegevens van de regeling".to_string(),
    };
    Finding {
        severity: severity_word(d.severity),
        message: d.message.clone(),
        notes: d.notes.iter().filter_map(|n| for_reader(n)).collect(),
        eid,
        place,
    }
}

/// A note as a reader can use it: the source line numbers a note lists for the author
/// (`op de regels 72, 77`) mean nothing on a page and go; an eId in it becomes its
/// citation (`gedefinieerd in artikel 1, eerste lid, onder a`).
fn for_reader(note: &str) -> Option<String> {
    if note.starts_with("op de regel") {
        return None;
    }
    let words: Vec<String> = note
        .split(' ')
        .map(|w| {
            let core = w.trim_end_matches([',', '.', ';', ')']);
            let is_eid = core.contains("__")
                && core
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
            if is_eid {
                format!("{}{}", cite(core), &w[core.len()..])
            } else {
                w.to_string()
            }
        })
        .collect();
    Some(words.join(" "))
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "fout",
        Severity::Warning => "waarschuwing",
        Severity::Info => "opmerking",
    }
}

/// The parts outside the articles, by the first component of their eId.
fn part_of(eid: &str) -> Option<(&'static str, &str)> {
    let first = eid.split("__").next().unwrap_or(eid);
    let name = match first {
        "preamble" => "Aanhef",
        "closing" => "Ondertekening",
        "explanation" => "Toelichting",
        f if f.starts_with("cmp_") => "Bijlage",
        _ => return None,
    };
    Some((name, first))
}

/// The findings of `r` grouped per article, in the order of the regeling (diagnostics
/// come sorted by line); findings about the metadata come first.
pub fn by_article(r: &Regeling, diags: &[Diagnostic]) -> Vec<Group> {
    // Articles by eId and groups by key, so that each finding costs a few lookups: a
    // scan of every article (and every group) per finding grew with their product.
    let articles = crate::tree::walk::articles(r);
    let mut by_eid: FxHashMap<&str, &crate::tree::Artikel> = FxHashMap::default();
    for a in &articles {
        // The last article of an eId given twice, as a scan keeping the last would.
        by_eid.insert(a.eid.as_str(), a);
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut index: FxHashMap<(String, Option<String>), usize> = FxHashMap::default();
    for f in findings(diags) {
        let (title, eid) = match f.eid.as_deref() {
            None => ("Gegevens van de regeling".to_string(), None),
            Some(e) => match part_of(e) {
                Some((name, first)) => (name.to_string(), Some(first.to_string())),
                None => article_of(&by_eid, e)
                    .unwrap_or_else(|| ("Overige tekst".to_string(), Some(e.to_string()))),
            },
        };
        match index.entry((title, eid)) {
            Entry::Occupied(i) => groups[*i.get()].findings.push(f),
            Entry::Vacant(v) => {
                let (title, eid) = v.key().clone();
                v.insert(groups.len());
                groups.push(Group {
                    title,
                    eid,
                    findings: vec![f],
                });
            }
        }
    }
    // The metadata first; the others keep the regeling's order.
    groups.sort_by_key(|g| g.eid.is_some());
    groups
}

/// The article that holds `eid`: its title (`Artikel 9 Het algemeen bestuur`) and eId.
/// The innermost one: the longest prefix of `eid`, ending where an eId component ends
/// (`__`), that is an article's eId.
fn article_of(
    by_eid: &FxHashMap<&str, &crate::tree::Artikel>,
    eid: &str,
) -> Option<(String, Option<String>)> {
    // Every place a `__` starts, overlapping ones too (`art___para_1` of an article
    // without a number), as the prefix test `starts_with("{eId}__")` allowed.
    let b = eid.as_bytes();
    let ends = (0..b.len().saturating_sub(1)).filter(|&i| b[i] == b'_' && b[i + 1] == b'_');
    let ends: Vec<usize> = ends.chain([eid.len()]).collect();
    let a = ends.iter().rev().find_map(|&end| by_eid.get(&eid[..end]))?;
    let mut title = a.label.clone();
    if let Some(n) = &a.number {
        title = format!("{title} {n}");
    }
    if let Some(h) = &a.heading {
        title = format!("{title} {}", crate::tree::inline::plain(&h.text));
    }
    Some((title, Some(a.eid.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_are_in_words_once_and_grouped_per_article() {
        let text = "---\ndeelnemers: A\n---\nT\n\nArtikel 1 Begrippen\n\n1. Tekst.\n2. Tekst.\n\nArtikel 2\n\nTekst.\n";
        let (r, _) = crate::source::parse("t.gr", text);
        let lid = |n: u32| format!("art_1__para_{n}");
        let d = |eid: Option<String>, msg: &str| {
            let d = Diagnostic::new("L001", msg);
            match eid {
                Some(e) => d.node(&e),
                None => d,
            }
        };
        let diags = [
            d(Some(lid(2)), "dubbel woord"),
            d(Some(lid(2)), "dubbel woord"),
            d(Some("art_2".into()), "iets"),
            d(None, "metadata"),
        ];
        let groups = by_article(&r, &diags);
        let titles: Vec<&str> = groups.iter().map(|g| g.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Gegevens van de regeling",
                "Artikel 1 Begrippen",
                "Artikel 2"
            ]
        );
        assert_eq!(
            groups[1].findings.len(),
            1,
            "the repeated finding is shown once"
        );
        let f = &groups[1].findings[0];
        assert_eq!(f.place, "artikel 1, tweede lid");
        assert_eq!(f.eid.as_deref(), Some("art_1__para_2"));
        assert_eq!(groups[1].eid.as_deref(), Some("art_1"));
    }

    #[test]
    fn notes_lose_line_numbers_and_eids() {
        assert_eq!(for_reader("op de regels 72, 77"), None);
        assert_eq!(
            for_reader("gedefinieerd in chp_1__art_1__para_1__list_o_1__li_a").as_deref(),
            Some("gedefinieerd in artikel 1, eerste lid, onder a")
        );
        assert_eq!(
            for_reader("Wgr art 14, derde lid").as_deref(),
            Some("Wgr art 14, derde lid")
        );
    }

    /// The old lookup: every article, the longest whose eId is a prefix at a `__`.
    fn article_by_scan<'a>(
        articles: &[&'a crate::tree::Artikel],
        eid: &str,
    ) -> Option<&'a crate::tree::Artikel> {
        articles
            .iter()
            .filter(|a| eid == a.eid || eid.starts_with(&format!("{}__", a.eid)))
            .max_by_key(|a| a.eid.len())
            .copied()
    }

    /// The eId lookup finds the article the scan found, for every node of every `.gr`
    /// file in the repository, and for eIds of articles without a number (`art___...`).
    #[test]
    fn article_lookup_is_the_scan() {
        let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
        let mut texts: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect();
        texts.push("Artikel\n\n1. Een.\n\nArtikel 2\n\n1. Twee.\n".into());
        let (mut in_article, mut outside) = (0, 0);
        for text in &texts {
            let (r, _) = crate::source::parse("t.gr", text);
            let articles = crate::tree::walk::articles(&r);
            let mut by_eid: FxHashMap<&str, &crate::tree::Artikel> = FxHashMap::default();
            for a in &articles {
                by_eid.insert(a.eid.as_str(), a);
            }
            let mut eids: Vec<String> = Vec::new();
            crate::tree::walk::walk(&r, &mut |_, n| eids.push(n.eid().to_string()));
            eids.extend(eids.clone().iter().map(|e| format!("{e}__x_1")));
            for e in &eids {
                let scan = article_by_scan(&articles, e);
                let want = scan.map(|a| a.eid.clone());
                let got = article_of(&by_eid, e).and_then(|(_, eid)| eid);
                assert_eq!(got, want, "{e}");
                if let Some(a) = scan {
                    assert!(std::ptr::eq(a, by_eid[a.eid.as_str()]), "{e}");
                    in_article += 1;
                } else {
                    outside += 1;
                }
            }
        }
        assert!(files.len() > 150, "{} files", files.len());
        assert!(
            in_article > 5_000 && outside > 500,
            "{in_article} {outside}"
        );
    }
}
