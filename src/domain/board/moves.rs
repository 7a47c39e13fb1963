//! Planning deal moves: new stage, status and rank for each moved deal, one
//! stage-transition record per stage change, and what undoing it restores.
//! Plans are pure; the UI writes a plan through the store in one transaction.

use super::model::{BoardModel, Card};
use super::rank;
use crate::domain::records::{Deal, DealStatus, StageTransition, TransitionSubject};
use crate::domain::time::Timestamp;

/// The pseudo stage id a transition records for a won deal.
pub const WON: &str = "won";
/// The pseudo stage id a transition records for a lost deal.
pub const LOST: &str = "lost";

/// Where a move goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveTarget {
    /// A column, at `index` among the cards that stay there (0 = top).
    Stage {
        /// Column index.
        column: usize,
        /// Position among the column's other cards.
        index: usize,
    },
    /// Mark won.
    Won,
    /// Mark lost, with the reason the user gave.
    Lost {
        /// Why it was lost.
        reason: String,
    },
}

/// Why a move was refused; nothing is written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// No deal was chosen.
    #[error("no deal to move")]
    Nothing,
    /// A deal is not on this board.
    #[error("deal {0} is not on this board")]
    NotOnBoard(String),
    /// A deal belongs to another pipeline (no stage mapping exists).
    #[error("deal {0} belongs to another pipeline")]
    OtherPipeline(String),
    /// The column does not exist.
    #[error("no such stage")]
    UnknownStage,
    /// Lost needs a reason.
    #[error("a lost deal needs a reason")]
    ReasonRequired,
    /// Undo found a deal changed since the move.
    #[error("deal {0} changed since the move")]
    ChangedSince(String),
}

/// The fields a move changes, so undo restores only those.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoveFields {
    stage_id: String,
    status: DealStatus,
    rank: Option<String>,
    stage_entered_at: Timestamp,
    lost_reason: Option<String>,
}

impl MoveFields {
    fn of(d: &Deal) -> Self {
        MoveFields {
            stage_id: d.stage_id.clone(),
            status: d.status,
            rank: d.rank.clone(),
            stage_entered_at: d.stage_entered_at,
            lost_reason: d.lost_reason.clone(),
        }
    }

    fn apply(&self, d: &mut Deal) {
        d.stage_id = self.stage_id.clone();
        d.status = self.status;
        d.rank = self.rank.clone();
        d.stage_entered_at = self.stage_entered_at;
        d.lost_reason = self.lost_reason.clone();
    }
}

/// What undoing a move does: put each deal's move fields back and delete the
/// transitions the move recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    /// (deal id, fields before the move, fields after the move).
    pub deals: Vec<(String, MoveFields, MoveFields)>,
    /// Local ids of the transition records to delete.
    pub transitions: Vec<String>,
}

/// A planned move.
#[derive(Clone, Debug, PartialEq)]
pub struct MovePlan {
    /// Deals to write (with the revision they replace).
    pub deals: Vec<Card>,
    /// New transition records: (local id, record).
    pub transitions: Vec<(String, StageTransition)>,
    /// How to undo it.
    pub undo: Undo,
}

