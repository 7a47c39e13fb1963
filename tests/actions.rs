//! Browser tests of the application layer (`src/actions`): every use case
//! against a real IndexedDB store in headless Chromium, without the UI. Each
//! checks what was written, by whom, and that a refused write changed nothing.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen_test::*;
use waypoint::actions::contacts::{create_contact, Created};
use waypoint::actions::journeys::{save_map, MapSave};
use waypoint::actions::{
    conflicts, deals, follows, periods, privacy, records, settings, touchpoints, Actor, SaveError,
};
use waypoint::domain::board::Card;
use waypoint::domain::journey::edit::new_map;
use waypoint::domain::lead_source::LeadSource;
use waypoint::domain::money::{Currency, Money};
use waypoint::domain::records::{
    Account, Activity, ActivityKind, Contact, Deal, JourneyMap, PeriodFigures, RecordChange,
    StageTransition, WorkspaceSettings,
};
use waypoint::domain::replication::{Checkpoint, Incoming};
use waypoint::domain::{Doc, Record, Timestamp};
use waypoint::store::{ChangeEvent, Store};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh store with an actor writing as `lan`.
async fn actor(name: &str) -> Actor {
    let db = format!("actions-{name}-{}", (js_sys::Math::random() * 1e12) as u64);
    Actor::new(Store::open(&db).await.unwrap(), "lan")
}

fn source(campaign: &str) -> LeadSource {
    LeadSource {
        source: "facebook".into(),
        medium: "cpc".into(),
        campaign: campaign.into(),
        captured_at: Timestamp(1_700_000_000_000),
        ..Default::default()
    }
}

fn author_of(doc: &Doc) -> &str {
    doc.body["updated_by"].as_str().unwrap_or_default()
}

async fn all<R: Record>(a: &Actor) -> Vec<(String, R)> {
    a.store().records_of::<R>().await.unwrap()
}

#[wasm_bindgen_test]
async fn a_new_contact_enters_the_first_stage_in_the_same_write() {
    let a = actor("contact").await;
    let seq = a.store().local_seq().await.unwrap();
    let c = Contact {
        name: "Nguyễn Đức Long".into(),
        email: "long@phatdat.vn".into(),
        ..Default::default()
    };
    let created = create_contact(&a, &c, Some("awareness".into()))
        .await
        .unwrap();
    let Created::New(id) = created else {
        panic!("a new email makes a new contact")
    };
    let doc = a.store().get(&id).await.unwrap().unwrap();
    assert_eq!(author_of(&doc), "lan");
    let moves = all::<StageTransition>(&a).await;
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0].1.subject_id, id);
    assert_eq!(moves[0].1.to_stage, "awareness");
    assert_eq!(moves[0].1.by, "lan");
    // One transaction: the local sequence moved by exactly the two documents.
    assert_eq!(a.store().local_seq().await.unwrap(), seq + 2);
}

