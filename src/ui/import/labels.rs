//! Import wording: kinds, field names and row problems.

use crate::domain::import::{ImportKind, Problem, TableError};
use crate::i18n::*;
use crate::ui::common::{field_label, number_locale};
use leptos_i18n::I18nContext;

/// The name of what a file holds.
pub fn kind_label(i18n: I18nContext<Locale>, k: ImportKind) -> String {
    match k {
        ImportKind::Contacts => t_string!(i18n, common.customers_contacts),
        ImportKind::Accounts => t_string!(i18n, common.customers_accounts),
        ImportKind::Deals => t_string!(i18n, common.related_deals),
        ImportKind::Activities => t_string!(i18n, import.activities),
        ImportKind::Surveys => t_string!(i18n, common.type_survey_response),
    }
    .to_string()
}

/// The label of an importable field.
pub fn import_field(i18n: I18nContext<Locale>, key: &str) -> String {
    match key {
        "account" => t_string!(i18n, common.col_account),
        "stage" => t_string!(i18n, common.col_stage),
        "source" => t_string!(i18n, common.src_source),
        "medium" => t_string!(i18n, common.src_medium),
        "campaign" => t_string!(i18n, common.src_campaign),
        "landing_page" => t_string!(i18n, common.src_landing),
        "currency" => t_string!(i18n, common.field_currency),
        "pipeline" => t_string!(i18n, import.f_pipeline),
        "contact_email" => t_string!(i18n, import.f_contact_email),
        "expected_close" => t_string!(i18n, import.f_expected_close),
        "kind" => t_string!(i18n, common.tl_kind),
        "occurred_at" => t_string!(i18n, import.f_occurred_at),
        "channel" => t_string!(i18n, common.tl_channel),
        "emotion" => t_string!(i18n, common.ql_emotion),
        "author" => t_string!(i18n, import.f_author),
        "survey_kind" => t_string!(i18n, import.f_survey_kind),
        "score" => t_string!(i18n, import.f_score),
        "contact" => t_string!(i18n, import.f_contact),
        "answered_at" => t_string!(i18n, import.f_answered_at),
        "comment" => t_string!(i18n, import.f_comment),
        "ticket" => t_string!(i18n, import.f_ticket),
        other => return field_label(i18n, other),
    }
    .to_string()
}

/// Why a cell was refused.
pub fn problem_text(i18n: I18nContext<Locale>, p: Problem) -> String {
    match p {
        Problem::Required => t_string!(i18n, import.required),
        Problem::InvalidEmail => t_string!(i18n, import.email),
        Problem::UnknownStage => t_string!(i18n, import.stage),
        Problem::UnknownPipeline => t_string!(i18n, import.pipeline),
        Problem::NotANumber => t_string!(i18n, import.number),
        Problem::UnknownCurrency => t_string!(i18n, import.currency),
        Problem::NotADate => t_string!(i18n, import.date),
        Problem::UnknownKind => t_string!(i18n, import.kind),
        Problem::UnknownChannel => t_string!(i18n, import.channel),
        Problem::OutOfRange => t_string!(i18n, import.range),
        Problem::UnknownContact => t_string!(i18n, import.contact),
        Problem::NeedsContactOrAccount => t_string!(i18n, import.who),
        Problem::BadUrl => t_string!(i18n, import.url),
        Problem::UnknownSurveyKind => t_string!(i18n, import.survey_kind),
        Problem::ScoreOutOfRange { lo, hi } => {
            return t_string!(i18n, import.score, lo = lo, hi = hi)
        }
        Problem::NoContactMatches => t_string!(i18n, import.no_contact),
        Problem::AmbiguousContact => t_string!(i18n, import.contact_twice),
        Problem::UnknownTicket => t_string!(i18n, import.ticket),
    }
    .to_string()
}

/// Why a file could not be read.
pub fn table_error(i18n: I18nContext<Locale>, e: &TableError) -> String {
    match e {
        TableError::Empty => t_string!(i18n, import.file_empty).to_string(),
        TableError::NotUtf8 { line } => {
            let line = number_locale(i18n).format_count(*line);
            t_string!(i18n, import.file_utf8, line = line)
        }
        TableError::Malformed { line, .. } => {
            let line = number_locale(i18n).format_count(*line);
            t_string!(i18n, import.file_broken, line = line)
        }
        TableError::DuplicateHeader(h) => t_string!(i18n, import.file_dup, name = h),
    }
}
