use super::*;
use crate::domain::records::{Contact, RecordChange};
use crate::domain::{Money, Record};

fn t(day: u32, hour: i64) -> Timestamp {
    Timestamp::from_ymd(2026, 11, day)
        .unwrap()
        .plus_ms(hour * 3_600_000)
}

fn doc<R: Record>(local: &str, r: &R) -> Doc {
    Doc::new(local, r, t(1, 0), "test").unwrap()
}

/// A call by Lan with `contact` at `account`, in consideration, on the 1st.
fn activity(contact: &str, account: &str) -> Activity {
    Activity {
        kind: ActivityKind::Call,
        channel: Channel::Phone,
        journey_stage: "consideration".into(),
        occurred_at: t(1, 0),
        emotion: 1,
        notes: "gọi lại".into(),
        author: "lan".into(),
        contact_id: Some(contact.into()),
        account_id: Some(account.into()),
        ..Default::default()
    }
}

/// Lan moving `id` (at account a1) into its first stage, awareness, on the 1st.
fn transition(subject: TransitionSubject, id: &str) -> StageTransition {
    StageTransition {
        subject,
        subject_id: id.into(),
        account_id: Some("account:a1".into()),
        to_stage: "awareness".into(),
        occurred_at: t(1, 0),
        by: "lan".into(),
        ..Default::default()
    }
}

/// Two contacts at account a1 (c1, c2), one at a2 (c3); a deal of c1.
fn workspace() -> Vec<Doc> {
    let deal = Deal {
        title: "Gói CRM 50 người".into(),
        pipeline_id: "pipeline:p".into(),
        stage_id: "won".into(),
        value: Money::new(120_000_000, crate::domain::Currency::Vnd),
        probability: None,
        status: crate::domain::records::DealStatus::Open,
        account_id: Some("account:a1".into()),
        contact_id: Some("contact:c1".into()),
        owner: "lan".into(),
        expected_close: None,
        stage_entered_at: t(9, 0),
        lost_reason: None,
        support_lead: None,
        rank: None,
        extra: Default::default(),
    };
    let ticket = Ticket {
        subject: "Không đăng nhập được".into(),
        description: String::new(),
        channel: None,
        status: Default::default(),
        assignee: String::new(),
        status_log: Vec::new(),
        csat_requested_at: None,
        priority: TicketPriority::High,
        account_id: Some("account:a1".into()),
        contact_id: Some("contact:c1".into()),
        sla_first_response_min: 60,
        sla_resolution_min: 480,
        opened_at: t(10, 9),
        first_response_at: None,
        resolved_at: Some(t(11, 9)),
        extra: Default::default(),
    };
    let survey = SurveyResponse {
        kind: SurveyKind::Csat,
        score: 5,
        contact_id: "contact:c1".into(),
        account_id: Some("account:a1".into()),
        ticket_id: None,
        answered_at: t(11, 10),
        journey_stage: None,
        channel: None,
        comment: "nhanh".into(),
        extra: Default::default(),
    };
    let change = RecordChange {
        subject_id: "contact:c1".into(),
        account_id: Some("account:a1".into()),
        contact_id: Some("contact:c1".into()),
        changes: vec![FieldChange {
            field: "phone".into(),
            from: "09".into(),
            to: "08".into(),
        }],
        occurred_at: t(12, 8),
        by: "minh".into(),
        extra: Default::default(),
    };
    use TransitionSubject as S;
    vec![
        doc(
            "c1",
            &Contact {
                name: "Nguyễn An".into(),
                account_id: Some("account:a1".into()),
                email: String::new(),
                phone: String::new(),
                title: String::new(),
                role: String::new(),
                persona_id: None,
                consents: vec![],
                owner: String::new(),
                source: None,
                last_source: None,
                extra: Default::default(),
            },
        ),
        doc(
            "e1",
            &Activity {
                kind: ActivityKind::Call,
                occurred_at: t(3, 9),
                ..activity("contact:c1", "account:a1")
            },
        ),
        doc(
            "e2",
            &Activity {
                kind: ActivityKind::Email,
                occurred_at: t(4, 9),
                ..activity("contact:c2", "account:a1")
            },
        ),
        doc(
            "e3",
            &Activity {
                kind: ActivityKind::Meeting,
                occurred_at: t(5, 9),
                ..activity("contact:c3", "account:a2")
            },
        ),
        doc(
            "j1",
            &StageTransition {
                to_stage: "awareness".into(),
                occurred_at: t(2, 0),
                ..transition(S::Contact, "contact:c1")
            },
        ),
        doc(
            "j2",
            &StageTransition {
                from_stage: Some("awareness".into()),
                to_stage: "decision".into(),
                occurred_at: t(8, 0),
                ..transition(S::Contact, "contact:c1")
            },
        ),
        doc(
            "j3",
            &StageTransition {
                from_stage: Some("decision".into()),
                to_stage: "consideration".into(),
                occurred_at: t(10, 12),
                ..transition(S::Contact, "contact:c1")
            },
        ),
        doc("d1", &deal),
        doc(
            "m1",
            &StageTransition {
                from_stage: Some("proposal".into()),
                to_stage: "won".into(),
                occurred_at: t(9, 0),
                ..transition(S::Deal, "deal:d1")
            },
        ),
        doc("k1", &ticket),
        doc("s1", &survey),
        doc("x1", &change),
    ]
}

