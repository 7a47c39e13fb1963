//! Snapshots: freeze the map and its figures with a note, list them, and
//! compare two snapshots (or one with today) side by side: what changed in
//! the cells and curves, and how each metric moved.

use super::editor::use_editor;
use super::labels::{metric_label, metric_value};
use crate::actions::records;
use crate::actions::SaveError;
use crate::domain::journey::compare::{changed_keys, metric_deltas, MetricDelta};
use crate::domain::journey::metrics::{compute, DateRange, PersonaFigures};
use crate::domain::journey::rich::plain;
use crate::domain::records::{JourneyMap, MapSnapshot};
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::Reads;
use crate::ui::common::{now, store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "today" in the compare pickers.
const TODAY: &str = "today";

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq)]
struct Side {
    map: JourneyMap,
    /// `None` when the snapshot was taken before figures were computed.
    figures: Option<PersonaFigures>,
}

/// The text a change key stands for on one side.
fn describe(i18n: leptos_i18n::I18nContext<Locale>, m: &JourneyMap, key: &str) -> String {
    if let Some(slot) = key.strip_prefix("emotion_to_be/") {
        return m
            .emotion_to_be
            .get(slot)
            .map(|v| format!("{v:+}"))
            .unwrap_or_default();
    }
    if let Some(slot) = key.strip_prefix("emotion/") {
        return m
            .emotion
            .get(slot)
            .map(|v| format!("{v:+}"))
            .unwrap_or_default();
    }
    if let Some(id) = key.strip_prefix("column/") {
        return m
            .columns
            .iter()
            .find(|c| c.id == id)
            .map(|c| {
                let mut t = super::grid::title_of(i18n, c);
                if c.hidden {
                    t.push_str(&format!(" ({})", t_string!(i18n, journey.map_hidden)));
                }
                let steps: Vec<&str> = c.steps.iter().map(|s| s.name.as_str()).collect();
                if !steps.is_empty() {
                    t.push_str(&format!(": {}", steps.join(", ")));
                }
                t
            })
            .unwrap_or_default();
    }
    if let Some(id) = key.strip_prefix("lane/") {
        return m
            .lanes
            .iter()
            .find(|l| l.id == id)
            .map(|l| super::labels::lane_title(i18n, l))
            .unwrap_or_default();
    }
    m.cells.get(key).map(|t| plain(t)).unwrap_or_default()
}

/// Where a change key is: "Pain points · Decision", "Emotion · Awareness"…
fn place(
    i18n: leptos_i18n::I18nContext<Locale>,
    a: &JourneyMap,
    b: &JourneyMap,
    key: &str,
) -> String {
    let col = |id: &str| {
        let id = id.split('/').next().unwrap_or(id);
        b.columns
            .iter()
            .chain(&a.columns)
            .find(|c| c.id == id)
            .map(|c| super::grid::title_of(i18n, c))
            .unwrap_or_else(|| id.to_string())
    };
    let lane = |id: &str| {
        b.lanes
            .iter()
            .chain(&a.lanes)
            .find(|l| l.id == id)
            .map(|l| super::labels::lane_title(i18n, l))
            .unwrap_or_else(|| id.to_string())
    };
    if let Some(slot) = key.strip_prefix("emotion_to_be/") {
        return format!(
            "{} ({}) · {}",
            t_string!(i18n, journey.lane_emotion),
            t_string!(i18n, journey.map_to_be),
            col(slot)
        );
    }
    if let Some(slot) = key.strip_prefix("emotion/") {
        return format!("{} · {}", t_string!(i18n, journey.lane_emotion), col(slot));
    }
    if let Some(id) = key.strip_prefix("column/") {
        return format!("{} · {}", t_string!(i18n, common.tl_stage), col(id));
    }
    if let Some(id) = key.strip_prefix("lane/") {
        return format!("{} · {}", t_string!(i18n, journey.map_lane), lane(id));
    }
    let (l, c) = key.split_once('/').unwrap_or((key, ""));
    format!("{} · {}", lane(l), col(c))
}

