//! Settings → Team on the server, for the server's admin: the rules the server
//! enforces (`_security` roles and `_design/waypoint`, checked against the
//! version this app carries, installed or updated on request), inviting a
//! member with a role (`invite.rs`), and sharing chosen accounts with a partner
//! (`share.rs`). Shown once sync points at a server.

mod invite;
mod share;

use crate::domain::team::RulesState;
use crate::i18n::*;
use crate::store::Store;
use crate::sync::{bundled_rules_version, check_rules, install_rules, Remote};
use crate::sync::{SignIn, SyncConfig, SyncError, SYNC_SETTING};
use crate::ui::common::{use_workspace, Reads};
use crate::ui::settings::outcome_line::outcome_line;
use crate::ui::settings::sync_error::sync_error_text;
use invite::{admin_only, InviteMember};
use leptos::prelude::*;
use leptos::task::spawn_local;
use share::ShareWithPartner;

/// The remote sync points at, signed in with the password this tab or device
/// holds. With a cookie session it relies on the cookie sync keeps: this card
/// never signs in by itself (which could race a sign-out).
async fn current_remote(store: &Store) -> Option<Remote> {
    let config = SyncConfig::load(store).await.ok()??;
    if !config.is_valid() {
        return None;
    }
    let password = match config.sign_in {
        SignIn::Session => String::new(),
        SignIn::Basic => SyncConfig::password(store).await,
    };
    Some(config.remote(&password))
}

/// The team card of the settings screen.
#[component]
pub fn TeamSettings() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let rules = ws.read(Reads::nothing().setting(SYNC_SETTING), |store| async move {
        Ok(match current_remote(&store).await {
            Some(remote) => Some(check_rules(&remote).await),
            None => None,
        })
    });
    let installing = RwSignal::new(false);
    let installed = RwSignal::new(None::<Result<(), SyncError>>);
    let install = move |_| {
        let Some(store) = ws.store() else { return };
        installing.set(true);
        installed.set(None);
        spawn_local(async move {
            let result = match current_remote(&store).await {
                Some(remote) => install_rules(&remote).await,
                None => Ok(()),
            };
            installing.set(false);
            installed.set(Some(result));
            rules.refetch();
        });
    };
    let ours = bundled_rules_version();
    let rules_view = move || {
        let state = rules.get()?.ok()??;
        let ours = ours.clone();
        Some(match state {
            Err(e) => outcome_line(false, sync_error_text(i18n, &e)),
            Ok(RulesState::Current) => outcome_line(
                true,
                t_string!(i18n, settings.team_rules_current, version = ours).to_string(),
            ),
            Ok(RulesState::Newer(theirs)) => {
                let text = t_string!(
                    i18n,
                    settings.team_rules_newer,
                    theirs = theirs,
                    ours = ours
                );
                view! { <p role="status">{text.to_string()}</p> }.into_any()
            }
            Ok(missing_or_older) => {
                let text = match missing_or_older {
                    RulesState::Older(theirs) => t_string!(
                        i18n,
                        settings.team_rules_older,
                        theirs = theirs,
                        ours = ours
                    )
                    .to_string(),
                    _ => t_string!(i18n, settings.team_rules_missing).to_string(),
                };
                view! {
                    <div role="status" class="warning">
                        <p>{text}</p>
                        <button type="button" disabled=installing on:click=install>
                            {t!(i18n, settings.team_install)}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    let installed_view = move || {
        installed.get().map(|r| match r {
            Ok(()) => outcome_line(true, t_string!(i18n, settings.team_installed).to_string()),
            Err(e) => outcome_line(false, admin_only(i18n, &e)),
        })
    };
    view! {
        <Show when=move || rules.get().and_then(Result::ok).flatten().is_some()>
            <section class="card" aria-labelledby="team-h">
                <h2 id="team-h">{t!(i18n, settings.team_title)}</h2>
                <p class="muted">{t!(i18n, settings.team_intro)}</p>
                {rules_view.clone()}
                {installed_view}
                <InviteMember />
                <ShareWithPartner />
            </section>
        </Show>
    }
}
