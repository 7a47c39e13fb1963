//! Journeys: personas (with how many contacts each covers) and journey maps.

mod maps;
mod personas;

use crate::domain::records::{Contact, JourneyMap, Persona};
use crate::i18n::*;
use crate::ui::common::{use_workspace, Loading, ReadError};
use leptos::prelude::*;
use maps::MapTable;
use personas::PersonaTable;
use std::collections::HashMap;

/// The journeys screen.
#[component]
pub fn JourneysPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_workspace().read(|store| async move {
        let mut covered: HashMap<String, u64> = HashMap::new();
        for (_, c) in store.records_of::<Contact>().await? {
            if let Some(p) = c.persona_id {
                *covered.entry(p).or_default() += 1;
            }
        }
        let personas: Vec<(String, Persona, u64)> = store
            .records_of::<Persona>()
            .await?
            .into_iter()
            .map(|(id, p)| {
                let n = covered.get(&id).copied().unwrap_or(0);
                (id, p, n)
            })
            .collect();
        let maps: Vec<JourneyMap> = store
            .records_of::<JourneyMap>()
            .await?
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        Ok((personas, maps))
    });
    view! {
        <h1>{t!(i18n, journeys_title)}</h1>
        <Transition fallback=Loading>
            {move || data.get().map(|r| match r {
                Err(error) => view! { <ReadError error/> }.into_any(),
                Ok((personas, maps)) => {
                    let names: HashMap<String, String> =
                        personas.iter().map(|(id, p, _)| (id.clone(), p.name.clone())).collect();
                    view! {
                        <PersonaTable personas/>
                        <MapTable maps persona_names=names/>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
