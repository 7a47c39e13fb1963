//! Drill-down: the records behind a figure, listed with links to them.

use crate::domain::records::{
    Account, Activity, Contact, Deal, SurveyKind, SurveyResponse, Ticket,
};
use crate::domain::{Doc, RecordType};
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::board::labels::{date, money};
use crate::ui::common::{activity_kind_label, fill, use_workspace, Modal};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;

/// How many records a drill-down lists at a time.
const PAGE: usize = 100;

/// The figure being drilled into: its name and the document ids behind it.
#[derive(Clone, Copy)]
pub struct Drill(pub RwSignal<Option<(String, Vec<String>)>>);

/// The survey's usual abbreviation.
pub fn kind_name(k: SurveyKind) -> &'static str {
    match k {
        SurveyKind::Nps => "NPS",
        SurveyKind::Csat => "CSAT",
        SurveyKind::Ces => "CES",
    }
}

/// A link to a record's page (or where it shows), with its label.
fn line(i18n: I18nContext<Locale>, doc: &Doc) -> (String, Option<String>) {
    let local = |id: &str| {
        id.split_once(':')
            .map(|(_, l)| l.to_string())
            .unwrap_or_default()
    };
    let contact_href = |id: &Option<String>| {
        id.as_ref()
            .map(|c| format!("/customers/contact/{}", local(c)))
    };
    match doc.record_type() {
        Some(RecordType::Contact) => (
            doc.record::<Contact>().map(|c| c.name).unwrap_or_default(),
            Some(format!("/customers/contact/{}", local(&doc.id))),
        ),
        Some(RecordType::Account) => (
            doc.record::<Account>().map(|a| a.name).unwrap_or_default(),
            Some(format!("/customers/account/{}", local(&doc.id))),
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
            Some(format!("/support/ticket/{}", local(&doc.id))),
        ),
        Some(RecordType::SurveyResponse) => match doc.record::<SurveyResponse>() {
            Ok(s) => (
                format!(
                    "{} {} · {}{}",
                    kind_name(s.kind),
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
                contact_href(&a.contact_id).or_else(|| {
                    a.account_id
                        .map(|x| format!("/customers/account/{}", local(&x)))
                }),
            ),
            Err(_) => (doc.id.clone(), None),
        },
        _ => (doc.id.clone(), None),
    }
}

async fn load(store: Store, ids: Vec<String>) -> Result<Vec<Doc>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(d) = store.get(&id).await? {
            out.push(d);
        }
    }
    Ok(out)
}

/// The dialog listing the records behind the figure in [`Drill`].
#[component]
pub fn DrillDialog() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let drill = expect_context::<Drill>();
    let modal = Modal::new();
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        if drill.0.with(Option::is_some) {
            shown.set(PAGE);
            modal.show();
        }
    });
    let docs = LocalResource::new(move || {
        let ids: Vec<String> = drill.0.with(|d| {
            d.as_ref()
                .map(|(_, ids)| ids.iter().take(shown.get()).cloned().collect())
                .unwrap_or_default()
        });
        let store = ws.store();
        async move {
            match store {
                Some(s) => load(s, ids).await,
                None => Err(StoreError::Unavailable),
            }
        }
    });
    let total = move || drill.0.with(|d| d.as_ref().map_or(0, |(_, ids)| ids.len()));
    view! {
        <dialog node_ref=modal.node class="dialog drill" aria-labelledby="drill-h"
            on:close=move |_| { modal.open.set(false); drill.0.set(None); }>
            <div class="dialog-head">
                <h2 id="drill-h">{move || drill.0.with(|d| d.as_ref().map(|(t, _)| t.clone()).unwrap_or_default())}</h2>
            </div>
            <p class="muted">{move || fill(t_string!(i18n, dash_drill_count), &[("n", &total().to_string())])}</p>
            <Transition fallback=move || view! { <p role="status">{t!(i18n, loading)}</p> }>
                {move || docs.get().map(|r| match r {
                    Err(_) => view! { <p class="error" role="alert">{t!(i18n, err_unavailable)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="plain drill-list">
                            {list.iter().map(|d| {
                                let (label, href) = line(i18n, d);
                                match href {
                                    Some(h) => view! { <li><A href=h on:click=move |_| modal.close()>{label}</A></li> }.into_any(),
                                    None => view! { <li>{label}</li> }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <div class="form-actions">
                {move || (shown.get() < total()).then(|| view! {
                    <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>{t!(i18n, dash_drill_more)}</button>
                })}
                <button type="button" class="secondary" on:click=move |_| modal.close()>{t!(i18n, close)}</button>
            </div>
        </dialog>
    }
}
