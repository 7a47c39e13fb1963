//! A customer's journey as it happened: every stage entered, in order, with
//! back-moves and repeats marked; the last one is the current stage.

use crate::domain::stages::StagePath;
use crate::i18n::*;
use crate::ui::common::date;
use crate::ui::common::journey_stage_label;
use crate::ui::common::use_workspace;
use leptos::prelude::*;

/// The stage path as an ordered list.
#[component]
pub fn StagePathView(
    /// The derived path.
    path: StagePath,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    if path.steps.is_empty() {
        return view! { <p class="muted">{t!(i18n, customers.path_none)}</p> }.into_any();
    }
    let order: Vec<String> = ws
        .settings
        .with_untracked(|s| s.journey_stages.iter().map(|s| s.id.clone()).collect());
    let pos = |id: &str| order.iter().position(|s| s == id);
    let last = path.steps.len() - 1;
    let steps = path.steps.clone();
    let items = steps
        .iter()
        .enumerate()
        .map(|(i, (stage, at))| {
            let label = ws
                .settings
                .with_untracked(|s| journey_stage_label(i18n, s, stage));
            let prev = i.checked_sub(1).map(|p| steps[p].0.as_str());
            let back = matches!((prev.and_then(pos), pos(stage)), (Some(a), Some(b)) if b < a);
            let repeat = steps[..i].iter().any(|(s, _)| s == stage) && !back;
            let class = if i == last {
                "path-step current"
            } else {
                "path-step"
            };
            view! {
                <li class=class aria-current=(i == last).then_some("step")>
                    <span class="path-stage">{label}</span>
                    <span class="muted path-date">{date(i18n, *at)}</span>
                    {back
                        .then(|| {
                            view! {
                                <span class="badge warn">{t!(i18n, customers.path_back)}</span>
                            }
                        })}
                    {repeat
                        .then(|| {
                            view! { <span class="badge">{t!(i18n, customers.path_repeat)}</span> }
                        })}
                </li>
            }
        })
        .collect_view();
    let current = path
        .current()
        .map(|c| {
            ws.settings
                .with_untracked(|s| journey_stage_label(i18n, s, c))
        })
        .unwrap_or_default();
    let days = path
        .days_in_current(crate::ui::common::now())
        .unwrap_or(0)
        .max(0);
    view! {
        <p class="path-current">
            {t!(
                i18n, customers.path_current, stage = current, count = move || days, days = crate::ui::common::number_locale(i18n).format_count(days as u64)
            )}
        </p>
        <ol class="stage-path" aria-label=move || t_string!(i18n, customers.path_label)>
            {items}
        </ol>
    }
    .into_any()
}
