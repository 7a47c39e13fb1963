//! Business hours, pauses and business-time arithmetic (elapsed, due, clock).

use super::walk::{merge_pauses, Active};
use super::ClockState;
use crate::domain::time::Timestamp;

const MS_PER_MIN: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;
const MIN_PER_DAY: u16 = 1440;
const MAX_OFFSET_MIN: i32 = 14 * 60;
/// End of an open-ended pause, and "no upper bound" for a walk.
pub(super) const FOREVER: i64 = i64::MAX;

/// Why business hours could not be built. Variants carry only the offending
/// value so the UI can translate by variant.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// A day's interval closes at or before it opens.
    #[error("opening hours must close after they open (opens at minute {open}, closes at minute {close})")]
    EmptyInterval {
        /// Opening minute after local midnight.
        open: u16,
        /// Closing minute after local midnight.
        close: u16,
    },
    /// A minute of day past 24:00 (1440).
    #[error("minute of day {0} is past 24:00 (at most 1440)")]
    MinuteOutOfRange(u16),
    /// A UTC offset beyond ±14 hours (±840 minutes).
    #[error("UTC offset of {0} minutes is outside ±14 hours")]
    OffsetOutOfRange(i32),
    /// A holiday that is not a real `YYYY-MM-DD` date.
    #[error("holiday {0:?} is not a YYYY-MM-DD date")]
    BadDate(String),
    /// Every weekday is closed, so no clock could ever run.
    #[error("business hours have no open day in the week")]
    NeverOpen,
    /// A first-response or resolution target of zero minutes.
    #[error("SLA targets must be at least one minute")]
    ZeroTarget,
}

/// One day's open interval `[open_min, close_min)` in local minutes after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenHours {
    open_min: u16,
    close_min: u16,
}

impl OpenHours {
    /// Open around the clock (00:00–24:00).
    pub const ALL_DAY: OpenHours = OpenHours {
        open_min: 0,
        close_min: MIN_PER_DAY,
    };

    /// An interval, e.g. `OpenHours::new(8 * 60, 17 * 60 + 30)` for 08:00–17:30.
    pub fn new(open_min: u16, close_min: u16) -> Result<Self, SlaError> {
        for m in [open_min, close_min] {
            if m > MIN_PER_DAY {
                return Err(SlaError::MinuteOutOfRange(m));
            }
        }
        if close_min <= open_min {
            return Err(SlaError::EmptyInterval {
                open: open_min,
                close: close_min,
            });
        }
        Ok(OpenHours {
            open_min,
            close_min,
        })
    }

    /// Opening minute after local midnight.
    pub fn open_min(self) -> u16 {
        self.open_min
    }

    /// Closing minute after local midnight (exclusive; 1440 = midnight).
    pub fn close_min(self) -> u16 {
        self.close_min
    }
}

/// When SLA clocks run: weekly open hours, a fixed UTC offset and holidays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessHours {
    /// Monday..Sunday.
    week: [Option<OpenHours>; 7],
    utc_offset_min: i32,
    /// Sorted, deduplicated local day numbers (days since 1970-01-01).
    holidays: Vec<i64>,
}

impl BusinessHours {
    /// Builds business hours from the open interval of each weekday
    /// (index 0 = Monday … 6 = Sunday; `None` = closed), the workspace's UTC
    /// offset in minutes (+07:00 = `420`) and holiday dates (`YYYY-MM-DD`, local
    /// calendar dates on which nothing counts).
    pub fn new(
        week: [Option<OpenHours>; 7],
        utc_offset_min: i32,
        holidays: &[&str],
    ) -> Result<Self, SlaError> {
        if !(-MAX_OFFSET_MIN..=MAX_OFFSET_MIN).contains(&utc_offset_min) {
            return Err(SlaError::OffsetOutOfRange(utc_offset_min));
        }
        if week.iter().all(Option::is_none) {
            return Err(SlaError::NeverOpen);
        }
        BusinessHours {
            week,
            utc_offset_min,
            holidays: Vec::new(),
        }
        .with_holidays(holidays)
    }

