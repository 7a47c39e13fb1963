use super::*;

/// A first touch from `source` / `medium`, with no campaign, at day 0.
fn source(source: &str, medium: &str) -> LeadSource {
    LeadSource {
        source: source.into(),
        medium: medium.into(),
        captured_at: day(0),
        ..Default::default()
    }
}

/// Chainable settings of a test touch.
trait SourceFixture {
    fn campaign(self, campaign: &str) -> Self;
    fn captured(self, at: Timestamp) -> Self;
}

impl SourceFixture for LeadSource {
    fn campaign(mut self, campaign: &str) -> Self {
        self.campaign = campaign.into();
        self
    }
    fn captured(mut self, at: Timestamp) -> Self {
        self.captured_at = at;
        self
    }
}

/// Contacts (2026) with the default source rules:
/// - k1 facebook / cpc, campaign "tet", captured Jan 2 → paid_social
/// - k2 google / organic, no campaign, Jan 3 → organic_search
/// - k3 facebook / cpc, "tet", Feb 5 → paid_social
/// - k4 no source, account r whose source group is "referral", first touch Jan 20
/// - k5 no source, no account, never touched → unknown, no arrival time
/// - k6 newsletter / email, "spring", Jan 9 → email
///
/// Deals: g1 k1 created Jan 10 won Jan 25 1M ₫; g2 k1 Jan 12 open; g3 k3
/// Feb 7 lost; g4 k2 Jan 15 won Feb 2 2M ₫; g5 account r only, Jan 20
/// open; g6 k6 Mar 1 open.
fn sources() -> Ws {
    let mut w = Ws::default();
    w.add(
        "r",
        &Account {
            source: "referral".into(),
            ..account("r", "SMB")
        },
    );
    let first_touch = |id: &str, s: LeadSource| Contact {
        source: Some(s),
        ..contact(id, None)
    };
    let k1 = first_touch(
        "k1",
        source("facebook", "cpc")
            .campaign("tet")
            .captured(at(2026, 1, 2)),
    );
    let k2 = first_touch("k2", source("google", "organic").captured(at(2026, 1, 3)));
    let k3 = first_touch(
        "k3",
        source("facebook", "cpc")
            .campaign("tet")
            .captured(at(2026, 2, 5)),
    );
    let k4 = contact("k4", Some("r"));
    let k5 = contact("k5", None);
    let k6 = first_touch(
        "k6",
        source("newsletter", "email")
            .campaign("spring")
            .captured(at(2026, 1, 9)),
    );
    for (id, c) in [
        ("k1", k1),
        ("k2", k2),
        ("k3", k3),
        ("k4", k4),
        ("k5", k5),
        ("k6", k6),
    ] {
        w.add(id, &c);
    }
    w.log(
        activity(ActivityKind::Call)
            .contact("k4")
            .via(Channel::Phone)
            .on(at(2026, 1, 20)),
    )
    .pipeline()
    .deal(
        deal("g1")
            .contact("k1")
            .value(vnd(1_000_000))
            .created(at(2026, 1, 10))
            .won(at(2026, 1, 25)),
    )
    .deal(
        deal("g2")
            .contact("k1")
            .value(vnd(7_000_000))
            .created(at(2026, 1, 12)),
    )
    .deal(
        deal("g3")
            .contact("k3")
            .value(vnd(3_000_000))
            .created(at(2026, 2, 7))
            .lost(at(2026, 2, 8)),
    )
    .deal(
        deal("g4")
            .contact("k2")
            .value(vnd(2_000_000))
            .created(at(2026, 1, 15))
            .won(at(2026, 2, 2)),
    )
    .deal(
        deal("g5")
            .account("r")
            .value(vnd(9_000_000))
            .created(at(2026, 1, 20)),
    )
    .deal(
        deal("g6")
            .contact("k6")
            .value(vnd(4_000_000))
            .created(at(2026, 3, 1)),
    );
    w
}

type Row = (String, u32, u32, Vec<Money>);

fn rows(rows: &[crate::domain::dashboard::SourceRow]) -> Vec<Row> {
    rows.iter()
        .map(|r| {
            (
                r.key.clone(),
                r.contacts.based_on,
                r.opportunities.based_on,
                r.won.amounts.clone(),
            )
        })
        .collect()
}

#[test]
fn contacts_opportunities_and_won_value_by_group() {
    let w = sources();
    let ix = w.index();
    let f = compute(
        &ix,
        &now(at(2026, 4, 1)).from(at(2026, 1, 1)).to(at(2026, 3, 1)),
    )
    .sources;
    let r = |k: &str, c, o, won: &[Money]| (k.to_string(), c, o, won.to_vec());
    // Most opportunities first, then most contacts, then by key; k5 (no
    // arrival time) is outside a range with a start, g6 (Mar 1) is after it.
    assert_eq!(
        rows(&f.by_group),
        [
            r("paid_social", 2, 3, &[vnd(1_000_000)]),
            r("organic_search", 1, 1, &[vnd(2_000_000)]),
            r("referral", 1, 1, &[]),
            r("email", 1, 0, &[]),
        ]
    );
    assert_eq!(
        ids(&ix, &f.by_group[0].contacts.records),
        ["contact:k1", "contact:k3"]
    );
    assert_eq!(
        ids(&ix, &f.by_group[0].opportunities.records),
        ["deal:g1", "deal:g2", "deal:g3"]
    );
    assert_eq!(ids(&ix, &f.by_group[2].opportunities.records), ["deal:g5"]);
    // A group with contacts but no deal shows no count, not 0.
    assert_eq!(f.by_group[3].opportunities.value, None);
}

#[test]
fn contacts_opportunities_and_won_value_by_campaign() {
    let f = sources()
        .figures(&now(at(2026, 4, 1)).from(at(2026, 1, 1)).to(at(2026, 3, 1)))
        .sources;
    let r = |k: &str, c, o, won: &[Money]| (k.to_string(), c, o, won.to_vec());
    assert_eq!(
        rows(&f.by_campaign),
        [
            r("tet", 2, 3, &[vnd(1_000_000)]),
            r("", 2, 2, &[vnd(2_000_000)]),
            r("spring", 1, 0, &[]),
        ]
    );
}

#[test]
fn an_open_range_counts_contacts_without_an_arrival_time() {
    let f = sources().figures(&now(at(2026, 4, 1))).sources;
    let unknown = f
        .by_group
        .iter()
        .find(|r| r.key == "unknown")
        .expect("unknown group");
    assert_eq!(unknown.contacts.based_on, 1);
    let email = f.by_group.iter().find(|r| r.key == "email").unwrap();
    assert_eq!(email.opportunities.based_on, 1);
}
