//! Where each reference of a regeling leads, for the published page: the first provision
//! it resolves to in this document (`#eid`), or the cited article on wetten.overheid.nl (a
//! JCI link) when the act's BWB identifier is known. Computed here, from the resolution
//! (`references::resolve`) and the act table, so that the renderer only prints links.

use rustc_hash::FxHashMap;

use super::references::{Resolution, Target, resolve};
use crate::refs::acts;
use crate::tree::{Metadata, Regeling};

/// The link of one reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    /// Outside this document (wetten.overheid.nl).
    pub external: bool,
}

/// The links of a regeling's references, by the byte offset where the reference starts
/// in the file (unique: two references never start at the same byte).
#[derive(Debug, Default)]
pub struct Links(FxHashMap<u32, Link>);

impl Links {
    pub fn get(&self, start: u32) -> Option<&Link> {
        self.0.get(&start)
    }
}

/// Resolves every reference of `r` and keeps those that lead somewhere.
pub fn of(r: &Regeling) -> Links {
    let mut map = FxHashMap::default();
    for res in resolve(r) {
        if let Some(link) = link(&res, &r.metadata) {
            map.insert(res.reference.span.start, link);
        }
    }
    Links(map)
}

/// The act table gives an act's BWB id; else the metadata links the act's name to one
/// (`wetten:`, as `grc import` keeps the published links).
fn link(res: &Resolution, meta: &Metadata) -> Option<Link> {
    for target in &res.targets {
        match target {
            Target::Found { eid, .. } | Target::Whole { eid, .. } => {
                return Some(Link {
                    href: format!("#{eid}"),
                    external: false,
                });
            }
            Target::External { act } => {
                let bwb = acts::by_short(act)
                    .and_then(|a| a.bwb)
                    .or_else(|| meta.bwb_of(act))?;
                let article = res
                    .reference
                    .citations
                    .first()
                    .and_then(|c| c.article.as_ref())
                    .map(|n| n.value.clone());
                let href = match article {
                    Some(n) => format!("https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={n}"),
                    None => format!("https://wetten.overheid.nl/{bwb}/"),
                };
                return Some(Link {
                    href,
                    external: true,
                });
            }
            _ => {}
        }
    }
    None
}
