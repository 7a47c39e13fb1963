//! Dashboard tests: small hand-built workspaces whose expected figures are
//! worked out by hand in each test.

mod acquisition;
mod filter;
mod funnel;
mod pipeline;
mod retention;
mod scores;
mod sources;
mod support;

use super::{compute, DashboardFigures, DashboardFilter, DashboardIndex};
use crate::domain::board::moves::{LOST, WON};
use crate::domain::doc::Doc;
use crate::domain::journey::metrics::DateRange;
use crate::domain::lead_source::LeadSource;
use crate::domain::money::{Currency, Money};
use crate::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, Deal, DealStatus, LeadKind, PeriodFigures,
    Persona, PersonaRule, Pipeline, PipelineStage, Record, StageTransition, SupportLead,
    SurveyKind, SurveyResponse, Ticket, TicketPriority, TicketStatus, TicketStatusChange,
    TransitionSubject, WorkspaceSettings,
};
use crate::domain::stages::StageSetPreset;
use crate::domain::time::Timestamp;

const HOUR: i64 = 3_600_000;
const MINUTE: i64 = 60_000;

/// Midnight UTC of a date.
fn at(y: i64, m: u32, d: u32) -> Timestamp {
    Timestamp::from_ymd(y, m, d).unwrap()
}

/// Midnight UTC of 2026-01-01 plus `n` days.
fn day(n: i64) -> Timestamp {
    at(2026, 1, 1).plus_days(n)
}

fn vnd(n: i64) -> Money {
    Money::new(n, Currency::Vnd)
}

fn usd(cents: i64) -> Money {
    Money::new(cents, Currency::Usd)
}

/// English workspace in VND with the classic stages, 24×7 SLA hours at UTC.
fn settings() -> WorkspaceSettings {
    WorkspaceSettings::new("en", Currency::Vnd, StageSetPreset::Classic)
}

/// The filter at `now`, over all time until [`FilterFixture::from`] and
/// [`FilterFixture::to`] narrow it, with no segment or persona.
fn now(now: Timestamp) -> DashboardFilter {
    DashboardFilter {
        range: DateRange::default(),
        segment: None,
        persona: None,
        now,
    }
}

trait FilterFixture {
    /// The range starts at `from`.
    fn from(self, from: Timestamp) -> Self;
    /// The range ends at `to` (exclusive).
    fn to(self, to: Timestamp) -> Self;
}

impl FilterFixture for DashboardFilter {
    fn from(mut self, from: Timestamp) -> Self {
        self.range.from = Some(from);
        self
    }
    fn to(mut self, to: Timestamp) -> Self {
        self.range.to = Some(to);
        self
    }
}

/// A workspace under construction.
#[derive(Default)]
struct Ws {
    docs: Vec<Doc>,
    n: usize,
}

impl Ws {
    fn add<R: Record>(&mut self, local: &str, r: &R) -> &mut Self {
        self.docs.push(Doc::new(local, r, day(0), "t").unwrap());
        self
    }

    fn next(&mut self, prefix: &str) -> String {
        self.n += 1;
        format!("{prefix}{}", self.n)
    }

    fn index(&self) -> DashboardIndex {
        DashboardIndex::build(&self.docs, &settings())
    }

    fn figures(&self, filter: &DashboardFilter) -> DashboardFigures {
        compute(&self.index(), filter)
    }

    fn account(&mut self, id: &str, segment: &str) -> &mut Self {
        let a = account(id, segment);
        self.add(id, &a)
    }

    fn contact(&mut self, id: &str, account: Option<&str>) -> &mut Self {
        let c = contact(id, account);
        self.add(id, &c)
    }

    fn moves(&mut self, contact: &str, steps: &[(&str, Timestamp)]) -> &mut Self {
        for (stage, when) in steps {
            let t = StageTransition {
                subject: TransitionSubject::Contact,
                subject_id: format!("contact:{contact}"),
                to_stage: stage.to_string(),
                occurred_at: *when,
                ..Default::default()
            };
            let id = self.next("t");
            self.add(&id, &t);
        }
        self
    }

    /// Adds an activity under the next `e…` id.
    fn log(&mut self, a: Activity) -> &mut Self {
        let id = self.next("e");
        self.add(&id, &a)
    }

    fn purchase(&mut self, contact: &str, when: Timestamp) -> &mut Self {
        self.log(
            activity(ActivityKind::Purchase)
                .contact(contact)
                .via(Channel::Store)
                .on(when),
        )
    }

