//! Support settings: the business hours, UTC offset and holidays SLA clocks run
//! in, the targets per priority, and who receives support-qualified leads.
//! Saved in the settings document; a wrong field is named and nothing is saved.

use crate::domain::records::LeadAssignment;
use crate::domain::sla::{SlaField, SlaForm};
use crate::i18n::*;
use crate::ui::common::ticket_labels::priority_label;
use crate::ui::common::{store_error_message, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;

fn weekday(i18n: I18nContext<Locale>, d: usize) -> &'static str {
    match d {
        0 => t_string!(i18n, settings.wd_mon),
        1 => t_string!(i18n, settings.wd_tue),
        2 => t_string!(i18n, settings.wd_wed),
        3 => t_string!(i18n, settings.wd_thu),
        4 => t_string!(i18n, settings.wd_fri),
        5 => t_string!(i18n, settings.wd_sat),
        _ => t_string!(i18n, settings.wd_sun),
    }
}

fn field_error(i18n: I18nContext<Locale>, f: &SlaField) -> String {
    match f {
        SlaField::Day(d) => t_string!(i18n, settings.sla_err_day, day = weekday(i18n, *d)),
        SlaField::Week => t_string!(i18n, settings.sla_err_week).to_string(),
        SlaField::Offset => t_string!(i18n, settings.sla_err_offset).to_string(),
        SlaField::Holiday(line) => t_string!(i18n, settings.sla_err_holiday, line = line),
        SlaField::FirstResponse(_) | SlaField::Resolution(_) => {
            t_string!(i18n, settings.sla_err_target).to_string()
        }
    }
}

