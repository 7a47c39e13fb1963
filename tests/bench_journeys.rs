//! Journey-map benchmark (`make bench`, release build, headless Chromium): the
//! figures of a persona's map over 100,000 activities and 20,000 stage
//! transitions, recomputed after a filter change (another persona, another date
//! range) from the index built once per load, beside the same figures computed
//! from scratch (index rebuilt from the documents) in the same run. Prints
//! `BENCH {json}` lines for `scripts/bench.py`. Not part of `make test`.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{median, now, report};

use wasm_bindgen_test::*;
use waypoint::domain::journey::metrics::{compute, DateRange, JourneyIndex};
use waypoint::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, PersonaRule, StageTransition, SurveyKind,
    SurveyResponse, TransitionSubject,
};
use waypoint::domain::stages::StageSetPreset;
use waypoint::domain::{Doc, Timestamp};

wasm_bindgen_test_configure!(run_in_browser);

const CONTACTS: usize = 4_000;
const TRANSITIONS: usize = 20_000;
const ACTIVITIES: usize = 100_000;
const SURVEYS: usize = 3_000;
const RUNS: usize = 9;
const PERSONAS: [&str; 4] = ["persona:a", "persona:b", "persona:c", "persona:d"];

fn workspace() -> Vec<Doc> {
    let stages = [
        "awareness",
        "consideration",
        "decision",
        "retention",
        "advocacy",
    ];
    let day0 = Timestamp::from_ymd(2025, 1, 1).unwrap();
    let mut docs = Vec::with_capacity(CONTACTS + TRANSITIONS + ACTIVITIES + SURVEYS + 10);
    let account = Account {
        name: "Công ty Số 1".into(),
        industry: "Bán lẻ".into(),
        segment: "SMB".into(),
        city: String::new(),
        region: String::new(),
        owner: String::new(),
        source: String::new(),
        extra: Default::default(),
    };
    docs.push(Doc::new("a1", &account, day0, "bench").unwrap());
    for c in 0..CONTACTS {
        let contact = Contact {
            name: format!("Nguyễn Văn {c}"),
            account_id: Some("account:a1".into()),
            email: String::new(),
            phone: String::new(),
            title: String::new(),
            role: "buyer".into(),
            persona_id: Some(PERSONAS[c % 4].into()),
            consents: vec![],
            owner: String::new(),
            source: None,
            last_source: None,
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("c{c}"), &contact, day0, "bench").unwrap());
    }
    // Five moves per contact, with a step back now and then.
    for i in 0..TRANSITIONS {
        let (c, k) = (i / 5, i % 5);
        let stage = if k == 3 && c % 7 == 0 { 1 } else { k.min(4) };
        let t = StageTransition {
            subject: TransitionSubject::Contact,
            subject_id: format!("contact:c{c}"),
            account_id: Some("account:a1".into()),
            from_stage: None,
            to_stage: stages[stage].into(),
            occurred_at: day0.plus_days((c % 300) as i64 + k as i64 * 9),
            by: String::new(),
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("t{i}"), &t, day0, "bench").unwrap());
    }
    for i in 0..ACTIVITIES {
        let kind = ActivityKind::ALL[i % 10];
        let a = Activity {
            kind,
            channel: Channel::ALL[i % Channel::ALL.len()],
            journey_stage: stages[i % 5].into(),
            occurred_at: day0.plus_ms(i as i64 * 300_000),
            emotion: (i % 5) as i8 - 2,
            notes: String::new(),
            author: String::new(),
            contact_id: Some(format!("contact:c{}", (i * 7) % CONTACTS)),
            account_id: None,
            deal_id: None,
            reason: String::new(),
            location: None,
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("e{i}"), &a, day0, "bench").unwrap());
    }
    for i in 0..SURVEYS {
        let kind = [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces][i % 3];
        let (lo, hi) = kind.range();
        let s = SurveyResponse {
            kind,
            score: lo + (i % (hi - lo + 1) as usize) as u8,
            contact_id: format!("contact:c{}", (i * 13) % CONTACTS),
            account_id: None,
            ticket_id: None,
            answered_at: day0.plus_days((i % 400) as i64),
            journey_stage: None,
            channel: None,
            comment: String::new(),
            extra: Default::default(),
        };
        docs.push(Doc::new(&format!("s{i}"), &s, day0, "bench").unwrap());
    }
    docs
}

#[wasm_bindgen_test]
fn journey_benchmarks() {
    let docs = workspace();
    let stages = StageSetPreset::Classic.stages();
    let rule = PersonaRule::default();
    let t0 = now();
    let index = JourneyIndex::build(&docs, &stages);
    let build_ms = now() - t0;
    let ranges = [
        DateRange::default(),
        DateRange {
            from: Timestamp::from_ymd(2025, 3, 1),
            to: Timestamp::from_ymd(2025, 9, 1),
        },
    ];
    let everyone: Vec<u32> = (0..index.contact_count() as u32).collect();
    let (mut persona_ms, mut range_ms, mut scratch_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut all_ms = Vec::new();
    let mut checksum = 0u32;
    for run in 0..RUNS {
        // Filter change 1: another persona (membership and figures).
        let t = now();
        let members = index.members(PERSONAS[run % 4], &rule);
        let f = compute(&index, &members, ranges[0]);
        persona_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.stages[0].reached.based_on);
        // Filter change 2: the same persona, another date range.
        let t = now();
        let f = compute(&index, &members, ranges[run % 2]);
        range_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.members);
        // Worst case: every contact (all 100,000 activities walked).
        let t = now();
        let f = compute(&index, &everyone, ranges[run % 2]);
        all_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.stages[1].touchpoints.len() as u32);
        // From scratch: rebuild the index from the documents, then compute.
        if run < 3 {
            let t = now();
            let fresh = JourneyIndex::build(&docs, &stages);
            let m = fresh.members(PERSONAS[run % 4], &rule);
            let f = compute(&fresh, &m, ranges[0]);
            scratch_ms.push(now() - t);
            checksum = checksum.wrapping_add(f.members);
        }
    }
    assert!(checksum > 0);
    let scratch = median(scratch_ms);
    report(
        "Figures after a filter change: another persona (100,000 activities, 20,000 transitions)",
        "ms",
        median(persona_ms),
        Some(scratch),
    );
    report(
        "Figures after a filter change: another date range",
        "ms",
        median(range_ms),
        Some(scratch),
    );
    report(
        "Figures after a filter change: every contact, all 100,000 activities",
        "ms",
        median(all_ms),
        Some(scratch),
    );
    report(
        "Index build once per load (127,001 documents)",
        "ms",
        build_ms,
        None,
    );
}
