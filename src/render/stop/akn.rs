//! AKN names in STOP identifiers: the eIds of grc's tree as STOP writes them.

/// The STOP form of a tree eId. The tree names an onderdeel `li_a` and the toelichting
/// `explanation` (as grc's pages and references do); STOP's naming rule (Schematron
/// STOP0022/STOP0023) wants the AKN names of a `Li` or `Begrip`, `item`
/// (`chp_1__art_1__para_1__list_o_1__item_a`), and of a `Toelichting`, `recital`. Applied
/// to every eId, wId and IntRef the export writes, so they stay consistent.
pub fn akn_eid(eid: &str) -> String {
    eid.split("__")
        .map(|part| match part.strip_prefix("li_") {
            Some(rest) => format!("item_{rest}"),
            None if part == "explanation" => "recital".to_string(),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("__")
}

pub(super) fn akn<S: serde::Serializer>(eid: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&akn_eid(eid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onderdelen_become_items_and_the_toelichting_a_recital() {
        assert_eq!(
            akn_eid("chp_1__art_3a__list_o_1__li_b__list_o_1__li_1"),
            "chp_1__art_3a__list_o_1__item_b__list_o_1__item_1"
        );
        assert_eq!(akn_eid("explanation__content_o_1"), "recital__content_o_1");
        // `list_o_1` only starts like `li_`; articles and leden stay as they are.
        assert_eq!(akn_eid("chp_2__art_9__para_6"), "chp_2__art_9__para_6");
        assert_eq!(akn_eid("art_1__list_o_1"), "art_1__list_o_1");
    }
}
