//! Where a contact came from: first touch (kept for good), latest touch, source group.

use crate::domain::lead_source::LeadSource;
use crate::domain::links::web_href;
use crate::i18n::*;
use crate::ui::common::date;
use crate::ui::common::source_group_label;
use crate::ui::common::UserLink;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn touch_rows(i18n: I18nContext<Locale>, s: &LeadSource) -> impl IntoView {
    // (label, text, whether the text is an address that may be a link)
    let mut rows: Vec<(String, String, bool)> = vec![
        (
            t_string!(i18n, common.src_source).to_string(),
            s.source.clone(),
            false,
        ),
        (
            t_string!(i18n, common.src_medium).to_string(),
            s.medium.clone(),
            false,
        ),
    ];
    for (label, v, link) in [
        (t_string!(i18n, common.src_campaign), &s.campaign, false),
        (t_string!(i18n, customers.src_term), &s.term, false),
        (t_string!(i18n, customers.src_content), &s.content, false),
        (t_string!(i18n, customers.src_referrer), &s.referrer, true),
        (t_string!(i18n, common.src_landing), &s.landing_page, true),
    ] {
        if !v.is_empty() {
            rows.push((label.to_string(), v.clone(), link));
        }
    }
    rows.push((
        t_string!(i18n, customers.src_captured).to_string(),
        date(i18n, s.captured_at),
        false,
    ));
    view! {
        <dl class="facts">
            {rows
                .into_iter()
                .map(|(k, v, link)| {
                    let href = link.then(|| web_href(&v)).flatten();
                    view! {
                        <dt>{k}</dt>
                        <dd>
                            <UserLink text=v href />
                        </dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// The lead-source section of a contact.
#[component]
pub fn SourceView(
    /// First touch.
    first: Option<LeadSource>,
    /// Latest touch after the first.
    latest: Option<LeadSource>,
    /// Source group of the first touch.
    group: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let group = source_group_label(i18n, &group);
    view! {
        <section aria-labelledby="source-h">
            <h2 id="source-h">{t!(i18n, customers.src_title)}</h2>
            <p>
                <span class="badge">{group}</span>
            </p>
            {match first {
                Some(s) => {
                    view! {
                        <h3>{t!(i18n, customers.src_first)}</h3>
                        {touch_rows(i18n, &s)}
                    }
                        .into_any()
                }
                None => view! { <p class="muted">{t!(i18n, customers.src_none)}</p> }.into_any(),
            }}
            {latest
                .map(|s| {
                    view! {
                        <h3>{t!(i18n, customers.src_latest)}</h3>
                        {touch_rows(i18n, &s)}
                    }
                })}
        </section>
    }
}
