//! Tree → `.gr` source, in the canonical layout of docs/source-format.md.
//!
//! Invariant: `parse(write(t))` gives `t` back, spans aside. Used by `grc apply` (which
//! writes the consolidated regeling) and by the synthetic generator; `grc fix` and
//! `grc renumber` do not rewrite whole files, they edit the source in place.

use crate::tree::*;

use super::build::{ends_like_sentence, is_closing_formula, may_open_as_title, normalise};
use super::grammar::{LineKind, classify_line};

/// A line the grammar reads as a bijlage's heading (`Bijlage`, `BIJLAGE`, `Bijlage A`).
fn is_bijlage_line(text: &str) -> bool {
    is_line_of(text, &[LineKind::Bijlage])
}

/// A line that, at the margin after a sluiting, starts a bijlage or the toelichting.
fn ends_the_closing(text: &str) -> bool {
    is_line_of(text, &[LineKind::Bijlage, LineKind::Toelichting])
}

/// Whether `text`, alone on a line at the margin, reads as a line of one of `kinds`.
fn is_line_of(text: &str, kinds: &[LineKind]) -> bool {
    classify_line(text).is_some_and(|l| kinds.contains(&l.kind))
}

/// The whole regeling as `.gr` text.
pub fn write(r: &Regeling) -> String {
    write_as(r, &r.metadata, r.preceding_decision.as_deref())
}

/// [`write`] of `r` as if its metadata were `metadata` and the decision printed before it
/// `preceding`: every field of `r` the writer reads but those two is read from `r`, so
/// this is `write` of such a copy without making the copy (see `fragment::regeling`).
fn write_as(r: &Regeling, metadata: &Metadata, preceding: Option<&Besluit>) -> String {
    let mut w = Writer {
        out: String::new(),
        meta_title: metadata.title.as_deref().map(normalise),
        untitled_start: false,
        after_bare_marker: false,
    };
    w.metadata(metadata);
    if let Some(b) = preceding {
        w.decision(b);
    }
    // A decision split off at a `Bijlage` line (the regeling printed as the decision's
    // bijlage, P023) keeps that line as a note opening the aanhef (or the body, without
    // an aanhef). Written as a note after the title, it no longer ends the decision on
    // reading (only a bijlage with the title in it does), so it is written as the line it
    // was, before the title (found by fuzzing the integral form: "interne fout").
    let cover_line = |text: &str| r.preceding_decision.is_some() && is_bijlage_line(text);
    let (mut preamble, mut body) = (r.preamble.as_ref().map(|a| &a.content[..]), &r.body[..]);
    let cover = match (preamble, body.first()) {
        (Some([Blok::Opmerking(o), rest @ ..]), _) if cover_line(&o.text) => {
            preamble = Some(rest).filter(|rest| !rest.is_empty());
            Some(o)
        }
        (None, Some(Deel::Opmerking(o))) if cover_line(&o.text) => {
            body = &body[1..];
            Some(o)
        }
        _ => None,
    };
    if let Some(o) = cover {
        w.line(0, &o.text);
        w.blank();
    }
    if let Some(t) = &r.title {
        w.line(0, &t.text);
        w.blank();
    }
    if let Some(content) = preamble {
        w.untitled_start = r.title.is_none() && preceding.is_none() && metadata.title.is_none();
        w.container(content, 0, 3);
        w.blank();
    }
    w.parts(body);
    if let Some(s) = &r.closing {
        w.closing(s);
    }
    for b in &r.annexes {
        w.annex(b);
    }
    if let Some(t) = &r.explanation {
        w.explanation(t);
    }
    while w.out.ends_with("\n\n") {
        w.out.pop();
    }
    w.out
}

/// Pieces of a regeling as `.gr` text, for the blocks of a wijzigingsbesluit ("komt te
/// luiden:"). Each reads back with [`super::parse`] in the context documented at
/// `besluit::fragment`.
pub mod fragment {
    use super::*;

    fn writer() -> Writer {
        Writer {
            // Room for a typical article at once: the besluit writes thousands of
            // fragments to compare and quote, and growing each from nothing cost a copy
            // per doubling.
            out: String::with_capacity(512),
            meta_title: None,
            untitled_start: false,
            after_bare_marker: false,
        }
    }

