//! The board at scale, in a real browser with real IndexedDB: 10,000 deals in one
//! pipeline; every column header must equal totals computed here from the stored
//! deals while only a screenful of cards is in the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use waypoint::domain::money::{Currency, Money, NumberLocale};
use waypoint::domain::records::{Deal, Pipeline};
use waypoint::domain::{sample, Timestamp};
use waypoint::i18n::*;
use waypoint::store::{write_in_batches, Store};
use waypoint::ui::board::BoardPage;
use waypoint::ui::common::{provide_workspace_at, StoreStatus};

wasm_bindgen_test_configure!(run_in_browser);

const DB: &str = "waypoint-board-scale";
const DEALS: usize = 10_000;

/// Count, and per currency (Σ value, Σ value × probability).
type StageSums = (u64, BTreeMap<Currency, (i128, i128)>);

/// The board page on the test database, in English.
#[component]
fn Harness() -> impl IntoView {
    let i18n = use_i18n();
    i18n.set_locale(Locale::en);
    let ws = provide_workspace_at(DB);
    move || (ws.status.get() == StoreStatus::Ready).then(|| view! { <BoardPage/> })
}

async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn ten_thousand_deals_exact_totals_with_few_cards_in_the_dom() {
    Store::delete_database(DB).await.unwrap();
    let store = Store::open(DB).await.unwrap();
    let today = Timestamp::parse("2026-11-22T00:00:00Z").unwrap();
    let docs = sample::board_workspace(11, today, DEALS);
    let pipeline: Pipeline = docs
        .iter()
        .find(|d| d.id == "pipeline:new")
        .unwrap()
        .record()
        .unwrap();
    let deals: Vec<Deal> = docs.iter().filter_map(|d| d.record().ok()).collect();
    assert_eq!(deals.len(), DEALS);
    write_in_batches(&store, docs, 2_000, |_, _| {})
        .await
        .unwrap();

    // Expected headers, computed independently: count, Σ value, Σ value × p / 100.
    let mut expected: Vec<StageSums> = vec![(0, BTreeMap::new()); pipeline.stages.len()];
    for d in &deals {
        let col = pipeline
            .stages
            .iter()
            .position(|s| s.id == d.stage_id)
            .unwrap();
        let p = d.probability.unwrap_or(pipeline.stages[col].probability) as i128;
        let e = &mut expected[col];
        e.0 += 1;
        let s = e.1.entry(d.value.currency).or_default();
        s.0 += d.value.amount as i128;
        s.1 += d.value.amount as i128 * p;
    }

    let doc = web_sys::window().unwrap().document().unwrap();
    // The app's stylesheet gives columns their height, as in the app.
    let style = doc.create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../style/main.css")));
    doc.head().unwrap().append_child(&style).unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    waypoint::plural_rules::install();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        view! { <I18nContextProvider><Router><Harness/></Router></I18nContextProvider> }
    });
    std::mem::forget(handle);

    let mut waited = 0;
    while texts(&host, ".col-count").len() < pipeline.stages.len() {
        assert!(waited < 60_000, "board did not render");
        sleep(100).await;
        waited += 100;
    }
    sleep(300).await;
    let en = NumberLocale::En;
    for (col, (count, sums)) in expected.iter().enumerate() {
        let section = host
            .query_selector(&format!("[data-drop=\"col:{col}\"]"))
            .unwrap()
            .expect("column");
        assert_eq!(
            texts(&section, ".col-count"),
            vec![format!("{} deals", en.format_count(*count))]
        );
        let mut currencies: Vec<&Currency> = sums.keys().collect();
        currencies.sort_by_key(|c| (**c != Currency::Vnd, c.code()));
        let values: Vec<String> = currencies
            .iter()
            .map(|c| Money::new(sums[c].0 as i64, **c).format(en))
            .collect();
        let weighted: Vec<String> = currencies
            .iter()
            .map(|c| {
                let w = (sums[c].1 + 50) / 100;
                format!("weighted {}", Money::new(w as i64, **c).format(en))
            })
            .collect();
        assert_eq!(texts(&section, ".col-sum strong"), values, "column {col}");
        assert_eq!(texts(&section, ".col-sum .muted"), weighted, "column {col}");
    }
    let cards = host.query_selector_all(".deal-card").unwrap().length() as usize;
    assert!(
        cards > 0 && cards < 200,
        "{cards} cards in the DOM for {DEALS} deals"
    );
}
