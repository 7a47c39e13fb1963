use super::*;
use crate::domain::lead_source::{default_source_rules, LeadSource};
use crate::domain::Timestamp;

/// `n` days after the epoch.
fn day(n: i64) -> Timestamp {
    Timestamp(n * 86_400_000)
}

/// An account in Hà Nội.
fn account(name: &str) -> Account {
    Account {
        name: name.into(),
        city: "Hà Nội".into(),
        ..Default::default()
    }
}

/// A contact of persona p1 at `account`.
fn contact(name: &str, account: &str) -> Contact {
    Contact {
        name: name.into(),
        account_id: Some(account.into()),
        persona_id: Some("persona:p1".into()),
        ..Default::default()
    }
}

/// Contact `id` entering `stage` (on day 0 until [`On::on`] says otherwise).
fn to(id: &str, stage: &str) -> StageTransition {
    StageTransition {
        subject: TransitionSubject::Contact,
        subject_id: id.into(),
        to_stage: stage.into(),
        ..Default::default()
    }
}

trait On {
    /// The same move, `n` days after the epoch.
    fn on(self, n: i64) -> Self;
}

impl On for StageTransition {
    fn on(mut self, n: i64) -> Self {
        self.occurred_at = day(n);
        self
    }
}

fn fixture() -> (Vec<CustomerRow>, Vec<CustomerRow>) {
    let accounts = vec![
        (
            "account:a".to_string(),
            Account {
                segment: "SMB".into(),
                owner: "Lan".into(),
                ..account("Công ty Phát Đạt")
            },
        ),
        (
            "account:b".to_string(),
            Account {
                segment: "Enterprise".into(),
                owner: "Minh".into(),
                ..account("Acme Corp")
            },
        ),
    ];
    let contacts = vec![
        (
            "contact:1".to_string(),
            Contact {
                source: Some(LeadSource {
                    source: "facebook".into(),
                    medium: "cpc".into(),
                    captured_at: day(5),
                    ..Default::default()
                }),
                ..contact("Nguyễn Văn An", "account:a")
            },
        ),
        (
            "contact:2".to_string(),
            Contact {
                source: Some(LeadSource {
                    source: "google".into(),
                    medium: "organic".into(),
                    captured_at: day(2),
                    ..Default::default()
                }),
                ..contact("Trần Thị Bình", "account:a")
            },
        ),
        ("contact:3".to_string(), contact("Alice Brown", "account:b")),
    ];
    let transitions = vec![
        to("contact:1", "awareness").on(1),
        to("contact:1", "decision").on(3),
        to("contact:1", "consideration").on(4),
        to("contact:2", "retention").on(1),
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
