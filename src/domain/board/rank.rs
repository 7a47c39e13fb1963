//! Card order within a column: fractional ranks. A rank is a string of base-36
//! digits compared byte-wise; there is always a rank between two others, so a
//! move rewrites only the moved cards, never their neighbours.

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn value(b: u8) -> Option<u32> {
    DIGITS.iter().position(|d| *d == b).map(|p| p as u32)
}

/// True when `s` is a usable rank: non-empty base-36 lower-case digits not ending in `0`.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty() && !s.ends_with('0') && s.bytes().all(|b| value(b).is_some())
}

/// A rank strictly between `before` and `after` (`None` = open end).
/// Both bounds must be valid ranks with `before < after`; invalid bounds are
/// treated as open, so the result is always a valid rank.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let a: Vec<u32> = before
        .filter(|s| is_valid(s))
        .map(|s| s.bytes().filter_map(value).collect())
        .unwrap_or_default();
    let b: Option<Vec<u32>> = after
        .filter(|s| is_valid(s))
        .map(|s| s.bytes().filter_map(value).collect());
    let b = match b {
        Some(b) if b > a => Some(b),
        _ => None,
    };
    let digits = midpoint(&a, b.as_deref());
    digits.iter().map(|d| DIGITS[*d as usize] as char).collect()
}

/// Digits strictly between `a` (padded with zeros) and `b` (`None` = 1.0).
fn midpoint(a: &[u32], b: Option<&[u32]>) -> Vec<u32> {
    let at = |i: usize| a.get(i).copied().unwrap_or(0);
    if let Some(b) = b {
        // Keep the common prefix, then split the rest.
        let n = b
            .iter()
            .enumerate()
            .take_while(|(i, d)| at(*i) == **d)
            .count();
        if n > 0 {
            let mut out = b[..n].to_vec();
            out.extend(midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..])));
            return out;
        }
    }
    let da = at(0);
    let db = b.and_then(|b| b.first().copied()).unwrap_or(36);
    if db - da > 1 {
        vec![(da + db) / 2]
    } else if b.is_some_and(|b| b.len() > 1) {
        vec![db]
    } else {
        let mut out = vec![da];
        out.extend(midpoint(a.get(1..).unwrap_or(&[]), None));
        out
    }
}

/// `n` increasing ranks strictly between `before` and `after`, kept short by bisection.
pub fn spread(before: Option<&str>, after: Option<&str>, n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let mid = between(before, after);
    let left = (n - 1) / 2;
    let mut out = spread(before, Some(&mid), left);
    out.push(mid.clone());
    out.extend(spread(Some(&mid), after, n - 1 - left));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_open_ends_and_neighbours() {
        assert_eq!(between(None, None), "i");
        assert!(between(Some("i"), None).as_str() > "i");
        assert!(between(None, Some("1")).as_str() < "1");
        let m = between(Some("a"), Some("b"));
        assert!("a" < m.as_str() && m.as_str() < "b", "{m}");
        let m = between(Some("a1"), Some("a2"));
        assert!("a1" < m.as_str() && m.as_str() < "a2", "{m}");
    }

    #[test]
    fn spread_is_increasing_and_short() {
        let r = spread(None, None, 10_000);
        assert!(r.windows(2).all(|w| w[0] < w[1]));
        assert!(r.iter().all(|s| s.len() <= 4 && is_valid(s)));
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn between_is_strictly_between(a in "[0-9a-z]{0,6}[1-9a-z]", b in "[0-9a-z]{0,6}[1-9a-z]") {
                let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                prop_assume!(lo != hi);
                let m = between(Some(&lo), Some(&hi));
                prop_assert!(lo < m && m < hi, "{lo} < {m} < {hi}");
                prop_assert!(is_valid(&m));
            }

            #[test]
            fn repeated_inserts_keep_order(steps in proptest::collection::vec(0usize..1000, 1..200)) {
                let mut ranks: Vec<String> = Vec::new();
                for s in steps {
                    let i = if ranks.is_empty() { 0 } else { s % (ranks.len() + 1) };
                    let before = i.checked_sub(1).map(|j| ranks[j].as_str());
                    let r = between(before, ranks.get(i).map(String::as_str));
                    ranks.insert(i, r);
                }
                prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
