//! The map grid: stages as columns, lanes as rows. Only structure changes
//! (columns, lanes) rebuild the table; cell text and curve points update in
//! place, so focus and pointer capture survive edits.

use super::cell::Cell;
use super::column_head::ColumnHead;
use super::curve::EmotionCurve;
use super::editor::use_editor;
use super::lane_head::LaneHead;
use crate::domain::journey::edit::{add_lane, column_title};
use crate::domain::records::{LaneKind, MapColumn};
use crate::i18n::*;
use leptos::prelude::*;

/// The reader's language code for stage names.
pub fn lang(i18n: leptos_i18n::I18nContext<Locale>) -> &'static str {
    match i18n.get_locale() {
        Locale::vi => "vi",
        Locale::en => "en",
    }
}

/// A column's title as shown.
pub fn title_of(i18n: leptos_i18n::I18nContext<Locale>, c: &MapColumn) -> String {
    let ws = crate::ui::common::use_workspace();
    // Tracked: a stage renamed in Settings (or by sync) renames the headers.
    ws.settings
        .with(|s| column_title(c, &s.journey_stages, lang(i18n)))
}

/// The grid with the hidden-stages bar and the "add lane" form.
#[component]
pub fn MapGrid() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let structure = Memo::new(move |_| editor.map.with(|m| (m.columns.clone(), m.lanes.clone())));
    let new_lane = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = new_lane.get_untracked();
        if t.trim().is_empty() {
            return;
        }
        editor.commit(|m| {
            add_lane(m, &t);
        });
        new_lane.set(String::new());
    };
    view! {
        <div class="map-scroll">
            {move || {
                let (columns, lanes) = structure.get();
                let visible: Vec<(usize, MapColumn)> = columns
                    .iter()
                    .cloned()
                    .enumerate()
                    .filter(|(_, c)| !c.hidden)
                    .collect();
                let n = visible.len();
                let lane_count = lanes.len();
                view! {
                    <table
                        class="journey-map"
                        aria-label=move || editor.map.with(|m| m.title.clone())
                    >
                        <thead>
                            <tr>
                                <th scope="col" class="lane-col">
                                    {t!(i18n, journey.map_lanes_stages)}
                                </th>
                                {visible
                                    .iter()
                                    .enumerate()
                                    .map(|(vi, (i, c))| {
                                        let prev = vi.checked_sub(1).map(|p| visible[p].0);
                                        let next = visible.get(vi + 1).map(|n| n.0);
                                        view! {
                                            <th
                                                scope="col"
                                                class="stage-col"
                                                aria-label=title_of(i18n, c)
                                                class:changed={
                                                    let k = format!("column/{}", c.id);
                                                    move || editor.changed.with(|s| s.contains(&k))
                                                }
                                            >
                                                <ColumnHead index=*i column=c.clone() prev next />
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {lanes
                                .into_iter()
                                .enumerate()
                                .map(|(r, lane)| {
                                    let kind = lane.kind;
                                    let body = if kind == LaneKind::Emotion {
                                        view! {
                                            <td colspan=n.to_string() class="curve-cell">
                                                <EmotionCurve live=lane.live />
                                            </td>
                                        }
                                            .into_any()
                                    } else {
                                        visible
                                            .iter()
                                            .enumerate()
                                            .map(|(c, (_, col))| {
                                                view! {
                                                    <Cell lane=lane.clone() column=col.clone() row=r col=c />
                                                }
                                            })
                                            .collect_view()
                                            .into_any()
                                    };
                                    view! {
                                        <tr class=format!("lane lane-{}", kind.as_str())>
                                            <th
                                                scope="row"
                                                class="lane-col"
                                                aria-label=super::labels::lane_title(i18n, &lane)
                                                class:changed={
                                                    let k = format!("lane/{}", lane.id);
                                                    move || editor.changed.with(|s| s.contains(&k))
                                                }
                                            >
                                                <LaneHead index=r lane=lane.clone() count=lane_count />
                                            </th>
                                            {body}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            }}
        </div>
        <div class="map-under no-print">
            {move || {
                let hidden: Vec<(usize, MapColumn)> = structure
                    .with(|(c, _)| {
                        c.iter().cloned().enumerate().filter(|(_, c)| c.hidden).collect()
                    });
                (!hidden.is_empty())
                    .then(|| {
                        view! {
                            <p class="hidden-cols">
                                {t!(i18n, journey.map_hidden_stages)}" "
                                {hidden
                                    .into_iter()
                                    .map(|(i, c)| {
                                        let title = title_of(i18n, &c);
                                        let name = t_string!(
                                            i18n, journey.map_show_stage, stage = title
                                        );
                                        let btn = format!("colbtn-{}", c.id);
                                        view! {
                                            <button
                                                type="button"
                                                id=format!("showcol-{}", c.id)
                                                on:click=move |_| {
                                                    editor.commit(|m| m.columns[i].hidden = false);
                                                    super::cell::focus_later(btn.clone());
                                                }
                                            >
                                                {name}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </p>
                        }
                    })
            }} <form class="add-lane" on:submit=add>
                <label class="field">
                    <span>{t!(i18n, journey.map_new_lane)}</span>
                    <input
                        type="text"
                        id="new-lane"
                        prop:value=new_lane
                        on:input=move |ev| new_lane.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit">{t!(i18n, journey.map_add_lane)}</button>
            </form> <p class="muted map-help">{t!(i18n, journey.map_keys_help)}</p>
        </div>
    }
}