/// Plans moving `ids` (in the order given) to `target`.
/// `new_id` makes local ids for transition records.
pub fn plan_move(
    board: &BoardModel,
    ids: &[String],
    target: &MoveTarget,
    now: Timestamp,
    by: &str,
    mut new_id: impl FnMut() -> String,
) -> Result<MovePlan, MoveError> {
    if ids.is_empty() {
        return Err(MoveError::Nothing);
    }
    let mut moving = Vec::with_capacity(ids.len());
    for id in ids {
        let card = board
            .card(id)
            .ok_or_else(|| MoveError::NotOnBoard(id.clone()))?;
        if card.deal.pipeline_id != board.pipeline_id() {
            return Err(MoveError::OtherPipeline(id.clone()));
        }
        moving.push(card.clone());
    }
    let mut plan = MovePlan {
        deals: Vec::new(),
        transitions: Vec::new(),
        undo: Undo {
            deals: Vec::new(),
            transitions: Vec::new(),
        },
    };
    let (status, to_stage, ranks, reason) = match target {
        MoveTarget::Stage { column, index } => {
            if *column >= board.pipeline().stages.len() {
                return Err(MoveError::UnknownStage);
            }
            let ranks = ranks_for(board, ids, *column, *index, &mut plan.deals);
            let stage = board.stage(*column).id.clone();
            (DealStatus::Open, stage, Some(ranks), None)
        }
        MoveTarget::Won => (DealStatus::Won, WON.to_string(), None, None),
        MoveTarget::Lost { reason } => {
            if reason.trim().is_empty() {
                return Err(MoveError::ReasonRequired);
            }
            (
                DealStatus::Lost,
                LOST.to_string(),
                None,
                Some(reason.trim().to_string()),
            )
        }
    };
    for (i, mut card) in moving.into_iter().enumerate() {
        let before = MoveFields::of(&card.deal);
        let from = match card.deal.status {
            DealStatus::Open => card.deal.stage_id.clone(),
            DealStatus::Won => WON.into(),
            DealStatus::Lost => LOST.into(),
        };
        let d = &mut card.deal;
        if let Some(r) = &ranks {
            d.rank = Some(r[i].clone());
        }
        if status == DealStatus::Open {
            d.stage_id = to_stage.clone();
        }
        d.status = status;
        d.lost_reason = reason.clone();
        if from != to_stage {
            d.stage_entered_at = now;
            let local = new_id();
            plan.transitions.push((
                local.clone(),
                StageTransition {
                    subject: TransitionSubject::Deal,
                    subject_id: card.id.clone(),
                    account_id: d.account_id.clone(),
                    from_stage: Some(from),
                    to_stage: to_stage.clone(),
                    occurred_at: now,
                    by: by.into(),
                    extra: Default::default(),
                },
            ));
            plan.undo.transitions.push(local);
        }
        plan.undo
            .deals
            .push((card.id.clone(), before, MoveFields::of(&card.deal)));
        plan.deals.push(card);
    }
    Ok(plan)
}

/// Ranks for `n` cards dropped at `index` of `column`; unranked cards above the
/// drop point get ranks too (pushed into `extra`) so the order holds.
fn ranks_for(
    board: &BoardModel,
    moving: &[String],
    column: usize,
    index: usize,
    extra: &mut Vec<Card>,
) -> Vec<String> {
    let rest: Vec<&String> = board
        .column(column)
        .iter()
        .filter(|id| !moving.contains(id))
        .collect();
    let index = index.min(rest.len());
    let rank_of = |id: &String| {
        board
            .card(id)
            .and_then(|c| c.deal.rank.clone())
            .filter(|r| rank::is_valid(r))
    };
    let ranked = rest.iter().take_while(|id| rank_of(id).is_some()).count();
    if index <= ranked {
        let before = index.checked_sub(1).and_then(|i| rank_of(rest[i]));
        let after = rest.get(index).and_then(|id| rank_of(id));
        return rank::spread(before.as_deref(), after.as_deref(), moving.len());
    }
    let before = ranked.checked_sub(1).and_then(|i| rank_of(rest[i]));
    let unranked = &rest[ranked..index];
    let mut all = rank::spread(before.as_deref(), None, unranked.len() + moving.len());
    let mine = all.split_off(unranked.len());
    for (id, r) in unranked.iter().zip(all) {
        if let Some(c) = board.card(id) {
            let mut c = c.clone();
            c.deal.rank = Some(r);
            extra.push(c);
        }
    }
    mine
}

/// Plans undoing a move: the deals' move fields go back to what they were.
/// Refused when a deal has changed since (moved again, or by sync).
pub fn plan_undo(board: &BoardModel, undo: &Undo) -> Result<Vec<Card>, MoveError> {
    let mut out = Vec::with_capacity(undo.deals.len());
    for (id, before, after) in &undo.deals {
        let card = board
            .card(id)
            .ok_or_else(|| MoveError::NotOnBoard(id.clone()))?;
        if MoveFields::of(&card.deal) != *after {
            return Err(MoveError::ChangedSince(id.clone()));
        }
        let mut c = card.clone();
        before.apply(&mut c.deal);
        out.push(c);
    }
    Ok(out)
}
