//! The dashboard's filter bar: date range (with quick ranges), segment and persona.

use crate::domain::dashboard::{DashboardFilter, DashboardIndex};
use crate::domain::journey::metrics::DateRange;
use crate::domain::Timestamp;
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

const DAY_MS: i64 = 86_400_000;

/// What the person chose; turned into a [`DashboardFilter`] by [`Choice::filter`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice {
    /// First day, `YYYY-MM-DD` (empty = open).
    pub from: String,
    /// Last day included, `YYYY-MM-DD` (empty = open).
    pub to: String,
    /// Segment name (empty = all).
    pub segment: String,
    /// Persona document id (empty = all).
    pub persona: String,
}

/// The local midnight starting `date` (`YYYY-MM-DD`) at `offset_min` east of UTC.
fn day_start(date: &str, offset_min: i32) -> Option<Timestamp> {
    let t = Timestamp::parse(date.trim()).filter(|_| date.trim().len() == 10)?;
    Some(t.plus_ms(-(offset_min as i64) * 60_000))
}

/// `t`'s local date at `offset_min`.
pub fn local_date(t: Timestamp, offset_min: i32) -> String {
    t.plus_ms(offset_min as i64 * 60_000).date_string()
}

impl Choice {
    /// The filter, or `Err` naming a date that cannot be read.
    /// The "to" day is included: the range ends at the next local midnight.
    pub fn filter(&self, offset_min: i32, now: Timestamp) -> Result<DashboardFilter, ()> {
        let side = |s: &str, plus_days| match s.trim() {
            "" => Ok(None),
            d => day_start(d, offset_min)
                .map(|t| Some(t.plus_ms(plus_days * DAY_MS)))
                .ok_or(()),
        };
        let range = DateRange {
            from: side(&self.from, 0)?,
            to: side(&self.to, 1)?,
        };
        if let (Some(f), Some(t)) = (range.from, range.to) {
            if t <= f {
                return Err(());
            }
        }
        Ok(DashboardFilter {
            range,
            segment: Some(self.segment.clone()).filter(|s| !s.is_empty()),
            persona: Some(self.persona.clone()).filter(|s| !s.is_empty()),
            now,
        })
    }

    /// The last `days` days up to today, or everything when `None`.
    pub fn last(&self, days: Option<i64>, now: Timestamp, offset_min: i32) -> Choice {
        Choice {
            from: days
                .map(|d| local_date(now.plus_ms(-(d - 1) * DAY_MS), offset_min))
                .unwrap_or_default(),
            to: days
                .map(|_| local_date(now, offset_min))
                .unwrap_or_default(),
            ..self.clone()
        }
    }
}

/// The bar of filters.
#[component]
pub fn FilterBar(
    /// The choice being edited.
    choice: RwSignal<Choice>,
    /// Whether the dates can be read.
    #[prop(into)]
    valid: Signal<bool>,
    /// The index, for segments and personas.
    #[prop(into)]
    index: Signal<Option<Arc<DashboardIndex>>>,
    /// Now, and the workspace offset (for quick ranges).
    now: Timestamp,
    /// Minutes east of UTC.
    offset_min: Signal<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let quick = move |days: Option<i64>| {
        choice.update(|c| *c = c.last(days, now, offset_min.get_untracked()))
    };
    view! {
        <form
            class="list-tools dash-filters"
            role="search"
            aria-label=move || t_string!(i18n, dashboard.filters)
            on:submit=|ev| ev.prevent_default()
        >
            <label class="field">
                <span>{t!(i18n, dashboard.from)}</span>
                <input
                    type="date"
                    prop:value=move || choice.with(|c| c.from.clone())
                    aria-invalid=move || (!valid.get()).then_some("true")
                    on:change=move |ev| choice.update(|c| c.from = event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>{t!(i18n, dashboard.to)}</span>
                <input
                    type="date"
                    prop:value=move || choice.with(|c| c.to.clone())
                    aria-invalid=move || (!valid.get()).then_some("true")
                    on:change=move |ev| choice.update(|c| c.to = event_target_value(&ev))
                />
            </label>
            <div
                class="quick-ranges"
                role="group"
                aria-label=move || t_string!(i18n, dashboard.quick)
            >
                <button type="button" on:click=move |_| quick(Some(30))>
                    {t!(i18n, dashboard.dash_30d)}
                </button>
                <button type="button" on:click=move |_| quick(Some(90))>
                    {t!(i18n, dashboard.dash_90d)}
                </button>
                <button type="button" on:click=move |_| quick(Some(365))>
                    {t!(i18n, dashboard.dash_12m)}
                </button>
                <button type="button" on:click=move |_| quick(None)>
                    {t!(i18n, dashboard.all)}
                </button>
            </div>
            <label class="field">
                <span>{t!(i18n, common.field_segment)}</span>
                <select
                    prop:value=move || choice.with(|c| c.segment.clone())
                    on:change=move |ev| choice.update(|c| c.segment = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, dashboard.all_segments)}</option>
                    {move || {
                        index
                            .get()
                            .map(|ix| {
                                ix.segments()
                                    .into_iter()
                                    .map(|s| view! { <option value=s.clone()>{s.clone()}</option> })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, dashboard.persona)}</span>
                <select
                    prop:value=move || choice.with(|c| c.persona.clone())
                    on:change=move |ev| choice.update(|c| c.persona = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, dashboard.all_personas)}</option>
                    {move || {
                        index
                            .get()
                            .map(|ix| {
                                ix.personas()
                                    .into_iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <option value=id.to_string()>{name.to_string()}</option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
        </form>
        {move || {
            (!valid.get())
                .then(|| {
                    view! {
                        <p class="error" role="alert">
                            {t!(i18n, dashboard.bad_range)}
                        </p>
                    }
                })
        }}
    }
}
