//! Board benchmarks (`make bench`, release build, headless Chromium): first paint
//! of a 10,000-deal board, drop-to-update, and memory, each beside a vanilla-DOM
//! baseline (plain web-sys, no framework) measured in the same run on the same
//! model. Prints one `BENCH {json}` line per figure; `scripts/bench.py` writes
//! them into BENCHMARKS.md. Not part of `make test` (feature `bench`).
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{document, frame, inject_css, median, new_host, now, painted, report};

use leptos::prelude::*;
use leptos_router::components::Router;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use waypoint::domain::board::{BoardModel, BoardQuery, Card, MoveTarget};
use waypoint::domain::money::{Currency, NumberLocale};
use waypoint::domain::records::{Account, Pipeline};
use waypoint::domain::{sample, Doc, RecordType, Timestamp};
use waypoint::i18n::*;
use waypoint::store::{write_in_batches, Store};
use waypoint::ui::board::{card_of, BoardState, BoardView};
use waypoint::ui::common::{provide_workspace_at, StoreStatus, Workspace};

wasm_bindgen_test_configure!(run_in_browser);

const DB: &str = "waypoint-bench-board";
const DEALS: usize = 10_000;
const RUNS: usize = 7;
/// Card slot height, as in the app's stylesheet.
const CARD_H: f64 = 136.0;

thread_local! {
    static STATE: RefCell<Option<BoardState>> = const { RefCell::new(None) };
    /// The open workspace, as the app has it before anyone opens the board.
    static WS: RefCell<Option<Workspace>> = const { RefCell::new(None) };
    /// Turns the board on and off inside the running app.
    static SHOW: RefCell<Option<RwSignal<bool>>> = const { RefCell::new(None) };
    /// The deals the next board shows.
    static DATA: RefCell<Option<Data>> = const { RefCell::new(None) };
}

/// The running app around the board: i18n, router and the open workspace, as a
/// user has them before opening the board. Returns its host element.
#[component]
fn App() -> impl IntoView {
    let i18n = use_i18n();
    i18n.set_locale(Locale::en);
    WS.with(|w| *w.borrow_mut() = Some(provide_workspace_at(DB)));
    let show = RwSignal::new(false);
    SHOW.with(|s| *s.borrow_mut() = Some(show));
    move || show.get().then(|| view! { <LeptosBoard/> })
}

/// Opens the workspace once, outside the timings, and keeps it open.
async fn open_app() -> web_sys::HtmlElement {
    let host = new_host();
    waypoint::plural_rules::install();
    let handle = leptos::mount::mount_to(host.clone(), || {
        view! { <I18nContextProvider><Router><App/></Router></I18nContextProvider> }
    });
    std::mem::forget(handle);
    let ws = WS.with(|w| w.borrow().unwrap());
    while ws.status.get_untracked() != StoreStatus::Ready {
        frame().await;
    }
    host
}

type Data = (Vec<(String, Pipeline)>, Vec<Card>, HashMap<String, String>);

async fn microtask() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
        .await
        .unwrap();
}

