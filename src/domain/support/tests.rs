use super::*;
use crate::domain::records::{PipelineStage, TicketPriority};
use crate::domain::sla::{ClockState, SlaSettings, Urgency};
use crate::domain::Currency;

fn t(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap_or_else(|| panic!("bad time {s}"))
}

fn ticket(opened: &str) -> Ticket {
    Ticket {
        subject: "Không xuất được hoá đơn".into(),
        description: String::new(),
        channel: None,
        priority: TicketPriority::Normal,
        status: TicketStatus::New,
        assignee: String::new(),
        status_log: Vec::new(),
        csat_requested_at: None,
        account_id: Some("account:a1".into()),
        contact_id: Some("contact:c1".into()),
        sla_first_response_min: 60,
        sla_resolution_min: 240,
        opened_at: t(opened),
        first_response_at: None,
        resolved_at: None,
        extra: Default::default(),
    }
}

fn step(t0: &Ticket, to: TicketStatus, at: &str) -> Ticket {
    change_status(t0, to, t(at), "lan").unwrap()
}

#[test]
fn leaving_new_is_the_first_response_and_resolving_stops_the_clock() {
    let a = ticket("2026-03-02T09:00Z");
    let b = step(&a, TicketStatus::Open, "2026-03-02T09:20Z");
    assert_eq!(b.first_response_at, Some(t("2026-03-02T09:20Z")));
    assert_eq!(b.status, TicketStatus::Open);
    let c = step(&b, TicketStatus::Resolved, "2026-03-02T11:00Z");
    assert_eq!(c.resolved_at, Some(t("2026-03-02T11:00Z")));
    // Closing later keeps the resolution time.
    let d = step(&c, TicketStatus::Closed, "2026-03-05T11:00Z");
    assert_eq!(d.resolved_at, Some(t("2026-03-02T11:00Z")));
    assert_eq!(d.status_log.len(), 3);
    assert_eq!(d.status_log[2].by, "lan");
    // A recorded first response is not overwritten by the first status change.
    let mut e = ticket("2026-03-02T09:00Z");
    e.first_response_at = Some(t("2026-03-02T09:05Z"));
    let f = step(&e, TicketStatus::PendingCustomer, "2026-03-02T10:00Z");
    assert_eq!(f.first_response_at, Some(t("2026-03-02T09:05Z")));
}

#[test]
fn the_workflow_refuses_impossible_or_backdated_steps() {
    let a = ticket("2026-03-02T09:00Z");
    assert_eq!(
        change_status(&a, TicketStatus::New, t("2026-03-02T10:00Z"), ""),
        Err(TicketError::NotAllowed {
            from: TicketStatus::New,
            to: TicketStatus::New
        })
    );
    let closed = step(&a, TicketStatus::Closed, "2026-03-02T10:00Z");
    assert!(change_status(&closed, TicketStatus::Resolved, t("2026-03-02T11:00Z"), "").is_err());
    assert_eq!(
        change_status(&closed, TicketStatus::Open, t("2026-03-02T09:59Z"), ""),
        Err(TicketError::BeforeLastChange)
    );
    assert_eq!(
        change_status(&a, TicketStatus::Open, t("2026-03-02T08:59Z"), ""),
        Err(TicketError::BeforeLastChange)
    );
    // Every listed next status is accepted, and none is the current one.
    for from in TicketStatus::ALL {
        assert!(!next_statuses(from).contains(&from));
    }
}

#[test]
fn reopening_clears_the_resolution_and_the_resolved_stretch_is_a_pause() {
    let a = ticket("2026-03-02T09:00Z");
    let b = step(&a, TicketStatus::Resolved, "2026-03-02T10:00Z");
    let c = step(&b, TicketStatus::Open, "2026-03-02T12:00Z");
    assert_eq!(c.resolved_at, None);
    assert_eq!(
        pauses(&c),
        vec![Pause::closed(
            t("2026-03-02T10:00Z"),
            t("2026-03-02T12:00Z")
        )]
    );
    // 24×7: opened 09:00, now 13:00, 2 h paused → 120 business minutes used of 240.
    let clocks = SlaPolicy::default().clocks(&c, &pauses(&c), t("2026-03-02T13:00Z"));
    match clocks.resolution {
        ClockState::Running { left_min, .. } => assert_eq!(left_min, 120),
        other => panic!("expected running, got {other:?}"),
    }
    // A resolution never reopened is not a pause: the clock stopped anyway.
    assert!(pauses(&b).is_empty());
}

