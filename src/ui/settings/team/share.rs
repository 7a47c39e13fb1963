//! Settings → Team on the server → Share with a partner: the partner's own
//! database, filled on the server with the chosen accounts and what belongs to
//! them (see `crate::sync::share_with_partner`).

use super::current_remote;
use super::invite::admin_only;
use crate::actions::team::share as share_accounts;
use crate::domain::team::{partner_db, Role};
use crate::i18n::*;
use crate::store::StoreError;
use crate::sync::{SyncConfig, SyncError};
use crate::ui::common::{number_locale, use_workspace};
use crate::ui::settings::account_picker::AccountPicker;
use crate::ui::settings::outcome_line::outcome_line;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last share did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Shared that many accounts, after giving that many records their account.
    Done(Role, usize, usize),
    BadPartner,
    NoAccounts,
    NeedsPassword,
    Failed(SyncError),
}

/// The share form.
#[component]
pub fn ShareWithPartner() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let partner_name = RwSignal::new(String::new());
    let accounts = RwSignal::new(Vec::<String>::new());
    let sharing = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let share = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(partner) = Role::partner(&partner_name.get_untracked()) else {
            outcome.set(Some(Outcome::BadPartner));
            return;
        };
        let chosen = accounts.get_untracked();
        if chosen.is_empty() {
            outcome.set(Some(Outcome::NoAccounts));
            return;
        }
        let Some(store) = ws.store() else { return };
        sharing.set(true);
        outcome.set(None);
        spawn_local(async move {
            // The server's replication signs in with the admin's password.
            let password = SyncConfig::password(&store).await;
            let result = match (current_remote(&store).await, ws.actor()) {
                (_, None) => Outcome::Failed(StoreError::Unavailable.into()),
                (Some(remote), Some(actor)) if !password.is_empty() => {
                    match share_accounts(&actor, &remote, &partner, &chosen, &password).await {
                        Ok(given) => {
                            ws.wake_sync();
                            Outcome::Done(partner, chosen.len(), given)
                        }
                        Err(e) => Outcome::Failed(e),
                    }
                }
                _ => Outcome::NeedsPassword,
            };
            sharing.set(false);
            outcome.set(Some(result));
        });
    };
    let said = move || {
        outcome.get().map(|o| {
            let (ok, text) = match o {
                Outcome::Done(partner, n, given) => {
                    let db = match &partner {
                        Role::Partner(name) => partner_db(name),
                        _ => String::new(),
                    };
                    let nl = number_locale(i18n);
                    let count = nl.format_count(n as u64);
                    let role = partner.couch_role();
                    let mut text = t_string!(
                        i18n,
                        settings.team_shared,
                        count = n,
                        n = count,
                        db = db,
                        role = role
                    )
                    .to_string();
                    if given > 0 {
                        let shown = nl.format_count(given as u64);
                        text.push(' ');
                        text.push_str(&t_string!(
                            i18n,
                            settings.team_share_given,
                            count = given,
                            n = shown
                        ));
                    }
                    (true, text)
                }
                Outcome::BadPartner => (
                    false,
                    t_string!(i18n, settings.team_partner_name_error).to_string(),
                ),
                Outcome::NoAccounts => (
                    false,
                    t_string!(i18n, settings.team_share_no_accounts).to_string(),
                ),
                Outcome::NeedsPassword => (
                    false,
                    t_string!(i18n, settings.team_share_password).to_string(),
                ),
                Outcome::Failed(e) => (false, admin_only(i18n, &e)),
            };
            outcome_line(ok, text)
        })
    };
    view! {
        <h3>{t!(i18n, settings.team_share_title)}</h3>
        <p class="muted">{t!(i18n, settings.team_share_intro)}</p>
        <form class="settings" on:submit=share>
            <label class="field">
                <span>{t!(i18n, settings.team_partner_name)}</span>
                <input
                    type="text"
                    autocomplete="off"
                    aria-invalid=move || {
                        (outcome.get() == Some(Outcome::BadPartner)).then_some("true")
                    }
                    prop:value=partner_name
                    on:input=move |ev| partner_name.set(event_target_value(&ev))
                />
            </label>
            <AccountPicker chosen=accounts />
            <div class="actions">
                <button type="submit" class="primary" disabled=sharing>
                    {t!(i18n, settings.team_share)}
                </button>
            </div>
        </form>
        {said}
    }
}
