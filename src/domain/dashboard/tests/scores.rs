use super::*;
use crate::domain::dashboard::Month;

/// c1, c2 at account a1 (SMB), c3 at a2 (Enterprise). c1 entered awareness
/// on day 0 and consideration on day 10; it was emailed on day 1 and called
/// on day 14. Ticket t1 (c2) came by phone.
///
/// | answer | who | kind | score | day | stage | channel |
/// |---|---|---|---|---|---|---|
/// | s1 | c1 | NPS | 10 | 5 | awareness (path) | email (activity day 1) |
/// | s2 | c1 | NPS | 6 | 12 | consideration (path) | live chat (its own field) |
/// | s3 | c2 | NPS | 8 | 20 | decision (sent at) | phone (ticket t1) |
/// | s4 | c3 | NPS | 9 | 40 | — | unknown |
/// | s5 | c1 | CSAT | 5 | 15 | consideration | phone (call day 14) |
/// | s6 | c2 | CSAT | 3 | 16 | — | unknown |
/// | s7 | c3 | CSAT | 4 | 45 | — | unknown |
/// | s8 | c1 | CES | 2 | 15 | consideration | phone |
/// | s9 | c2 | CES | 5 | 17 | — | unknown |
///
/// Plus an NPS answer of 11 (out of range) that must be ignored.
fn answers() -> Ws {
    let mut w = Ws::default();
    w.account("a1", "SMB")
        .account("a2", "Enterprise")
        .contact("c1", Some("a1"))
        .contact("c2", Some("a1"))
        .contact("c3", Some("a2"))
        .moves("c1", &[("awareness", day(0)), ("consideration", day(10))])
        .log(
            activity(ActivityKind::Email)
                .contact("c1")
                .via(Channel::Email)
                .on(day(1)),
        )
        .log(
            activity(ActivityKind::Call)
                .contact("c1")
                .via(Channel::Phone)
                .on(day(14)),
        );
    let mut t = ticket("c2", day(18));
    t.channel = Some(Channel::Phone);
    w.add("t1", &t);
    use SurveyKind::{Ces, Csat, Nps};
    w.add("s1", &survey("c1", Nps).score(10).on(day(5)));
    let mut s2 = survey("c1", Nps).score(6).on(day(12));
    s2.extra.insert("channel".into(), "live_chat".into());
    w.add("s2", &s2);
    let mut s3 = survey("c2", Nps).score(8).on(day(20));
    s3.journey_stage = Some("decision".into());
    s3.ticket_id = Some("ticket:t1".into());
    w.add("s3", &s3);
    w.add("s4", &survey("c3", Nps).score(9).on(day(40)))
        .add("s5", &survey("c1", Csat).score(5).on(day(15)))
        .add("s6", &survey("c2", Csat).score(3).on(day(16)))
        .add("s7", &survey("c3", Csat).score(4).on(day(45)))
        .add("s8", &survey("c1", Ces).score(2).on(day(15)))
        .add("s9", &survey("c2", Ces).score(5).on(day(17)));
    let bad = serde_json::json!({"_id": "survey_response:bad", "type": "survey_response",
        "kind": "nps", "score": 11, "contact_id": "contact:c1", "answered_at": "2026-01-03"});
    w.docs.push(Doc::from_json(bad).unwrap());
    w
}

#[test]
fn overall_nps_csat_ces_with_groups_and_answers() {
    let w = answers();
    let ix = w.index();
    let f = compute(&ix, &now(day(100))).surveys.overall;
    // NPS 10, 6, 8, 9: promoters 2 (10, 9), passive 1 (8), detractor 1 (6):
    // (2 − 1) / 4 × 100 = 25. The score 11 is not an answer.
    approx(f.nps.score.value, 25.0);
    assert_eq!(
        (f.nps.promoters, f.nps.passives, f.nps.detractors),
        (2, 1, 1)
    );
    assert_eq!(f.nps.score.based_on, 4);
    assert_eq!(
        ids(&ix, &f.nps.score.records),
        [
            "survey_response:s1",
            "survey_response:s2",
            "survey_response:s3",
            "survey_response:s4"
        ]
    );
    // CSAT 5, 3, 4: two of three are 4 or 5 → 66.67 %.
    approx(f.csat.value, 200.0 / 3.0);
    assert_eq!(f.csat.based_on, 3);
    // CES 2, 5: mean 3.5.
    approx(f.ces.value, 3.5);
    assert_eq!(
        ids(&ix, &f.ces.records),
        ["survey_response:s8", "survey_response:s9"]
    );
}

