//! Translated labels for domain enums, so screens never show raw ids.

use crate::domain::records::{ActivityKind, RecordType};
use crate::domain::stages::StageSetPreset;
use crate::domain::{DocError, WriteError};
use crate::i18n::*;
use crate::store::StoreError;
use leptos_i18n::reexports::icu::plurals::PluralOperands;
use leptos_i18n::I18nContext;

/// The plural label of a record type in the current language.
pub fn record_type_label(i18n: I18nContext<Locale>, t: RecordType) -> String {
    match t {
        RecordType::Account => t_string!(i18n, type_account),
        RecordType::Contact => t_string!(i18n, type_contact),
        RecordType::Deal => t_string!(i18n, type_deal),
        RecordType::Pipeline => t_string!(i18n, type_pipeline),
        RecordType::Activity => t_string!(i18n, type_activity),
        RecordType::StageTransition => t_string!(i18n, type_stage_transition),
        RecordType::Ticket => t_string!(i18n, type_ticket),
        RecordType::SurveyResponse => t_string!(i18n, type_survey_response),
        RecordType::Persona => t_string!(i18n, type_persona),
        RecordType::JourneyMap => t_string!(i18n, type_journey_map),
        RecordType::Settings => t_string!(i18n, type_settings),
        RecordType::RecordChange => t_string!(i18n, type_record_change),
        RecordType::Follow => t_string!(i18n, type_follow),
        RecordType::MapSnapshot => t_string!(i18n, type_map_snapshot),
        RecordType::Period => t_string!(i18n, type_period),
    }
    .to_string()
}

/// The label of a stage-set preset.
pub fn stage_set_label(i18n: I18nContext<Locale>, p: StageSetPreset) -> String {
    match p {
        StageSetPreset::Classic => t_string!(i18n, stage_set_classic),
        StageSetPreset::Lifecycle => t_string!(i18n, stage_set_lifecycle),
        StageSetPreset::Saas => t_string!(i18n, stage_set_saas),
    }
    .to_string()
}

/// The number locale matching the UI language.
pub fn number_locale(i18n: I18nContext<Locale>) -> crate::domain::money::NumberLocale {
    match i18n.get_locale() {
        Locale::vi => crate::domain::money::NumberLocale::Vi,
        Locale::en => crate::domain::money::NumberLocale::En,
    }
}

/// The plural operands of `v` as shown with `places` decimals, for the `count`
/// of a plural message: CLDR picks the form from the digits shown, so English
/// says "1 day" but "1.0 days" and "1.5 days".
pub fn decimal_count(v: f64, places: usize) -> PluralOperands {
    fixed_decimal::Decimal::try_from_str(&format!("{:.*}", places, v.abs()))
        .map_or(PluralOperands::from(0u64), |d| PluralOperands::from(&d))
}

/// A store error as a sentence the user can act on, in the current language.
pub fn store_error_message(i18n: I18nContext<Locale>, e: &StoreError) -> String {
    match e {
        StoreError::Unavailable => t_string!(i18n, err_unavailable).to_string(),
        StoreError::QuotaExceeded => t_string!(i18n, err_quota).to_string(),
        StoreError::Aborted => t_string!(i18n, err_aborted).to_string(),
        StoreError::ReadOnly => t_string!(i18n, err_read_only).to_string(),
        StoreError::Write(WriteError::Conflict(_)) => t_string!(i18n, err_conflict).to_string(),
        StoreError::Write(WriteError::Invalid(DocError::Invalid { errors, .. })) => {
            let fields: Vec<&str> = errors.0.iter().map(|f| f.field.as_str()).collect();
            format!("{} {}", t_string!(i18n, err_invalid), fields.join(", "))
        }
        StoreError::Write(WriteError::Invalid(DocError::UnknownType { type_name, .. })) => {
            t_string!(i18n, err_unknown_type, name = type_name)
        }
        StoreError::Write(WriteError::Invalid(DocError::Oversized { field, bytes, .. })) => {
            let size = number_locale(i18n).format_count(bytes.div_ceil(1024) as u64);
            t_string!(i18n, err_oversized, field = field, size = size)
        }
        // IndexedDB's own error names are technical; show them as they are.
        other => other.to_string(),
    }
}

/// The label of a record field; fields Waypoint does not know keep their stored name.
pub fn field_label(i18n: I18nContext<Locale>, field: &str) -> String {
    match field {
        "name" => t_string!(i18n, field_name),
        "city" => t_string!(i18n, field_city),
        "industry" => t_string!(i18n, field_industry),
        "segment" => t_string!(i18n, field_segment),
        "region" => t_string!(i18n, field_region),
        "owner" => t_string!(i18n, field_owner),
        "source" => t_string!(i18n, field_source),
        "email" => t_string!(i18n, field_email),
        "phone" => t_string!(i18n, field_phone),
        "title" => t_string!(i18n, field_title),
        "role" => t_string!(i18n, field_role),
        "value" => t_string!(i18n, field_value),
        "stage_id" => t_string!(i18n, field_stage_id),
        "status" => t_string!(i18n, field_status),
        "notes" => t_string!(i18n, field_notes),
        "reason" => t_string!(i18n, field_reason),
        "subject" => t_string!(i18n, field_subject),
        "assignee" => t_string!(i18n, tk_assignee),
        "priority" => t_string!(i18n, tk_priority),
        "description" => t_string!(i18n, tk_description),
        "first_response_at" => t_string!(i18n, tk_first_response),
        "resolved_at" => t_string!(i18n, tk_resolved_at),
        "csat_requested_at" => t_string!(i18n, tk_csat_requested),
        "support_lead" => t_string!(i18n, lead_section),
        other => return other.to_string(),
    }
    .to_string()
}

/// The label of an activity kind.
pub fn activity_kind_label(i18n: I18nContext<Locale>, k: ActivityKind) -> String {
    match k {
        ActivityKind::Call => t_string!(i18n, kind_call),
        ActivityKind::Email => t_string!(i18n, kind_email),
        ActivityKind::Meeting => t_string!(i18n, kind_meeting),
        ActivityKind::FieldVisit => t_string!(i18n, kind_field_visit),
        ActivityKind::Note => t_string!(i18n, kind_note),
        ActivityKind::Chat => t_string!(i18n, kind_chat),
        ActivityKind::Webinar => t_string!(i18n, kind_webinar),
        ActivityKind::AdClick => t_string!(i18n, kind_ad_click),
        ActivityKind::PageView => t_string!(i18n, kind_page_view),
        ActivityKind::Purchase => t_string!(i18n, kind_purchase),
        ActivityKind::Churn => t_string!(i18n, kind_churn),
    }
    .to_string()
}