    fn finish(mut w: Writer) -> String {
        while w.out.ends_with("\n\n") {
            w.out.pop();
        }
        w.out
    }

    /// A hoofdstuk, paragraaf or artikel with everything in it.
    pub fn part(d: &Deel) -> String {
        let mut w = writer();
        w.parts(std::slice::from_ref(d));
        finish(w)
    }

    /// One hoofdstuk with everything in it (as `part` writes it, without a `Deel` to
    /// hold it).
    pub fn chapter(h: &Hoofdstuk) -> String {
        let mut w = writer();
        w.chapter(h);
        finish(w)
    }

    /// One article.
    pub fn article(a: &Artikel) -> String {
        let mut w = writer();
        w.article(a);
        finish(w)
    }

    /// Blocks as they stand in an article without leden: alinea's at the margin, lists
    /// at `list_indent`.
    pub fn blocks(content: &[Blok], list_indent: usize) -> String {
        let mut w = writer();
        w.container(content, 0, list_indent);
        finish(w)
    }

    /// The aanhef, sluiting or toelichting: its alinea's, one per line.
    pub fn lines(content: &[Blok]) -> String {
        let mut w = writer();
        w.container(content, 0, 3);
        finish(w)
    }

    /// A toelichting, as the writer writes it at the end: its lines as they are, because
    /// everything after its first line is toelichting (an "Artikel 1" in an artikelsgewijze
    /// toelichting is no article, and must not be escaped as if it were).
    pub fn explanation(t: &Toelichting) -> String {
        let mut w = writer();
        w.explanation(t);
        finish(w)
    }

    /// A sluiting, as the writer writes it after the last article.
    pub fn closing(s: &Sluiting) -> String {
        let mut w = writer();
        w.closing(s);
        finish(w)
    }

    /// One lid, as `blocks` writes it in a list of blocks (without a `Blok` to hold it:
    /// the besluit compares and quotes leden it only borrows).
    pub fn lid(l: &Lid) -> String {
        let mut w = writer();
        w.lid(l);
        finish(w)
    }

    /// A bijlage with its heading line.
    pub fn annex(b: &Bijlage) -> String {
        let mut w = writer();
        w.annex(b);
        finish(w)
    }

    /// What [`write`] writes before the regeling's own title for a regeling whose
    /// metadata is the title alone and which is printed after `decision`: the metadata
    /// lines and the decision. `grc apply` reads the integral besluit's text (written by
    /// [`regeling`], without the decision) after it, so the text is read in the state it
    /// was read in before: once a decision is split off, the reader never looks for
    /// another one, and a line inside an article that looks like a regeling's title is
    /// text there (found by fuzzing: "interne fout" in the integral form).
    pub fn before_regeling(title: Option<&str>, decision: &Besluit) -> String {
        let metadata = Metadata {
            title: title.map(str::to_string),
            ..Metadata::default()
        };
        let mut w = Writer {
            out: String::new(),
            meta_title: metadata.title.as_deref().map(normalise),
            untitled_start: false,
            after_bare_marker: false,
        };
        w.metadata(&metadata);
        w.decision(decision);
        w.out
    }

    /// The whole regeling as the integral besluit quotes it: [`write`] of a copy whose
    /// metadata is the title alone and which has no decision printed before it (the
    /// caller leaves the metadata lines out; after a decision, a `Bijlage` line that
    /// ended it still stands before the title, as `grc apply` reads the text after the
    /// decision, see [`before_regeling`]), without cloning the tree to make that copy
    /// (the clone and its drop were a third of writing the text, issue 17).
    pub fn regeling(r: &Regeling) -> String {
        let metadata = Metadata {
            title: r.metadata.title.clone(),
            ..Metadata::default()
        };
        write_as(r, &metadata, None)
    }
}

struct Writer {
    out: String,
    meta_title: Option<String>,
    /// The next line opens a text that has no title: a line there that would read as
    /// the title (`may_open_as_title`) is escaped.
    untitled_start: bool,
    /// The last line was a lid's or onderdeel's marker alone (no text, no term, not
    /// repealed): the reader takes the next line of text as its text whatever its indent
    /// (`awaits_text`, for texts that print the marker and its text on two lines), so an
    /// alinea written there that is not the marker's is escaped (found by fuzzing: an
    /// article's alinea after an empty lid, "interne fout").
    after_bare_marker: bool,
}

