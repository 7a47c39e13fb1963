//! Timeline wording: kinds, channels, emotions, journey stages and source groups.

use crate::domain::records::WorkspaceSettings;
use crate::domain::records::{Channel, SurveyKind};
use crate::domain::timeline::TimelineKind;
use crate::i18n::*;
use crate::ui::common::activity_kind_label;
use leptos_i18n::I18nContext;

/// The label of a timeline kind.
pub fn kind_label(i18n: I18nContext<Locale>, k: TimelineKind) -> String {
    match k {
        TimelineKind::Activity(a) => return activity_kind_label(i18n, a),
        TimelineKind::StageChange => t_string!(i18n, tl_stage_change),
        TimelineKind::DealChange => t_string!(i18n, tl_deal_change),
        TimelineKind::TicketOpened => t_string!(i18n, tl_ticket_opened),
        TimelineKind::TicketResolved => t_string!(i18n, tl_ticket_resolved),
        TimelineKind::Survey => t_string!(i18n, tl_survey),
        TimelineKind::RecordChange => t_string!(i18n, tl_record_change),
    }
    .to_string()
}

/// A stable key for a kind, for `<option value>`.
pub fn kind_key(k: TimelineKind) -> String {
    match k {
        TimelineKind::Activity(a) => format!(
            "a:{}",
            serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ),
        other => format!("{other:?}"),
    }
}

/// The icon of a kind (decorative; the label carries the meaning). Plain
/// symbols from the Basic Multilingual Plane, which every system font set has,
/// rather than emoji that render as empty boxes where no emoji font is installed.
pub fn kind_icon(k: TimelineKind) -> &'static str {
    use crate::domain::records::ActivityKind as A;
    match k {
        TimelineKind::Activity(A::Call) => "☎",
        TimelineKind::Activity(A::Email) => "✉",
        TimelineKind::Activity(A::Meeting) => "⚇",
        TimelineKind::Activity(A::FieldVisit) => "⌖",
        TimelineKind::Activity(A::Note) => "✎",
        TimelineKind::Activity(A::Chat) => "❝",
        TimelineKind::Activity(A::Webinar) => "▶",
        TimelineKind::Activity(A::AdClick) => "➚",
        TimelineKind::Activity(A::PageView) => "◉",
        TimelineKind::Activity(A::Purchase) => "¤",
        TimelineKind::Activity(A::Churn) => "✕",
        TimelineKind::StageChange => "➜",
        TimelineKind::DealChange => "◆",
        TimelineKind::TicketOpened => "⚑",
        TimelineKind::TicketResolved => "✔",
        TimelineKind::Survey => "★",
        TimelineKind::RecordChange => "✐",
    }
}

/// The label of a channel.
pub fn channel_label(i18n: I18nContext<Locale>, c: Channel) -> String {
    match c {
        Channel::Website => t_string!(i18n, ch_website),
        Channel::LandingPage => t_string!(i18n, ch_landing_page),
        Channel::App => t_string!(i18n, ch_app),
        Channel::Social => t_string!(i18n, ch_social),
        Channel::Blog => t_string!(i18n, ch_blog),
        Channel::Email => t_string!(i18n, ch_email),
        Channel::Webinar => t_string!(i18n, ch_webinar),
        Channel::LiveChat => t_string!(i18n, ch_live_chat),
        Channel::ReviewSite => t_string!(i18n, ch_review_site),
        Channel::Community => t_string!(i18n, ch_community),
        Channel::Phone => t_string!(i18n, ch_phone),
        Channel::Store => t_string!(i18n, ch_store),
        Channel::Field => t_string!(i18n, ch_field),
        Channel::Demo => t_string!(i18n, ch_demo),
        Channel::Support => t_string!(i18n, ch_support),
        Channel::KnowledgeBase => t_string!(i18n, ch_knowledge_base),
    }
    .to_string()
}

/// The short mark (`−2` … `+2`), its CSS class and the spoken label of an emotion.
pub fn emotion(i18n: I18nContext<Locale>, e: i8) -> (&'static str, &'static str, String) {
    match e {
        i8::MIN..=-2 => ("−2", "emo m2", t_string!(i18n, emo_m2).to_string()),
        -1 => ("−1", "emo m1", t_string!(i18n, emo_m1).to_string()),
        0 => ("0", "emo z", t_string!(i18n, emo_0).to_string()),
        1 => ("+1", "emo p1", t_string!(i18n, emo_p1).to_string()),
        _ => ("+2", "emo p2", t_string!(i18n, emo_p2).to_string()),
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

/// A source group's label (built-in groups are translated; a workspace's own shows as written).
pub fn source_group_label(i18n: I18nContext<Locale>, group: &str) -> String {
    match group {
        "direct" => t_string!(i18n, sg_direct),
        "email" => t_string!(i18n, sg_email),
        "paid_social" => t_string!(i18n, sg_paid_social),
        "paid_search" => t_string!(i18n, sg_paid_search),
        "organic_search" => t_string!(i18n, sg_organic_search),
        "social" => t_string!(i18n, sg_social),
        "referral" => t_string!(i18n, sg_referral),
        "other" => t_string!(i18n, sg_other),
        "unknown" => t_string!(i18n, sg_unknown),
        own => return own.to_string(),
    }
    .to_string()
}

/// Time of day `HH:MM` in the browser's zone.
pub fn clock(at: crate::domain::Timestamp) -> String {
    let local = at.plus_ms(offset_minutes() as i64 * 60_000);
    let ms = local.0.rem_euclid(86_400_000);
    format!("{:02}:{:02}", ms / 3_600_000, (ms / 60_000) % 60)
}

/// The browser zone's offset east of UTC, in minutes (UTC+7 → 420).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
