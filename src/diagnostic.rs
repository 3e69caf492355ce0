//! Diagnostics: what every stage reports, as data.
//!
//! Messages are Dutch (they are read by legal advisers); the JSON keys and the severity
//! values are English (they are read by CI). Every code is listed, with its meaning and an
//! example, in `docs/diagnostics.md`; a test keeps that list and [`CODES`] in step.

use serde::{Deserialize, Serialize};

use crate::tree::Span;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn dutch(self) -> &'static str {
        match self {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
            Severity::Info => "opmerking",
        }
    }
}

/// A machine-applicable edit: replace the bytes `[start, end)` of the file by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fix {
    pub start: u32,
    pub end: u32,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The eId of the innermost node the diagnostic is about.
    pub node: Option<String>,
    /// Byte range in the file.
    pub start: u32,
    pub end: u32,
    /// For reference findings: the words of the reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Extra lines of explanation (Dutch).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the severity registered for `code` in [`CODES`].
    pub fn new(code: &str, message: impl Into<String>) -> Diagnostic {
        // Every code used is registered (a test reads the sources to make sure); should
        // one slip through, report it as a warning rather than stop.
        let severity = severity_of(code).unwrap_or(Severity::Warning);
        debug_assert!(
            severity_of(code).is_some(),
            "diagnostic code {code} is not in CODES"
        );
        Diagnostic {
            code: code.to_string(),
            severity,
            message: message.into(),
            file: String::new(),
            line: 0,
            column: 0,
            node: None,
            start: 0,
            end: 0,
            target: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    pub fn at(mut self, file: &str, span: Span) -> Diagnostic {
        self.file = file.to_string();
        self.line = span.line;
        self.column = span.column;
        self.start = span.start;
        self.end = span.end;
        self
    }

    pub fn node(mut self, eid: &str) -> Diagnostic {
        if !eid.is_empty() {
            self.node = Some(eid.to_string());
        }
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn target(mut self, target: impl Into<String>) -> Diagnostic {
        self.target = Some(target.into());
        self
    }

    pub fn fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }
}

/// Sorts diagnostics by file, position and code, so output is deterministic.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.start, a.line, a.column, &a.code, &a.message)
            .cmp(&(&b.file, b.start, b.line, b.column, &b.code, &b.message))
    });
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Every diagnostic code grc can emit: code, severity, short Dutch title.
pub const CODES: &[(&str, Severity, &str)] = &[
    // P: reading the source
    ("P001", Severity::Error, "leeg bestand"),
    ("P002", Severity::Error, "geen geldige UTF-8"),
    ("P003", Severity::Error, "metadatablok niet afgesloten"),
    ("P004", Severity::Error, "ongeldige metadataregel"),
    ("P005", Severity::Warning, "onbekende metadatasleutel"),
    ("P006", Severity::Warning, "dubbele metadatasleutel"),
    ("P007", Severity::Error, "ongeldige datum in metadata"),
    ("P008", Severity::Warning, "onbekende soort regeling"),
    ("P010", Severity::Error, "artikel zonder nummer"),
    ("P011", Severity::Error, "lid buiten een artikel"),
    ("P012", Severity::Info, "subonderdelen zonder onderdeel"),
    (
        "P013",
        Severity::Warning,
        "definitieregel niet na een onderdeel",
    ),
    (
        "P014",
        Severity::Error,
        "hoofdstuk of paragraaf zonder nummer",
    ),
    (
        "P015",
        Severity::Info,
        "regel gelezen als tekst, niet als kop",
    ),
    ("P016", Severity::Warning, "lid of onderdeel zonder tekst"),
    (
        "P017",
        Severity::Info,
        "artikelkop zonder het woord 'Artikel'",
    ),
    ("P018", Severity::Info, "lijst op één regel gesplitst"),
    ("P019", Severity::Error, "geen artikelen gevonden"),
    ("P020", Severity::Error, "tekst buiten een artikel"),
    (
        "P021",
        Severity::Warning,
        "kop na de bijlagen of de sluiting",
    ),
    ("P022", Severity::Info, "regel gelezen als tussenkop"),
    ("P023", Severity::Info, "regel 'Bijlage' gelezen als omslag"),
    (
        "P024",
        Severity::Info,
        "voorafgaand besluit gescheiden van de regeling",
    ),
    ("P025", Severity::Warning, "tekst zonder artikelen"),
    (
        "P026",
        Severity::Info,
        "aantekeningen van de databank gelezen",
    ),
    (
        "P027",
        Severity::Info,
        "genummerde regels gelezen als lijst",
    ),
    ("P028", Severity::Warning, "meer dan één BOM"),
    ("P029", Severity::Warning, "onzichtbare stuurtekens"),
    ("P030", Severity::Info, "regeleinden met alleen CR"),
    // S: structure and numbering
    ("S001", Severity::Error, "nummer komt twee keer voor"),
    ("S002", Severity::Warning, "nummer buiten volgorde"),
    ("S003", Severity::Warning, "nummer overgeslagen"),
    (
        "S004",
        Severity::Warning,
        "ingevoegd nummer zonder basisnummer",
    ),
    (
        "S005",
        Severity::Warning,
        "nummering begint niet bij het begin",
    ),
    (
        "S006",
        Severity::Warning,
        "metadata en tekst noemen een andere citeertitel",
    ),
    ("S007", Severity::Info, "toekomstige tekst van een artikel"),
    // R: references
    (
        "R001",
        Severity::Error,
        "verwijzing naar iets dat niet bestaat",
    ),
    (
        "R002",
        Severity::Warning,
        "verwijzing naar de bepaling waarin ze staat",
    ),
    ("R003", Severity::Warning, "dubbelzinnige verwijzing"),
    ("R004", Severity::Warning, "lid twee keer genoemd"),
    (
        "R005",
        Severity::Warning,
        "verwijzing niet in de vorm van Ar 3.29",
    ),
    ("R006", Severity::Info, "verwijzing naar een onbekende wet"),
    (
        "R007",
        Severity::Warning,
        "verwijzing naar een vervallen bepaling",
    ),
    ("R008", Severity::Info, "verwijzing niet geplaatst"),
    (
        "R009",
        Severity::Warning,
        "verwijzing naar het eerste lid van een artikel zonder leden",
    ),
    // V: voting (stemverhouding) and the Wgr
    ("V001", Severity::Warning, "stemregel niet herkend"),
    (
        "V002",
        Severity::Error,
        "aantal leden per deelnemer niet gevonden",
    ),
    ("V003", Severity::Error, "inwonersklassen sluiten niet aan"),
    (
        "V004",
        Severity::Warning,
        "samenstelling dagelijks bestuur (Wgr art 14 lid 1)",
    ),
    (
        "V005",
        Severity::Error,
        "leden van buiten het algemeen bestuur (Wgr art 14 lid 2)",
    ),
    (
        "V006",
        Severity::Error,
        "dagelijks bestuur als meerderheid (Wgr art 14 lid 3)",
    ),
    (
        "V007",
        Severity::Info,
        "gewicht van het dagelijks bestuur in stemmen",
    ),
    (
        "V008",
        Severity::Warning,
        "inwonertal dicht bij een klassengrens",
    ),
    ("V009", Severity::Info, "quorum en meerderheid"),
    (
        "V010",
        Severity::Error,
        "geen inwonertal voor een deelnemer",
    ),
    ("V011", Severity::Error, "fout in het inwonersbestand"),
    (
        "V012",
        Severity::Warning,
        "deelnemers verschillen tussen metadata en tekst",
    ),
    (
        "V013",
        Severity::Warning,
        "dagelijks bestuur heeft naar stemmen de meerderheid",
    ),
    (
        "V014",
        Severity::Warning,
        "aantal leden van het algemeen bestuur klopt niet met de aanwijzingen",
    ),
    // A: applying a wijzigingsbesluit
    ("A001", Severity::Error, "geen wijzigingsopdracht"),
    ("A002", Severity::Error, "opdracht past niet op de tekst"),
    (
        "A003",
        Severity::Error,
        "nieuwe tekst ontbreekt of is onleesbaar",
    ),
    ("A004", Severity::Error, "besluit is niet goed opgebouwd"),
    (
        "A005",
        Severity::Warning,
        "besluit noemt een andere regeling",
    ),
    // I: importing published XML
    ("I001", Severity::Error, "geen geldige XML"),
    ("I002", Severity::Error, "geen CVDR- of BWB-document"),
    ("I003", Severity::Error, "geen regelingtekst"),
    ("I004", Severity::Warning, "XML-element niet herkend"),
    ("I005", Severity::Warning, "import leest anders dan de XML"),
    // X: exporting to STOP XML
    (
        "X001",
        Severity::Warning,
        "geen bevoegd gezag voor de wId's",
    ),
    ("X002", Severity::Error, "niet uit te drukken in STOP"),
    // B: writing a wijzigingsbesluit
    (
        "B001",
        Severity::Warning,
        "besluit stelt een tekst met een gebrek vast",
    ),
    ("B002", Severity::Warning, "besluit heeft plaatshouders"),
    ("B003", Severity::Info, "besluit in integrale vorm"),
    (
        "B004",
        Severity::Warning,
        "terugwerkende kracht niet vóór de inwerkingtreding",
    ),
    // D: comparing two versions
    ("D001", Severity::Warning, "wijziging zonder toelichting"),
    (
        "D002",
        Severity::Warning,
        "toelichting bij iets dat niet is gewijzigd",
    ),
    ("D003", Severity::Error, "toelichtingsbestand onleesbaar"),
    ("D004", Severity::Info, "verwijzing herlezen"),
    // T: defined terms
    (
        "T001",
        Severity::Warning,
        "begrip gedefinieerd maar niet gebruikt",
    ),
    (
        "T002",
        Severity::Warning,
        "hoofdletterwoord als begrip gebruikt maar niet gedefinieerd",
    ),
    (
        "T003",
        Severity::Info,
        "begrip anders geschreven dan gedefinieerd",
    ),
    // L: proofreading
    ("L001", Severity::Warning, "woord twee keer"),
    ("L002", Severity::Warning, "tekst nog in te vullen"),
    (
        "L003",
        Severity::Warning,
        "verwijzing naar het vorige of volgende lid of artikel (Ar 3.29 lid 2)",
    ),
    (
        "L004",
        Severity::Warning,
        "bekendmaking achterhaald (Wet elektronische publicaties)",
    ),
    (
        "L005",
        Severity::Warning,
        "stemmen naar inwonertal zonder peildatum",
    ),
    ("L006", Severity::Warning, "onbekend woord (spelling)"),
    (
        "L007",
        Severity::Warning,
        "deelnemer bestaat niet meer bij de inwerkingtreding (herindeling)",
    ),
    (
        "L008",
        Severity::Warning,
        "begrotingsdatum of zienswijzetermijn wijkt af van de Wgr",
    ),
];

/// The registered severity of a code.
pub fn severity_of(code: &str) -> Option<Severity> {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (code, _, _) in CODES {
            assert!(seen.insert(code), "{code} registered twice");
        }
    }

    #[test]
    fn new_takes_registered_severity() {
        assert_eq!(Diagnostic::new("P001", "x").severity, Severity::Error);
        assert_eq!(Diagnostic::new("P015", "x").severity, Severity::Info);
    }
}
