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
    /// template value itself in that order was slower than a JSON copy, and the copy
    /// slower than serialising the view into a collector of its hrefs (`hrefs`, issue 17);
    /// a view the collector does not read as serde_json would takes the JSON route.
    ///
    /// `view` is the Rust view before it is converted for the templates: the conversion
    /// keeps its shape, and serialising the Rust view costs less than serialising the
    /// template value (issue 17).
    pub fn of<V: Serialize + ?Sized>(view: &V) -> Result<Targets, String> {
        let Ok(hrefs) = super::hrefs::of(view) else {
            return Targets::of_json(view);
        };
        let mut t = Targets::default();
        hrefs.iter().for_each(|h| t.add(h));
        Ok(t)
    }

    /// The targets found in a JSON copy of the view.
    fn of_json<V: Serialize + ?Sized>(view: &V) -> Result<Targets, String> {
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

    /// The targets of the collector are those of the JSON copy on the views of every
    /// `.gr` file of the repository (as a regeling, and every pair of consecutive files
    /// as the tabel, renvooi and besluit would make them, where one can be made) and on
    /// constructed values: maps whose keys sort otherwise than they were written, an
    /// `href` that is no string, a repeated key.
    #[test]
    fn the_collector_finds_the_targets_of_the_json_copy() {
        let same = |view: &minijinja::Value, what: &str| {
            let (a, b) = (Targets::of(view).unwrap(), Targets::of_json(view).unwrap());
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{what}");
            a.relationships.len() + a.bookmarks.len()
        };
        fn same_in_rust<V: Serialize>(view: &V, what: &str) -> usize {
            let rust = Targets::of(view).unwrap();
            let converted = Targets::of(&crate::render::to_value(view)).unwrap();
            assert_eq!(format!("{rust:?}"), format!("{converted:?}"), "{what}");
            rust.relationships.len() + rust.bookmarks.len()
        }
        let files = crate::render::test_files::under(&["regelingen", "tests/fixtures"], &["gr"]);
        let mut trees = Vec::new();
        let (mut found, mut found_in_rust) = (0, 0);
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let (r, _) = crate::source::parse(&f.to_string_lossy(), &text);
            let view = crate::render::regeling::view(&r, &crate::check::links::of(&r));
            found += same(&crate::render::to_value(&view), &f.to_string_lossy());
            // The Rust view (as `package`'s callers give it) has the template value's.
            found_in_rust += same_in_rust(&view, &f.to_string_lossy());
            trees.push(r);
        }
        assert!(
            trees.len() > 150 && found > 300,
            "{} files, {found}",
            trees.len()
        );
        for pair in trees.windows(2).step_by(7) {
            let (old, new) = (&pair[0], &pair[1]);
            let cmp = crate::diff::compare(old, new, &crate::diff::Options::default());
            let rows = crate::render::wijzigingen::rows(&cmp, None);
            let tabel = crate::render::wijzigingen::TabelView::new(old, new, &rows);
            same(&crate::render::to_value(&tabel), &new.file);
            same_in_rust(&tabel, &new.file);
            let vorm = crate::besluit::generate::Vorm::Wijziging;
            if let Ok(b) = crate::besluit::generate::generate_with(old, new, &cmp, vorm) {
                same_in_rust(&b, &new.file);
            }
        }
        assert_eq!(found_in_rust, found);
        // Maps in the order written here (the template values keep it), not sorted.
        use minijinja::Value;
        let m = |pairs: Vec<(&str, Value)>| Value::from_pairs(pairs);
        let s = |text: &str| Value::from(text);
        let constructed = Value::from(vec![
            m(vec![
                ("z", m(vec![("href", s("#b"))])),
                ("a", m(vec![("href", s("#a"))])),
                ("href", s("https://c/")),
            ]),
            m(vec![
                ("href", Value::from(3)),
                (
                    "x",
                    Value::from(vec![
                        m(vec![("href", s("#d"))]),
                        m(vec![("href", Value::from(()))]),
                        m(vec![("href", Value::from(vec![s("#e")]))]),
                    ]),
                ),
            ]),
            m(vec![(
                "m",
                m(vec![
                    ("href", s("#f")),
                    ("b", m(vec![("href", s("#g"))])),
                    ("a", m(vec![("href", s("#h"))])),
                ]),
            )]),
        ]);
        assert_eq!(same(&constructed, "constructed"), 7);
        // A repeated key: serde_json keeps its last value, with or without an href.
        for (entries, n) in [
            (vec![("a", json!({"href": "#1"})), ("a", json!(null))], 0),
            (vec![("a", json!(null)), ("a", json!({"href": "#2"}))], 1),
            (
                vec![
                    ("b", json!({"href": "#3"})),
                    ("a", json!({"href": "#4"})),
                    ("b", json!(1)),
                ],
                1,
            ),
            (vec![("href", json!("#5")), ("href", json!(3))], 0),
            (vec![("href", json!(3)), ("href", json!("#6"))], 1),
            (
                vec![
                    ("c", json!([{"href": "#7"}])),
                    ("a", json!(null)),
                    ("c", json!({"x": {"href": "#8"}})),
                    ("a", json!({"href": "#9"})),
                ],
                2,
            ),
        ] {
            let view = Repeated(entries);
            let (a, b) = (
                Targets::of(&view).unwrap(),
                Targets::of_json(&view).unwrap(),
            );
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            assert_eq!(a.bookmarks.len(), n, "{a:?}");
        }
        let t = Targets::of(&constructed).unwrap();
        let order: Vec<usize> = ["a", "b", "d", "f", "h", "g"]
            .iter()
            .map(|b| t.bookmarks[*b].id)
            .collect();
        assert_eq!(order, [1, 2, 3, 4, 5, 6]);
        assert_eq!(t.relationships[0].target, "https://c/");
    }

    /// A map that may repeat a key, in the order given.
    struct Repeated(Vec<(&'static str, serde_json::Value)>);

    impl Serialize for Repeated {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }

    use serde_json::json;

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
