//! What a [`DashboardFilter`] selects: which records ([`Scope`]: segment and
//! persona) and which time ([`Window`]: the range, its months and the
//! instant stock figures are taken at).

use super::index::{CustomerRow, DashboardIndex, Owner, NONE};
use super::month::Month;
use crate::domain::journey::metrics::DateRange;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The most months a monthly series covers; an open range over older data
/// keeps the latest ones.
pub const MAX_MONTHS: usize = 120;

/// The dashboard's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// Inclusive-from, exclusive-to; an open side reaches the earliest or
    /// latest record (or now).
    pub range: DateRange,
    /// Only records of accounts in this segment (compared case- and
    /// diacritic-insensitively; `Some("")` = records with no segment).
    pub segment: Option<String>,
    /// Only records of this persona's contacts (a persona document id):
    /// contacts assigned to it, and unassigned contacts its rule matches.
    pub persona: Option<String>,
    /// The current time, for SLA clocks and the end of an open range.
    pub now: Timestamp,
}

/// Which contacts, accounts and customers the segment and persona filters keep.
///
/// A record belongs to its contact when it has one, else to its account.
/// Under a persona filter an account is kept when one of its contacts is a
/// member. Records with neither contact nor account are kept only without
/// segment and persona filters.
pub(super) struct Scope {
    all: bool,
    contact_in: Vec<bool>,
    account_in: Vec<bool>,
}

impl Scope {
    pub(super) fn new(index: &DashboardIndex, filter: &DashboardFilter) -> Scope {
        if filter.segment.is_none() && filter.persona.is_none() {
            return Scope {
                all: true,
                contact_in: vec![true; index.contacts.len()],
                account_in: vec![true; index.accounts.len()],
            };
        }
        let segment = filter.segment.as_ref().map(|s| index.segment_index(s));
        let fits = |seg: u32| segment.is_none_or(|want| want == Some(seg));
        let mut contact_in: Vec<bool> = index.contacts.iter().map(|c| fits(c.segment)).collect();
        let mut account_in: Vec<bool> = index.accounts.iter().map(|a| fits(a.segment)).collect();
        if let Some(id) = &filter.persona {
            let mut member = vec![false; contact_in.len()];
            for c in index.journey.members(id, &index.persona_rule(id)) {
                member[c as usize] = true;
            }
            let mut has_member = vec![false; account_in.len()];
            for (c, m) in member.iter().enumerate() {
                contact_in[c] &= *m;
                let a = index.contacts[c].account;
                if *m && a != NONE {
                    has_member[a as usize] = true;
                }
            }
            for (a, h) in account_in.iter_mut().zip(has_member) {
                *a &= h;
            }
        }
        Scope {
            all: false,
            contact_in,
            account_in,
        }
    }

    /// Whether a record with this owner is kept.
    pub(super) fn owns(&self, o: Owner) -> bool {
        if self.all {
            true
        } else if o.contact != NONE {
            self.contact_in[o.contact as usize]
        } else if o.account != NONE {
            self.account_in[o.account as usize]
        } else {
            false
        }
    }

    /// Whether a customer is kept (an account by its account, a contact by itself).
    pub(super) fn customer(&self, c: &CustomerRow) -> bool {
        if self.all {
            true
        } else if c.account != NONE {
            self.account_in[c.account as usize]
        } else {
            self.contact_in[c.contact as usize]
        }
    }

    /// Whether an account (by index, [`NONE`] for an unknown one) is kept.
    pub(super) fn account(&self, a: u32) -> bool {
        self.all || (a != NONE && self.account_in[a as usize])
    }

    /// The contacts kept, ascending.
    pub(super) fn contacts(&self) -> Vec<u32> {
        (0u32..)
            .zip(&self.contact_in)
            .filter_map(|(c, keep)| keep.then_some(c))
            .collect()
    }
}

/// The time a filter covers.
pub(super) struct Window {
    pub(super) range: DateRange,
    /// Stock figures are taken at this instant: the range's end or now, whichever is earlier.
    pub(super) as_of: i64,
    /// The months the range touches, ascending (at most [`MAX_MONTHS`]).
    pub(super) months: Vec<Month>,
    /// Whole-month boundaries: month `i` is `[whole[i], whole[i + 1])`.
    pub(super) whole: Vec<i64>,
    /// The same boundaries clipped to the range (first start, last end).
    pub(super) clipped: Vec<i64>,
}

impl Window {
    pub(super) fn new(index: &DashboardIndex, filter: &DashboardFilter) -> Window {
        let range = filter.range;
        let now = filter.now.0;
        let offset = index.offset_min;
        let first = match (range.from, index.span) {
            (Some(f), _) => Month::of(f, offset),
            (None, Some((lo, _))) => Month::of(Timestamp(lo), offset),
            (None, None) => Month::of(filter.now, offset),
        };
        let last = match range.to {
            Some(t) => Month::of(Timestamp(t.0.saturating_sub(1)), offset),
            None => Month::of(
                Timestamp(index.span.map_or(now, |(_, hi)| hi.max(now))),
                offset,
            ),
        };
        let first = first.max(last.plus(1 - MAX_MONTHS as i32));
        let empty = matches!((range.from, range.to), (Some(f), Some(t)) if t <= f);
        let months: Vec<Month> = if empty {
            Vec::new()
        } else {
            (first.0..=last.0).map(Month).collect()
        };
        let mut whole: Vec<i64> = months.iter().map(|m| m.start(offset).0).collect();
        whole.push(months.last().map_or(first, |m| m.plus(1)).start(offset).0);
        let mut clipped = whole.clone();
        if !months.is_empty() {
            let n = clipped.len() - 1;
            if let Some(f) = range.from {
                clipped[0] = clipped[0].max(f.0);
            }
            if let Some(t) = range.to {
                clipped[n] = clipped[n].min(t.0);
            }
        }
        Window {
            range,
            as_of: range.to.map_or(now, |t| t.0.min(now)),
            months,
            whole,
            clipped,
        }
    }

    /// Whether `ms` is inside the range.
    pub(super) fn contains(&self, ms: i64) -> bool {
        self.range.contains(Timestamp(ms))
    }

    /// The position of `month` among the window's months.
    pub(super) fn bucket(&self, month: Month) -> Option<usize> {
        let first = self.months.first()?;
        let i = usize::try_from(month.0.checked_sub(first.0)?).ok()?;
        (i < self.months.len()).then_some(i)
    }

    /// The start of the whole range: its `from`, else the first month's start.
    pub(super) fn start(&self) -> i64 {
        self.range
            .from
            .map_or_else(|| self.whole.first().copied().unwrap_or(i64::MIN), |f| f.0)
    }

    /// The end of the whole range: its `to`, else never.
    pub(super) fn end(&self) -> i64 {
        self.range.to.map_or(i64::MAX, |t| t.0)
    }
}
