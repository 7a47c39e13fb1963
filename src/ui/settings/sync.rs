//! Settings → Sync: where to sync, a connection test with a precise answer, and
//! "sync now" with what it did.

use crate::i18n::*;
use crate::sync::{sync_once, Options, SyncConfig, SyncError};
use crate::ui::common::{number_locale, store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// What the last action found out.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Invalid,
    Running,
    Connected(u64),
    Synced {
        pulled: usize,
        pushed: usize,
        failed: usize,
    },
    Failed(SyncError),
}

/// The sync part of the settings screen.
#[component]
pub fn SyncSettings() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let server = RwSignal::new(String::new());
    let database = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let live = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = Signal::derive(move || outcome.get() == Some(Outcome::Running));
    let conflicts = ws.read(|store| async move { Ok(store.conflicted().await?.len()) });
    let quarantined = ws.read(|store| async move { store.quarantined().await });

    if let Some(store) = ws.store() {
        spawn_local(async move {
            if let Ok(Some(c)) = SyncConfig::load(&store).await {
                server.set(c.server);
                database.set(c.database);
                user.set(c.user);
                live.set(c.live);
            }
        });
    }
    let config = move || SyncConfig {
        server: server.get_untracked(),
        database: database.get_untracked(),
        user: user.get_untracked(),
        live: live.get_untracked(),
    };
    // Turning live sync on or off saves the choice and (re)starts or stops the runner.
    let toggle_live = move |on: bool| {
        live.set(on);
        let c = config();
        if on && !c.is_valid() {
            live.set(false);
            outcome.set(Some(Outcome::Invalid));
            return;
        }
        let Some(store) = ws.store() else { return };
        let pass = password.get_untracked();
        spawn_local(async move {
            match c.save(&store).await {
                Ok(()) => ws.apply_sync(&c, &pass),
                Err(e) => outcome.set(Some(Outcome::Failed(e.into()))),
            }
        });
    };
    // Runs `action` with the entered config (saved first), reporting into `outcome`.
    let run = move |action: &'static str| {
        let c = config();
        if !c.is_valid() {
            outcome.set(Some(Outcome::Invalid));
            return;
        }
        let Some(store) = ws.store() else { return };
        outcome.set(Some(Outcome::Running));
        let remote = c.remote(&password.get_untracked());
        spawn_local(async move {
            if let Err(e) = c.save(&store).await {
                outcome.set(Some(Outcome::Failed(e.into())));
                return;
            }
            let result = match action {
                "create" => match remote.create().await {
                    Ok(()) => remote.doc_count().await.map(Outcome::Connected),
                    Err(e) => Err(e),
                },
                "sync" => sync_once(
                    &store,
                    &remote,
                    &Options {
                        batch_size: 1000,
                        max_batches: None,
                    },
                )
                .await
                .map(|(pull, push)| Outcome::Synced {
                    pulled: pull.revisions_written,
                    pushed: push.revisions_written,
                    failed: pull.errors.len() + push.errors.len(),
                }),
                _ => remote.doc_count().await.map(Outcome::Connected),
            };
            outcome.set(Some(result.unwrap_or_else(Outcome::Failed)));
        });
    };

    let field = move |label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>,
                      auto: &'static str| {
        let text = move || match label {
            "server" => t_string!(i18n, sync_server),
            "database" => t_string!(i18n, sync_database),
            "user" => t_string!(i18n, sync_user),
            _ => t_string!(i18n, sync_password),
        };
        view! {
            <label class="field">
                <span>{text}</span>
                <input type=kind autocomplete=auto prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </label>
        }
    };

    view! {
        <section class="card" aria-labelledby="sync-h">
            <h2 id="sync-h">{t!(i18n, sync_title)}</h2>
            <p class="muted">{t!(i18n, sync_intro)}</p>
            <form on:submit=move |ev| { ev.prevent_default(); run("test"); }>
                {field("server", "url", server, "url")}
                {field("database", "text", database, "off")}
                {field("user", "text", user, "username")}
                {field("password", "password", password, "current-password")}
                <label class="check">
                    <input type="checkbox" prop:checked=live
                        on:change=move |ev| toggle_live(event_target_checked(&ev))/>
                    <span>{t!(i18n, sync_live)}</span>
                </label>
                <div class="actions">
                    <button type="submit" disabled=busy>{t!(i18n, sync_test)}</button>
                    <button type="button" class="primary" disabled=busy on:click=move |_| run("sync")>
                        {t!(i18n, sync_now)}
                    </button>
                </div>
            </form>
            {move || conflicts.get().and_then(Result::ok).filter(|n| *n > 0).map(|n| {
                let count = number_locale(i18n).format_count(n as u64);
                view! {
                    <p class="error">
                        {t!(i18n, conflicts_count, count = count.clone())}" "
                        <A href="/conflicts">{t!(i18n, conflicts_review)}</A>
                    </p>
                }
            })}
            {move || quarantined.get().and_then(Result::ok).filter(|q| !q.is_empty()).map(|q| {
                let count = number_locale(i18n).format_count(q.len() as u64);
                view! {
                    <div class="quarantine">
                        <p class="error">{t!(i18n, quarantine_intro, count = count.clone())}</p>
                        <ul>
                            {q.into_iter().map(|(id, reason)| view! { <li><code>{id}</code>" — "{reason}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            {move || outcome.get().map(|o| {
                let nl = number_locale(i18n);
                match o {
                    Outcome::Running => view! { <p role="status">{t!(i18n, sync_running)}</p> }.into_any(),
                    Outcome::Invalid => view! { <p role="alert" class="error">{t!(i18n, sync_invalid)}</p> }.into_any(),
                    Outcome::Connected(n) => {
                        let count = nl.format_count(n);
                        view! { <p role="status" class="ok">{t!(i18n, sync_ok, count = count.clone())}</p> }.into_any()
                    }
                    Outcome::Synced { pulled, pushed, failed } => {
                        let (p, s, f) = (
                            nl.format_count(pulled as u64),
                            nl.format_count(pushed as u64),
                            nl.format_count(failed as u64),
                        );
                        view! {
                            <p role="status" class="ok">{t!(i18n, sync_done, pulled = p.clone(), pushed = s.clone())}</p>
                            <Show when=move || { failed > 0 }>
                                <p class="error">{t!(i18n, sync_partial, count = f.clone())}</p>
                            </Show>
                        }.into_any()
                    }
                    Outcome::Failed(SyncError::Http { status: 404, .. }) => view! {
                        <div role="alert" class="error">
                            <p>{t!(i18n, sync_db_missing)}</p>
                            <button type="button" on:click=move |_| run("create")>{t!(i18n, sync_create_db)}</button>
                        </div>
                    }.into_any(),
                    Outcome::Failed(SyncError::Http { status: status @ (401 | 403), .. }) => view! {
                        <p role="alert" class="error">{t!(i18n, sync_unauthorized, status = status)}</p>
                    }.into_any(),
                    Outcome::Failed(SyncError::Network(_)) => view! {
                        <p role="alert" class="error">{t!(i18n, sync_unreachable)}</p>
                    }.into_any(),
                    Outcome::Failed(SyncError::Http { status, reason }) => {
                        let detail = format!("{status} {reason}");
                        view! { <p role="alert" class="error">{t!(i18n, sync_http_error, detail = detail.clone())}</p> }.into_any()
                    }
                    Outcome::Failed(SyncError::Protocol(e)) => {
                        let detail = e.0.clone();
                        view! { <p role="alert" class="error">{t!(i18n, sync_protocol_error, detail = detail.clone())}</p> }.into_any()
                    }
                    Outcome::Failed(SyncError::Elsewhere(detail)) => view! {
                        <p role="alert" class="error">{t!(i18n, sync_failed_elsewhere, detail = detail.clone())}</p>
                    }.into_any(),
                    Outcome::Failed(SyncError::Store(e)) => {
                        let detail = move || store_error_message(i18n, &e);
                        view! { <p role="alert" class="error">{t!(i18n, write_error, error = detail)}</p> }.into_any()
                    }
                }
            })}
        </section>
    }
}
