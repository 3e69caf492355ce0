//! Changes of words in one element joined in one sentence (issue 14, Ar 6.9 practice):
//! "In het tweede lid wordt "x" vervangen door "y" en wordt na "z" ingevoegd "w"."
//! instead of one numbered instruction per change; and words added after others are
//! "ingevoegd", not the others quoted again as replaced ("na "voorzien." ingevoegd ...",
//! not ""voorzien." vervangen door "voorzien. Uit ..."").
//!
//! A joined sentence makes the same replacements in the same order, so it changes nothing
//! the besluit does; the caller still verifies the whole besluit with it and keeps the
//! separate sentences otherwise.

use super::*;
use crate::besluit::sentence::Edit;

/// The edit a replacement makes, an insertion when the new words are the old ones with
/// words after them.
fn edit_of(old: &str, new: &str) -> Edit {
    if let Some(rest) = new.strip_prefix(old) {
        let words = rest.strip_prefix(' ').unwrap_or(rest);
        if !words.is_empty()
            && !words.starts_with(' ')
            && Edit::inserted(old, words) == new
            && crate::besluit::sentence::quotable(words)
        {
            return Edit::InsertAfter {
                after: old.to_string(),
                words: words.to_string(),
            };
        }
    }
    Edit::Replace {
        old: old.to_string(),
        new: new.to_string(),
    }
}

/// One sentence per element for the word changes that follow each other in a group.
pub(super) fn join_edits(groups: Vec<Group>) -> Vec<Group> {
    groups.into_iter().map(join_group).collect()
}

fn join_group(g: Group) -> Group {
    let mut ops: Vec<Op> = Vec::new();
    for op in g.ops {
        let Sentence::Replace { at, old, new } = &op.sentence else {
            ops.push(op);
            continue;
        };
        let edit = edit_of(old, new);
        if let Some(Op {
            sentence: Sentence::Edits { at: before, edits },
            ..
        }) = ops.last_mut()
            && before == at
        {
            edits.push(edit);
            continue;
        }
        ops.push(Op::new(
            Sentence::Edits {
                at: at.clone(),
                edits: vec![edit],
            },
            None,
        ));
    }
    // One replacement alone stays the plain sentence.
    for op in &mut ops {
        if let Sentence::Edits { at, edits } = &op.sentence
            && let [Edit::Replace { old, new }] = edits.as_slice()
        {
            op.sentence = Sentence::Replace {
                at: at.clone(),
                old: old.clone(),
                new: new.clone(),
            };
        }
    }
    let mut intro = g.intro;
    // One sentence left needs no intro: it names its article itself.
    if ops.len() == 1
        && let Some(n) = intro.take().and_then(|a| a.artikel)
    {
        absolutise(&mut ops[0].sentence, &n);
    }
    Group { intro, ops }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_are_found_in_replacements() {
        assert_eq!(
            edit_of("voorzien.", "voorzien. Uit de leden"),
            Edit::InsertAfter {
                after: "voorzien.".into(),
                words: "Uit de leden".into()
            }
        );
        assert_eq!(
            edit_of("gemeenten", "gemeenten, waaronder Uitgeest"),
            Edit::InsertAfter {
                after: "gemeenten".into(),
                words: ", waaronder Uitgeest".into()
            }
        );
        // "schapen" is no insertion after "schap".
        assert!(matches!(edit_of("schap", "schapen"), Edit::Replace { .. }));
        assert!(matches!(
            edit_of("de raad", "het bestuur"),
            Edit::Replace { .. }
        ));
    }

    #[test]
    fn changes_of_one_lid_are_one_sentence() {
        let lid = crate::besluit::generate::elements::lid_addr("2");
        let replace = |old: &str, new: &str| {
            Op::new(
                Sentence::Replace {
                    at: lid.clone(),
                    old: old.into(),
                    new: new.into(),
                },
                None,
            )
        };
        let g = join_group(Group {
            intro: Some(Addr::artikel("4")),
            ops: vec![replace("stelt", "kan"), replace("vast", "vast stellen")],
        });
        // Joined: the intro is gone and the sentence names its article.
        assert!(g.intro.is_none());
        assert_eq!(
            g.ops[0].sentence.text(),
            "In artikel 4, tweede lid, wordt \"stelt\" vervangen door \"kan\" en wordt na \"vast\" ingevoegd \"stellen\"."
        );
        assert_eq!(
            crate::besluit::sentence::parse(&g.ops[0].sentence.text()).unwrap(),
            g.ops[0].sentence
        );
    }
}
