use super::*;
use crate::domain::doc::Doc;
use crate::domain::records::{
    Account, Activity, Contact, PersonaRule, Record, StageTransition, SurveyKind, SurveyResponse,
    TransitionSubject,
};
use crate::domain::stages::StageSetPreset;

const HOUR: i64 = 3_600_000;

/// Midnight of 2026-01-01 plus `n` days.
fn d(n: i64) -> Timestamp {
    Timestamp::from_ymd(2026, 1, 1).unwrap().plus_days(n)
}

fn doc<R: Record>(local: &str, r: &R) -> Doc {
    Doc::new(local, r, d(0), "t").unwrap()
}

fn account(segment: &str, industry: &str) -> Account {
    Account {
        name: "Công ty".into(),
        industry: industry.into(),
        segment: segment.into(),
        ..Default::default()
    }
}

/// A contact with no account, role or persona.
fn contact(name: &str) -> Contact {
    Contact {
        name: name.into(),
        ..Default::default()
    }
}

/// Chainable settings of a test contact.
trait ContactFixture {
    fn at(self, account: &str) -> Self;
    fn role(self, role: &str) -> Self;
    fn persona(self, persona: &str) -> Self;
}

impl ContactFixture for Contact {
    fn at(mut self, account: &str) -> Self {
        self.account_id = Some(account.into());
        self
    }
    fn role(mut self, role: &str) -> Self {
        self.role = role.into();
        self
    }
    fn persona(mut self, persona: &str) -> Self {
        self.persona_id = Some(persona.into());
        self
    }
}

/// Contact `who` entering `stage` (at day 0 until [`TransitionFixture::at`]).
fn move_to(who: &str, stage: &str) -> StageTransition {
    StageTransition {
        subject: TransitionSubject::Contact,
        subject_id: who.into(),
        to_stage: stage.into(),
        occurred_at: d(0),
        ..Default::default()
    }
}

trait TransitionFixture {
    fn at(self, at: Timestamp) -> Self;
}

impl TransitionFixture for StageTransition {
    fn at(mut self, at: Timestamp) -> Self {
        self.occurred_at = at;
        self
    }
}

/// A neutral note on `who` in `stage` at day 0; tests set what they count.
fn activity(who: &str, stage: &str) -> Activity {
    Activity {
        journey_stage: stage.into(),
        occurred_at: d(0),
        contact_id: Some(who.into()),
        ..Default::default()
    }
}

/// An answer of `who` with no stated stage (score 0 at day 0 until set).
fn survey(who: &str, kind: SurveyKind) -> SurveyResponse {
    SurveyResponse {
        kind,
        contact_id: who.into(),
        answered_at: d(0),
        ..Default::default()
    }
}

/// Chainable settings of a test answer.
trait SurveyFixture {
    fn score(self, score: u8) -> Self;
    fn at(self, at: Timestamp) -> Self;
    fn stage(self, stage: &str) -> Self;
}

impl SurveyFixture for SurveyResponse {
    fn score(mut self, score: u8) -> Self {
        self.score = score;
        self
    }
    fn at(mut self, at: Timestamp) -> Self {
        self.answered_at = at;
        self
    }
    fn stage(mut self, stage: &str) -> Self {
        self.journey_stage = Some(stage.into());
        self
    }
}

fn classic() -> Vec<crate::domain::stages::JourneyStage> {
    StageSetPreset::Classic.stages()
}

