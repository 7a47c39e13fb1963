//! Settings → Team on the server → Invite a member: a user name, a password for
//! a new user, and a role; the server creates the user or gives them the role.

use super::current_remote;
use crate::domain::team::Role;
use crate::i18n::*;
use crate::sync::{invite, Invited, SyncError};
use crate::ui::common::use_workspace;
use crate::ui::settings::outcome_line::outcome_line;
use crate::ui::settings::sync_error::sync_error_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which role the form gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RoleChoice {
    Sales,
    Support,
    Admin,
    Partner,
}

impl RoleChoice {
    const ALL: [RoleChoice; 4] = [
        RoleChoice::Sales,
        RoleChoice::Support,
        RoleChoice::Admin,
        RoleChoice::Partner,
    ];

    fn key(self) -> &'static str {
        match self {
            RoleChoice::Sales => "sales",
            RoleChoice::Support => "support",
            RoleChoice::Admin => "admin",
            RoleChoice::Partner => "partner",
        }
    }
}

/// What the last invitation did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Done(String, Invited),
    NeedsPassword,
    BadPartner,
    Failed(SyncError),
}

/// The invite form.
#[component]
pub fn InviteMember() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(RoleChoice::Sales);
    let partner = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let inviting = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = name.get_untracked().trim().to_string();
        let pass = password.get_untracked();
        let given = match role.get_untracked() {
            RoleChoice::Sales => Role::Sales,
            RoleChoice::Support => Role::Support,
            RoleChoice::Admin => Role::Admin,
            RoleChoice::Partner => match Role::partner(&partner.get_untracked()) {
                Ok(r) => r,
                Err(_) => {
                    outcome.set(Some(Outcome::BadPartner));
                    return;
                }
            },
        };
        let Some(store) = ws.store() else { return };
        inviting.set(true);
        outcome.set(None);
        spawn_local(async move {
            // The card shows only while sync points at a server.
            let Some(remote) = current_remote(&store).await else {
                inviting.set(false);
                return;
            };
            let result = match invite(&remote, &who, &pass, &given).await {
                Ok(Invited::NeedsPassword) => Outcome::NeedsPassword,
                Ok(done) => {
                    password.set(String::new());
                    Outcome::Done(who, done)
                }
                Err(e) => Outcome::Failed(e),
            };
            inviting.set(false);
            outcome.set(Some(result));
        });
    };
    let role_label = move |r: RoleChoice| match r {
        RoleChoice::Sales => t_string!(i18n, settings.team_role_sales),
        RoleChoice::Support => t_string!(i18n, settings.team_role_support),
        RoleChoice::Admin => t_string!(i18n, settings.team_role_admin),
        RoleChoice::Partner => t_string!(i18n, settings.team_role_partner),
    };
    let said = move || {
        outcome.get().map(|o| {
            let (ok, text) = match o {
                Outcome::Done(who, Invited::Created) => (
                    true,
                    t_string!(i18n, settings.team_invited_created, name = who).to_string(),
                ),
                Outcome::Done(who, _) => (
                    true,
                    t_string!(i18n, settings.team_invited_role, name = who).to_string(),
                ),
                Outcome::NeedsPassword => (
                    false,
                    t_string!(i18n, settings.team_needs_password).to_string(),
                ),
                Outcome::BadPartner => (
                    false,
                    t_string!(i18n, settings.team_partner_name_error).to_string(),
                ),
                Outcome::Failed(e) => (false, admin_only(i18n, &e)),
            };
            outcome_line(ok, text)
        })
    };
    view! {
        <h3>{t!(i18n, settings.team_invite_title)}</h3>
        <form class="settings" on:submit=submit>
            <label class="field">
                <span>{t!(i18n, settings.team_member_name)}</span>
                <input
                    type="text"
                    autocomplete="off"
                    required
                    prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, settings.team_member_password)}</span>
                <input
                    type="password"
                    autocomplete="new-password"
                    aria-describedby="team-password-hint"
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            <p id="team-password-hint" class="muted hint">
                {t!(i18n, settings.team_member_password_hint)}
            </p>
            <label class="field">
                <span>{t!(i18n, settings.team_role)}</span>
                <select
                    prop:value=move || role.get().key()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(r) = RoleChoice::ALL.into_iter().find(|r| r.key() == v) {
                            role.set(r);
                        }
                    }
                >
                    {RoleChoice::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.key()>{move || role_label(r)}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || role.get() == RoleChoice::Partner>
                <label class="field">
                    <span>{t!(i18n, settings.team_partner_name)}</span>
                    <input
                        type="text"
                        autocomplete="off"
                        aria-invalid=move || {
                            (outcome.get() == Some(Outcome::BadPartner)).then_some("true")
                        }
                        prop:value=partner
                        on:input=move |ev| partner.set(event_target_value(&ev))
                    />
                </label>
            </Show>
            <div class="actions">
                <button type="submit" class="primary" disabled=inviting>
                    {t!(i18n, settings.team_invite)}
                </button>
            </div>
        </form>
        {said}
    }
}

/// "Only the server's admin can do this." and why the server said no.
pub fn admin_only(i18n: leptos_i18n::I18nContext<Locale>, e: &SyncError) -> String {
    format!(
        "{} {}",
        t_string!(i18n, settings.team_admin_only),
        sync_error_text(i18n, e)
    )
}
