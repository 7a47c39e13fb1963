//! Translated labels for domain enums, so screens never show raw ids.

use crate::domain::keyed_text;
use crate::domain::records::{ActivityKind, Channel, RecordType, SurveyKind, WorkspaceSettings};
use crate::domain::stages::StageSetPreset;
use crate::domain::{DocError, WriteError};
use crate::i18n::*;
use crate::store::StoreError;
use crate::ui::common::number_locale;
use leptos_i18n::reexports::icu::plurals::PluralOperands;
use leptos_i18n::I18nContext;

/// The plural label of a record type in the current language.
pub fn record_type_label(i18n: I18nContext<Locale>, t: RecordType) -> String {
    match t {
        RecordType::Account => t_string!(i18n, common.type_account),
        RecordType::Contact => t_string!(i18n, common.type_contact),
        RecordType::Deal => t_string!(i18n, common.type_deal),
        RecordType::Pipeline => t_string!(i18n, common.type_pipeline),
        RecordType::Activity => t_string!(i18n, common.type_activity),
        RecordType::StageTransition => t_string!(i18n, common.type_stage_transition),
        RecordType::Ticket => t_string!(i18n, common.type_ticket),
        RecordType::SurveyResponse => t_string!(i18n, common.type_survey_response),
        RecordType::Persona => t_string!(i18n, common.type_persona),
        RecordType::JourneyMap => t_string!(i18n, common.type_journey_map),
        RecordType::Settings => t_string!(i18n, common.type_settings),
        RecordType::RecordChange => t_string!(i18n, common.type_record_change),
        RecordType::Follow => t_string!(i18n, common.type_follow),
        RecordType::MapSnapshot => t_string!(i18n, common.type_map_snapshot),
        RecordType::Period => t_string!(i18n, common.type_period),
    }
    .to_string()
}

/// The label of a stage-set preset.
pub fn stage_set_label(i18n: I18nContext<Locale>, p: StageSetPreset) -> String {
    match p {
        StageSetPreset::Classic => t_string!(i18n, common.stage_set_classic),
        StageSetPreset::Lifecycle => t_string!(i18n, common.stage_set_lifecycle),
        StageSetPreset::Saas => t_string!(i18n, common.stage_set_saas),
    }
    .to_string()
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
        StoreError::Unavailable => t_string!(i18n, common.err_unavailable).to_string(),
        StoreError::QuotaExceeded => t_string!(i18n, common.err_quota).to_string(),
        StoreError::Aborted => t_string!(i18n, common.err_aborted).to_string(),
        StoreError::ReadOnly => t_string!(i18n, common.err_read_only).to_string(),
        StoreError::Write(WriteError::Conflict(_)) => {
            t_string!(i18n, common.err_conflict).to_string()
        }
        StoreError::Write(WriteError::Invalid(DocError::Invalid { errors, .. })) => {
            let fields: Vec<&str> = errors.0.iter().map(|f| f.field.as_str()).collect();
            format!(
                "{} {}",
                t_string!(i18n, common.err_invalid),
                fields.join(", ")
            )
        }
        StoreError::Write(WriteError::Invalid(DocError::UnknownType { type_name, .. })) => {
            t_string!(i18n, common.err_unknown_type, name = type_name)
        }
        StoreError::Write(WriteError::Invalid(DocError::Oversized { field, bytes, .. })) => {
            let size = number_locale(i18n).format_count(bytes.div_ceil(1024) as u64);
            t_string!(i18n, common.err_oversized, field = field, size = size)
        }
        // IndexedDB's own error names are technical; show them as they are.
        other => other.to_string(),
    }
}

/// The label of a record field; fields Waypoint does not know keep their stored name.
pub fn field_label(i18n: I18nContext<Locale>, field: &str) -> String {
    match field {
        "name" => t_string!(i18n, common.field_name),
        "city" => t_string!(i18n, common.field_city),
        "industry" => t_string!(i18n, common.field_industry),
        "segment" => t_string!(i18n, common.field_segment),
        "region" => t_string!(i18n, common.field_region),
        "owner" => t_string!(i18n, common.field_owner),
        "source" => t_string!(i18n, common.field_source),
        "email" => t_string!(i18n, common.field_email),
        "phone" => t_string!(i18n, common.field_phone),
        "title" => t_string!(i18n, common.field_title),
        "role" => t_string!(i18n, common.field_role),
        "value" => t_string!(i18n, common.field_value),
        "stage_id" => t_string!(i18n, common.field_stage_id),
        "status" => t_string!(i18n, common.field_status),
        "notes" => t_string!(i18n, common.field_notes),
        "reason" => t_string!(i18n, common.field_reason),
        "subject" => t_string!(i18n, common.field_subject),
        "assignee" => t_string!(i18n, common.tk_assignee),
        "priority" => t_string!(i18n, common.tk_priority),
        "description" => t_string!(i18n, common.tk_description),
        "first_response_at" => t_string!(i18n, common.tk_first_response),
        "resolved_at" => t_string!(i18n, common.tk_resolved_at),
        "csat_requested_at" => t_string!(i18n, common.tk_csat_requested),
        "support_lead" => t_string!(i18n, common.lead_section),
        other => return other.to_string(),
    }
    .to_string()
}