    /// 24×7 at UTC with no holidays: business minutes are wall-clock minutes.
    pub fn always() -> Self {
        BusinessHours {
            week: [Some(OpenHours::ALL_DAY); 7],
            utc_offset_min: 0,
            holidays: Vec::new(),
        }
    }

    /// The same hours Monday to Friday, closed at the weekend, no holidays.
    pub fn weekdays(hours: OpenHours, utc_offset_min: i32) -> Result<Self, SlaError> {
        let mut week = [None; 7];
        week[..5].fill(Some(hours));
        Self::new(week, utc_offset_min, &[])
    }

    /// The same hours with these holidays added.
    pub fn with_holidays(mut self, holidays: &[&str]) -> Result<Self, SlaError> {
        for h in holidays {
            let day = (h.len() == 10)
                .then(|| Timestamp::parse(h))
                .flatten()
                .ok_or_else(|| SlaError::BadDate((*h).to_owned()))?;
            self.holidays.push(day.0.div_euclid(MS_PER_DAY));
        }
        self.holidays.sort_unstable();
        self.holidays.dedup();
        Ok(self)
    }

    /// A weekday's open hours (0 = Monday … 6 = Sunday); `None` when closed or
    /// the index is out of range.
    pub fn day(&self, weekday: usize) -> Option<OpenHours> {
        self.week.get(weekday).copied().flatten()
    }

    /// The workspace's UTC offset in minutes.
    pub fn utc_offset_min(&self) -> i32 {
        self.utc_offset_min
    }

    /// Holiday dates as `YYYY-MM-DD`, in order.
    pub fn holidays(&self) -> Vec<String> {
        self.holidays
            .iter()
            .map(|&d| Timestamp(d * MS_PER_DAY).date_string())
            .collect()
    }

    /// Business minutes between `from` and `to` (0 when `to <= from`), excluding
    /// closed hours, closed days, holidays and the union of `pauses` (an
    /// open-ended pause counts as paused up to `to`). Rounded down.
    pub fn business_minutes(&self, from: Timestamp, to: Timestamp, pauses: &[Pause]) -> i64 {
        self.active_ms(from.0, to.0, &merge_pauses(pauses, FOREVER))
            .div_euclid(MS_PER_MIN)
    }

    /// When `target_min` business minutes after `start` are reached, given the
    /// pauses known so far. The result is the earliest instant `t` with
    /// `business_minutes(start, t) == target_min`; a target of 0 is due at
    /// `start`. If an open-ended pause stops the clock before the target is
    /// reached, the due time is unknown and [`Due::Paused`] says how much was
    /// left when it stopped.
    pub fn due_at(&self, start: Timestamp, target_min: u32, pauses: &[Pause]) -> Due {
        let need = i64::from(target_min) * MS_PER_MIN;
        match self.advance(start.0, need, &merge_pauses(pauses, FOREVER)) {
            Ok(t) => Due::At(Timestamp(t)),
            Err(used) => Due::Paused {
                left_min: floor_min(need - used),
            },
        }
    }

