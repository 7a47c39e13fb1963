//! Board model, moves, undo and history together, as the screen uses them.

use super::*;
use crate::domain::money::{Currency, Money};
use crate::domain::records::{Deal, Pipeline, PipelineStage, StageTransition};
use crate::domain::search::normalise;
use crate::domain::time::Timestamp;

fn day(d: u32) -> Timestamp {
    Timestamp::from_ymd(2026, 11, d).unwrap()
}

fn pipeline() -> Pipeline {
    let s = |id: &str, probability| PipelineStage {
        id: id.into(),
        name: id.to_uppercase(),
        probability,
        ..Default::default()
    };
    Pipeline {
        name: "Sales".into(),
        stages: vec![
            PipelineStage {
                rotting_days: Some(5),
                ..s("lead", 10)
            },
            PipelineStage {
                wip_limit: Some(2),
                ..s("demo", 40)
            },
            s("won_soon", 90),
        ],
        extra: Default::default(),
    }
}

/// Deal `d{n}` as a card: in "lead", worth 1 đồng, unranked; owned by Lan
/// (even `n`) or Minh (odd), at account `a{n % 2}`, closing `20 × n` days
/// after the 1st.
fn card(n: u32) -> Card {
    let deal = Deal {
        title: format!("Hợp đồng Nguyễn {n}"),
        pipeline_id: "pipeline:p".into(),
        stage_id: "lead".into(),
        value: Money::new(1, Currency::Vnd),
        account_id: Some(format!("account:a{}", n % 2)),
        owner: if n.is_multiple_of(2) {
            "Lan".into()
        } else {
            "Minh".into()
        },
        expected_close: Some(day(1).plus_days(n as i64 * 20)),
        stage_entered_at: day(1),
        ..Default::default()
    };
    Card {
        id: format!("deal:d{n}"),
        rev: None,
        search: normalise(&deal.title),
        deal,
    }
}

/// Chainable settings of a test card.
trait CardFixture {
    fn stage(self, stage: &str) -> Self;
    fn vnd(self, amount: i64) -> Self;
    fn rank(self, rank: &str) -> Self;
}

impl CardFixture for Card {
    fn stage(mut self, stage: &str) -> Self {
        self.deal.stage_id = stage.into();
        self
    }
    fn vnd(mut self, amount: i64) -> Self {
        self.deal.value = Money::new(amount, Currency::Vnd);
        self
    }
    fn rank(mut self, rank: &str) -> Self {
        self.deal.rank = Some(rank.into());
        self
    }
}

fn board(cards: Vec<Card>, q: &BoardQuery) -> BoardModel {
    BoardModel::new("pipeline:p", pipeline(), cards, q, day(20))
}

fn ids(b: &BoardModel, col: usize) -> Vec<&str> {
    b.column(col).iter().map(String::as_str).collect()
}

/// Recomputes every total from scratch, to compare with the incremental ones.
fn recomputed(b: &BoardModel, cards: &[Card], q: &BoardQuery) -> Vec<StageTotals> {
    let fresh = BoardModel::new("pipeline:p", pipeline(), cards.to_vec(), q, b.today());
    (0..3).map(|c| fresh.totals(c).clone()).collect()
}

#[test]
fn headers_count_sum_and_weight_every_matching_deal() {
    let mut c = vec![
        card(1).vnd(1_000_000).rank("a"),
        card(2).vnd(3_000_000).rank("b"),
        card(3).stage("demo").vnd(500),
    ];
    c[1].deal.probability = Some(50); // the deal's own probability wins over the stage's 10 %
    c[2].deal.value = Money::new(12_345, Currency::Usd);
    let b = board(c, &BoardQuery::default());
    let lead = b.totals(0);
    assert_eq!(lead.count, 2);
    assert_eq!(
        lead.amounts.value(Currency::Vnd),
        Money::new(4_000_000, Currency::Vnd)
    );
    assert_eq!(
        lead.amounts.weighted(Currency::Vnd),
        Money::new(100_000 + 1_500_000, Currency::Vnd)
    );
    let demo = b.totals(1);
    assert_eq!(demo.amounts.currencies(Currency::Vnd), vec![Currency::Usd]);
    assert_eq!(
        demo.amounts.weighted(Currency::Usd),
        Money::new(4_938, Currency::Usd)
    );
    assert_eq!(b.open_totals().count, 3);
}

