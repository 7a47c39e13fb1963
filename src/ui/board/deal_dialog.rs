//! The deal dialog: edit a deal's fields with errors beside each field, see its
//! stage history (every move, back-moves and skips included) and activities,
//! mark it won or lost, or create a new deal in a column.

use super::labels::stage_name;
use super::state::use_board;
use super::state::DealDialog as Open;
use crate::domain::board::{deal_history, rank, BoardModel, Card, MoveTarget, StepKind};
use crate::domain::money::{Currency, Money};
use crate::domain::records::{Activity, Deal, DealStatus, StageTransition, TransitionSubject};
use crate::domain::validate::ErrorCode;
use crate::domain::{Doc, Record, RecordType, Timestamp};
use crate::i18n::*;
use crate::ui::common::date;
use crate::ui::common::Reads;
use crate::ui::common::{
    activity_kind_label, new_local_id, now, number_locale, store_error_message,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// Form fields as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    title: String,
    amount: String,
    currency: String,
    probability: String,
    owner: String,
    close: String,
}

/// The modal deal dialog; opens when [`BoardState::open_deal`] is set.
#[component]
pub fn DealDialog() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let form = RwSignal::new(Form::default());
    let errors = RwSignal::new(HashMap::<&'static str, String>::new());
    let save_error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let current = move || -> Option<Card> {
        match state.open_deal.get()? {
            Open::Existing(id) => state.model.with(|m| m.as_ref()?.card(&id).cloned()),
            Open::New(_) => None,
        }
    };
    // Open/close the native dialog and fill the form.
    Effect::new(move |_| {
        let open = state.open_deal.get();
        let Some(d) = dialog.get() else { return };
        match open {
            Some(which) => {
                let f = match &which {
                    Open::Existing(id) => state
                        .model
                        .with_untracked(|m| m.as_ref().and_then(|m| m.card(id).cloned()))
                        .map(|c| form_of(&c.deal, i18n))
                        .unwrap_or_default(),
                    Open::New(_) => Form {
                        currency: state
                            .ws
                            .settings
                            .with_untracked(|s| s.currency)
                            .code()
                            .into(),
                        owner: state.ws.author.get_untracked(),
                        ..Form::default()
                    },
                };
                form.set(f);
                errors.set(HashMap::new());
                save_error.set(None);
                saved.set(false);
                if !d.open() {
                    let _ = d.show_modal();
                }
            }
            None => {
                if d.open() {
                    d.close();
                }
            }
        }
    });
    let title = move || match state.open_deal.get() {
        Some(Open::New(col)) => {
            let stage = state.model.with(|m| {
                m.as_ref()
                    .map(|m| m.stage(col).name.clone())
                    .unwrap_or_default()
            });
            t_string!(i18n, board.deal_new_in, stage = stage)
        }
        _ => current().map(|c| c.deal.title).unwrap_or_default(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(which) = state.open_deal.get_untracked() else {
            return;
        };
        let f = form.get_untracked();
        let base = match &which {
            Open::Existing(id) => state
                .model
                .with_untracked(|m| m.as_ref().and_then(|m| m.card(id).cloned())),
            Open::New(col) => state
                .model
                .with_untracked(|m| m.as_ref().map(|m| new_card(m, *col))),
        };
        let Some(mut card) = base else { return };
        let mut errs = HashMap::new();
        apply_form(&f, &mut card.deal, i18n, &mut errs);
        for e in card.deal.validate().0 {
            let key = match e.field.as_str() {
                "title" => "title",
                "value.amount" => "amount",
                "probability" => "probability",
                _ => "form",
            };
            errs.entry(key)
                .or_insert_with(|| code_message(i18n, e.code));
        }
        if !errs.is_empty() {
            errors.set(errs);
            return;
        }
        errors.set(HashMap::new());
        spawn_local(async move {
            let transition = match &which {
                Open::New(_) => {
                    // A fresh id per deal (the workspace's own id is one per database).
                    let local = new_local_id("d");
                    card.id = Deal::TYPE.doc_id(&local);
                    Some((
                        format!("{local}-s0"),
                        StageTransition {
                            subject: TransitionSubject::Deal,
                            subject_id: card.id.clone(),
                            account_id: card.deal.account_id.clone(),
                            from_stage: None,
                            to_stage: card.deal.stage_id.clone(),
                            occurred_at: now(),
                            by: state.ws.author.get_untracked(),
                            extra: Default::default(),
                        },
                    ))
                }
                Open::Existing(_) => None,
            };
            match state.save_deal(card, transition).await {
                Ok(()) => {
                    saved.set(true);
                    if matches!(which, Open::New(_)) {
                        state.open_deal.set(None);
                    }
                }
                Err(e) => save_error.set(Some(store_error_message(i18n, &e))),
            }
        });
    };
    let field_error = move |k: &'static str| move || errors.with(|e| e.get(k).cloned());
    let input = move |k: &'static str, label: String, kind: &'static str| {
        let id = format!("deal-{k}");
        let err_id = format!("deal-{k}-err");
        let for_id = id.clone();
        let err_ref = err_id.clone();
        view! {
            <label class="field" for=for_id>
                <span>{label}</span>
                <input
                    id=id
                    type=kind
                    aria-describedby=err_ref
                    aria-invalid=move || field_error(k)().is_some().to_string()
                    prop:value=move || form.with(|f| get(f, k))
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| set(f, k, v))
                    }
                />
                <span id=err_id class="error field-error">
                    {field_error(k)}
                </span>
            </label>
        }
    };
    let close = move |_| state.open_deal.set(None);
    let is_open = Memo::new(move |_| state.open_deal.with(Option::is_some));
    view! {
        <dialog
            node_ref=dialog
            class="dialog deal-dialog"
            aria-labelledby="deal-h"
            on:close=move |_| state.open_deal.set(None)
        >
            // Contents exist only while open: a closed dialog costs the board nothing.
            {move || {
                is_open
                    .get()
                    .then(|| {
                        view! {
                            <div class="dialog-head">
                                <h2 id="deal-h">{title}</h2>
                                {move || match state.open_deal.get() {
                                    Some(Open::Existing(id)) => {
                                        Some(
                                            view! { <crate::ui::common::FollowButton subject_id=id /> },
                                        )
                                    }
                                    _ => None,
                                }}
                                <button
                                    type="button"
                                    aria-label=move || t_string!(i18n, common.close)
                                    on:click=close
                                >
                                    "×"
                                </button>
                            </div>
                            <form novalidate on:submit=submit class="deal-form">
                                {move || input(
                                    "title",
                                    t_string!(i18n, common.field_title).to_string(),
                                    "text",
                                )}
                                <div class="field-row">
                                    {move || input(
                                        "amount",
                                        t_string!(i18n, common.field_value).to_string(),
                                        "text",
                                    )} <label class="field">
                                        <span>{t!(i18n, common.field_currency)}</span>
                                        <select
                                            prop:value=move || form.with(|f| f.currency.clone())
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                form.update(|f| f.currency = v)
                                            }
                                        >
                                            {Currency::ALL
                                                .into_iter()
                                                .map(|c| {
                                                    view! { <option value=c.code()>{c.code()}</option> }
                                                })
                                                .collect_view()}
                                        </select>
                                    </label>
                                    {move || input(
                                        "probability",
                                        t_string!(i18n, board.deal_probability).to_string(),
                                        "number",
                                    )}
                                </div>
                                <div class="field-row">
                                    {move || input(
                                        "owner",
                                        t_string!(i18n, common.field_owner).to_string(),
                                        "text",
                                    )}
                                    {move || input(
                                        "close",
                                        t_string!(i18n, board.deal_expected_close).to_string(),
                                        "date",
                                    )}
                                </div>
                                <p class="error" role="alert">
                                    {field_error("form")}
                                    {move || save_error.get()}
                                </p>
                                {move || {
                                    saved
                                        .get()
                                        .then(|| {
                                            view! {
                                                <p class="ok" role="status">
                                                    {t!(i18n, board.deal_saved)}
                                                </p>
                                            }
                                        })
                                }}
                                <div class="actions">
                                    <button type="submit" class="primary">
                                        {t!(i18n, board.deal_save)}
                                    </button>
                                    {move || match state.open_deal.get() {
                                        Some(
                                            Open::Existing(id),
                                        ) if current()
                                            .is_some_and(|c| c.deal.status == DealStatus::Open) => {
                                            let won_id = id.clone();
                                            Some(
                                                view! {
                                                    <button
                                                        type="button"
                                                        on:click=move |_| {
                                                            state.open_deal.set(None);
                                                            state.commit(vec![won_id.clone()], MoveTarget::Won);
                                                        }
                                                    >
                                                        {t!(i18n, board.deal_mark_won)}
                                                    </button>
                                                    <button
                                                        type="button"
                                                        class="destructive"
                                                        on:click=move |_| {
                                                            state.open_deal.set(None);
                                                            state.lost_prompt.set(Some(vec![id.clone()]));
                                                        }
                                                    >
                                                        {t!(i18n, board.deal_mark_lost)}
                                                    </button>
                                                }
                                                    .into_any(),
                                            )
                                        }
                                        _ => None,
                                    }}
                                </div>
                            </form>
                            {move || match state.open_deal.get() {
                                Some(Open::Existing(id)) => Some(view! { <DealHistory id /> }),
                                _ => None,
                            }}
                        }
                    })
            }}
        </dialog>
    }
}

