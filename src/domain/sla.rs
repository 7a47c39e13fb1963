//! SLA clocks for support tickets (docs/domain.md#sla): business hours, pauses,
//! elapsed business time, due times, clock states and queue ordering.
//!
//! # Time model
//! Instants are UTC [`Timestamp`]s (milliseconds). All calendar work (which
//! weekday, which holiday, when a day opens) happens in the workspace's local
//! time = UTC + a **fixed** offset. Vietnam (+07:00) has no daylight saving, so
//! this is exact there; a zone with DST is approximated by its current offset
//! (the clock is off by the DST shift for instants on the other side of a
//! change), which the workspace fixes by editing the offset when DST changes.
//!
//! A day has at most one open interval `[open, close)` in local minutes after
//! midnight, with `close <= 24:00`. A night shift is two days' intervals that
//! meet at midnight (`22:00–24:00` and `00:00–06:00`); the clock runs through.
//!
//! # Pauses
//! While a ticket is "pending customer" its clocks stop. Pauses are
//! `[start, end)` intervals (`end: None` = still paused). They may overlap each
//! other and closed hours: time is counted when it is inside business hours
//! **and** outside the union of pauses, so nothing is subtracted twice.
//!
//! # Rounding
//! Everything is computed in milliseconds and reported in minutes, rounded
//! pessimistically: time left and margins round down, breaches round up (one
//! millisecond late shows as one minute over).
//!
//! # Cost
//! Time is walked **day by day** (one open interval per local day) with a merged
//! pause list consumed by a single cursor, so elapsed and due-time computation
//! cost O(days spanned + pauses), never one step per minute.

use super::records::{Ticket, TicketPriority};
use super::time::Timestamp;
use std::cmp::Ordering;

mod form;
mod headline;
mod hours;
mod settings;
mod walk;

pub use form::{
    format_hhmm, format_hours, format_offset, parse_hhmm, parse_hours, parse_offset, DayForm,
    SlaField, SlaForm,
};
pub use headline::SlaClock;
pub use hours::{BusinessHours, Due, OpenHours, Pause, SlaError};
pub use settings::{DayHours, SlaSettings, StoredTargets};

/// The state of one SLA clock, enough for a "time left / breached" badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockState {
    /// Not stopped, not paused, within target.
    Running {
        /// Business minutes left (rounded down).
        left_min: i64,
        /// When the target is reached if nothing changes.
        due_at: Timestamp,
    },
    /// Paused now (pending customer), within target; the due time is unknown.
    Paused {
        /// Business minutes left (rounded down).
        left_min: i64,
    },
    /// Not stopped and past the target.
    Breached {
        /// Business minutes over the target (rounded up, at least 1).
        over_min: i64,
    },
    /// Stopped within the target.
    Met {
        /// When the clock stopped.
        at: Timestamp,
        /// Business minutes to spare (rounded down).
        margin_min: i64,
    },
    /// Stopped after the target.
    MetLate {
        /// When the clock stopped.
        at: Timestamp,
        /// Business minutes over the target (rounded up, at least 1).
        over_min: i64,
    },
}

impl ClockState {
    /// True when the target was or is missed (`Breached` or `MetLate`).
    pub fn is_breached(&self) -> bool {
        matches!(
            self,
            ClockState::Breached { .. } | ClockState::MetLate { .. }
        )
    }

    /// How urgently this clock needs attention (see [`Urgency`]).
    pub fn urgency(&self) -> Urgency {
        match *self {
            ClockState::Breached { over_min } => Urgency::Breached { over_min },
            ClockState::Running { left_min, .. } => Urgency::Running { left_min },
            ClockState::Paused { left_min } => Urgency::Paused { left_min },
            ClockState::Met { .. } | ClockState::MetLate { .. } => Urgency::Done,
        }
    }
}

/// How urgent a clock is; sorts most urgent first:
/// 1. `Breached`, most minutes over first;
/// 2. `Running`, fewest minutes left first;
/// 3. `Paused`, fewest minutes left first — a paused ticket waits on the
///    customer, so it comes after **every** running one, whatever is left;
/// 4. `Done` (clock stopped, met or late): nothing to do against this clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    /// Past target and still open.
    Breached {
        /// Minutes over.
        over_min: i64,
    },
    /// Running within target.
    Running {
        /// Minutes left.
        left_min: i64,
    },
    /// Paused within target.
    Paused {
        /// Minutes left.
        left_min: i64,
    },
    /// Stopped.
    Done,
}