fn keys(items: &[TimelineItem]) -> Vec<&str> {
    items.iter().map(|i| i.key.as_str()).collect()
}

#[test]
fn contact_timeline_merges_every_kind_newest_first() {
    let items = build(&workspace(), &Scope::Contact("contact:c1".into()));
    assert_eq!(
        keys(&items),
        vec![
            "record_change:x1",
            "survey_response:s1",
            "ticket:k1#resolved",
            "stage_transition:j3",
            "ticket:k1",
            "stage_transition:m1",
            "stage_transition:j2",
            "activity:e1",
            "stage_transition:j1",
        ]
    );
    let deal = items
        .iter()
        .find(|i| i.kind == TimelineKind::DealChange)
        .unwrap();
    assert!(
        matches!(&deal.detail, Detail::Deal { title, to, .. } if title == "Gói CRM 50 người" && to == "won")
    );
    // Stage ids repeat across pipelines: the item names the deal's own pipeline,
    // where its stage names are looked up.
    assert!(matches!(&deal.detail, Detail::Deal { pipeline_id: Some(p), .. } if p == "pipeline:p"));
}

#[test]
fn items_without_a_stage_get_the_stage_the_contact_was_in() {
    let items = build(&workspace(), &Scope::Contact("contact:c1".into()));
    let stage = |key: &str| items.iter().find(|i| i.key == key).unwrap().stage.clone();
    // The ticket was opened on the 10th at 09:00, before the back-move at 12:00.
    assert_eq!(stage("ticket:k1").as_deref(), Some("decision"));
    assert_eq!(
        stage("ticket:k1#resolved").as_deref(),
        Some("consideration")
    );
    assert_eq!(stage("stage_transition:m1").as_deref(), Some("decision"));
    // An activity keeps the stage it was logged with.
    assert_eq!(stage("activity:e1").as_deref(), Some("consideration"));
    // An answer without a stage gets the contact's stage when answering.
    assert_eq!(
        stage("survey_response:s1").as_deref(),
        Some("consideration")
    );
}

#[test]
fn an_answer_keeps_the_stage_and_channel_it_was_recorded_with() {
    let mut docs = workspace();
    let answer = SurveyResponse {
        kind: SurveyKind::Nps,
        score: 9,
        contact_id: "contact:c1".into(),
        account_id: Some("account:a1".into()),
        ticket_id: None,
        answered_at: t(9, 12),
        journey_stage: Some("advocacy".into()),
        channel: Some(Channel::Field),
        comment: String::new(),
        extra: Default::default(),
    };
    docs.push(doc("s2", &answer));
    let items = build(&docs, &Scope::Contact("contact:c1".into()));
    let item = items
        .iter()
        .find(|i| i.key == "survey_response:s2")
        .unwrap();
    // The contact was in "decision" on the 9th; the answer says where it was sent.
    assert_eq!(item.stage.as_deref(), Some("advocacy"));
    assert_eq!(item.channel, Some(Channel::Field));
}

#[test]
fn account_timeline_holds_all_its_contacts_and_nothing_else() {
    let items = build(&workspace(), &Scope::Account("account:a1".into()));
    assert!(
        keys(&items).contains(&"activity:e2"),
        "another contact of the account"
    );
    assert!(
        !keys(&items).contains(&"activity:e3"),
        "a contact of another account"
    );
    assert_eq!(items.len(), 10);
    let other = build(&workspace(), &Scope::Account("account:a2".into()));
    assert_eq!(keys(&other), vec!["activity:e3"]);
}