/// Contacts c1..c5 (indexes 0..4) with these paths (A/C/D/R = awareness,
/// consideration, decision, retention; @n = day n):
/// c1: A@1 → C@3 → A@5 → C@8 → D@12 (back-move, repeats)
/// c2: A@2 → D@6 (skips consideration)
/// c3: A@4 (stops)
/// c4: A@1 → C@2.5 → D@4 → R@10
/// c5: no history.
/// Plus noise that must be ignored: a deal transition, a transition of an
/// unknown contact, a deleted contact with its transition, an unreadable contact.
fn journeys() -> Vec<Doc> {
    use TransitionSubject::{Contact as C, Deal};
    let mut docs: Vec<Doc> = ["Ann", "Bình", "Chi", "Dũng", "Em"]
        .iter()
        .enumerate()
        .map(|(i, n)| doc(&format!("c{}", i + 1), &contact(n)))
        .collect();
    let mut gone = doc("gone", &contact("Gone"));
    gone.deleted = true;
    docs.push(gone);
    let unreadable = serde_json::json!({"_id": "contact:bad", "type": "contact", "name": 5});
    docs.push(Doc::from_json(unreadable).unwrap());
    let moves = [
        (C, "contact:c1", "awareness", d(1)),
        (C, "contact:c1", "consideration", d(3)),
        (C, "contact:c1", "awareness", d(5)),
        (C, "contact:c1", "consideration", d(8)),
        (C, "contact:c1", "decision", d(12)),
        (C, "contact:c2", "decision", d(6)),
        (C, "contact:c2", "awareness", d(2)),
        (C, "contact:c3", "awareness", d(4)),
        (C, "contact:c4", "awareness", d(1)),
        (C, "contact:c4", "consideration", d(2).plus_ms(12 * HOUR)),
        (C, "contact:c4", "decision", d(4)),
        (C, "contact:c4", "retention", d(10)),
        (Deal, "contact:c3", "decision", d(5)),
        (C, "contact:ghost", "consideration", d(5)),
        (C, "contact:gone", "consideration", d(5)),
        (C, "contact:bad", "consideration", d(5)),
    ];
    for (i, (subject, who, stage, at)) in moves.into_iter().enumerate() {
        docs.push(doc(
            &format!("t{i}"),
            &StageTransition {
                subject,
                occurred_at: at,
                ..move_to(who, stage)
            },
        ));
    }
    docs
}

fn all_members(ix: &JourneyIndex) -> Vec<u32> {
    (0..ix.contact_count() as u32).collect()
}

fn stage<'a>(f: &'a PersonaFigures, id: &str) -> &'a StageFigures {
    f.stages.iter().find(|s| s.stage == id).unwrap()
}

fn fig(value: Option<f64>, based_on: u32, contacts: &[u32]) -> Figure {
    Figure {
        value,
        based_on,
        contacts: contacts.to_vec(),
    }
}

#[test]
fn nps_csat_ces_and_median_follow_the_definitions() {
    assert_eq!(nps(&[10, 9, 9, 8, 7, 3, 0, 6, 10, 10]), Some(20.0));
    assert_eq!(nps(&[6, 0]), Some(-100.0));
    assert_eq!(nps(&[]), None);
    assert_eq!(csat(&[5, 4, 3, 1]), Some(50.0));
    assert_eq!(csat(&[1]), Some(0.0));
    assert_eq!(csat(&[]), None);
    assert_eq!(ces(&[1, 2, 6]), Some(3.0));
    assert_eq!(ces(&[]), None);
    assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
    assert_eq!(median(&mut [4.0, 1.0, 3.0, 10.0]), Some(3.5));
    assert_eq!(median(&mut []), None);
}

#[test]
fn index_skips_deleted_unknown_and_deal_records() {
    let ix = JourneyIndex::build(&journeys(), &classic());
    assert_eq!(ix.contact_count(), 5);
    assert_eq!(ix.contact_id(1), "contact:c2");
    assert_eq!(ix.contact_name(3), "Dũng");
    assert_eq!(ix.stage_ids()[0], "awareness");
    assert_eq!(ix.stage_ids().len(), 5);
    let dist = stage_distribution(&ix, &all_members(&ix));
    let expect = [
        ("awareness", 1),
        ("consideration", 0),
        ("decision", 2),
        ("retention", 1),
        ("advocacy", 0),
        ("", 1),
    ];
    let expect: Vec<(String, u32)> = expect.iter().map(|(s, n)| (s.to_string(), *n)).collect();
    assert_eq!(dist, expect);
    // Duplicates and out-of-range indexes in the member list count once / not at all.
    let dist = stage_distribution(&ix, &[2, 2, 99]);
    assert_eq!(dist[0], ("awareness".to_string(), 1));
    assert_eq!(dist.iter().map(|(_, n)| n).sum::<u32>(), 1);
}

