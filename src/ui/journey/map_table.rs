//! A journey map as a read-only table: lanes × stages with the live figures,
//! the same rows as the CSV export. For views that show a map without editing
//! it (an embedded journey map in a partner's page).

use super::data::{load_index, FIGURE_SOURCES};
use super::export_ui::reader_view;
use crate::domain::journey::export::to_rows;
use crate::domain::journey::metrics::{compute, DateRange, PersonaFigures};
use crate::domain::records::{JourneyMap, Persona};
use crate::i18n::*;
use crate::ui::common::Reads;
use crate::ui::common::{use_workspace, Loading, ReadError};
use leptos::prelude::*;

/// What the table shows: the map, its persona, and the figures when computed.
#[derive(Clone)]
struct Shown {
    map: JourneyMap,
    persona: Option<Persona>,
    figures: Option<PersonaFigures>,
}

/// The map `id`, read-only, re-read after every change.
#[component]
pub fn ReadOnlyMap(
    /// Journey map document id.
    id: String,
    /// Compute the live figures (over every contact of the persona).
    with_figures: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let shown = ws.read(
        Reads::types(&FIGURE_SOURCES).doc(id.clone()),
        move |store| {
            let id = id.clone();
            let stages = ws.settings.with_untracked(|s| s.journey_stages.clone());
            async move {
                let Some(map) = store
                    .get(&id)
                    .await?
                    .filter(|d| !d.deleted)
                    .and_then(|d| d.record::<JourneyMap>().ok())
                else {
                    return Ok(None);
                };
                let persona = store
                    .get(&map.persona_id)
                    .await?
                    .filter(|d| !d.deleted)
                    .and_then(|d| d.record::<Persona>().ok());
                let figures = match (&persona, with_figures) {
                    (Some(p), true) => {
                        let index = load_index(&store, &FIGURE_SOURCES, &stages).await?;
                        let members = index.members(&map.persona_id, &p.rule);
                        Some(compute(&index, &members, DateRange::default()))
                    }
                    _ => None,
                };
                Ok(Some(Shown {
                    map,
                    persona,
                    figures,
                }))
            }
        },
    );
    view! {
        <Transition fallback=Loading>
            {move || {
                shown
                    .get()
                    .map(|r| match r {
                        Err(error) => view! { <ReadError error /> }.into_any(),
                        Ok(None) => {
                            view! {
                                <p class="card empty" role="status">
                                    {t!(i18n, journey.map_not_found)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Some(s)) => view! { <Table shown=s with_figures /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn Table(shown: Shown, with_figures: bool) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let title = shown.map.title.clone();
    let persona = shown
        .persona
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let rows = move || {
        let stages = ws.settings.with(|s| s.journey_stages.clone());
        let view = reader_view(
            i18n,
            &shown.map,
            persona.clone(),
            &stages,
            shown.figures.as_ref(),
        );
        let (headers, rows) = to_rows(&view);
        view! {
            <thead>
                <tr>
                    {headers
                        .into_iter()
                        .enumerate()
                        .map(|(i, h)| match i {
                            0 => view! { <td></td> }.into_any(),
                            _ => view! { <th scope="col">{h}</th> }.into_any(),
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let mut cells = row.into_iter();
                        let head = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{head}</th>
                                {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        }
    };
    let persona_line = shown.persona.as_ref().map(|p| p.name.clone());
    view! {
        <h1>{title.clone()}</h1>
        {persona_line
            .map(|name| {
                view! { <p class="map-persona">{t!(i18n, journey.col_persona)}": "{name}</p> }
            })}
        {(!with_figures)
            .then(|| view! { <p class="muted">{t!(i18n, journey.map_table_no_figures)}</p> })}
        <div class="map-table-wrap" part="journey">
            <table class="map-table">
                <caption>{t!(i18n, journey.map_table_caption, title = title.clone())}</caption>
                {rows}
            </table>
        </div>
    }
}
