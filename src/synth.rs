//! Large synthetic regelingen for benchmarks and stress tests, built from the shapes of
//! real ones: articles (with their leden, onderdelen and references) are drawn from
//! template regelingen, renumbered, grouped into hoofdstukken, and their internal
//! references are pointed at articles that exist in the synthetic text.
//!
//! Deterministic: the same templates, size and seed give the same text.

use crate::source::write;
use crate::tree::walk::articles;
use crate::tree::*;

/// A small, fast, deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// A `.gr` text of at least `target_bytes`, made of articles from `templates`.
pub fn regeling(templates: &[&Regeling], target_bytes: usize, seed: u64) -> String {
    let pool: Vec<&Artikel> = templates
        .iter()
        .flat_map(|r| articles(r))
        .filter(|a| !a.content.is_empty())
        .collect();
    assert!(!pool.is_empty(), "templates without articles");
    let mut rng = Rng::new(seed);
    let average = pool.iter().map(|a| approx_len(a)).sum::<usize>() / pool.len();
    let total_articles = (target_bytes / average.max(1)).max(1) + 1;
    let mut body = Vec::new();
    let mut number = 0usize;
    let mut chapter = 0usize;
    while number < total_articles {
        chapter += 1;
        let in_chapter = 8 + rng.below(12);
        let mut content = Vec::new();
        for _ in 0..in_chapter {
            number += 1;
            let mut a = pool[rng.below(pool.len())].clone();
            a.number = Some(number.to_string());
            a.repealed = false;
            retarget(&mut a.content, total_articles, &mut rng);
            content.push(Deel::Artikel(a));
            if number >= total_articles {
                break;
            }
        }
        body.push(Deel::Hoofdstuk(Hoofdstuk {
            number: chapter.to_string(),
            heading: Some(Tekst {
                text: format!("Bepalingen deel {chapter}"),
                span: Span::default(),
            }),
            content,
            ..Hoofdstuk::default()
        }));
    }
    let template = templates[0];
    let r = Regeling {
        metadata: Metadata {
            title: Some(format!("Synthetische regeling ({seed})")),
            kind: template.metadata.kind,
            participants: template.metadata.participants.clone(),
            // With population data named, `grc check` runs the voting analysis over the
            // whole text (the templates' voting articles are drawn like any other).
            population_file: template.metadata.population_file.clone(),
            ..Metadata::default()
        },
        title: Some(Tekst {
            text: format!("Synthetische regeling ({seed})"),
            span: Span::default(),
        }),
        preamble: template.preamble.clone(),
        body,
        ..Regeling::default()
    };
    let mut out = write(&r);
    out.push('\n');
    out
}

fn approx_len(a: &Artikel) -> usize {
    let mut s = String::new();
    walk::block_text(&a.content, &mut s);
    s.len() + 40
}

/// Points every "artikel N" in the text at a random existing article.
fn retarget(content: &mut [Blok], max: usize, rng: &mut Rng) {
    for b in content {
        match b {
            Blok::Alinea(a) => a.text = retarget_text(&a.text, max, rng),
            Blok::Lid(l) => retarget(&mut l.content, max, rng),
            Blok::Lijst(list) => {
                for item in &mut list.items {
                    retarget(&mut item.content, max, rng);
                }
            }
            Blok::Opmerking(_) => {}
        }
    }
}

fn retarget_text(text: &str, max: usize, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find("rtikel ") {
        let (before, after) = rest.split_at(at + "rtikel ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push_str(&(1 + rng.below(max)).to_string());
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// A large old/new pair for the diff benchmark: `old` and `new` repeated until the old
/// text reaches `target_bytes`, copy `k` with its hoofdstukken and articles renumbered by
/// the same offset on both sides (so the pair has exactly the edits of the original pair,
/// `copies` times). Returns both texts.
pub fn pair(old: &Regeling, new: &Regeling, target_bytes: usize) -> (String, String) {
    let one = crate::source::write(old).len().max(1);
    let copies = target_bytes.div_ceil(one).max(1);
    let grow = |r: &Regeling| {
        let mut out = r.clone();
        out.body.clear();
        for k in 0..copies {
            for d in &r.body {
                let mut d = d.clone();
                offset(&mut d, k);
                out.body.push(d);
            }
        }
        crate::tree::eid::assign(&mut out);
        crate::source::write(&out)
    };
    (grow(old), grow(new))
}

/// Adds `k * 1000` to the number of a hoofdstuk and of every article in it (`20a` →
/// `1020a`), so copies never share a number.
fn offset(d: &mut Deel, k: usize) {
    let shift = |n: &str| -> String {
        let digits: String = n.chars().take_while(|c| c.is_ascii_digit()).collect();
        match digits.parse::<usize>() {
            Ok(v) => format!("{}{}", v + k * 1000, &n[digits.len()..]),
            Err(_) => n.to_string(),
        }
    };
    match d {
        Deel::Hoofdstuk(h) => {
            h.number = shift(&h.number);
            for c in &mut h.content {
                offset(c, k);
            }
        }
        Deel::Paragraaf(p) => {
            for c in &mut p.content {
                offset(c, k);
            }
        }
        Deel::Artikel(a) => a.number = a.number.as_deref().map(shift),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retargeting_keeps_text_and_changes_numbers() {
        let mut rng = Rng::new(7);
        let t = retarget_text(
            "zie artikel 12, eerste lid, en Artikel 3 van de wet",
            5,
            &mut rng,
        );
        assert!(t.starts_with("zie artikel "));
        assert!(t.contains(", eerste lid, en Artikel "));
        assert!(!t.contains("12"));
    }

    #[test]
    fn rng_is_deterministic() {
        let (mut a, mut b) = (Rng::new(42), Rng::new(42));
        for _ in 0..10 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }
}