#[test]
fn conversion_backward_repeated_and_skipped_over_an_open_range() {
    let ix = JourneyIndex::build(&journeys(), &classic());
    let f = compute(&ix, &all_members(&ix), DateRange::default());
    assert_eq!(f.members, 5);
    assert_eq!(f.stages.len(), 5);

    let a = stage(&f, "awareness");
    assert_eq!(a.reached, fig(Some(4.0), 4, &[0, 1, 2, 3]));
    assert_eq!(a.conversion, fig(Some(0.5), 4, &[0, 3]));
    assert_eq!(a.backward, fig(Some(0.25), 4, &[0]));
    assert_eq!(a.repeated, fig(Some(0.25), 4, &[0]));
    assert_eq!(a.skipped, fig(Some(0.0), 4, &[]));

    let c = stage(&f, "consideration");
    assert_eq!(c.reached, fig(Some(2.0), 2, &[0, 3]));
    assert_eq!(c.conversion, fig(Some(1.0), 2, &[0, 3]));
    assert_eq!(c.backward, fig(Some(0.0), 2, &[]));
    assert_eq!(c.repeated, fig(Some(0.5), 2, &[0]));
    // c2 went awareness → decision: one skipper among {c1, c2, c4}.
    assert_eq!(c.skipped, fig(Some(1.0 / 3.0), 3, &[1]));

    let dec = stage(&f, "decision");
    assert_eq!(dec.reached, fig(Some(3.0), 3, &[0, 1, 3]));
    assert_eq!(dec.conversion, fig(Some(1.0 / 3.0), 3, &[3]));
    assert_eq!(dec.skipped, fig(Some(0.0), 3, &[]));

    let r = stage(&f, "retention");
    assert_eq!(r.reached, fig(Some(1.0), 1, &[3]));
    assert_eq!(r.conversion, fig(Some(0.0), 1, &[]));

    let adv = stage(&f, "advocacy");
    assert_eq!(adv.reached, fig(Some(0.0), 0, &[]));
    assert_eq!(
        adv.conversion,
        Figure::default(),
        "no conversion from the last stage"
    );
    assert_eq!(adv.backward.value, None);
    assert_eq!(adv.skipped.value, None);

    // Only c1 and c2 as members.
    let f = compute(&ix, &[1, 0], DateRange::default());
    assert_eq!(f.members, 2);
    let a = stage(&f, "awareness");
    assert_eq!(a.conversion, fig(Some(0.5), 2, &[0]));
    assert_eq!(stage(&f, "consideration").skipped, fig(Some(0.5), 2, &[1]));
}

#[test]
fn median_days_counts_completed_stays_only() {
    let ix = JourneyIndex::build(&journeys(), &classic());
    let f = compute(&ix, &all_members(&ix), DateRange::default());
    // Awareness stays: c1 2 d and 3 d, c2 4 d, c4 1.5 d; c3's stay is open.
    assert_eq!(
        stage(&f, "awareness").median_days,
        fig(Some(2.5), 4, &[0, 1, 3])
    );
    // Consideration: c1 2 d and 4 d, c4 1.5 d.
    assert_eq!(
        stage(&f, "consideration").median_days,
        fig(Some(2.0), 3, &[0, 3])
    );
    // Decision: only c4's 6 days is complete.
    assert_eq!(stage(&f, "decision").median_days, fig(Some(6.0), 1, &[3]));
    assert_eq!(stage(&f, "retention").median_days, fig(None, 0, &[]));

    // Fractional days, and open stays of two contacts left out.
    let docs = vec![
        doc("x", &contact("X")),
        doc("y", &contact("Y")),
        doc("z", &contact("Z")),
        doc("t1", &move_to("contact:x", "awareness").at(d(0))),
        doc(
            "t2",
            &move_to("contact:x", "consideration").at(d(1).plus_ms(12 * HOUR)),
        ),
        doc("t3", &move_to("contact:y", "awareness").at(d(0))),
        doc("t4", &move_to("contact:y", "decision").at(d(3))),
        doc("t5", &move_to("contact:z", "awareness").at(d(0))),
    ];
    let ix = JourneyIndex::build(&docs, &classic());
    let f = compute(&ix, &[0, 1, 2], DateRange::default());
    assert_eq!(
        stage(&f, "awareness").median_days,
        fig(Some(2.25), 2, &[0, 1])
    );
    assert_eq!(stage(&f, "consideration").median_days, fig(None, 0, &[]));
}