#[test]
fn rotting_wip_and_days_in_stage() {
    let mut c: Vec<Card> = (1..=3).map(|n| card(n).stage("demo")).collect();
    c.push(card(4));
    c[3].deal.stage_entered_at = day(16); // 4 days in lead: fresh
    let mut old = card(5);
    old.deal.stage_entered_at = day(10); // 10 days > 5 rotting days
    c.push(old);
    let b = board(c, &BoardQuery::default());
    assert!(b.over_wip(1), "3 deals over a WIP limit of 2");
    assert!(!b.over_wip(0));
    assert!(!b.is_rotting(&b.card("deal:d4").unwrap().deal));
    assert!(b.is_rotting(&b.card("deal:d5").unwrap().deal));
    assert_eq!(b.days_in_stage(&b.card("deal:d5").unwrap().deal), 10);
    let rotting = board(
        b_cards(&b),
        &BoardQuery {
            rotting: true,
            ..Default::default()
        },
    );
    assert_eq!(ids(&rotting, 0), ["deal:d5"]);
    assert_eq!(rotting.totals(1).count, 0);
}

fn b_cards(b: &BoardModel) -> Vec<Card> {
    (1..=5)
        .filter_map(|n| b.card(&format!("deal:d{n}")).cloned())
        .collect()
}

#[test]
fn filters_narrow_columns_and_totals_together() {
    let c: Vec<Card> = (1..=6)
        .map(|n| card(n).vnd(n as i64 * 1_000_000).rank(&format!("{n}")))
        .collect();
    let q = BoardQuery {
        owner: Some("Lan".into()),
        ..Default::default()
    };
    let b = board(c.clone(), &q);
    assert_eq!(ids(&b, 0), ["deal:d2", "deal:d4", "deal:d6"]);
    assert_eq!(b.totals(0).amounts.value(Currency::Vnd).amount, 12_000_000);
    let q = BoardQuery {
        text: "nguyen 3".into(),
        ..Default::default()
    };
    assert_eq!(ids(&board(c.clone(), &q), 0), ["deal:d3"]);
    let q = BoardQuery {
        min: Some(Money::new(5_000_000, Currency::Vnd)),
        ..Default::default()
    };
    assert_eq!(ids(&board(c.clone(), &q), 0), ["deal:d5", "deal:d6"]);
    let q = BoardQuery {
        close_to: Some(day(1).plus_days(40)),
        ..Default::default()
    };
    assert_eq!(ids(&board(c, &q), 0), ["deal:d1", "deal:d2"]);
}

#[test]
fn unplaced_counts_unknown_stages_only_not_filtered_deals() {
    let q = BoardQuery {
        owner: Some("Lan".into()),
        ..Default::default()
    };
    let mut b = board(
        vec![card(1), card(2).stage("gone"), card(3).stage("gone")],
        &q,
    );
    assert_eq!(b.unplaced(), 2, "d1 is filtered out, not unplaced");
    b.remove("deal:d2");
    assert_eq!(b.unplaced(), 1);
    b.upsert(card(3).stage("demo"));
    assert_eq!(b.unplaced(), 0);
}

#[test]
fn ranked_cards_first_then_unranked_by_time_in_stage() {
    let mut c = vec![card(1), card(2).rank("m"), card(3).rank("c"), card(4)];
    c[0].deal.stage_entered_at = day(5);
    c[3].deal.stage_entered_at = day(2);
    assert_eq!(
        ids(&board(c, &BoardQuery::default()), 0),
        ["deal:d3", "deal:d2", "deal:d4", "deal:d1"]
    );
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("t{n}")
    }
}

fn apply(b: &mut BoardModel, plan: &MovePlan) {
    for c in &plan.deals {
        b.upsert(c.clone());
    }
}

#[test]
fn a_move_lands_where_dropped_records_a_transition_and_updates_totals() {
    let all = vec![
        card(1).vnd(100).rank("b"),
        card(2).vnd(200).rank("d"),
        card(3).stage("demo").vnd(300).rank("b"),
        card(4).stage("demo").vnd(400).rank("d"),
    ];
    let mut b = board(all.clone(), &BoardQuery::default());
    let now = day(20);
    let plan = plan_move(
        &b,
        &["deal:d1".into()],
        &MoveTarget::Stage {
            column: 1,
            index: 1,
        },
        now,
        "Lan",
        counter(),
    )
    .unwrap();
    assert_eq!(plan.transitions.len(), 1);
    let (_, t) = &plan.transitions[0];
    assert_eq!(
        (t.from_stage.as_deref(), t.to_stage.as_str(), t.by.as_str()),
        (Some("lead"), "demo", "Lan")
    );
    apply(&mut b, &plan);
    assert_eq!(ids(&b, 1), ["deal:d3", "deal:d1", "deal:d4"]);
    assert_eq!(b.card("deal:d1").unwrap().deal.stage_entered_at, now);
    let after: Vec<Card> = (1..=4)
        .map(|n| b.card(&format!("deal:d{n}")).unwrap().clone())
        .collect();
    let fresh = recomputed(&b, &after, &BoardQuery::default());
    assert_eq!(
        (0..3).map(|c| b.totals(c).clone()).collect::<Vec<_>>(),
        fresh
    );
    assert_eq!(b.totals(1).amounts.weighted(Currency::Vnd).amount, 320);

    // Reordering within a column records no transition.
    let plan = plan_move(
        &b,
        &["deal:d4".into()],
        &MoveTarget::Stage {
            column: 1,
            index: 0,
        },
        now,
        "Lan",
        counter(),
    )
    .unwrap();
    assert!(plan.transitions.is_empty());
    apply(&mut b, &plan);
    assert_eq!(ids(&b, 1), ["deal:d4", "deal:d3", "deal:d1"]);
}