#[test]
fn scores_per_stage_use_the_stage_sent_at_else_the_path() {
    let f = answers().figures(&now(day(100))).surveys;
    let stages: Vec<&str> = f.by_stage.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        stages,
        [
            "awareness",
            "consideration",
            "decision",
            "retention",
            "advocacy"
        ]
    );
    let [aw, co, de, re, _] = &f.by_stage[..] else {
        panic!("five stages")
    };
    // Awareness: s1 (10) → NPS 100.
    approx(aw.1.nps.score.value, 100.0);
    assert_eq!(aw.1.csat.value, None);
    // Consideration: s2 (6) → NPS −100; s5 (5) → CSAT 100 %; s8 (2) → CES 2.
    approx(co.1.nps.score.value, -100.0);
    approx(co.1.csat.value, 100.0);
    approx(co.1.ces.value, 2.0);
    // Decision: s3 (8, sent at decision though c2 has no path) → NPS 0, one passive.
    approx(de.1.nps.score.value, 0.0);
    assert_eq!(de.1.nps.passives, 1);
    // Nothing at retention: no value, not 0.
    assert_eq!(re.1.nps.score.value, None);
    assert_eq!(re.1.nps.score.based_on, 0);
}

#[test]
fn scores_per_channel_from_the_answer_the_ticket_or_the_latest_activity() {
    let w = answers();
    let ix = w.index();
    let f = compute(&ix, &now(day(100))).surveys;
    let channels: Vec<Option<Channel>> = f.by_channel.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        channels,
        [
            Some(Channel::Email),
            Some(Channel::LiveChat),
            Some(Channel::Phone),
            None
        ]
    );
    let phone = &f.by_channel[2].1;
    // Phone: s3 (NPS 8 → 0), s5 (CSAT 5 → 100 %), s8 (CES 2).
    approx(phone.nps.score.value, 0.0);
    approx(phone.csat.value, 100.0);
    approx(phone.ces.value, 2.0);
    assert_eq!(ids(&ix, &phone.nps.score.records), ["survey_response:s3"]);
    let unknown = &f.by_channel[3].1;
    // Unknown: s4 (NPS 9 → 100), s6 + s7 (CSAT 3, 4 → 50 %), s9 (CES 5).
    approx(unknown.nps.score.value, 100.0);
    approx(unknown.csat.value, 50.0);
    approx(unknown.ces.value, 5.0);
    // Email: only s1 (NPS 10).
    approx(f.by_channel[0].1.nps.score.value, 100.0);
    assert_eq!(f.by_channel[0].1.csat.based_on, 0);
}

#[test]
fn scores_per_month_follow_the_range() {
    let f = answers().figures(&now(day(100)).from(day(0)).to(at(2026, 3, 1)));
    assert_eq!(
        f.months,
        [Month::new(2026, 1).unwrap(), Month::new(2026, 2).unwrap()]
    );
    let [jan, feb] = &f.surveys.by_month[..] else {
        panic!("two months")
    };
    // January: NPS 10, 6, 8 → (1 − 1) / 3 = 0; February: NPS 9 → 100.
    approx(jan.nps.score.value, 0.0);
    approx(feb.nps.score.value, 100.0);
    // February: CSAT 4 → 100 %, no CES answer.
    approx(feb.csat.value, 100.0);
    assert_eq!(feb.ces.value, None);
}

#[test]
fn the_range_includes_its_start_and_excludes_its_end() {
    // [day 12, day 40): s2 (day 12) in, s4 (day 40) out; NPS 6, 8 → (0 − 1) / 2 = −50.
    let f = answers().figures(&now(day(100)).from(day(12)).to(day(40)));
    approx(f.surveys.overall.nps.score.value, -50.0);
    assert_eq!(f.surveys.overall.nps.score.based_on, 2);
    // CSAT in range: s5 (5), s6 (3) → 50 %.
    approx(f.surveys.overall.csat.value, 50.0);
}

#[test]
fn a_segment_keeps_its_accounts_answers() {
    let mut filter = now(day(100));
    filter.segment = Some("smb".into());
    let f = answers().figures(&filter).surveys.overall;
    // c1 and c2 only: NPS 10, 6, 8 → 0; CSAT 5, 3 → 50 %.
    approx(f.nps.score.value, 0.0);
    assert_eq!(
        (f.nps.promoters, f.nps.passives, f.nps.detractors),
        (1, 1, 1)
    );
    approx(f.csat.value, 50.0);
    filter.segment = Some("Mid-market".into());
    let f = answers().figures(&filter).surveys.overall;
    assert_eq!(f.nps.score.value, None);
    assert_eq!(f.nps.score.based_on, 0);
}

