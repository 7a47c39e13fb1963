//! Timeline wording: the kinds of item a timeline shows.

use crate::domain::timeline::TimelineKind;
use crate::i18n::*;
use crate::ui::common::activity_kind_label;
use leptos_i18n::I18nContext;

/// The label of a timeline kind.
pub fn kind_label(i18n: I18nContext<Locale>, k: TimelineKind) -> String {
    match k {
        TimelineKind::Activity(a) => return activity_kind_label(i18n, a),
        TimelineKind::StageChange => t_string!(i18n, timeline.stage_change),
        TimelineKind::DealChange => t_string!(i18n, timeline.deal_change),
        TimelineKind::TicketOpened => t_string!(i18n, timeline.ticket_opened),
        TimelineKind::TicketResolved => t_string!(i18n, timeline.ticket_resolved),
        TimelineKind::Survey => t_string!(i18n, timeline.survey),
        TimelineKind::RecordChange => t_string!(i18n, timeline.record_change),
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
