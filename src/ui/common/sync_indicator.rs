//! The header's sync indicator: what live sync is doing and how many local
//! changes wait to be sent. Hidden while live sync is off.

use crate::i18n::*;
use crate::sync::{pending_changes, LiveStatus, SyncConfig};
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, use_workspace};
use leptos::prelude::*;
use leptos_router::components::A;

/// Live sync status, linking to the sync settings.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let pending = ws.read(Reads::everything(), |store| async move {
        let Some(config) = SyncConfig::load(&store).await? else {
            return Ok(0);
        };
        Ok(pending_changes(&store, &config.remote(""))
            .await
            .unwrap_or(0))
    });
    move || {
        let status = ws.sync_status.get()?;
        let waiting = pending.get().and_then(Result::ok).unwrap_or(0);
        let nl = number_locale(i18n);
        // A follower tab shows what the leading tab last reported.
        let (shown, elsewhere) = match status {
            LiveStatus::Follower { leader: Some(s) } => (*s, true),
            s => (s, false),
        };
        let bad = matches!(
            shown,
            LiveStatus::Offline | LiveStatus::Retrying { .. } | LiveStatus::Failed(_)
        );
        let text = match shown {
            LiveStatus::Follower { .. } => {
                view! { {t!(i18n, common.sync_status_follower)} }.into_any()
            }
            LiveStatus::Syncing => view! { {t!(i18n, common.sync_status_syncing)} }.into_any(),
            LiveStatus::Synced { at_ms, .. } => {
                let d = js_sys::Date::new(&at_ms.into());
                let time = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
                view! { {t!(i18n, common.sync_status_synced, time = time.clone())} }.into_any()
            }
            LiveStatus::Offline => view! { {t!(i18n, common.sync_status_offline)} }.into_any(),
            LiveStatus::Retrying { in_ms, .. } => {
                let seconds = in_ms.div_ceil(1000);
                view! { {t!(i18n, common.sync_status_retrying, seconds = seconds)} }.into_any()
            }
            LiveStatus::Failed(_) => view! { {t!(i18n, common.sync_status_failed)} }.into_any(),
        };
        let where_text = elsewhere.then(|| view! { {t!(i18n, common.sync_in_other_tab)} });
        let waiting_text = (waiting > 0 && bad).then(|| {
            let n = nl.format_count(waiting);
            view! {
                " · "
                {t!(i18n, common.sync_pending, count = move || waiting, n = n.clone())}
            }
        });
        Some(view! {
            <span role="status" aria-label=move || t_string!(i18n, common.sync_status_label)>
                <A href="/settings" attr:class=if bad { "sync-status bad" } else { "sync-status" }>
                    {text}
                    {where_text}
                    {waiting_text}
                </A>
            </span>
        })
    }
}