#[test]
fn date_range_limits_entries_conversions_and_stays() {
    let ix = JourneyIndex::build(&journeys(), &classic());
    let range = DateRange {
        from: Some(d(5)),
        to: Some(d(9)),
    };
    assert!(range.contains(d(5)) && !range.contains(d(9)) && !range.contains(d(4)));
    let f = compute(&ix, &all_members(&ix), range);
    assert_eq!(f.range, range);

    let a = stage(&f, "awareness");
    assert_eq!(a.reached, fig(Some(1.0), 1, &[0]));
    assert_eq!(a.conversion, fig(Some(1.0), 1, &[0]));
    assert_eq!(a.backward, fig(Some(1.0), 1, &[0]));
    assert_eq!(a.repeated, fig(Some(1.0), 1, &[0]));
    assert_eq!(a.median_days, fig(Some(3.0), 1, &[0]));

    let c = stage(&f, "consideration");
    assert_eq!(c.reached, fig(Some(1.0), 1, &[0]));
    // c1 reaches decision on day 12, after the range.
    assert_eq!(c.conversion, fig(Some(0.0), 1, &[]));
    assert_eq!(c.skipped, fig(Some(0.5), 2, &[1]));
    assert_eq!(c.median_days, fig(Some(4.0), 1, &[0]));

    let dec = stage(&f, "decision");
    assert_eq!(dec.reached, fig(Some(1.0), 1, &[1]));
    assert_eq!(dec.median_days, fig(None, 0, &[]));
    assert_eq!(stage(&f, "retention").reached, fig(Some(0.0), 0, &[]));

    // c1 entered consideration before its in-range awareness entry (day 3) and
    // after the range (day 8): neither is a conversion.
    let f = compute(
        &ix,
        &all_members(&ix),
        DateRange {
            from: Some(d(5)),
            to: Some(d(6)),
        },
    );
    assert_eq!(stage(&f, "awareness").conversion, fig(Some(0.0), 1, &[]));

    // Open at one end only.
    let f = compute(
        &ix,
        &all_members(&ix),
        DateRange {
            from: None,
            to: Some(d(4)),
        },
    );
    assert_eq!(stage(&f, "awareness").reached.based_on, 3);
    assert_eq!(
        stage(&f, "awareness").conversion,
        fig(Some(2.0 / 3.0), 3, &[0, 3])
    );
    let f = compute(
        &ix,
        &all_members(&ix),
        DateRange {
            from: Some(d(10)),
            to: None,
        },
    );
    assert_eq!(stage(&f, "decision").reached, fig(Some(1.0), 1, &[0]));
    assert_eq!(stage(&f, "retention").reached, fig(Some(1.0), 1, &[3]));
}

