//! The voting grammar on sentences of the regelingen and of other shapes.

use super::*;

fn band(text: &str) -> (u64, Option<u64>, u32) {
    match first(text) {
        Some(Clause::Band(b)) => (b.from, b.below, b.votes_per_member),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn bands_of_sora_2022() {
    assert_eq!(
        band(
            "elk lid dat afkomstig is uit een gemeente met een inwonertal tot 20.000 inwoners heeft één stem;"
        ),
        (0, Some(20_000), 1)
    );
    assert_eq!(
        band("uit een gemeente met een inwonertal van 20.000 tot 40.000 heeft drie stemmen;"),
        (20_000, Some(40_000), 3)
    );
    assert_eq!(
        band("met een inwonertal van 40.000 of meer heeft vijf stemmen"),
        (40_000, None, 5)
    );
}

#[test]
fn bands_of_wnk_2015() {
    assert_eq!(
        band(
            "het college van een gemeente met een inwonertal van 60.000 of meer is gelijk aan drie stemmen;"
        ),
        (60_000, None, 3)
    );
    assert_eq!(
        band("een inwonertal van 30.000 tot 60.000 is gelijk aan twee stemmen;"),
        (30_000, Some(60_000), 2)
    );
    assert_eq!(
        band("een inwonertal van minder dan 30.000 is gelijk aan één stem."),
        (0, Some(30_000), 1)
    );
}

#[test]
fn other_band_shapes() {
    assert_eq!(
        band("een inwonertal van 10000 tot en met 49999 heeft 2 stemmen"),
        (10_000, Some(50_000), 2)
    );
    assert_eq!(
        band("een inwonertal van meer dan 50.000 heeft vier stemmen"),
        (50_001, None, 4)
    );
    assert_eq!(
        band("een inwonertal van ten hoogste 9.999 inwoners heeft een stem"),
        (0, Some(10_000), 1)
    );
}

#[test]
fn members_and_substitutes() {
    assert_eq!(
        first("De colleges wijzen uit hun midden ieder twee leden van het Algemeen Bestuur aan."),
        Some(Clause::MembersPer {
            members: 2,
            substitutes: None
        })
    );
    assert_eq!(
        first("wordt gevormd door één lid, alsmede één plaatsvervangend lid per gemeente."),
        Some(Clause::MembersPer {
            members: 1,
            substitutes: Some(1)
        })
    );
    assert_eq!(
        first(
            "De colleges kunnen voor ieder lid tevens één plaatsvervangend lid uit hun midden aanwijzen"
        ),
        Some(Clause::Substitutes { per_member: 1 })
    );
    assert_eq!(
        first("bestaat uit 3 leden per gemeente"),
        Some(Clause::MembersPer {
            members: 3,
            substitutes: None
        })
    );
}

#[test]
fn other_stemverhouding_shapes() {
    assert_eq!(
        first("De gemeente Dijk en Waard heeft vijf stemmen."),
        Some(Clause::FixedVotes {
            participant: "Dijk en Waard".into(),
            votes: 5
        })
    );
    assert_eq!(
        first("Het lid uit Alkmaar heeft dubbel stemrecht."),
        Some(Clause::DoubleVote)
    );
    assert_eq!(
        first("Elk lid brengt stemmen uit naar rato van de financiële bijdrage van zijn gemeente."),
        Some(Clause::FinancialShare)
    );
}

#[test]
fn dagelijks_bestuur() {
    assert_eq!(
        first(
            "Het Dagelijks Bestuur bestaat uit de voorzitter en (maximaal) twee andere leden, door en uit het Algemeen Bestuur aan te wijzen"
        ),
        Some(Clause::DbComposition {
            others: 2,
            at_most: true,
            at_least: false
        })
    );
    assert_eq!(
        first("Het dagelijks bestuur bestaat uit de voorzitter en ten minste twee andere leden"),
        Some(Clause::DbComposition {
            others: 2,
            at_most: false,
            at_least: true
        })
    );
    assert_eq!(
        first(
            "De leden van het Dagelijks Bestuur mogen nimmer de meerderheid van het Algemeen Bestuur uitmaken."
        ),
        Some(Clause::NeverMajority {
            appointed: false,
            of: Body::General
        })
    );
    assert_eq!(
        first(
            "De op grond van het vorige lid benoemde leden mogen nimmer de meerderheid van het Dagelijks Bestuur uitmaken."
        ),
        Some(Clause::NeverMajority {
            appointed: true,
            of: Body::Executive
        })
    );
    assert_eq!(
        first("Deze leden worden aangewezen van buiten de kring van het Algemeen Bestuur."),
        Some(Clause::OutsideMembers)
    );
    assert_eq!(
        first("Alle in het eerste lid genoemde leden hebben in het Dagelijks Bestuur één stem."),
        Some(Clause::VotesEach {
            body: Body::Executive,
            votes: 1
        })
    );
}

#[test]
fn decision_rules() {
    assert_eq!(
        first(
            "wordt niet geopend voordat meer dan de helft van de zitting hebbende leden aanwezig is"
        ),
        Some(Clause::Quorum)
    );
    assert_eq!(
        first("worden alle besluiten genomen bij meerderheid van de uitgebrachte stemmen."),
        Some(Clause::Majority)
    );
    assert_eq!(
        first("bij meerderheid der uitgebrachte stemmen daarin bewilligt"),
        Some(Clause::Majority)
    );
    assert_eq!(
        first("bij meerderheid van uitgebrachte stemmen."),
        Some(Clause::Majority)
    );
    assert_eq!(
        first("is aanvaard door de colleges van tenminste twee derde van de gemeenten."),
        Some(Clause::Qualified {
            numerator: 2,
            denominator: 3,
            of: QuotaOf::Participants
        })
    );
    assert_eq!(
        first("met twee derde van de uitgebrachte stemmen"),
        Some(Clause::Qualified {
            numerator: 2,
            denominator: 3,
            of: QuotaOf::VotesCast
        })
    );
    assert_eq!(
        first("stelt bij unanimititeit een bijdrageverordening vast"),
        Some(Clause::Unanimity)
    );
    assert_eq!(
        first("Bij staking van stemmen wordt opnieuw gestemd."),
        Some(Clause::Tie)
    );
    assert_eq!(
        first("nadat de raden hun zienswijzen te kennen hebben gegeven"),
        Some(Clause::Zienswijze)
    );
    assert_eq!(
        first("Deze adviseurs hebben geen stemrecht."),
        Some(Clause::NoVote)
    );
}

#[test]
fn no_clause_inside_other_words() {
    assert!(
        clauses("om het beleid op elkaar af te stemmen en in overeenstemming te handelen")
            .is_empty()
    );
    assert!(clauses("een inwonertal dat wij niet kennen").is_empty());
}

fn designation(text: &str) -> (Designator, Option<String>, u32, Option<u32>, bool, bool) {
    match first(text) {
        Some(Clause::Designation {
            by,
            named,
            members,
            substitutes,
            jointly,
            each,
            ..
        }) => (by, named, members, substitutes, jointly, each),
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn designations_of_the_three_mixed_regelingen() {
    use Designator::*;
    // Zeeuws Archief, artikel 4.
    assert_eq!(
        designation("2. De minister wijst twee leden aan. Deze leden hebben dubbel stemrecht."),
        (Minister, None, 2, None, false, false)
    );
    assert_eq!(
        designation(
            "3. De raad van de gemeente Middelburg wijst uit zijn midden twee leden aan, waaronder het lid van het college"
        ),
        (
            Municipality,
            Some("Middelburg".into()),
            2,
            None,
            false,
            false
        )
    );
    assert_eq!(
        designation(
            "4. De raad van de gemeente Veere wijst uit zijn midden, de voorzitter van de raad inbegrepen, een lid aan."
        ),
        (Municipality, Some("Veere".into()), 1, None, false, false)
    );
    // RHC Gelders Archief, artikel 4: an aside after the body, a joint seat.
    assert_eq!(
        designation(
            "De raad van de gemeente Arnhem, de voorzitter inbegrepen, wijst uit zijn midden of uit de kring van wethouders 2 leden aan."
        ),
        (Municipality, Some("Arnhem".into()), 2, None, false, false)
    );
    assert_eq!(
        designation(
            "De raden van de gemeenten Renkum, Rheden en Rozendaal, de voorzitters inbegrepen, wijzen uit hun midden of uit de kring van wethouders gezamenlijk 1 lid aan."
        ),
        (
            Municipality,
            Some("Renkum, Rheden en Rozendaal".into()),
            1,
            None,
            true,
            false
        )
    );
    // Letterhoeke, artikel 4: substitutes are no members.
    assert_eq!(
        designation("De minister wijst drie leden en drie plaatsvervangend leden aan."),
        (Minister, None, 3, Some(3), false, false)
    );
    assert_eq!(
        designation(
            "Provinciale staten wijzen uit hun midden, de voorzitter van die staten inbegrepen, drie leden en drie plaatsvervangend leden aan, onder wie het lid"
        ),
        (Province, None, 3, Some(3), false, false)
    );
    assert_eq!(
        designation("De stichting wijst een lid en een plaatsvervangend lid aan."),
        (Foundation, None, 1, Some(1), false, false)
    );
}

#[test]
fn other_designation_shapes() {
    use Designator::*;
    assert_eq!(
        designation(
            "Het college van burgemeester en wethouders van de gemeente Dijk en Waard wijst een lid aan"
        ),
        (
            Municipality,
            Some("Dijk en Waard".into()),
            1,
            None,
            false,
            false
        )
    );
    assert_eq!(
        designation("De raden van de gemeenten Aadorp en Beekdorp wijzen ieder twee leden aan"),
        (
            Municipality,
            Some("Aadorp en Beekdorp".into()),
            2,
            None,
            false,
            true
        )
    );
    assert_eq!(
        designation("Gedeputeerde staten van de provincie Zeeland wijzen een lid aan"),
        (Province, Some("Zeeland".into()), 1, None, false, false)
    );
    assert_eq!(
        designation(
            "Het bestuur van de Stichting Het Archief wijst een lid, alsmede een plaatsvervangend lid aan"
        ),
        (
            Foundation,
            Some("Het Archief".into()),
            1,
            Some(1),
            false,
            false
        )
    );
    assert_eq!(
        designation(
            "Het bestuur van het Hoogheemraadschap Rijnland wijst 2 leden van het algemeen bestuur aan"
        ),
        (WaterBoard, Some("Rijnland".into()), 2, None, false, false)
    );
    // "met dubbel stemrecht" in the clause itself.
    assert!(matches!(
        first("De minister wijst twee leden met dubbel stemrecht aan"),
        Some(Clause::Designation {
            votes_per_member: Some(2),
            ..
        })
    ));
    // No count of members, or no `aan`, or a body that is no deelnemer's: no designation.
    for text in [
        "De raad van de gemeente Ede wijst een voorzitter aan.",
        "De minister wijst twee leden. Het bestuur wijst aan.",
        "Het algemeen bestuur wijst uit zijn midden een lid aan.",
        "wijzen de raden of de minister zo spoedig mogelijk een nieuw lid aan",
    ] {
        assert!(
            !clauses(text)
                .iter()
                .any(|(c, _, _)| matches!(c, Clause::Designation { .. })),
            "{text}"
        );
    }
}

#[test]
fn size_of_the_algemeen_bestuur_and_votes_of_designated_members() {
    assert_eq!(
        first("1. Het algemeen bestuur bestaat uit vijf leden."),
        Some(Clause::AbSize { members: 5 })
    );
    // A number per gemeente is `members_per`, not the size.
    for (text, members, substitutes) in [
        (
            "Het algemeen bestuur bestaat uit twee leden per gemeente",
            2,
            None,
        ),
        (
            "Het algemeen bestuur bestaat uit een lid, alsmede een plaatsvervangend lid per gemeente",
            1,
            Some(1),
        ),
    ] {
        assert_eq!(
            first(text),
            Some(Clause::MembersPer {
                members,
                substitutes
            }),
            "{text}"
        );
    }
    assert_eq!(
        first("Deze leden hebben elk twee stemmen."),
        Some(Clause::VotesPerDesignated { votes: 2 })
    );
    // Any body's size: `src/stemmen` keeps it only after "algemeen bestuur".
    assert_eq!(
        first("Het dagelijks bestuur bestaat uit drie leden."),
        Some(Clause::AbSize { members: 3 })
    );
}
