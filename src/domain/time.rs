//! UTC timestamps stored as ISO-8601 strings (`2026-11-22T19:20:52.000Z`).
//!
//! The string form sorts lexicographically in time order, which lets IndexedDB
//! range queries on `occurred_at` work without conversion.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Milliseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Timestamp {
    /// A timestamp at midnight UTC of the given date; `None` for an impossible date.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Self> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Timestamp(days_from_civil(y, m, d) * MS_PER_DAY))
    }

    /// Adds whole days (negative goes back).
    pub fn plus_days(self, days: i64) -> Self {
        Timestamp(self.0 + days * MS_PER_DAY)
    }

    /// Adds milliseconds.
    pub fn plus_ms(self, ms: i64) -> Self {
        Timestamp(self.0 + ms)
    }

    /// Whole days from `self` to `later` (floor).
    pub fn days_until(self, later: Timestamp) -> i64 {
        (later.0 - self.0).div_euclid(MS_PER_DAY)
    }

    /// The (year, month, day) in UTC.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0.div_euclid(MS_PER_DAY))
    }

    /// `YYYY-MM-DD`, used for grouping by day.
    pub fn date_string(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` (a `+00:00` offset is accepted too).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let date = Self::from_ymd(num(0..4)?, num(5..7)? as u32, num(8..10)? as u32)?;
        if b.len() == 10 {
            return Some(date);
        }
        if b[10] != b'T' && b[10] != b' ' {
            return None;
        }
        let rest = &s[11..];
        let rest = rest
            .strip_suffix('Z')
            .or_else(|| rest.strip_suffix("+00:00"))?;
        let (hms, frac) = match rest.split_once('.') {
            Some((a, f)) => (a, Some(f)),
            None => (rest, None),
        };
        let parts: Vec<&str> = hms.split(':').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return None;
        }
        let field = |p: &str, max: i64| -> Option<i64> {
            if p.len() != 2 || !p.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let v: i64 = p.parse().ok()?;
            (v <= max).then_some(v)
        };
        let h = field(parts[0], 23)?;
        let mi = field(parts[1], 59)?;
        let sec = match parts.get(2) {
            Some(p) => field(p, 59)?,
            None => 0,
        };
        let ms = match frac {
            Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|c| c.is_ascii_digit()) => {
                let padded = format!("{f:0<3}");
                padded[..3].parse::<i64>().ok()?
            }
            Some(_) => return None,
            None => 0,
        };
        Some(date.plus_ms(((h * 60 + mi) * 60 + sec) * 1000 + ms))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        let ms_of_day = self.0.rem_euclid(MS_PER_DAY);
        let (h, rem) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (mi, rem) = (rem / 60_000, rem % 60_000);
        let (s, ms) = (rem / 1000, rem % 1000);
        write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO-8601 UTC time: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_iso_strings() {
        let t = Timestamp::parse("2026-11-22T19:20:52.123Z").unwrap();
        assert_eq!(t.to_string(), "2026-11-22T19:20:52.123Z");
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            Timestamp::parse("2024-02-29").unwrap().to_string(),
            "2024-02-29T00:00:00.000Z"
        );
        assert_eq!(
            Timestamp::parse("1969-12-31T23:59:59Z").unwrap(),
            Timestamp(-1000)
        );
    }

    #[test]
    fn rejects_impossible_dates_and_times() {
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-11-22T24:00:00Z",
            "2026-11-22T10:61Z",
            "22/11/2026",
            "2026-11-22T10:00:00+07:00",
            "",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn strings_sort_in_time_order() {
        let a = Timestamp::parse("2025-12-31T23:59:59.999Z").unwrap();
        let b = a.plus_ms(1);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.days_until(b.plus_days(3)), 3);
    }
}