impl Writer {
    fn annex(&mut self, b: &Bijlage) {
        let mut head = "Bijlage".to_string();
        if let Some(n) = &b.number {
            head.push(' ');
            head.push_str(n);
        }
        if let Some(h) = &b.heading {
            head.push(' ');
            head.push_str(&h.text);
        }
        self.line(0, &head);
        self.blank();
        self.container(&b.content, 0, 3);
        self.blank();
    }

    fn line(&mut self, indent: usize, text: &str) {
        self.line_of(indent, &[text]);
    }

    /// A line of several pieces, written one after the other into the output: the
    /// besluit's generator writes every article it compares or quotes, so a `format!` (or
    /// an indent string) per line was a tenth of its run (issue 17).
    fn line_of(&mut self, indent: usize, pieces: &[&str]) {
        self.untitled_start = false;
        self.after_bare_marker = false;
        self.out.extend(std::iter::repeat_n(' ', indent));
        for p in pieces {
            self.out.push_str(p);
        }
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// A decision printed before the regeling (deelnamebesluit): its title, its aanhef,
    /// its articles and its ondertekening.
    fn decision(&mut self, b: &Besluit) {
        if let Some(t) = &b.title {
            self.literal_line(0, &t.text);
            self.blank();
        }
        if let Some(a) = &b.preamble {
            self.container(&a.content, 0, 3);
            self.blank();
        }
        self.parts(&b.body);
        if let Some(s) = &b.closing {
            self.closing(s);
        }
    }

    /// The toelichting's lines, unescaped: everything after its first line is toelichting.
    fn explanation(&mut self, t: &Toelichting) {
        for b in &t.content {
            match b {
                Blok::Alinea(a) => self.line(0, &a.text),
                Blok::Opmerking(o) => self.line_of(0, &["// ", &o.text]),
                _ => {}
            }
        }
    }

    /// An alinea: escaped with `\` when the line would otherwise be read as something else.
    fn literal_line(&mut self, indent: usize, text: &str) {
        if self.needs_escape(text) {
            self.line_of(indent, &["\\", text]);
        } else {
            self.line(indent, text);
        }
    }

    fn needs_escape(&self, text: &str) -> bool {
        let kind = classify_line(text).map(|l| l.kind);
        !matches!(kind, Some(LineKind::Text))
            || self.after_bare_marker
            || (self.untitled_start && may_open_as_title(text))
            || is_closing_formula(text)
            // Normalised only when there is a title to compare with (fragments have none).
            || self
                .meta_title
                .as_deref()
                .is_some_and(|title| title == normalise(text))
    }

    fn metadata(&mut self, m: &Metadata) {
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(v) = &m.title {
            fields.push(("titel", v.clone()));
        }
        if let Some(v) = &m.citation_title {
            fields.push(("citeertitel", v.clone()));
        }
        if let Some(v) = m.kind {
            fields.push(("soort", v.dutch().to_string()));
        }
        if !m.participants.is_empty() {
            fields.push(("deelnemers", m.participants.join(", ")));
        }
        if let Some(v) = &m.entry_into_force {
            fields.push(("inwerkingtreding", v.clone()));
        }
        if let Some(v) = &m.retroactive_to {
            fields.push(("terugwerkende-kracht", v.clone()));
        }
        if let Some(v) = &m.version {
            fields.push(("versie", v.clone()));
        }
        if let Some(v) = &m.population_file {
            fields.push(("inwoners", v.clone()));
        }
        if let Some(v) = &m.source {
            fields.push(("bron", v.clone()));
        }
        let p = &m.publication;
        if !p.show.is_empty() {
            fields.push(("publicatie.toon", p.show.join(", ")));
        }
        if let Some(v) = &p.gazette {
            fields.push(("publicatie.gemeenteblad", v.clone()));
        }
        if let Some(v) = &p.adopted {
            fields.push(("publicatie.vastgesteld", v.clone()));
        }
        if !m.acts.is_empty() {
            fields.push(("wetten", m.acts_text()));
        }
        if fields.is_empty() {
            return;
        }
        self.out.push_str("---\n");
        for (k, v) in fields {
            for piece in [k, ": ", &v, "\n"] {
                self.out.push_str(piece);
            }
        }
        self.out.push_str("---\n");
    }

    fn closing(&mut self, s: &Sluiting) {
        let opens_with_formula =
            matches!(s.content.first(), Some(Blok::Alinea(a)) if is_closing_formula(&a.text));
        if !opens_with_formula {
            self.line(0, "Sluiting");
        }
        for b in &s.content {
            match b {
                // A `Bijlage` or `Toelichting` line at the margin would end the sluiting
                // (one read with a control character before it was its alinea; found by
                // fuzzing the integral form); any other line reads back as its alinea.
                Blok::Alinea(a) if ends_the_closing(&a.text) => {
                    self.line_of(0, &["\\", &a.text]);
                }
                Blok::Alinea(a) => self.line(0, &a.text),
                Blok::Opmerking(o) => self.line_of(0, &["// ", &o.text]),
                other => self.container(std::slice::from_ref(other), 0, 3),
            }
        }
        self.blank();
    }

    fn parts(&mut self, parts: &[Deel]) {
        for p in parts {
            match p {
                Deel::Hoofdstuk(h) => self.chapter(h),
                Deel::Paragraaf(p) if p.label.is_empty() => {
                    // A section numbered without a word (`1` / `Inleiding`): its number
                    // alone on a line, the title under it, as the source has them; the
                    // parser reads it back from the heading that follows.
                    self.blank();
                    self.line(0, &p.number);
                    if let Some(h) = &p.heading {
                        self.literal_line(0, &h.text);
                    }
                    self.blank();
                    self.annotations(&p.annotations);
                    self.parts(&p.content);
                }
                Deel::Paragraaf(p) => {
                    self.heading(&p.label, &p.number, p.heading.as_ref(), false);
                    self.annotations(&p.annotations);
                    self.parts(&p.content);
                }
                Deel::Artikel(a) => self.article(a),
                Deel::Alinea(a) => {
                    self.literal_line(0, &a.text);
                    self.blank();
                }
                Deel::Opmerking(o) => self.line_of(0, &["// ", &o.text]),
            }
        }
    }

    fn chapter(&mut self, h: &Hoofdstuk) {
        self.heading("Hoofdstuk", &h.number, h.heading.as_ref(), false);
        self.annotations(&h.annotations);
        self.parts(&h.content);
    }

    /// The database's notes under a heading ("Vervallen per 01-07-2010"), one a line.
    fn annotations(&mut self, notes: &[Tekst]) {
        for n in notes {
            self.line(0, &n.text);
        }
        if !notes.is_empty() {
            self.blank();
        }
    }

    fn article(&mut self, a: &Artikel) {
        let number = a.number.as_deref().unwrap_or("");
        let label = if a.label.eq_ignore_ascii_case("enig artikel") {
            "Enig artikel"
        } else {
            "Artikel"
        };
        self.heading(label, number, a.heading.as_ref(), a.repealed);
        if a.repealed && a.heading.is_some() {
            self.line(0, "[Vervallen]");
        }
        self.annotations(&a.annotations);
        self.container(&a.content, 0, 3);
        self.blank();
    }

    fn heading(&mut self, label: &str, number: &str, heading: Option<&Tekst>, repealed: bool) {
        let mut line = label.to_string();
        if !number.is_empty() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(number);
        }
        // A division's title that ends like a sentence ("Algemeen beheer.") goes on the
        // line after its number: on one line the parser reads a heading that ends in a
        // period as text (P015), so "Hoofdstuk 1 Algemeen beheer." would not read back as
        // a hoofdstuk (found by fuzzing). An article's title has no such form.
        let division =
            !label.eq_ignore_ascii_case("artikel") && !label.eq_ignore_ascii_case("enig artikel");
        let mut title_below = None;
        if let Some(h) = heading {
            if division && ends_like_sentence(&h.text) && !line.is_empty() {
                title_below = Some(h.text.as_str());
            } else {
                // A title that would extend the number ("Artikel X" titled "1 a" reads
                // as artikel X 1, "Artikel 76" titled "bis ..." as artikel 76 bis, and
                // "X" titled "1�" as no heading at all): those number forms take one
                // space, so two keep the title apart. A title that starts with a dash
                // and a space ("- r") loses the dash as the separator the grammar allows
                // after a number, so it gets a separator of its own (both found by
                // fuzzing, with control characters read as spaces between them).
                let gap = if number.is_empty() {
                    " "
                } else {
                    let reads = |gap: &str| {
                        classify_line(&format!("{line}{gap}{}", h.text)).map(|l| {
                            let n = l.number.map(|n| n.text.trim_end_matches('.'));
                            (
                                n == Some(number),
                                l.heading.map(|h| h.text) == Some(&h.text),
                            )
                        })
                    };
                    match reads(" ") {
                        Some((true, true)) => " ",
                        Some((true, false)) if reads(" - ") == Some((true, true)) => " - ",
                        Some((true, _)) => " ",
                        _ => "  ",
                    }
                };
                line.push_str(gap);
                line.push_str(&h.text);
            }
        } else if repealed {
            line.push_str(" [Vervallen]");
        }
        self.blank();
        self.line(0, &line);
        if let Some(title) = title_below {
            self.literal_line(0, title);
        }
        self.blank();
    }

