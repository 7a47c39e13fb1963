//! NPS, CSAT and CES (docs/domain.md#nps) over the answers in scope and range:
//! overall, per journey stage, per channel and per month.
//!
//! An answer's **stage** is the one it was sent at (`journey_stage`), else the
//! stage its contact was in when answering. Its **channel** is the survey
//! document's own `channel` field when it names a channel, else the channel
//! of the ticket it followed (`ticket_id`), else the channel of the contact's
//! latest activity at or before the answer; otherwise it is unknown.

use super::figure::Stat;
use super::filter::{Scope, Window};
use super::index::{DashboardIndex, SurveyRow, NO_CHANNEL, NO_STAGE};
use crate::domain::journey::metrics::{ces, csat, nps};
use crate::domain::records::Channel;
use serde::{Deserialize, Serialize};

/// NPS with its three groups of respondents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NpsFigure {
    /// NPS, −100..=100; based_on = NPS answers; records = those answers.
    pub score: Stat,
    /// Answers scoring 9–10.
    pub promoters: u32,
    /// Answers scoring 7–8.
    pub passives: u32,
    /// Answers scoring 0–6.
    pub detractors: u32,
    /// The promoters' answers (indexes for `DashboardIndex::doc_id`), ascending.
    pub promoter_records: Vec<u32>,
    /// The passives' answers, ascending.
    pub passive_records: Vec<u32>,
    /// The detractors' answers, ascending.
    pub detractor_records: Vec<u32>,
}

/// The three scores of one group of answers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyFigures {
    /// NPS and its groups.
    pub nps: NpsFigure,
    /// CSAT: % of CSAT answers scoring 4 or 5 (0..=100); based_on = CSAT
    /// answers; records = those answers.
    pub csat: Stat,
    /// CES: mean effort score (1..=7); based_on = CES answers; records = those answers.
    pub ces: Stat,
}

/// Survey scores broken down every way the dashboard shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyBreakdown {
    /// Every answer in scope and range.
    pub overall: SurveyFigures,
    /// Per workspace stage, in lifecycle order (answers at no workspace stage
    /// count only overall).
    pub by_stage: Vec<(String, SurveyFigures)>,
    /// Per channel with answers, in `Channel::ALL` order, then `None` for
    /// answers whose channel is unknown (when there are any).
    pub by_channel: Vec<(Option<Channel>, SurveyFigures)>,
    /// Per month of `DashboardFigures::months` (same length and order).
    pub by_month: Vec<SurveyFigures>,
}

/// Scores and answers of one group, per survey kind.
#[derive(Default)]
struct Acc {
    scores: [Vec<u8>; 3],
    records: [Vec<u32>; 3],
}

impl Acc {
    fn add(&mut self, s: &SurveyRow) {
        let k = usize::from(s.kind);
        self.scores[k].push(s.score);
        self.records[k].push(s.rec);
    }

    fn is_empty(&self) -> bool {
        self.scores.iter().all(Vec::is_empty)
    }

    fn figures(self) -> SurveyFigures {
        let [n, c, e] = self.scores;
        let [nr, cr, er] = self.records;
        // Scores and records run in step, so each group keeps record order.
        let mut groups: [Vec<u32>; 3] = Default::default();
        for (&s, &r) in n.iter().zip(&nr) {
            groups[match s {
                9.. => 0,
                7..=8 => 1,
                _ => 2,
            }]
            .push(r);
        }
        let [pr, mr, dr] = groups;
        SurveyFigures {
            nps: NpsFigure {
                promoters: pr.len() as u32,
                passives: mr.len() as u32,
                detractors: dr.len() as u32,
                promoter_records: pr,
                passive_records: mr,
                detractor_records: dr,
                score: Stat::of(nps(&n), nr),
            },
            csat: Stat::of(csat(&c), cr),
            ces: Stat::of(ces(&e), er),
        }
    }
}

/// The survey figures of the answers in scope and range.
pub(super) fn surveys(index: &DashboardIndex, scope: &Scope, win: &Window) -> SurveyBreakdown {
    let stage_ids = index.stage_ids();
    let mut overall = Acc::default();
    let mut stages: Vec<Acc> = stage_ids.iter().map(|_| Acc::default()).collect();
    let mut channels: Vec<Acc> = (0..=Channel::ALL.len()).map(|_| Acc::default()).collect();
    let mut months: Vec<Acc> = win.months.iter().map(|_| Acc::default()).collect();
    // Rows are in record order, so every records list comes out ascending.
    for s in &index.surveys {
        if !win.contains(s.at) || !scope.owns(s.owner) {
            continue;
        }
        overall.add(s);
        if s.stage != NO_STAGE {
            stages[usize::from(s.stage)].add(s);
        }
        let ch = if s.channel == NO_CHANNEL {
            Channel::ALL.len()
        } else {
            usize::from(s.channel)
        };
        channels[ch].add(s);
        if let Some(m) = win.bucket(s.month) {
            months[m].add(s);
        }
    }
    let by_channel = channels
        .into_iter()
        .enumerate()
        .filter(|(_, a)| !a.is_empty())
        .map(|(i, a)| (Channel::ALL.get(i).copied(), a.figures()))
        .collect();
    SurveyBreakdown {
        overall: overall.figures(),
        by_stage: stage_ids
            .iter()
            .cloned()
            .zip(stages.into_iter().map(Acc::figures))
            .collect(),
        by_channel,
        by_month: months.into_iter().map(Acc::figures).collect(),
    }
}
