//! CSV import: choose what the file holds and the file, check the column
//! mapping, see every problem row before anything is written, then import all
//! or nothing, or only the valid rows (and download the rejected ones).

mod labels;

use crate::actions::import::{check, commit, context, Checked};
use crate::domain::import::{fields, guess_mapping, parse, rejected_csv, ImportKind, Table};
use crate::i18n::*;
use crate::ui::common::{download, number_locale, store_error_message, use_workspace};
use labels::{import_field, kind_label, problem_text, table_error};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// How many rejected rows are listed on screen (all of them go into the download).
const SHOWN_REJECTS: usize = 200;

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    Checking(usize, usize),
    Checked,
    Writing(usize),
    Done(usize),
    Failed(String),
}

async fn read_file(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buf).to_vec()))
}

/// The import screen: `/customers/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let kind = RwSignal::new(ImportKind::Contacts);
    let file_name = RwSignal::new(String::new());
    let table = RwSignal::new(None::<Arc<Table>>);
    let file_error = RwSignal::new(None::<String>);
    let mapping = RwSignal::new(Vec::<Option<usize>>::new());
    let checked = StoredValue::new_local(None::<Checked>);
    let summary = RwSignal::new(None::<(usize, usize, usize, Vec<(u64, String)>)>);
    let phase = RwSignal::new(Phase::Idle);
    let all_or_nothing = RwSignal::new(true);
    let run_id = StoredValue::new(0u64);

    // Re-check whenever the table, kind or mapping changes.
    let recheck = move || {
        let Some(t) = table.get_untracked() else {
            return;
        };
        let Some(actor) = ws.actor() else { return };
        let map = mapping.get_untracked();
        let k = kind.get_untracked();
        run_id.update_value(|n| *n += 1);
        let me = run_id.get_value();
        summary.set(None);
        checked.set_value(None);
        phase.set(Phase::Checking(0, t.rows.len()));
        spawn_local(async move {
            let locale = number_locale(i18n);
            let settings = ws.settings.get_untracked();
            let ctx = match context(&actor, &settings, locale).await {
                Ok(c) => c,
                Err(e) => return phase.set(Phase::Failed(store_error_message(i18n, &e))),
            };
            let result = check(&t, k, map, ctx, |done, total| {
                if run_id.get_value() == me {
                    phase.set(Phase::Checking(done, total));
                }
            })
            .await;
            if run_id.get_value() != me {
                return; // a newer check superseded this one
            }
            let shown = result
                .rejected
                .iter()
                .take(SHOWN_REJECTS)
                .map(|r| {
                    let reasons = r
                        .errors
                        .iter()
                        .map(|e| {
                            format!(
                                "{} {}",
                                import_field(i18n, e.field),
                                problem_text(i18n, e.problem)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    (r.line, reasons)
                })
                .collect();
            summary.set(Some((
                result.accepted,
                result.rejected.len(),
                result.new_accounts,
                shown,
            )));
            checked.set_value(Some(result));
            phase.set(Phase::Checked);
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        spawn_local(async move {
            table.set(None);
            summary.set(None);
            file_error.set(None);
            phase.set(Phase::Idle);
            let Some((name, bytes)) = read_file(&input).await else {
                return;
            };
            file_name.set(name);
            match parse(&bytes) {
                Ok(t) => {
                    mapping.set(guess_mapping(kind.get_untracked(), &t.headers));
                    table.set(Some(Arc::new(t)));
                    recheck();
                }
                Err(e) => file_error.set(Some(table_error(i18n, &e))),
            }
        });
    };
    let set_kind = move |k: ImportKind| {
        kind.set(k);
        if let Some(t) = table.get_untracked() {
            mapping.set(guess_mapping(k, &t.headers));
            recheck();
        }
    };
    let download_rejected = move || {
        let Some(t) = table.get_untracked() else {
            return;
        };
        checked.with_value(|c| {
            if let Some(c) = c {
                let text = rejected_csv(
                    &t,
                    &c.rejected,
                    |e| {
                        format!(
                            "{} {}",
                            import_field(i18n, e.field),
                            problem_text(i18n, e.problem)
                        )
                    },
                    t_string!(i18n, import.reason_col),
                );
                download(
                    "waypoint-rejected-rows.csv",
                    "text/csv;charset=utf-8",
                    &text,
                );
            }
        });
    };
    let import = move |_| {
        let Some(actor) = ws.actor() else { return };
        let Some(c) = checked.with_value(|c| c.clone()) else {
            return;
        };
        if all_or_nothing.get_untracked() && !c.rejected.is_empty() {
            let n = number_locale(i18n).format_count(c.rejected.len() as u64);
            phase.set(Phase::Failed(t_string!(
                i18n,
                import.refused,
                count = c.rejected.len(),
                n = n
            )));
            return;
        }
        let rows = c.accepted;
        let had_rejects = !c.rejected.is_empty();
        phase.set(Phase::Writing(rows));
        spawn_local(async move {
            // One transaction: every planned document is written, or none is.
            match commit(&actor, c).await {
                Ok(_) => {
                    phase.set(Phase::Done(rows));
                    if had_rejects {
                        download_rejected();
                    }
                }
                Err(e) => phase.set(Phase::Failed(store_error_message(i18n, &e))),
            }
        });
    };
    let count = move |n: usize| number_locale(i18n).format_count(n as u64);
    view! {
        <p>
            <A href="/customers">{t!(i18n, common.back_to_customers)}</A>
        </p>
        <h1>{t!(i18n, import.title)}</h1>
        <section class="import-step" aria-labelledby="imp-file-h">
            <h2 id="imp-file-h">{t!(i18n, import.step_file)}</h2>
            <label class="field">
                <span>{t!(i18n, import.kind_label)}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(k) = ImportKind::ALL.into_iter().find(|k| format!("{k:?}") == v) {
                        set_kind(k)
                    }
                }>
                    {ImportKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=format!("{k:?}") selected=move || kind.get() == k>
                                    {kind_label(i18n, k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, import.file_label)}</span>
                <input type="file" accept=".csv,text/csv,text/plain" on:change=on_file />
            </label>
            <p class="muted">{t!(i18n, import.file_hint)}</p>
            {move || {
                file_error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="error" role="alert">
                                {e}
                            </p>
                        }
                    })
            }}
            {move || {
                table
                    .get()
                    .map(|t| {
                        let (row_count, cols_count) = (t.rows.len(), t.headers.len());
                        let (rows, cols) = (count(row_count), count(cols_count));
                        view! {
                            <p role="status">
                                {t!(
                                    i18n, import.file_read, name = file_name.get(), rows_count = move || row_count, rows = rows, cols_count = move || cols_count, cols = cols
                                )}
                            </p>
                        }
                    })
            }}
        </section>
        {move || {
            table
                .get()
                .map(|t| {
                    let headers = t.headers.clone();
                    let first = t.rows.first().cloned().unwrap_or_default();
                    view! {
                        <section class="import-step" aria-labelledby="imp-map-h">
                            <h2 id="imp-map-h">{t!(i18n, import.step_map)}</h2>
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, import.col_field)}</th>
                                        <th scope="col">{t!(i18n, import.col_column)}</th>
                                        <th scope="col">{t!(i18n, import.col_example)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        fields(kind.get())
                                            .iter()
                                            .enumerate()
                                            .map(|(fi, f)| {
                                                let label = format!(
                                                    "{}{}",
                                                    import_field(i18n, f.key),
                                                    if f.required { " *" } else { "" },
                                                );
                                                let headers = headers.clone();
                                                let first = first.clone();
                                                let example = move || {
                                                    mapping
                                                        .with(|m| m.get(fi).copied().flatten())
                                                        .and_then(|c| first.get(c).cloned())
                                                        .unwrap_or_default()
                                                };
                                                let aria = label.clone();
                                                view! {
                                                    <tr>
                                                        <th scope="row">{label}</th>
                                                        <td>
                                                            <select
                                                                aria-label=aria
                                                                on:change=move |ev| {
                                                                    let v = event_target_value(&ev);
                                                                    mapping
                                                                        .update(|m| {
                                                                            if let Some(slot) = m.get_mut(fi) {
                                                                                *slot = v.parse().ok();
                                                                            }
                                                                        });
                                                                    recheck();
                                                                }
                                                            >
                                                                <option
                                                                    value=""
                                                                    selected=move || {
                                                                        mapping.with(|m| m.get(fi).copied().flatten().is_none())
                                                                    }
                                                                >
                                                                    {t!(i18n, import.not_imported)}
                                                                </option>
                                                                {headers
                                                                    .iter()
                                                                    .enumerate()
                                                                    .map(|(ci, h)| {
                                                                        view! {
                                                                            <option
                                                                                value=ci.to_string()
                                                                                selected=move || {
                                                                                    mapping.with(|m| m.get(fi).copied().flatten() == Some(ci))
                                                                                }
                                                                            >
                                                                                {h.clone()}
                                                                            </option>
                                                                        }
                                                                    })
                                                                    .collect_view()}
                                                            </select>
                                                        </td>
                                                        <td class="muted">{example}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </tbody>
                            </table>
                        </section>
                    }
                })
        }}
        <section class="import-step" aria-labelledby="imp-check-h">
            <h2 id="imp-check-h">{t!(i18n, import.step_check)}</h2>
            {move || match phase.get() {
                Phase::Checking(done, total) => {
                    view! {
                        <progress
                            max=total
                            value=done
                            aria-label=move || t_string!(i18n, import.checking)
                        ></progress>
                        <p role="status">
                            {t!(
                                i18n, import.checking_n, done = count(done), count = move || total, total = count(total)
                            )}
                        </p>
                    }
                        .into_any()
                }
                Phase::Writing(n) => {
                    view! {
                        <progress aria-label=move || t_string!(i18n, import.writing)></progress>
                        <p role="status">
                            {t!(i18n, import.writing_n, count = move || n, n = count(n))}
                        </p>
                    }
                        .into_any()
                }
                Phase::Done(n) => {
                    view! {
                        <p role="status" class="ok">
                            {t!(i18n, import.done, count = move || n, n = count(n))}
                        </p>
                    }
                        .into_any()
                }
                Phase::Failed(m) => {
                    view! {
                        <p role="alert" class="error">
                            {m}
                        </p>
                    }
                        .into_any()
                }
                Phase::Idle | Phase::Checked => ().into_any(),
            }}
            {move || {
                summary
                    .get()
                    .map(|(ok, bad, new_accounts, shown)| {
                        view! {
                            <p role="status">
                                {t!(
                                    i18n, import.summary, ok_count = move || ok, ok = count(ok), bad_count = move || bad, bad = count(bad)
                                )}
                            </p>
                            {(new_accounts > 0)
                                .then(|| {
                                    view! {
                                        <p class="muted">
                                            {t!(
                                                i18n, import.new_accounts, count = move || new_accounts, n = count(new_accounts)
                                            )}
                                        </p>
                                    }
                                })}
                            {(bad > 0)
                                .then(|| {
                                    view! {
                                        <table class="rejects">
                                            <caption>{t!(i18n, import.rejects_caption)}</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t!(i18n, import.col_line)}</th>
                                                    <th scope="col">{t!(i18n, import.col_problem)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {shown
                                                    .into_iter()
                                                    .map(|(line, why)| {
                                                        view! {
                                                            <tr>
                                                                <th scope="row" class="num">
                                                                    {line}
                                                                </th>
                                                                <td>{why}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                        {(bad > SHOWN_REJECTS)
                                            .then(|| {
                                                view! {
                                                    <p class="muted">
                                                        {t!(
                                                            i18n, import.more_rejects, n = count(bad - SHOWN_REJECTS)
                                                        )}
                                                    </p>
                                                }
                                            })}
                                        <button
                                            type="button"
                                            class="secondary"
                                            on:click=move |_| download_rejected()
                                        >
                                            {t!(i18n, import.download_rejects)}
                                        </button>
                                    }
                                })}
                            <fieldset class="choice">
                                <legend>{t!(i18n, import.mode)}</legend>
                                <label class="check">
                                    <input
                                        type="radio"
                                        name="imp-mode"
                                        prop:checked=move || all_or_nothing.get()
                                        on:change=move |_| all_or_nothing.set(true)
                                    />
                                    {t!(i18n, import.mode_all)}
                                </label>
                                <label class="check">
                                    <input
                                        type="radio"
                                        name="imp-mode"
                                        prop:checked=move || !all_or_nothing.get()
                                        on:change=move |_| all_or_nothing.set(false)
                                    />
                                    {t!(i18n, import.mode_valid)}
                                </label>
                            </fieldset>
                            <button
                                type="button"
                                class="primary"
                                on:click=import
                                disabled=move || {
                                    ok == 0
                                        || matches!(phase.get(), Phase::Writing(_) | Phase::Done(_))
                                }
                            >
                                {t!(i18n, import.go, count = move || ok, n = count(ok))}
                            </button>
                        }
                    })
            }}
        </section>
    }
}
