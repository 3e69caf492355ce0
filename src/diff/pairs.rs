//! `regelingen/wijzigingen.toml`: which old/new pairs `grc build` compares, and the
//! toelichting file of each. Paths are relative to the file.
//!
//! ```toml
//! [[paar]]
//! naam = "wnk-2015--sora-2022"     # the name of the outputs in out/
//! oud = "wnk-2015.gr"
//! nieuw = "sora-2022.gr"
//! toelichting = "wnk-2015--sora-2022.toelichting.toml"   # optional
//! ```

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub naam: String,
    pub oud: String,
    pub nieuw: String,
    #[serde(default)]
    pub toelichting: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    paar: Vec<Pair>,
}

pub fn parse(file: &str, text: &str) -> Result<Vec<Pair>, Box<Diagnostic>> {
    toml::from_str::<File>(text)
        .map(|f| f.paar)
        .map_err(|e| super::toelichting::toml_error(file, text, &e, "wijzigingen.toml: "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_read_and_typos_refused() {
        let p = parse(
            "w.toml",
            "[[paar]]\nnaam = \"a--b\"\noud = \"a.gr\"\nnieuw = \"b.gr\"\n",
        )
        .unwrap();
        assert_eq!(p[0].nieuw, "b.gr");
        assert_eq!(p[0].toelichting, None);
        let e = parse(
            "w.toml",
            "[[paar]]\nnaam = \"x\"\noud = \"a.gr\"\nnieuuw = \"b.gr\"\n",
        )
        .unwrap_err();
        assert_eq!(e.code, "D003");
        assert_eq!(e.line, 4);
    }
}
