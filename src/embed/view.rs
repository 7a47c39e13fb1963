//! What one `<waypoint-view>` renders inside its shadow root: its own i18n
//! context (never touching the host's `<html lang>`), the shared workspace seen
//! read-only when asked, and the chosen screen.

use super::events::{dispatch, sync_detail};
use crate::domain::board::BoardQuery;
use crate::domain::embed::{EmbedConfig, EmbedView};
use crate::domain::records::{Account, Contact};
use crate::domain::timeline::Scope;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::board::{BoardNav, BoardScreen};
use crate::ui::common::Reads;
use crate::ui::common::{
    store_error_message, use_workspace, HostEvents, Loading, ReadError, StoreStatus, UiRoot,
    Workspace,
};
use crate::ui::dashboard::Counts;
use crate::ui::journey::ReadOnlyMap;
use crate::ui::timeline::{QuickLog, Timeline};
use leptos::prelude::*;
use serde_json::json;
use std::collections::BTreeSet;
use web_sys::{HtmlElement, ShadowRoot};

/// The element's whole tree.
#[component]
pub fn EmbedRoot(
    /// The checked attributes.
    config: EmbedConfig,
    /// The shared workspace the element names (writable; narrowed here when read-only).
    shared: Workspace,
    /// The `<waypoint-view>` element, where events are dispatched.
    host: HtmlElement,
    /// Its shadow root, where focus and hit tests look.
    shadow: ShadowRoot,
    /// The board's view, also set by the element's `setFilter`.
    filter: RwSignal<BoardQuery>,
) -> impl IntoView {
    let ws = match config.read_only {
        true => shared.as_read_only(),
        false => shared,
    };
    provide_context(ws);
    provide_context(UiRoot::shadow(shadow));
    let send = host.clone();
    provide_context(HostEvents::new(move |name, detail| {
        dispatch(&send, name, &detail)
    }));
    crate::plural_rules::install();
    view! {
        <I18nContextProvider
            set_lang_attr_on_html=false
            set_dir_attr_on_html=false
            enable_cookie=false
        >
            <EmbedBody config host filter />
        </I18nContextProvider>
    }
}

#[component]
fn EmbedBody(
    config: EmbedConfig,
    host: HtmlElement,
    filter: RwSignal<BoardQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let fixed = config.locale.clone();
    Effect::new(move |_| {
        let lang = fixed.clone().unwrap_or_else(|| ws.locale());
        let target = if lang == "en" { Locale::en } else { Locale::vi };
        if i18n.get_locale_untracked() != target {
            i18n.set_locale(target);
        }
    });
    // The board's pipeline picker and filters change this element's view, not the host's URL.
    provide_context(BoardNav::new(move |q, _| filter.set(q)));
    let events = HostEvents::current();
    let scoped = !config.accounts.is_empty();
    // Changes made before this element existed are not replayed.
    ws.on_change(Reads::everything(), move |ev| {
        if let Some(host) = events {
            // A view limited to some accounts does not tell which other records changed.
            let detail = match scoped {
                true => json!({ "seq": ev.seq, "count": ev.ids.len() }),
                false => json!({ "ids": ev.ids, "seq": ev.seq }),
            };
            host.emit("waypoint-change", detail);
        }
    });
    Effect::new(move |_| {
        if let Some(status) = ws.sync_status.get() {
            dispatch(&host, "waypoint-sync-status", &sync_detail(&status));
        }
    });
    let lang = move || match i18n.get_locale() {
        Locale::en => "en",
        Locale::vi => "vi",
    };
    let read_only = config.read_only;
    view! {
        <div class="waypoint-embed" part="surface" lang=lang>
            {read_only
                .then(|| {
                    view! {
                        <p class="embed-badge muted" part="badge">
                            {t!(i18n, common.embed_read_only)}
                        </p>
                    }
                })}
            {move || match ws.status.get() {
                StoreStatus::Opening => view! { <Loading /> }.into_any(),
                StoreStatus::Failed(error) => {
                    let text = move || store_error_message(i18n, &error);
                    view! {
                        <p role="alert" class="error">
                            {t!(i18n, common.store_error, error = text)}
                        </p>
                    }
                        .into_any()
                }
                StoreStatus::Ready => screen(&config, filter).into_any(),
            }}
        </div>
    }
}

fn screen(config: &EmbedConfig, filter: RwSignal<BoardQuery>) -> impl IntoView {
    let scope = config.accounts.clone();
    match config.view.clone() {
        EmbedView::Board { .. } => {
            view! { <BoardScreen query=filter bad_params=Signal::stored(Vec::new()) scope /> }
                .into_any()
        }
        EmbedView::Timeline(who) => view! { <EmbeddedTimeline who scope /> }.into_any(),
        // The figures count every customer of the persona: not for a view limited to some accounts.
        EmbedView::Journey { map } => {
            let with_figures = scope.is_empty();
            view! { <ReadOnlyMap id=map with_figures /> }.into_any()
        }
        EmbedView::Dashboard => view! { <Counts scope /> }.into_any(),
    }
}

/// Whose timeline it is: name, account, and whether the element may show it.
#[derive(Clone)]
struct Subject {
    name: String,
    contact: Option<String>,
    account: Option<String>,
}

#[component]
fn EmbeddedTimeline(who: Scope, scope: BTreeSet<String>) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let wanted = who.clone();
    let subject = ws.read(
        Reads::types(&[RecordType::Contact, RecordType::Account]),
        move |store| {
            let who = wanted.clone();
            async move {
                Ok(match &who {
                    Scope::Contact(id) => match store.get(id).await? {
                        Some(d) if !d.deleted => d.record::<Contact>().ok().map(|c| Subject {
                            name: c.name,
                            contact: Some(id.clone()),
                            account: c.account_id,
                        }),
                        _ => None,
                    },
                    Scope::Account(id) => match store.get(id).await? {
                        Some(d) if !d.deleted => d.record::<Account>().ok().map(|a| Subject {
                            name: a.name,
                            contact: None,
                            account: Some(id.clone()),
                        }),
                        _ => None,
                    },
                })
            }
        },
    );
    let read_only = ws.read_only();
    view! {
        <Transition fallback=Loading>
            {move || {
                subject
                    .get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(None) => {
                            view! {
                                <p class="card empty" role="status">
                                    {t!(i18n, common.embed_no_record)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(
                            Some(s),
                        ) if !(scope.is_empty()
                            || s.account.as_ref().is_some_and(|a| scope.contains(a))) => {
                            view! {
                                <p class="card empty" role="status">
                                    {t!(i18n, common.embed_out_of_scope)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Some(s)) => {
                            let who = who.clone();
                            view! {
                                <h1>{t!(i18n, common.embed_timeline_of, name = s.name.clone())}</h1>
                                {(!read_only)
                                    .then(|| {
                                        view! {
                                            <QuickLog
                                                contact_id=s.contact.clone()
                                                account_id=s.account.clone()
                                                current_stage=Signal::stored(None::<String>)
                                            />
                                        }
                                    })}
                                <Timeline scope=who />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
