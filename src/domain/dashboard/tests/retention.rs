use super::*;

/// Customers (2026 unless said):
/// - A = account a1 (SMB): its contact a1c1 buys Jan 5, its contact a1c2
///   churns Feb 10 ("Price");
/// - B = contact b: buys 2025-12-15, churns Mar 3 ("price ");
/// - C = contact c: a deal won Jan 20, stays;
/// - D = contact d: buys Feb 15, churns Feb 20 ("Moved to a competitor");
/// - E = contact e: churns Jan 10 without ever buying ("No budget");
/// - F = contact f: buys 2025-11-01, churns 2025-12-01 ("Price"), buys again Mar 10.
fn customers() -> Ws {
    let mut w = Ws::default();
    w.account("a1", "SMB")
        .contact("a1c1", Some("a1"))
        .contact("a1c2", Some("a1"));
    for c in ["b", "c", "d", "e", "f"] {
        w.contact(c, None);
    }
    w.purchase("a1c1", at(2026, 1, 5))
        .log(churn("a1c2", "Price").on(at(2026, 2, 10)))
        .purchase("b", at(2025, 12, 15))
        .log(churn("b", "price ").on(at(2026, 3, 3)))
        .pipeline()
        .deal(
            deal("dc")
                .contact("c")
                .value(vnd(1_000))
                .created(day(2))
                .won(at(2026, 1, 20)),
        )
        .purchase("d", at(2026, 2, 15))
        .log(churn("d", "Moved to a competitor").on(at(2026, 2, 20)))
        .log(churn("e", "No budget").on(at(2026, 1, 10)))
        .purchase("f", at(2025, 11, 1))
        .log(churn("f", "Price").on(at(2025, 12, 1)))
        .purchase("f", at(2026, 3, 10));
    w
}

fn jan_to_may() -> DashboardFilter {
    now(at(2026, 5, 1)).from(at(2026, 1, 1)).to(at(2026, 5, 1))
}

#[test]
fn churn_and_retention_per_month() {
    let w = customers();
    let ix = w.index();
    let f = compute(&ix, &jan_to_may()).retention;
    let churn: Vec<Option<f64>> = f.by_month.iter().map(|m| m.churn.value).collect();
    let base: Vec<u32> = f.by_month.iter().map(|m| m.churn.based_on).collect();
    // Jan: active at Jan 1: B (F churned in Dec) → 1; nobody lost → 0.
    // Feb: A, B, C active → 3; A lost (D bought and left inside Feb: not
    //      counted) → 1/3.
    // Mar: B, C → 2; B lost → 1/2.
    // Apr: C, F (back on Mar 10) → 2; nobody lost → 0.
    assert_eq!(base, [1, 3, 2, 2]);
    assert_eq!(churn, [Some(0.0), Some(1.0 / 3.0), Some(0.5), Some(0.0)]);
    approx(f.by_month[1].retention.value, 2.0 / 3.0);
    assert_eq!(ids(&ix, &f.by_month[1].churn.records), ["account:a1"]);
    assert_eq!(
        ids(&ix, &f.by_month[1].retention.records),
        ["contact:b", "contact:c"]
    );
    // Average monthly churn: (0 + 1 + 1 + 0) lost ÷ (1 + 3 + 2 + 2) at start = 0.25.
    approx(f.monthly_churn.value, 0.25);
    assert_eq!(f.monthly_churn.based_on, 8);
}

#[test]
fn churn_over_the_whole_range() {
    let w = customers();
    let ix = w.index();
    // [Feb 1, Apr 1): active at Feb 1: A, B, C; lost inside: A (Feb 10), B
    // (Mar 3) → 2/3; retained C.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2026, 2, 1)).to(at(2026, 4, 1)),
    );
    approx(f.retention.churn.value, 2.0 / 3.0);
    approx(f.retention.retention.value, 1.0 / 3.0);
    assert_eq!(
        ids(&ix, &f.retention.churn.records),
        ["contact:b", "account:a1"]
    );
    assert_eq!(ids(&ix, &f.retention.retention.records), ["contact:c"]);
    // Before anyone bought there is nobody to lose: no rate.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2025, 1, 1)).to(at(2025, 6, 1)),
    );
    assert_eq!(f.retention.churn.value, None);
    assert_eq!(f.retention.churn.based_on, 0);
}

#[test]
fn customers_active_at_the_ranges_end() {
    let w = customers();
    let ix = w.index();
    // At May 1 (the range's end): C (won Jan 20) and F (back Mar 10); A, B
    // and D left; E never bought. Six customers had bought by then.
    let f = compute(&ix, &jan_to_may()).retention.active;
    assert_eq!(f.value, Some(2.0));
    assert_eq!(f.based_on, 5);
    assert_eq!(ids(&ix, &f.records), ["contact:c", "contact:f"]);
    // At Feb 1: A (Jan 5), B, C; F had left in December.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2026, 1, 1)).to(at(2026, 2, 1)),
    )
    .retention
    .active;
    assert_eq!(f.value, Some(3.0));
    assert_eq!(
        ids(&ix, &f.records),
        ["contact:b", "contact:c", "account:a1"]
    );
    // A range that ends after now counts now. Feb 16: B, C and D (bought
    // Feb 15, leaves Feb 20); A left Feb 10.
    let f = compute(&ix, &now(at(2026, 2, 16))).retention.active;
    assert_eq!(f.value, Some(3.0));
    assert_eq!(
        ids(&ix, &f.records),
        ["contact:b", "contact:c", "contact:d"]
    );
    // Before anyone bought: unknown, not 0.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2025, 1, 1)).to(at(2025, 6, 1)),
    )
    .retention
    .active;
    assert_eq!((f.value, f.based_on), (None, 0));
}

