use super::*;
use crate::domain::records::RecordChange;
use serde_json::json;

fn now() -> Timestamp {
    Timestamp::from_ymd(2026, 11, 26).unwrap()
}

fn doc(v: Value) -> Doc {
    Doc::from_json(v).unwrap()
}

fn contact() -> Doc {
    doc(
        json!({"_id": "contact:c1", "_rev": "3-aaa", "type": "contact", "schema": 1, "name": "Nguyễn Văn An",
        "email": "an@phatdat.vn", "phone": "0901234567", "title": "Giám đốc", "role": "buyer", "account_id": "account:a1",
        "persona_id": "persona:p1", "consents": [{"purpose": "Tư vấn", "given_at": "2026-01-01T00:00:00.000Z", "source": "web"}],
        "source": {"source": "facebook", "medium": "cpc", "campaign": "tet", "term": "nguyen van an", "referrer": "https://fb.com/an", "landing_page": "https://x.vn/an", "captured_at": "2026-01-01T00:00:00.000Z"},
        "zalo_id": "an.nguyen", "updated_at": "2026-11-01T00:00:00.000Z", "updated_by": "lan"}),
    )
}

fn text_of(d: &Doc) -> String {
    serde_json::to_string(&d.to_json()).unwrap()
}

#[test]
fn the_contact_keeps_only_what_reports_need() {
    let erased = erase_doc(&contact(), "contact:c1", now(), "lan").unwrap();
    let s = text_of(&erased);
    for personal in [
        "Nguyễn",
        "an@phatdat",
        "0901234567",
        "Giám đốc",
        "Tư vấn",
        "nguyen van an",
        "fb.com",
        "x.vn/an",
        "an.nguyen",
    ] {
        assert!(!s.contains(personal), "{personal} survived: {s}");
    }
    assert_eq!(erased.body["name"], ERASED_TEXT);
    assert_eq!(erased.body["account_id"], "account:a1");
    assert_eq!(erased.body["persona_id"], "persona:p1");
    assert_eq!(
        erased.body["source"],
        json!({"source": "facebook", "medium": "cpc", "campaign": "tet", "captured_at": "2026-01-01T00:00:00.000Z"})
    );
    assert_eq!(erased.body[ERASED_AT], now().to_string());
    assert_eq!(
        erased.rev,
        contact().rev,
        "a new revision on top of the current one"
    );
    assert!(
        erased.record::<crate::domain::records::Contact>().is_ok(),
        "still a valid contact"
    );
}

#[test]
fn touchpoints_answers_tickets_and_edits_lose_their_text() {
    let activity = doc(
        json!({"_id": "activity:e1", "type": "activity", "kind": "field_visit", "channel": "field", "journey_stage": "decision",
        "occurred_at": "2026-11-02T00:00:00.000Z", "emotion": 1, "notes": "An kể chuyện gia đình", "contact_id": "contact:c1",
        "location": {"lat": 10.7, "lon": 106.6}, "author": "lan"}),
    );
    let survey = doc(
        json!({"_id": "survey_response:s1", "type": "survey_response", "kind": "nps", "score": 9, "contact_id": "contact:c1", "answered_at": "2026-11-03T00:00:00.000Z", "comment": "Anh An rất hài lòng"}),
    );
    let ticket = doc(
        json!({"_id": "ticket:k1", "type": "ticket", "subject": "An không đăng nhập được", "priority": "high", "contact_id": "contact:c1", "sla_first_response_min": 60, "sla_resolution_min": 480, "opened_at": "2026-11-04T00:00:00.000Z"}),
    );
    let change = doc(
        json!({"_id": "record_change:x1", "type": "record_change", "subject_id": "contact:c1", "contact_id": "contact:c1",
        "changes": [{"field": "phone", "from": "0901234567", "to": "0987654321"}], "occurred_at": "2026-11-05T00:00:00.000Z", "by": "lan"}),
    );
    let transition = doc(
        json!({"_id": "stage_transition:j1", "type": "stage_transition", "subject": "contact", "subject_id": "contact:c1", "to_stage": "decision", "occurred_at": "2026-11-01T00:00:00.000Z"}),
    );
    let other = doc(
        json!({"_id": "activity:e2", "type": "activity", "kind": "call", "channel": "phone", "journey_stage": "decision", "occurred_at": "2026-11-02T00:00:00.000Z", "notes": "khác", "contact_id": "contact:c2"}),
    );

    let a = erase_doc(&activity, "contact:c1", now(), "lan").unwrap();
    assert_eq!(a.body["notes"], "");
    assert!(a.body.get("location").is_none());
    assert_eq!(
        (a.body["kind"].as_str(), a.body["emotion"].as_i64()),
        (Some("field_visit"), Some(1)),
        "aggregates stay"
    );
    assert_eq!(
        erase_doc(&survey, "contact:c1", now(), "lan").unwrap().body["score"],
        9
    );
    assert_eq!(
        erase_doc(&survey, "contact:c1", now(), "lan").unwrap().body["comment"],
        ""
    );
    assert_eq!(
        erase_doc(&ticket, "contact:c1", now(), "lan").unwrap().body["subject"],
        ERASED_TEXT
    );
    let c = erase_doc(&change, "contact:c1", now(), "lan").unwrap();
    assert_eq!(
        c.body["changes"],
        json!([{"field": "phone", "from": "", "to": ""}])
    );
    assert!(c.record::<RecordChange>().is_ok());
    assert!(
        erase_doc(&transition, "contact:c1", now(), "lan").is_none(),
        "nothing personal in a stage move"
    );
    assert!(
        erase_doc(&other, "contact:c1", now(), "lan").is_none(),
        "another person's touchpoint"
    );
    let out = export(
        "contact:c1",
        &[contact(), activity.clone(), other, transition],
        now(),
    );
    let ids: Vec<&str> = out["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec!["activity:e1", "contact:c1", "stage_transition:j1"]
    );
}

