//! The root component: context providers, router and layout shell.

use crate::i18n::*;
use crate::ui::common::{provide_workspace, Shell, StoreFailed, StoreStatus};
use crate::ui::customers::{
    new_contact::provide_campaign_touch, AccountPage, ContactPage, CustomersPage,
};
use crate::ui::{board::BoardPage, dashboard::DashboardPage, journey::JourneysPage};
use crate::ui::{conflicts::ConflictsPage, settings::SettingsPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole Waypoint application.
#[component]
pub fn App() -> impl IntoView {
    crate::plural_rules::install();
    view! {
        <I18nContextProvider>
            <Workspace />
        </I18nContextProvider>
    }
}

/// Opens the workspace, keeps the UI language in step with its settings, and routes.
#[component]
fn Workspace() -> impl IntoView {
    let i18n = use_i18n();
    let ws = provide_workspace();
    provide_campaign_touch();
    Effect::new(move |_| {
        let lang = ws.locale();
        let target = if lang == "en" { Locale::en } else { Locale::vi };
        if i18n.get_locale_untracked() != target {
            i18n.set_locale(target);
        }
    });
    view! {
        <Router>
            <Shell>
                {move || match ws.status.get() {
                    StoreStatus::Opening if ws.blocked.get() => {
                        view! {
                            <div class="card" role="alert">
                                <h1>{t!(i18n, common.blocked_title)}</h1>
                                <p>{t!(i18n, common.blocked_body)}</p>
                            </div>
                        }
                            .into_any()
                    }
                    StoreStatus::Opening => {
                        view! { <p role="status">{t!(i18n, common.loading)}</p> }.into_any()
                    }
                    StoreStatus::Failed(error) => view! { <StoreFailed error /> }.into_any(),
                    StoreStatus::Ready => {
                        view! {
                            <Routes fallback=move || view! { <p>{t!(i18n, common.not_found)}</p> }>
                                <Route path=path!("/") view=DashboardPage />
                                <Route path=path!("/board") view=BoardPage />
                                <Route path=path!("/customers") view=CustomersPage />
                                <Route path=path!("/customers/contact/:id") view=ContactPage />
                                <Route path=path!("/customers/account/:id") view=AccountPage />
                                <Route
                                    path=path!("/customers/import")
                                    view=crate::ui::import::ImportPage
                                />
                                <Route path=path!("/inbox") view=crate::ui::inbox::InboxPage />
                                <Route
                                    path=path!("/survey/:id")
                                    view=crate::ui::survey::SurveyPage
                                />
                                <Route path=path!("/journeys") view=JourneysPage />
                                <Route
                                    path=path!("/journeys/persona/:id")
                                    view=crate::ui::journey::PersonaPage
                                />
                                <Route
                                    path=path!("/journeys/map/:id")
                                    view=crate::ui::journey::MapPage
                                />
                                <Route
                                    path=path!("/support")
                                    view=crate::ui::support::SupportPage
                                />
                                <Route
                                    path=path!("/support/ticket/:id")
                                    view=crate::ui::support::TicketPage
                                />
                                <Route path=path!("/settings") view=SettingsPage />
                                <Route path=path!("/conflicts") view=ConflictsPage />
                            </Routes>
                        }
                            .into_any()
                    }
                }}
            </Shell>
        </Router>
    }
}