/// The support settings card.
#[component]
pub fn SupportSettings() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let form = RwSignal::new(SlaForm::of(&ws.settings.get_untracked().sla));
    let round_robin = RwSignal::new(false);
    let members = RwSignal::new(String::new());
    let load = move || {
        let s = ws.settings.get_untracked();
        form.set(SlaForm::of(&s.sla));
        match s.lead_assignment {
            LeadAssignment::AccountOwner => round_robin.set(false),
            LeadAssignment::RoundRobin { members: m } => {
                round_robin.set(true);
                members.set(m.join("\n"));
            }
        }
    };
    load();
    let wrong = RwSignal::new(None::<SlaField>);
    let status = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let sla = match form.with_untracked(SlaForm::settings) {
            Ok(s) => s,
            Err(f) => {
                status.set(Some(Err(field_error(i18n, &f))));
                wrong.set(Some(f));
                return;
            }
        };
        wrong.set(None);
        let names: Vec<String> = members
            .get_untracked()
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let lead_assignment = if round_robin.get_untracked() {
            if names.is_empty() {
                status.set(Some(Err(
                    t_string!(i18n, settings.sla_err_members).to_string()
                )));
                return;
            }
            LeadAssignment::RoundRobin { members: names }
        } else {
            LeadAssignment::AccountOwner
        };
        let mut next = ws.settings.get_untracked();
        next.sla = sla;
        next.lead_assignment = lead_assignment;
        spawn_local(async move {
            match ws.save_settings(next).await {
                Ok(()) => status.set(Some(Ok(t_string!(i18n, settings.sla_saved).to_string()))),
                Err(e) => status.set(Some(Err(store_error_message(i18n, &e)))),
            }
        });
    };
    let invalid =
        move |f: SlaField| move || wrong.with(|w| w.as_ref() == Some(&f)).then_some("true");
    view! {
        <section class="card" aria-labelledby="sla-h">
            <h2 id="sla-h">{t!(i18n, settings.sla_title)}</h2>
            <p class="muted">{t!(i18n, settings.sla_hint)}</p>
            <form on:submit=save novalidate>
                <fieldset>
                    <legend>{t!(i18n, settings.sla_hours)}</legend>
                    <div class="table-scroll">
                        <table class="rules hours">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, settings.sla_day)}</th>
                                    <th scope="col">{t!(i18n, settings.sla_open)}</th>
                                    <th scope="col">{t!(i18n, settings.sla_from)}</th>
                                    <th scope="col">{t!(i18n, settings.sla_to)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {(0..7)
                                    .map(|d| {
                                        let name = weekday(i18n, d);
                                        view! {
                                            <tr>
                                                <th scope="row">{name}</th>
                                                <td>
                                                    <input
                                                        type="checkbox"
                                                        aria-label=t_string!(i18n, settings.sla_open_on, day = name)
                                                        prop:checked=move || form.with(|f| f.days[d].open)
                                                        on:change=move |ev| {
                                                            form.update(|f| f.days[d].open = event_target_checked(&ev))
                                                        }
                                                    />
                                                </td>
                                                <td>
                                                    <input
                                                        type="text"
                                                        inputmode="numeric"
                                                        placeholder="HH:MM"
                                                        size="6"
                                                        aria-label=t_string!(i18n, settings.sla_from_on, day = name)
                                                        prop:value=move || form.with(|f| f.days[d].from.clone())
                                                        disabled=move || !form.with(|f| f.days[d].open)
                                                        aria-invalid=invalid(SlaField::Day(d))
                                                        on:input=move |ev| {
                                                            form.update(|f| f.days[d].from = event_target_value(&ev))
                                                        }
                                                    />
                                                </td>
                                                <td>
                                                    <input
                                                        type="text"
                                                        inputmode="numeric"
                                                        placeholder="HH:MM"
                                                        size="6"
                                                        aria-label=t_string!(i18n, settings.sla_to_on, day = name)
                                                        prop:value=move || form.with(|f| f.days[d].to.clone())
                                                        disabled=move || !form.with(|f| f.days[d].open)
                                                        aria-invalid=invalid(SlaField::Day(d))
                                                        on:input=move |ev| {
                                                            form.update(|f| f.days[d].to = event_target_value(&ev))
                                                        }
                                                    />
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                </fieldset>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, settings.sla_offset)}</span>
                        <input
                            type="text"
                            prop:value=move || form.with(|f| f.offset.clone())
                            aria-invalid=invalid(SlaField::Offset)
                            on:input=move |ev| form.update(|f| f.offset = event_target_value(&ev))
                        />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, settings.sla_holidays)}</span>
                        <textarea
                            rows="3"
                            placeholder="2027-02-05"
                            prop:value=move || form.with(|f| f.holidays.clone())
                            aria-invalid=move || {
                                wrong
                                    .with(|w| matches!(w, Some(SlaField::Holiday(_))))
                                    .then_some("true")
                            }
                            on:input=move |ev| form.update(|f| f.holidays = event_target_value(&ev))
                        ></textarea>
                    </label>
                </div>
                <fieldset>
                    <legend>{t!(i18n, settings.sla_targets)}</legend>
                    <div class="table-scroll">
                        <table class="rules">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, common.tk_priority)}</th>
                                    <th scope="col">{t!(i18n, settings.sla_first_h)}</th>
                                    <th scope="col">{t!(i18n, settings.sla_resolution_h)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {crate::domain::sla::SlaSettings::PRIORITIES
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, p)| {
                                        let name = priority_label(i18n, p);
                                        view! {
                                            <tr>
                                                <th scope="row">{name.clone()}</th>
                                                <td>
                                                    <input
                                                        type="text"
                                                        inputmode="decimal"
                                                        aria-label=t_string!(
                                                            i18n, settings.sla_first_for, p = name.clone()
                                                        )
                                                        prop:value=move || form.with(|f| f.targets[i].0.clone())
                                                        aria-invalid=invalid(SlaField::FirstResponse(i))
                                                        on:input=move |ev| {
                                                            form.update(|f| f.targets[i].0 = event_target_value(&ev))
                                                        }
                                                    />
                                                </td>
                                                <td>
                                                    <input
                                                        type="text"
                                                        inputmode="decimal"
                                                        aria-label=t_string!(
                                                            i18n, settings.sla_resolution_for, p = name.clone()
                                                        )
                                                        prop:value=move || form.with(|f| f.targets[i].1.clone())
                                                        aria-invalid=invalid(SlaField::Resolution(i))
                                                        on:input=move |ev| {
                                                            form.update(|f| f.targets[i].1 = event_target_value(&ev))
                                                        }
                                                    />
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="muted">{t!(i18n, settings.sla_targets_hint)}</p>
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, settings.sla_leads)}</legend>
                    <label class="radio">
                        <input
                            type="radio"
                            name="lead-rule"
                            prop:checked=move || !round_robin.get()
                            on:change=move |_| round_robin.set(false)
                        />
                        {t!(i18n, settings.sla_rule_owner)}
                    </label>
                    <label class="radio">
                        <input
                            type="radio"
                            name="lead-rule"
                            prop:checked=move || round_robin.get()
                            on:change=move |_| round_robin.set(true)
                        />
                        {t!(i18n, settings.sla_rule_rr)}
                    </label>
                    <label class="field">
                        <span>{t!(i18n, settings.sla_members)}</span>
                        <textarea
                            rows="3"
                            prop:value=move || members.get()
                            disabled=move || !round_robin.get()
                            on:input=move |ev| members.set(event_target_value(&ev))
                        ></textarea>
                    </label>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="primary">
                        {t!(i18n, settings.sla_save)}
                    </button>
                    <button
                        type="button"
                        on:click=move |_| {
                            load();
                            wrong.set(None);
                            status.set(None);
                        }
                    >
                        {t!(i18n, settings.sla_revert)}
                    </button>
                </div>
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
            </form>
        </section>
    }
}
