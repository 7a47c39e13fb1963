use super::*;
use crate::domain::lead_source::{default_source_rules, LeadSource};
use crate::domain::Timestamp;

fn account(name: &str, seg: &str, owner: &str) -> Account {
    Account {
        name: name.into(),
        industry: String::new(),
        segment: seg.into(),
        city: "Hà Nội".into(),
        region: String::new(),
        owner: owner.into(),
        source: String::new(),
        extra: Default::default(),
    }
}

fn contact(name: &str, acc: &str, src: Option<(&str, &str, i64)>) -> Contact {
    Contact {
        name: name.into(),
        account_id: Some(acc.into()),
        email: String::new(),
        phone: String::new(),
        title: String::new(),
        role: String::new(),
        persona_id: Some("persona:p1".into()),
        consents: vec![],
        owner: String::new(),
        source: src.map(|(s, m, day)| LeadSource {
            source: s.into(),
            medium: m.into(),
            captured_at: Timestamp(day * 86_400_000),
            ..Default::default()
        }),
        last_source: None,
        extra: Default::default(),
    }
}

fn to(id: &str, stage: &str, day: i64) -> StageTransition {
    StageTransition {
        subject: TransitionSubject::Contact,
        subject_id: id.into(),
        account_id: None,
        from_stage: None,
        to_stage: stage.into(),
        occurred_at: Timestamp(day * 86_400_000),
        by: String::new(),
        extra: Default::default(),
    }
}

fn fixture() -> (Vec<CustomerRow>, Vec<CustomerRow>) {
    let accounts = vec![
        (
            "account:a".to_string(),
            account("Công ty Phát Đạt", "SMB", "Lan"),
        ),
        (
            "account:b".to_string(),
            account("Acme Corp", "Enterprise", "Minh"),
        ),
    ];
    let contacts = vec![
        (
            "contact:1".to_string(),
            contact("Nguyễn Văn An", "account:a", Some(("facebook", "cpc", 5))),
        ),
        (
            "contact:2".to_string(),
            contact("Trần Thị Bình", "account:a", Some(("google", "organic", 2))),
        ),
        (
            "contact:3".to_string(),
            contact("Alice Brown", "account:b", None),
        ),
    ];
    let transitions = vec![
        to("contact:1", "awareness", 1),
        to("contact:1", "decision", 3),
        to("contact:1", "consideration", 4),
        to("contact:2", "retention", 1),
    ];
    let personas = vec![(
        "persona:p1".to_string(),
        serde_json::from_value(serde_json::json!({"name": "IT admin"})).unwrap(),
    )];
    let rules = default_source_rules();
    (
        contact_rows(&contacts, &accounts, &transitions, &personas, &rules),
        account_rows(&accounts, &contacts, &rules),
    )
}

const ORDER: [&str; 5] = [
    "awareness",
    "consideration",
    "decision",
    "retention",
    "advocacy",
];

#[test]
fn contact_rows_carry_account_stage_owner_and_source_group() {
    let (rows, _) = fixture();
    assert_eq!(rows[0].account, "Công ty Phát Đạt");
    assert_eq!(
        rows[0].stage, "consideration",
        "the latest transition, even a back-move"
    );
    assert_eq!(
        rows[0].owner, "Lan",
        "the account's owner when the contact has none"
    );
    assert_eq!(rows[0].source_group, "paid_social");
    assert_eq!(rows[0].persona, "IT admin");
    assert_eq!(rows[1].source_group, "organic_search");
    assert_eq!(rows[2].source_group, "unknown");
    assert_eq!(rows[2].stage, "");
}

#[test]
fn account_rows_count_contacts_and_take_the_earliest_first_touch() {
    let (_, rows) = fixture();
    assert_eq!(rows[0].contacts, 2);
    assert_eq!(
        rows[0].source_group, "organic_search",
        "Bình's touch (day 2) came before An's (day 5)"
    );
    assert_eq!(rows[1].source_group, "unknown");
}

#[test]
fn search_ignores_diacritics_and_filters_combine() {
    let (rows, _) = fixture();
    let f = |query: &str| ListFilter {
        query: query.into(),
        ..Default::default()
    };
    assert_eq!(
        select(&rows, &f("nguyen van"), SortKey::Name, false, &ORDER),
        vec![0]
    );
    assert_eq!(
        select(&rows, &f("phat dat"), SortKey::Name, false, &ORDER),
        vec![0, 1],
        "the account name is searched too; sorted by name"
    );
    let seg = ListFilter {
        segment: "SMB".into(),
        source_group: "paid_social".into(),
        ..Default::default()
    };
    assert_eq!(select(&rows, &seg, SortKey::Name, false, &ORDER), vec![0]);
    let owner = ListFilter {
        owner: "Minh".into(),
        ..Default::default()
    };
    assert_eq!(select(&rows, &owner, SortKey::Name, false, &ORDER), vec![2]);
    let stage = ListFilter {
        stage: "retention".into(),
        ..Default::default()
    };
    assert_eq!(select(&rows, &stage, SortKey::Name, false, &ORDER), vec![1]);
}

#[test]
fn sorting_by_stage_follows_the_lifecycle_order() {
    let (rows, _) = fixture();
    let all = ListFilter::default();
    assert_eq!(
        select(&rows, &all, SortKey::Stage, false, &ORDER),
        vec![0, 1, 2],
        "no stage sorts last"
    );
    assert_eq!(
        select(&rows, &all, SortKey::Stage, true, &ORDER),
        vec![2, 1, 0]
    );
    assert_eq!(
        select(&rows, &all, SortKey::Name, false, &ORDER),
        vec![2, 0, 1]
    );
    assert_eq!(distinct(&rows, |r| &r.owner), vec!["Lan", "Minh"]);
}