/// The snapshots panel.
#[component]
pub fn SnapshotsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let ws = use_workspace();
    let note = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Result<String, String>>);
    let changes = ws.changes(Reads::types(&[RecordType::MapSnapshot]));
    // Keyed on the map's id, not its revision: a map edit does not re-read the list.
    let map_id = Memo::new(move |_| {
        editor
            .doc
            .with(|d| d.as_ref().map(|d| d.id.clone()))
            .unwrap_or_default()
    });
    let list = LocalResource::new(move || {
        changes.track();
        let map_id = map_id.get();
        let store = ws.store();
        async move {
            let mut v: Vec<(String, MapSnapshot)> = store?
                .records_of::<MapSnapshot>()
                .await
                .ok()?
                .into_iter()
                .filter(|(_, s)| s.map_id == map_id)
                .collect();
            v.sort_by_key(|s| std::cmp::Reverse(s.1.taken_at));
            Some(v)
        }
    });
    let snaps = Memo::new(move |_| list.get().flatten().unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(map_id) = editor
            .doc
            .with_untracked(|d| d.as_ref().map(|d| d.id.clone()))
        else {
            return;
        };
        let figures = editor
            .figures
            .get_untracked()
            .and_then(|f| serde_json::to_value(&*f).ok())
            .unwrap_or_default();
        let map = editor.map.get_untracked();
        let text = note.get_untracked().trim().to_string();
        spawn_local(async move {
            let Some(actor) = ws.actor() else { return };
            let snap = MapSnapshot {
                map_id,
                note: text,
                taken_at: now(),
                by: actor.author().to_string(),
                map,
                figures,
                extra: Default::default(),
            };
            match records::create(&actor, "snap", &snap).await {
                Ok(_) => {
                    note.set(String::new());
                    status.set(Some(Ok(
                        t_string!(i18n, journey.map_snapshot_saved).to_string()
                    )));
                }
                Err(SaveError::Invalid(_)) => {
                    status.set(Some(
                        Err(t_string!(i18n, journey.map_not_saved).to_string()),
                    ))
                }
                Err(SaveError::Store(e)) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let left = RwSignal::new(String::new());
    let right = RwSignal::new(TODAY.to_string());
    // Today's figures over the compared snapshot's date range, so only real
    // change shows; recomputed when the data or that range changes, not on map edits.
    let snapshot_range = Memo::new(move |_| {
        let (l, r) = (left.get(), right.get());
        let snap = match (l == TODAY, r == TODAY) {
            (false, true) => l,
            (true, false) => r,
            _ => return None,
        };
        snaps
            .with(|s| {
                s.iter()
                    .find(|(id, _)| *id == snap)
                    .and_then(|(_, s)| s.figures.get("range").cloned())
            })
            .and_then(|v| serde_json::from_value::<DateRange>(v).ok())
    });
    let today_figures = Memo::new(move |_| match snapshot_range.get() {
        Some(range) => {
            let (idx, m) = (editor.index.get()?, editor.members.get()?);
            Some(compute(&idx, &m, range))
        }
        None => editor.figures.get().map(|f| (*f).clone()),
    });
    let side = move |id: &str| -> Option<Side> {
        if id == TODAY {
            return Some(Side {
                map: editor.map.get(),
                figures: today_figures.get(),
            });
        }
        snaps.with(|s| {
            s.iter().find(|(sid, _)| sid == id).map(|(_, s)| Side {
                map: s.map.clone(),
                figures: s
                    .figures
                    .is_object()
                    .then(|| serde_json::from_value(s.figures.clone()).ok())
                    .flatten(),
            })
        })
    };
    let comparison = Memo::new(move |_| {
        let (a, b) = (side(&left.get())?, side(&right.get())?);
        let keys: Vec<String> = changed_keys(&a.map, &b.map).into_iter().collect();
        let (deltas, same_range) = match (&a.figures, &b.figures) {
            (Some(fa), Some(fb)) => (Some(metric_deltas(fa, fb)), fa.range == fb.range),
            _ => (None, true),
        };
        Some((a, b, keys, deltas, same_range))
    });
    // With "today" on one side, the grid highlights what changed since the snapshot.
    Effect::new(move |_| {
        let hl = comparison.with(|c| match c {
            Some((_, _, keys, _, _)) if right.get() == TODAY || left.get() == TODAY => {
                keys.iter().cloned().collect()
            }
            _ => Default::default(),
        });
        if editor.changed.with_untracked(|c| *c != hl) {
            editor.changed.set(hl);
        }
    });
    let picker = move |label: String, sig: RwSignal<String>, with_today: bool| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select on:change=move |ev| sig.set(event_target_value(&ev))>
                    <option value="" selected=move || sig.get().is_empty()>
                        {t!(i18n, journey.map_choose_snapshot)}
                    </option>
                    {with_today
                        .then(|| {
                            view! {
                                <option value=TODAY selected=move || sig.get() == TODAY>
                                    {t!(i18n, journey.map_today)}
                                </option>
                            }
                        })}
                    {move || {
                        snaps
                            .get()
                            .into_iter()
                            .map(|(id, s)| {
                                let sel = id.clone();
                                let text = format!(
                                    "{} · {}",
                                    s.taken_at.date_string(),
                                    if s.note.is_empty() {
                                        t_string!(i18n, journey.map_no_note).to_string()
                                    } else {
                                        s.note.clone()
                                    },
                                );
                                view! {
                                    <option value=id selected=move || sig.get() == sel>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        }
    };
    view! {
        <section class="snapshots" aria-labelledby="snap-h">
            <h2 id="snap-h">{t!(i18n, journey.map_snapshots)}</h2>
            <form on:submit=save class="row">
                <label class="field">
                    <span>{t!(i18n, journey.map_snapshot_note)}</span>
                    <input
                        type="text"
                        prop:value=note
                        on:input=move |ev| note.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" disabled=move || editor.figures.with(|f| f.is_none())>
                    {t!(i18n, journey.map_save_snapshot)}
                </button>
            </form>
            <p role="status">
                {move || {
                    status
                        .get()
                        .map(|s| match s {
                            Ok(m) => view! { <span class="ok">{m}</span> }.into_any(),
                            Err(m) => view! { <span class="error">{m}</span> }.into_any(),
                        })
                }}
            </p>
            <ul class="plain snap-list">
                {move || {
                    snaps
                        .get()
                        .into_iter()
                        .map(|(_, s)| {
                            view! {
                                <li>
                                    {s.taken_at.date_string()}
                                    {(!s.by.is_empty()).then(|| format!(" · {}", s.by))} " · "
                                    <strong>
                                        {if s.note.is_empty() {
                                            t_string!(i18n, journey.map_no_note).to_string()
                                        } else {
                                            s.note.clone()
                                        }}
                                    </strong>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="row compare-pick">
                {picker(t_string!(i18n, journey.map_compare).to_string(), left, false)}
                {picker(t_string!(i18n, journey.map_compare_with).to_string(), right, true)}
            </div>
            {move || {
                comparison
                    .get()
                    .map(|(a, b, keys, deltas, same_range)| {
                        view! {
                            <h3>{t!(i18n, journey.map_changed_cells)}</h3>
                            {if keys.is_empty() {
                                view! { <p class="muted">{t!(i18n, journey.map_no_changes)}</p> }
                                    .into_any()
                            } else {
                                view! {
                                    <table class="list compare">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, journey.map_where)}</th>
                                                <th scope="col">{t!(i18n, journey.map_before)}</th>
                                                <th scope="col">{t!(i18n, journey.map_after)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {keys
                                                .iter()
                                                .map(|k| {
                                                    view! {
                                                        <tr class="changed">
                                                            <th scope="row">{place(i18n, &a.map, &b.map, k)}</th>
                                                            <td class="pre">{describe(i18n, &a.map, k)}</td>
                                                            <td class="pre">{describe(i18n, &b.map, k)}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                }
                                    .into_any()
                            }}
                            <h3>{t!(i18n, journey.map_metric_deltas)}</h3>
                            {(!same_range)
                                .then(|| {
                                    view! {
                                        <p class="muted">{t!(i18n, journey.map_ranges_differ)}</p>
                                    }
                                })}
                            {match deltas {
                                Some(deltas) => view! { <DeltaTable deltas /> }.into_any(),
                                None => {
                                    view! {
                                        <p class="muted">{t!(i18n, journey.map_no_figures)}</p>
                                    }
                                        .into_any()
                                }
                            }}
                        }
                    })
            }}
        </section>
    }
}

/// Metric deltas: metric, stage, before, after, change.
#[component]
fn DeltaTable(
    /// The deltas to list.
    deltas: Vec<MetricDelta>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    if deltas.is_empty() {
        return view! { <p class="muted">{t!(i18n, journey.map_no_metric_changes)}</p> }.into_any();
    }
    view! {
        <table class="list compare">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, journey.map_metric)}</th>
                    <th scope="col">{t!(i18n, common.tl_stage)}</th>
                    <th scope="col" class="num">
                        {t!(i18n, journey.map_before)}
                    </th>
                    <th scope="col" class="num">
                        {t!(i18n, journey.map_after)}
                    </th>
                    <th scope="col" class="num">
                        {t!(i18n, journey.map_delta)}
                    </th>
                </tr>
            </thead>
            <tbody>
                {deltas
                    .into_iter()
                    .map(|d| {
                        let stage = if d.stage.is_empty() {
                            t_string!(i18n, journey.map_all_stages).to_string()
                        } else {
                            ws.settings
                                .with_untracked(|s| crate::ui::common::journey_stage_label(
                                    i18n,
                                    s,
                                    &d.stage,
                                ))
                        };
                        let delta = d
                            .delta()
                            .map(|v| {
                                let shown = metric_value(i18n, d.metric, Some(v.abs()));
                                if v >= 0.0 {
                                    format!("+{}", shown.trim_start_matches('+'))
                                } else {
                                    format!("−{}", shown.trim_start_matches('+'))
                                }
                            })
                            .unwrap_or_else(|| "—".into());
                        view! {
                            <tr>
                                <th scope="row">{metric_label(i18n, d.metric)}</th>
                                <td>{stage}</td>
                                <td class="num">{metric_value(i18n, d.metric, d.before)}</td>
                                <td class="num">{metric_value(i18n, d.metric, d.after)}</td>
                                <td class="num">{delta}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