impl Urgency {
    fn key(self) -> (u8, i64) {
        match self {
            Urgency::Breached { over_min } => (0, -over_min),
            Urgency::Running { left_min } => (1, left_min),
            Urgency::Paused { left_min } => (2, left_min),
            Urgency::Done => (3, 0),
        }
    }
}

impl Ord for Urgency {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Urgency {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Both SLA clocks of a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TicketClocks {
    /// First-response clock.
    pub first_response: ClockState,
    /// Resolution clock.
    pub resolution: ClockState,
}

impl TicketClocks {
    /// The more urgent of the two clocks.
    pub fn urgency(&self) -> Urgency {
        self.first_response.urgency().min(self.resolution.urgency())
    }
}

/// Sort key for a support queue: ascending order puts the most urgent ticket
/// first (see [`Urgency`]); ties go to the ticket opened earlier, then to the
/// smaller id, so the order is total and stable across renders.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct QueueKey {
    /// The ticket's most urgent clock.
    pub urgency: Urgency,
    /// When the ticket was opened.
    pub opened_at: Timestamp,
    /// The ticket's document id.
    pub id: String,
}

impl QueueKey {
    /// The key of a ticket with these clocks.
    pub fn new(clocks: &TicketClocks, opened_at: Timestamp, id: &str) -> Self {
        QueueKey {
            urgency: clocks.urgency(),
            opened_at,
            id: id.to_owned(),
        }
    }
}

/// First-response and resolution targets in business minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlaTargets {
    /// First response within this many business minutes.
    pub first_response_min: u32,
    /// Resolution within this many business minutes.
    pub resolution_min: u32,
}

/// Per-priority SLA targets plus the business hours they are measured in.
///
/// A ticket copies its priority's targets when it is opened
/// (`sla_first_response_min`, `sla_resolution_min`), and its clocks use the
/// ticket's own copy, so editing the policy never moves open tickets' deadlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlaPolicy {
    /// When the clocks run.
    pub hours: BusinessHours,
    /// Targets for low priority.
    pub low: SlaTargets,
    /// Targets for normal priority.
    pub normal: SlaTargets,
    /// Targets for high priority.
    pub high: SlaTargets,
    /// Targets for urgent priority.
    pub urgent: SlaTargets,
}

impl SlaPolicy {
    /// The default targets measured in `hours`, in business minutes
    /// (first response / resolution):
    /// urgent 60 / 240 (1 h / 4 h), high 240 / 1 440 (4 h / 24 h),
    /// normal 480 / 2 880 (8 h / 48 h), low 1 440 / 5 760 (24 h / 96 h).
    /// Each priority answers 4× faster than the next lower one, and resolution
    /// allows 4× (urgent, low) to 6× (high, normal) the response time.
    pub fn with_hours(hours: BusinessHours) -> Self {
        let t = |first_response_min, resolution_min| SlaTargets {
            first_response_min,
            resolution_min,
        };
        SlaPolicy {
            hours,
            urgent: t(60, 240),
            high: t(240, 1440),
            normal: t(480, 2880),
            low: t(1440, 5760),
        }
    }

    /// The targets for a priority.
    pub fn targets(&self, priority: TicketPriority) -> SlaTargets {
        match priority {
            TicketPriority::Low => self.low,
            TicketPriority::Normal => self.normal,
            TicketPriority::High => self.high,
            TicketPriority::Urgent => self.urgent,
        }
    }

    /// Both clocks of `ticket` at `now`, using the ticket's stored targets.
    /// The first-response clock stops at `first_response_at`, or at
    /// `resolved_at` when a ticket was resolved without a recorded response
    /// (resolving answers the customer). The same pauses apply to both clocks.
    pub fn clocks(&self, ticket: &Ticket, pauses: &[Pause], now: Timestamp) -> TicketClocks {
        let first_stop = ticket.first_response_at.or(ticket.resolved_at);
        TicketClocks {
            first_response: self.hours.clock(
                ticket.opened_at,
                ticket.sla_first_response_min,
                first_stop,
                pauses,
                now,
            ),
            resolution: self.hours.clock(
                ticket.opened_at,
                ticket.sla_resolution_min,
                ticket.resolved_at,
                pauses,
                now,
            ),
        }
    }
}

impl Default for SlaPolicy {
    /// The default targets, 24×7 at UTC. Business minutes are then wall-clock
    /// minutes (a workspace sets its own hours, offset and holidays).
    fn default() -> Self {
        SlaPolicy::with_hours(BusinessHours::always())
    }
}

#[cfg(test)]
mod tests;
