//! The persona list with contact coverage.

use crate::domain::records::Persona;
use crate::i18n::*;
use crate::ui::common::number_locale;
use crate::ui::common::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// Personas with how many contacts each covers.
#[component]
pub fn PersonaTable(
    /// `(document id, persona, contacts covered)`.
    personas: Vec<(String, Persona, u64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="personas-h">
            <h2 id="personas-h">{t!(i18n, journey.personas)}</h2>
            {if personas.is_empty() {
                view! { <p>{t!(i18n, journey.no_personas)}</p> }.into_any()
            } else {
                view! {
                    <table class="list">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, common.col_name)}</th>
                                <th scope="col">{t!(i18n, journey.col_role)}</th>
                                <th scope="col">{t!(i18n, common.col_segment)}</th>
                                <th scope="col" class="num">
                                    {t!(i18n, journey.contacts_covered)}
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {personas
                                .into_iter()
                                .map(|(id, p, n)| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <A href=routes::persona(&id)>{p.name}</A>
                                            </th>
                                            <td>{p.role}</td>
                                            <td>{p.segment}</td>
                                            <td class="num">
                                                {move || number_locale(i18n).format_count(n)}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