#[test]
fn persona_membership_by_assignment_and_rule() {
    let docs = vec![
        doc("a1", &account("Doanh nghiệp nhỏ", "Bán lẻ")),
        doc("a2", &account("Enterprise", "Sản xuất")),
        doc(
            "p1",
            &contact("P1")
                .at("account:a2")
                .role("user")
                .persona("persona:admin"),
        ),
        doc(
            "p2",
            &contact("P2")
                .at("account:a1")
                .role("Quản trị")
                .persona("persona:other"),
        ),
        doc("p3", &contact("P3").at("account:a1").role("QUẢN TRỊ")),
        doc("p4", &contact("P4").at("account:a1").role("user")),
        doc("p5", &contact("P5").at("account:a2").role("quan tri")),
        doc("p6", &contact("P6").role("quan tri")),
        doc(
            "p7",
            &contact("P7").at("account:a1").role("quản trị").persona(""),
        ),
        doc("p8", &contact("P8")),
    ];
    let ix = JourneyIndex::build(&docs, &classic());
    assert_eq!(ix.contact_count(), 8);
    let rule = PersonaRule {
        segments: vec!["doanh nghiep NHO".into()],
        industries: vec![],
        roles: vec!["Quản Trị".into(), "owner".into()],
    };
    // p1 by assignment (the rule does not fit it), p3 and p7 by rule; p2 is assigned elsewhere.
    assert_eq!(ix.members("persona:admin", &rule), vec![0, 2, 6]);
    let by_industry = PersonaRule {
        industries: vec!["ban le".into()],
        ..Default::default()
    };
    assert_eq!(ix.members("persona:admin", &by_industry), vec![0, 2, 3, 6]);
    assert_eq!(
        ix.members("persona:admin", &PersonaRule::default()),
        vec![0]
    );
    assert_eq!(
        ix.members("persona:none", &PersonaRule::default()),
        Vec::<u32>::new()
    );
    let blank = PersonaRule {
        roles: vec!["  ".into()],
        ..Default::default()
    };
    assert_eq!(ix.members("persona:none", &blank), Vec::<u32>::new());
}

#[test]
fn surveys_count_at_their_stated_or_derived_stage() {
    let mut docs = journeys();
    let answers = [
        // Derived: c1 is in consideration on day 4 (and from day 3 exactly).
        survey("contact:c1", SurveyKind::Nps).score(10).at(d(4)),
        survey("contact:c1", SurveyKind::Nps).score(9).at(d(3)),
        // Stated stage wins over the path.
        survey("contact:c1", SurveyKind::Nps)
            .score(3)
            .at(d(4))
            .stage("advocacy"),
        survey("contact:c1", SurveyKind::Csat).score(5).at(d(6)),
        survey("contact:c1", SurveyKind::Csat)
            .score(3)
            .at(d(13))
            .stage("decision"),
        // Before any transition: no stage, but counts for the persona.
        survey("contact:c1", SurveyKind::Ces).score(2).at(d(0)),
        // A stage outside the workspace: persona only.
        survey("contact:c1", SurveyKind::Ces)
            .score(5)
            .at(d(7))
            .stage("onboarding"),
        // c5 has no history at all.
        survey("contact:c5", SurveyKind::Nps).score(0).at(d(2)),
        // Not a member below.
        survey("contact:c4", SurveyKind::Nps).score(10).at(d(2)),
        // Unknown contact.
        survey("contact:ghost", SurveyKind::Nps).score(10).at(d(2)),
    ];
    for (i, s) in answers.iter().enumerate() {
        docs.push(doc(&format!("s{i}"), s));
    }
    let ix = JourneyIndex::build(&docs, &classic());
    let f = compute(&ix, &[0, 4], DateRange::default());
    assert_eq!(stage(&f, "consideration").nps, fig(Some(100.0), 2, &[0]));
    assert_eq!(stage(&f, "advocacy").nps, fig(Some(-100.0), 1, &[0]));
    assert_eq!(stage(&f, "awareness").nps, fig(None, 0, &[]));
    assert_eq!(stage(&f, "awareness").csat, fig(Some(100.0), 1, &[0]));
    assert_eq!(stage(&f, "decision").csat, fig(Some(0.0), 1, &[0]));
    assert!(f.stages.iter().all(|s| s.ces.value.is_none()));
    // Persona-wide: NPS 10, 9, 3, 0 → 2 promoters, 2 detractors.
    assert_eq!(f.nps, fig(Some(0.0), 4, &[0, 4]));
    assert_eq!(f.csat, fig(Some(50.0), 2, &[0]));
    assert_eq!(f.ces, fig(Some(3.5), 2, &[0]));

    let f = compute(
        &ix,
        &[0, 4],
        DateRange {
            from: Some(d(5)),
            to: Some(d(9)),
        },
    );
    assert_eq!(stage(&f, "awareness").csat, fig(Some(100.0), 1, &[0]));
    assert_eq!(f.nps, fig(None, 0, &[]));
    assert_eq!(f.ces, fig(Some(5.0), 1, &[0]));
}

