//! Won and lost: outcomes, not columns. Each is a drop target showing the
//! filtered count and value of deals closed that way.

use super::state::use_board;
use super::state::DropAt;
use crate::i18n::*;
use crate::ui::common::money;
use crate::ui::common::number_locale;
use leptos::prelude::*;

/// The two outcome drop zones.
#[component]
pub fn Outcomes() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let cur = move || state.ws.settings.with(|s| s.currency);
    let zone = move |won: bool| {
        let totals = Memo::new(move |_| {
            state.model.with(|m| {
                m.as_ref()
                    .map(|m| {
                        let (w, l) = m.outcomes();
                        if won {
                            w.clone()
                        } else {
                            l.clone()
                        }
                    })
                    .unwrap_or_default()
            })
        });
        let target = move || {
            state.moving.with(|m| {
                m.as_ref()
                    .is_some_and(|m| m.at == Some(if won { DropAt::Won } else { DropAt::Lost }))
            })
        };
        let heading_id = if won { "outcome-won" } else { "outcome-lost" };
        view! {
            <section
                class="outcome"
                class:won=won
                class:lost=!won
                class:target=target
                data-drop=if won { "won" } else { "lost" }
                aria-labelledby=heading_id
            >
                <h2 id=heading_id>
                    {move || {
                        if won {
                            t_string!(i18n, common.outcome_won)
                        } else {
                            t_string!(i18n, common.outcome_lost)
                        }
                    }}
                </h2>
                <p>
                    {move || {
                        let c = totals.get().count;
                        let n = number_locale(i18n).format_count(c);
                        t!(i18n, board.deal_count, count = move || c, n = n)
                    }}
                </p>
                <p>
                    <strong>{move || money(i18n, totals.get().amounts.value(cur()))}</strong>
                </p>
                <p class="muted">
                    {move || {
                        if won {
                            t_string!(i18n, board.outcome_drop_won)
                        } else {
                            t_string!(i18n, board.outcome_drop_lost)
                        }
                    }}
                </p>
            </section>
        }
    };
    view! { <div class="outcomes">{zone(true)}{zone(false)}</div> }
}
