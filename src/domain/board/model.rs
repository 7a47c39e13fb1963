//! The board of one pipeline: which deals show in which column, in rank order, and
//! the totals of every column, maintained incrementally as deals change.

use super::aggregate::{Amounts, StageTotals};
use super::filter::{BoardQuery, Matcher};
use super::rank;
use crate::domain::records::{Deal, DealStatus, Pipeline, PipelineStage};
use crate::domain::revision::RevId;
use crate::domain::time::Timestamp;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// One deal as the board holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Document id.
    pub id: String,
    /// Current revision (the one a write must build on).
    pub rev: Option<RevId>,
    /// The deal.
    pub deal: Deal,
    /// Normalised title, account and contact names, for search.
    pub search: String,
}

/// Where a deal sits on the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Open, in the column with this index.
    Column(usize),
    /// Closed won (counted in the won outcome).
    Won,
    /// Closed lost.
    Lost,
}

/// A calendar month, for forecasts.
pub type Month = (i64, u32);

/// The board model. Columns hold ids of the open deals that pass the filters.
#[derive(Clone, Debug)]
pub struct BoardModel {
    pipeline_id: String,
    pipeline: Pipeline,
    today: Timestamp,
    matcher: Matcher,
    cards: HashMap<String, Card>,
    placed: HashMap<String, Placement>,
    columns: Vec<Vec<String>>,
    totals: Vec<StageTotals>,
    won: StageTotals,
    lost: StageTotals,
    forecast: BTreeMap<Option<Month>, Amounts>,
    unplaced: usize,
}

impl BoardModel {
    /// Builds the board of `pipeline` from every deal (deals of other pipelines are ignored).
    pub fn new(
        pipeline_id: &str,
        pipeline: Pipeline,
        deals: impl IntoIterator<Item = Card>,
        query: &BoardQuery,
        today: Timestamp,
    ) -> Self {
        let n = pipeline.stages.len();
        let mut m = BoardModel {
            pipeline_id: pipeline_id.into(),
            pipeline,
            today,
            matcher: Matcher::new(query),
            cards: HashMap::new(),
            placed: HashMap::new(),
            columns: vec![Vec::new(); n],
            totals: vec![StageTotals::default(); n],
            won: StageTotals::default(),
            lost: StageTotals::default(),
            forecast: BTreeMap::new(),
            unplaced: 0,
        };
        for card in deals {
            if card.deal.pipeline_id == m.pipeline_id {
                if let Some(p) = m.place(&card) {
                    m.count_in(&card, p);
                    if let Placement::Column(c) = p {
                        m.columns[c].push(card.id.clone());
                    }
                    m.placed.insert(card.id.clone(), p);
                }
                if m.is_unplaced(&card.deal) {
                    m.unplaced += 1;
                }
                m.cards.insert(card.id.clone(), card);
            }
        }
        for col in 0..n {
            let mut ids = std::mem::take(&mut m.columns[col]);
            ids.sort_by(|a, b| m.order(a, b));
            m.columns[col] = ids;
        }
        m
    }

    /// Gives back every deal the board holds (to rebuild it with other filters).
    pub fn into_cards(self) -> Vec<Card> {
        self.cards.into_values().collect()
    }

    /// The pipeline's document id.
    pub fn pipeline_id(&self) -> &str {
        &self.pipeline_id
    }

    /// The pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// "Today" for days-in-stage and rotting.
    pub fn today(&self) -> Timestamp {
        self.today
    }

    /// Ids shown in column `col`, in order.
    pub fn column(&self, col: usize) -> &[String] {
        self.columns.get(col).map_or(&[], Vec::as_slice)
    }

    /// Totals of column `col` over every deal that passes the filters.
    pub fn totals(&self, col: usize) -> &StageTotals {
        &self.totals[col]
    }

    /// Totals of all open columns together.
    pub fn open_totals(&self) -> StageTotals {
        let mut t = StageTotals::default();
        for s in &self.totals {
            t.merge(s);
        }
        t
    }

    /// Won and lost outcome totals (filtered like the columns).
    pub fn outcomes(&self) -> (&StageTotals, &StageTotals) {
        (&self.won, &self.lost)
    }

    /// Weighted open value by expected close month (`None` = no close date), oldest first.
    pub fn forecast(&self) -> &BTreeMap<Option<Month>, Amounts> {
        &self.forecast
    }

    /// Open deals of this pipeline whose stage is not in it (shown as a warning).
    pub fn unplaced(&self) -> usize {
        self.unplaced
    }