#[test]
fn deleted_documents_leave_the_timeline() {
    let mut docs = workspace();
    let e1 = docs.iter().position(|d| d.id == "activity:e1").unwrap();
    docs[e1] = docs[e1].tombstone(t(20, 0), "lan");
    let items = build(&docs, &Scope::Contact("contact:c1".into()));
    assert!(!keys(&items).contains(&"activity:e1"));
}

#[test]
fn filters_combine_kind_channel_stage_and_dates() {
    let items = build(&workspace(), &Scope::Account("account:a1".into()));
    let count = |f: &TimelineFilter| items.iter().filter(|i| f.keeps(i)).count();
    assert_eq!(count(&TimelineFilter::default()), items.len());
    assert_eq!(
        count(&TimelineFilter {
            kinds: vec![TimelineKind::Activity(ActivityKind::Call)],
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(&TimelineFilter {
            channels: vec![Channel::Support],
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(&TimelineFilter {
            stages: vec!["decision".into()],
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(&TimelineFilter {
            from: Some(t(10, 0)),
            until: Some(t(11, 0)),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(&TimelineFilter {
            kinds: vec![TimelineKind::TicketOpened],
            stages: vec!["consideration".into()],
            ..Default::default()
        }),
        0
    );
}

#[test]
fn rows_group_by_local_day_and_jump_to_a_date() {
    let items = build(&workspace(), &Scope::Contact("contact:c1".into()));
    // UTC: the ticket resolved 11th 09:00 and the survey 11th 10:00 share a day;
    // at UTC+7 the transition at 10th 12:00 is 10th 19:00, still the 10th.
    let rows = day_rows(&items, 7 * 60);
    let days: Vec<String> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Day(d) => Some(d.date_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        days,
        vec![
            "2026-11-12",
            "2026-11-11",
            "2026-11-10",
            "2026-11-09",
            "2026-11-08",
            "2026-11-03",
            "2026-11-02"
        ]
    );
    assert_eq!(rows.len(), items.len() + days.len());
    // At UTC−10 the record change (12th 08:00 UTC) falls on the 11th.
    let west = day_rows(&items, -600);
    assert_eq!(
        west[0],
        Row::Day(Timestamp::from_ymd(2026, 11, 11).unwrap())
    );

    let jump = |y, m, d| row_of_day(&rows, Timestamp::from_ymd(y, m, d).unwrap());
    assert_eq!(jump(2026, 11, 11), Some(2));
    assert_eq!(
        rows[jump(2026, 11, 7).unwrap()],
        Row::Day(Timestamp::from_ymd(2026, 11, 3).unwrap()),
        "no items that day: the next older day"
    );
    assert_eq!(
        rows[jump(2026, 12, 25).unwrap()],
        Row::Day(Timestamp::from_ymd(2026, 11, 12).unwrap())
    );
    assert_eq!(
        rows[jump(2025, 1, 1).unwrap()],
        Row::Day(Timestamp::from_ymd(2026, 11, 2).unwrap()),
        "before everything: the oldest day"
    );
    assert_eq!(row_of_day(&[], Timestamp(0)), None);
}

#[test]
fn only_rows_in_view_are_rendered() {
    let rows: Vec<Row> = (0..5000).map(Row::Item).collect();
    let off = offsets(&rows, 32.0, 64.0);
    assert_eq!(off.len(), 5001);
    assert_eq!(*off.last().unwrap(), 320_000.0);
    assert_eq!(visible_range(&off, 0.0, 640.0, 0), 0..10);
    assert_eq!(visible_range(&off, 6400.0, 640.0, 3), 97..113);
    assert_eq!(visible_range(&off, 319_990.0, 640.0, 2), 4997..5000);
    assert_eq!(visible_range(&off, 30.0, 10.0, 0), 0..1);
    assert_eq!(visible_range(&[0.0], 0.0, 100.0, 5), 0..0);
    let mixed = offsets(
        &[Row::Day(Timestamp(0)), Row::Item(0), Row::Item(1)],
        32.0,
        64.0,
    );
    assert_eq!(mixed, vec![0.0, 32.0, 96.0, 160.0]);
    assert_eq!(visible_range(&mixed, 40.0, 30.0, 0), 1..2);
}
