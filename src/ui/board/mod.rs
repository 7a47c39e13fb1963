//! Pipeline board (this screen's first cut): per stage of the chosen pipeline, how
//! many deals are open, won and lost, read from the local database.

use crate::domain::records::{Deal, DealStatus, Pipeline};
use crate::i18n::*;
use crate::ui::common::{number_locale, use_workspace, Loading, ReadError};
use leptos::prelude::*;
use std::collections::HashMap;

/// Deal counts of one stage.
#[derive(Clone, Debug, Default, PartialEq)]
struct StageCounts {
    open: u64,
    won: u64,
    lost: u64,
}

/// The board screen.
#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let data = ws.read(|store| async move {
        let mut pipelines = store.records_of::<Pipeline>().await?;
        pipelines.sort_by(|a, b| a.0.cmp(&b.0));
        let mut counts: HashMap<(String, String), StageCounts> = HashMap::new();
        for (_, d) in store.records_of::<Deal>().await? {
            let c = counts.entry((d.pipeline_id, d.stage_id)).or_default();
            match d.status {
                DealStatus::Open => c.open += 1,
                DealStatus::Won => c.won += 1,
                DealStatus::Lost => c.lost += 1,
            }
        }
        Ok((pipelines, counts))
    });
    let selected = RwSignal::new(None::<String>);
    view! {
        <h1>{t!(i18n, board_title)}</h1>
        <Transition fallback=Loading>
            {move || data.get().map(|r| match r {
                Err(error) => view! { <ReadError error/> }.into_any(),
                Ok((pipelines, counts)) => {
                    if pipelines.is_empty() {
                        return view! { <p>{t!(i18n, no_pipelines)}</p> }.into_any();
                    }
                    let first = pipelines[0].0.clone();
                    let current_id = Signal::derive(move || selected.get().unwrap_or_else(|| first.clone()));
                    let options = pipelines.clone();
                    let current = move || {
                        let id = current_id.get();
                        pipelines.iter().find(|(pid, _)| *pid == id).cloned()
                    };
                    view! {
                        <label class="field">
                            <span>{t!(i18n, pipeline)}</span>
                            <select on:change=move |ev| selected.set(Some(event_target_value(&ev)))
                                prop:value=current_id>
                                {options.into_iter().map(|(id, p)| view! { <option value=id>{p.name}</option> }).collect_view()}
                            </select>
                        </label>
                        {move || current().map(|(pid, p)| {
                            let name = p.name.clone();
                            let counts = counts.clone();
                            view! {
                                <table class="board-stages">
                                    <caption>{t!(i18n, board_caption, name = name.clone())}</caption>
                                    <thead><tr>
                                        <th scope="col">{t!(i18n, stage)}</th>
                                        <th scope="col" class="num">{t!(i18n, probability)}</th>
                                        <th scope="col" class="num">{t!(i18n, open_deals)}</th>
                                        <th scope="col" class="num">{t!(i18n, won_deals)}</th>
                                        <th scope="col" class="num">{t!(i18n, lost_deals)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {p.stages.into_iter().map(|s| {
                                            let c = counts.get(&(pid.clone(), s.id.clone())).cloned().unwrap_or_default();
                                            let fmt = move |n: u64| move || number_locale(i18n).format_count(n);
                                            view! {
                                                <tr>
                                                    <th scope="row">{s.name}</th>
                                                    <td class="num">{format!("{} %", s.probability)}</td>
                                                    <td class="num">{fmt(c.open)}</td>
                                                    <td class="num">{fmt(c.won)}</td>
                                                    <td class="num">{fmt(c.lost)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                        })}
                    }.into_any()
                }.into_any(),
            })}
        </Transition>
    }
}
