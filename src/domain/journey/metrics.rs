//! Journey figures computed from the workspace's own records (docs/domain.md#journey-map-figures,
//! #metrics): per stage, how many of a persona's contacts reached it, how many went
//! on, how long they stayed, what they said in surveys, how they felt, where
//! and how they were touched, why they left, and how non-linear the journey was.
//!
//! [`JourneyIndex::build`] turns the documents into compact arrays once per
//! load; [`compute`] re-runs on every filter change (persona, date range) and
//! only walks the member contacts' slices of those arrays.

mod compute;
mod index;
mod scores;

pub use compute::{compute, stage_distribution};
pub use index::JourneyIndex;
pub use scores::{ces, csat, median, nps};

use crate::domain::records::{ActivityKind, Channel};
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Inclusive-from, exclusive-to date range; `None` = open on that side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First instant included.
    pub from: Option<Timestamp>,
    /// First instant no longer included.
    pub to: Option<Timestamp>,
}

impl DateRange {
    /// Whether `t` falls inside the range.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.contains_ms(t.0)
    }

    /// [`DateRange::contains`] on raw milliseconds, for the compact arrays.
    fn contains_ms(&self, ms: i64) -> bool {
        self.from.is_none_or(|f| ms >= f.0) && self.to.is_none_or(|t| ms < t.0)
    }

    /// Whether `ms` is before the range's end (always true for an open end).
    fn before_end_ms(&self, ms: i64) -> bool {
        self.to.is_none_or(|t| ms < t.0)
    }
}

/// One computed number with what it rests on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Figure {
    /// The value; `None` when there is nothing to compute from (never show 0 for "no data").
    pub value: Option<f64>,
    /// How many records it is based on (contacts, stays, responses — see each field's doc).
    pub based_on: u32,
    /// Contact indexes behind it, sorted, deduplicated, for drill-down.
    #[serde(skip)]
    pub contacts: Vec<u32>,
}

/// The figures of one journey stage for one persona and date range.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageFigures {
    /// The stage id.
    pub stage: String,
    /// Member contacts who entered this stage within the range (value = based_on = that count).
    pub reached: Figure,
    /// Of the contacts that reached this stage in range, the share (0..=1) that
    /// later entered the next stage (after their first in-range entry here,
    /// before the range's end). A skip past the next stage does not count (see
    /// `skipped`). `None` for the last stage; based_on = reached; contacts =
    /// the converted ones.
    pub conversion: Figure,
    /// Median length in days (fractional) of completed stays in this stage
    /// whose entry is in range; a stay ends at the contact's next transition,
    /// open stays are left out. based_on = stays.
    pub median_days: Figure,
    /// NPS (−100..=100) of member responses at this stage answered in range.
    /// based_on = responses.
    pub nps: Figure,
    /// CSAT: % of CSAT responses scoring 4 or 5 (0..=100). based_on = responses.
    pub csat: Figure,
    /// CES: mean effort score. based_on = responses.
    pub ces: Figure,
    /// Mean emotion (−2..=2) of member activities at this stage in range.
    /// based_on = activities.
    pub mean_emotion: Figure,
    /// Member activities at this stage in range (churns excluded) by kind,
    /// most first, ties in [`ActivityKind::ALL`] order; zero counts left out.
    pub touchpoints: Vec<(ActivityKind, u32)>,
    /// The same activities by channel, most first, ties in [`Channel::ALL`] order.
    pub channels: Vec<(Channel, u32)>,
    /// Churn activities at this stage in range, grouped by normalised reason
    /// (empty reason → ""); the label is the earliest spelling in the
    /// workspace; most first, ties by earliest spelling.
    pub churn_reasons: Vec<(String, u32)>,
    /// Share (0..=1) of the contacts that reached this stage whose in-range
    /// entries include one moving back from a later stage. based_on = reached.
    pub backward: Figure,
    /// Share of the contacts that reached this stage whose in-range entries
    /// include a re-entry (they had been in this stage before). based_on = reached.
    pub repeated: Figure,
    /// Share of contacts that passed this stage without entering it (a
    /// consecutive move in range from a stage before it to one after it) among
    /// those skippers and the contacts that reached it. based_on = that
    /// denominator; contacts = the skippers.
    pub skipped: Figure,
}

/// All journey figures of one persona over one date range.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonaFigures {
    /// Contacts covered by the persona.
    pub members: u32,
    /// One entry per workspace stage, in lifecycle order.
    pub stages: Vec<StageFigures>,
    /// NPS over all the persona's responses in range, whatever their stage.
    pub nps: Figure,
    /// CSAT over all the persona's responses in range.
    pub csat: Figure,
    /// CES over all the persona's responses in range.
    pub ces: Figure,
    /// The range the figures cover.
    pub range: DateRange,
}

#[cfg(test)]
mod tests;
