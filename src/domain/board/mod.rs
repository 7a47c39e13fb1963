//! The pipeline board's logic: exact totals, card ranks, filters, moves with
//! undo and stage history. Pure; the board screen renders it.

pub mod aggregate;
pub mod filter;
pub mod history;
pub mod model;
pub mod moves;
pub mod rank;

pub use aggregate::{share_per_mille, Amounts, StageTotals};
pub use filter::{BadParam, BoardQuery};
pub use history::{current_stage, deal_history, HistoryStep, StepKind};
pub use model::{month_of, BoardModel, Card, Month, Placement};
pub use moves::{plan_move, plan_undo, MoveError, MovePlan, MoveTarget, Undo};

#[cfg(test)]
mod tests;