#[test]
fn touchpoints_channels_emotion_and_churn_reasons() {
    use ActivityKind::*;
    let mut docs = journeys();
    let acts = [
        // A later "giá cao" listed first: the label is still the earliest spelling.
        Activity {
            kind: Churn,
            channel: Channel::Phone,
            emotion: -1,
            reason: "giá cao".into(),
            occurred_at: d(6),
            ..activity("contact:c2", "consideration")
        },
        Activity {
            kind: PageView,
            channel: Channel::Website,
            emotion: 1,
            occurred_at: d(1),
            ..activity("contact:c1", "awareness")
        },
        Activity {
            kind: PageView,
            channel: Channel::Website,
            occurred_at: d(2),
            ..activity("contact:c1", "awareness")
        },
        Activity {
            kind: AdClick,
            channel: Channel::Social,
            emotion: 2,
            occurred_at: d(2),
            ..activity("contact:c2", "awareness")
        },
        Activity {
            kind: Email,
            channel: Channel::Email,
            emotion: -1,
            occurred_at: d(4),
            ..activity("contact:c3", "awareness")
        },
        Activity {
            kind: PageView,
            channel: Channel::Blog,
            occurred_at: d(4),
            ..activity("contact:c3", "awareness")
        },
        Activity {
            kind: Churn,
            channel: Channel::Phone,
            emotion: -2,
            reason: "Giá cao".into(),
            occurred_at: d(5),
            ..activity("contact:c1", "consideration")
        },
        Activity {
            kind: Churn,
            channel: Channel::Phone,
            emotion: -2,
            reason: "Không cần nữa".into(),
            occurred_at: d(7),
            ..activity("contact:c3", "consideration")
        },
        Activity {
            kind: Churn,
            channel: Channel::Phone,
            reason: "blank".into(),
            occurred_at: d(9),
            ..activity("contact:c1", "consideration")
        },
        Activity {
            kind: Webinar,
            channel: Channel::Webinar,
            emotion: 1,
            occurred_at: d(5),
            ..activity("contact:c1", "consideration")
        },
        // Ignored: not a member, a stage outside the workspace.
        Activity {
            kind: Call,
            channel: Channel::Phone,
            emotion: -2,
            occurred_at: d(1),
            ..activity("contact:c4", "awareness")
        },
        Activity {
            kind: Call,
            channel: Channel::Phone,
            emotion: -2,
            occurred_at: d(1),
            ..activity("contact:c1", "onboarding")
        },
    ];
    for (i, a) in acts.iter().enumerate().filter(|(i, _)| *i != 8) {
        docs.push(doc(&format!("a{i}"), a));
    }
    // A churn without a reason fails validation when written here, but may
    // still arrive from a server: it groups under "".
    let mut blank = doc("a-blank", &acts[8]);
    blank.body.remove("reason");
    docs.push(blank);
    let mut no_contact = Activity {
        kind: Call,
        channel: Channel::Phone,
        emotion: -2,
        occurred_at: d(1),
        ..activity("", "awareness")
    };
    no_contact.contact_id = None;
    no_contact.account_id = Some("account:x".into());
    docs.push(doc("a-acc", &no_contact));
    let ix = JourneyIndex::build(&docs, &classic());
    let f = compute(&ix, &[0, 1, 2], DateRange::default());

    let a = stage(&f, "awareness");
    assert_eq!(a.touchpoints, vec![(PageView, 3), (Email, 1), (AdClick, 1)]);
    assert_eq!(
        a.channels,
        vec![
            (Channel::Website, 2),
            (Channel::Social, 1),
            (Channel::Blog, 1),
            (Channel::Email, 1)
        ]
    );
    assert_eq!(a.mean_emotion, fig(Some(0.4), 5, &[0, 1, 2]));
    assert!(a.churn_reasons.is_empty());

    let c = stage(&f, "consideration");
    assert_eq!(c.touchpoints, vec![(Webinar, 1)]);
    assert_eq!(c.channels, vec![(Channel::Webinar, 1)]);
    assert_eq!(
        c.churn_reasons,
        vec![
            ("Giá cao".to_string(), 2),
            (String::new(), 1),
            ("Không cần nữa".to_string(), 1)
        ]
    );
    assert_eq!(c.mean_emotion, fig(Some(-0.8), 5, &[0, 1, 2]));
    assert_eq!(stage(&f, "decision").mean_emotion, fig(None, 0, &[]));

    let f = compute(
        &ix,
        &[0, 1, 2],
        DateRange {
            from: Some(d(6)),
            to: None,
        },
    );
    let c = stage(&f, "consideration");
    assert!(c.touchpoints.is_empty());
    assert_eq!(
        c.churn_reasons,
        vec![
            (String::new(), 1),
            ("Giá cao".to_string(), 1),
            ("Không cần nữa".to_string(), 1)
        ]
    );
}

