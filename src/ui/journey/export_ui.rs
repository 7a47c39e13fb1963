//! Export buttons: SVG and PNG (drawn from the same SVG), CSV (lanes × stages),
//! JSON (the open format) and print (A3 landscape stylesheet).

use super::editor::{use_editor, Editor};
use super::labels::lane_title;
use super::live::live_text;
use crate::domain::journey::edit::{cell_key, column_title};
use crate::domain::journey::export::{to_csv, to_json, to_svg, MapView};
use crate::domain::journey::metrics::PersonaFigures;
use crate::domain::records::JourneyMap;
use crate::domain::stages::JourneyStage;
use crate::i18n::*;
use crate::ui::common::image::svg_to_png;
use crate::ui::common::{download, now};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use std::collections::HashMap;

/// A file name from the map title: letters, digits and dashes.
fn file_name(title: &str, ext: &str) -> String {
    let base: String = crate::domain::search::normalise(title)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base = base
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}.{ext}",
        if base.is_empty() {
            "journey-map".into()
        } else {
            base
        }
    )
}

/// Everything the exports need, in the reader's language.
fn with_view<T>(i18n: I18nContext<Locale>, editor: Editor, f: impl FnOnce(&MapView) -> T) -> T {
    let map = editor.map.get_untracked();
    let figures = editor.figures.get_untracked();
    let persona = editor
        .persona
        .with_untracked(|p| p.as_ref().map(|(_, p)| p.name.clone()).unwrap_or_default());
    let stages = editor.stages();
    f(&reader_view(
        i18n,
        &map,
        persona,
        &stages,
        figures.as_deref(),
    ))
}

/// The map as a reader sees it, in their language: column and lane titles, and
/// the live figures' text for live lanes (when `figures` are known).
pub fn reader_view<'a>(
    i18n: I18nContext<Locale>,
    map: &'a JourneyMap,
    persona_name: String,
    stages: &[JourneyStage],
    figures: Option<&PersonaFigures>,
) -> MapView<'a> {
    let mut live = HashMap::new();
    if let Some(fig) = figures {
        for lane in map
            .lanes
            .iter()
            .filter(|l| l.live && l.kind.has_live_mode())
        {
            for c in map.columns.iter().filter(|c| !c.hidden) {
                if let Some(sf) = fig.stages.iter().find(|s| s.stage == c.stage) {
                    let text = live_text(i18n, lane.kind, sf);
                    if !text.is_empty() {
                        live.insert(cell_key(&lane.id, &c.id), text);
                    }
                }
            }
        }
    }
    let lang = super::grid::lang(i18n);
    MapView {
        map,
        persona_name,
        column_titles: map
            .columns
            .iter()
            .filter(|c| !c.hidden)
            .map(|c| column_title(c, stages, lang))
            .collect(),
        lane_titles: map.lanes.iter().map(|l| lane_title(i18n, l)).collect(),
        live,
        curve_names: (
            t_string!(i18n, journey.map_as_is).to_string(),
            t_string!(i18n, journey.map_to_be).to_string(),
        ),
    }
}

/// The export and print buttons.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let title = move || editor.map.with_untracked(|m| m.title.clone());
    let svg = move |_| {
        let text = with_view(i18n, editor, to_svg);
        download(&file_name(&title(), "svg"), "image/svg+xml", &text);
    };
    let png = move |_| {
        let text = with_view(i18n, editor, to_svg);
        let name = file_name(&title(), "png");
        spawn_local(async move {
            if !svg_to_png(&text, &name).await {
                editor.status.set(Some(Err(
                    t_string!(i18n, journey.map_png_failed).to_string()
                )));
            }
        });
    };
    let csv = move |_| {
        let text = with_view(i18n, editor, to_csv);
        download(&file_name(&title(), "csv"), "text/csv;charset=utf-8", &text);
    };
    let json = move |_| {
        let map = editor.map.get_untracked();
        let persona = editor.persona.get_untracked();
        let figures = editor.figures.get_untracked();
        let v = to_json(
            &map,
            &map.persona_id,
            persona.as_ref().map(|(_, p)| p),
            figures.as_deref(),
            now(),
        );
        let text = serde_json::to_string_pretty(&v).unwrap_or_default();
        download(&file_name(&title(), "json"), "application/json", &text);
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="export" role="group" aria-label=move || t_string!(i18n, journey.map_export)>
            <button type="button" on:click=svg>
                {t!(i18n, journey.map_export_svg)}
            </button>
            <button type="button" on:click=png>
                {t!(i18n, journey.map_export_png)}
            </button>
            <button type="button" on:click=csv>
                {t!(i18n, journey.map_export_csv)}
            </button>
            <button type="button" on:click=json>
                {t!(i18n, journey.map_export_json)}
            </button>
            <button type="button" on:click=print>
                {t!(i18n, journey.map_print)}
            </button>
        </div>
    }
}
