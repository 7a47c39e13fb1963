//! Customer benchmarks (`make bench`, release build, headless Chromium): first
//! paint of an account timeline with 5,000 touchpoints beside a vanilla-DOM
//! timeline over a raw IndexedDB read, and a 50,000-row CSV import beside raw
//! JavaScript `put`s of the same rows in one transaction. Prints `BENCH {json}`
//! lines for `scripts/bench.py`. Not part of `make test` (feature `bench`).
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{frame, inject_css, median, new_host, now, painted, report};

use leptos::prelude::*;
use leptos_router::components::Router;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use waypoint::domain::import::{guess_mapping, parse, Context, ImportKind, Planner};
use waypoint::domain::records::{Account, Activity, ActivityKind, Channel, Contact};
use waypoint::domain::timeline::Scope;
use waypoint::domain::{Doc, Timestamp};
use waypoint::i18n::*;
use waypoint::store::{write_in_batches, Store};
use waypoint::ui::common::{provide_workspace_at, StoreStatus, Workspace};
use waypoint::ui::timeline::Timeline;

wasm_bindgen_test_configure!(run_in_browser);

const DB: &str = "waypoint-bench-customers";
const ITEMS: usize = 5_000;
const ROWS: usize = 50_000;
const RUNS: usize = 5;

#[wasm_bindgen(inline_js = r#"
export function raw_timeline(db_name, account, host) {
  // Baseline: read the account's documents from the app's own database with a raw
  // index getAll, keep the activities, sort newest first, and draw the rows in view.
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(db_name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const q = db.transaction('docs').objectStore('docs').index('by_account').getAll(account);
      q.onsuccess = () => {
        // The app keeps each winner as a JSON string (`_doc`); a raw reader parses it.
        const items = q.result.map(d => typeof d._doc === 'string' ? JSON.parse(d._doc) : d)
          .filter(d => d.type === 'activity')
          .sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : -1));
        const body = document.createElement('div'); body.className = 'tl-body';
        const list = document.createElement('ol'); list.className = 'tl-list';
        list.style.height = (items.length * 64) + 'px';
        const shown = Math.min(items.length, Math.ceil(600 / 64) + 6);
        for (let i = 0; i < shown; i++) {
          const a = items[i];
          const li = document.createElement('li'); li.className = 'tl-item'; li.style.top = (i * 64) + 'px';
          const icon = document.createElement('span'); icon.className = 'tl-icon'; icon.textContent = '☎';
          const main = document.createElement('div'); main.className = 'tl-main';
          const t = document.createElement('p'); t.className = 'tl-title'; t.textContent = a.kind + ' ' + a.notes;
          const m = document.createElement('p'); m.className = 'tl-meta muted'; m.textContent = a.occurred_at + ' · ' + a.channel + ' · ' + a.journey_stage;
          main.append(t, m); li.append(icon, main); list.append(li);
        }
        body.append(list); host.append(body);
        db.close();
        resolve(items.length);
      };
      q.onerror = () => reject(q.error);
    };
  });
}

export function raw_import(db_name, csv) {
  // Baseline: split the CSV by hand and put one plain object per row into a
  // fresh object store, all in one transaction.
  return new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase(db_name);
    del.onsuccess = del.onerror = () => {
      const open = indexedDB.open(db_name, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('rows', { keyPath: 'id' });
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('rows', 'readwrite');
        const store = tx.objectStore('rows');
        const lines = csv.split('\n');
        const head = lines[0].split(',');
        let n = 0;
        for (let i = 1; i < lines.length; i++) {
          if (!lines[i]) continue;
          const cells = lines[i].split(',');
          const row = { id: 'contact:r' + i, type: 'contact' };
          head.forEach((h, j) => { row[h] = cells[j]; });
          store.put(row); n++;
        }
        tx.oncomplete = () => { db.close(); resolve(n); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    };
  });
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn raw_timeline(
        db: &str,
        account: &str,
        host: &web_sys::HtmlElement,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn raw_import(db: &str, csv: &str) -> Result<JsValue, JsValue>;
}

thread_local! {
    static WS: RefCell<Option<Workspace>> = const { RefCell::new(None) };
    static SHOW: RefCell<Option<RwSignal<bool>>> = const { RefCell::new(None) };
}

#[component]
fn App() -> impl IntoView {
    let i18n = use_i18n();
    i18n.set_locale(Locale::en);
    WS.with(|w| *w.borrow_mut() = Some(provide_workspace_at(DB)));
    let show = RwSignal::new(false);
    SHOW.with(|s| *s.borrow_mut() = Some(show));
    move || {
        show.get()
            .then(|| view! { <Timeline scope=Scope::Account("account:a1".into())/> })
    }
}

/// One account, 50 contacts and 5,000 activities over two years.
fn workspace() -> Vec<Doc> {
    let at = Timestamp::from_ymd(2026, 11, 26).unwrap();
    let mut docs = vec![Doc::new(
        "a1",
        &Account {
            name: "Công ty Phát Đạt".into(),
            industry: String::new(),
            segment: "SMB".into(),
            city: "Hà Nội".into(),
            region: String::new(),
            owner: "Lan".into(),
            source: String::new(),
            extra: Default::default(),
        },
        at,
        "bench",
    )
    .unwrap()];
    for c in 0..50 {
        let contact = Contact {
            name: format!("Nguyễn Văn {c}"),
            account_id: Some("account:a1".into()),
            email: String::new(),
            phone: String::new(),
            title: String::new(),
            role: String::new(),
            persona_id: None,
            consents: vec![],
            owner: String::new(),
            source: None,
            last_source: None,
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("c{c}"), &contact, at, "bench").unwrap());
    }
    for i in 0..ITEMS {
        let kind = ActivityKind::ALL[i % ActivityKind::ALL.len()];
        let a = Activity {
            kind,
            channel: Channel::ALL[i % Channel::ALL.len()],
            journey_stage: [
                "awareness",
                "consideration",
                "decision",
                "retention",
                "advocacy",
            ][i % 5]
                .into(),
            occurred_at: at.plus_ms(-(i as i64) * 3_600_000 * 3),
            emotion: (i % 5) as i8 - 2,
            notes: format!("Gọi lại khách về báo giá số {i}"),
            author: "Lan".into(),
            contact_id: Some(format!("contact:c{}", i % 50)),
            account_id: Some("account:a1".into()),
            deal_id: None,
            // A churn touchpoint needs its reason (validation).
            reason: if kind == ActivityKind::Churn {
                "Giá cao hơn đối thủ".into()
            } else {
                String::new()
            },
            location: None,
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("e{i:05}"), &a, at, "bench").unwrap());
    }
    docs
}

