//! References a legal adviser must reread after an amendment.
//!
//! For every internal reference in the new text, compared with the same reference (same
//! words) in the old version of the same provision:
//! - `target_removed`: the old reference found its target, which the amendment removed;
//! - `target_renumbered`: the words now name a different element than before (the old
//!   target was renumbered or moved, or something else took its number);
//! - `target_changed`: the cited element's text was changed by the amendment.
//!
//! `from_unchanged` marks references in provisions the amendment did not touch: nobody
//! looked at them while drafting.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{Change, Kind};
use crate::check::references::{Resolution, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    TargetRemoved,
    TargetRenumbered,
    TargetChanged,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Stale {
    pub reason: Reason,
    /// Where the reference stands in the new text.
    pub line: u32,
    pub column: u32,
    /// The alinea it stands in (new eId).
    pub from: String,
    pub text: String,
    /// What it points at in the new text (eId), if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What the same words pointed at in the old text (eId), if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_target: Option<String>,
    pub from_unchanged: bool,
    /// Dutch, for people.
    #[serde(skip)]
    pub message: String,
}

fn first_found<'a>(res: &'a Resolution<'_>) -> Option<&'a str> {
    res.targets.iter().find_map(|t| match t {
        Target::Found { eid, .. } | Target::Whole { eid, .. } => Some(eid.as_str()),
        _ => None,
    })
}

fn all_found<'a>(res: &'a Resolution<'_>) -> Vec<&'a str> {
    res.targets
        .iter()
        .filter_map(|t| match t {
            Target::Found { eid, .. } | Target::Whole { eid, .. } => Some(eid.as_str()),
            _ => None,
        })
        .collect()
}

fn missing(res: &Resolution) -> bool {
    res.targets
        .iter()
        .any(|t| matches!(t, Target::Missing { .. }))
}

/// The eId of the nearest provision (article, lid or onderdeel) an eId lies in.
fn provision(eid: &str, known: &dyn Fn(&str) -> bool) -> Option<String> {
    let mut cut = eid;
    loop {
        if known(cut) {
            return Some(cut.to_string());
        }
        cut = &cut[..cut.rfind("__")?];
    }
}

/// The stale references among `new_refs`, given `old_refs` (`resolve(old)` and
/// `resolve(new)`: the comparison resolves each version once and keeps their R001
/// findings for the besluit's B001).
pub fn find(
    old_refs: &[Resolution],
    new_refs: &[Resolution],
    changes: &[Change],
    mapping: &FxHashMap<String, String>,
) -> Vec<Stale> {
    let reverse: FxHashMap<&str, &str> = mapping
        .iter()
        .map(|(o, n)| (n.as_str(), o.as_str()))
        .collect();
    let kind_new: FxHashMap<&str, &Change> = changes
        .iter()
        .filter_map(|c| c.new.as_deref().map(|e| (e, c)))
        .collect();
    // Old references by (old provision eId, words).
    let mut old_by: FxHashMap<(String, &str), &Resolution> = FxHashMap::default();
    let old_known = |e: &str| mapping.contains_key(e);
    for r in old_refs {
        if let Some(p) = provision(r.from, &old_known) {
            old_by.entry((p, r.text.as_str())).or_insert(r);
        }
    }
    let new_known = |e: &str| kind_new.contains_key(e);
    let mut out = Vec::new();
    for r in new_refs {
        if r.kind == crate::tree::reference::RefKind::External {
            continue;
        }
        let Some(here) = provision(r.from, &new_known) else {
            continue;
        };
        let from_unchanged = kind_new
            .get(here.as_str())
            .is_some_and(|c| c.kind == Kind::Unchanged);
        let target = first_found(r).map(str::to_string);
        let before = reverse
            .get(here.as_str())
            .and_then(|o| old_by.get(&(o.to_string(), r.text.as_str())));
        let mut old_target = before.and_then(|b| first_found(b)).map(str::to_string);
        let mut target = target;
        // A reference naming several provisions ("artikel 4, eerste en tweede lid"): the
        // first that now names something else decides.
        if let Some(b) = before {
            let olds = all_found(b);
            let news = all_found(r);
            if olds.len() == news.len()
                && let Some((o, n)) = olds
                    .iter()
                    .zip(&news)
                    .find(|(o, n)| mapping.get(**o).map(String::as_str) != Some(**n))
            {
                old_target = Some(o.to_string());
                target = Some(n.to_string());
            }
        }
        let reason = match (&old_target, &target) {
            (Some(_), None) if missing(r) => Some((
                Reason::TargetRemoved,
                "verwijst naar iets dat door de wijziging is vervallen".to_string(),
            )),
            (Some(o), t) if mapping.get(o) != t.as_ref() => Some((
                Reason::TargetRenumbered,
                match mapping.get(o) {
                    Some(now) => format!(
                        "verwees naar {}, dat nu {} is; de woorden wijzen nu naar {}",
                        crate::tree::eid::cite(o),
                        crate::tree::eid::cite(now),
                        t.as_deref().map_or("niets".into(), crate::tree::eid::cite)
                    ),
                    None => format!(
                        "verwees naar {}, dat is vervallen; de woorden wijzen nu naar {}",
                        crate::tree::eid::cite(o),
                        t.as_deref().map_or("niets".into(), crate::tree::eid::cite)
                    ),
                },
            )),
            // A reference into its own provision ("dit artikel") changes with it.
            (_, Some(t)) if !here.starts_with(t.as_str()) && !t.starts_with(here.as_str()) => {
                let target_provision = provision(t, &new_known);
                let changed = target_provision
                    .as_deref()
                    .and_then(|p| kind_new.get(p))
                    .is_some_and(|c| c.text_changed);
                changed.then(|| {
                    (
                        Reason::TargetChanged,
                        format!(
                            "{} is door de wijziging veranderd",
                            crate::tree::eid::cite(t)
                        ),
                    )
                })
            }
            _ => None,
        };
        if let Some((reason, message)) = reason {
            out.push(Stale {
                reason,
                line: r.line,
                column: r.column,
                from: r.from.to_string(),
                text: r.text.clone(),
                target,
                old_target,
                from_unchanged,
                message,
            });
        }
    }
    out
}
