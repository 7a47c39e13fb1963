use super::*;

/// Pipeline stages lead (10 %) and demo (50 %). Contacts k1 at SMB account
/// s, k2 at Enterprise account e. Deals (2026):
///
/// | deal | who | stage | value | prob | created | outcome |
/// |---|---|---|---|---|---|---|
/// | d1 | k1 | lead | 1,000,000 ₫ | (10) | Jan 5 | open |
/// | d2 | k1 | demo | 2,000,000 ₫ | 80 | Feb 1 | open |
/// | d3 | k1 | demo | 3,000,000 ₫ | (50) | Jan 10 | won Feb 9 (30 days) |
/// | d4 | k1 | demo | 5,000,000 ₫ | (50) | Jan 1 | won Mar 2 (60 days) |
/// | d5 | k1 | lead | 4,000,000 ₫ | (10) | Jan 3 | lost Feb 20 |
/// | d6 | k2 | demo | $100.00 | (50) | Feb 1 | won Feb 11 (10 days) |
/// | d7 | k2 | demo | $50.00 | (50) | Mar 5 | open |
fn deals() -> Ws {
    let mut w = Ws::default();
    w.account("s", "SMB")
        .account("e", "Enterprise")
        .contact("k1", Some("s"))
        .contact("k2", Some("e"))
        .pipeline();
    w.deal(
        deal("d1")
            .contact("k1")
            .value(vnd(1_000_000))
            .created(at(2026, 1, 5)),
    )
    .deal(
        deal("d2")
            .contact("k1")
            .stage("demo")
            .value(vnd(2_000_000))
            .probability(80)
            .created(at(2026, 2, 1)),
    )
    .deal(
        deal("d3")
            .contact("k1")
            .stage("demo")
            .value(vnd(3_000_000))
            .created(at(2026, 1, 10))
            .won(at(2026, 2, 9)),
    )
    .deal(
        deal("d4")
            .contact("k1")
            .stage("demo")
            .value(vnd(5_000_000))
            .created(at(2026, 1, 1))
            .won(at(2026, 3, 2)),
    )
    .deal(
        deal("d5")
            .contact("k1")
            .value(vnd(4_000_000))
            .created(at(2026, 1, 3))
            .lost(at(2026, 2, 20)),
    )
    .deal(
        deal("d6")
            .contact("k2")
            .stage("demo")
            .value(usd(10_000))
            .created(at(2026, 2, 1))
            .won(at(2026, 2, 11)),
    )
    .deal(
        deal("d7")
            .contact("k2")
            .stage("demo")
            .value(usd(5_000))
            .created(at(2026, 3, 5)),
    );
    w
}

#[test]
fn open_value_and_weighted_forecast_now() {
    let w = deals();
    let ix = w.index();
    let f = compute(&ix, &now(at(2026, 4, 1))).pipeline;
    // Open now: d1, d2 (₫), d7 ($).
    assert_eq!(f.open_value.amounts, [vnd(3_000_000), usd(5_000)]);
    assert_eq!(
        ids(&ix, &f.open_value.records),
        ["deal:d1", "deal:d2", "deal:d7"]
    );
    // ₫: 1,000,000 × 10 % + 2,000,000 × 80 % = 1,700,000; $: 50.00 × 50 % = 25.00.
    assert_eq!(f.weighted_forecast.amounts, [vnd(1_700_000), usd(2_500)]);
    assert_eq!(f.as_of, at(2026, 4, 1));
}

#[test]
fn won_lost_win_rate_deal_size_and_cycle() {
    let w = deals();
    let ix = w.index();
    let f = compute(&ix, &now(at(2026, 4, 1))).pipeline;
    assert_eq!(f.won.amounts, [vnd(8_000_000), usd(10_000)]);
    assert_eq!(ids(&ix, &f.won.records), ["deal:d3", "deal:d4", "deal:d6"]);
    assert_eq!(f.lost.amounts, [vnd(4_000_000)]);
    // 3 won of 4 closed.
    approx(f.win_rate.value, 0.75);
    assert_eq!(f.win_rate.based_on, 4);
    // ₫ (3M + 5M) / 2 = 4M; $ 100.00 / 1. Currencies are never mixed.
    assert_eq!(f.average_won.amounts, [vnd(4_000_000), usd(10_000)]);
    // Cycles 30, 60, 10 days → median 30.
    approx(f.cycle_days.value, 30.0);
    // Months Jan..Apr: Feb won d3 + d6, lost d5; Mar won d4.
    assert_eq!(f.by_month.len(), 4);
    assert!(f.by_month[0].won.amounts.is_empty());
    assert_eq!(f.by_month[1].won.amounts, [vnd(3_000_000), usd(10_000)]);
    assert_eq!(f.by_month[1].won.based_on, 2);
    // Each month's points drill down to their own deals.
    assert_eq!(ids(&ix, &f.by_month[1].won.records), ["deal:d3", "deal:d6"]);
    assert_eq!(f.by_month[1].lost.amounts, [vnd(4_000_000)]);
    assert_eq!(ids(&ix, &f.by_month[1].lost.records), ["deal:d5"]);
    assert_eq!(f.by_month[2].won.amounts, [vnd(5_000_000)]);
}

#[test]
fn open_figures_are_taken_at_the_range_end() {
    let w = deals();
    let ix = w.index();
    // As of Feb 15: d1, d2 open; d4 (won Mar 2) and d5 (lost Feb 20) were
    // still open; d3, d6 already won; d7 not created.
    let f = compute(
        &ix,
        &now(at(2026, 4, 1)).from(at(2026, 1, 1)).to(at(2026, 2, 15)),
    )
    .pipeline;
    assert_eq!(
        ids(&ix, &f.open_value.records),
        ["deal:d1", "deal:d2", "deal:d4", "deal:d5"]
    );
    assert_eq!(f.open_value.amounts, [vnd(12_000_000)]);
    // 1M × 10 % + 2M × 80 % + 5M × 50 % + 4M × 10 % = 0.1 + 1.6 + 2.5 + 0.4 = 4.6M.
    assert_eq!(f.weighted_forecast.amounts, [vnd(4_600_000)]);
    // Closed in range: d3 (Feb 9), d6 (Feb 11), both won.
    approx(f.win_rate.value, 1.0);
    // Closed on the range's end is outside it: [Jan 1, Feb 9) has nothing closed.
    let f = compute(
        &ix,
        &now(at(2026, 4, 1)).from(at(2026, 1, 1)).to(at(2026, 2, 9)),
    )
    .pipeline;
    assert_eq!(f.win_rate.value, None);
    assert_eq!(f.cycle_days.value, None);
    assert!(f.average_won.amounts.is_empty());
}

#[test]
fn a_segment_keeps_its_deals_and_currencies_apart() {
    let mut filter = now(at(2026, 4, 1));
    filter.segment = Some("enterprise".into());
    let f = deals().figures(&filter).pipeline;
    assert_eq!(f.won.amounts, [usd(10_000)]);
    assert_eq!(f.average_won.in_currency(Currency::Vnd), None);
    assert_eq!(f.average_won.in_currency(Currency::Usd), Some(usd(10_000)));
    approx(f.win_rate.value, 1.0);
    assert_eq!(f.open_value.amounts, [usd(5_000)]);
}
