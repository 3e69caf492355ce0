//! Population data: a CSV with the columns `gemeente,inwoners,peildatum` and optionally
//! `bron` (the source, shown on the stemverhouding page); more columns are allowed and
//! ignored. Parsing is pure and reports every bad line
//! with its line and column, in Dutch.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::tree::Span;

/// One municipality's population on a peildatum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Population {
    pub name: String,
    pub population: u64,
    pub reference_date: String,
    /// Where the figure comes from (the `bron` column; empty without one).
    pub source: String,
}

/// Reads the CSV text of `file`.
pub fn parse(file: &str, text: &str) -> (Vec<Population>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut offset = 0u32;
    let mut columns: Option<(usize, usize, usize)> = None;
    let mut source_column: Option<usize> = None;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += raw.len() as u32;
        // `column` counts characters from 1; the span covers the rest of that field.
        let at = |column: u32, msg: String| {
            let from: usize = line
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map_or(line.len(), |(b, _)| b);
            let to = line[from..].find(',').map_or(line.len(), |k| from + k);
            Diagnostic::new("V011", msg).at(
                file,
                Span {
                    line: i as u32 + 1,
                    column,
                    start: start + from as u32,
                    end: start + to as u32,
                },
            )
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line
            .trim_start_matches('\u{feff}')
            .split(',')
            .map(str::trim)
            .collect();
        let Some((g, n, d)) = columns else {
            let find = |name: &str| fields.iter().position(|f| f.eq_ignore_ascii_case(name));
            match (find("gemeente"), find("inwoners"), find("peildatum")) {
                (Some(g), Some(n), Some(d)) => {
                    columns = Some((g, n, d));
                    source_column = find("bron");
                }
                _ => {
                    diags.push(at(
                        1,
                        "de eerste regel moet de kolommen noemen: gemeente,inwoners,peildatum"
                            .into(),
                    ));
                    return (out, diags);
                }
            }
            continue;
        };
        let get = |k: usize| fields.get(k).copied().unwrap_or("");
        let column_of = |k: usize| {
            1 + fields[..k.min(fields.len())]
                .iter()
                .map(|f| f.chars().count() as u32 + 1)
                .sum::<u32>()
        };
        if get(g).is_empty() {
            diags.push(at(column_of(g), "de gemeente ontbreekt".into()));
            continue;
        }
        let digits: String = get(n)
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '_'))
            .collect();
        let Ok(population) = digits.parse::<u64>() else {
            diags.push(at(
                column_of(n),
                format!(
                    "\"{}\" is geen inwonertal (een geheel getal, bijvoorbeeld 36084)",
                    get(n)
                ),
            ));
            continue;
        };
        if out.iter().any(|p: &Population| p.name == get(g)) {
            diags.push(at(
                column_of(g),
                format!("{} staat er twee keer in", get(g)),
            ));
            continue;
        }
        out.push(Population {
            name: get(g).to_string(),
            population,
            reference_date: get(d).to_string(),
            source: source_column.map(get).unwrap_or_default().to_string(),
        });
    }
    (out, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_shipped_file_shape() {
        let (p, d) = parse(
            "i.csv",
            "gemeente,inwoners,peildatum,bron\nAlkmaar,109896,2021-01-01,CBS\nDijk en Waard,86.714,2021-01-01,afgeleid\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p[1].name, "Dijk en Waard");
        assert_eq!(p[1].population, 86_714);
    }

    #[test]
    fn bad_lines_are_located() {
        let (p, d) = parse(
            "i.csv",
            "gemeente,inwoners,peildatum\nAlkmaar,veel,2021-01-01\nAlkmaar,1,x\nAlkmaar,2,x\n",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].line, d[0].column), (2, 9));
        assert!(d[0].message.contains("\"veel\" is geen inwonertal"));
        assert!(d[1].message.contains("twee keer"));
        let (_, d) = parse("i.csv", "naam;aantal\n");
        assert!(d[0].message.contains("gemeente,inwoners,peildatum"));
    }
}
