use super::*;

/// Jan 2026 at `h`:`m` UTC on day `d`.
fn jan(d: u32, h: i64, m: i64) -> Timestamp {
    at(2026, 1, d).plus_ms(h * HOUR + m * MINUTE)
}

/// Tickets (60-minute first response, 240-minute resolution, 24×7 hours),
/// for contact k at account s (SMB), except t5 (contact x, Enterprise):
/// - t1 Jan 2 09:00, answered 09:30, resolved 12:00 (30 / 180 min): met;
/// - t2 Jan 3 09:00, answered 10:30, resolved 11:00: first response 90 min, late;
/// - t3 Jan 4 09:00, answered 09:10, pending customer 09:20–15:00, resolved
///   16:00: 20 + 60 = 80 business minutes, met (420 without the pause);
/// - t4 Jan 9 09:00, untouched: both clocks past target at Jan 10 12:00;
/// - t5 Jan 10 11:30, untouched: 30 minutes in, within target;
/// - t6 2025-12-20, answered after 10 min, resolved Jan 5: late, but opened
///   before the range.
fn tickets() -> Ws {
    let mut w = Ws::default();
    w.account("s", "SMB")
        .account("e", "Enterprise")
        .contact("k", Some("s"))
        .contact("x", Some("e"));
    let mut t1 = ticket("k", jan(2, 9, 0));
    t1.first_response_at = Some(jan(2, 9, 30));
    t1.resolved_at = Some(jan(2, 12, 0));
    let mut t2 = ticket("k", jan(3, 9, 0));
    t2.first_response_at = Some(jan(3, 10, 30));
    t2.resolved_at = Some(jan(3, 11, 0));
    let mut t3 = ticket("k", jan(4, 9, 0));
    t3.first_response_at = Some(jan(4, 9, 10));
    t3.resolved_at = Some(jan(4, 16, 0));
    t3.status = TicketStatus::Resolved;
    t3.status_log = vec![
        status(TicketStatus::Open, jan(4, 9, 10)),
        status(TicketStatus::PendingCustomer, jan(4, 9, 20)),
        status(TicketStatus::Open, jan(4, 15, 0)),
        status(TicketStatus::Resolved, jan(4, 16, 0)),
    ];
    let t4 = ticket("k", jan(9, 9, 0));
    let t5 = ticket("x", jan(10, 11, 30));
    let mut t6 = ticket("k", at(2025, 12, 20));
    t6.first_response_at = Some(at(2025, 12, 20).plus_ms(10 * MINUTE));
    t6.resolved_at = Some(jan(5, 0, 0));
    for (id, t) in [
        ("t1", t1),
        ("t2", t2),
        ("t3", t3),
        ("t4", t4),
        ("t5", t5),
        ("t6", t6),
    ] {
        w.add(id, &t);
    }
    w
}

fn january() -> DashboardFilter {
    now(jan(10, 12, 0)).from(at(2026, 1, 1)).to(at(2026, 2, 1))
}

#[test]
fn sla_breaches_of_the_tickets_opened_in_range() {
    let w = tickets();
    let ix = w.index();
    let f = compute(&ix, &january()).support;
    // Opened in January: t1..t5.
    approx(f.opened.value, 5.0);
    // Breached: t2 (first response late), t4 (both running past target) → 2 of 5.
    approx(f.breached.value, 2.0);
    assert_eq!(f.breached.based_on, 5);
    assert_eq!(ids(&ix, &f.breached.records), ["ticket:t2", "ticket:t4"]);
    approx(f.breach_rate.value, 0.4);
    assert_eq!(
        ids(&ix, &f.first_response_breached.records),
        ["ticket:t2", "ticket:t4"]
    );
    assert_eq!(ids(&ix, &f.resolution_breached.records), ["ticket:t4"]);
}

#[test]
fn open_tickets_at_the_range_end_or_now() {
    let w = tickets();
    let ix = w.index();
    // Now (Jan 10 12:00) is before the range's end: t4, t5 open of the 6 opened before.
    let f = compute(&ix, &january()).support;
    approx(f.open_tickets.value, 2.0);
    assert_eq!(f.open_tickets.based_on, 6);
    assert_eq!(
        ids(&ix, &f.open_tickets.records),
        ["ticket:t4", "ticket:t5"]
    );
    // At Jan 4 00:00: t6 (resolved Jan 5) was open; t1, t2 were resolved.
    let f = compute(
        &ix,
        &now(jan(10, 12, 0)).from(at(2026, 1, 1)).to(at(2026, 1, 4)),
    )
    .support;
    assert_eq!(ids(&ix, &f.open_tickets.records), ["ticket:t6"]);
    assert_eq!(f.open_tickets.based_on, 3);
}

#[test]
fn a_segment_keeps_its_tickets() {
    let mut filter = january();
    filter.segment = Some("Enterprise".into());
    let f = tickets().figures(&filter).support;
    // Only t5: opened, not breached (0 of 1 is a real 0).
    approx(f.opened.value, 1.0);
    approx(f.breached.value, 0.0);
    approx(f.breach_rate.value, 0.0);
}

#[test]
fn invalid_sla_settings_leave_breaches_unknown() {
    let w = tickets();
    let mut s = settings();
    s.sla.targets[0].first_response = 0;
    let ix = DashboardIndex::build(&w.docs, &s);
    let f = compute(&ix, &january()).support;
    approx(f.opened.value, 5.0);
    assert_eq!(f.breached.value, None);
    assert_eq!(f.breached.based_on, 5);
    assert_eq!(f.breach_rate.value, None);
}

#[test]
fn support_qualified_leads_and_their_won_value() {
    let mut w = tickets();
    w.pipeline();
    let flagged = [
        ("l1", at(2026, 1, 5), Some(DealStatus::Won), vnd(1_000_000)),
        ("l2", at(2026, 1, 7), None, vnd(2_000_000)),
        ("l3", at(2026, 2, 3), Some(DealStatus::Won), vnd(4_000_000)),
    ];
    for (id, when, status, value) in flagged {
        let mut d = deal(id).contact("k").value(value).created(when).record();
        d.support_lead = Some(support_lead(when));
        if let Some(s) = status {
            d.status = s;
        }
        w.add(id, &d);
    }
    w.add(
        "plain",
        &deal("plain")
            .contact("k")
            .value(vnd(8_000_000))
            .created(at(2026, 1, 6))
            .record(),
    );
    let ix = w.index();
    let f = compute(&ix, &january()).support;
    // Flagged in January: l1, l2; of those, l1 (1M ₫) is won.
    assert_eq!(ids(&ix, &f.support_leads.records), ["deal:l1", "deal:l2"]);
    approx(f.support_leads.value, 2.0);
    assert_eq!(f.support_leads_won.amounts, [vnd(1_000_000)]);
    assert_eq!(f.support_leads_won.based_on, 1);
    // None flagged in March: no count, no amount.
    let f = compute(
        &ix,
        &now(at(2026, 4, 1)).from(at(2026, 3, 1)).to(at(2026, 4, 1)),
    )
    .support;
    assert_eq!(f.support_leads.value, None);
    assert!(f.support_leads_won.amounts.is_empty());
}