    /// A card by id (any deal of this pipeline, shown or not).
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.get(id)
    }

    /// Where a deal is shown, when it passes the filters.
    pub fn placement(&self, id: &str) -> Option<Placement> {
        self.placed.get(id).copied()
    }

    /// (column, index) of a shown open deal.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        let Some(Placement::Column(c)) = self.placement(id) else {
            return None;
        };
        self.columns[c]
            .binary_search_by(|x| self.order(x, id))
            .ok()
            .map(|i| (c, i))
    }

    /// The stage of column `col`.
    pub fn stage(&self, col: usize) -> &PipelineStage {
        &self.pipeline.stages[col]
    }

    /// The column index of a stage id.
    pub fn column_of(&self, stage_id: &str) -> Option<usize> {
        self.pipeline.stages.iter().position(|s| s.id == stage_id)
    }

    /// The deal's probability: its own, else its stage's, else 0 (won counts 100).
    pub fn probability(&self, deal: &Deal) -> u8 {
        match deal.status {
            DealStatus::Won => 100,
            DealStatus::Lost => 0,
            DealStatus::Open => deal.probability.unwrap_or_else(|| {
                self.pipeline
                    .stage(&deal.stage_id)
                    .map_or(0, |s| s.probability)
            }),
        }
    }

    /// Whole days since the deal entered its stage.
    pub fn days_in_stage(&self, deal: &Deal) -> i64 {
        deal.stage_entered_at.days_until(self.today).max(0)
    }

    /// True when the deal has sat in its stage longer than the stage's rotting days.
    pub fn is_rotting(&self, deal: &Deal) -> bool {
        deal.status == DealStatus::Open
            && self
                .pipeline
                .stage(&deal.stage_id)
                .and_then(|s| s.rotting_days)
                .is_some_and(|r| self.days_in_stage(deal) > r as i64)
    }

    /// True when column `col` holds more deals than its WIP limit.
    pub fn over_wip(&self, col: usize) -> bool {
        self.stage(col)
            .wip_limit
            .is_some_and(|l| self.totals[col].count > l as u64)
    }

    /// Adds or replaces a deal (after a move, an edit, or a change from sync).
    pub fn upsert(&mut self, card: Card) {
        self.remove(&card.id);
        if card.deal.pipeline_id != self.pipeline_id {
            return;
        }
        if self.is_unplaced(&card.deal) {
            self.unplaced += 1;
        }
        if let Some(p) = self.place(&card) {
            self.count_in(&card, p);
            self.placed.insert(card.id.clone(), p);
            if let Placement::Column(c) = p {
                let id = card.id.clone();
                self.cards.insert(card.id.clone(), card);
                let at = self.columns[c]
                    .binary_search_by(|x| self.order(x, &id))
                    .unwrap_or_else(|i| i);
                self.columns[c].insert(at, id);
                return;
            }
        }
        self.cards.insert(card.id.clone(), card);
    }

    /// Removes a deal (deleted, or moved to another pipeline).
    pub fn remove(&mut self, id: &str) {
        let Some(old) = self.cards.get(id).cloned() else {
            return;
        };
        if let Some(p) = self.placed.remove(id) {
            if let Placement::Column(c) = p {
                if let Ok(i) = self.columns[c].binary_search_by(|x| self.order(x, id)) {
                    self.columns[c].remove(i);
                }
            }
            self.count_out(&old, p);
        }
        if self.is_unplaced(&old.deal) {
            self.unplaced -= 1;
        }
        self.cards.remove(id);
    }

    /// An open deal whose stage this pipeline does not have (filters aside).
    fn is_unplaced(&self, d: &Deal) -> bool {
        d.status == DealStatus::Open && self.column_of(&d.stage_id).is_none()
    }

    fn place(&self, card: &Card) -> Option<Placement> {
        let d = &card.deal;
        if !self.matcher.matches(d, &card.search, self.is_rotting(d)) {
            return None;
        }
        match d.status {
            DealStatus::Won => Some(Placement::Won),
            DealStatus::Lost => Some(Placement::Lost),
            DealStatus::Open => self.column_of(&d.stage_id).map(Placement::Column),
        }
    }

    fn count_in(&mut self, card: &Card, p: Placement) {
        let prob = self.probability(&card.deal);
        let value = card.deal.value;
        match p {
            Placement::Column(c) => {
                self.totals[c].add(value, prob);
                let month = card.deal.expected_close.map(month_of);
                self.forecast.entry(month).or_default().add(value, prob);
            }
            Placement::Won => self.won.add(value, prob),
            Placement::Lost => self.lost.add(value, prob),
        }
    }

    fn count_out(&mut self, card: &Card, p: Placement) {
        let prob = self.probability(&card.deal);
        let value = card.deal.value;
        match p {
            Placement::Column(c) => {
                self.totals[c].remove(value, prob);
                let month = card.deal.expected_close.map(month_of);
                if let Some(a) = self.forecast.get_mut(&month) {
                    a.remove(value, prob);
                    if a.is_empty() {
                        self.forecast.remove(&month);
                    }
                }
            }
            Placement::Won => self.won.remove(value, prob),
            Placement::Lost => self.lost.remove(value, prob),
        }
    }

    /// Column order: ranked deals by rank, then unranked ones by time in stage, then id.
    fn order(&self, a: &str, b: &str) -> Ordering {
        let key = |id: &str| {
            self.cards.get(id).map(|c| {
                let r = c.deal.rank.as_deref().filter(|r| rank::is_valid(r));
                (r.is_none(), r, c.deal.stage_entered_at)
            })
        };
        key(a).cmp(&key(b)).then_with(|| a.cmp(b))
    }
}

/// The (year, month) of a timestamp.
pub fn month_of(t: Timestamp) -> Month {
    let (y, m, _) = t.ymd();
    (y, m)
}