#[test]
fn a_channel_field_that_names_no_channel_falls_back() {
    let mut w = Ws::default();
    w.contact("c", None).log(
        activity(ActivityKind::Chat)
            .contact("c")
            .via(Channel::LiveChat)
            .on(day(1)),
    );
    let mut s = survey("c", SurveyKind::Csat).score(5).on(day(2));
    s.extra.insert("channel".into(), "carrier_pigeon".into());
    w.add("s", &s);
    let mut s = survey("c", SurveyKind::Csat).score(1).on(day(3));
    s.extra.insert("channel".into(), serde_json::json!(7));
    w.add("s2", &s);
    let f = w.figures(&now(day(10))).surveys;
    // Both answers fall back to the live chat on day 1: CSAT 5, 1 → 50 %.
    assert_eq!(f.by_channel.len(), 1);
    assert_eq!(f.by_channel[0].0, Some(Channel::LiveChat));
    approx(f.by_channel[0].1.csat.value, 50.0);
}

#[test]
fn nps_groups_carry_their_answers_overall_per_stage_and_per_channel() {
    let w = answers();
    let ix = w.index();
    let f = compute(&ix, &now(day(100))).surveys;
    // Overall: s1 (10) and s4 (9) promote, s3 (8) is passive, s2 (6) detracts.
    let o = &f.overall.nps;
    assert_eq!(
        ids(&ix, &o.promoter_records),
        ["survey_response:s1", "survey_response:s4"]
    );
    assert_eq!(ids(&ix, &o.passive_records), ["survey_response:s3"]);
    assert_eq!(ids(&ix, &o.detractor_records), ["survey_response:s2"]);
    // Each group's count is its number of answers, and the groups split the NPS answers.
    for g in std::iter::once(&f.overall)
        .chain(f.by_stage.iter().map(|(_, s)| s))
        .chain(f.by_channel.iter().map(|(_, s)| s))
        .chain(f.by_month.iter())
    {
        let n = &g.nps;
        assert_eq!(n.promoters as usize, n.promoter_records.len());
        assert_eq!(n.passives as usize, n.passive_records.len());
        assert_eq!(n.detractors as usize, n.detractor_records.len());
        let mut all = [
            n.promoter_records.clone(),
            n.passive_records.clone(),
            n.detractor_records.clone(),
        ]
        .concat();
        all.sort_unstable();
        assert_eq!(all, n.score.records);
    }
    // Consideration: s2 (6) is its one detractor; decision: s3 (8) its one passive.
    let co = &f.by_stage[1].1.nps;
    assert_eq!(ids(&ix, &co.detractor_records), ["survey_response:s2"]);
    assert!(co.promoter_records.is_empty() && co.passive_records.is_empty());
    assert_eq!(
        ids(&ix, &f.by_stage[2].1.nps.passive_records),
        ["survey_response:s3"]
    );
    // Unknown channel: s4 (9) promotes.
    assert_eq!(
        ids(&ix, &f.by_channel[3].1.nps.promoter_records),
        ["survey_response:s4"]
    );
}

#[test]
fn monthly_scores_carry_the_answers_of_their_month() {
    let w = answers();
    let ix = w.index();
    let f = compute(&ix, &now(day(100)).from(day(0)).to(at(2026, 3, 1)));
    let [jan, feb] = &f.surveys.by_month[..] else {
        panic!("two months")
    };
    // January: NPS s1–s3, CSAT s5 and s6, CES s8 and s9; February: NPS s4, CSAT s7.
    assert_eq!(
        ids(&ix, &jan.nps.score.records),
        [
            "survey_response:s1",
            "survey_response:s2",
            "survey_response:s3"
        ]
    );
    assert_eq!(
        ids(&ix, &jan.ces.records),
        ["survey_response:s8", "survey_response:s9"]
    );
    assert_eq!(ids(&ix, &feb.nps.score.records), ["survey_response:s4"]);
    assert_eq!(ids(&ix, &feb.csat.records), ["survey_response:s7"]);
    assert!(feb.ces.records.is_empty());
    assert_eq!(jan.csat.based_on as usize, jan.csat.records.len());
}
