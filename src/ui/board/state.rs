//! The board screen's state: every deal (all pipelines), the model of the shown
//! pipeline, selection, focus, the move in progress, undo and announcements.
//! Moves update the model at once (so the DOM and totals follow within a frame),
//! then commit through the store in one transaction, or roll back with an error.

use crate::actions::deals;
use crate::domain::board::{
    plan_move, plan_undo, BoardModel, BoardQuery, Card, MoveError, MovePlan, MoveTarget, Undo,
};
use crate::domain::records::{Account, Contact, Deal, Pipeline, StageTransition};
use crate::domain::search::normalise;
use crate::domain::{Doc, RecordType};
use crate::i18n::*;
use crate::store::{Store, StoreError};
use crate::ui::common::money;
use crate::ui::common::{now, store_error_message, HostEvents, UiRoot, Workspace};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Where a card being moved would land.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropAt {
    /// Column and index among the column's other cards.
    Column(usize, usize),
    /// The "won" outcome.
    Won,
    /// The "lost" outcome (asks for a reason).
    Lost,
}

/// A move in progress, by pointer or keyboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Moving {
    /// Deals being moved, in board order.
    pub ids: Vec<String>,
    /// Current drop target.
    pub at: Option<DropAt>,
    /// Pointer position (pointer drags only), for the drag ghost.
    pub pointer: Option<(f64, f64)>,
}

/// What the undo toast says.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    /// Text of the last move.
    pub text: String,
    /// Whether undo is possible.
    pub undoable: bool,
}

/// Everything the board screen shares; `Copy`, provided as context.
#[derive(Clone, Copy)]
pub struct BoardState {
    /// The workspace.
    pub ws: Workspace,
    /// The UI language, for messages the state produces.
    pub i18n: I18nContext<Locale>,
    /// Model of the shown pipeline; `None` until loaded or without pipelines.
    pub model: RwSignal<Option<BoardModel>>,
    /// Deals of the pipelines not shown (the model owns the shown pipeline's).
    others: StoredValue<HashMap<String, Card>>,
    /// Pipelines, by id order.
    pub pipelines: RwSignal<Vec<(String, Pipeline)>>,
    /// Account and contact names by document id.
    pub names: RwSignal<HashMap<String, String>>,
    /// Distinct deal owners, sorted.
    pub owners: RwSignal<Vec<String>>,
    /// The view (pipeline, filters) as read from the URL.
    pub query: RwSignal<BoardQuery>,
    /// Only deals of these accounts are loaded (an embed's partner scope); empty = all.
    pub scope: StoredValue<BTreeSet<String>>,
    /// No edit controls; moves and saves are refused (an embed's read-only mode).
    pub read_only: bool,
    /// Where the board is rendered, for focus and hit tests.
    pub root: UiRoot,
    /// The embedding page, told which deal a person opens.
    pub host: Option<HostEvents>,
    /// Selected deal ids.
    pub selected: RwSignal<HashSet<String>>,
    /// The card that holds the roving tab stop.
    pub focused: RwSignal<Option<String>>,
    /// A move in progress.
    pub moving: RwSignal<Option<Moving>>,
    /// Deals waiting for a lost reason (from a drop on "lost" or the move menu).
    pub lost_prompt: RwSignal<Option<Vec<String>>>,
    /// The deal open in the detail dialog; `Some(None)` = a new deal.
    pub open_deal: RwSignal<Option<DealDialog>>,
    undo: StoredValue<Vec<Undo>>,
    /// Last move's toast.
    pub toast: RwSignal<Option<Toast>>,
    /// Screen-reader announcement (live region).
    pub announce: RwSignal<String>,
    /// Last refused move or failed write, translated.
    pub error: RwSignal<Option<String>>,
    /// The load failed.
    pub load_error: RwSignal<Option<StoreError>>,
    /// True once the first load finished.
    pub loaded: RwSignal<bool>,
}

/// What the deal dialog shows.
#[derive(Clone, Debug, PartialEq)]
pub enum DealDialog {
    /// An existing deal.
    Existing(String),
    /// A new deal in this column.
    New(usize),
}

/// The board's state, provided by the board page to everything on it.
pub fn use_board() -> BoardState {
    expect_context::<BoardState>()
}

