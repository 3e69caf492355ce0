//! Numbers written the Dutch way, for messages and documents: `40.000`, `25,0%`, `0,259`.

/// `40000` → `40.000`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `0.25` → `25,0%`.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0).replace('.', ",")
}

/// `0.1234` → `0,123`.
pub fn decimal3(x: f64) -> String {
    format!("{x:.3}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(thousands(40_000), "40.000");
        assert_eq!(thousands(109_896), "109.896");
        assert_eq!(thousands(999), "999");
        assert_eq!(percent(0.25), "25,0%");
        assert_eq!(decimal3(0.25862), "0,259");
    }
}