/// Used JS heap after a full garbage collection (`webdriver.json` starts Chromium
/// with `--expose-gc` and precise memory info); NaN where unavailable.
fn heap() -> f64 {
    let window = web_sys::window().unwrap();
    if let Ok(gc) = js_sys::Reflect::get(&window, &"gc".into()) {
        if let Some(gc) = gc.dyn_ref::<js_sys::Function>() {
            let _ = gc.call0(&JsValue::NULL);
        }
    }
    let perf = web_sys::window().unwrap().performance().unwrap();
    js_sys::Reflect::get(&perf, &"memory".into())
        .and_then(|m| js_sys::Reflect::get(&m, &"usedJSHeapSize".into()))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

/// The Leptos board on in-memory data (what the page shows after its IndexedDB read).
#[component]
fn LeptosBoard() -> impl IntoView {
    let i18n = use_i18n();
    let data = DATA
        .with(|d| d.borrow_mut().take())
        .expect("data set before showing");
    let ws = WS.with(|w| w.borrow().unwrap());
    let state = BoardState::new(ws, i18n);
    provide_context(state);
    let (pipelines, cards, names) = data;
    state.set_data(pipelines, cards, names);
    STATE.with(|s| *s.borrow_mut() = Some(state));
    view! { <div class="board-page"><BoardView/></div> }
}

/// The same board with plain web-sys: same markup, classes and visible window.
struct Vanilla {
    host: web_sys::HtmlElement,
    model: BoardModel,
    names: HashMap<String, String>,
    bodies: Vec<web_sys::Element>,
    heads: Vec<web_sys::Element>,
}

fn el(tag: &str, class: &str) -> web_sys::Element {
    let e = document().create_element(tag).unwrap();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

fn text(tag: &str, class: &str, t: &str) -> web_sys::Element {
    let e = el(tag, class);
    e.set_text_content(Some(t));
    e
}

impl Vanilla {
    fn render(host: web_sys::HtmlElement, data: Data) -> Vanilla {
        let (pipelines, cards, names) = data;
        let (pid, pipeline) = &pipelines[0];
        let model = BoardModel::new(
            pid,
            pipeline.clone(),
            cards,
            &BoardQuery::default(),
            Timestamp(js_sys::Date::now() as i64),
        );
        let page = el("div", "board-page");
        page.append_child(&text("p", "muted board-help", "Keyboard: …"))
            .unwrap();
        let board = el("div", "board");
        page.append_child(&board).unwrap();
        page.append_child(&text("p", "sr-only", "")).unwrap();
        host.append_child(&page).unwrap();
        let mut v = Vanilla {
            host,
            model,
            names,
            bodies: Vec::new(),
            heads: Vec::new(),
        };
        for col in 0..pipeline.stages.len() {
            let section = el("section", "column");
            section
                .set_attribute("data-drop", &format!("col:{col}"))
                .unwrap();
            let head = el("header", "col-head");
            section.append_child(&head).unwrap();
            let body = el("div", "col-body");
            let ul = el("ul", "cards");
            body.append_child(&ul).unwrap();
            section.append_child(&body).unwrap();
            board.append_child(&section).unwrap();
            v.heads.push(head);
            v.bodies.push(body);
        }
        for col in 0..v.bodies.len() {
            v.fill_head(col);
            v.fill_cards(col);
        }
        let outcomes = el("div", "outcomes");
        let (won, lost) = v.model.outcomes();
        for (name, t) in [("Won", won.clone()), ("Lost", lost.clone())] {
            let s = el("section", "outcome");
            s.append_child(&text("h2", "", name)).unwrap();
            s.append_child(&text("p", "muted", "Drop here")).unwrap();
            s.append_child(&text(
                "p",
                "",
                &format!("{} deals", NumberLocale::En.format_count(t.count)),
            ))
            .unwrap();
            s.append_child(&text(
                "p",
                "",
                &t.amounts.value(Currency::Vnd).format(NumberLocale::En),
            ))
            .unwrap();
            outcomes.append_child(&s).unwrap();
        }
        board.append_child(&outcomes).unwrap();
        let summary = el("section", "card board-summary");
        summary
            .append_child(&text("h2", "", "Pipeline summary"))
            .unwrap();
        let dl = el("dl", "summary-totals");
        let open = v.model.open_totals();
        let mut facts = vec![("Open deals".to_string(), format!("{} deals", open.count))];
        for c in open.amounts.currencies(Currency::Vnd) {
            facts.push((
                "Value".into(),
                open.amounts.value(c).format(NumberLocale::En),
            ));
            facts.push((
                "Weighted".into(),
                open.amounts.weighted(c).format(NumberLocale::En),
            ));
        }
        for (k, val) in facts {
            let d = el("div", "");
            d.append_child(&text("dt", "", &k)).unwrap();
            d.append_child(&text("dd", "", &val)).unwrap();
            dl.append_child(&d).unwrap();
        }
        summary.append_child(&dl).unwrap();
        let table = el("table", "forecast");
        table
            .append_child(&text("caption", "", "Forecast by expected close month"))
            .unwrap();
        let thead = el("thead", "");
        let tr = el("tr", "");
        for h in ["Month", "Value", "Weighted"] {
            tr.append_child(&text("th", "num", h)).unwrap();
        }
        thead.append_child(&tr).unwrap();
        table.append_child(&thead).unwrap();
        for (m, a) in v.model.forecast() {
            for c in a.currencies(Currency::Vnd) {
                let tr = el("tr", "");
                tr.append_child(&text(
                    "th",
                    "",
                    &m.map(|(y, m)| format!("{y}-{m:02}")).unwrap_or_default(),
                ))
                .unwrap();
                tr.append_child(&text("td", "num", &a.value(c).format(NumberLocale::En)))
                    .unwrap();
                tr.append_child(&text("td", "num", &a.weighted(c).format(NumberLocale::En)))
                    .unwrap();
                table.append_child(&tr).unwrap();
            }
        }
        summary.append_child(&table).unwrap();
        page.append_child(&summary).unwrap();
        v
    }

    fn fill_head(&self, col: usize) {
        let head = &self.heads[col];
        head.set_text_content(None);
        let t = self.model.totals(col);
        let title = el("div", "col-title");
        title
            .append_child(&text("h2", "", &self.model.stage(col).name))
            .unwrap();
        title.append_child(&text("button", "add", "+")).unwrap();
        head.append_child(&title).unwrap();
        if self.model.over_wip(col) {
            head.append_child(&text("p", "wip", "Over the WIP limit"))
                .unwrap();
        }
        head.append_child(&text(
            "p",
            "col-count",
            &format!("{} deals", NumberLocale::En.format_count(t.count)),
        ))
        .unwrap();
        for c in t.amounts.currencies(Currency::Vnd) {
            let p = el("p", "col-sum");
            p.append_child(&text(
                "strong",
                "",
                &t.amounts.value(c).format(NumberLocale::En),
            ))
            .unwrap();
            p.append_child(&text(
                "span",
                "muted",
                &format!(
                    "weighted {}",
                    t.amounts.weighted(c).format(NumberLocale::En)
                ),
            ))
            .unwrap();
            head.append_child(&p).unwrap();
        }
        let whole = self.model.open_totals().amounts.value(Currency::Vnd);
        let pm = waypoint::domain::board::share_per_mille(t.amounts.value(Currency::Vnd), whole);
        let bar = el("div", "share");
        let fill = el("span", "");
        fill.set_attribute("style", &format!("width:{}%", pm as f64 / 10.0))
            .unwrap();
        bar.append_child(&fill).unwrap();
        head.append_child(&bar).unwrap();
        head.append_child(&text(
            "p",
            "muted share-text",
            &format!("{}% of pipeline value", (pm + 5) / 10),
        ))
        .unwrap();
    }

    fn fill_cards(&self, col: usize) {
        let body = &self.bodies[col];
        let ul = body.first_element_child().unwrap();
        ul.set_text_content(None);
        let ids = self.model.column(col);
        ul.set_attribute(
            "style",
            &format!("height:{}px", (ids.len() as f64 + 1.0) * CARD_H),
        )
        .unwrap();
        let visible = ((body.client_height().max(200) as f64) / CARD_H).ceil() as usize + 4;
        for (i, id) in ids.iter().take(visible).enumerate() {
            let c = self.model.card(id).unwrap();
            let li = el("li", "card-slot");
            li.set_attribute("style", &format!("top:{}px", i as f64 * CARD_H))
                .unwrap();
            let rotting = self.model.is_rotting(&c.deal);
            let a = el(
                "article",
                if rotting {
                    "deal-card rotting"
                } else {
                    "deal-card"
                },
            );
            a.set_attribute("data-deal-id", id).unwrap();
            a.set_attribute("tabindex", "-1").unwrap();
            a.set_attribute("aria-label", &c.deal.title).unwrap();
            let row = el("div", "card-row");
            row.append_child(&text("span", "grip", "⠿")).unwrap();
            let cb = el("input", "");
            cb.set_attribute("type", "checkbox").unwrap();
            row.append_child(&cb).unwrap();
            row.append_child(&text("button", "card-title", &c.deal.title))
                .unwrap();
            a.append_child(&row).unwrap();
            let who = c
                .deal
                .account_id
                .as_ref()
                .and_then(|x| self.names.get(x))
                .cloned()
                .unwrap_or_default();
            // Record text isolated for bidi, as the app's cards have it.
            let who_p = el("p", "card-who");
            who_p.append_child(&text("bdi", "", &who)).unwrap();
            a.append_child(&who_p).unwrap();
            let money = el("p", "card-money");
            money
                .append_child(&text("strong", "", &c.deal.value.format(NumberLocale::En)))
                .unwrap();
            if let Some(close) = c.deal.expected_close {
                money
                    .append_child(&text(
                        "span",
                        "muted",
                        &format!("closes {}", close.date_string()),
                    ))
                    .unwrap();
            }
            a.append_child(&money).unwrap();
            let meta = el("p", "card-meta");
            meta.append_child(&text("span", "", &c.deal.owner)).unwrap();
            meta.append_child(&text(
                "span",
                "muted",
                &format!("{} d in stage", self.model.days_in_stage(&c.deal)),
            ))
            .unwrap();
            if rotting {
                meta.append_child(&text("span", "rot-badge", "Rotting"))
                    .unwrap();
            }
            a.append_child(&meta).unwrap();
            let select = el("select", "move-to");
            select
                .append_child(&text("option", "", "Move to…"))
                .unwrap();
            for (i, s) in self.model.pipeline().stages.iter().enumerate() {
                if i != col {
                    select.append_child(&text("option", "", &s.name)).unwrap();
                }
            }
            select.append_child(&text("option", "", "Won")).unwrap();
            select.append_child(&text("option", "", "Lost…")).unwrap();
            a.append_child(&select).unwrap();
            li.append_child(&a).unwrap();
            ul.append_child(&li).unwrap();
        }
    }

    /// A drop: the model moves the card, then the two columns and headers are redrawn.
    fn drop(&mut self, id: &str, to: usize) {
        let mut c = self.model.card(id).unwrap().clone();
        let from = self.model.column_of(&c.deal.stage_id).unwrap();
        c.deal.stage_id = self.model.stage(to).id.clone();
        let first = self
            .model
            .column(to)
            .first()
            .and_then(|f| self.model.card(f))
            .and_then(|f| f.deal.rank.clone());
        c.deal.rank = Some(waypoint::domain::board::rank::between(
            None,
            first.as_deref(),
        ));
        self.model.upsert(c);
        for col in [from, to] {
            self.fill_head(col);
            self.fill_cards(col);
        }
    }
}

async fn load() -> Data {
    Store::delete_database(DB).await.unwrap();
    let store = Store::open(DB).await.unwrap();
    let today = Timestamp(js_sys::Date::now() as i64);
    write_in_batches(
        &store,
        sample::board_workspace(5, today, DEALS),
        2_000,
        |_, _| {},
    )
    .await
    .unwrap();
    let mut pipelines = store.records_of::<Pipeline>().await.unwrap();
    pipelines.sort_by(|a, b| a.0.cmp(&b.0));
    let names: HashMap<String, String> = store
        .records_of::<Account>()
        .await
        .unwrap()
        .into_iter()
        .map(|(id, a)| (id, a.name))
        .collect();
    let t0 = now();
    let docs: Vec<Doc> = store.all_of_type(RecordType::Deal).await.unwrap();
    let cards: Vec<Card> = docs.iter().filter_map(|d| card_of(d, &names)).collect();
    report(
        "Read 10,000 deals from IndexedDB (store.all_of_type + decode)",
        "ms",
        now() - t0,
        None,
    );
    (pipelines, cards, names)
}

fn dom_nodes(host: &web_sys::HtmlElement) -> f64 {
    host.get_elements_by_tag_name("*").length() as f64
}

#[wasm_bindgen_test]
async fn board_benchmarks() {
    inject_css();
    let data = load().await;
    let app = open_app().await;
    let show = SHOW.with(|s| s.borrow().unwrap());
    let mut leptos_paint = Vec::new();
    let mut vanilla_paint = Vec::new();
    let mut leptos_drop = Vec::new();
    let mut leptos_commit = Vec::new();
    let mut vanilla_drop = Vec::new();
    let (mut leptos_nodes, mut vanilla_nodes) = (0.0, 0.0);
    let (mut leptos_heap, mut vanilla_heap) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        // Vanilla first paint and drop.
        let host = new_host();
        let d = data.clone();
        let h0 = heap();
        let t0 = now();
        let mut v = Vanilla::render(host.clone(), d);
        painted(&host).await;
        vanilla_paint.push(now() - t0);
        vanilla_nodes = dom_nodes(&host);
        vanilla_heap.push(heap() - h0);
        let id = v.model.column(0)[run].clone();
        let t0 = now();
        v.drop(&id, 1);
        vanilla_drop.push(now() - t0);
        assert!(v
            .host
            .query_selector(&format!("[data-drop=\"col:1\"] [data-deal-id=\"{id}\"]"))
            .unwrap()
            .is_some());
        host.remove();
        drop(v);

        // Leptos first paint.
        DATA.with(|d| *d.borrow_mut() = Some(data.clone()));
        let h0 = heap();
        let t0 = now();
        show.set(true);
        while app.query_selector(".col-count").unwrap().is_none() {
            microtask().await;
        }
        painted(&app).await;
        leptos_paint.push(now() - t0);
        leptos_nodes = dom_nodes(&app);
        leptos_heap.push(heap() - h0);
        let state = STATE.with(|s| s.borrow().unwrap());
        while state.ws.status.get_untracked() != StoreStatus::Ready {
            frame().await;
        }
        // Drop: the same path a pointer or keyboard drop takes.
        let id = state
            .model
            .with_untracked(|m| m.as_ref().unwrap().column(0)[run].clone());
        let before = state
            .model
            .with_untracked(|m| m.as_ref().unwrap().totals(1).count);
        let want = format!("{} deals", NumberLocale::En.format_count(before + 1));
        let selector = format!("[data-drop=\"col:1\"] [data-deal-id=\"{id}\"]");
        let count_sel = "[data-drop=\"col:1\"] .col-count";
        let t0 = now();
        state.commit(
            vec![id],
            MoveTarget::Stage {
                column: 1,
                index: 0,
            },
        );
        let mut spins = 0;
        loop {
            let shown = app.query_selector(&selector).unwrap().is_some();
            let count = app
                .query_selector(count_sel)
                .unwrap()
                .and_then(|e| e.text_content())
                .unwrap_or_default();
            if shown && count == want {
                break;
            }
            spins += 1;
            if spins < 200 {
                microtask().await
            } else {
                frame().await
            }
        }
        leptos_drop.push(now() - t0);
        while !state.can_undo() {
            gloo_timers::future::TimeoutFuture::new(1).await;
        }
        leptos_commit.push(now() - t0);
        show.set(false);
        STATE.with(|s| *s.borrow_mut() = None);
        frame().await;
    }
    let lp = median(leptos_paint);
    let vp = median(vanilla_paint);
    report(
        "First paint of a 10,000-deal board (in-memory deals → DOM, styled, laid out, painted)",
        "ms",
        lp,
        Some(vp),
    );
    report(
        "Drop → card and column totals updated in the DOM",
        "ms",
        median(leptos_drop),
        Some(median(vanilla_drop)),
    );
    report(
        "Drop → deal and stage transition committed to IndexedDB",
        "ms",
        median(leptos_commit),
        None,
    );
    report(
        "DOM elements for the 10,000-deal board",
        "elements",
        leptos_nodes,
        Some(vanilla_nodes),
    );
    report(
        "JS heap held by the mounted board (usedJSHeapSize after GC, median)",
        "bytes",
        median(leptos_heap),
        Some(median(vanilla_heap)),
    );
    report(
        "Wasm linear memory after all runs (both boards share one instance)",
        "bytes",
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64,
        None,
    );
    board_growth(&app, show, &data).await;
}

/// First paint at 1/16 and 1/4 of the full board (the full size is measured
/// above), each beside the vanilla board: how the cost grows with the deals.
async fn board_growth(app: &web_sys::HtmlElement, show: RwSignal<bool>, data: &Data) {
    for n in [DEALS / 16, DEALS / 4] {
        let (pipelines, cards, names) = data.clone();
        let part: Data = (pipelines, cards.into_iter().take(n).collect(), names);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let host = new_host();
            let d = part.clone();
            let t0 = now();
            let v = Vanilla::render(host.clone(), d);
            painted(&host).await;
            theirs.push(now() - t0);
            host.remove();
            drop(v);
            DATA.with(|d| *d.borrow_mut() = Some(part.clone()));
            let t0 = now();
            show.set(true);
            while app.query_selector(".col-count").unwrap().is_none() {
                microtask().await;
            }
            painted(app).await;
            ours.push(now() - t0);
            show.set(false);
            STATE.with(|s| *s.borrow_mut() = None);
            frame().await;
        }
        report(
            &format!("Board growth: first paint with {n} deals"),
            "ms",
            median(ours),
            Some(median(theirs)),
        );
    }
}