    fn pipeline(&mut self) -> &mut Self {
        let stage = |id: &str, probability| PipelineStage {
            id: id.into(),
            name: id.into(),
            probability,
            ..Default::default()
        };
        let p = Pipeline {
            name: "Bán hàng".into(),
            stages: vec![stage("lead", 10), stage("demo", 50)],
            extra: Default::default(),
        };
        self.add("p", &p)
    }

    /// A deal, with the stage transitions the board records: the entry into
    /// its stage when created and, when closed, the move to won or lost.
    fn deal(&mut self, spec: DealSpec) -> &mut Self {
        let DealSpec {
            id,
            mut deal,
            outcome,
        } = spec;
        let created = deal.stage_entered_at;
        let entry = StageTransition {
            subject: TransitionSubject::Deal,
            subject_id: format!("deal:{id}"),
            to_stage: deal.stage_id.clone(),
            occurred_at: created,
            ..Default::default()
        };
        let tid = self.next("t");
        self.add(&tid, &entry);
        if let Some((status, when)) = outcome {
            deal.status = status;
            deal.stage_entered_at = when;
            let to = if status == DealStatus::Won { WON } else { LOST };
            let close = StageTransition {
                from_stage: Some(deal.stage_id.clone()),
                to_stage: to.into(),
                occurred_at: when,
                ..entry
            };
            let tid = self.next("t");
            self.add(&tid, &close);
        }
        self.add(&id, &deal)
    }

    /// Adds a month's figures under their month.
    fn period(&mut self, p: PeriodFigures) -> &mut Self {
        let month = p.month.clone();
        self.add(&month, &p)
    }
}

fn account(id: &str, segment: &str) -> Account {
    Account {
        name: format!("Công ty {id}"),
        segment: segment.into(),
        ..Default::default()
    }
}

fn contact(id: &str, account: Option<&str>) -> Contact {
    Contact {
        name: format!("Nguyễn {id}"),
        account_id: account.map(|a| format!("account:{a}")),
        ..Default::default()
    }
}

/// An activity of `kind` in awareness, of nobody, on the website, at day 0,
/// until the chained settings say otherwise.
fn activity(kind: ActivityKind) -> Activity {
    Activity {
        kind,
        journey_stage: "awareness".into(),
        occurred_at: day(0),
        ..Default::default()
    }
}

/// A churn of `contact` through support, for `reason`.
fn churn(contact: &str, reason: &str) -> Activity {
    activity(ActivityKind::Churn)
        .contact(contact)
        .via(Channel::Support)
        .reason(reason)
}

/// Chainable settings of a test activity.
trait ActivityFixture {
    fn contact(self, id: &str) -> Self;
    fn account(self, id: &str) -> Self;
    fn via(self, channel: Channel) -> Self;
    fn reason(self, reason: &str) -> Self;
    fn on(self, when: Timestamp) -> Self;
}

impl ActivityFixture for Activity {
    fn contact(mut self, id: &str) -> Self {
        self.contact_id = Some(format!("contact:{id}"));
        self
    }
    fn account(mut self, id: &str) -> Self {
        self.account_id = Some(format!("account:{id}"));
        self
    }
    fn via(mut self, channel: Channel) -> Self {
        self.channel = channel;
        self
    }
    fn reason(mut self, reason: &str) -> Self {
        self.reason = reason.into();
        self
    }
    fn on(mut self, when: Timestamp) -> Self {
        self.occurred_at = when;
        self
    }
}

/// An answer of `contact` (score 0 at day 0 until set).
fn survey(contact: &str, kind: SurveyKind) -> SurveyResponse {
    SurveyResponse {
        kind,
        contact_id: format!("contact:{contact}"),
        answered_at: day(0),
        ..Default::default()
    }
}

/// Chainable settings of a test answer.
trait SurveyFixture {
    fn score(self, score: u8) -> Self;
    fn on(self, when: Timestamp) -> Self;
}

impl SurveyFixture for SurveyResponse {
    fn score(mut self, score: u8) -> Self {
        self.score = score;
        self
    }
    fn on(mut self, when: Timestamp) -> Self {
        self.answered_at = when;
        self
    }
}

/// A deal `id` of nobody in pipeline p's "lead", worth nothing, created at
/// day 0 and still open, until the chained settings say otherwise.
struct DealSpec {
    id: String,
    deal: Deal,
    outcome: Option<(DealStatus, Timestamp)>,
}