#[test]
fn unknown_stages_stay_on_the_path_but_produce_no_figures() {
    let docs = vec![
        doc("u", &contact("U")),
        doc("t1", &move_to("contact:u", "awareness").at(d(0))),
        doc("t2", &move_to("contact:u", "pilot").at(d(2))),
        doc("t3", &move_to("contact:u", "decision").at(d(3))),
        doc("t4", &move_to("contact:u", "gone").at(d(4))),
    ];
    let ix = JourneyIndex::build(&docs, &classic());
    let f = compute(&ix, &[0], DateRange::default());
    let a = stage(&f, "awareness");
    // The stay in awareness ends at the move to "pilot"; no consecutive skip of consideration.
    assert_eq!(a.median_days, fig(Some(2.0), 1, &[0]));
    assert_eq!(stage(&f, "consideration").skipped, fig(None, 0, &[]));
    assert_eq!(stage(&f, "decision").median_days, fig(Some(1.0), 1, &[0]));
    assert_eq!(
        stage_distribution(&ix, &[0]).last(),
        Some(&(String::new(), 1))
    );
}

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// 4,000 contacts, 20,000 contact transitions, 100,000 activities (10% churns,
/// 5% at a stage outside the workspace) over one year.
fn synthetic() -> Vec<Doc> {
    let stages = classic();
    let mut rng = Lcg(42);
    let mut docs = Vec::with_capacity(125_000);
    for c in 0..4_000 {
        let persona = (c % 2 == 0).then_some("persona:p");
        docs.push(doc(
            &format!("c{c}"),
            &Contact {
                persona_id: persona.map(Into::into),
                ..contact(&format!("C{c}"))
            },
        ));
    }
    for t in 0..20_000 {
        let who = format!("contact:c{}", rng.below(4_000));
        let st = &stages[rng.below(5) as usize].id;
        let at = d(0).plus_ms(rng.below(365 * 24) as i64 * HOUR);
        docs.push(doc(&format!("t{t}"), &move_to(&who, st).at(at)));
    }
    for a in 0..100_000 {
        let who = format!("contact:c{}", rng.below(4_000));
        let st = if rng.below(20) == 0 {
            "elsewhere"
        } else {
            &stages[rng.below(5) as usize].id
        };
        let kind = ActivityKind::ALL[rng.below(ActivityKind::ALL.len() as u64) as usize];
        let channel = Channel::ALL[rng.below(Channel::ALL.len() as u64) as usize];
        let reason = ["Giá cao", "giá cao", " GIÁ CAO ", "Thiếu tính năng"][rng.below(4) as usize];
        let reason = if kind == ActivityKind::Churn {
            reason
        } else {
            ""
        };
        let emotion = rng.below(5) as i8 - 2;
        let at = d(0).plus_ms(rng.below(365 * 24) as i64 * HOUR);
        docs.push(doc(
            &format!("a{a}"),
            &Activity {
                kind,
                channel,
                emotion,
                reason: reason.into(),
                occurred_at: at,
                ..activity(&who, st)
            },
        ));
    }
    docs
}

