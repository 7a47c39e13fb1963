//! The emotion curve: an SVG line with peaks and troughs across the map's
//! steps, −2..+2. Each point is a slider: drag it, or focus it and use the
//! arrow keys. A dashed to-be curve can sit over the as-is one, and in live
//! mode a dotted line shows the mean emotion recorded on activities per stage.

use super::editor::use_editor;
use super::grid::title_of;
use crate::domain::journey::edit::{set_emotion, slots, Slot};
use crate::i18n::*;
use crate::ui::common::emotion;
use leptos::prelude::*;

const TOP: f64 = 18.0;
const STEP: f64 = 30.0;
const HEIGHT: f64 = 156.0;

fn y_of(v: f64) -> f64 {
    TOP + (2.0 - v) * STEP
}

/// Slot positions as % of the width: steps share their column's width.
fn xs(map: &crate::domain::records::JourneyMap, slots: &[Slot]) -> Vec<f64> {
    let visible: Vec<usize> = map
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.hidden)
        .map(|(i, _)| i)
        .collect();
    let n = visible.len().max(1) as f64;
    slots
        .iter()
        .map(|s| {
            let vi = visible.iter().position(|&c| c == s.column).unwrap_or(0) as f64;
            let steps = map.columns[s.column].steps.len().max(1) as f64;
            let within = s.step.map(|k| (k as f64 + 0.5) / steps).unwrap_or(0.5);
            (vi + within) / n * 100.0
        })
        .collect()
}

