//! Journeys: personas (with how many contacts each covers), their pages, and
//! journey maps with the map editor.

mod cell;
mod column_head;
mod comments;
mod curve;
mod data;
mod drill;
mod editor;
mod export_ui;
mod grid;
mod labels;
mod lane_head;
mod live;
mod map_page;
mod map_table;
mod maps;
mod new_map;
mod new_persona;
mod persona_page;
mod personas;
mod rich_view;
mod snapshots;
mod title;

pub use map_page::MapPage;
pub use map_table::ReadOnlyMap;
pub use persona_page::PersonaPage;

use crate::domain::records::{JourneyMap, Persona, RecordType};
use crate::i18n::*;
use crate::ui::common::Reads;
use crate::ui::common::{use_workspace, Loading, ReadError};
use leptos::prelude::*;
use maps::MapTable;
use personas::PersonaTable;
use std::collections::HashMap;

/// The journeys screen.
#[component]
pub fn JourneysPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let data = ws.read(
        Reads::types(&[
            RecordType::Persona,
            RecordType::JourneyMap,
            RecordType::Account,
            RecordType::Contact,
            RecordType::Activity,
            RecordType::StageTransition,
            RecordType::SurveyResponse,
        ]),
        move |store| async move {
            let stages = ws.settings.get_untracked().journey_stages;
            let index =
                data::load_index(&store, &[RecordType::Contact, RecordType::Account], &stages)
                    .await?;
            let personas: Vec<(String, Persona, u64)> = store
                .records_of::<Persona>()
                .await?
                .into_iter()
                .map(|(id, p)| {
                    let n = index.members(&id, &p.rule).len() as u64;
                    (id, p, n)
                })
                .collect();
            let maps: Vec<(String, JourneyMap)> = store.records_of::<JourneyMap>().await?;
            Ok((personas, maps))
        },
    );
    view! {
        <h1>{t!(i18n, journey.title)}</h1>
        <div class="toolbar">
            <new_persona::NewPersonaButton />
            <new_map::NewMapButton persona_id=String::new() />
        </div>
        <Transition fallback=Loading>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok((personas, maps)) => {
                            let names: HashMap<String, String> = personas
                                .iter()
                                .map(|(id, p, _)| (id.clone(), p.name.clone()))
                                .collect();
                            view! {
                                <PersonaTable personas />
                                <MapTable maps persona_names=names />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}