/// Stage history and activities of one deal, read from the store.
#[component]
fn DealHistory(
    /// Deal document id.
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let account = state.model.with_untracked(|m| {
        m.as_ref()
            .and_then(|m| m.card(&id))
            .and_then(|c| c.deal.account_id.clone())
    });
    let deal_id = id.clone();
    let data = state.ws.read(
        Reads::types(&[
            RecordType::Deal,
            RecordType::Activity,
            RecordType::StageTransition,
            RecordType::RecordChange,
            RecordType::Account,
            RecordType::Contact,
        ]),
        move |store| {
            let account = account.clone();
            let deal_id = deal_id.clone();
            async move {
                let docs: Vec<Doc> = match &account {
                    Some(a) => store.by_account(a).await?,
                    None => store.all_of_type(RecordType::StageTransition).await?,
                };
                let mut transitions = Vec::new();
                let mut activities = Vec::new();
                for d in docs {
                    match d.record_type() {
                        Some(RecordType::StageTransition) => {
                            if let Ok(t) = d.record::<StageTransition>() {
                                if t.subject_id == deal_id {
                                    transitions.push(t);
                                }
                            }
                        }
                        Some(RecordType::Activity) => {
                            if let Ok(a) = d.record::<Activity>() {
                                if a.deal_id.as_deref() == Some(deal_id.as_str()) {
                                    activities.push(a);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                activities.sort_by_key(|a| std::cmp::Reverse(a.occurred_at));
                Ok((transitions, activities))
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                data.get()
                    .map(|r| match r {
                        Err(e) => {
                            view! {
                                <p class="error" role="alert">
                                    {store_error_message(i18n, &e)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok((transitions, activities)) => {
                            let steps = state
                                .model
                                .with_untracked(|m| {
                                    m.as_ref()
                                        .map(|m| {
                                            deal_history(m.pipeline(), &transitions)
                                                .into_iter()
                                                .rev()
                                                .map(|s| {
                                                    let from = s
                                                        .from
                                                        .as_deref()
                                                        .map(|f| stage_name(i18n, m, f));
                                                    let to = stage_name(i18n, m, &s.to);
                                                    (s, from, to)
                                                })
                                                .collect::<Vec<_>>()
                                        })
                                        .unwrap_or_default()
                                });
                            view! {
                                <section class="deal-history" aria-labelledby="hist-h">
                                    <h3 id="hist-h">{t!(i18n, board.deal_history)}</h3>
                                    {steps
                                        .is_empty()
                                        .then(|| {
                                            view! {
                                                <p class="muted">{t!(i18n, board.deal_history_empty)}</p>
                                            }
                                        })}
                                    <ol class="history" reversed>
                                        {steps
                                            .into_iter()
                                            .map(|(s, from, to)| {
                                                let kind = step_label(i18n, s.kind);
                                                let when = date(i18n, s.at);
                                                let by = if s.by.is_empty() {
                                                    "—".to_string()
                                                } else {
                                                    s.by.clone()
                                                };
                                                let path = match from {
                                                    Some(f) => format!("{f} → {to}"),
                                                    None => format!("→ {to}"),
                                                };
                                                view! {
                                                    <li class=format!("step {}", step_class(s.kind))>
                                                        <span class="step-path">{path}</span>
                                                        <span class="step-kind">{kind}</span>
                                                        <span class="muted">{when}" · "{by}</span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                    <h3>{t!(i18n, board.deal_activities)}</h3>
                                    {activities
                                        .is_empty()
                                        .then(|| {
                                            view! {
                                                <p class="muted">{t!(i18n, board.deal_activities_empty)}</p>
                                            }
                                        })}
                                    <ul class="activities">
                                        {activities
                                            .into_iter()
                                            .take(50)
                                            .map(|a| {
                                                let when = date(i18n, a.occurred_at);
                                                view! {
                                                    <li>
                                                        <strong>{activity_kind_label(i18n, a.kind)}</strong>
                                                        " · "
                                                        <span class="muted">{when}" · "{a.author}</span>
                                                        <p>{a.notes}</p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

fn step_label(i18n: I18nContext<Locale>, k: StepKind) -> String {
    match k {
        StepKind::Entered => t_string!(i18n, board.step_entered).to_string(),
        StepKind::Forward => t_string!(i18n, board.step_forward).to_string(),
        StepKind::Skip { skipped } => {
            let n = number_locale(i18n).format_count(skipped as u64);
            t_string!(i18n, board.step_skip, count = skipped, n = n)
        }
        StepKind::Backward => t_string!(i18n, board.step_backward).to_string(),
        StepKind::Won => t_string!(i18n, common.outcome_won).to_string(),
        StepKind::Lost => t_string!(i18n, common.outcome_lost).to_string(),
        StepKind::Reopened => t_string!(i18n, board.step_reopened).to_string(),
        StepKind::Other => t_string!(i18n, board.step_other).to_string(),
    }
}

fn step_class(k: StepKind) -> &'static str {
    match k {
        StepKind::Backward => "back",
        StepKind::Skip { .. } => "skip",
        StepKind::Won => "won",
        StepKind::Lost => "lost",
        _ => "",
    }
}

use leptos_i18n::I18nContext;

fn get(f: &Form, k: &str) -> String {
    match k {
        "title" => f.title.clone(),
        "amount" => f.amount.clone(),
        "probability" => f.probability.clone(),
        "owner" => f.owner.clone(),
        "close" => f.close.clone(),
        _ => String::new(),
    }
}

fn set(f: &mut Form, k: &str, v: String) {
    match k {
        "title" => f.title = v,
        "amount" => f.amount = v,
        "probability" => f.probability = v,
        "owner" => f.owner = v,
        "close" => f.close = v,
        _ => {}
    }
}

fn form_of(d: &Deal, i18n: I18nContext<Locale>) -> Form {
    Form {
        title: d.title.clone(),
        amount: d.value.format_amount(number_locale(i18n)),
        currency: d.value.currency.code().into(),
        probability: d.probability.map(|p| p.to_string()).unwrap_or_default(),
        owner: d.owner.clone(),
        close: d
            .expected_close
            .map(|t| t.date_string())
            .unwrap_or_default(),
    }
}

/// Copies typed values into the deal; unparseable ones become field errors.
fn apply_form(
    f: &Form,
    d: &mut Deal,
    i18n: I18nContext<Locale>,
    errs: &mut HashMap<&'static str, String>,
) {
    d.title = f.title.trim().to_string();
    d.owner = f.owner.trim().to_string();
    let cur: Currency = f.currency.parse().unwrap_or(Currency::Vnd);
    match Money::parse(&f.amount, cur, number_locale(i18n)) {
        Ok(m) => d.value = m,
        Err(_) => {
            errs.insert("amount", t_string!(i18n, board.deal_err_amount).to_string());
        }
    }
    d.probability = match f.probability.trim() {
        "" => None,
        p => match p.parse::<u8>() {
            Ok(v) if v <= 100 => Some(v),
            _ => {
                errs.insert(
                    "probability",
                    t_string!(i18n, board.deal_err_probability).to_string(),
                );
                d.probability
            }
        },
    };
    d.expected_close = Timestamp::parse(&f.close);
}

fn code_message(i18n: I18nContext<Locale>, c: ErrorCode) -> String {
    match c {
        ErrorCode::Required => t_string!(i18n, board.deal_err_required),
        ErrorCode::Negative => t_string!(i18n, board.deal_err_negative),
        ErrorCode::OutOfRange => t_string!(i18n, board.deal_err_probability),
        _ => t_string!(i18n, common.err_invalid),
    }
    .to_string()
}

/// A blank deal at the top of column `col`.
fn new_card(m: &BoardModel, col: usize) -> Card {
    let first_rank = m
        .column(col)
        .first()
        .and_then(|id| m.card(id))
        .and_then(|c| c.deal.rank.clone());
    Card {
        id: String::new(),
        rev: None,
        search: String::new(),
        deal: Deal {
            title: String::new(),
            pipeline_id: m.pipeline_id().to_string(),
            stage_id: m.stage(col).id.clone(),
            status: DealStatus::Open,
            value: Money::new(0, Currency::Vnd),
            probability: None,
            account_id: None,
            contact_id: None,
            owner: String::new(),
            expected_close: None,
            stage_entered_at: now(),
            lost_reason: None,
            support_lead: None,
            rank: Some(rank::between(None, first_rank.as_deref())),
            extra: Default::default(),
        },
    }
}
