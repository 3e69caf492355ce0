//! A readable outline of the tree (`grc tree --format text`): every structural node on
//! one line with its eId, text shortened.

use super::walk::item_label;
use super::*;

/// The outline, one node per line, indented by depth.
pub fn outline(r: &Regeling) -> String {
    let mut out = String::new();
    out.push_str(r.display_title());
    out.push('\n');
    let m = &r.metadata;
    let mut facts = vec![r.file.clone()];
    if let Some(k) = m.kind {
        facts.push(k.dutch().to_string());
    }
    if !m.participants.is_empty() {
        facts.push(format!("{} deelnemers", m.participants.len()));
    }
    if let Some(d) = &m.entry_into_force {
        facts.push(format!("in werking {d}"));
    }
    out.push_str(&facts.join(" · "));
    out.push_str("\n\n");
    if let Some(b) = r.preceding_decision.as_deref() {
        line(&mut out, 0, "voorafgaand besluit", "decision");
        if let Some(t) = &b.title {
            line(&mut out, 1, &format!("titel: {}", short(&t.text)), "");
        }
        if let Some(a) = &b.preamble {
            line(&mut out, 1, "aanhef", &a.eid);
            blocks(&mut out, 2, &a.content);
        }
        parts(&mut out, 1, &b.body);
        if let Some(s) = &b.closing {
            line(&mut out, 1, "sluiting", &s.eid);
            blocks(&mut out, 2, &s.content);
        }
    }
    if let Some(t) = &r.title {
        line(&mut out, 0, &format!("titel: {}", short(&t.text)), "");
    }
    if let Some(a) = &r.preamble {
        line(&mut out, 0, "aanhef", &a.eid);
        blocks(&mut out, 1, &a.content);
    }
    parts(&mut out, 0, &r.body);
    if let Some(s) = &r.closing {
        line(&mut out, 0, "sluiting", &s.eid);
        blocks(&mut out, 1, &s.content);
    }
    for b in &r.annexes {
        let mut label = "Bijlage".to_string();
        if let Some(n) = &b.number {
            label.push_str(&format!(" {n}"));
        }
        if let Some(h) = &b.heading {
            label.push_str(&format!(" {}", h.text));
        }
        line(&mut out, 0, &label, &b.eid);
        blocks(&mut out, 1, &b.content);
    }
    if let Some(t) = &r.explanation {
        line(
            &mut out,
            0,
            &format!("toelichting ({} alinea's)", t.content.len()),
            &t.eid,
        );
    }
    out
}

fn line(out: &mut String, depth: usize, label: &str, eid: &str) {
    let indent = "  ".repeat(depth);
    let left = format!("{indent}{label}");
    if eid.is_empty() {
        out.push_str(&left);
    } else {
        let width = left.chars().count();
        let pad = if width < 60 { 60 - width } else { 1 };
        out.push_str(&left);
        out.push_str(&" ".repeat(pad));
        out.push_str(eid);
    }
    out.push('\n');
}

fn short(text: &str) -> String {
    let plain = inline::plain(text);
    let mut s: String = plain.chars().take(40).collect();
    if plain.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// The database's notes under a heading (`aantekening: Vervallen per 01-07-2010`).
fn notes(out: &mut String, depth: usize, annotations: &[Tekst]) {
    for n in annotations {
        line(out, depth, &format!("aantekening: {}", short(&n.text)), "");
    }
}

fn parts(out: &mut String, depth: usize, parts_: &[Deel]) {
    for p in parts_ {
        match p {
            Deel::Hoofdstuk(h) => {
                let heading = h
                    .heading
                    .as_ref()
                    .map_or(String::new(), |t| format!(" {}", t.text));
                line(
                    out,
                    depth,
                    &format!("Hoofdstuk {}{heading}", h.number),
                    &h.eid,
                );
                notes(out, depth + 1, &h.annotations);
                parts(out, depth + 1, &h.content);
            }
            Deel::Paragraaf(s) => {
                let heading = s
                    .heading
                    .as_ref()
                    .map_or(String::new(), |t| format!(" {}", t.text));
                let label = if s.label.is_empty() {
                    s.number.clone()
                } else {
                    format!("{} {}", s.label, s.number)
                };
                line(out, depth, &format!("{label}{heading}"), &s.eid);
                notes(out, depth + 1, &s.annotations);
                parts(out, depth + 1, &s.content);
            }
            Deel::Artikel(a) => {
                let mut label = a.label_with_number();
                if let Some(h) = &a.heading {
                    label.push(' ');
                    label.push_str(&h.text);
                }
                if a.repealed {
                    label.push_str(" [vervallen]");
                }
                line(out, depth, &label, &a.eid);
                notes(out, depth + 1, &a.annotations);
                blocks(out, depth + 1, &a.content);
            }
            Deel::Alinea(a) => line(out, depth, &format!("tekst: {}", short(&a.text)), &a.eid),
            Deel::Opmerking(o) => line(out, depth, &format!("// {}", short(&o.text)), ""),
        }
    }
}

fn blocks(out: &mut String, depth: usize, content: &[Blok]) {
    for b in content {
        match b {
            Blok::Lid(l) => {
                let mut label = format!("lid {}", l.number);
                if l.repealed {
                    label.push_str(" [vervallen]");
                }
                line(out, depth, &label, &l.eid);
                blocks(out, depth + 1, &l.content);
            }
            Blok::Alinea(a) => line(out, depth, &format!("alinea: {}", short(&a.text)), &a.eid),
            Blok::Lijst(list) => {
                line(
                    out,
                    depth,
                    &format!("lijst ({} onderdelen)", list.items.len()),
                    &list.eid,
                );
                for item in &list.items {
                    let mut label = item_label(item);
                    if let Some(t) = &item.term {
                        label.push_str(&format!(" begrip: {}", short(&t.text)));
                    }
                    if item.repealed {
                        label.push_str(" [vervallen]");
                    }
                    line(out, depth + 1, &label, &item.eid);
                    blocks(out, depth + 2, &item.content);
                }
            }
            Blok::Opmerking(o) => line(out, depth, &format!("// {}", short(&o.text)), ""),
        }
    }
}