#[test]
fn pending_customer_pauses_until_the_next_change_or_now() {
    let a = ticket("2026-03-02T09:00Z");
    let b = step(&a, TicketStatus::PendingCustomer, "2026-03-02T09:30Z");
    assert_eq!(pauses(&b), vec![Pause::open(t("2026-03-02T09:30Z"))]);
    let c = step(&b, TicketStatus::Open, "2026-03-02T15:00Z");
    let d = step(&c, TicketStatus::PendingCustomer, "2026-03-02T16:00Z");
    assert_eq!(
        pauses(&d),
        vec![
            Pause::closed(t("2026-03-02T09:30Z"), t("2026-03-02T15:00Z")),
            Pause::open(t("2026-03-02T16:00Z")),
        ]
    );
    // 09:00–09:30 and 15:00–16:00 ran: 90 of 240 minutes, paused now.
    let clocks = SlaPolicy::default().clocks(&d, &pauses(&d), t("2026-03-03T09:00Z"));
    assert_eq!(clocks.resolution, ClockState::Paused { left_min: 150 });
}

#[test]
fn legacy_tickets_read_their_status_from_timestamps() {
    let mut a = ticket("2026-03-02T09:00Z");
    assert_eq!(a.current_status(), TicketStatus::New);
    a.first_response_at = Some(t("2026-03-02T09:10Z"));
    assert_eq!(a.current_status(), TicketStatus::Open);
    a.resolved_at = Some(t("2026-03-02T10:00Z"));
    assert_eq!(a.current_status(), TicketStatus::Resolved);
    // So it can be reopened like any resolved ticket.
    let b = step(&a, TicketStatus::Open, "2026-03-03T09:00Z");
    assert_eq!(b.resolved_at, None);
}

#[test]
fn a_ticket_without_a_log_is_read_through_its_fields() {
    // Resolved at 10:00 by an older client, reopened at 12:00: 10:00–12:00 is a pause.
    let mut a = ticket("2026-03-02T09:00Z");
    a.first_response_at = Some(t("2026-03-02T09:10Z"));
    a.resolved_at = Some(t("2026-03-02T10:00Z"));
    let b = step(&a, TicketStatus::Open, "2026-03-02T12:00Z");
    let to: Vec<TicketStatus> = b.status_log.iter().map(|c| c.to).collect();
    assert_eq!(
        to,
        [
            TicketStatus::Open,
            TicketStatus::Resolved,
            TicketStatus::Open
        ]
    );
    assert_eq!(
        pauses(&b),
        vec![Pause::closed(
            t("2026-03-02T10:00Z"),
            t("2026-03-02T12:00Z")
        )]
    );
    // Synced in as "pending customer" with no log: paused since its last known change.
    let mut c = ticket("2026-03-02T09:00Z");
    c.first_response_at = Some(t("2026-03-02T09:30Z"));
    c.status = TicketStatus::PendingCustomer;
    assert_eq!(pauses(&c), vec![Pause::open(t("2026-03-02T09:30Z"))]);
    let clocks = SlaPolicy::default().clocks(&c, &pauses(&c), t("2026-03-03T09:00Z"));
    assert_eq!(clocks.resolution, ClockState::Paused { left_min: 210 });
}

#[test]
fn reopening_asks_for_a_new_survey_later() {
    let mut a = step(
        &ticket("2026-03-02T09:00Z"),
        TicketStatus::Resolved,
        "2026-03-02T10:00Z",
    );
    a.csat_requested_at = Some(t("2026-03-02T10:05Z"));
    let b = step(&a, TicketStatus::Open, "2026-03-02T11:00Z");
    assert_eq!(b.csat_requested_at, None);
}

#[test]
fn the_queue_puts_breaches_first_then_least_time_left_and_hides_done() {
    let now = t("2026-03-02T12:00Z");
    // First response 60 min: opened 10:00 → 60 over; 11:30 → 30 left; 11:50 → 50 left.
    let late = ticket("2026-03-02T10:00Z");
    let soon = ticket("2026-03-02T11:30Z");
    let later = ticket("2026-03-02T11:50Z");
    let paused = step(
        &ticket("2026-03-02T11:55Z"),
        TicketStatus::PendingCustomer,
        "2026-03-02T11:56Z",
    );
    let done = step(
        &ticket("2026-03-02T08:00Z"),
        TicketStatus::Resolved,
        "2026-03-02T08:30Z",
    );
    let all = vec![
        ("ticket:later".to_string(), later),
        ("ticket:done".to_string(), done),
        ("ticket:paused".to_string(), paused),
        ("ticket:late".to_string(), late),
        ("ticket:soon".to_string(), soon),
    ];
    let policy = SlaPolicy::default();
    let ids: Vec<String> = queue(&all, &policy, now, true)
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        ids,
        [
            "ticket:late",
            "ticket:soon",
            "ticket:later",
            "ticket:paused"
        ]
    );
    let rows = queue(&all, &policy, now, false);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].key.urgency, Urgency::Breached { over_min: 60 });
    assert_eq!(rows[4].id, "ticket:done");
}

