//! A deal's stage history, derived from its stage-transition records: every
//! move with time and author, classified against the pipeline's stage order.

use super::moves::{LOST, WON};
use crate::domain::records::{Pipeline, StageTransition};
use crate::domain::time::Timestamp;

/// How a step moved relative to the pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// First entry into the pipeline.
    Entered,
    /// To the next stage.
    Forward,
    /// Forward past `skipped` stages.
    Skip {
        /// Stages jumped over.
        skipped: usize,
    },
    /// Back to an earlier stage.
    Backward,
    /// Closed won.
    Won,
    /// Closed lost.
    Lost,
    /// Reopened after being won or lost.
    Reopened,
    /// Between stages the pipeline no longer has.
    Other,
}

/// One step of a deal's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryStep {
    /// When.
    pub at: Timestamp,
    /// Who moved it (empty when not recorded).
    pub by: String,
    /// Stage left (`None` on entry).
    pub from: Option<String>,
    /// Stage entered (`won`/`lost` for outcomes).
    pub to: String,
    /// Direction.
    pub kind: StepKind,
}

/// The history of one deal, oldest first. Transitions with equal times keep the
/// order given.
pub fn deal_history(pipeline: &Pipeline, transitions: &[StageTransition]) -> Vec<HistoryStep> {
    let mut ts: Vec<&StageTransition> = transitions.iter().collect();
    ts.sort_by_key(|t| t.occurred_at);
    let pos = |id: &str| pipeline.stages.iter().position(|s| s.id == id);
    ts.into_iter()
        .map(|t| {
            let kind = match (t.from_stage.as_deref(), t.to_stage.as_str()) {
                (_, WON) => StepKind::Won,
                (_, LOST) => StepKind::Lost,
                (None, _) => StepKind::Entered,
                (Some(WON | LOST), _) => StepKind::Reopened,
                (Some(f), to) => match (pos(f), pos(to)) {
                    (Some(a), Some(b)) if b == a + 1 => StepKind::Forward,
                    (Some(a), Some(b)) if b > a + 1 => StepKind::Skip { skipped: b - a - 1 },
                    (Some(a), Some(b)) if b < a => StepKind::Backward,
                    _ => StepKind::Other,
                },
            };
            HistoryStep {
                at: t.occurred_at,
                by: t.by.clone(),
                from: t.from_stage.clone(),
                to: t.to_stage.clone(),
                kind,
            }
        })
        .collect()
}

/// The stage a subject is in now: the target of its latest transition.
pub fn current_stage(transitions: &[StageTransition]) -> Option<&str> {
    transitions
        .iter()
        .enumerate()
        .max_by_key(|(i, t)| (t.occurred_at, *i))
        .map(|(_, t)| t.to_stage.as_str())
}
