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

/// The filter over `range` at `now`, with no segment or persona.
fn during(from: Option<Timestamp>, to: Option<Timestamp>, now: Timestamp) -> DashboardFilter {
    DashboardFilter {
        range: DateRange { from, to },
        segment: None,
        persona: None,
        now,
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

    fn account(&mut self, id: &str, segment: &str, source: &str) -> &mut Self {
        let a = Account {
            name: format!("Công ty {id}"),
            industry: String::new(),
            segment: segment.into(),
            city: String::new(),
            region: String::new(),
            owner: String::new(),
            source: source.into(),
            extra: Default::default(),
        };
        self.add(id, &a)
    }

    fn contact(&mut self, id: &str, account: Option<&str>) -> &mut Self {
        let c = contact(id, account);
        self.add(id, &c)
    }

    fn moves(&mut self, contact: &str, steps: &[(&str, Timestamp)]) -> &mut Self {
        for (stage, when) in steps {
            let t = transition(
                TransitionSubject::Contact,
                &format!("contact:{contact}"),
                stage,
                *when,
            );
            let id = self.next("t");
            self.add(&id, &t);
        }
        self
    }

    fn activity(
        &mut self,
        contact: &str,
        kind: ActivityKind,
        channel: Channel,
        when: Timestamp,
    ) -> &mut Self {
        let reason = if kind == ActivityKind::Churn {
            "Price"
        } else {
            ""
        };
        self.touch(Some(contact), None, kind, channel, when, reason)
    }

    fn touch(
        &mut self,
        contact: Option<&str>,
        account: Option<&str>,
        kind: ActivityKind,
        channel: Channel,
        when: Timestamp,
        reason: &str,
    ) -> &mut Self {
        let a = Activity {
            kind,
            channel,
            journey_stage: "awareness".into(),
            occurred_at: when,
            emotion: 0,
            notes: String::new(),
            author: String::new(),
            contact_id: contact.map(|c| format!("contact:{c}")),
            account_id: account.map(|a| format!("account:{a}")),
            deal_id: None,
            reason: reason.into(),
            location: None,
            extra: Default::default(),
        };
        let id = self.next("e");
        self.add(&id, &a)
    }

    fn purchase(&mut self, contact: &str, when: Timestamp) -> &mut Self {
        self.activity(contact, ActivityKind::Purchase, Channel::Store, when)
    }

    fn churn(&mut self, contact: &str, when: Timestamp, reason: &str) -> &mut Self {
        self.touch(
            Some(contact),
            None,
            ActivityKind::Churn,
            Channel::Support,
            when,
            reason,
        )
    }

    fn survey(
        &mut self,
        id: &str,
        contact: &str,
        kind: SurveyKind,
        score: u8,
        when: Timestamp,
    ) -> &mut Self {
        let s = survey(contact, kind, score, when);
        self.add(id, &s)
    }

    fn pipeline(&mut self) -> &mut Self {
        let stage = |id: &str, probability| PipelineStage {
            id: id.into(),
            name: id.into(),
            probability,
            rotting_days: None,
            wip_limit: None,
        };
        let p = Pipeline {
            name: "Bán hàng".into(),
            stages: vec![stage("lead", 10), stage("demo", 50)],
            extra: Default::default(),
        };
        self.add("p", &p)
    }

    /// A deal created at `created` in `stage`, closed (won or lost) at
    /// `closed`, with the stage transitions the board records.
    #[allow(clippy::too_many_arguments)]
    fn deal(
        &mut self,
        id: &str,
        contact: Option<&str>,
        account: Option<&str>,
        stage: &str,
        value: Money,
        probability: Option<u8>,
        created: Timestamp,
        outcome: Option<(DealStatus, Timestamp)>,
    ) -> &mut Self {
        let mut d = deal(id, contact, account, stage, value, created);
        d.probability = probability;
        let subject = format!("deal:{id}");
        let t = transition(TransitionSubject::Deal, &subject, stage, created);
        let tid = self.next("t");
        self.add(&tid, &t);
        if let Some((status, when)) = outcome {
            d.status = status;
            d.stage_entered_at = when;
            let to = if status == DealStatus::Won { WON } else { LOST };
            let mut t = transition(TransitionSubject::Deal, &subject, to, when);
            t.from_stage = Some(stage.into());
            let tid = self.next("t");
            self.add(&tid, &t);
        }
        self.add(id, &d)
    }

    fn period(
        &mut self,
        month: &str,
        spend: Option<Money>,
        revenue: Option<Money>,
        recurring: &[(&str, Money)],
    ) -> &mut Self {
        let mut p = PeriodFigures::new(month);
        p.acquisition_spend = spend;
        p.revenue = revenue;
        for (account, m) in recurring {
            p.recurring_revenue.insert(format!("account:{account}"), *m);
        }
        self.add(month, &p)
    }
}

fn contact(id: &str, account: Option<&str>) -> Contact {
    Contact {
        name: format!("Nguyễn {id}"),
        account_id: account.map(|a| format!("account:{a}")),
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
    }
}

fn source(source: &str, medium: &str, campaign: &str, captured: Timestamp) -> LeadSource {
    LeadSource {
        source: source.into(),
        medium: medium.into(),
        campaign: campaign.into(),
        term: String::new(),
        content: String::new(),
        referrer: String::new(),
        landing_page: String::new(),
        captured_at: captured,
    }
}

fn transition(
    subject: TransitionSubject,
    who: &str,
    stage: &str,
    when: Timestamp,
) -> StageTransition {
    StageTransition {
        subject,
        subject_id: who.into(),
        account_id: None,
        from_stage: None,
        to_stage: stage.into(),
        occurred_at: when,
        by: String::new(),
        extra: Default::default(),
    }
}

fn survey(contact: &str, kind: SurveyKind, score: u8, when: Timestamp) -> SurveyResponse {
    SurveyResponse {
        kind,
        score,
        contact_id: format!("contact:{contact}"),
        account_id: None,
        ticket_id: None,
        answered_at: when,
        journey_stage: None,
        channel: None,
        comment: String::new(),
        extra: Default::default(),
    }
}

fn deal(
    id: &str,
    contact: Option<&str>,
    account: Option<&str>,
    stage: &str,
    value: Money,
    entered: Timestamp,
) -> Deal {
    Deal {
        title: format!("Hợp đồng {id}"),
        pipeline_id: "pipeline:p".into(),
        stage_id: stage.into(),
        status: DealStatus::Open,
        value,
        probability: None,
        account_id: account.map(|a| format!("account:{a}")),
        contact_id: contact.map(|c| format!("contact:{c}")),
        owner: String::new(),
        expected_close: None,
        stage_entered_at: entered,
        lost_reason: None,
        support_lead: None,
        rank: None,
        extra: Default::default(),
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
