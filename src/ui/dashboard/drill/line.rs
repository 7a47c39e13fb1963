//! How a record reads in a drill-down: its label and where it shows.

use crate::domain::records::{
    Account, Activity, Contact, Deal, SurveyKind, SurveyResponse, Ticket,
};
use crate::domain::{Doc, RecordType};
use crate::i18n::*;
use crate::ui::common::activity_kind_label;
use crate::ui::common::routes;
use crate::ui::common::{date, money};
use leptos_i18n::I18nContext;

/// The survey's usual abbreviation, in the UI language.
fn kind_name(i18n: I18nContext<Locale>, k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => t_string!(i18n, common.jm_nps),
        SurveyKind::Csat => t_string!(i18n, common.jm_csat),
        SurveyKind::Ces => t_string!(i18n, common.jm_ces),
    }
}

/// A link to a record's page (or where it shows), with its label.
pub(super) fn line(i18n: I18nContext<Locale>, doc: &Doc) -> (String, Option<String>) {
    let contact_href = |id: &Option<String>| id.as_deref().map(routes::contact);
    match doc.record_type() {
        Some(RecordType::Contact) => (
            doc.record::<Contact>().map(|c| c.name).unwrap_or_default(),
            Some(routes::contact(&doc.id)),
        ),
        Some(RecordType::Account) => (
            doc.record::<Account>().map(|a| a.name).unwrap_or_default(),
            Some(routes::account(&doc.id)),
        ),
        Some(RecordType::Deal) => match doc.record::<Deal>() {
            Ok(d) => (
                format!("{} · {}", d.title, money(i18n, d.value)),
                Some(format!(
                    "/board?pipeline={}&q={}",
                    d.pipeline_id,
                    String::from(js_sys::encode_uri_component(&d.title))
                )),
            ),
            Err(_) => (doc.id.clone(), None),
        },
        Some(RecordType::Ticket) => (
            doc.record::<Ticket>()
                .map(|t| t.subject)
                .unwrap_or_default(),
            Some(routes::ticket(&doc.id)),
        ),
        Some(RecordType::SurveyResponse) => match doc.record::<SurveyResponse>() {
            Ok(s) => (
                format!(
                    "{} {} · {}{}",
                    kind_name(i18n, s.kind),
                    s.score,
                    date(i18n, s.answered_at),
                    if s.comment.is_empty() {
                        String::new()
                    } else {
                        format!(" · “{}”", s.comment)
                    }
                ),
                contact_href(&Some(s.contact_id)),
            ),
            Err(_) => (doc.id.clone(), None),
        },
        Some(RecordType::Activity) => match doc.record::<Activity>() {
            Ok(a) => (
                format!(
                    "{} · {}{}",
                    activity_kind_label(i18n, a.kind),
                    date(i18n, a.occurred_at),
                    if a.reason.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", a.reason)
                    }
                ),
                contact_href(&a.contact_id)
                    .or_else(|| a.account_id.as_deref().map(routes::account)),
            ),
            Err(_) => (doc.id.clone(), None),
        },
        _ => (doc.id.clone(), None),
    }
}
