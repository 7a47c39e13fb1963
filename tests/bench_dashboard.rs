//! KPI dashboard benchmark (`make bench`, release build, headless Chromium):
//! every dashboard figure over 100,000 activities and 20,000 survey answers
//! (plus contacts, accounts, deals, tickets, stage transitions and period
//! figures in proportion), recomputed after a filter change (another date
//! range, segment or persona) from the index built once per load, beside the
//! same figures computed from scratch (index rebuilt from the documents) in
//! the same run. Prints `BENCH {json}` lines for `scripts/bench.py`. Not part
//! of `make test`.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

mod bench_common;

use bench_common::{median, now, report};

use wasm_bindgen_test::*;
use waypoint::domain::board::moves::{LOST, WON};
use waypoint::domain::dashboard::{compute, DashboardFilter, DashboardIndex};
use waypoint::domain::journey::metrics::DateRange;
use waypoint::domain::lead_source::LeadSource;
use waypoint::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, Deal, DealStatus, PeriodFigures, Pipeline,
    PipelineStage, Record, StageTransition, SurveyKind, SurveyResponse, Ticket, TicketPriority,
    TicketStatus, TransitionSubject, WorkspaceSettings,
};
use waypoint::domain::sla::{BusinessHours, OpenHours, SlaPolicy, SlaSettings};
use waypoint::domain::stages::StageSetPreset;
use waypoint::domain::{Currency, Doc, Money, Timestamp};

wasm_bindgen_test_configure!(run_in_browser);

const ACCOUNTS: usize = 800;
const CONTACTS: usize = 4_000;
const TRANSITIONS: usize = 20_000;
const DEALS: usize = 4_000;
const TICKETS: usize = 4_000;
const ACTIVITIES: usize = 100_000;
const SURVEYS: usize = 20_000;
const MONTHS: usize = 24;
const RUNS: usize = 9;
const SEGMENTS: [&str; 3] = ["SMB", "Mid-market", "Enterprise"];
const PERSONAS: [&str; 4] = ["persona:a", "persona:b", "persona:c", "persona:d"];
const STAGES: [&str; 5] = [
    "awareness",
    "consideration",
    "decision",
    "retention",
    "advocacy",
];

/// Office hours Monday–Friday 08:00–17:00 in Vietnam, so SLA clocks walk real calendars.
fn settings() -> WorkspaceSettings {
    let mut s = WorkspaceSettings::new("vi", Currency::Vnd, StageSetPreset::Classic);
    let hours = BusinessHours::weekdays(OpenHours::new(480, 1020).unwrap(), 420).unwrap();
    s.sla = SlaSettings::from_policy(&SlaPolicy::with_hours(hours));
    s
}

struct Docs {
    docs: Vec<Doc>,
    day0: Timestamp,
}

impl Docs {
    fn add<R: Record>(&mut self, local: &str, r: &R) {
        self.docs
            .push(Doc::new(local, r, self.day0, "bench").unwrap());
    }

    fn move_to(
        &mut self,
        local: &str,
        subject: TransitionSubject,
        who: String,
        to: &str,
        at: Timestamp,
    ) {
        let t = StageTransition {
            subject,
            subject_id: who,
            account_id: None,
            from_stage: None,
            to_stage: to.into(),
            occurred_at: at,
            by: String::new(),
            extra: Default::default(),
        };
        self.add(local, &t);
    }
}

