//! The day-by-day walk over running time shared by elapsed and due-time
//! computation: O(days spanned + pauses).

use super::hours::{BusinessHours, Pause, FOREVER};

/// Sorted, disjoint `[start, end)` ms intervals of the union of the pauses
/// starting at or before `known_until` (empty ones dropped; open end = FOREVER).
pub(super) fn merge_pauses(pauses: &[Pause], known_until: i64) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = pauses
        .iter()
        .filter(|p| p.start.0 <= known_until)
        .map(|p| (p.start.0, p.end.map_or(FOREVER, |e| e.0)))
        .filter(|(s, e)| e > s)
        .collect();
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Yields, in order, the disjoint `[a, b)` stretches in `[from, until)` during
/// which the clock runs: inside an open interval and outside every pause.
/// Walks one local day per open interval and consumes pauses with one cursor.
pub(super) struct Active<'a> {
    hours: &'a BusinessHours,
    pauses: &'a [(i64, i64)],
    cursor: i64,
    until: i64,
    /// Next local day whose window has not been loaded.
    day: i64,
    /// End of the loaded window (the cursor is in it while `cursor < win_end`).
    win_end: i64,
}

impl<'a> Active<'a> {
    pub(super) fn new(
        hours: &'a BusinessHours,
        from: i64,
        until: i64,
        pauses: &'a [(i64, i64)],
    ) -> Self {
        Active {
            hours,
            pauses,
            cursor: from,
            until,
            day: hours.local_day(from),
            win_end: i64::MIN,
        }
    }
}

impl Iterator for Active<'_> {
    type Item = (i64, i64);

    fn next(&mut self) -> Option<(i64, i64)> {
        loop {
            if self.cursor >= self.until {
                return None;
            }
            // Drop pauses that are over; jump past the one covering the cursor.
            while self.pauses.first().is_some_and(|p| p.1 <= self.cursor) {
                self.pauses = &self.pauses[1..];
            }
            if let Some(&(ps, pe)) = self.pauses.first() {
                if ps <= self.cursor {
                    if pe == FOREVER {
                        return None;
                    }
                    self.cursor = pe;
                    continue;
                }
            }
            if self.cursor >= self.win_end {
                // Windows end by local midnight, so days before the cursor's
                // local day cannot contain it: skip straight there.
                self.day = self.day.max(self.hours.local_day(self.cursor));
                loop {
                    // Terminates: `BusinessHours` has an open weekday and finitely many holidays.
                    if self.hours.day_start(self.day) >= self.until {
                        return None;
                    }
                    let window = self.hours.window(self.day);
                    self.day += 1;
                    if let Some((open, close)) = window {
                        if close > self.cursor {
                            self.cursor = self.cursor.max(open);
                            self.win_end = close;
                            break;
                        }
                    }
                }
                continue;
            }
            let mut end = self.win_end.min(self.until);
            if let Some(&(ps, _)) = self.pauses.first() {
                end = end.min(ps);
            }
            let segment = (self.cursor, end);
            self.cursor = end;
            return Some(segment);
        }
    }
}
