//! A lane's header: its title, the live-data switch (lanes that have one),
//! the to-be curve switch (emotion), moving and removing (custom lanes).

use super::cell::focus_later;
use super::editor::use_editor;
use super::labels::lane_title;
use crate::domain::journey::edit::{move_lane, remove_lane};
use crate::domain::records::{Lane, LaneKind};
use crate::i18n::*;
use leptos::prelude::*;

/// The header of lane `index` (of `count`).
#[component]
pub fn LaneHead(
    /// Index in `map.lanes`.
    index: usize,
    /// The lane.
    lane: Lane,
    /// Number of lanes.
    count: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_editor();
    let title = lane_title(i18n, &lane);
    let live_name = t_string!(i18n, journey.map_live_for, lane = title.clone());
    let up = t_string!(i18n, journey.map_lane_up, lane = title.clone());
    let down = t_string!(i18n, journey.map_lane_down, lane = title.clone());
    let remove = t_string!(i18n, journey.map_lane_remove, lane = title.clone());
    let live = lane.live;
    let to_be = Memo::new(move |_| editor.map.with(|m| !m.emotion_to_be.is_empty()));
    let id = lane.id.clone();
    let (up_id, down_id, live_id) = (
        format!("laneup-{id}"),
        format!("lanedown-{id}"),
        format!("lanelive-{id}"),
    );
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(lane.title.clone());
    let rename_name = t_string!(i18n, journey.map_rename_lane, lane = title.clone());
    let first = index == 0;
    let last = index + 1 >= count;
    // After a move the table is rebuilt: focus follows the lane's button (the other one at an end).
    let (u1, u2) = (up_id.clone(), down_id.clone());
    let move_up = move |_| {
        editor.commit(|m| {
            move_lane(m, index, -1);
        });
        focus_later(if index == 1 { u2.clone() } else { u1.clone() });
    };
    let (d1, d2) = (down_id.clone(), up_id.clone());
    let move_down = move |_| {
        editor.commit(|m| {
            move_lane(m, index, 1);
        });
        focus_later(if index + 2 >= count {
            d2.clone()
        } else {
            d1.clone()
        });
    };
    view! {
        <div class="lane-title">{title.clone()}</div>
        <div class="lane-tools no-print">
            {lane
                .kind
                .has_live_mode()
                .then(|| {
                    let live_id = live_id.clone();
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                id=live_id.clone()
                                prop:checked=live
                                aria-label=live_name
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    editor.commit(|m| m.lanes[index].live = on);
                                    focus_later(live_id.clone());
                                }
                            />
                            {t!(i18n, journey.map_live)}
                        </label>
                    }
                })}
            {(lane.kind == LaneKind::Emotion)
                .then(|| {
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=to_be
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    editor
                                        .commit(|m| {
                                            if on {
                                                let slots = crate::domain::journey::edit::slots(m);
                                                for s in slots {
                                                    let v = m.emotion.get(&s.key).copied().unwrap_or(0);
                                                    m.emotion_to_be.insert(s.key, v);
                                                }
                                            } else {
                                                m.emotion_to_be.clear();
                                            }
                                        });
                                }
                            />
                            {t!(i18n, journey.map_to_be)}
                        </label>
                    }
                })}
            <button
                type="button"
                class="icon"
                id=up_id
                aria-label=up
                disabled=first
                on:click=move_up
            >
                "↑"
            </button>
            <button
                type="button"
                class="icon"
                id=down_id
                aria-label=down
                disabled=last
                on:click=move_down
            >
                "↓"
            </button>
            {(lane.kind == LaneKind::Custom)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="icon"
                            aria-label=rename_name.clone()
                            on:click=move |_| renaming.update(|r| *r = !*r)
                        >
                            "✎"
                        </button>
                        <button
                            type="button"
                            class="icon"
                            aria-label=remove
                            on:click=move |_| {
                                editor
                                    .commit(|m| {
                                        remove_lane(m, index);
                                    });
                                focus_later("new-lane".to_string());
                            }
                        >
                            "×"
                        </button>
                    }
                })}
        </div>
        <Show when=move || renaming.get()>
            <form
                class="lane-rename no-print"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let t = draft.get_untracked().trim().to_string();
                    if !t.is_empty() {
                        editor.commit(|m| m.lanes[index].title = t);
                    }
                    renaming.set(false);
                }
            >
                <label class="field">
                    <span>{t!(i18n, journey.map_lane_name)}</span>
                    <input
                        type="text"
                        prop:value=draft
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Escape" {
                                renaming.set(false)
                            }
                        }
                    />
                </label>
                <button type="submit">{t!(i18n, journey.map_rename)}</button>
            </form>
        </Show>
    }
}
