//! Customers: the account list with diacritic-insensitive search.

use crate::domain::records::Account;
use crate::domain::search::{normalise, Query};
use crate::i18n::*;
use crate::ui::common::{number_locale, use_workspace, Loading, ReadError};
use leptos::prelude::*;

/// The customers screen.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let accounts = ws.read(|store| async move {
        let mut rows: Vec<(Account, String)> = store
            .records_of::<Account>()
            .await?
            .into_iter()
            .map(|(_, a)| {
                let haystack =
                    normalise(&format!("{} {} {} {}", a.name, a.city, a.industry, a.owner));
                (a, haystack)
            })
            .collect();
        rows.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(rows)
    });
    let query = RwSignal::new(String::new());
    view! {
        <h1>{t!(i18n, customers_title)}</h1>
        <label class="field search">
            <span>{t!(i18n, search_accounts)}</span>
            <input type="search" prop:value=query on:input=move |ev| query.set(event_target_value(&ev))
                aria-describedby="search-hint"/>
        </label>
        <p id="search-hint" class="muted">{t!(i18n, search_hint)}</p>
        <Transition fallback=Loading>
            {move || accounts.get().map(|r| match r {
                Err(error) => view! { <ReadError error/> }.into_any(),
                Ok(rows) => {
                    let q = Query::new(&query.get());
                    let total = rows.len();
                    let shown: Vec<Account> = rows.into_iter().filter(|(_, h)| q.is_empty() || q.matches_normalised(h)).map(|(a, _)| a).collect();
                    let nl = number_locale(i18n);
                    let (s, t) = (nl.format_count(shown.len() as u64), nl.format_count(total as u64));
                    view! {
                        <p role="status">{t!(i18n, showing_accounts, shown = s.clone(), total = t.clone())}</p>
                        {if shown.is_empty() {
                            view! { <p>{t!(i18n, no_match)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="list">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, col_name)}</th>
                                        <th scope="col">{t!(i18n, col_city)}</th>
                                        <th scope="col">{t!(i18n, col_industry)}</th>
                                        <th scope="col">{t!(i18n, col_segment)}</th>
                                        <th scope="col">{t!(i18n, col_owner)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {shown.into_iter().map(|a| view! {
                                            <tr>
                                                <th scope="row">{a.name}</th>
                                                <td>{a.city}</td>
                                                <td>{a.industry}</td>
                                                <td>{a.segment}</td>
                                                <td>{a.owner}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    }
                }.into_any(),
            })}
        </Transition>
    }
}