fn csv_text() -> String {
    let mut s = String::from("name,email,phone,title,company,stage,utm_source,utm_medium\n");
    for i in 0..ROWS {
        s.push_str(&format!(
            "Nguyễn Thị Khách {i},khach{i}@example.vn,09{i:08},Trưởng phòng,Công ty Số {},awareness,facebook,cpc\n",
            i % 500
        ));
    }
    s
}

fn ctx() -> Context {
    Context::empty(Timestamp::from_ymd(2026, 11, 26).unwrap(), "bench")
}

#[wasm_bindgen_test]
async fn customer_benchmarks() {
    inject_css();
    let _ = Store::delete_database(DB).await;
    {
        let store = Store::open(DB).await.unwrap();
        write_in_batches(&store, workspace(), 2_000, |_, _| {})
            .await
            .unwrap();
    }
    let host = new_host();
    waypoint::plural_rules::install();
    let handle = leptos::mount::mount_to(
        host.clone(),
        || view! { <I18nContextProvider><Router><App/></Router></I18nContextProvider> },
    );
    std::mem::forget(handle);
    let ws = WS.with(|w| w.borrow().unwrap());
    while ws.status.get_untracked() != StoreStatus::Ready {
        frame().await;
    }
    let show = SHOW.with(|s| s.borrow().unwrap());

    // Timeline first paint, alternating with the baseline.
    let (mut ours, mut raw) = (Vec::new(), Vec::new());
    for run in 0..=RUNS {
        show.set(false);
        painted(&host).await;
        let t0 = now();
        show.set(true);
        loop {
            let status = host
                .query_selector(".timeline [role=status]")
                .unwrap()
                .map(|e| e.text_content().unwrap_or_default())
                .unwrap_or_default();
            if status.contains("5,000 of 5,000")
                && host.query_selector(".tl-item").unwrap().is_some()
            {
                break;
            }
            frame().await;
        }
        painted(&host).await;
        let ours_ms = now() - t0;
        let raw_host = new_host();
        let t1 = now();
        let n = raw_timeline(DB, "account:a1", &raw_host)
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        painted(&raw_host).await;
        let raw_ms = now() - t1;
        assert_eq!(n as usize, ITEMS);
        raw_host.remove();
        if run > 0 {
            ours.push(ours_ms);
            raw.push(raw_ms);
        }
    }
    show.set(false);
    report(
        "Timeline first paint, account with 5,000 touchpoints",
        "ms",
        median(ours),
        Some(median(raw)),
    );

    // CSV import of 50,000 contacts: parse, check, write in one transaction.
    let csv = csv_text();
    let (mut ours, mut raw) = (Vec::new(), Vec::new());
    for run in 0..=RUNS.min(3) {
        let _ = Store::delete_database("waypoint-bench-import").await;
        let store = Store::open("waypoint-bench-import").await.unwrap();
        let t0 = now();
        let table = parse(csv.as_bytes()).unwrap();
        let mapping = guess_mapping(ImportKind::Contacts, &table.headers);
        let mut n = 0u64;
        let planner = Planner::new(&table, ImportKind::Contacts, mapping, ctx(), |p| {
            n += 1;
            format!("{p}{n}")
        })
        .all();
        assert_eq!(planner.accepted, ROWS);
        store.bulk_put(planner.docs).await.unwrap();
        let ours_s = (now() - t0) / 1000.0;
        drop(store);
        let t1 = now();
        let written = raw_import("waypoint-bench-raw-import", &csv)
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        let raw_s = (now() - t1) / 1000.0;
        assert_eq!(written as usize, ROWS);
        if run > 0 {
            ours.push(ROWS as f64 / ours_s);
            raw.push(ROWS as f64 / raw_s);
        }
    }
    report(
        "CSV import, 50,000 contact rows (rows/s)",
        "rows/s",
        median(ours),
        Some(median(raw)),
    );
}