#[test]
fn leads_go_to_the_account_owner_or_round_robin() {
    let owner = LeadAssignment::AccountOwner;
    assert_eq!(assignee(&owner, Some("minh"), "lan", 0), "minh");
    assert_eq!(assignee(&owner, None, "lan", 0), "lan");
    assert_eq!(assignee(&owner, Some("  "), "lan", 0), "lan");
    let rr = LeadAssignment::RoundRobin {
        members: vec!["an".into(), "".into(), "bình".into(), "chi".into()],
    };
    let turns: Vec<String> = (0..4)
        .map(|n| assignee(&rr, Some("minh"), "lan", n))
        .collect();
    assert_eq!(turns, ["an", "bình", "chi", "an"]);
    let empty = LeadAssignment::RoundRobin { members: vec![] };
    assert_eq!(assignee(&empty, Some("minh"), "lan", 3), "minh");
}

fn pipeline(stages: &[&str]) -> Pipeline {
    Pipeline {
        name: "Bán hàng".into(),
        stages: stages
            .iter()
            .map(|s| PipelineStage {
                id: (*s).into(),
                name: (*s).into(),
                probability: 10,
                rotting_days: None,
                wip_limit: None,
            })
            .collect(),
        extra: Default::default(),
    }
}

fn lead() -> LeadInput {
    LeadInput {
        title: " Upsell: An Phát ".into(),
        flagged_by: "lan".into(),
        kind: LeadKind::Upsell,
        note: "Wants 20 more seats next quarter".into(),
        budget_hint: Some(Money::new(150_000_000, Currency::Vnd)),
        account_id: Some("account:a1".into()),
        contact_id: Some("contact:c1".into()),
        ticket_id: Some("ticket:t1".into()),
    }
}

#[test]
fn a_lead_becomes_a_deal_in_the_first_stage_linked_to_its_ticket() {
    let at = t("2026-03-02T10:00Z");
    let d = lead_deal(
        &lead(),
        "pipeline:p1",
        &pipeline(&["new", "won"]),
        "minh",
        at,
        Currency::Vnd,
    )
    .unwrap();
    assert_eq!(d.title, "Upsell: An Phát");
    assert_eq!(d.stage_id, "new");
    assert_eq!(d.owner, "minh");
    assert_eq!(d.value, Money::new(150_000_000, Currency::Vnd));
    assert_eq!(d.stage_entered_at, at);
    let sl = d.support_lead.unwrap();
    assert_eq!(sl.ticket_id.as_deref(), Some("ticket:t1"));
    assert_eq!(sl.flagged_by, "lan");
    // No budget: zero in the workspace currency.
    let mut no_budget = lead();
    no_budget.budget_hint = None;
    let d = lead_deal(
        &no_budget,
        "pipeline:p1",
        &pipeline(&["new"]),
        "minh",
        at,
        Currency::Usd,
    )
    .unwrap();
    assert_eq!(d.value, Money::new(0, Currency::Usd));
}

#[test]
fn a_lead_without_note_customer_title_or_stages_is_refused() {
    let at = t("2026-03-02T10:00Z");
    let p = pipeline(&["new"]);
    let mut x = lead();
    x.note = "  ".into();
    assert_eq!(
        lead_deal(&x, "p", &p, "m", at, Currency::Vnd),
        Err(LeadError::NoNote)
    );
    let mut x = lead();
    x.title = "".into();
    assert_eq!(
        lead_deal(&x, "p", &p, "m", at, Currency::Vnd),
        Err(LeadError::NoTitle)
    );
    let mut x = lead();
    x.account_id = None;
    x.contact_id = None;
    assert_eq!(
        lead_deal(&x, "p", &p, "m", at, Currency::Vnd),
        Err(LeadError::NoCustomer)
    );
    assert_eq!(
        lead_deal(&lead(), "p", &pipeline(&[]), "m", at, Currency::Vnd),
        Err(LeadError::EmptyPipeline)
    );
}

#[test]
fn sla_settings_round_trip_and_refuse_bad_values() {
    let s = SlaSettings::default();
    assert_eq!(s.policy().unwrap(), SlaPolicy::default());
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<SlaSettings>(&json).unwrap(), s);
    let mut bad = s.clone();
    bad.targets[0].resolution = 0;
    assert!(bad.policy().is_err());
    let mut bad = s.clone();
    bad.week = [None; 7];
    assert!(bad.policy().is_err());
    let mut bad = s;
    bad.holidays = vec!["2026-02-30".into()];
    assert!(bad.policy().is_err());
}