#[test]
fn multi_move_keeps_the_given_order_and_undo_restores_everything() {
    let all: Vec<Card> = (1..=5)
        .map(|n| card(n).vnd(10).rank(&format!("{n}")))
        .collect();
    let q = BoardQuery::default();
    let mut b = board(all.clone(), &q);
    let before_totals: Vec<StageTotals> = (0..3).map(|c| b.totals(c).clone()).collect();
    let moved = vec!["deal:d4".to_string(), "deal:d2".to_string()];
    let plan = plan_move(
        &b,
        &moved,
        &MoveTarget::Stage {
            column: 2,
            index: 0,
        },
        day(20),
        "Lan",
        counter(),
    )
    .unwrap();
    assert_eq!(plan.transitions.len(), 2);
    apply(&mut b, &plan);
    assert_eq!(ids(&b, 2), ["deal:d4", "deal:d2"]);
    assert_eq!(ids(&b, 0), ["deal:d1", "deal:d3", "deal:d5"]);
    let restore = plan_undo(&b, &plan.undo).unwrap();
    for c in restore {
        b.upsert(c);
    }
    assert_eq!(
        ids(&b, 0),
        ["deal:d1", "deal:d2", "deal:d3", "deal:d4", "deal:d5"]
    );
    assert_eq!(
        (0..3).map(|c| b.totals(c).clone()).collect::<Vec<_>>(),
        before_totals
    );
    assert_eq!(b.card("deal:d2").unwrap().deal, all[1].deal);
}

#[test]
fn undo_is_refused_when_the_deal_moved_again() {
    let mut b = board(vec![card(1).vnd(10).rank("a")], &BoardQuery::default());
    let first = plan_move(
        &b,
        &["deal:d1".into()],
        &MoveTarget::Stage {
            column: 1,
            index: 0,
        },
        day(20),
        "x",
        counter(),
    )
    .unwrap();
    apply(&mut b, &first);
    let second = plan_move(
        &b,
        &["deal:d1".into()],
        &MoveTarget::Stage {
            column: 2,
            index: 0,
        },
        day(20),
        "x",
        counter(),
    )
    .unwrap();
    apply(&mut b, &second);
    assert_eq!(
        plan_undo(&b, &first.undo),
        Err(MoveError::ChangedSince("deal:d1".into()))
    );
}

#[test]
fn dropping_among_unranked_cards_ranks_the_ones_above() {
    let mut c = vec![card(1).rank("m"), card(2), card(3), card(9).stage("demo")];
    c[1].deal.stage_entered_at = day(2);
    c[2].deal.stage_entered_at = day(3);
    let mut b = board(c, &BoardQuery::default());
    let plan = plan_move(
        &b,
        &["deal:d9".into()],
        &MoveTarget::Stage {
            column: 0,
            index: 2,
        },
        day(20),
        "x",
        counter(),
    )
    .unwrap();
    assert_eq!(plan.deals.len(), 2, "d2 gets a rank so d9 can sit under it");
    apply(&mut b, &plan);
    assert_eq!(ids(&b, 0), ["deal:d1", "deal:d2", "deal:d9", "deal:d3"]);
}