#[test]
fn in_a_conflict_the_erased_leaf_wins_and_the_others_are_tombstoned() {
    let base = contact();
    let base = Doc { rev: None, ..base };
    let (e1, r1) = DocEntry::apply_local(None, &base, 1).unwrap();
    let erased = erase_doc(
        &Doc {
            rev: Some(r1.clone()),
            ..base.clone()
        },
        "contact:c1",
        now(),
        "lan",
    )
    .unwrap();
    let (e2, _) = DocEntry::apply_local(Some(&e1), &erased, 2).unwrap();
    // Another device edited the old revision offline; its edit arrives by sync.
    let mut theirs = base.clone();
    theirs.body.insert("phone".into(), json!("0911111111"));
    let theirs_rev: crate::domain::RevId = "2-ffffffffffffffffffffffffffffffff".parse().unwrap();
    let e3 = DocEntry::merge_replicated(Some(&e2), &theirs, &[theirs_rev, r1], 3);
    let writes = erasure_resolution(&e3, now(), "lan").unwrap();
    assert_eq!(writes.len(), 1);
    assert!(
        writes[0].deleted
            && writes[0]
                .rev
                .as_ref()
                .unwrap()
                .to_string()
                .ends_with("ffffffffffffffffffffffffffffffff")
    );
    let (e4, _) = DocEntry::apply_local(Some(&e3), &writes[0], 4).unwrap();
    let winner = e4.winner().unwrap();
    assert!(winner.body.contains_key(ERASED_AT) && !winner.deleted);
    assert!(e4.conflicts().is_empty());
    assert!(
        !serde_json::to_string(&e4.leaves)
            .unwrap()
            .contains("0911111111"),
        "no leaf keeps the phone"
    );
    assert!(erasure_resolution(&e4, now(), "lan").is_none());
}

#[test]
fn an_erased_churn_keeps_a_valid_reason_but_not_its_words() {
    let churn = doc(
        json!({"_id": "activity:ch1", "type": "activity", "kind": "churn", "channel": "support", "journey_stage": "retention",
        "occurred_at": "2026-11-02T00:00:00.000Z", "emotion": -1, "notes": "", "reason": "Anh An chuyển sang đối thủ vì giá",
        "contact_id": "contact:c1", "author": "lan"}),
    );
    let erased = erase_doc(&churn, "contact:c1", now(), "lan").unwrap();
    assert!(!text_of(&erased).contains("đối thủ"));
    assert_eq!(erased.body["reason"], ERASED_TEXT);
    // The store validates every write: an erasure that left the churn without
    // its required reason would refuse the whole erasure.
    assert!(erased.validate().is_ok(), "{:?}", erased.validate());
}
