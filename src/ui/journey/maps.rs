//! The journey map list.

use crate::domain::records::JourneyMap;
use crate::i18n::*;
use crate::ui::common::routes;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;

/// Journey maps with their persona and number of stages.
#[component]
pub fn MapTable(
    /// The maps.
    maps: Vec<(String, JourneyMap)>,
    /// Persona document id → persona name.
    persona_names: HashMap<String, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="maps-h">
            <h2 id="maps-h">{t!(i18n, journey.maps)}</h2>
            {if maps.is_empty() {
                view! { <p>{t!(i18n, journey.no_maps)}</p> }.into_any()
            } else {
                view! {
                    <table class="list">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, journey.col_title)}</th>
                                <th scope="col">{t!(i18n, journey.col_persona)}</th>
                                <th scope="col" class="num">
                                    {t!(i18n, journey.col_stages)}
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {maps
                                .into_iter()
                                .map(|(id, m)| {
                                    let persona = persona_names
                                        .get(&m.persona_id)
                                        .cloned()
                                        .unwrap_or(m.persona_id.clone());
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <A href=routes::map(&id)>{m.title}</A>
                                            </th>
                                            <td>{persona}</td>
                                            <td class="num">
                                                {m.columns.iter().filter(|c| !c.hidden).count()}
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
