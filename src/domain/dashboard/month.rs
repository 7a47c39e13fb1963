//! Calendar months in the workspace's local time, the buckets of every
//! monthly series. Unlike the board's `(year, month)` forecast key (UTC), a
//! [`Month`] is one integer, so "twelve months earlier" and "the next month"
//! are plain arithmetic, and its boundaries honour the workspace's UTC offset.

use crate::domain::records::PeriodFigures;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

const MS_PER_MIN: i64 = 60_000;

/// A calendar month: `year × 12 + (month − 1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month(pub i32);

impl Month {
    /// The month `month` (1..=12) of `year`; `None` for a month out of range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12)
            .contains(&month)
            .then(|| Month(year * 12 + month as i32 - 1))
    }

    /// Reads `YYYY-MM` (a period document's month).
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = PeriodFigures::parse_month(s)?;
        Month::new(y, m)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month of the year, 1..=12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// `YYYY-MM`, the form period documents use.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year(), self.month())
    }

    /// The month `n` months later (earlier for a negative `n`).
    pub fn plus(self, n: i32) -> Month {
        Month(self.0 + n)
    }

    /// The month `t` falls in, at `offset_min` minutes east of UTC.
    pub fn of(t: Timestamp, offset_min: i32) -> Month {
        let local = Timestamp(t.0.saturating_add(i64::from(offset_min) * MS_PER_MIN));
        let (y, m, _) = local.ymd();
        Month((y as i32).saturating_mul(12).saturating_add(m as i32 - 1))
    }

    /// The first instant of the month (local midnight of its first day) at
    /// `offset_min` minutes east of UTC.
    pub fn start(self, offset_min: i32) -> Timestamp {
        let midnight =
            Timestamp::from_ymd(i64::from(self.year()), self.month(), 1).unwrap_or_default();
        midnight.plus_ms(-i64::from(offset_min) * MS_PER_MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_follow_the_local_calendar() {
        // 2026-01-31T20:00Z is 2026-02-01T03:00 in Vietnam (+07:00 = 420 min).
        let t = Timestamp::parse("2026-01-31T20:00:00Z").unwrap();
        assert_eq!(Month::of(t, 0), Month::new(2026, 1).unwrap());
        assert_eq!(Month::of(t, 420), Month::new(2026, 2).unwrap());
        // February starts at 2026-01-31T17:00Z in Vietnam.
        assert_eq!(
            Month::new(2026, 2).unwrap().start(420),
            Timestamp::parse("2026-01-31T17:00:00Z").unwrap()
        );
    }

    #[test]
    fn month_arithmetic_and_keys() {
        let m = Month::parse("2026-03").unwrap();
        assert_eq!((m.year(), m.month()), (2026, 3));
        assert_eq!(m.plus(-12).key(), "2025-03");
        assert_eq!(m.plus(10).key(), "2027-01");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::new(2026, 0), None);
    }
}
