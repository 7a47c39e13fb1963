//! Board wording: stage names (including the won/lost outcomes), refused-move
//! messages and column totals.

use crate::domain::board::{moves, BoardModel, MoveError};
use crate::i18n::*;
use crate::ui::common::money;
use leptos_i18n::I18nContext;

/// The display name of a stage id of the board's pipeline, or of an outcome.
pub fn stage_name(i18n: I18nContext<Locale>, model: &BoardModel, id: &str) -> String {
    match id {
        moves::WON => t_string!(i18n, common.outcome_won).to_string(),
        moves::LOST => t_string!(i18n, common.outcome_lost).to_string(),
        _ => model
            .pipeline()
            .stage(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone()),
    }
}

/// Why a move was refused, in the UI language.
pub fn move_error(i18n: I18nContext<Locale>, e: &MoveError) -> String {
    match e {
        MoveError::Nothing => t_string!(i18n, board.move_err_nothing).to_string(),
        MoveError::NotOnBoard(_) => t_string!(i18n, board.move_err_not_on_board).to_string(),
        MoveError::OtherPipeline(_) => t_string!(i18n, board.move_err_other_pipeline).to_string(),
        MoveError::UnknownStage => t_string!(i18n, board.move_err_unknown_stage).to_string(),
        MoveError::ReasonRequired => t_string!(i18n, board.move_err_reason).to_string(),
        MoveError::ChangedSince(_) => t_string!(i18n, board.move_err_changed).to_string(),
    }
}

/// The header line of a column's totals in every currency present, workspace
/// currency first: `12 deals · 1.200.000 ₫ (weighted 300.000 ₫)`.
pub fn amounts_lines(
    i18n: I18nContext<Locale>,
    amounts: &crate::domain::board::Amounts,
    first: crate::domain::Currency,
) -> Vec<(String, String)> {
    let mut cs = amounts.currencies(first);
    if cs.is_empty() {
        cs.push(first);
    }
    cs.into_iter()
        .map(|c| {
            (
                money(i18n, amounts.value(c)),
                money(i18n, amounts.weighted(c)),
            )
        })
        .collect()
}