impl BoardState {
    /// Fresh state for `ws`; call [`BoardState::load`] next.
    pub fn new(ws: Workspace, i18n: I18nContext<Locale>) -> Self {
        BoardState {
            ws,
            i18n,
            model: RwSignal::new(None),
            others: StoredValue::new(HashMap::new()),
            pipelines: RwSignal::new(Vec::new()),
            names: RwSignal::new(HashMap::new()),
            owners: RwSignal::new(Vec::new()),
            query: RwSignal::new(BoardQuery::default()),
            scope: StoredValue::new(BTreeSet::new()),
            read_only: ws.read_only(),
            root: UiRoot::current(),
            host: HostEvents::current(),
            selected: RwSignal::new(HashSet::new()),
            focused: RwSignal::new(None),
            moving: RwSignal::new(None),
            lost_prompt: RwSignal::new(None),
            open_deal: RwSignal::new(None),
            undo: StoredValue::new(Vec::new()),
            toast: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            load_error: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }

    /// Reads pipelines, deals and names from the store and rebuilds the board.
    pub async fn load(self) {
        let Some(store) = self.ws.store() else {
            self.load_error.set(Some(StoreError::Unavailable));
            return;
        };
        match read_all(&store).await {
            Ok((pipelines, cards, names)) => {
                self.set_data(pipelines, cards, names);
                self.load_error.set(None);
            }
            Err(e) => self.load_error.set(Some(e)),
        }
    }

    /// Shows these pipelines and deals (from [`BoardState::load`], or given
    /// directly by benchmarks) and rebuilds the board.
    pub fn set_data(
        self,
        pipelines: Vec<(String, Pipeline)>,
        cards: Vec<Card>,
        mut names: HashMap<String, String>,
    ) {
        let cards: Vec<Card> = cards.into_iter().filter(|c| self.in_scope(c)).collect();
        if self.scope.with_value(|s| !s.is_empty()) {
            let scope = self.scope.get_value();
            names.retain(|id, _| !id.starts_with("account:") || scope.contains(id));
        }
        let mut owners: Vec<String> = cards
            .iter()
            .map(|c| c.deal.owner.as_str())
            .filter(|o| !o.is_empty())
            .collect::<HashSet<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        owners.sort();
        self.names.set(names);
        self.owners.set(owners);
        self.pipelines.set(pipelines);
        self.others.set_value(HashMap::new());
        self.rebuild_from(cards);
        self.loaded.set(true);
    }

    /// The pipeline the URL asks for, else the first.
    pub fn pipeline_id(&self) -> Option<String> {
        let wanted = self.query.with(|q| q.pipeline.clone());
        self.pipelines.with(|ps| {
            ps.iter()
                .find(|(id, _)| Some(id) == wanted.as_ref())
                .or(ps.first())
                .map(|(id, _)| id.clone())
        })
    }

    /// Rebuilds the model from every deal for the current pipeline and filters.
    pub fn rebuild(self) {
        let mut cards: Vec<Card> = self
            .others
            .try_update_value(std::mem::take)
            .map(|m| m.into_values().collect())
            .unwrap_or_default();
        if let Some(m) = self.model.try_update_untracked(Option::take).flatten() {
            cards.extend(m.into_cards());
        }
        self.rebuild_from(cards);
    }

    /// Builds the model from its pipeline's deals (moved in, not copied) and keeps
    /// the other pipelines' deals aside.
    fn rebuild_from(self, cards: Vec<Card>) {
        let pid = self.pipeline_id();
        let pipeline = pid.as_ref().and_then(|pid| {
            self.pipelines
                .with_untracked(|ps| ps.iter().find(|(id, _)| id == pid).map(|(_, p)| p.clone()))
        });
        let (Some(pid), Some(pipeline)) = (pid, pipeline) else {
            self.others
                .set_value(cards.into_iter().map(|c| (c.id.clone(), c)).collect());
            self.model.set(None);
            return;
        };
        let (mine, rest): (Vec<Card>, Vec<Card>) =
            cards.into_iter().partition(|c| c.deal.pipeline_id == pid);
        self.others
            .set_value(rest.into_iter().map(|c| (c.id.clone(), c)).collect());
        let query = self.query.get_untracked();
        let model = BoardModel::new(&pid, pipeline, mine, &query, now());
        self.model.set(Some(model));
    }

    /// Opens a deal: tells an embedding page, and shows the deal dialog unless
    /// this board is read-only.
    pub fn open(&self, id: &str) {
        if let Some(host) = self.host {
            let title = self
                .get(id)
                .map(|c| c.deal.title.clone())
                .unwrap_or_default();
            host.emit(
                "waypoint-select",
                serde_json::json!({ "type": "deal", "id": id, "title": title }),
            );
        }
        if !self.read_only {
            self.open_deal
                .set(Some(DealDialog::Existing(id.to_string())));
        }
    }

    /// Whether a deal belongs to the accounts this board may show.
    fn in_scope(&self, card: &Card) -> bool {
        self.scope.with_value(|s| {
            s.is_empty() || card.deal.account_id.as_ref().is_some_and(|a| s.contains(a))
        })
    }

    /// A deal the board holds, shown or not.
    fn get(&self, id: &str) -> Option<Card> {
        self.model
            .with_untracked(|m| m.as_ref().and_then(|m| m.card(id).cloned()))
            .or_else(|| self.others.with_value(|o| o.get(id).cloned()))
    }

    /// Follows a committed change: re-reads changed deals (skipping revisions the
    /// board already holds); a change to pipelines, names or a cleared store reloads.
    pub async fn follow(self, ids: Vec<String>, cleared: bool) {
        let reload = cleared
            || ids.iter().any(|id| {
                [
                    RecordType::Pipeline,
                    RecordType::Account,
                    RecordType::Contact,
                ]
                .iter()
                .any(|t| id.starts_with(&format!("{}:", t.as_str())))
            });
        if reload {
            self.load().await;
            return;
        }
        let deal_ids: Vec<String> = ids
            .into_iter()
            .filter(|id| id.starts_with("deal:"))
            .collect();
        if deal_ids.is_empty() {
            return;
        }
        let Some(store) = self.ws.store() else { return };
        let Ok(entries) = store.entries(&deal_ids).await else {
            return;
        };
        let names = self.names.get_untracked();
        for (id, entry) in deal_ids.iter().zip(entries) {
            let doc = entry.and_then(|e| e.winner()).filter(|d| !d.deleted);
            let card = doc
                .and_then(|d| card_of(&d, &names))
                .filter(|c| self.in_scope(c));
            if self.get(id).map(|c| c.rev) == card.as_ref().map(|c| c.rev.clone()) {
                continue;
            }
            self.put_local(id, card);
        }
    }

    /// Replaces (or removes) one deal in the board's memory and model.
    fn put_local(&self, id: &str, card: Option<Card>) {
        let shown = self
            .model
            .with_untracked(|m| m.as_ref().map(|m| m.pipeline_id().to_string()));
        let here = card
            .as_ref()
            .is_some_and(|c| Some(&c.deal.pipeline_id) == shown.as_ref());
        self.others.update_value(|o| match &card {
            Some(c) if !here => {
                o.insert(id.to_string(), c.clone());
            }
            _ => {
                o.remove(id);
            }
        });
        if here
            || self
                .model
                .with_untracked(|m| m.as_ref().is_some_and(|m| m.card(id).is_some()))
        {
            self.model.update(|m| {
                if let Some(m) = m {
                    match card.filter(|_| here) {
                        Some(c) => m.upsert(c),
                        None => m.remove(id),
                    }
                }
            });
        }
    }

    /// Moves `ids` to `target`: validates, updates the board at once, then writes
    /// deals and transitions in one transaction (rolled back on failure).
    pub fn commit(self, ids: Vec<String>, target: MoveTarget) {
        if self.read_only {
            self.error
                .set(Some(store_error_message(self.i18n, &StoreError::ReadOnly)));
            return;
        }
        let Some(plan) = self.model.with_untracked(|m| {
            m.as_ref().map(|m| {
                let mut n = 0u32;
                let stamp = now().0;
                plan_move(
                    m,
                    &ids,
                    &target,
                    now(),
                    &self.ws.author.get_untracked(),
                    || {
                        n += 1;
                        format!("m{stamp:x}-{n}-{}", ids[0].trim_start_matches("deal:"))
                    },
                )
            })
        }) else {
            return;
        };
        match plan {
            Err(e) => self.refuse(e),
            Ok(plan) => self.apply(plan, &ids, &target),
        }
    }

    fn refuse(&self, e: MoveError) {
        self.fail(super::labels::move_error(self.i18n, &e));
    }

    fn fail(&self, text: String) {
        self.error.set(Some(text.clone()));
        self.announce.set(text);
    }

    fn store_failed(&self, e: &StoreError) {
        let text = store_error_message(self.i18n, e);
        self.fail(t_string!(self.i18n, board.write_failed, error = text));
    }

    fn apply(self, plan: MovePlan, ids: &[String], target: &MoveTarget) {
        let before: Vec<(String, Option<Card>)> = plan
            .deals
            .iter()
            .map(|c| (c.id.clone(), self.get(&c.id)))
            .collect();
        for c in &plan.deals {
            self.put_local(&c.id, Some(c.clone()));
        }
        self.error.set(None);
        let describe = self.describe(ids, target);
        self.announce.set(describe.clone());
        leptos::task::spawn_local(async move {
            match self.write(&plan, &[]).await {
                Ok(revs) => {
                    self.set_revs(revs);
                    self.undo.update_value(|u| u.push(plan.undo.clone()));
                    self.toast.set(Some(Toast {
                        text: describe.clone(),
                        undoable: true,
                    }));
                }
                Err(e) => {
                    for (id, c) in before {
                        self.put_local(&id, c);
                    }
                    self.store_failed(&e);
                }
            }
        });
    }

    /// Undoes the last move: move fields restored and its transitions deleted, in
    /// one transaction. Refused (with a message) when the deals changed since.
    pub fn undo_last(self, done: String) {
        let Some(undo) = self.undo.with_value(|u| u.last().cloned()) else {
            return;
        };
        let restore = self
            .model
            .with_untracked(|m| m.as_ref().map(|m| plan_undo(m, &undo)));
        let Some(restore) = restore else { return };
        let restore = match restore {
            Ok(r) => r,
            Err(e) => {
                self.undo.update_value(|u| {
                    u.pop();
                });
                return self.refuse(e);
            }
        };
        let before: Vec<(String, Option<Card>)> = restore
            .iter()
            .map(|c| (c.id.clone(), self.get(&c.id)))
            .collect();
        for c in &restore {
            self.put_local(&c.id, Some(c.clone()));
        }
        leptos::task::spawn_local(async move {
            let plan = MovePlan {
                deals: restore,
                transitions: Vec::new(),
                undo: undo.clone(),
            };
            match self.write(&plan, &undo.transitions).await {
                Ok(revs) => {
                    self.set_revs(revs);
                    self.undo.update_value(|u| {
                        u.pop();
                    });
                    self.toast.set(Some(Toast {
                        text: done.clone(),
                        undoable: false,
                    }));
                    self.announce.set(done);
                }
                Err(e) => {
                    for (id, c) in before {
                        self.put_local(&id, c);
                    }
                    self.store_failed(&e);
                }
            }
        });
    }

    /// "Moved “X” to Demo. Demo: 13 deals, 1.200.000 ₫, weighted 400.000 ₫." —
    /// read after the board was updated, so the totals are the new ones.
    pub fn describe(&self, ids: &[String], target: &MoveTarget) -> String {
        let i18n = self.i18n;
        let cur = self.ws.settings.with_untracked(|s| s.currency);
        let nl = crate::ui::common::number_locale(i18n);
        self.model.with_untracked(|m| {
            let Some(m) = m else { return String::new() };
            let what = match ids {
                [one] => m
                    .card(one)
                    .map(|c| c.deal.title.clone())
                    .unwrap_or_default(),
                _ => {
                    let (count, n) = (ids.len(), nl.format_count(ids.len() as u64));
                    t_string!(i18n, board.n_deals, count = count, n = n)
                }
            };
            let (stage, totals) = match target {
                MoveTarget::Stage { column, .. } => {
                    (m.stage(*column).name.clone(), m.totals(*column))
                }
                MoveTarget::Won => (
                    t_string!(i18n, common.outcome_won).to_string(),
                    m.outcomes().0,
                ),
                MoveTarget::Lost { .. } => (
                    t_string!(i18n, common.outcome_lost).to_string(),
                    m.outcomes().1,
                ),
            };
            t_string!(
                i18n,
                board.moved,
                what = what,
                stage = stage,
                count = totals.count,
                n = nl.format_count(totals.count),
                value = money(i18n, totals.amounts.value(cur)),
                weighted = money(i18n, totals.amounts.weighted(cur))
            )
        })
    }

    /// True when there is a move to undo.
    pub fn can_undo(&self) -> bool {
        self.undo.with_value(|u| !u.is_empty())
    }

    /// Writes a plan (see [`deals::write_move`]); returns the deals' new revisions.
    async fn write(
        &self,
        plan: &MovePlan,
        delete_transitions: &[String],
    ) -> Result<Vec<(String, crate::domain::RevId)>, StoreError> {
        let actor = self.ws.actor().ok_or(StoreError::Unavailable)?;
        deals::write_move(&actor, plan, delete_transitions).await
    }

    fn set_revs(&self, revs: Vec<(String, crate::domain::RevId)>) {
        for (id, rev) in revs {
            let card = self.get(&id);
            if let Some(mut c) = card {
                c.rev = Some(rev);
                self.put_local(&id, Some(c));
            }
        }
    }

    /// Saves an edited or new deal; `transition` is recorded with it.
    pub async fn save_deal(
        self,
        card: Card,
        transition: Option<(String, StageTransition)>,
    ) -> Result<(), StoreError> {
        let actor = self.ws.actor().ok_or(StoreError::Unavailable)?;
        let rev = deals::save_deal(&actor, &card, transition).await?;
        let mut saved = card;
        saved.rev = Some(rev);
        saved.search = self.search_text(&saved.deal);
        let id = saved.id.clone();
        self.put_local(&id, Some(saved));
        Ok(())
    }

    /// The normalised search text of a deal (title, account, contact).
    pub fn search_text(&self, d: &Deal) -> String {
        self.names.with_untracked(|n| search_text(d, n))
    }

    /// A name for an account or contact id.
    pub fn name_of(&self, id: &Option<String>) -> String {
        id.as_ref()
            .and_then(|id| self.names.with(|n| n.get(id).cloned()))
            .unwrap_or_default()
    }

    /// The deal ids a move of `id` carries: the selection when `id` is in it (in
    /// board order), else `id` alone.
    pub fn carried(&self, id: &str) -> Vec<String> {
        let sel = self.selected.get_untracked();
        if !sel.contains(id) || sel.len() < 2 {
            return vec![id.to_string()];
        }
        self.model.with_untracked(|m| {
            let Some(m) = m else {
                return vec![id.to_string()];
            };
            let mut ids: Vec<(usize, usize, String)> = sel
                .iter()
                .filter_map(|s| m.position(s).map(|(c, i)| (c, i, s.clone())))
                .collect();
            ids.sort();
            ids.into_iter().map(|(_, _, s)| s).collect()
        })
    }
}

/// A deal document for a card, built on the card's revision.
fn search_text(d: &Deal, names: &HashMap<String, String>) -> String {
    let mut s = d.title.clone();
    for id in [&d.account_id, &d.contact_id].into_iter().flatten() {
        if let Some(n) = names.get(id) {
            s.push(' ');
            s.push_str(n);
        }
    }
    normalise(&s)
}

/// The board card of a deal document (`None` when it is not a valid deal).
pub fn card_of(doc: &Doc, names: &HashMap<String, String>) -> Option<Card> {
    let deal: Deal = doc.record().ok()?;
    Some(Card {
        id: doc.id.clone(),
        rev: doc.rev.clone(),
        search: search_text(&deal, names),
        deal,
    })
}

type Loaded = (Vec<(String, Pipeline)>, Vec<Card>, HashMap<String, String>);

async fn read_all(store: &Store) -> Result<Loaded, StoreError> {
    let mut pipelines = store.records_of::<Pipeline>().await?;
    pipelines.sort_by(|a, b| a.0.cmp(&b.0));
    let mut names = HashMap::new();
    for (id, a) in store.records_of::<Account>().await? {
        names.insert(id, a.name);
    }
    for (id, c) in store.records_of::<Contact>().await? {
        names.insert(id, c.name);
    }
    let cards = store
        .all_of_type(RecordType::Deal)
        .await?
        .iter()
        .filter_map(|d| card_of(d, &names))
        .collect();
    Ok((pipelines, cards, names))
}
