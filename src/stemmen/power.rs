//! Voting power of blocs in a weighted majority game: the normalised Banzhaf index and the
//! Shapley-Shubik index, both exact, by enumerating coalitions (2^n for n blocs; a GR has
//! at most a few dozen deelnemers, and beyond 24 this returns `None` rather than guess).

/// Power indices for each bloc, in the order of `weights`.
#[derive(Debug, Clone, PartialEq)]
pub struct Power {
    pub banzhaf: Vec<f64>,
    pub shapley_shubik: Vec<f64>,
    /// Raw swing counts (for the hand-worked tests).
    pub swings: Vec<u64>,
}

/// The largest number of blocs computed exactly.
pub const MAX_BLOCS: usize = 24;

/// A coalition wins when its weight is at least `quota`.
pub fn indices(weights: &[u64], quota: u64) -> Option<Power> {
    let n = weights.len();
    if n == 0 || n > MAX_BLOCS {
        return None;
    }
    // Coalition weights by subset, built incrementally: w[s] = w[s without lowest bit] + ...
    let size = 1usize << n;
    let mut weight = vec![0u64; size];
    for s in 1..size {
        let low = s.trailing_zeros() as usize;
        weight[s] = weight[s & (s - 1)] + weights[low];
    }
    // factorial[k] as f64 is exact enough up to 24! for the ratios used here.
    let mut factorial = vec![1f64; n + 1];
    for k in 1..=n {
        factorial[k] = factorial[k - 1] * k as f64;
    }
    let mut swings = vec![0u64; n];
    let mut ss = vec![0f64; n];
    for (s, &w_s) in weight.iter().enumerate() {
        if w_s >= quota {
            continue; // only losing coalitions can be turned by a bloc joining
        }
        let k = (s as u64).count_ones() as usize;
        for (i, w) in weights.iter().enumerate() {
            if s & (1 << i) == 0 && w_s + w >= quota {
                swings[i] += 1;
                ss[i] += factorial[k] * factorial[n - k - 1];
            }
        }
    }
    let total: u64 = swings.iter().sum();
    let banzhaf = swings
        .iter()
        .map(|&x| {
            if total == 0 {
                0.0
            } else {
                x as f64 / total as f64
            }
        })
        .collect();
    let shapley_shubik = ss.iter().map(|x| x / factorial[n]).collect();
    Some(Power {
        banzhaf,
        shapley_shubik,
        swings,
    })
}

/// The quota of a simple majority of `total` votes: more than half.
pub fn majority_quota(total: u64) -> u64 {
    total / 2 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12)
    }

    #[test]
    fn hand_worked_two_one_one() {
        // Weights 2, 1, 1; total 4; majority quota 3. Winning: {A,B}, {A,C}, {A,B,C}.
        // A swings in all three, B only in {A,B}, C only in {A,C}: Banzhaf 3/5, 1/5, 1/5.
        // Orderings (6): A is pivotal in 4 (second in any, or ... ), B and C in 1 each.
        let p = indices(&[2, 1, 1], majority_quota(4)).unwrap();
        assert_eq!(p.swings, vec![3, 1, 1]);
        assert!(close(&p.banzhaf, &[0.6, 0.2, 0.2]), "{p:?}");
        assert!(
            close(&p.shapley_shubik, &[4.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0]),
            "{p:?}"
        );
    }

    #[test]
    fn a_dictator_and_dummies() {
        // 5 of 8 votes: A decides alone.
        let p = indices(&[5, 2, 1], majority_quota(8)).unwrap();
        assert!(close(&p.banzhaf, &[1.0, 0.0, 0.0]));
        assert!(close(&p.shapley_shubik, &[1.0, 0.0, 0.0]));
    }

    #[test]
    fn equal_weights_share_equally() {
        let p = indices(&[3, 3, 3, 3], majority_quota(12)).unwrap();
        assert!(close(&p.banzhaf, &[0.25; 4]));
        assert!(close(&p.shapley_shubik, &[0.25; 4]));
    }

    #[test]
    fn weight_is_not_power() {
        // 4, 3, 2 of 9 (quota 5): any two win, so all three have equal power.
        let p = indices(&[4, 3, 2], majority_quota(9)).unwrap();
        assert!(close(&p.banzhaf, &[1.0 / 3.0; 3]), "{p:?}");
        assert!(close(&p.shapley_shubik, &[1.0 / 3.0; 3]), "{p:?}");
    }

    #[test]
    fn shapley_shubik_sums_to_one() {
        let p = indices(&[10, 10, 6, 6, 6, 2], majority_quota(40)).unwrap();
        let s: f64 = p.shapley_shubik.iter().sum();
        assert!((s - 1.0).abs() < 1e-12);
        let b: f64 = p.banzhaf.iter().sum();
        assert!((b - 1.0).abs() < 1e-12);
    }
}
