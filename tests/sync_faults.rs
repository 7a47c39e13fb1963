//! Fault injection: random concurrent edits on both sides, synced through a proxy
//! that delays, drops, fails and truncates (`tests/faulty_proxy.py`). Every round
//! must end with the same leaves and winners on both peers and no revision lost.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{server, PROXY};
use gloo_net::http::Method;
use serde_json::json;
use std::collections::BTreeSet;
use wasm_bindgen_test::*;
use waypoint::domain::{Doc, RevId};
use waypoint::store::Store;
use waypoint::sync::{sync_once, Auth, Options, Remote};

wasm_bindgen_test_configure!(run_in_browser);

const ROUNDS: u64 = 20;
const DOCS: usize = 12;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

thread_local! {
    static FAILED_ATTEMPTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Syncs through the faulty proxy until one full round succeeds and moves nothing.
async fn sync_until_quiet(store: &Store, remote: &Remote) -> usize {
    let opts = Options {
        batch_size: 5,
        max_batches: None,
    };
    for attempt in 1..=300 {
        let r = sync_once(store, remote, &opts).await;
        if r.is_err() {
            FAILED_ATTEMPTS.with(|f| f.set(f.get() + 1));
        }
        if let Ok((pull, push)) = r {
            if pull.revisions_written == 0
                && push.revisions_written == 0
                && pull.errors.is_empty()
                && push.errors.is_empty()
            {
                return attempt;
            }
        }
    }
    panic!("sync never settled through the faulty proxy");
}

fn id(i: usize) -> String {
    format!("account:f{i:02}")
}

#[wasm_bindgen_test]
async fn random_concurrent_edits_converge_through_a_faulty_network_and_lose_nothing() {
    let mut total_attempts = 0;
    for round in 0..ROUNDS {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (round + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let db = format!("faults-{round}-{}", (js_sys::Math::random() * 1e9) as u64);
        Store::delete_database(&db).await.unwrap();
        let store = Store::open(&db).await.unwrap();
        assert_eq!(server(Method::PUT, &format!("/{db}"), None).await.0, 201);
        let remote = Remote::new(PROXY, &db, Auth::None);
        let mut written: BTreeSet<(String, RevId)> = BTreeSet::new();

        for i in 0..DOCS {
            let doc =
                Doc::from_json(json!({"_id": id(i), "type": "account", "name": format!("KH {i}")}))
                    .unwrap();
            let out = store.put(doc).await.unwrap();
            written.insert((out.id, out.rev));
        }
        total_attempts += sync_until_quiet(&store, &remote).await;

        // Both sides edit and delete at random, several times, without syncing in between.
        for step in 0..3 {
            for _ in 0..4 {
                let i = rng.below(DOCS);
                if let Some(mut doc) = store.get(&id(i)).await.unwrap() {
                    let out = if rng.below(6) == 0 {
                        let rev = doc.rev.clone().unwrap();
                        store
                            .delete(&id(i), &rev, Default::default(), "local")
                            .await
                            .unwrap()
                    } else {
                        doc.body.insert(
                            "city".into(),
                            json!(format!("local {round}.{step}.{}", rng.next() % 100)),
                        );
                        store.put(doc).await.unwrap()
                    };
                    written.insert((out.id, out.rev));
                }
                let j = rng.below(DOCS);
                let (status, current) =
                    server(Method::GET, &format!("/{db}/{}", id(j)), None).await;
                if status == 200 {
                    let rev = current["_rev"].as_str().unwrap().to_string();
                    let (status, reply) = if rng.below(6) == 0 {
                        server(Method::DELETE, &format!("/{db}/{}?rev={rev}", id(j)), None).await
                    } else {
                        let mut edited = current.clone();
                        edited["city"] =
                            json!(format!("server {round}.{step}.{}", rng.next() % 100));
                        server(Method::PUT, &format!("/{db}/{}", id(j)), Some(edited)).await
                    };
                    assert!(status == 200 || status == 201, "{reply}");
                    written.insert((id(j), reply["rev"].as_str().unwrap().parse().unwrap()));
                }
            }
            if rng.below(2) == 0 {
                total_attempts += sync_until_quiet(&store, &remote).await;
            }
        }
        total_attempts += sync_until_quiet(&store, &remote).await;

        for i in 0..DOCS {
            let entry = store
                .entry(&id(i))
                .await
                .unwrap()
                .expect("every doc is known locally");
            let local_leaves: BTreeSet<String> = entry
                .tree
                .leaves()
                .iter()
                .map(|(r, _)| r.to_string())
                .collect();
            let (_, open) =
                server(Method::GET, &format!("/{db}/{}?open_revs=all", id(i)), None).await;
            let server_leaves: BTreeSet<String> = open
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|x| x["ok"]["_rev"].as_str().map(str::to_owned))
                .collect();
            assert_eq!(
                local_leaves,
                server_leaves,
                "round {round}: leaves of {}",
                id(i)
            );
            let (status, winner) = server(Method::GET, &format!("/{db}/{}", id(i)), None).await;
            let (local_winner, deleted) = entry.tree.winner().unwrap();
            if deleted {
                assert_eq!(status, 404, "round {round}: {} is deleted on both", id(i));
            } else {
                assert_eq!(
                    winner["_rev"],
                    local_winner.to_string(),
                    "round {round}: winner of {}",
                    id(i)
                );
            }
        }
        for (doc_id, rev) in &written {
            let entry = store.entry(doc_id).await.unwrap().unwrap();
            assert!(
                entry.tree.contains(rev),
                "round {round}: revision {rev} of {doc_id} was lost"
            );
        }
        drop(store);
        Store::delete_database(&db).await.unwrap();
    }
    // The proxy did interfere: many rounds failed part-way and were resumed.
    let failed = FAILED_ATTEMPTS.with(|f| f.get());
    assert!(
        failed > 20,
        "only {failed} of {total_attempts} attempts met a fault"
    );
}