#[wasm_bindgen_test]
async fn an_invalid_contact_is_refused_and_nothing_is_written() {
    let a = actor("invalid").await;
    let c = Contact {
        name: "  ".into(),
        email: "not-an-email".into(),
        ..Default::default()
    };
    match create_contact(&a, &c, Some("awareness".into())).await {
        Err(SaveError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["name", "email"]);
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert_eq!(a.store().local_seq().await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn a_later_campaign_touch_on_a_known_email_updates_the_latest_touch() {
    let a = actor("touch").await;
    let first = Contact {
        name: "Trần Thu Hà".into(),
        email: "ha@minhphat.vn".into(),
        source: Some(source("tet")),
        ..Default::default()
    };
    let Created::New(id) = create_contact(&a, &first, None).await.unwrap() else {
        panic!("first touch makes the contact")
    };
    let again = Contact {
        name: "Hà".into(),
        email: "HA@MinhPhat.vn".into(),
        source: Some(source("summer")),
        ..Default::default()
    };
    assert_eq!(
        create_contact(&a, &again, None).await.unwrap(),
        Created::Touched {
            id: id.clone(),
            name: "Trần Thu Hà".into()
        }
    );
    let contacts = all::<Contact>(&a).await;
    assert_eq!(contacts.len(), 1, "no duplicate person");
    let known = &contacts[0].1;
    assert_eq!(known.name, "Trần Thu Hà", "nothing but the touch changes");
    assert_eq!(known.source.as_ref().unwrap().campaign, "tet");
    assert_eq!(known.last_source.as_ref().unwrap().campaign, "summer");
    let changes = all::<RecordChange>(&a).await;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].1.subject_id, id);
    assert!(changes[0]
        .1
        .changes
        .iter()
        .any(|c| c.field == "last_source"));
}

#[wasm_bindgen_test]
async fn an_edit_records_what_changed_and_an_unchanged_one_writes_nothing() {
    let a = actor("edit").await;
    let acc = Account {
        name: "Phát Đạt".into(),
        city: "Đà Nẵng".into(),
        ..Default::default()
    };
    let id = records::create(&a, "a", &acc).await.unwrap();
    let doc = a.store().get(&id).await.unwrap().unwrap();
    let seq = a.store().local_seq().await.unwrap();
    assert!(!records::save_edit(&a, &doc, &acc, Some(id.clone()), None)
        .await
        .unwrap());
    assert_eq!(a.store().local_seq().await.unwrap(), seq);

    let moved = Account {
        city: "Huế".into(),
        ..acc.clone()
    };
    assert!(records::save_edit(&a, &doc, &moved, Some(id.clone()), None)
        .await
        .unwrap());
    let changes = all::<RecordChange>(&a).await;
    assert_eq!(changes.len(), 1);
    let change = &changes[0].1;
    assert_eq!(
        (change.by.as_str(), change.subject_id.as_str()),
        ("lan", id.as_str())
    );
    assert_eq!(change.changes.len(), 1);
    assert_eq!(
        (
            change.changes[0].from.as_str(),
            change.changes[0].to.as_str()
        ),
        ("Đà Nẵng", "Huế")
    );
    // Built on the old revision again: refused as a conflict, nothing written.
    let seq = a.store().local_seq().await.unwrap();
    let again = Account {
        city: "Hội An".into(),
        ..acc
    };
    assert!(matches!(
        records::save_edit(&a, &doc, &again, None, None).await,
        Err(SaveError::Store(_))
    ));
    assert_eq!(a.store().local_seq().await.unwrap(), seq);
}

#[wasm_bindgen_test]
async fn delete_and_undo_bring_the_record_back_as_a_new_revision_by_the_actor() {
    let a = actor("undo").await;
    let id = records::create(
        &a,
        "a",
        &Account {
            name: "Sao Mai".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let doc = a.store().get(&id).await.unwrap().unwrap();
    let old = records::delete(&a, &doc).await.unwrap();
    assert!(a.store().get(&id).await.unwrap().is_none(), "deleted");
    let undoer = Actor::new(a.store().clone(), "minh");
    records::restore(&undoer, &old).await.unwrap();
    let back = a.store().get(&id).await.unwrap().unwrap();
    assert!(!back.deleted);
    assert_eq!(back.body["name"], "Sao Mai");
    assert_eq!(author_of(&back), "minh");
    assert_eq!(back.rev.unwrap().pos, 3, "create, tombstone, restore");
}

#[wasm_bindgen_test]
async fn settings_are_saved_by_the_actor_not_a_placeholder() {
    let a = actor("settings").await;
    let mut s = WorkspaceSettings::default();
    settings::save(&a, &s).await.unwrap();
    s.locale = "en".into();
    settings::save(&a, &s).await.unwrap();
    let doc = a
        .store()
        .get(&settings::settings_id())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(author_of(&doc), "lan");
    assert_eq!(doc.rev.unwrap().pos, 2);
    assert_eq!(
        settings::load(a.store()).await.unwrap().unwrap().locale,
        "en"
    );
}

#[wasm_bindgen_test]
async fn a_touchpoint_with_people_lands_on_each_timeline_with_one_visit_id() {
    let a = actor("visit").await;
    let visit = Activity {
        kind: ActivityKind::FieldVisit,
        journey_stage: "decision".into(),
        occurred_at: Timestamp(1_700_000_000_000),
        notes: "Demo tại văn phòng".into(),
        author: "someone else".into(),
        ..Default::default()
    };
    let people = vec!["contact:c1".to_string(), "contact:c2".to_string()];
    let refused = touchpoints::log(&a, visit.clone(), people.clone(), &["awareness"], &[]).await;
    assert!(
        matches!(refused, Err(SaveError::Invalid(_))),
        "unknown stage"
    );
    assert_eq!(a.store().local_seq().await.unwrap(), 0);

    let ids = touchpoints::log(&a, visit, people, &["awareness", "decision"], &[])
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    let logged = all::<Activity>(&a).await;
    let mut who: Vec<_> = logged
        .iter()
        .filter_map(|(_, x)| x.contact_id.clone())
        .collect();
    who.sort();
    assert_eq!(who, ["contact:c1", "contact:c2"]);
    assert!(logged.iter().all(|(_, x)| x.author == "lan"));
    assert_eq!(logged[0].1.extra["visit"], logged[1].1.extra["visit"]);
}

#[wasm_bindgen_test]
async fn following_toggles_and_reading_the_inbox_is_a_change_screens_hear() {
    let a = actor("follow").await;
    assert!(follows::toggle(&a, "deal:d1").await.unwrap());
    assert!(follows::my_follow(&a, "deal:d1").await.unwrap().is_some());
    let other = Actor::new(a.store().clone(), "minh");
    assert!(follows::my_follow(&other, "deal:d1")
        .await
        .unwrap()
        .is_none());
    assert!(!follows::toggle(&a, "deal:d1").await.unwrap());
    assert!(follows::my_follow(&a, "deal:d1").await.unwrap().is_none());

    let heard: Rc<RefCell<Vec<ChangeEvent>>> = Rc::default();
    let sink = heard.clone();
    let _sub = a
        .store()
        .subscribe(move |e| sink.borrow_mut().push(e.clone()));
    follows::mark_read(a.store(), vec!["n2".into(), "n1".into()])
        .await
        .unwrap();
    follows::mark_read(a.store(), vec!["n1".into(), "n3".into()])
        .await
        .unwrap();
    assert_eq!(follows::seen(a.store()).await.unwrap(), ["n1", "n2", "n3"]);
    let heard = heard.borrow();
    assert_eq!(heard.len(), 2);
    assert_eq!(heard[0].settings, [follows::INBOX_SEEN]);
    assert!(heard[0].ids.is_empty());
}

#[wasm_bindgen_test]
async fn a_month_keeps_its_recurring_amounts_and_its_figures_together() {
    let a = actor("period").await;
    let vnd = |n| Money::new(n, Currency::Vnd);
    periods::set_recurring(&a, "2026-03", "account:a1", Some(vnd(5_000_000)))
        .await
        .unwrap();
    periods::record_figures(&a, "2026-03", Some(vnd(2_000_000)), None)
        .await
        .unwrap();
    periods::set_recurring(&a, "2026-03", "account:a2", Some(vnd(1_000_000)))
        .await
        .unwrap();
    periods::set_recurring(&a, "2026-03", "account:a1", None)
        .await
        .unwrap();
    let months = all::<PeriodFigures>(&a).await;
    assert_eq!(months.len(), 1);
    let m = &months[0].1;
    assert_eq!(m.acquisition_spend, Some(vnd(2_000_000)));
    assert_eq!(m.revenue, None);
    assert_eq!(
        m.recurring_revenue.keys().collect::<Vec<_>>(),
        ["account:a2"]
    );
}

#[wasm_bindgen_test]
async fn erasing_a_person_with_a_churn_succeeds_and_leaves_no_words() {
    let a = actor("erase").await;
    let c = Contact {
        name: "Lê Văn Bình".into(),
        email: "binh@x.vn".into(),
        ..Default::default()
    };
    let Created::New(cid) = create_contact(&a, &c, Some("retention".into()))
        .await
        .unwrap()
    else {
        panic!("new")
    };
    let churn = Activity {
        kind: ActivityKind::Churn,
        journey_stage: "retention".into(),
        reason: "Anh Bình chuyển sang đối thủ".into(),
        contact_id: Some(cid.clone()),
        ..Default::default()
    };
    touchpoints::log(&a, churn, vec![], &["retention"], &[])
        .await
        .unwrap();
    let rewritten = privacy::erase(&a, &cid, None).await.unwrap();
    assert_eq!(
        rewritten, 2,
        "the contact and the churn (a stage entry holds no words)"
    );
    let left = serde_json::to_string(
        &privacy::referring(a.store(), &cid)
            .await
            .unwrap()
            .iter()
            .map(Doc::to_json)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        !left.contains("Bình") && !left.contains("binh@x.vn"),
        "{left}"
    );
}

#[wasm_bindgen_test]
async fn a_conflict_resolved_by_the_actor_keeps_the_picked_value() {
    let a = actor("conflict").await;
    let id = records::create(
        &a,
        "a",
        &Account {
            name: "Hoà Bình".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let base = a.store().get(&id).await.unwrap().unwrap();
    let mut mine = base.clone();
    mine.set_record(
        &Account {
            name: "Hoà Bình JSC".into(),
            ..Default::default()
        },
        Timestamp(1),
        "lan",
    )
    .unwrap();
    let mine_rev = a.store().put(mine).await.unwrap().rev;
    // A second branch from the same parent, as sync brings one.
    let mut theirs = base.to_json();
    theirs["_rev"] = "2-ffffffffffffffffffffffffffffffff".into();
    theirs["name"] = "Hoa Binh Co".into();
    let theirs = Doc::from_json(theirs).unwrap();
    let incoming = Incoming {
        history: vec![theirs.rev.clone().unwrap(), base.rev.clone().unwrap()],
        doc: theirs,
    };
    let cp = Checkpoint::next(None, "test", "s1", serde_json::json!(1));
    a.store().merge_pulled(&[incoming], &[], &cp).await.unwrap();
    assert_eq!(a.store().conflicted().await.unwrap().len(), 1);
    let picks = BTreeMap::from([("name".to_string(), mine_rev)]);
    conflicts::resolve(&a, &id, &picks).await.unwrap();
    assert!(a.store().conflicted().await.unwrap().is_empty());
    let won = a.store().get(&id).await.unwrap().unwrap();
    assert_eq!(won.body["name"], "Hoà Bình JSC");
    assert_eq!(author_of(&won), "lan");
}

#[wasm_bindgen_test]
async fn a_map_saved_elsewhere_first_is_merged_not_lost() {
    let a = actor("map").await;
    let stages = WorkspaceSettings::default().journey_stages;
    let map = new_map("Hành trình SME", "persona:p1", &stages);
    let id = records::create(&a, "m", &map).await.unwrap();
    let base = a.store().get(&id).await.unwrap().unwrap();

    let other = Actor::new(a.store().clone(), "minh");
    let theirs = JourneyMap {
        title: "Hành trình SME 2027".into(),
        ..map.clone()
    };
    let MapSave::Saved(_) = save_map(&other, &base, &map, &theirs).await.unwrap() else {
        panic!("the first save writes")
    };
    let mut ours = map.clone();
    ours.columns[0].label = "Nhận biết (online)".into();
    let MapSave::Merged { latest, merged } = save_map(&a, &base, &map, &ours).await.unwrap() else {
        panic!("a save on an old revision merges")
    };
    assert_eq!(merged.title, "Hành trình SME 2027");
    assert_eq!(merged.columns[0].label, "Nhận biết (online)");
    let MapSave::Saved(saved) = save_map(&a, &latest, &theirs, &merged).await.unwrap() else {
        panic!("the merged map saves on their revision")
    };
    assert_eq!(author_of(&saved), "lan");
    let stored: JourneyMap = a.store().get(&id).await.unwrap().unwrap().record().unwrap();
    assert_eq!(stored, merged);
}

#[wasm_bindgen_test]
async fn a_deal_edit_saves_its_change_and_a_new_deal_its_first_stage() {
    let a = actor("deal").await;
    let deal = Deal {
        title: "Gói CRM 50 người".into(),
        pipeline_id: "pipeline:sales".into(),
        stage_id: "qualified".into(),
        value: Money::new(120_000_000, Currency::Vnd),
        ..Default::default()
    };
    let card = Card {
        id: Deal::TYPE.doc_id("d1"),
        rev: None,
        deal: deal.clone(),
        search: String::new(),
    };
    let entry = StageTransition {
        subject_id: card.id.clone(),
        to_stage: "qualified".into(),
        by: "lan".into(),
        ..Default::default()
    };
    let rev = deals::save_deal(&a, &card, Some(("d1-s0".into(), entry)))
        .await
        .unwrap();
    assert_eq!(all::<StageTransition>(&a).await.len(), 1);
    assert!(
        all::<RecordChange>(&a).await.is_empty(),
        "a new deal has no change"
    );
    let edited = Card {
        rev: Some(rev),
        deal: Deal {
            value: Money::new(150_000_000, Currency::Vnd),
            ..deal
        },
        ..card
    };
    deals::save_deal(&a, &edited, None).await.unwrap();
    let changes = all::<RecordChange>(&a).await;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].1.changes[0].field, "value");
    assert_eq!(changes[0].1.by, "lan");
}