/// The label of an activity kind.
pub fn activity_kind_label(i18n: I18nContext<Locale>, k: ActivityKind) -> String {
    match k {
        ActivityKind::Call => t_string!(i18n, common.kind_call),
        ActivityKind::Email => t_string!(i18n, common.kind_email),
        ActivityKind::Meeting => t_string!(i18n, common.kind_meeting),
        ActivityKind::FieldVisit => t_string!(i18n, common.kind_field_visit),
        ActivityKind::Note => t_string!(i18n, common.kind_note),
        ActivityKind::Chat => t_string!(i18n, common.kind_chat),
        ActivityKind::Webinar => t_string!(i18n, common.kind_webinar),
        ActivityKind::AdClick => t_string!(i18n, common.kind_ad_click),
        ActivityKind::PageView => t_string!(i18n, common.kind_page_view),
        ActivityKind::Purchase => t_string!(i18n, common.kind_purchase),
        ActivityKind::Churn => t_string!(i18n, common.kind_churn),
    }
    .to_string()
}

/// The label of a channel.
pub fn channel_label(i18n: I18nContext<Locale>, c: Channel) -> String {
    match c {
        Channel::Website => t_string!(i18n, common.ch_website),
        Channel::LandingPage => t_string!(i18n, common.ch_landing_page),
        Channel::App => t_string!(i18n, common.ch_app),
        Channel::Social => t_string!(i18n, common.ch_social),
        Channel::Blog => t_string!(i18n, common.ch_blog),
        Channel::Email => t_string!(i18n, common.ch_email),
        Channel::Webinar => t_string!(i18n, common.ch_webinar),
        Channel::LiveChat => t_string!(i18n, common.ch_live_chat),
        Channel::ReviewSite => t_string!(i18n, common.ch_review_site),
        Channel::Community => t_string!(i18n, common.ch_community),
        Channel::Phone => t_string!(i18n, common.ch_phone),
        Channel::Store => t_string!(i18n, common.ch_store),
        Channel::Field => t_string!(i18n, common.ch_field),
        Channel::Demo => t_string!(i18n, common.ch_demo),
        Channel::Support => t_string!(i18n, common.ch_support),
        Channel::KnowledgeBase => t_string!(i18n, common.ch_knowledge_base),
    }
    .to_string()
}

/// The short mark (`−2` … `+2`), its CSS class and the spoken label of an emotion.
pub fn emotion(i18n: I18nContext<Locale>, e: i8) -> (&'static str, &'static str, String) {
    match e {
        i8::MIN..=-2 => ("−2", "emo m2", t_string!(i18n, common.emo_m2).to_string()),
        -1 => ("−1", "emo m1", t_string!(i18n, common.emo_m1).to_string()),
        0 => ("0", "emo z", t_string!(i18n, common.emo_0).to_string()),
        1 => ("+1", "emo p1", t_string!(i18n, common.emo_p1).to_string()),
        _ => ("+2", "emo p2", t_string!(i18n, common.emo_p2).to_string()),
    }
}

/// A survey's name.
pub fn survey_label(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => "NPS",
        SurveyKind::Csat => "CSAT",
        SurveyKind::Ces => "CES",
    }
}

/// A journey stage's label in the UI language (the id when the stage set lacks it).
pub fn journey_stage_label(i18n: I18nContext<Locale>, s: &WorkspaceSettings, id: &str) -> String {
    let lang = match i18n.get_locale() {
        Locale::vi => "vi",
        Locale::en => "en",
    };
    s.journey_stages
        .iter()
        .find(|st| st.id == id)
        .map(|st| st.label(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// The lead source groups Waypoint knows, by id, with their labels.
pub fn source_group_labels(i18n: I18nContext<Locale>) -> Vec<(&'static str, String)> {
    group_labels_in(i18n.get_locale())
}

/// A source group's label (built-in groups are translated; a workspace's own shows as written).
pub fn source_group_label(i18n: I18nContext<Locale>, group: &str) -> String {
    keyed_text::shown(group, &source_group_labels(i18n))
}

/// The contact roles persona rules and the sample use, with their labels.
pub fn contact_role_labels(i18n: I18nContext<Locale>) -> Vec<(&'static str, String)> {
    role_labels_in(i18n.get_locale())
}

fn role_labels_in(l: Locale) -> Vec<(&'static str, String)> {
    [
        ("buyer", td_string!(l, common.role_buyer)),
        ("admin", td_string!(l, common.role_admin)),
        ("user", td_string!(l, common.role_user)),
        ("champion", td_string!(l, common.role_champion)),
        ("finance", td_string!(l, common.role_finance)),
    ]
    .into_iter()
    .map(|(id, label)| (id, label.to_string()))
    .collect()
}

fn group_labels_in(l: Locale) -> Vec<(&'static str, String)> {
    [
        ("direct", td_string!(l, common.sg_direct)),
        ("email", td_string!(l, common.sg_email)),
        ("paid_social", td_string!(l, common.sg_paid_social)),
        ("paid_search", td_string!(l, common.sg_paid_search)),
        ("organic_search", td_string!(l, common.sg_organic_search)),
        ("social", td_string!(l, common.sg_social)),
        ("referral", td_string!(l, common.sg_referral)),
        ("other", td_string!(l, common.sg_other)),
        ("unknown", td_string!(l, common.sg_unknown)),
    ]
    .into_iter()
    .map(|(id, label)| (id, label.to_string()))
    .collect()
}

/// Contact roles by their label in every language the app speaks: a form
/// kept across a language switch still stores the key.
pub fn contact_role_words() -> Vec<(&'static str, String)> {
    Locale::get_all()
        .iter()
        .flat_map(|&l| role_labels_in(l))
        .collect()
}

/// Source groups by their label in every language the app speaks.
pub fn source_group_words() -> Vec<(&'static str, String)> {
    Locale::get_all()
        .iter()
        .flat_map(|&l| group_labels_in(l))
        .collect()
}
