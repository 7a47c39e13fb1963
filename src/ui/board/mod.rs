//! The pipeline board: one column per stage with exact totals, virtualised card
//! lists, pointer and keyboard moves, multi-select, undo, filters in the URL and
//! a forecast footer. State lives in [`state::BoardState`]; the pieces render it.

mod card;
mod column;
mod deal_dialog;
mod filters;
mod keys;
pub(crate) mod labels;
mod lost_dialog;
mod outcomes;
mod pointer;
mod state;
mod summary;
mod toast;

pub use state::{card_of, use_board, BoardState};

use crate::domain::board::BoardQuery;
use crate::domain::RecordType;
use crate::i18n::*;
use crate::ui::common::{use_workspace, Loading, ReadError, Reads};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::collections::BTreeSet;

/// URL keys the board reads.
const QUERY_KEYS: [&str; 10] = [
    "pipeline", "owner", "account", "min", "max", "cur", "from", "to", "rotting", "q",
];

/// Height of one card slot in pixels (card plus gap); lists are virtualised on it.
pub(crate) const CARD_H: f64 = 136.0;

/// How the board's view (pipeline and filters) changes: the app writes it into
/// the URL (so a view can be bookmarked), an embedded board keeps it itself.
#[derive(Clone, Copy)]
pub struct BoardNav(StoredValue<Box<dyn Fn(BoardQuery, bool)>, LocalStorage>);

impl BoardNav {
    /// A navigator calling `go(view, replace)`; `replace` is set while typing.
    pub fn new(go: impl Fn(BoardQuery, bool) + 'static) -> Self {
        BoardNav(StoredValue::new_local(Box::new(go)))
    }

    fn go(&self, q: BoardQuery, replace: bool) {
        self.0.with_value(|f| f(q, replace));
    }
}

/// The board screen at `/board`: the URL is the source of truth for pipeline and filters.
/// What the board shows: deals, and the pipelines and names they are drawn with.
fn board_reads() -> Reads {
    Reads::types(&[
        RecordType::Deal,
        RecordType::Pipeline,
        RecordType::Account,
        RecordType::Contact,
    ])
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let params = use_query_map();
    let navigate = use_navigate();
    provide_context(BoardNav::new(move |q, replace| {
        navigate(
            &board_url(&q),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        )
    }));
    let bad_params = RwSignal::new(Vec::<String>::new());
    let query = RwSignal::new(BoardQuery::default());
    Effect::new(move |_| {
        let map = params.get();
        let pairs: Vec<(&str, String)> = QUERY_KEYS
            .iter()
            .filter_map(|k| map.get_str(k).map(|v| (*k, v.to_string())))
            .collect();
        let (q, bad) = BoardQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        bad_params.set(
            bad.into_iter()
                .map(|b| format!("{}={}", b.key, b.value))
                .collect(),
        );
        query.set(q);
    });
    view! { <BoardScreen query bad_params scope=BTreeSet::new() /> }
}

/// The board with its pipeline picker and filters, showing the view `query`
/// (a [`BoardNav`] in context changes it).
#[component]
pub fn BoardScreen(
    /// The view to show.
    #[prop(into)]
    query: Signal<BoardQuery>,
    /// URL parameters that could not be read, shown as a notice.
    #[prop(into)]
    bad_params: Signal<Vec<String>>,
    /// Only deals of these accounts; empty = every deal.
    scope: BTreeSet<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ws = use_workspace();
    let state = BoardState::new(ws, i18n);
    state.scope.set_value(scope);
    provide_context(state);
    Effect::new(move |_| {
        let q = query.get();
        if q != state.query.get_untracked() {
            state.query.set(q);
            state.selected.set(Default::default());
            state.rebuild();
        }
    });
    spawn_local(async move { state.load().await });
    ws.on_change(board_reads(), move |ev| {
        let (ids, cleared) = (ev.ids.clone(), ev.cleared);
        spawn_local(async move { state.follow(ids, cleared).await });
    });
    if !state.read_only {
        keys::install_undo_shortcut(state);
    }
    // Only whether there is a board: reading the model itself here would rebuild
    // every column on every move.
    let has_board = Memo::new(move |_| state.model.with(Option::is_some));
    view! {
        <div class="board-page">
            <div class="board-top">
                <h1>{t!(i18n, board.title)}</h1>
                <PipelinePicker />
            </div>
            <filters::FilterBar />
            {move || {
                let bad = bad_params.get();
                (!bad.is_empty())
                    .then(|| {
                        let list = bad.join(", ");
                        view! {
                            <p class="notice" role="status">
                                {t!(i18n, board.bad_link, params = list)}
                            </p>
                        }
                    })
            }}
            {move || {
                state
                    .error
                    .get()
                    .map(|e| {
                        view! {
                            <p role="alert" class="error">
                                {e}
                            </p>
                        }
                    })
            }}
            {move || state.load_error.get().map(|error| view! { <ReadError error /> })}
            {move || {
                if !state.loaded.get() {
                    return view! { <Loading /> }.into_any();
                }
                if !has_board.get() {
                    return view! { <p class="card empty">{t!(i18n, board.no_pipelines)}</p> }
                        .into_any();
                }
                view! { <BoardView /> }.into_any()
            }}
        </div>
    }
}