fn deal(id: &str) -> DealSpec {
    DealSpec {
        id: id.into(),
        deal: Deal {
            title: format!("Hợp đồng {id}"),
            pipeline_id: "pipeline:p".into(),
            stage_id: "lead".into(),
            stage_entered_at: day(0),
            ..Default::default()
        },
        outcome: None,
    }
}

impl DealSpec {
    fn contact(mut self, id: &str) -> Self {
        self.deal.contact_id = Some(format!("contact:{id}"));
        self
    }
    fn account(mut self, id: &str) -> Self {
        self.deal.account_id = Some(format!("account:{id}"));
        self
    }
    fn stage(mut self, stage: &str) -> Self {
        self.deal.stage_id = stage.into();
        self
    }
    fn value(mut self, value: Money) -> Self {
        self.deal.value = value;
        self
    }
    fn probability(mut self, percent: u8) -> Self {
        self.deal.probability = Some(percent);
        self
    }
    /// Created (entered its stage) at `when`.
    fn created(mut self, when: Timestamp) -> Self {
        self.deal.stage_entered_at = when;
        self
    }
    fn won(mut self, when: Timestamp) -> Self {
        self.outcome = Some((DealStatus::Won, when));
        self
    }
    fn lost(mut self, when: Timestamp) -> Self {
        self.outcome = Some((DealStatus::Lost, when));
        self
    }
    /// The deal alone, without the transitions [`Ws::deal`] adds.
    fn record(self) -> Deal {
        self.deal
    }
}

/// Empty figures for `month` (`YYYY-MM`).
fn month(month: &str) -> PeriodFigures {
    PeriodFigures::new(month)
}

/// Chainable settings of a test month.
trait PeriodFixture {
    fn spend(self, spend: Money) -> Self;
    fn revenue(self, revenue: Money) -> Self;
    /// Recurring revenue per account id (without the `account:` prefix).
    fn recurring(self, accounts: &[(&str, Money)]) -> Self;
}

impl PeriodFixture for PeriodFigures {
    fn spend(mut self, spend: Money) -> Self {
        self.acquisition_spend = Some(spend);
        self
    }
    fn revenue(mut self, revenue: Money) -> Self {
        self.revenue = Some(revenue);
        self
    }
    fn recurring(mut self, accounts: &[(&str, Money)]) -> Self {
        for (account, m) in accounts {
            self.recurring_revenue
                .insert(format!("account:{account}"), *m);
        }
        self
    }
}

/// A ticket with 60 / 240 business-minute targets.
fn ticket(contact: &str, opened: Timestamp) -> Ticket {
    Ticket {
        subject: "Không đăng nhập được".into(),
        description: String::new(),
        channel: None,
        priority: TicketPriority::Urgent,
        status: TicketStatus::New,
        assignee: String::new(),
        status_log: vec![],
        csat_requested_at: None,
        account_id: None,
        contact_id: Some(format!("contact:{contact}")),
        sla_first_response_min: 60,
        sla_resolution_min: 240,
        opened_at: opened,
        first_response_at: None,
        resolved_at: None,
        extra: Default::default(),
    }
}

fn persona(name: &str, roles: &[&str]) -> Persona {
    Persona {
        name: name.into(),
        segment: String::new(),
        role: String::new(),
        location: String::new(),
        age_group: String::new(),
        industry: String::new(),
        goals: vec![],
        needs: vec![],
        barriers: vec![],
        motivations: vec![],
        interests: vec![],
        avatar: String::new(),
        rule: PersonaRule {
            roles: roles.iter().map(|r| r.to_string()).collect(),
            ..PersonaRule::default()
        },
        extra: Default::default(),
    }
}

fn status(to: TicketStatus, when: Timestamp) -> TicketStatusChange {
    TicketStatusChange {
        to,
        at: when,
        by: String::new(),
    }
}

fn support_lead(flagged: Timestamp) -> SupportLead {
    SupportLead {
        ticket_id: None,
        kind: LeadKind::Upsell,
        note: String::new(),
        budget_hint: None,
        flagged_by: String::new(),
        flagged_at: flagged,
    }
}

/// The document ids behind a figure's records.
fn ids<'a>(index: &'a DashboardIndex, records: &[u32]) -> Vec<&'a str> {
    index.doc_ids(records)
}

/// Asserts `a` ≈ `b` (figures are `f64`).
#[track_caller]
fn approx(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
}
