//! The stored form of a workspace's SLA policy (in `settings:workspace`), and
//! its conversion to the [`SlaPolicy`] the clocks use.

use super::{BusinessHours, OpenHours, SlaError, SlaPolicy, SlaTargets};
use crate::domain::records::TicketPriority;
use serde::{Deserialize, Serialize};

/// One weekday's open hours in local minutes after midnight, `[open, close)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    /// Opens at (minutes after local midnight).
    pub open: u16,
    /// Closes at (minutes after local midnight, at most 1440).
    pub close: u16,
}

/// First-response and resolution targets of one priority, in business minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTargets {
    /// First response within.
    pub first_response: u32,
    /// Resolution within.
    pub resolution: u32,
}

/// A workspace's SLA policy as stored. The default is 24×7 at UTC with the
/// default targets of [`SlaPolicy::with_hours`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaSettings {
    /// Monday..Sunday; `None` = closed that day.
    pub week: [Option<DayHours>; 7],
    /// The workspace's UTC offset in minutes (+07:00 = 420).
    pub utc_offset_min: i32,
    /// Holiday dates, `YYYY-MM-DD` (local calendar dates).
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Targets for urgent, high, normal and low priority, in that order.
    pub targets: [StoredTargets; 4],
}

impl SlaSettings {
    /// The priorities in the order of [`SlaSettings::targets`].
    pub const PRIORITIES: [TicketPriority; 4] = [
        TicketPriority::Urgent,
        TicketPriority::High,
        TicketPriority::Normal,
        TicketPriority::Low,
    ];

    /// The stored form of `policy`.
    pub fn from_policy(policy: &SlaPolicy) -> Self {
        let h = &policy.hours;
        SlaSettings {
            week: std::array::from_fn(|d| {
                h.day(d).map(|o| DayHours {
                    open: o.open_min(),
                    close: o.close_min(),
                })
            }),
            utc_offset_min: h.utc_offset_min(),
            holidays: h.holidays(),
            targets: Self::PRIORITIES.map(|p| {
                let t = policy.targets(p);
                StoredTargets {
                    first_response: t.first_response_min,
                    resolution: t.resolution_min,
                }
            }),
        }
    }

    /// The policy the clocks use, or why these settings cannot be one
    /// (a day that closes before it opens, no open day, a bad date, a zero target).
    pub fn policy(&self) -> Result<SlaPolicy, SlaError> {
        let mut week = [None; 7];
        for (slot, day) in week.iter_mut().zip(&self.week) {
            if let Some(d) = day {
                *slot = Some(OpenHours::new(d.open, d.close)?);
            }
        }
        let holidays: Vec<&str> = self.holidays.iter().map(String::as_str).collect();
        let hours = BusinessHours::new(week, self.utc_offset_min, &holidays)?;
        let mut policy = SlaPolicy::with_hours(hours);
        for (p, t) in Self::PRIORITIES.iter().zip(&self.targets) {
            if t.first_response == 0 || t.resolution == 0 {
                return Err(SlaError::ZeroTarget);
            }
            let slot = match p {
                TicketPriority::Urgent => &mut policy.urgent,
                TicketPriority::High => &mut policy.high,
                TicketPriority::Normal => &mut policy.normal,
                TicketPriority::Low => &mut policy.low,
            };
            *slot = SlaTargets {
                first_response_min: t.first_response,
                resolution_min: t.resolution,
            };
        }
        Ok(policy)
    }
}

impl Default for SlaSettings {
    fn default() -> Self {
        Self::from_policy(&SlaPolicy::default())
    }
}
