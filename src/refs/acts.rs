//! The table of acts (`wetten.toml`): data, not code. Adding an act is adding an entry.

use std::sync::OnceLock;

use serde::Deserialize;

/// An act a regeling can cite.
#[derive(Debug, Clone, Deserialize)]
pub struct Act {
    /// The citeertitel.
    pub name: String,
    /// The abbreviation shown in reports.
    pub short: String,
    /// The identifier on wetten.overheid.nl, where verified.
    #[serde(default)]
    pub bwb: Option<String>,
    /// Every way a text names the act.
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct Table {
    act: Vec<Act>,
}

/// All acts, parsed once from the embedded table.
pub fn table() -> &'static [Act] {
    static TABLE: OnceLock<Vec<Act>> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<Table>(include_str!("wetten.toml"))
            .map(|t| t.act)
            .unwrap_or_else(|e| panic!("src/refs/wetten.toml is not valid: {e}"))
    })
}

/// The act with this short name.
pub fn by_short(short: &str) -> Option<&'static Act> {
    table().iter().find(|a| a.short == short)
}

/// The act named at the very start of `text`, and how many bytes its name takes; the
/// longest name wins, and a name must end at a word boundary (`Wgr,` but not `Wgrx`).
pub fn named_at(text: &str) -> Option<(&'static Act, usize)> {
    let mut best: Option<(&Act, usize)> = None;
    for act in table() {
        for name in &act.names {
            if text.starts_with(name.as_str())
                && !text[name.len()..].starts_with(|c: char| c.is_alphanumeric())
                && best.is_none_or(|(_, len)| name.len() > len)
            {
                best = Some((act, name.len()));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_and_every_act_is_named() {
        assert!(table().len() >= 10);
        for a in table() {
            assert!(!a.names.is_empty(), "{} has no names", a.name);
        }
        assert_eq!(by_short("Wgr").unwrap().bwb.as_deref(), Some("BWBR0003740"));
    }

    #[test]
    fn longest_name_wins_at_a_word_boundary() {
        assert_eq!(
            named_at("Archiefwet 1995, over").map(|(a, n)| (a.short.as_str(), n)),
            Some(("Archiefwet 1995", 15))
        );
        assert_eq!(named_at("Wgr geheimhouding").unwrap().0.short, "Wgr");
        assert!(named_at("Wgrx").is_none());
        assert!(named_at("Gemeenteraad").is_none());
        assert_eq!(named_at("wet geheimhouding").unwrap().0.short, "Wgr");
    }
}
