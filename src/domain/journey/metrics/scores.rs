//! Survey scores and medians (docs/domain.md#metrics): NPS, CSAT, CES, from plain score
//! lists (the public functions) or from score histograms (the hot path).

/// NPS from scores on the 0–10 scale: % promoters (9–10) − % detractors
/// (0–6), −100..=100; `None` when there are no scores.
pub fn nps(scores: &[u8]) -> Option<f64> {
    let promoters = scores.iter().filter(|&&s| s >= 9).count();
    let detractors = scores.iter().filter(|&&s| s <= 6).count();
    nps_of(promoters as u64, detractors as u64, scores.len() as u64)
}

/// CSAT from scores on the 1–5 scale: % of scores that are 4 or 5 (0..=100);
/// `None` when there are no scores.
pub fn csat(scores: &[u8]) -> Option<f64> {
    let satisfied = scores.iter().filter(|&&s| s >= 4).count();
    percent(satisfied as u64, scores.len() as u64)
}

/// CES from scores on the 1–7 scale: the mean score; `None` when there are no scores.
pub fn ces(scores: &[u8]) -> Option<f64> {
    let sum: u64 = scores.iter().map(|&s| u64::from(s)).sum();
    mean(sum as f64, scores.len() as u64)
}

/// The median of `values` (the mean of the middle two for an even count),
/// sorting them in place; `None` when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

fn nps_of(promoters: u64, detractors: u64, total: u64) -> Option<f64> {
    (total > 0).then(|| (promoters as f64 - detractors as f64) * 100.0 / total as f64)
}

fn percent(part: u64, total: u64) -> Option<f64> {
    (total > 0).then(|| part as f64 * 100.0 / total as f64)
}

fn mean(sum: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| sum / n as f64)
}

/// Counts of each score 0..=10 of one survey kind.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Histogram([u32; 11]);

impl Histogram {
    /// Counts one score (scores above 10 are dropped at index time).
    pub(super) fn add(&mut self, score: u8) {
        if let Some(n) = self.0.get_mut(usize::from(score)) {
            *n += 1;
        }
    }

    /// How many scores were counted.
    pub(super) fn total(&self) -> u64 {
        self.0.iter().map(|&n| u64::from(n)).sum()
    }

    fn count(&self, scores: std::ops::RangeInclusive<usize>) -> u64 {
        self.0[scores].iter().map(|&n| u64::from(n)).sum()
    }

    /// [`nps`] of the counted scores.
    pub(super) fn nps(&self) -> Option<f64> {
        nps_of(self.count(9..=10), self.count(0..=6), self.total())
    }

    /// [`csat`] of the counted scores.
    pub(super) fn csat(&self) -> Option<f64> {
        percent(self.count(4..=10), self.total())
    }

    /// [`ces`] of the counted scores.
    pub(super) fn ces(&self) -> Option<f64> {
        let sum: u64 = (0u64..)
            .zip(self.0.iter())
            .map(|(s, &n)| s * u64::from(n))
            .sum();
        mean(sum as f64, self.total())
    }
}
