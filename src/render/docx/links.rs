//! The links of a Word document. A link to wetten.overheid.nl becomes a `w:hyperlink`
//! whose `r:id` names a relationship of `word/_rels/document.xml.rels` with
//! `TargetMode="External"`; a link to a provision of the same regeling (`#eid`) becomes
//! a `w:hyperlink` to a bookmark on that provision. Where each reference leads was decided
//! by the check stage (`check::links`) and is in the view's segments already: nothing is
//! resolved here, the hrefs are only collected and numbered.

use std::collections::BTreeMap;

use serde::Serialize;

/// The first relationship id free for hyperlinks: `rId1` and `rId2` are the styles and
/// the settings (`docx-document-rels.xml`).
const FIRST_REL: usize = 3;

/// Word keeps bookmark names of at most 40 characters.
const MAX_BOOKMARK: usize = 40;

/// An external link target: one relationship.
#[derive(Debug, Serialize)]
pub struct Relationship {
    pub id: String,
    pub target: String,
}

/// A bookmark on a provision that a reference leads to.
#[derive(Debug, Serialize)]
pub struct Bookmark {
    /// `w:id`, unique in the document.
    pub id: usize,
    /// `w:name`: the eId, or `grc_<id>` when the eId is longer than Word allows.
    pub name: String,
}

/// Every link target of one document, in the order of first use.
#[derive(Debug, Default, Serialize)]
pub struct Targets {
    /// For `word/_rels/document.xml.rels`.
    pub relationships: Vec<Relationship>,
    /// href → relationship id, for the document's `w:hyperlink r:id`.
    pub link_ids: BTreeMap<String, String>,
    /// eId (without `#`) → its bookmark.
    pub bookmarks: BTreeMap<String, Bookmark>,
}

impl Targets {
    /// The targets of every segment with an `href` in `view` (any view: the tabel, renvooi
    /// and besluit have none today, and get an empty set): the view as the templates get
    /// it, in the order of first use in its JSON form (maps sorted by key). A walk over the
    /// template value itself in that order was slower than this copy (issue 17).
    pub fn of(view: &minijinja::Value) -> Result<Targets, String> {
        let value = serde_json::to_value(view).map_err(|e| e.to_string())?;
        let mut t = Targets::default();
        t.collect(&value);
        Ok(t)
    }

    fn collect(&mut self, v: &serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(href)) = map.get("href") {
                    self.add(href);
                }
                map.values().for_each(|x| self.collect(x));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| self.collect(x)),
            _ => {}
        }
    }

    fn add(&mut self, href: &str) {
        if let Some(eid) = href.strip_prefix('#') {
            if !self.bookmarks.contains_key(eid) {
                let id = self.bookmarks.len() + 1;
                let name = if eid.len() <= MAX_BOOKMARK {
                    eid.to_string()
                } else {
                    format!("grc_{id}")
                };
                self.bookmarks
                    .insert(eid.to_string(), Bookmark { id, name });
            }
        } else if !self.link_ids.contains_key(href) {
            let id = format!("rId{}", FIRST_REL + self.relationships.len());
            self.link_ids.insert(href.to_string(), id.clone());
            self.relationships.push(Relationship {
                id,
                target: href.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::inline::Segment;

    fn seg(href: &str, external: bool) -> Segment {
        Segment {
            text: "artikel 1".into(),
            href: Some(href.into()),
            external,
            ..Segment::default()
        }
    }

    #[test]
    fn each_target_once_in_order_of_first_use() {
        let long = format!(
            "#{}",
            "chp_1__art_1__para_1__list_o_1__li_a__list_o_2__li_1"
        );
        let view = vec![
            seg(
                "https://wetten.overheid.nl/jci1.3:c:BWBR0003740&artikel=1",
                true,
            ),
            seg("#art_2", false),
            seg(
                "https://wetten.overheid.nl/jci1.3:c:BWBR0003740&artikel=1",
                true,
            ),
            seg("https://wetten.overheid.nl/BWBR0007376/", true),
            seg(&long, false),
        ];
        let t = Targets::of(&crate::render::to_value(&view)).unwrap();
        let rels: Vec<(&str, &str)> = t
            .relationships
            .iter()
            .map(|r| (r.id.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(
            rels,
            [
                (
                    "rId3",
                    "https://wetten.overheid.nl/jci1.3:c:BWBR0003740&artikel=1"
                ),
                ("rId4", "https://wetten.overheid.nl/BWBR0007376/"),
            ]
        );
        assert_eq!(t.bookmarks["art_2"].name, "art_2");
        assert_eq!(t.bookmarks[&long[1..]].name, "grc_2");
        assert_eq!(t.bookmarks[&long[1..]].id, 2);
    }
}
