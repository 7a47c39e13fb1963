//! Reading records out of documents for the index. The two biggest kinds
//! (activities and survey answers) and stage transitions are read into
//! borrowed views with just the fields the dashboard needs, which skips
//! copying notes and unknown fields; the required fields are the records'
//! own, so a document the full record would reject is rejected here too.

use crate::domain::doc::Doc;
use crate::domain::records::{ActivityKind, Channel, RecordType, SurveyKind, TransitionSubject};
use crate::domain::time::Timestamp;
use serde::Deserialize;

/// The live documents grouped by type, so each type's pass reads only its own.
pub(super) struct ByType<'a>(Vec<Vec<&'a Doc>>);

impl<'a> ByType<'a> {
    pub(super) fn new(docs: &'a [Doc]) -> Self {
        let mut out = vec![Vec::new(); RecordType::ALL.len()];
        for d in docs.iter().filter(|d| !d.deleted) {
            if let Some(t) = d.record_type() {
                out[slot(t)].push(d);
            }
        }
        ByType(out)
    }

    /// The readable records of type `t`, with their documents.
    pub(super) fn live<R: Deserialize<'a>>(
        &self,
        t: RecordType,
    ) -> impl Iterator<Item = (&'a Doc, R)> + '_ {
        self.0[slot(t)]
            .iter()
            .filter_map(|d| Some((*d, R::deserialize(&d.body).ok()?)))
    }
}

fn slot(t: RecordType) -> usize {
    RecordType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

/// What the dashboard reads of an activity.
#[derive(Deserialize)]
pub(super) struct ActivityView<'a> {
    pub(super) kind: ActivityKind,
    pub(super) channel: Channel,
    /// Not used by the dashboard, but required (a string) as in [`Activity`]:
    /// an activity the full record rejects is left out here too.
    ///
    /// [`Activity`]: crate::domain::records::Activity
    #[serde(rename = "journey_stage")]
    _journey_stage: &'a str,
    pub(super) occurred_at: Timestamp,
    #[serde(default, borrow)]
    pub(super) contact_id: Option<&'a str>,
    #[serde(default, borrow)]
    pub(super) account_id: Option<&'a str>,
    #[serde(default, borrow)]
    pub(super) reason: Option<&'a str>,
}

/// What the dashboard reads of a survey answer.
#[derive(Deserialize)]
pub(super) struct SurveyView<'a> {
    pub(super) kind: SurveyKind,
    pub(super) score: u8,
    pub(super) contact_id: &'a str,
    #[serde(default, borrow)]
    pub(super) account_id: Option<&'a str>,
    #[serde(default, borrow)]
    pub(super) ticket_id: Option<&'a str>,
    pub(super) answered_at: Timestamp,
    #[serde(default, borrow)]
    pub(super) journey_stage: Option<&'a str>,
}

/// What the dashboard reads of a stage transition.
#[derive(Deserialize)]
pub(super) struct TransitionView<'a> {
    pub(super) subject: TransitionSubject,
    pub(super) subject_id: &'a str,
    pub(super) to_stage: &'a str,
    pub(super) occurred_at: Timestamp,
}

/// A channel named in a document's `channel` field (`"live_chat"`), if it is one.
pub(super) fn channel_field(d: &Doc) -> Option<Channel> {
    let v = d.body.get("channel")?;
    v.is_string()
        .then(|| Channel::deserialize(v).ok())
        .flatten()
}