fn workspace() -> Vec<Doc> {
    let day0 = Timestamp::from_ymd(2025, 1, 1).unwrap();
    let mut w = Docs {
        docs: Vec::with_capacity(200_000),
        day0,
    };
    for a in 0..ACCOUNTS {
        let account = Account {
            name: format!("Công ty Số {a}"),
            industry: "Bán lẻ".into(),
            segment: SEGMENTS[a % 3].into(),
            city: String::new(),
            region: String::new(),
            owner: String::new(),
            source: String::new(),
            extra: Default::default(),
        };
        w.add(&format!("a{a}"), &account);
    }
    let sources = [
        ("facebook", "cpc"),
        ("google", "organic"),
        ("newsletter", "email"),
        ("partner", "referral"),
    ];
    for c in 0..CONTACTS {
        let (source, medium) = sources[c % 4];
        let contact = Contact {
            name: format!("Nguyễn Văn {c}"),
            account_id: Some(format!("account:a{}", c % ACCOUNTS)),
            email: String::new(),
            phone: String::new(),
            title: String::new(),
            role: "buyer".into(),
            persona_id: Some(PERSONAS[c % 4].into()),
            consents: vec![],
            owner: String::new(),
            source: (c % 5 != 0).then(|| LeadSource {
                source: source.into(),
                medium: medium.into(),
                campaign: format!("campaign-{}", c % 12),
                term: String::new(),
                content: String::new(),
                referrer: String::new(),
                landing_page: String::new(),
                captured_at: day0.plus_days((c % 365) as i64),
            }),
            last_source: None,
            extra: Default::default(),
        };
        w.add(&format!("c{c}"), &contact);
    }
    // Five moves per contact, with a step back now and then.
    for i in 0..TRANSITIONS {
        let (c, k) = (i / 5, i % 5);
        let stage = if k == 3 && c % 7 == 0 { 1 } else { k.min(4) };
        let at = day0.plus_days((c % 300) as i64 + k as i64 * 9);
        w.move_to(
            &format!("t{i}"),
            TransitionSubject::Contact,
            format!("contact:c{c}"),
            STAGES[stage],
            at,
        );
    }
    let stage = |id: &str, probability| PipelineStage {
        id: id.into(),
        name: id.into(),
        probability,
        rotting_days: None,
        wip_limit: None,
    };
    let pipeline = Pipeline {
        name: "Bán hàng".into(),
        stages: vec![stage("lead", 10), stage("demo", 40), stage("proposal", 70)],
        extra: Default::default(),
    };
    w.add("p", &pipeline);
    for i in 0..DEALS {
        let created = day0.plus_days((i % 500) as i64);
        let status = [
            DealStatus::Open,
            DealStatus::Won,
            DealStatus::Open,
            DealStatus::Lost,
        ][i % 4];
        let closed = created.plus_days(5 + (i % 60) as i64);
        let id = format!("deal:d{i}");
        w.move_to(
            &format!("dt{i}"),
            TransitionSubject::Deal,
            id.clone(),
            "lead",
            created,
        );
        match status {
            DealStatus::Won => {
                w.move_to(&format!("dw{i}"), TransitionSubject::Deal, id, WON, closed)
            }
            DealStatus::Lost => {
                w.move_to(&format!("dl{i}"), TransitionSubject::Deal, id, LOST, closed)
            }
            DealStatus::Open => {}
        }
        let deal = Deal {
            title: format!("Hợp đồng {i}"),
            pipeline_id: "pipeline:p".into(),
            stage_id: ["lead", "demo", "proposal"][i % 3].into(),
            status,
            value: if i % 10 == 0 {
                Money::new(50_000 + i as i64, Currency::Usd)
            } else {
                Money::new(10_000_000 + i as i64 * 1_000, Currency::Vnd)
            },
            probability: (i % 7 == 0).then_some(35),
            account_id: Some(format!("account:a{}", i % ACCOUNTS)),
            contact_id: Some(format!("contact:c{}", (i * 3) % CONTACTS)),
            owner: String::new(),
            expected_close: None,
            stage_entered_at: if status == DealStatus::Open {
                created
            } else {
                closed
            },
            lost_reason: None,
            support_lead: None,
            rank: None,
            extra: Default::default(),
        };
        w.add(&format!("d{i}"), &deal);
    }
    for i in 0..TICKETS {
        let opened = day0.plus_ms(i as i64 * 8_640_000);
        let resolved = i % 10 != 0;
        let ticket = Ticket {
            subject: format!("Yêu cầu {i}"),
            description: String::new(),
            channel: Some(Channel::ALL[i % Channel::ALL.len()]),
            priority: TicketPriority::Normal,
            status: if resolved {
                TicketStatus::Resolved
            } else {
                TicketStatus::Open
            },
            assignee: String::new(),
            status_log: vec![],
            csat_requested_at: None,
            account_id: None,
            contact_id: Some(format!("contact:c{}", (i * 11) % CONTACTS)),
            sla_first_response_min: 480,
            sla_resolution_min: 2_880,
            opened_at: opened,
            first_response_at: Some(opened.plus_ms((i % 20) as i64 * 3_600_000)),
            resolved_at: resolved.then(|| opened.plus_ms((i % 90) as i64 * 3_600_000 + 60_000)),
            extra: Default::default(),
        };
        w.add(&format!("k{i}"), &ticket);
    }
    for i in 0..ACTIVITIES {
        let kind = match i % 100 {
            0 => ActivityKind::Churn,
            1..=5 => ActivityKind::Purchase,
            n => ActivityKind::ALL[n % 9],
        };
        let a = Activity {
            kind,
            channel: Channel::ALL[i % Channel::ALL.len()],
            journey_stage: STAGES[i % 5].into(),
            occurred_at: day0.plus_ms(i as i64 * 300_000),
            emotion: (i % 5) as i8 - 2,
            notes: String::new(),
            author: String::new(),
            contact_id: Some(format!("contact:c{}", (i * 7) % CONTACTS)),
            account_id: None,
            deal_id: None,
            reason: if kind == ActivityKind::Churn {
                ["Giá cao", "Thiếu tính năng"][i % 2].into()
            } else {
                String::new()
            },
            location: None,
            extra: Default::default(),
        };
        w.add(&format!("e{i}"), &a);
    }
    for i in 0..SURVEYS {
        let kind = [SurveyKind::Nps, SurveyKind::Csat, SurveyKind::Ces][i % 3];
        let (lo, hi) = kind.range();
        let s = SurveyResponse {
            kind,
            score: lo + (i % (hi - lo + 1) as usize) as u8,
            contact_id: format!("contact:c{}", (i * 13) % CONTACTS),
            account_id: None,
            ticket_id: (i % 4 == 0).then(|| format!("ticket:k{}", i % TICKETS)),
            answered_at: day0.plus_ms(i as i64 * 1_728_000),
            journey_stage: None,
            channel: None,
            comment: String::new(),
            extra: Default::default(),
        };
        w.add(&format!("s{i}"), &s);
    }
    for m in 0..MONTHS {
        let mut p = PeriodFigures::new(&format!("{}-{:02}", 2025 + m / 12, m % 12 + 1));
        p.acquisition_spend = Some(Money::new(200_000_000, Currency::Vnd));
        p.revenue = Some(Money::new(
            2_000_000_000 + m as i64 * 10_000_000,
            Currency::Vnd,
        ));
        for a in 0..ACCOUNTS {
            if (a + m) % 9 != 0 {
                let amount = Money::new(5_000_000 + (a * m) as i64 * 1_000, Currency::Vnd);
                p.recurring_revenue.insert(format!("account:a{a}"), amount);
            }
        }
        w.add(p.local_id(), &p);
    }
    w.docs
}

