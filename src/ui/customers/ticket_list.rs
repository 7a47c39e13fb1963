//! A customer's tickets as a short list: subject, status, and the SLA clock
//! that needs attention (time left, breached or met), counting down while shown.

use crate::domain::records::Ticket;
use crate::domain::sla::SlaClock;
use crate::domain::support::pauses;
use crate::i18n::*;
use crate::ui::common::routes;
use crate::ui::common::ticket_labels::{clock_class, clock_text, status_label};
use crate::ui::common::use_ticking_now;
use crate::ui::common::{now, use_workspace};
use leptos::prelude::*;
use leptos_router::components::A;

/// The tickets of a contact or an account, each with its headline SLA clock
/// (see [`crate::domain::sla::TicketClocks::headline`]); "None." when empty.
#[component]
pub fn TicketList(
    /// `(document id, ticket)` pairs, in the order to show.
    #[prop(into)]
    tickets: Signal<Vec<(String, Ticket)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let tick = use_ticking_now();
    // Rows are rebuilt only when the tickets change; the clock tick updates
    // each badge's text and class in place, so focus and reading position stay.
    move || {
        let list = tickets.get();
        if list.is_empty() {
            return view! { <p class="muted">{t!(i18n, customers.related_none)}</p> }.into_any();
        }
        view! {
            <ul class="plain ticket-list">
                {list
                    .into_iter()
                    .map(|(id, t)| {
                        let href = routes::ticket(&id);
                        let status = status_label(i18n, t.current_status());
                        let subject = t.subject.clone();
                        let paused = pauses(&t);
                        let headline = Memo::new(move |_| {
                            let policy = ws.settings.with(|s| s.sla.policy().unwrap_or_default());
                            let at = tick.get().max(now());
                            policy.clocks(&t, &paused, at).headline()
                        });
                        let badge = move || {
                            let (which, state) = headline.get();
                            let clock = match which {
                                SlaClock::FirstResponse => t_string!(i18n, common.tk_first_response),
                                SlaClock::Resolution => t_string!(i18n, common.tk_resolution),
                            };
                            t_string!(
                                i18n, customers.tk_clock_of, clock = clock, state = clock_text(i18n, &state)
                            )
                        };
                        // The tick may be older than a change just loaded: never look back in time.
                        view! {
                            <li>
                                <A href=href>{subject}</A>
                                " · "
                                {status}
                                " "
                                <span class=move || clock_class(&headline.get().1)>{badge}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    }
}