/// The curve, spanning the visible columns.
#[component]
pub fn EmotionCurve(
    /// Also draw the recorded mean emotion per stage.
    live: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let layout = Memo::new(move |_| {
        editor.map.with(|m| {
            let s = slots(m);
            let x = xs(m, &s);
            let names: Vec<String> = s
                .iter()
                .map(|sl| {
                    let col = title_of(i18n, &m.columns[sl.column]);
                    match sl.step {
                        Some(k) => format!("{col} — {}", m.columns[sl.column].steps[k].name),
                        None => col,
                    }
                })
                .collect();
            s.into_iter()
                .zip(x)
                .zip(names)
                .map(|((s, x), n)| (s.key, x, n))
                .collect::<Vec<_>>()
        })
    });
    let has_to_be = Memo::new(move |_| editor.map.with(|m| !m.emotion_to_be.is_empty()));
    let drag = StoredValue::new(None::<(String, bool, crate::domain::records::JourneyMap)>);
    let value_at = move |client_y: f64| -> i8 {
        let top = svg
            .get_untracked()
            .map(|s| s.get_bounding_client_rect().top())
            .unwrap_or(0.0);
        (2.0 - (client_y - top - TOP) / STEP)
            .round()
            .clamp(-2.0, 2.0) as i8
    };
    // Ends a drag: keep where the point went, or put it back (a cancelled gesture).
    let end_drag = move |keep: bool| {
        if let Some((_, _, before)) = drag.get_value() {
            drag.set_value(None);
            if keep {
                editor.commit_from(before, editor.map.get_untracked());
            } else {
                editor.map.set(before);
            }
        }
    };
    let curve = move |to_be: bool| {
        view! {
            <g class=if to_be {
                "curve to-be"
            } else {
                "curve as-is"
            }>
                {move || {
                    let pts = layout.get();
                    let lines = pts
                        .windows(2)
                        .map(|w| {
                            let (a, b) = (w[0].clone(), w[1].clone());
                            let ya = move || {
                                editor
                                    .map
                                    .with(|m| point(m, &a.0, to_be))
                                    .map(y_of)
                                    .unwrap_or(y_of(0.0))
                            };
                            let yb = move || {
                                editor
                                    .map
                                    .with(|m| point(m, &b.0, to_be))
                                    .map(y_of)
                                    .unwrap_or(y_of(0.0))
                            };
                            view! {
                                <line x1=format!("{}%", a.1) x2=format!("{}%", b.1) y1=ya y2=yb />
                            }
                        })
                        .collect_view();
                    let dots = pts
                        .into_iter()
                        .map(|(key, x, name)| {
                            let k2 = key.clone();
                            let k3 = key.clone();
                            let k4 = key.clone();
                            let changed_key = format!(
                                "{}/{key}",
                                if to_be { "emotion_to_be" } else { "emotion" },
                            );
                            let v = Memo::new(move |_| {
                                editor.map.with(|m| point(m, &k2, to_be)).unwrap_or(0.0) as i8
                            });
                            let label = if to_be {
                                t_string!(i18n, journey.map_point_to_be, step = name.clone())
                            } else {
                                t_string!(i18n, journey.map_point_as_is, step = name.clone())
                            };
                            let set = move |nv: i8| {
                                editor.commit(|m| set_emotion(m, &k3, nv, to_be))
                            };
                            view! {
                                <circle
                                    cx=format!("{x}%")
                                    cy=move || y_of(v.get() as f64)
                                    r="8"
                                    tabindex="0"
                                    role="slider"
                                    class:changed=move || {
                                        editor.changed.with(|c| c.contains(&changed_key))
                                    }
                                    aria-label=label
                                    aria-valuemin="-2"
                                    aria-valuemax="2"
                                    aria-orientation="vertical"
                                    aria-valuenow=move || v.get().to_string()
                                    aria-valuetext=move || {
                                        let (mark, _, l) = emotion(i18n, v.get());
                                        format!("{mark} {l}")
                                    }
                                    on:keydown=move |ev| {
                                        let cur = v.get_untracked();
                                        let next = match ev.key().as_str() {
                                            "ArrowUp" | "ArrowRight" => cur + 1,
                                            "ArrowDown" | "ArrowLeft" => cur - 1,
                                            "Home" => -2,
                                            "End" => 2,
                                            _ => return,
                                        };
                                        ev.prevent_default();
                                        if next.clamp(-2, 2) != cur {
                                            set(next.clamp(-2, 2))
                                        }
                                    }
                                    on:pointerdown=move |ev| {
                                        if ev.button() != 0 {
                                            return;
                                        }
                                        if let Some(t) = ev
                                            .target()
                                            .and_then(|t| {
                                                wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()
                                            })
                                        {
                                            let _ = t.set_pointer_capture(ev.pointer_id());
                                        }
                                        drag.set_value(
                                            Some((k4.clone(), to_be, editor.map.get_untracked())),
                                        );
                                    }
                                    on:pointermove=move |ev| {
                                        if ev.buttons() == 0 {
                                            end_drag(true);
                                            return;
                                        }
                                        if let Some((k, tb, _)) = drag.get_value() {
                                            let nv = value_at(ev.client_y() as f64);
                                            if editor.map.with_untracked(|m| point(m, &k, tb))
                                                != Some(nv as f64)
                                            {
                                                editor.preview(|m| set_emotion(m, &k, nv, tb));
                                            }
                                        }
                                    }
                                    on:pointercancel=move |_| end_drag(false)
                                    on:lostpointercapture=move |_| end_drag(true)
                                    on:pointerup=move |_| end_drag(true)
                                >
                                    <title>{label.clone()}</title>
                                </circle>
                            }
                        })
                        .collect_view();
                    view! {
                        {lines}
                        {dots}
                    }
                }}
            </g>
        }
    };
    // The recorded mean per visible stage: (x %, mean, n, stage title). A memo,
    // so dragging a point (which changes the map) does not redraw it.
    let recorded_pts = Memo::new(move |_| {
        let figures = editor.figures.get()?;
        let visible: Vec<crate::domain::records::MapColumn> = editor
            .map
            .with(|m| m.columns.iter().filter(|c| !c.hidden).cloned().collect());
        let n = visible.len().max(1) as f64;
        Some(
            visible
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let f = figures.stages.iter().find(|s| s.stage == c.stage)?;
                    Some((
                        (i as f64 + 0.5) / n * 100.0,
                        f.mean_emotion.value?,
                        f.mean_emotion.based_on,
                        editor.column_title(c),
                    ))
                })
                .collect::<Vec<_>>(),
        )
    });
    let recorded = move || {
        let pts = recorded_pts.get()?;
        let lines = pts
            .windows(2)
            .map(|w| {
                view! {
                    <line
                        x1=format!("{}%", w[0].0)
                        x2=format!("{}%", w[1].0)
                        y1=y_of(w[0].1)
                        y2=y_of(w[1].1)
                    />
                }
            })
            .collect_view();
        let nl = crate::ui::common::number_locale(i18n);
        let marks = pts
            .into_iter()
            .map(|(x, v, n, _)| {
                let text = t_string!(
                    i18n,
                    journey.map_recorded_point,
                    v = nl.format_decimal(v, 1),
                    n = nl.format_count(n as u64)
                );
                view! {
                    <circle class="rec" cx=format!("{x}%") cy=y_of(v) r="4">
                        <title>{text}</title>
                    </circle>
                }
            })
            .collect_view();
        Some(view! { <g class="curve recorded">{lines}{marks}</g> })
    };
    view! {
        <svg
            node_ref=svg
            class="emotion-curve"
            width="100%"
            height=HEIGHT.to_string()
            role="group"
            aria-label=move || t_string!(i18n, journey.lane_emotion)
        >
            {(-2..=2)
                .map(|v| {
                    view! {
                        <line
                            class=if v == 0 { "grid zero" } else { "grid" }
                            x1="0"
                            x2="100%"
                            y1=y_of(v as f64)
                            y2=y_of(v as f64)
                        />
                    }
                })
                .collect_view()}
            {move || if live { recorded() } else { None }}
            {move || has_to_be.get().then(|| curve(true))}
            {curve(false)}
        </svg>
        <p class="curve-legend">
            <span class="lg as-is">{t!(i18n, journey.map_as_is)}</span>
            {move || {
                has_to_be
                    .get()
                    .then(|| view! { <span class="lg to-be">{t!(i18n, journey.map_to_be)}</span> })
            }}
            {live
                .then(|| {
                    view! { <span class="lg recorded">{t!(i18n, journey.map_recorded)}</span> }
                })}
        </p>
        // The recorded means as text, for those who cannot see the dotted line.
        {move || {
            live.then(|| {
                    let nl = crate::ui::common::number_locale(i18n);
                    let items: Vec<String> = recorded_pts
                        .get()?
                        .into_iter()
                        .map(|(_, v, n, title)| {
                            let point = t_string!(
                                i18n, journey.map_recorded_point, v = nl.format_decimal(v, 1), n = nl.format_count(n as u64)
                            );
                            format!("{title}: {point}")
                        })
                        .collect();
                    Some(
                        view! {
                            <ul class="sr-only">
                                {items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                            </ul>
                        },
                    )
                })
                .flatten()
        }}
    }
}

fn point(m: &crate::domain::records::JourneyMap, key: &str, to_be: bool) -> Option<f64> {
    let curve = if to_be { &m.emotion_to_be } else { &m.emotion };
    curve.get(key).map(|v| *v as f64)
}