#[test]
fn churn_reasons_grouped_ignoring_case_with_the_earliest_spelling() {
    let w = customers();
    let ix = w.index();
    let f = compute(&ix, &now(at(2026, 5, 1))).retention.churn_reasons;
    let counts: Vec<(&str, u32)> = f.iter().map(|r| (r.reason.as_str(), r.count)).collect();
    // "Price" (Dec 1 F, Feb 10 A) and "price " (Mar 3 B) are one reason,
    // spelled as first seen; ties by reason.
    assert_eq!(
        counts,
        [("Price", 3), ("Moved to a competitor", 1), ("No budget", 1)]
    );
    // In February: A's "Price" and D's move, tied at 1.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2026, 2, 1)).to(at(2026, 3, 1)),
    );
    let counts: Vec<(&str, u32)> = f
        .retention
        .churn_reasons
        .iter()
        .map(|r| (r.reason.as_str(), r.count))
        .collect();
    assert_eq!(counts, [("Moved to a competitor", 1), ("Price", 1)]);
    assert_eq!(ids(&ix, &f.retention.churn_reasons[1].records).len(), 1);
}

#[test]
fn a_segment_keeps_only_its_accounts() {
    let mut filter = jan_to_may();
    filter.segment = Some("SMB".into());
    let f = customers().figures(&filter).retention;
    // Only A: Feb 1/1 lost; no other month has A active at its start.
    let churn: Vec<Option<f64>> = f.by_month.iter().map(|m| m.churn.value).collect();
    assert_eq!(churn, [None, Some(1.0), None, None]);
    let reasons: Vec<&str> = f.churn_reasons.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, ["Price"]);
}

/// Recurring revenue: 2025-03 a1 1.0M ₫, a2 0.5M ₫, a3 $100 (a3 has no
/// account document); 2026-03 a1 1.2M ₫, a3 $150, a4 0.9M ₫ (new);
/// 2026-04 a1 1.3M ₫ but no 2025-04 to compare with.
fn recurring() -> Ws {
    let mut w = Ws::default();
    w.account("a1", "SMB")
        .account("a2", "Enterprise")
        .account("a4", "SMB")
        .period(month("2025-03").recurring(&[
            ("a1", vnd(1_000_000)),
            ("a2", vnd(500_000)),
            ("a3", usd(10_000)),
        ]))
        .period(month("2026-03").recurring(&[
            ("a1", vnd(1_200_000)),
            ("a3", usd(15_000)),
            ("a4", vnd(900_000)),
        ]))
        .period(month("2026-04").recurring(&[("a1", vnd(1_300_000))]));
    w
}

#[test]
fn net_revenue_retention_per_currency() {
    let w = recurring();
    let ix = w.index();
    let f = compute(&ix, &jan_to_may()).retention.nrr;
    // March 2026 vs March 2025 (April has no base). ₫: then 1.0M + 0.5M =
    // 1.5M, now 1.2M (a2 gone, a4 not in the cohort) → 0.8. $: 100 → 150 → 1.5.
    assert_eq!(f.len(), 2);
    assert_eq!(
        (f[0].currency, f[0].then, f[0].now),
        (Currency::Vnd, vnd(1_500_000), vnd(1_200_000))
    );
    approx(f[0].ratio.value, 0.8);
    assert_eq!(f[0].month.key(), "2026-03");
    assert_eq!(f[0].base_month.key(), "2025-03");
    assert_eq!(ids(&ix, &f[0].ratio.records), ["account:a1", "account:a2"]);
    assert_eq!(
        (f[1].currency, f[1].then, f[1].now),
        (Currency::Usd, usd(10_000), usd(15_000))
    );
    approx(f[1].ratio.value, 1.5);
    // SMB: the cohort is a1 alone (a3 has no account, so no segment) → 1.2M ÷ 1.0M.
    let mut filter = jan_to_may();
    filter.segment = Some("smb".into());
    let f = compute(&ix, &filter).retention.nrr;
    assert_eq!(f.len(), 1);
    approx(f[0].ratio.value, 1.2);
    // A range before March 2026 has no month pair: nothing, not 0.
    let f = compute(
        &ix,
        &now(at(2026, 5, 1)).from(at(2026, 1, 1)).to(at(2026, 3, 1)),
    );
    assert!(f.retention.nrr.is_empty());
}