/// The board itself for the [`BoardState`] in context: columns, outcomes,
/// summary, undo toast, live region and dialogs (the page adds the URL, the
/// loading and the filters; benchmarks mount this directly).
#[component]
pub fn BoardView() -> impl IntoView {
    let state = use_board();
    view! {
        <Board />
        <summary::Summary />
        <toast::UndoToast />
        <p class="sr-only" role="status" aria-live="polite">
            {move || state.announce.get()}
        </p>
        <lost_dialog::LostDialog />
        <deal_dialog::DealDialog />
    }
}

/// The board's URL for a view.
fn board_url(q: &BoardQuery) -> String {
    let qs: Vec<String> = q
        .to_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&v)))
        .collect();
    if qs.is_empty() {
        "/board".to_string()
    } else {
        format!("/board?{}", qs.join("&"))
    }
}

/// Shows a new view (in the app: replacing the URL's history entry while typing).
pub(crate) fn set_query(q: &BoardQuery) {
    expect_context::<BoardNav>().go(q.clone(), true);
}

/// The pipeline switcher.
#[component]
fn PipelinePicker() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let nav = expect_context::<BoardNav>();
    let current = move || state.pipeline_id().unwrap_or_default();
    view! {
        <label class="field inline">
            <span>{t!(i18n, board.pipeline)}</span>
            <select
                prop:value=current
                on:change=move |ev| {
                    let q = BoardQuery {
                        pipeline: Some(event_target_value(&ev)),
                        ..BoardQuery::default()
                    };
                    nav.go(q, false);
                }
            >
                {move || {
                    state
                        .pipelines
                        .get()
                        .into_iter()
                        .map(|(id, p)| {
                            let selected = id == current();
                            view! {
                                <option value=id selected=selected>
                                    {p.name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// The columns, the outcome drop zones, the drag ghost and the keyboard help.
#[component]
fn Board() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_board();
    let board_ref = NodeRef::<leptos::html::Div>::new();
    let columns = move || {
        state
            .model
            .with(|m| m.as_ref().map_or(0, |m| m.pipeline().stages.len()))
    };
    let unplaced = move || state.model.with(|m| m.as_ref().map_or(0, |m| m.unplaced()));
    let name = move || {
        state.model.with(|m| {
            m.as_ref()
                .map(|m| m.pipeline().name.clone())
                .unwrap_or_default()
        })
    };
    let press = pointer::Press::new();
    view! {
        <p id="board-help" class="muted board-help">
            {move || match state.read_only {
                true => t_string!(i18n, board.help_read_only),
                false => t_string!(i18n, board.help),
            }}
        </p>
        {move || {
            (unplaced() > 0)
                .then(|| {
                    let c = unplaced();
                    let n = crate::ui::common::number_locale(i18n).format_count(c as u64);
                    view! {
                        <p class="notice" role="status">
                            {t!(i18n, board.unplaced, count = move || c, n = n)}
                        </p>
                    }
                })
        }}
        <div
            class="board"
            part="board"
            node_ref=board_ref
            role="region"
            aria-label=move || t_string!(i18n, board.region, name = name())
            on:pointerdown=move |ev| {
                if !state.read_only {
                    pointer::down(press, board_ref, ev)
                }
            }
            on:pointermove=move |ev| pointer::moved(state, press, ev)
            on:pointerup=move |ev| pointer::up(state, press, ev)
            on:pointercancel=move |_| pointer::cancel(state, press)
            on:keydown=move |ev| keys::keydown(state, ev)
        >
            <For each=move || 0..columns() key=|c| *c let:col>
                <column::Column col />
            </For>
            <outcomes::Outcomes />
        </div>
        <pointer::DragGhost />
    }
}
