//! The timeline's filter bar (kind, channel, stage, date range) and "jump to date".

use super::labels::{kind_key, kind_label};
use crate::domain::records::Channel;
use crate::domain::timeline::{TimelineFilter, TimelineKind};
use crate::domain::Timestamp;
use crate::i18n::*;
use crate::ui::common::use_workspace;
use crate::ui::common::{channel_label, journey_stage_label};
use leptos::prelude::*;

/// Filter controls writing into `filter`.
#[component]
pub fn TimelineFilters(
    /// The filter being edited.
    filter: RwSignal<TimelineFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let kinds = TimelineKind::all();
    let kinds2 = kinds.clone();
    let set_kind = move |v: String| {
        let k = kinds2.iter().copied().find(|k| kind_key(*k) == v);
        filter.update(|f| f.kinds = k.into_iter().collect());
    };
    let set_channel = move |v: String| {
        let c = Channel::ALL.iter().copied().find(|c| format!("{c:?}") == v);
        filter.update(|f| f.channels = c.into_iter().collect());
    };
    let set_stage = move |v: String| {
        filter.update(|f| f.stages = if v.is_empty() { vec![] } else { vec![v] });
    };
    let set_from = move |v: String| filter.update(|f| f.from = Timestamp::parse(&v));
    let set_until =
        move |v: String| filter.update(|f| f.until = Timestamp::parse(&v).map(|t| t.plus_days(1)));
    let date_value = |t: Option<Timestamp>| t.map(|t| t.date_string()).unwrap_or_default();
    view! {
        <div class="tl-tools">
            <fieldset class="tl-filters">
                <legend>{t!(i18n, timeline.filter)}</legend>
                <label class="field">
                    <span>{t!(i18n, common.tl_kind)}</span>
                    <select on:change=move |ev| set_kind(event_target_value(&ev))>
                        <option value="" selected=move || filter.read().kinds.is_empty()>
                            {t!(i18n, timeline.all_kinds)}
                        </option>
                        {kinds
                            .into_iter()
                            .map(|k| {
                                let key = kind_key(k);
                                view! {
                                    <option
                                        value=key
                                        selected=move || filter.read().kinds == vec![k]
                                    >
                                        {kind_label(i18n, k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, common.tl_channel)}</span>
                    <select on:change=move |ev| set_channel(event_target_value(&ev))>
                        <option value="" selected=move || filter.read().channels.is_empty()>
                            {t!(i18n, timeline.all_channels)}
                        </option>
                        {Channel::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option
                                        value=format!("{c:?}")
                                        selected=move || filter.read().channels == vec![c]
                                    >
                                        {channel_label(i18n, c)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, common.tl_stage)}</span>
                    <select on:change=move |ev| set_stage(event_target_value(&ev))>
                        <option value="" selected=move || filter.read().stages.is_empty()>
                            {t!(i18n, timeline.all_stages)}
                        </option>
                        {move || {
                            ws.settings
                                .get()
                                .journey_stages
                                .into_iter()
                                .map(|s| {
                                    let id = s.id.clone();
                                    let label = ws
                                        .settings
                                        .with_untracked(|st| journey_stage_label(i18n, st, &s.id));
                                    let id2 = id.clone();
                                    view! {
                                        <option
                                            value=id
                                            selected=move || filter.read().stages == vec![id2.clone()]
                                        >
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, timeline.from)}</span>
                    <input
                        type="date"
                        prop:value=move || date_value(filter.read().from)
                        on:change=move |ev| set_from(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>{t!(i18n, timeline.until)}</span>
                    <input
                        type="date"
                        prop:value=move || date_value(filter.read().until.map(|t| t.plus_days(-1)))
                        on:change=move |ev| set_until(event_target_value(&ev))
                    />
                </label>
                <button
                    type="button"
                    class="secondary"
                    disabled=move || filter.read().is_empty()
                    on:click=move |_| filter.set(TimelineFilter::default())
                >
                    {t!(i18n, timeline.clear)}
                </button>
            </fieldset>
        </div>
    }
}

/// "Go to date": calls `on_jump` with the chosen day.
#[component]
pub fn JumpToDate(
    /// Called with the day to scroll to.
    on_jump: Callback<Timestamp>,
) -> impl IntoView {
    let i18n = use_i18n();
    let jump_to = RwSignal::new(String::new());
    let jump_error = RwSignal::new(false);
    let jump = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Timestamp::parse(&jump_to.get_untracked()) {
            Some(day) => {
                jump_error.set(false);
                on_jump.run(day);
            }
            None => jump_error.set(true),
        }
    };
    view! {
        <form class="tl-jump" on:submit=jump>
            <label class="field">
                <span>{t!(i18n, timeline.jump_label)}</span>
                <input
                    type="date"
                    required
                    prop:value=jump_to
                    on:input=move |ev| jump_to.set(event_target_value(&ev))
                    aria-invalid=move || jump_error.get().then_some("true")
                />
            </label>
            <button type="submit" class="secondary">
                {t!(i18n, timeline.jump)}
            </button>
        </form>
    }
}
