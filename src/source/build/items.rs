//! Leden, onderdelen and their lists: where a numbered or lettered line belongs.
//!
//! A line `2.` is a lid unless what is open says otherwise: indented under an onderdeel
//! or lid, or (in text without indentation, as it is published) continuing or starting a
//! list of numbered items under an onderdeel or lid that ends with a colon, where a lid
//! numbered so would not fit the article's leden. Lists run together on one line are
//! split into their items.

use crate::diagnostic::Diagnostic;
use crate::tree::*;

use super::super::grammar::{Line, LineKind, Piece};
use super::sequence::{next_letters, roman_lower};
use super::text::{inline_leden, is_vervallen};
use super::{Builder, Open, Phase};

/// Where a numbered line goes when it is not a lid: the level of the list it is an item
/// of (1 under a lid, 2 under an onderdeel), and whether it starts that list.
struct ItemPlace {
    level: u8,
    starts: bool,
}

impl Builder<'_> {
    pub(super) fn lid(&mut self, l: &Line<'_>) {
        self.lid_line(l, true)
    }

    /// A lid line; `whole` is false for a lid split off a line that held several, which
    /// is a lid as it stands (neither an item nor split again).
    fn lid_line(&mut self, l: &Line<'_>, whole: bool) {
        if whole && let Some(place) = self.numbered_item(l) {
            if place.starts {
                let under = if place.level == 1 {
                    "een lid"
                } else {
                    "een onderdeel"
                };
                self.diags.push(
                    Diagnostic::new(
                        "P027",
                        format!(
                            "genummerde regels (1., 2., ...) onder {under} gelezen als punten \
                             van een lijst, niet als leden"
                        ),
                    )
                    .at(&self.file, self.line_span(l)),
                );
            }
            self.onderdeel(l, place.level);
            return;
        }
        let host = self
            .stack
            .iter()
            .rposition(|o| matches!(o, Open::Artikel(_) | Open::Bijlage(_)));
        let Some(host) = host.filter(|_| matches!(self.phase, Phase::Body | Phase::Annex)) else {
            // After the ondertekening, numbered lines are text of what follows it (an
            // appendix printed without a heading).
            if self.phase == Phase::Closing {
                self.host_alinea(l, self.whole_line(l));
                return;
            }
            // In a document without articles a numbered line is a numbered paragraph of
            // its text; elsewhere a lid outside an article is an error.
            if self.has_articles {
                self.diags.push(
                    Diagnostic::new(
                        "P011",
                        "lid buiten een artikel: zet er een artikelkop (`Artikel 1`) boven",
                    )
                    .at(&self.file, self.line_span(l)),
                );
            }
            let whole = self.whole_line(l);
            if self.phase == Phase::Preamble {
                self.ensure_preamble_host(l);
                self.attach_blok(Blok::Alinea(self.new_alinea(l, whole)));
            } else {
                self.alinea(l, whole);
            }
            return;
        };
        while self.stack.len() > host + 1 {
            self.pop();
        }
        let number = l
            .number
            .map(|n| n.text.trim_end_matches('.').to_string())
            .unwrap_or_default();
        let mut lid = Lid {
            eid: String::new(),
            span: self.line_span(l),
            number,
            repealed: false,
            // Most leden hold one alinea; a Vec's first push would make room for four.
            content: Vec::with_capacity(1),
        };
        let text = l.text;
        if is_vervallen(text.text) {
            lid.repealed = true;
        }
        // Leden run together on one line: `1. Er is ... 2. Het ...`.
        let more_leden = match lid.number.parse::<u32>() {
            Ok(n) if whole && !lid.repealed => inline_leden(text.text, n),
            _ => Vec::new(),
        };
        let own = match more_leden.first() {
            Some(&(at, _)) => Piece {
                text: text.text[..at].trim_end(),
                offset: text.offset,
            },
            None => text,
        };
        let inline = if own.text.is_empty() || lid.repealed {
            None
        } else {
            super::text::inline_list(own.text)
        };
        let first = match &inline {
            Some(m) => Piece {
                text: own.text[..m[0].0].trim_end(),
                offset: own.offset,
            },
            None => own,
        };
        if !first.text.is_empty() && !lid.repealed {
            lid.content.push(Blok::Alinea(self.new_alinea(l, first)));
        }
        self.stack.push(Open::Lid {
            node: lid,
            indent: l.indent,
        });
        if let Some(markers) = inline {
            self.inline_items(l, own, &markers);
        }
        if !more_leden.is_empty() {
            self.split_leden(l, text, &more_leden, None);
        }
    }

    /// The further leden of a line that holds several (`1. Er is ... 2. Het ...`), or that
    /// follow the text of onderdeel `after` on its line.
    fn split_leden(
        &mut self,
        l: &Line<'_>,
        text: Piece<'_>,
        markers: &[(usize, usize)],
        after: Option<&str>,
    ) {
        let message = match after {
            None => format!(
                "{} leden stonden op één regel en zijn gesplitst; zet elk lid op een eigen regel",
                markers.len() + 1
            ),
            Some(letter) if markers.len() == 1 => format!(
                "een lid stond op de regel van onderdeel {letter} en is gesplitst; zet elk lid op een eigen regel"
            ),
            Some(letter) => format!(
                "{} leden stonden op de regel van onderdeel {letter} en zijn gesplitst; zet elk lid op een eigen regel",
                markers.len()
            ),
        };
        self.diags
            .push(Diagnostic::new("P018", message).at(&self.file, self.piece_span(l, text)));
        for (k, &(at, text_at)) in markers.iter().enumerate() {
            let end = markers.get(k + 1).map_or(text.text.len(), |m| m.0);
            let marker_len = text.text[at..].find('.').map_or(1, |i| i + 1);
            let synthetic = Line {
                kind: LineKind::Lid,
                line: l.line,
                start: l.start,
                end: l.end,
                indent: l.indent,
                number: Some(Piece {
                    text: &text.text[at..at + marker_len],
                    offset: text.offset + at as u32,
                }),
                heading: None,
                text: Piece {
                    text: text.text[text_at..end].trim(),
                    offset: text.offset + text_at as u32,
                },
            };
            self.lid_line(&synthetic, false);
        }
    }

    /// Whether a line `N.` is an item of a numbered list rather than a lid (see the module
    /// comment), and of which level.
    fn numbered_item(&self, l: &Line<'_>) -> Option<ItemPlace> {
        let written = l.number?.text.trim_end_matches('.');
        let n: u32 = written.parse().ok()?;
        // The deepest open onderdeel or lid, and the numbered list open under it.
        let mut parent = None;
        let mut list_last: Option<u32> = None;
        for (i, open) in self.stack.iter().enumerate().rev() {
            match open {
                Open::Onderdeel { node, level: 1, .. } | Open::Onderdeel { node, level: 2, .. }
                    if node.number.parse::<u32>().is_ok() =>
                {
                    list_last = node.number.parse().ok();
                }
                Open::Onderdeel { level: 1, .. } | Open::Lid { .. } => {
                    parent = Some(i);
                    break;
                }
                Open::Onderdeel { .. } | Open::Lijst { .. } => {}
                _ => break,
            }
        }
        let parent = parent?;
        let (indent, level, text_ends_with_colon, lid_number) = match &self.stack[parent] {
            Open::Onderdeel { node, indent, .. } => {
                (*indent, 2, ends_with_colon(&node.content), None)
            }
            Open::Lid { node, indent } => (
                *indent,
                1,
                ends_with_colon(&node.content),
                node.number.parse::<u32>().ok(),
            ),
            _ => return None,
        };
        // The writer's canonical layout: an item is indented under its parent's marker.
        if l.indent > indent {
            return Some(ItemPlace {
                level,
                starts: list_last.is_none(),
            });
        }
        let continues = list_last == Some(n.wrapping_sub(1)) && n > 1;
        let starts = n == 1 && list_last.is_none() && text_ends_with_colon;
        if !(continues || starts) {
            return None;
        }
        // Would a lid numbered so fit the article? If not, it is an item.
        let expected_lid = match lid_number {
            Some(current) => Some(current + 1),
            None => self.open_article_next_lid(),
        };
        if expected_lid != Some(n) {
            return Some(ItemPlace { level, starts });
        }
        // Both fit: an item continues a list that has not ended; lower case is an item.
        let previous = self.last_item_text();
        let list_goes_on = previous.is_some_and(|t| {
            let t = t.trim_end();
            t.ends_with([';', ',']) || t.ends_with(" en") || t.ends_with(" of")
        });
        let ended = previous.is_some_and(|t| t.trim_end().ends_with('.'));
        let lower = l.text.text.starts_with(char::is_lowercase);
        (list_goes_on || (!ended && lower)).then_some(ItemPlace { level, starts })
    }

    /// The level of the list a lettered marker (`c.`, `a.`, `ii.`) belongs to: the level
    /// of the innermost open item when it continues that item's sequence (b → c, i → ii),
    /// one deeper when it starts a new sequence (`a.`, `i.`) under an open item that
    /// introduces it (a list of a subonderdeel: `4°. de beroepsmilitair: / a. die ...`),
    /// else 1. `None` for two
    /// different letters that continue nothing (`bv.`, `nl.`): an abbreviation, so text.
    pub(super) fn letter_level(&self, marker: &str) -> Option<u8> {
        let open = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, o)| match o {
                Open::Onderdeel { node, level, .. } => Some((i, node, *level)),
                _ => None,
            });
        if let Some((i, item, level)) = open {
            // The first item of the list `item` is in: the list's style.
            let first = match self.stack.get(i.wrapping_sub(1)) {
                Some(Open::Lijst { node, .. }) => node
                    .items
                    .first()
                    .map_or(item.number.as_str(), |f| f.number.as_str()),
                _ => item.number.as_str(),
            };
            let roman_list = first == "i" && roman_lower(&item.number).is_some();
            let continues = if roman_list {
                roman_lower(marker) == roman_lower(&item.number).map(|v| v + 1)
            } else {
                next_letters(&item.number).as_deref() == Some(marker)
            };
            if continues {
                return Some(level);
            }
            // A new sequence under an item that introduces it (ends with a colon, or has
            // no text of its own: `1.` over `a.`, `b.`).
            let introduces = match last_alinea(&item.content) {
                Some(t) => t.trim_end().ends_with(':'),
                None => item.term.is_none(),
            };
            if matches!(marker, "a" | "i") && introduces && level < 4 {
                return Some(level + 1);
            }
        }
        let b = marker.as_bytes();
        if b.len() >= 2 && b.iter().any(|&c| c != b[0]) {
            return None;
        }
        Some(1)
    }

    /// The number the next lid of the open article would have; `None` when no lid fits
    /// (the article already has text that is not in leden).
    fn open_article_next_lid(&self) -> Option<u32> {
        self.stack.iter().rev().find_map(|o| match o {
            Open::Lid { node, .. } => Some(node.number.parse::<u32>().ok().map(|n| n + 1)),
            Open::Artikel(a) => Some(match a.leden().last() {
                Some(l) => l.number.parse::<u32>().ok().map(|n| n + 1),
                None if a.content.is_empty() => Some(1),
                None => None,
            }),
            _ => None,
        })?
    }

    /// Whether a line `3e.`, which reads as the ordinal subonderdeel `3e` (third), is the
    /// next of the leden `3a.` to `3d.` inserted after lid 3 (Schadeschap Schiphol, artikel
    /// 9): the last lid of the open article is `3d` and no ordinal list is open.
    pub(super) fn continues_lettered_leden(&self, l: &Line<'_>) -> bool {
        let Some(digits) = l
            .number
            .and_then(|n| n.text.trim_end_matches('.').strip_suffix('e'))
        else {
            return false;
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let previous = format!("{digits}d");
        for open in self.stack.iter().rev() {
            match open {
                Open::Lijst { level: 2, .. } | Open::Onderdeel { level: 2, .. } => return false,
                Open::Lid { node, .. } => return node.number == previous,
                Open::Artikel(a) => return a.leden().last().is_some_and(|l| l.number == previous),
                _ => {}
            }
        }
        false
    }

    /// The text of the last line of the innermost open lid or onderdeel.
    fn last_item_text(&self) -> Option<&str> {
        self.stack.iter().rev().find_map(|o| match o {
            Open::Onderdeel { node, .. } => last_alinea(&node.content),
            Open::Lid { node, .. } => last_alinea(&node.content),
            _ => None,
        })
    }

    pub(super) fn onderdeel(&mut self, l: &Line<'_>, level: u8) {
        let letter = l.number.map_or("", |n| n.text.trim_end_matches(['.', ')']));
        // Close what the new onderdeel cannot live in, find or open its list.
        loop {
            match self.stack.last() {
                Some(Open::Onderdeel { level: lv, .. }) if *lv >= level => self.pop(),
                Some(Open::Lijst { level: lv, .. }) if *lv > level => self.pop(),
                // A bijlage prints one list after another, with headings that are plain
                // lines there ("a. elconr. b. suffix", "1. Gestrafte", "a. registratienummer"):
                // a letter the open list already has starts a new list.
                Some(Open::Lijst {
                    level: lv, node, ..
                }) if *lv == level
                    && self.phase == Phase::Annex
                    && node.items.iter().any(|o| o.number == letter) =>
                {
                    self.pop()
                }
                Some(Open::Lijst { level: lv, .. }) if *lv == level => break,
                Some(Open::Onderdeel { .. }) => {
                    // level 2 under an open onderdeel: a new sublist
                    self.open_list(l, level);
                    break;
                }
                Some(
                    Open::Lid { .. }
                    | Open::Artikel(_)
                    | Open::Aanhef(_)
                    | Open::Sluiting(_)
                    | Open::Bijlage(_)
                    | Open::Toelichting(_),
                ) => {
                    if level == 2 {
                        // `1°` right under a lid or article: a list of subonderdelen
                        // without onderdelen, as older texts print it.
                        self.diags.push(
                            Diagnostic::new(
                                "P012",
                                "subonderdelen (1°, 2°, ...) zonder onderdeel erboven: gelezen als lijst",
                            )
                            .at(&self.file, self.line_span(l)),
                        );
                    }
                    self.open_list(l, level);
                    break;
                }
                Some(Open::Lijst { .. }) => {
                    // A level-1 list on top while a level-2 item arrives: impossible, as
                    // an open list always has an open item above it. Start a list.
                    self.open_list(l, level);
                    break;
                }
                Some(Open::Hoofdstuk { .. } | Open::Paragraaf { .. }) | None => {
                    if self.phase == Phase::Preamble {
                        self.ensure_preamble_host(l);
                        continue;
                    }
                    let whole = self.whole_line(l);
                    self.loose_text(l, whole);
                    return;
                }
            }
        }
        // `1º` (the ordinal indicator, as some texts type the degree sign) is `1°`.
        let number = l
            .number
            .map(|n| n.text.trim_end_matches(['.', ')']).replace('º', "°"))
            .unwrap_or_default();
        let mut item = Onderdeel {
            eid: String::new(),
            span: self.line_span(l),
            number,
            term: None,
            repealed: false,
            content: Vec::with_capacity(1),
        };
        // The article's next leden run on after the last onderdeel of a lid, on its line
        // (`d. het verrichten van ... bedoeld in het tweede lid. 4. Het ...`, as some
        // published texts print it): the onderdeel ends where the next lid starts.
        let more_leden = match self.open_article_next_lid() {
            Some(next) if level == 1 && next > 1 && !is_vervallen(l.text.text) => {
                inline_leden(l.text.text, next - 1)
            }
            _ => Vec::new(),
        };
        let own = match more_leden.first() {
            Some(&(at, _)) => Piece {
                text: l.text.text[..at].trim_end(),
                offset: l.text.offset,
            },
            None => l.text,
        };
        if is_vervallen(l.text.text) {
            item.repealed = true;
        } else if !own.text.is_empty() {
            item.content.push(Blok::Alinea(self.new_alinea(l, own)));
        }
        self.stack.push(Open::Onderdeel {
            node: item,
            indent: l.indent,
            level,
        });
        if !more_leden.is_empty() {
            self.split_leden(l, l.text, &more_leden, Some(letter));
        }
    }

    fn open_list(&mut self, l: &Line<'_>, level: u8) {
        let span = self.line_span(l);
        self.stack.push(Open::Lijst {
            node: Lijst {
                eid: String::new(),
                span,
                items: Vec::new(),
            },
            level,
        });
    }

    pub(super) fn definitie(&mut self, l: &Line<'_>) {
        if let Some(Open::Onderdeel { node, .. }) = self.stack.last_mut()
            && node.term.is_none()
            && node.content.len() == 1
            && let Some(Blok::Alinea(term)) = node.content.pop()
        {
            node.term = Some(Tekst {
                text: term.text,
                span: term.span,
            });
            if !l.text.text.is_empty() {
                let a = self.new_alinea(l, l.text);
                if let Some(Open::Onderdeel { node, .. }) = self.stack.last_mut() {
                    node.content.push(Blok::Alinea(a));
                }
            }
            return;
        }
        self.diags.push(
            Diagnostic::new(
                "P013",
                "een definitieregel (`: ...`) hoort direct onder een onderdeel met het begrip; \
                 gelezen als gewone tekst",
            )
            .at(&self.file, self.line_span(l)),
        );
        // Ordinary text is the whole line, its `:` included: the text after the colon
        // alone lost it, and a line of `:` alone became an empty alinea, which the writer
        // cannot write back (a roundtrip fuzz finding: the besluit's own check refused
        // its text as an internal error).
        self.alinea(l, self.whole_line(l));
    }

    /// A line such as `In deze regeling wordt verstaan onder:   a.  de minister: ...   b. ...`
    /// (lists run together by a conversion): the text before `a.` stays an alinea, the
    /// rest become onderdelen.
    pub(super) fn split_inline_list(
        &mut self,
        l: &Line<'_>,
        whole: Piece<'_>,
        markers: &[(usize, usize)],
    ) {
        let intro = Piece {
            text: whole.text[..markers[0].0].trim_end(),
            offset: whole.offset,
        };
        if !intro.text.is_empty() {
            self.alinea(l, intro);
        }
        self.inline_items(l, whole, markers);
    }

    pub(super) fn inline_items(
        &mut self,
        l: &Line<'_>,
        whole: Piece<'_>,
        markers: &[(usize, usize)],
    ) {
        self.diags.push(
            Diagnostic::new(
                "P018",
                format!(
                    "{} onderdelen stonden op één regel en zijn gesplitst; zet elk onderdeel op een eigen regel",
                    markers.len()
                ),
            )
            .at(&self.file, self.piece_span(l, whole)),
        );
        for (k, &(at, text_at)) in markers.iter().enumerate() {
            let end = markers.get(k + 1).map_or(whole.text.len(), |m| m.0);
            let letter = whole.text[at..].trim_start();
            let letter_at = at + (whole.text[at..].len() - letter.len());
            let letter_len = letter.find('.').map_or(1, |i| i + 1);
            let raw = &whole.text[text_at..end];
            let synthetic = Line {
                kind: LineKind::Onderdeel,
                line: l.line,
                start: l.start,
                end: l.end,
                indent: l.indent + 1,
                number: Some(Piece {
                    text: &whole.text[letter_at..letter_at + letter_len],
                    offset: whole.offset + letter_at as u32,
                }),
                heading: None,
                text: Piece {
                    text: raw.trim(),
                    offset: whole.offset + text_at as u32,
                },
            };
            self.onderdeel(&synthetic, 1);
        }
    }
}

/// The text of the last alinea among `content`.
fn last_alinea(content: &[Blok]) -> Option<&str> {
    content.iter().rev().find_map(|b| match b {
        Blok::Alinea(a) => Some(a.text.as_str()),
        _ => None,
    })
}

/// Whether the last alinea of `content` introduces a list: it ends with a colon, or
/// without closing punctuation (`..., tenzij`).
fn ends_with_colon(content: &[Blok]) -> bool {
    last_alinea(content).is_some_and(|t| {
        let t = t.trim_end();
        t.ends_with(':') || !t.ends_with(['.', ';', ',', ')', '?', '!'])
    })
}