#[test]
fn synthetic_workspace_totals_are_consistent() {
    let docs = synthetic();
    let stages = classic();
    let ix = JourneyIndex::build(&docs, &stages);
    let members = ix.members("persona:p", &PersonaRule::default());
    assert_eq!(members.len(), 2_000);
    let range = DateRange {
        from: Some(d(60)),
        to: Some(d(240)),
    };
    let f = compute(&ix, &members, range);
    assert_eq!(f.members, 2_000);

    // Expected from the records themselves, not from the index.
    let is_member = |id: &str| id[9..].parse::<u32>().unwrap() % 2 == 0;
    let mut expected = 0u32;
    let mut churns = 0u32;
    for d in docs.iter().filter(|d| d.id.starts_with("activity:")) {
        let a: Activity = d.record().unwrap();
        if is_member(a.contact_id.as_deref().unwrap())
            && range.contains(a.occurred_at)
            && stages.iter().any(|s| s.id == a.journey_stage)
        {
            expected += 1;
            churns += u32::from(a.kind == ActivityKind::Churn);
        }
    }
    let sum = |v: &[(ActivityKind, u32)]| v.iter().map(|x| x.1).sum::<u32>();
    let touch: u32 = f.stages.iter().map(|s| sum(&s.touchpoints)).sum();
    let chan: u32 = f
        .stages
        .iter()
        .map(|s| s.channels.iter().map(|x| x.1).sum::<u32>())
        .sum();
    let churned: u32 = f
        .stages
        .iter()
        .map(|s| s.churn_reasons.iter().map(|x| x.1).sum::<u32>())
        .sum();
    let emotions: u32 = f.stages.iter().map(|s| s.mean_emotion.based_on).sum();
    assert!(expected > 10_000);
    assert_eq!(touch, expected - churns);
    assert_eq!(chan, touch);
    assert_eq!(churned, churns);
    assert_eq!(emotions, expected);
    // "Giá cao" and "giá cao" are one reason.
    assert!(f.stages.iter().all(|s| s.churn_reasons.len() == 2));

    for s in &f.stages {
        let reached = &s.reached.contacts;
        assert!(reached.windows(2).all(|w| w[0] < w[1]));
        assert!(reached.iter().all(|c| c % 2 == 0));
        for part in [&s.conversion, &s.backward, &s.repeated] {
            assert!(part
                .contacts
                .iter()
                .all(|c| reached.binary_search(c).is_ok()));
        }
        assert!(s.skipped.based_on >= s.reached.based_on);
    }
    let dist = stage_distribution(&ix, &members);
    assert_eq!(dist.iter().map(|x| x.1).sum::<u32>(), 2_000);
}

#[test]
fn the_sample_workspace_gives_figures_in_every_lane() {
    use crate::domain::sample::{generate, SampleSize};
    let today = Timestamp::from_ymd(2026, 11, 22).unwrap();
    let docs = generate(7, today, SampleSize::FULL);
    let stages = crate::domain::stages::StageSetPreset::Classic.stages();
    let index = JourneyIndex::build(&docs, &stages);
    let members = index.members("persona:owner", &Default::default());
    let f = compute(&index, &members, DateRange::default());
    let touchpoints: u32 = f
        .stages
        .iter()
        .flat_map(|s| s.touchpoints.iter().map(|t| t.1))
        .sum();
    assert!(touchpoints > 1_000, "{touchpoints}");
    assert!(
        f.nps.based_on > 0 && f.csat.based_on > 0 && f.ces.based_on > 0,
        "{f:?}"
    );
    let retention = &f.stages[3];
    assert!(!retention.churn_reasons.is_empty());
    assert!(f.stages.iter().all(|s| s.mean_emotion.based_on > 0));
}
