//! Journeys: personas (with how many contacts each covers) and journey maps.

use crate::domain::records::{Contact, JourneyMap, Persona, RecordType};
use crate::i18n::*;
use crate::ui::common::{number_locale, use_workspace};
use leptos::prelude::*;
use std::collections::HashMap;

/// The journeys screen.
#[component]
pub fn JourneysPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let data = LocalResource::new(move || {
        ws.version.track();
        async move {
            let store = ws.store()?;
            let mut covered: HashMap<String, u64> = HashMap::new();
            for d in store.all_of_type(RecordType::Contact).await.ok()? {
                if let Some(p) = d.record::<Contact>().ok().and_then(|c| c.persona_id) {
                    *covered.entry(p).or_default() += 1;
                }
            }
            let personas: Vec<(String, Persona, u64)> = store
                .all_of_type(RecordType::Persona)
                .await
                .ok()?
                .into_iter()
                .filter_map(|d| {
                    let p = d.record::<Persona>().ok()?;
                    let n = covered.get(&d.id).copied().unwrap_or(0);
                    Some((d.id, p, n))
                })
                .collect();
            let maps: Vec<JourneyMap> = store
                .all_of_type(RecordType::JourneyMap)
                .await
                .ok()?
                .into_iter()
                .filter_map(|d| d.record::<JourneyMap>().ok())
                .collect();
            Some((personas, maps))
        }
    });
    view! {
        <h1>{t!(i18n, journeys_title)}</h1>
        <Transition fallback=move || view! { <p role="status">{t!(i18n, loading)}</p> }>
            {move || data.get().flatten().map(|(personas, maps)| {
                let names: HashMap<String, String> = personas.iter().map(|(id, p, _)| (id.clone(), p.name.clone())).collect();
                view! {
                    <section aria-labelledby="personas-h">
                        <h2 id="personas-h">{t!(i18n, personas)}</h2>
                        {if personas.is_empty() {
                            view! { <p>{t!(i18n, no_personas)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="list">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, col_name)}</th>
                                        <th scope="col">{t!(i18n, col_role)}</th>
                                        <th scope="col">{t!(i18n, col_segment)}</th>
                                        <th scope="col" class="num">{t!(i18n, contacts_covered)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {personas.into_iter().map(|(_, p, n)| view! {
                                            <tr>
                                                <th scope="row">{p.name}</th>
                                                <td>{p.role}</td>
                                                <td>{p.segment}</td>
                                                <td class="num">{move || number_locale(i18n).format_count(n)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="maps-h">
                        <h2 id="maps-h">{t!(i18n, journey_maps)}</h2>
                        {if maps.is_empty() {
                            view! { <p>{t!(i18n, no_maps)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="list">
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, col_title)}</th>
                                        <th scope="col">{t!(i18n, col_persona)}</th>
                                        <th scope="col" class="num">{t!(i18n, col_stages)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {maps.into_iter().map(|m| {
                                            let persona = names.get(&m.persona_id).cloned().unwrap_or(m.persona_id.clone());
                                            view! {
                                                <tr>
                                                    <th scope="row">{m.title}</th>
                                                    <td>{persona}</td>
                                                    <td class="num">{m.stages.len()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    </section>
                }
            })}
        </Transition>
    }
}