    /// The blocks of a container whose own alinea's go at `alinea_indent` and whose lists
    /// start at `list_indent`.
    fn container(&mut self, content: &[Blok], alinea_indent: usize, list_indent: usize) {
        // After a lid or an onderdeel, a table row or a dash item goes on it whatever its
        // indent (`continues_item`): an alinea of this container that begins so is escaped
        // to stay this container's (found by fuzzing).
        let mut after_marked = false;
        for b in content {
            match b {
                Blok::Alinea(a) if after_marked && super::build::continues_item(&a.text) => {
                    self.line_of(alinea_indent, &["\\", &a.text]);
                }
                Blok::Alinea(a) => self.literal_line(alinea_indent, &a.text),
                Blok::Opmerking(o) => self.line_of(alinea_indent, &["// ", &o.text]),
                Blok::Lid(l) => {
                    self.lid(l);
                    after_marked = true;
                }
                Blok::Lijst(list) => {
                    after_marked |= !list.items.is_empty();
                    for item in &list.items {
                        let label = walk::item_label(item);
                        self.marked(
                            [&label, ""],
                            list_indent,
                            item.repealed,
                            item.term.as_ref(),
                            &item.content,
                        );
                    }
                }
            }
        }
    }

    fn lid(&mut self, l: &Lid) {
        self.marked([&l.number, "."], 0, l.repealed, None, &l.content);
    }

