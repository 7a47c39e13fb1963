//! Settings → Sync: where to sync, a connection test with a precise answer, and
//! "sync now" with what it did.

use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::sync::{sync_once, Options, SignIn, SyncConfig, SyncError};
use crate::ui::common::Reads;
use crate::ui::common::{number_locale, use_workspace};
use crate::ui::settings::sync_error::sync_error_text;
use crate::ui::settings::sync_waiting::SyncWaiting;
use futures::future::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// How long signing out waits for the server before saying it could not.
const SIGN_OUT_MS: u32 = 15_000;

/// What the last action found out.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Invalid,
    Running,
    /// Documents in the database, and the user the server says this browser is.
    Connected(u64, Option<String>),
    SignedOut,
    Synced {
        pulled: usize,
        pushed: usize,
        failed: usize,
        /// Records removed from this device: outside what it keeps offline.
        evicted: usize,
    },
    Failed(SyncError),
}

/// Saves `c`, and remembers `password` on this device only when `c.remember`
/// (an empty password keeps what was remembered; turning remember off forgets it).
async fn save_config(store: &Store, c: &SyncConfig, password: &str) -> Result<(), StoreError> {
    SyncConfig::keep_for_tab(password);
    c.save(store).await?;
    match (c.remember, password.is_empty()) {
        (false, _) => SyncConfig::remember_password(store, None).await,
        (true, false) => SyncConfig::remember_password(store, Some(password)).await,
        (true, true) => Ok(()),
    }
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
    let sign_in = RwSignal::new(SignIn::default());
    let remember = RwSignal::new(false);
    let live = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = Signal::derive(move || outcome.get() == Some(Outcome::Running));
    let conflicts = ws.read(Reads::everything(), |store| async move {
        Ok(store.conflicted().await?.len())
    });
    let quarantined = ws.read(Reads::everything(), |store| async move {
        store.quarantined().await
    });

    if let Some(store) = ws.store() {
        spawn_local(async move {
            if let Ok(Some(c)) = SyncConfig::load(&store).await {
                server.set(c.server);
                database.set(c.database);
                user.set(c.user);
                sign_in.set(c.sign_in);
                remember.set(c.remember);
                live.set(c.live);
                password.set(SyncConfig::password(&store).await);
            }
        });
    }
    let config = move || SyncConfig {
        server: server.get_untracked(),
        database: database.get_untracked(),
        user: user.get_untracked(),
        sign_in: sign_in.get_untracked(),
        remember: remember.get_untracked(),
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
            match save_config(&store, &c, &pass).await {
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
        let pass = password.get_untracked();
        let remote = c.remote(&pass);
        spawn_local(async move {
            if let Err(e) = save_config(&store, &c, &pass).await {
                outcome.set(Some(Outcome::Failed(e.into())));
                return;
            }
            let result = match action {
                "create" => match remote.create().await {
                    Ok(()) => remote
                        .doc_count()
                        .await
                        .map(|n| Outcome::Connected(n, None)),
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
                    evicted: pull.evicted,
                }),
                _ => {
                    async {
                        // Signing in first also tells which user the server sees.
                        let who = match remote.user() {
                            Some(_) => remote.check_session().await?,
                            None => None,
                        };
                        Ok(Outcome::Connected(remote.doc_count().await?, who))
                    }
                    .await
                }
            };
            if matches!(result, Ok(Outcome::Synced { .. })) {
                // Synced records live here now: ask the browser not to evict them.
                crate::store::quota::request_persist().await;
            }
            outcome.set(Some(result.unwrap_or_else(Outcome::Failed)));
        });
    };

    // Forgets the password (memory and device), ends the server session and
    // stops automatic sync, which would otherwise keep using the credentials.
    let sign_out = move |_| {
        let Some(store) = ws.store() else { return };
        let c = config();
        password.set(String::new());
        SyncConfig::keep_for_tab("");
        live.set(false);
        ws.stop_live_sync();
        spawn_local(async move {
            // The remembered password goes first, whatever the network does.
            let forgotten = SyncConfig::remember_password(&store, None).await;
            // Then the server's session, before live sync's setting is saved:
            // that save refreshes the screens that read it, and a request they
            // sent with the cookie could renew the session after its end.
            // sign_out also cuts requests in flight and asks again until the
            // server sees nobody. Offline, the cookie simply expires there.
            let ended = match c.sign_in == SignIn::Session && c.is_valid() {
                true => {
                    let remote = c.remote("");
                    let ending = Box::pin(remote.sign_out());
                    let late = Box::pin(gloo_timers::future::TimeoutFuture::new(SIGN_OUT_MS));
                    let answer = match futures::future::select(ending, late).await {
                        Either::Left((Err(SyncError::Network(_)), _)) => Ok(()),
                        Either::Left((done, _)) => done,
                        Either::Right(_) => Err(SyncError::Network("no answer".into())),
                    };
                    answer
                }
                false => Ok(()),
            };
            ws.turn_off_live_sync().await;
            outcome.set(Some(match (forgotten, ended) {
                (Ok(()), Ok(())) => Outcome::SignedOut,
                (Err(e), _) => Outcome::Failed(e.into()),
                (_, Err(e)) => Outcome::Failed(e),
            }));
        });
    };
    let has_user = move || !user.get().trim().is_empty();
    let method = move |value: SignIn| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="sync-sign-in"
                    prop:checked=move || sign_in.get() == value
                    on:change=move |_| sign_in.set(value)
                />
                <span>
                    {move || match value {
                        SignIn::Basic => t_string!(i18n, settings.sync_sign_in_basic),
                        SignIn::Session => t_string!(i18n, settings.sync_sign_in_session),
                    }}
                </span>
            </label>
        }
    };

    let field = move |label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>,
                      auto: &'static str| {
        let text = move || match label {
            "server" => t_string!(i18n, settings.sync_server),
            "database" => t_string!(i18n, settings.sync_database),
            "user" => t_string!(i18n, settings.sync_user),
            _ => t_string!(i18n, settings.sync_password),
        };
        view! {
            <label class="field">
                <span>{text}</span>
                <input
                    type=kind
                    autocomplete=auto
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };

    view! {
        <section class="card" aria-labelledby="sync-h">
            <h2 id="sync-h">{t!(i18n, settings.sync_title)}</h2>
            <p class="muted">{t!(i18n, settings.sync_intro)}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                run("test");
            }>
                {field("server", "url", server, "url")} {field("database", "text", database, "off")}
                {field("user", "text", user, "username")}
                {field("password", "password", password, "current-password")}
                <fieldset class="choice">
                    <legend>{t!(i18n, settings.sync_sign_in)}</legend>
                    {method(SignIn::Basic)}
                    {method(SignIn::Session)}
                </fieldset> <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=remember
                        aria-describedby="sync-remember-hint"
                        on:change=move |ev| remember.set(event_target_checked(&ev))
                    />
                    <span>{t!(i18n, settings.sync_remember)}</span>
                </label> <p id="sync-remember-hint" class="muted hint">
                    {t!(i18n, settings.sync_remember_hint)}
                </p> <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=live
                        on:change=move |ev| toggle_live(event_target_checked(&ev))
                    />
                    <span>{t!(i18n, settings.sync_live)}</span>
                </label> <div class="actions">
                    <button type="submit" disabled=busy>
                        {t!(i18n, settings.sync_test)}
                    </button>
                    <button
                        type="button"
                        class="primary"
                        disabled=busy
                        on:click=move |_| run("sync")
                    >
                        {t!(i18n, settings.sync_now)}
                    </button>
                    <Show when=has_user>
                        <button type="button" on:click=sign_out>
                            {t!(i18n, settings.sync_sign_out)}
                        </button>
                    </Show>
                </div>
            </form>
            <SyncWaiting />
            {move || {
                conflicts
                    .get()
                    .and_then(Result::ok)
                    .filter(|n| *n > 0)
                    .map(|n| {
                        let count = number_locale(i18n).format_count(n as u64);
                        view! {
                            <p class="error">
                                {t!(i18n, settings.conflicts_count, count = count.clone())}" "
                                <A href="/conflicts">{t!(i18n, settings.conflicts_review)}</A>
                            </p>
                        }
                    })
            }}
            {move || {
                quarantined
                    .get()
                    .and_then(Result::ok)
                    .filter(|q| !q.is_empty())
                    .map(|q| {
                        let count = number_locale(i18n).format_count(q.len() as u64);
                        view! {
                            <div class="quarantine">
                                <p class="error">
                                    {t!(i18n, settings.quarantine_intro, count = count.clone())}
                                </p>
                                <ul>
                                    {q
                                        .into_iter()
                                        .map(|(id, reason)| {
                                            view! {
                                                <li>
                                                    <code>{id}</code>
                                                    " — "
                                                    {reason}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                outcome
                    .get()
                    .map(|o| {
                        let nl = number_locale(i18n);
                        match o {
                            Outcome::Running => {
                                view! { <p role="status">{t!(i18n, settings.sync_running)}</p> }
                                    .into_any()
                            }
                            Outcome::Invalid => {
                                view! {
                                    <p role="alert" class="error">
                                        {t!(i18n, settings.sync_invalid)}
                                    </p>
                                }
                                    .into_any()
                            }
                            Outcome::Connected(n, who) => {
                                let shown = nl.format_count(n);
                                view! {
                                    <p role="status" class="ok">
                                        {t!(
                                            i18n, settings.sync_ok, count = move || n, n = shown.clone()
                                        )}
                                        {who
                                            .map(|u| {
                                                view! {
                                                    " "
                                                    {t!(i18n, settings.sync_signed_in_as, user = u.clone())}
                                                }
                                            })}
                                    </p>
                                }
                                    .into_any()
                            }
                            Outcome::SignedOut => {
                                view! {
                                    <p role="status" class="ok">
                                        {t!(i18n, settings.sync_signed_out)}
                                    </p>
                                }
                                    .into_any()
                            }
                            Outcome::Synced { pulled, pushed, failed, evicted } => {
                                let (p, s, f, e) = (
                                    nl.format_count(pulled as u64),
                                    nl.format_count(pushed as u64),
                                    nl.format_count(failed as u64),
                                    nl.format_count(evicted as u64),
                                );
                                view! {
                                    <p role="status" class="ok">
                                        {t!(
                                            i18n, settings.sync_done, count = move || pulled, pulled = p.clone(), pushed = s.clone()
                                        )}
                                    </p>
                                    <Show when=move || { evicted > 0 }>
                                        <p class="muted">
                                            {t!(
                                                i18n, settings.sync_evicted, count = move || evicted, n = e.clone()
                                            )}
                                        </p>
                                    </Show>
                                    <Show when=move || { failed > 0 }>
                                        <p class="error">
                                            {t!(
                                                i18n, settings.sync_partial, count = move || failed, n = f.clone()
                                            )}
                                        </p>
                                    </Show>
                                }
                                    .into_any()
                            }
                            Outcome::Failed(SyncError::Http { status: 404, .. }) => {
                                view! {
                                    <div role="alert" class="error">
                                        <p>{t!(i18n, settings.sync_db_missing)}</p>
                                        <button type="button" on:click=move |_| run("create")>
                                            {t!(i18n, settings.sync_create_db)}
                                        </button>
                                    </div>
                                }
                                    .into_any()
                            }
                            Outcome::Failed(e) => {
                                view! {
                                    <p role="alert" class="error">
                                        {move || sync_error_text(i18n, &e)}
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </section>
    }
}