    /// The state of one SLA clock that started at `start` with a target of
    /// `target_min` business minutes and stopped at `stopped_at` (first response
    /// or resolution), as seen at `now`. Pauses starting after `now` are not yet
    /// known and are ignored.
    ///
    /// Reaching the target exactly is still met; one millisecond more is a breach.
    /// `Running` covers nights and weekends too (the clock resumes at the next
    /// opening); `due_at` then lies in the next open interval.
    pub fn clock(
        &self,
        start: Timestamp,
        target_min: u32,
        stopped_at: Option<Timestamp>,
        pauses: &[Pause],
        now: Timestamp,
    ) -> ClockState {
        let target = i64::from(target_min) * MS_PER_MIN;
        let pauses = merge_pauses(pauses, now.0);
        if let Some(at) = stopped_at {
            let used = self.active_ms(start.0, at.0, &pauses);
            return if used <= target {
                ClockState::Met {
                    at,
                    margin_min: floor_min(target - used),
                }
            } else {
                ClockState::MetLate {
                    at,
                    over_min: ceil_min(used - target),
                }
            };
        }
        let used = self.active_ms(start.0, now.0, &pauses);
        if used > target {
            return ClockState::Breached {
                over_min: ceil_min(used - target),
            };
        }
        let left = target - used;
        let paused_now = pauses.iter().any(|&(s, e)| s <= now.0 && now.0 < e);
        let from = now.0.max(start.0);
        match self.advance(from, left, &pauses) {
            Ok(due) if !paused_now => ClockState::Running {
                left_min: floor_min(left),
                due_at: Timestamp(due),
            },
            _ => ClockState::Paused {
                left_min: floor_min(left),
            },
        }
    }

    fn offset_ms(&self) -> i64 {
        i64::from(self.utc_offset_min) * MS_PER_MIN
    }

    /// The local day number an instant falls on.
    pub(super) fn local_day(&self, t: i64) -> i64 {
        t.saturating_add(self.offset_ms()).div_euclid(MS_PER_DAY)
    }

    /// The UTC instant of local midnight starting `day`.
    pub(super) fn day_start(&self, day: i64) -> i64 {
        day * MS_PER_DAY - self.offset_ms()
    }

    /// The UTC `[open, close)` of a local day, `None` when closed or a holiday.
    pub(super) fn window(&self, day: i64) -> Option<(i64, i64)> {
        // 1970-01-01 (day 0) was a Thursday, index 3 with Monday = 0.
        let hours = self.week[(day + 3).rem_euclid(7) as usize]?;
        if self.holidays.binary_search(&day).is_ok() {
            return None;
        }
        let start = self.day_start(day);
        Some((
            start + i64::from(hours.open_min) * MS_PER_MIN,
            start + i64::from(hours.close_min) * MS_PER_MIN,
        ))
    }

    fn active_ms(&self, from: i64, to: i64, pauses: &[(i64, i64)]) -> i64 {
        if to <= from {
            return 0;
        }
        Active::new(self, from, to, pauses)
            .map(|(a, b)| b - a)
            .sum()
    }

    /// The instant `need` ms of running clock after `from`, or `Err(ms used)`
    /// when an open-ended pause stops the clock first.
    fn advance(&self, from: i64, need: i64, pauses: &[(i64, i64)]) -> Result<i64, i64> {
        if need <= 0 {
            return Ok(from);
        }
        let mut used = 0;
        for (a, b) in Active::new(self, from, FOREVER, pauses) {
            if used + (b - a) >= need {
                return Ok(a + (need - used));
            }
            used += b - a;
        }
        Err(used)
    }
}

/// A stretch of time during which a ticket's clocks stop ("pending customer").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pause {
    /// When the pause began.
    pub start: Timestamp,
    /// When it ended; `None` while still paused.
    pub end: Option<Timestamp>,
}

impl Pause {
    /// A finished pause `[start, end)`.
    pub fn closed(start: Timestamp, end: Timestamp) -> Self {
        Pause {
            start,
            end: Some(end),
        }
    }

    /// A pause that has not ended.
    pub fn open(start: Timestamp) -> Self {
        Pause { start, end: None }
    }
}

/// When a business-minute target is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Reached at this instant (if no further pause is added).
    At(Timestamp),
    /// An open-ended pause stopped the clock first; the due time is unknown
    /// until the pause ends. `left_min` business minutes remain.
    Paused {
        /// Business minutes still to run (rounded down).
        left_min: i64,
    },
}

fn floor_min(ms: i64) -> i64 {
    ms.div_euclid(MS_PER_MIN)
}

fn ceil_min(ms: i64) -> i64 {
    -(-ms).div_euclid(MS_PER_MIN)
}