    /// A lid or onderdeel: its marker (in two pieces: a lid's number and its period), its
    /// first alinea on the marker line (or its term, with the definition on a `: ` line),
    /// the rest indented under it.
    fn marked(
        &mut self,
        marker: [&str; 2],
        indent: usize,
        repealed: bool,
        term: Option<&Tekst>,
        content: &[Blok],
    ) {
        let inner = indent + 3;
        let [number, dot] = marker;
        if repealed {
            self.line_of(indent, &[number, dot, " [Vervallen]"]);
            self.container(content, inner, inner);
            return;
        }
        let mut rest = content;
        if let Some(t) = term {
            self.line_of(indent, &[number, dot, " ", &t.text]);
            if let Some((Blok::Alinea(first), tail)) = content.split_first() {
                self.line_of(inner, &[": ", &first.text]);
                rest = tail;
            } else {
                // A term whose definition line is empty (`:` alone) is still a term: without
                // the line it would read back as plain text, and an item ending in a colon
                // would then take the list after it as its own (found by fuzzing).
                self.line(inner, ":");
            }
        } else if let Some((Blok::Alinea(first), tail)) = content.split_first() {
            self.line_of(indent, &[number, dot, " ", &first.text]);
            rest = tail;
        } else {
            self.line_of(indent, &[number, dot]);
            self.after_bare_marker = content.is_empty();
        }
        self.container(rest, inner, inner);
    }
}

#[cfg(test)]
#[path = "write_tests.rs"]
mod tests;
