//! Settings → Sync: what keeps changes from reaching the server right now — live
//! sync stopped or retrying (with why), and records the server refuses as too
//! large, named with their size and the server's limit. Nothing listed here is
//! lost: it stays on this device and is offered again at every sync.

use crate::domain::held_back::{group_refused, HeldBack};
use crate::domain::replication::leaf_revs;
use crate::domain::replication::FetchError;
use crate::domain::storage::format_bytes;
use crate::domain::RecordType;
use crate::domain::RevId;
use crate::i18n::*;
use crate::sync::{held_state, LiveStatus, HELD_SETTING};
use crate::ui::common::{number_locale, record_type_label, use_workspace, Reads};
use crate::ui::settings::refused_item::{discarded_line, Discarded, RefusedItem};
use crate::ui::settings::sync_error::sync_error_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A held-back revision with what a person knows it by.
#[derive(Clone, Debug, PartialEq)]
struct Named {
    held: HeldBack,
    kind: Option<RecordType>,
    title: String,
}

/// A refused record as listed: the server's answer, the records discarded with
/// it, its leaves when listed, its type and its title.
type Refused = (
    FetchError,
    Vec<String>,
    Vec<RevId>,
    Option<RecordType>,
    String,
);

/// The record type and title of document `id`, as a person knows it.
async fn name_of(
    store: &crate::store::Store,
    id: &str,
) -> Result<(Option<crate::domain::RecordType>, String), crate::store::StoreError> {
    let doc = store.get(id).await?;
    let kind = doc.as_ref().and_then(|d| d.record_type());
    let title = doc
        .as_ref()
        .and_then(|d| d.display_title().map(str::to_owned))
        .unwrap_or_else(|| id.to_string());
    Ok((kind, title))
}

/// Live sync's failure, the records held back by the last push, and the
/// records whose last change the server refused.
#[component]
pub fn SyncWaiting() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let held = ws.read(
        Reads::everything().setting(HELD_SETTING),
        |store| async move {
            let state = held_state(&store)
                .await
                .map_err(|e| match e {
                    crate::sync::SyncError::Store(e) => e,
                    other => crate::store::StoreError::Corrupt(other.to_string()),
                })?
                .unwrap_or_default();
            let mut held = Vec::new();
            for h in state.held {
                let (kind, title) = name_of(&store, &h.id).await?;
                held.push(Named {
                    held: h,
                    kind,
                    title,
                });
            }
            let mut subjects = std::collections::HashMap::new();
            for r in state
                .refused
                .iter()
                .filter(|r| r.id.starts_with("record_change:"))
            {
                if let Some(doc) = store.get(&r.id).await? {
                    let subject = doc.body.get("subject_id").and_then(|v| v.as_str());
                    subjects.insert(r.id.clone(), subject.unwrap_or_default().to_string());
                }
            }
            let mut refused = Vec::new();
            for (r, with) in group_refused(&state.refused, |id| subjects.get(id).cloned()) {
                // An edit's record alone is known by the record it describes.
                let named = subjects.get(&r.id).unwrap_or(&r.id);
                let (kind, title) = name_of(&store, named).await?;
                let leaves = store.entry(&r.id).await?.as_ref().map(leaf_revs);
                refused.push((r, with, leaves.unwrap_or_default(), kind, title));
            }
            Ok((held, refused))
        },
    );
    let live_problem = move || {
        let status = match ws.sync_status.get()? {
            LiveStatus::Follower { leader: Some(s) } => *s,
            s => s,
        };
        match status {
            LiveStatus::Failed(e) => Some((e, None)),
            LiveStatus::Retrying { error, in_ms } => Some((error, Some(in_ms))),
            _ => None,
        }
    };
    let restart = move |_| {
        spawn_local(async move { ws.resume_sync().await });
    };
    let item = move |n: Named| {
        let nl = number_locale(i18n);
        let kind = n
            .kind
            .map(|k| record_type_label(i18n, k))
            .unwrap_or_default();
        let size = format_bytes(n.held.bytes, nl);
        let text = match n.held.limit {
            Some(limit) => {
                let limit = format_bytes(limit, nl);
                t_string!(
                    i18n,
                    settings.sync_held_item_limit,
                    kind = kind,
                    title = n.title.clone(),
                    size = size,
                    limit = limit
                )
                .to_string()
            }
            None => t_string!(
                i18n,
                settings.sync_held_item,
                kind = kind,
                title = n.title.clone(),
                size = size
            )
            .to_string(),
        };
        view! { <li>{text}</li> }
    };
    let discarded = RwSignal::new(None::<Discarded>);
    let refused_item = move |(r, with, leaves, kind, title): Refused| {
        view! { <RefusedItem refused=r with=with leaves=leaves kind=kind title=title outcome=discarded /> }
    };
    view! {
        {move || {
            live_problem()
                .map(|(e, retry_in)| {
                    let stopped = retry_in.is_none();
                    let head = match retry_in {
                        Some(ms) => {
                            t_string!(
                                i18n, settings.sync_live_retrying, seconds = ms.div_ceil(1000)
                            )
                                .to_string()
                        }
                        None => t_string!(i18n, settings.sync_live_stopped).to_string(),
                    };
                    view! {
                        <div role="alert" class="error">
                            <p>{head}" "{sync_error_text(i18n, &e)}</p>
                            <Show when=move || stopped>
                                <button type="button" on:click=restart>
                                    {t!(i18n, settings.sync_live_restart)}
                                </button>
                            </Show>
                        </div>
                    }
                })
        }}
        {move || {
            held.get()
                .and_then(Result::ok)
                .filter(|(h, _)| !h.is_empty())
                .map(|(h, _)| {
                    let count = h.len();
                    let n = number_locale(i18n).format_count(count as u64);
                    view! {
                        <div class="held-back" role="status">
                            <p class="error">
                                {t!(
                                    i18n, settings.sync_held_intro, count = move || count, n = n.clone()
                                )}
                            </p>
                            <ul>{h.into_iter().map(item).collect_view()}</ul>
                            <p class="muted">{t!(i18n, settings.sync_held_hint)}</p>
                        </div>
                    }
                })
        }}
        {move || {
            held.get()
                .and_then(Result::ok)
                .filter(|(_, r)| !r.is_empty())
                .map(|(_, r)| {
                    let count = r.len();
                    let n = number_locale(i18n).format_count(count as u64);
                    view! {
                        <div class="refused" role="status">
                            <p class="error">
                                {t!(
                                    i18n, settings.sync_refused_intro, count = move || count, n = n.clone()
                                )}
                            </p>
                            <ul>{r.into_iter().map(refused_item).collect_view()}</ul>
                            <p class="muted">{t!(i18n, settings.sync_refused_hint)}</p>
                        </div>
                    }
                })
        }}
        {move || discarded.get().map(|d| discarded_line(i18n, d))}
    }
}
