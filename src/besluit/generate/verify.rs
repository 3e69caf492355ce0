//! Generate-and-verify: the besluit is applied to the old regeling as a reader gets it
//! and compared with the new one; a besluit that does not round-trip is never returned.

use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashMap;

use super::*;
use crate::besluit::apply::{Memo, apply_with};

/// What the round trips of one `generate` read more than once: every variant of the
/// besluit it tries (the fine one, each sweep across articles, the joined one) quotes
/// mostly the same texts in mostly the same sentences and is compared with the same new
/// version. Each is read or written once (pure functions of their input, so the proof is
/// the same); every variant is still applied whole and compared whole (issue 17).
pub(in crate::besluit) struct Checks {
    /// Read without references: every use writes the result and compares text.
    pub(super) quoted: Memo,
    sentences: RefCell<FxHashMap<String, Sentence>>,
    new_text: OnceCell<String>,
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            quoted: Memo::structure_only(),
            sentences: RefCell::default(),
            new_text: OnceCell::new(),
        }
    }
}

impl Checks {
    /// A sentence as the besluit's grammar reads it back.
    fn sentence(&self, s: &str) -> Result<Sentence, String> {
        if let Some(found) = self.sentences.borrow().get(s) {
            return Ok(found.clone());
        }
        let read = crate::besluit::sentence::parse(s).map_err(|e| format!("{e:?}"))?;
        self.sentences
            .borrow_mut()
            .insert(s.to_string(), read.clone());
        Ok(read)
    }
}

/// Applies the besluit (as the text a reader gets) and compares with `new`.
pub(super) fn verify(
    old: &Regeling,
    new: &Regeling,
    b: &Wijzigingsbesluit,
    checks: &Checks,
) -> Result<(), String> {
    let text = text_with(b, checks);
    let applied = apply_with(old, &text, "besluit", &checks.quoted).map_err(|d| {
        format!(
            "interne fout: het besluit past niet op de oude tekst (onderdeel {}: {})",
            text.steps
                .iter()
                .find(|s| s.line == d[0].line)
                .map(|s| s.letter.as_str())
                .unwrap_or("?"),
            d[0].message
        )
    })?;
    // The writer is exact (`parse(write(t)) == t`, spans aside), so equal texts are
    // equal trees; comparing texts is far cheaper than comparing trees.
    let new_text = checks.new_text.get_or_init(|| crate::source::write(new));
    if crate::source::write(&applied) != *new_text {
        // Text between articles (a tussenkop) is no article, lid or onderdeel: no
        // instruction of Ar 6.9-6.18 changes it, so a change there is a limit of the
        // besluit, not an internal error (found by fuzzing).
        // The same for the ondertekening and the toelichting: no instruction changes them.
        if closing_and_explanation(old) != closing_and_explanation(new) {
            return Err(
                "een wijzigingsbesluit wijzigt de ondertekening en de toelichting \
                        van de regeling niet; die verschillen tussen de twee versies"
                    .into(),
            );
        }
        if loose_text(&old.body) != loose_text(&new.body) {
            return Err("een wijzigingsbesluit kan tekst tussen de artikelen (een tussenkop) \
                        niet wijzigen; pas die tekst met de hand aan of stel de regeling opnieuw vast"
                .into());
        }
        return Err("interne fout: het besluit geeft niet precies de nieuwe tekst".into());
    }
    Ok(())
}

/// The words of the sluiting and of the toelichting (spans aside).
pub(super) fn closing_and_explanation(r: &Regeling) -> (String, String) {
    let mut closing = String::new();
    let mut explanation = String::new();
    if let Some(c) = &r.closing {
        crate::tree::walk::block_text(&c.content, &mut closing);
    }
    if let Some(t) = &r.explanation {
        crate::tree::walk::block_text(&t.content, &mut explanation);
    }
    (closing, explanation)
}

/// The text that stands between articles, in reading order.
pub(super) fn loose_text(parts: &[crate::tree::Deel]) -> Vec<&str> {
    use crate::tree::Deel;
    let mut out = Vec::new();
    for p in parts {
        match p {
            Deel::Hoofdstuk(h) => out.extend(loose_text(&h.content)),
            Deel::Paragraaf(p) => out.extend(loose_text(&p.content)),
            Deel::Alinea(a) => out.push(a.text.as_str()),
            Deel::Artikel(_) | Deel::Opmerking(_) => {}
        }
    }
    out
}

/// The besluit as `grc apply` reads it, built directly from the data (the same steps the
/// text form gives; `tests/besluit.rs` checks the two agree).
pub fn text_of(b: &Wijzigingsbesluit) -> Text {
    text_with(b, &Checks::default())
}

/// [`text_of`], each distinct sentence read once (see [`Checks`]).
fn text_with(b: &Wijzigingsbesluit, checks: &Checks) -> Text {
    let mut steps = Vec::new();
    let mut line = 0;
    for o in &b.onderdelen {
        let context = o.intro.as_deref().and_then(|i| match checks.sentence(i) {
            Ok(Sentence::Intro(a)) => Some(a),
            _ => None,
        });
        for i in &o.instructions {
            line += 1;
            steps.push(Step {
                letter: o.letter.clone(),
                line,
                start: 0,
                sentence: checks.sentence(&i.sentence).unwrap_or_else(|e| {
                    panic!("grc writes sentences it reads: {e}: {:?}", i.sentence)
                }),
                context: context.clone(),
                block: i.block.clone().map(|bl| (line, bl)),
            });
        }
    }
    Text {
        regeling: Some(b.regeling.clone()),
        regeling_at: None,
        metadata: b
            .metadata
            .iter()
            .map(|m| (m.key.clone(), m.value.clone()))
            .collect(),
        steps,
    }
}