#[wasm_bindgen_test]
fn dashboard_benchmarks() {
    let docs = workspace();
    let settings = settings();
    let t0 = now();
    let index = DashboardIndex::build(&docs, &settings);
    let build_ms = now() - t0;
    let today = Timestamp::from_ymd(2026, 6, 1).unwrap();
    let ranges = [
        DateRange::default(),
        DateRange {
            from: Timestamp::from_ymd(2025, 3, 1),
            to: Timestamp::from_ymd(2025, 9, 1),
        },
        DateRange {
            from: Timestamp::from_ymd(2026, 3, 1),
            to: None,
        },
    ];
    let filter = |range, segment: Option<&str>, persona: Option<&str>| DashboardFilter {
        range,
        segment: segment.map(Into::into),
        persona: persona.map(Into::into),
        now: today,
    };
    // Warm-up (allocator, caches).
    let warm = compute(&index, &filter(ranges[0], None, None));
    let mut checksum = warm.surveys.overall.nps.score.based_on;
    let (mut range_ms, mut segment_ms, mut persona_ms, mut scratch_ms) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for run in 0..RUNS {
        // Filter change 1: another date range, whole workspace.
        let t = now();
        let f = compute(&index, &filter(ranges[run % 3], None, None));
        range_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.pipeline.won.based_on);
        // Filter change 2: another segment.
        let t = now();
        let f = compute(
            &index,
            &filter(ranges[run % 3], Some(SEGMENTS[run % 3]), None),
        );
        segment_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.support.opened.based_on);
        // Filter change 3: another persona.
        let t = now();
        let f = compute(
            &index,
            &filter(ranges[run % 3], None, Some(PERSONAS[run % 4])),
        );
        persona_ms.push(now() - t);
        checksum = checksum.wrapping_add(f.surveys.overall.csat.based_on);
        // From scratch: rebuild the index from the documents, then compute.
        if run < 3 {
            let t = now();
            let fresh = DashboardIndex::build(&docs, &settings);
            let f = compute(&fresh, &filter(ranges[run % 3], None, None));
            scratch_ms.push(now() - t);
            checksum = checksum.wrapping_add(f.contacts.based_on);
        }
    }
    assert!(checksum > 0);
    let scratch = median(scratch_ms);
    report(
        "Figures after a filter change: another date range (100,000 activities, 20,000 survey answers)",
        "ms",
        median(range_ms),
        Some(scratch),
    );
    report(
        "Figures after a filter change: another segment",
        "ms",
        median(segment_ms),
        Some(scratch),
    );
    report(
        "Figures after a filter change: another persona",
        "ms",
        median(persona_ms),
        Some(scratch),
    );
    report(
        &format!("Index build once per load ({} documents)", docs.len()),
        "ms",
        build_ms,
        None,
    );
}
