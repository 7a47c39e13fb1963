//! The layout shell: skip link, header with navigation and language switch, main area.

use crate::i18n::*;
use crate::ui::common::{use_workspace, AppUpdate, SyncIndicator};
use leptos::prelude::*;
use leptos_router::components::A;

/// Page chrome around the routed screen.
#[component]
pub fn Shell(
    /// The routed screen.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, common.skip_to_content)}
        </a>
        <AppUpdate />
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"Waypoint"</span>
                <span class="brand-tagline">{t!(i18n, common.app_tagline)}</span>
            </div>
            <nav class="app-nav" aria-label=move || t_string!(i18n, common.nav_label)>
                <A href="/">{t!(i18n, common.nav_dashboard)}</A>
                <A href="/board">{t!(i18n, common.nav_board)}</A>
                <A href="/customers">{t!(i18n, common.nav_customers)}</A>
                <A href="/journeys">{t!(i18n, common.nav_journeys)}</A>
                <A href="/support">{t!(i18n, common.nav_support)}</A>
                <A href="/settings">{t!(i18n, common.nav_settings)}</A>
            </nav>
            <crate::ui::inbox::InboxLink />
            <SyncIndicator />
            <LanguageSwitch />
        </header>
        <main id="main" class="app-main" tabindex="-1">
            {children()}
        </main>
    }
}

/// Two toggle buttons, "Tiếng Việt" and "English"; the choice is this device's
/// own (the workspace's language applies until one is made).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let choose = move |lang: &'static str| {
        if ws.locale() != lang {
            ws.choose_language(lang);
        }
    };
    let pressed = move |lang: &'static str| move || (ws.locale() == lang).to_string();
    view! {
        <div class="lang-switch" role="group" aria-label=move || t_string!(i18n, common.language)>
            <button
                type="button"
                lang="vi"
                aria-pressed=pressed("vi")
                on:click=move |_| choose("vi")
            >
                "Tiếng Việt"
            </button>
            <button
                type="button"
                lang="en"
                aria-pressed=pressed("en")
                on:click=move |_| choose("en")
            >
                "English"
            </button>
        </div>
    }
}
