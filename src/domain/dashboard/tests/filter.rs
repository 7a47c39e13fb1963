use super::*;
use crate::domain::dashboard::Month;

#[test]
fn an_empty_workspace_has_no_figures_rather_than_zeros() {
    let ix = DashboardIndex::build(&[], &settings());
    let f = compute(&ix, &now(day(10)));
    assert_eq!(f.months, [Month::new(2026, 1).unwrap()]);
    assert_eq!(f.contacts.value, None);
    assert_eq!(f.surveys.overall.nps.score.value, None);
    assert_eq!(f.surveys.overall.csat.value, None);
    assert!(f.surveys.by_channel.is_empty());
    assert!(f.funnel.stages.iter().all(|s| s.reached.value.is_none()));
    assert_eq!(f.funnel.days_to_purchase.value, None);
    assert_eq!(f.retention.churn.value, None);
    assert_eq!(f.retention.monthly_churn.value, None);
    assert!(f.pipeline.open_value.amounts.is_empty());
    assert!(f.pipeline.weighted_forecast.amounts.is_empty());
    assert_eq!(f.pipeline.win_rate.value, None);
    assert!(f.sources.by_group.is_empty());
    assert_eq!(f.support.opened.value, None);
    assert_eq!(f.support.breached.value, None);
    assert_eq!(f.support.open_tickets.value, None);
    assert!(f.acquisition.cac.amounts.is_empty());
    assert!(f.acquisition.ltv.amounts.is_empty());
}

#[test]
fn months_cover_the_range_and_clip_its_edges() {
    let mut w = Ws::default();
    w.contact("c", None)
        .add("s", &survey("c", SurveyKind::Nps).score(9).on(day(20)));
    let ix = w.index();
    let filter = now(day(100)).from(day(14)).to(at(2026, 3, 1));
    let f = compute(&ix, &filter);
    assert_eq!(
        f.months,
        [Month::new(2026, 1).unwrap(), Month::new(2026, 2).unwrap()]
    );
    let win = crate::domain::dashboard::filter::Window::new(&ix, &filter);
    assert_eq!(win.clipped[0], day(14).0);
    assert_eq!(win.whole[0], day(0).0);
    assert_eq!(win.clipped[2], at(2026, 3, 1).0);
    // An open range runs from the earliest record (day 20) to now (April).
    let f = compute(&ix, &now(at(2026, 4, 10)));
    let keys: Vec<String> = f.months.iter().map(|m| m.key()).collect();
    assert_eq!(keys, ["2026-01", "2026-02", "2026-03", "2026-04"]);
    // A range that ends before it starts has no months and nothing in it.
    let f = compute(&ix, &now(day(100)).from(day(30)).to(day(10)));
    assert!(f.months.is_empty());
    assert_eq!(f.surveys.overall.nps.score.value, None);
}

#[test]
fn months_follow_the_workspace_offset() {
    let mut w = Ws::default();
    // Jan 31 20:00 UTC is Feb 1 03:00 in Vietnam.
    w.contact("c", None).add(
        "s",
        &survey("c", SurveyKind::Nps)
            .score(10)
            .on(at(2026, 1, 31).plus_ms(20 * HOUR)),
    );
    let mut s = settings();
    s.sla.utc_offset_min = 420;
    let ix = DashboardIndex::build(&w.docs, &s);
    let f = compute(&ix, &now(day(100)).from(at(2026, 1, 1)).to(at(2026, 3, 1)));
    assert_eq!(f.surveys.by_month[0].nps.score.value, None);
    approx(f.surveys.by_month[1].nps.score.value, 100.0);
    let ix = DashboardIndex::build(&w.docs, &settings());
    let f = compute(&ix, &now(day(100)).from(at(2026, 1, 1)).to(at(2026, 3, 1)));
    approx(f.surveys.by_month[0].nps.score.value, 100.0);
}

#[test]
fn deleted_and_unreadable_documents_are_left_out() {
    let mut w = Ws::default();
    w.contact("c", None)
        .add("s1", &survey("c", SurveyKind::Nps).score(10).on(day(1)))
        .add("s2", &survey("c", SurveyKind::Nps).score(0).on(day(2)));
    w.docs.last_mut().unwrap().deleted = true;
    let odd = serde_json::json!({"_id": "deal:odd", "type": "deal", "title": 5});
    w.docs.push(Doc::from_json(odd).unwrap());
    let ix = w.index();
    let f = compute(&ix, &now(day(10)));
    approx(f.surveys.overall.nps.score.value, 100.0);
    assert_eq!(
        ids(&ix, &f.surveys.overall.nps.score.records),
        ["survey_response:s1"]
    );
    assert!(f.pipeline.open_value.records.is_empty());
}

#[test]
fn segments_and_personas_to_pick_from() {
    let mut w = Ws::default();
    w.account("a", "Doanh nghiệp")
        .account("b", "doanh nghiep")
        .account("c", "SMB")
        .account("d", "")
        .add("p1", &persona("Quản trị", &["admin"]));
    let ix = w.index();
    // One entry per segment ignoring case and accents (first spelling), no blank.
    assert_eq!(ix.segments(), ["Doanh nghiệp", "SMB"]);
    assert_eq!(ix.personas(), [("persona:p1", "Quản trị")]);
    assert_eq!(ix.currency(), Currency::Vnd);
    assert_eq!(ix.stage_ids().len(), 5);
}

#[test]
fn records_without_contact_or_account_count_only_unfiltered() {
    let mut w = Ws::default();
    w.account("a", "SMB").account("d", "").pipeline();
    w.deal(deal("orphan").value(vnd(100)).created(day(1)));
    w.deal(deal("owned").account("a").value(vnd(200)).created(day(1)));
    let ix = w.index();
    let f = compute(&ix, &now(day(10)));
    assert_eq!(
        ids(&ix, &f.pipeline.open_value.records),
        ["deal:orphan", "deal:owned"]
    );
    let mut filter = now(day(10));
    filter.segment = Some("SMB".into());
    let f = compute(&ix, &filter);
    assert_eq!(ids(&ix, &f.pipeline.open_value.records), ["deal:owned"]);
    // `Some("")` is the blank segment: account d has none, but no deal.
    filter.segment = Some(String::new());
    assert!(compute(&ix, &filter).pipeline.open_value.records.is_empty());
}

#[test]
fn an_open_range_over_old_data_keeps_the_latest_months() {
    let mut w = Ws::default();
    w.contact("c", None)
        .add(
            "old",
            &survey("c", SurveyKind::Nps).score(9).on(at(1990, 1, 1)),
        )
        .add(
            "new",
            &survey("c", SurveyKind::Nps).score(3).on(at(2026, 4, 2)),
        );
    let f = w.figures(&now(at(2026, 4, 10)));
    assert_eq!(f.months.len(), crate::domain::dashboard::filter::MAX_MONTHS);
    assert_eq!(f.months.last().unwrap().key(), "2026-04");
    assert_eq!(f.months[0].key(), "2016-05");
    // The old answer still counts overall: NPS 9, 3 → (1 − 1) / 2 = 0.
    approx(f.surveys.overall.nps.score.value, 0.0);
    approx(f.surveys.by_month.last().unwrap().nps.score.value, -100.0);
}