#[test]
fn won_lost_and_refusals() {
    let mut b = board(
        vec![card(1).vnd(1_000).rank("a"), card(2).vnd(50).rank("b")],
        &BoardQuery::default(),
    );
    let lost = MoveTarget::Lost {
        reason: "  ".into(),
    };
    assert_eq!(
        plan_move(&b, &["deal:d1".into()], &lost, day(20), "x", counter()),
        Err(MoveError::ReasonRequired)
    );
    assert_eq!(
        plan_move(
            &b,
            &["deal:d1".into()],
            &MoveTarget::Stage {
                column: 7,
                index: 0
            },
            day(20),
            "x",
            counter()
        ),
        Err(MoveError::UnknownStage)
    );
    assert_eq!(
        plan_move(&b, &[], &MoveTarget::Won, day(20), "x", counter()),
        Err(MoveError::Nothing)
    );
    let mut other = card(3);
    other.deal.pipeline_id = "pipeline:other".into();
    b.upsert(other);
    assert!(
        b.card("deal:d3").is_none(),
        "a deal of another pipeline is not on this board"
    );
    assert_eq!(
        plan_move(
            &b,
            &["deal:d3".into()],
            &MoveTarget::Won,
            day(20),
            "x",
            counter()
        ),
        Err(MoveError::NotOnBoard("deal:d3".into()))
    );
    let plan = plan_move(
        &b,
        &["deal:d1".into()],
        &MoveTarget::Won,
        day(20),
        "x",
        counter(),
    )
    .unwrap();
    assert_eq!(plan.transitions[0].1.to_stage, "won");
    apply(&mut b, &plan);
    assert_eq!(b.placement("deal:d1"), Some(Placement::Won));
    assert_eq!(b.outcomes().0.amounts.weighted(Currency::Vnd).amount, 1_000);
    assert_eq!(b.totals(0).count, 1);
    let plan = plan_move(
        &b,
        &["deal:d2".into()],
        &MoveTarget::Lost {
            reason: "Giá cao".into(),
        },
        day(20),
        "x",
        counter(),
    )
    .unwrap();
    apply(&mut b, &plan);
    assert_eq!(
        b.card("deal:d2").unwrap().deal.lost_reason.as_deref(),
        Some("Giá cao")
    );
    assert_eq!(b.totals(0).count, 0);
    assert!(b.forecast().is_empty());
}

#[test]
fn forecast_groups_open_weighted_value_by_close_month() {
    let c = vec![
        card(1).vnd(1_000),
        card(2).stage("demo").vnd(1_000),
        card(3).stage("demo").vnd(1_000),
    ];
    let b = board(c, &BoardQuery::default());
    let months: Vec<(Option<Month>, i64)> = b
        .forecast()
        .iter()
        .map(|(m, a)| (*m, a.weighted(Currency::Vnd).amount))
        .collect();
    assert_eq!(
        months,
        vec![(Some((2026, 11)), 100), (Some((2026, 12)), 800)]
    );
}

#[test]
fn history_classifies_back_moves_skips_and_outcomes() {
    let t = |from: Option<&str>, to: &str, d: u32| StageTransition {
        subject: crate::domain::records::TransitionSubject::Deal,
        subject_id: "deal:d1".into(),
        account_id: None,
        from_stage: from.map(str::to_owned),
        to_stage: to.into(),
        occurred_at: day(d),
        by: "Lan".into(),
        extra: Default::default(),
    };
    let ts = vec![
        t(Some("demo"), "lead", 3),
        t(None, "lead", 1),
        t(Some("lead"), "demo", 2),
        t(Some("lead"), "won_soon", 4),
        t(Some("won_soon"), "lost", 5),
        t(Some("lost"), "demo", 6),
    ];
    let kinds: Vec<StepKind> = deal_history(&pipeline(), &ts)
        .iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            StepKind::Entered,
            StepKind::Forward,
            StepKind::Backward,
            StepKind::Skip { skipped: 1 },
            StepKind::Lost,
            StepKind::Reopened
        ]
    );
    assert_eq!(current_stage(&ts), Some("demo"));
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn incremental_totals_match_a_rebuild_after_random_moves() {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::default();
    runner
        .run(
            &proptest::collection::vec((1u32..=12, 0usize..5, 0usize..20), 1..40),
            |moves| {
                let all: Vec<Card> = (1..=12)
                    .map(|n| {
                        card(n)
                            .stage(["lead", "demo", "won_soon"][n as usize % 3])
                            .vnd(n as i64 * 7_777)
                    })
                    .collect();
                let q = BoardQuery {
                    owner: Some("Lan".into()),
                    ..Default::default()
                };
                let mut b = board(all.clone(), &q);
                let mut ids_counter = counter();
                for (n, col, idx) in moves {
                    let id = format!("deal:d{n}");
                    let target = match col {
                        3 => MoveTarget::Won,
                        4 => MoveTarget::Lost { reason: "r".into() },
                        c => MoveTarget::Stage {
                            column: c,
                            index: idx,
                        },
                    };
                    if let Ok(plan) = plan_move(&b, &[id], &target, day(20), "x", &mut ids_counter)
                    {
                        apply(&mut b, &plan);
                    }
                }
                let now: Vec<Card> = (1..=12)
                    .filter_map(|n| b.card(&format!("deal:d{n}")).cloned())
                    .collect();
                let fresh = BoardModel::new("pipeline:p", pipeline(), now, &q, day(20));
                for c in 0..3 {
                    prop_assert_eq!(b.totals(c), fresh.totals(c));
                    prop_assert_eq!(b.column(c), fresh.column(c));
                }
                prop_assert_eq!(b.forecast(), fresh.forecast());
                prop_assert_eq!(b.outcomes(), fresh.outcomes());
                Ok(())
            },
        )
        .unwrap();
}
