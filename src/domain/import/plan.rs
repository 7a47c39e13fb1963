//! Turning CSV rows into documents: each row is checked field by field; a good
//! row becomes documents, a bad one is rejected with every reason, and nothing
//! is written here (the caller writes the plan in one store transaction).

use super::fields::{fields, ImportKind};
use super::table::Table;
use crate::domain::lead_source::{source_of_visit, LeadSource, WebUrl};
use crate::domain::money::{Currency, Money, NumberLocale};
use crate::domain::records::*;
use crate::domain::search::normalise;
use crate::domain::stages::JourneyStage;
use crate::domain::validate::is_email;
use crate::domain::{Doc, Record, Timestamp};
use std::collections::{HashMap, HashSet};

mod survey;
pub use survey::parse_survey_kind;

/// What is wrong with one cell (or with the row as a whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required value is empty.
    Required,
    /// Not an email address.
    InvalidEmail,
    /// Not a journey stage (or pipeline stage) of this workspace.
    UnknownStage,
    /// No pipeline has this name.
    UnknownPipeline,
    /// Not an amount.
    NotANumber,
    /// Not a currency code Waypoint knows.
    UnknownCurrency,
    /// Not a date (`2026-11-26`, `26/11/2026` or ISO time).
    NotADate,
    /// Not an activity kind.
    UnknownKind,
    /// Not a channel.
    UnknownChannel,
    /// Outside the allowed range (emotion −2..=2).
    OutOfRange,
    /// No contact has this email.
    UnknownContact,
    /// An activity needs a contact or an account.
    NeedsContactOrAccount,
    /// The landing page is not an http(s) URL.
    BadUrl,
    /// Not NPS, CSAT or CES.
    UnknownSurveyKind,
    /// A survey score that is not a whole number within its kind's scale.
    ScoreOutOfRange {
        /// Lowest valid score.
        lo: u8,
        /// Highest valid score.
        hi: u8,
    },
    /// No contact has this email or name.
    NoContactMatches,
    /// Several contacts have this name (the email tells them apart).
    AmbiguousContact,
    /// No ticket has this id.
    UnknownTicket,
}

/// One reason a row was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The field (see [`super::fields`]).
    pub field: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

/// A rejected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Index into the table's rows.
    pub row: usize,
    /// Line in the file.
    pub line: u64,
    /// Every problem found.
    pub errors: Vec<RowError>,
}

/// What the workspace already holds, for lookups.
#[derive(Clone, Debug)]
pub struct Context {
    /// Account id by normalised name.
    pub accounts: HashMap<String, String>,
    /// (contact id, account id) by lower-case email.
    pub contacts: HashMap<String, (String, Option<String>)>,
    /// (contact id, account id) of every contact by normalised name (several
    /// when people share a name).
    pub contact_names: HashMap<String, Vec<(String, Option<String>)>>,
    /// Ticket document ids (`ticket:…`).
    pub tickets: HashSet<String>,
    /// Journey stages.
    pub stages: Vec<JourneyStage>,
    /// Pipelines with their ids; the first is the default.
    pub pipelines: Vec<(String, Pipeline)>,
    /// Currency when the file names none.
    pub currency: Currency,
    /// How amounts are written first (the other way is tried next).
    pub locale: NumberLocale,
    /// The time stamped on new documents.
    pub now: Timestamp,
    /// Who imports.
    pub author: String,
}

impl Context {
    /// A workspace that holds nothing yet: no accounts, contacts, tickets or
    /// pipelines, the classic journey stages, VND amounts written the Vietnamese way.
    pub fn empty(now: Timestamp, author: &str) -> Context {
        Context {
            accounts: HashMap::new(),
            contacts: HashMap::new(),
            contact_names: HashMap::new(),
            tickets: HashSet::new(),
            stages: crate::domain::stages::StageSetPreset::Classic.stages(),
            pipelines: Vec::new(),
            currency: Currency::Vnd,
            locale: NumberLocale::Vi,
            now,
            author: author.into(),
        }
    }
}

/// Builds documents row by row (call [`Planner::row`] in chunks to report progress).
pub struct Planner<'a> {
    table: &'a Table,
    kind: ImportKind,
    mapping: Vec<Option<usize>>,
    ctx: Context,
    ids: Box<dyn FnMut(&str) -> String + 'a>,
    /// Documents of accepted rows (and accounts created for them), in row order.
    pub docs: Vec<Doc>,
    /// Rejected rows.
    pub rejected: Vec<Rejected>,
    /// Rows accepted.
    pub accepted: usize,
    /// Accounts created because a contact named an account that did not exist.
    pub new_accounts: usize,
}

impl<'a> Planner<'a> {
    /// A planner for `table` read as `kind` with `mapping` (one column per field of the kind).
    /// `ids(prefix)` makes new local ids.
    pub fn new(
        table: &'a Table,
        kind: ImportKind,
        mapping: Vec<Option<usize>>,
        ctx: Context,
        ids: impl FnMut(&str) -> String + 'a,
    ) -> Self {
        Planner {
            table,
            kind,
            mapping,
            ctx,
            ids: Box::new(ids),
            docs: Vec::new(),
            rejected: Vec::new(),
            accepted: 0,
            new_accounts: 0,
        }
    }

    /// Plans every row at once.
    pub fn all(mut self) -> Self {
        for i in 0..self.table.rows.len() {
            self.row(i);
        }
        self
    }

    fn cell(&self, row: usize, key: &str) -> &str {
        fields(self.kind)
            .iter()
            .position(|f| f.key == key)
            .and_then(|i| self.mapping.get(i).copied().flatten())
            .and_then(|col| self.table.rows[row].get(col))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    /// Checks row `i` and adds its documents or its rejection.
    pub fn row(&mut self, i: usize) {
        let mut errors = Vec::new();
        for f in fields(self.kind) {
            if f.required && self.cell(i, f.key).is_empty() {
                errors.push(RowError {
                    field: f.key,
                    problem: Problem::Required,
                });
            }
        }
        let docs = match self.kind {
            ImportKind::Contacts => self.contact(i, &mut errors),
            ImportKind::Accounts => self.account(i),
            ImportKind::Deals => self.deal(i, &mut errors),
            ImportKind::Activities => self.activity(i, &mut errors),
            ImportKind::Surveys => self.survey(i, &mut errors),
        };
        // A record that still fails its own validation is rejected with those reasons.
        let docs: Vec<Doc> = match docs {
            Ok(d) => d,
            Err(record_errors) => {
                errors.extend(record_errors);
                Vec::new()
            }
        };
        if errors.is_empty() {
            self.accepted += 1;
            self.docs.extend(docs);
        } else {
            errors.dedup();
            self.rejected.push(Rejected {
                row: i,
                line: self.table.lines.get(i).copied().unwrap_or(0),
                errors,
            });
        }
    }

    fn doc<R: Record>(&mut self, prefix: &str, r: &R) -> Result<Doc, Vec<RowError>> {
        let local = (self.ids)(prefix);
        Doc::new(&local, r, self.ctx.now, &self.ctx.author).map_err(|e| match e {
            crate::domain::DocError::Invalid { errors, .. } => errors
                .0
                .iter()
                .map(|fe| RowError {
                    field: field_key(&fe.field),
                    problem: match fe.code {
                        crate::domain::validate::ErrorCode::Required => Problem::Required,
                        _ => Problem::OutOfRange,
                    },
                })
                .collect(),
            _ => vec![RowError {
                field: "name",
                problem: Problem::Required,
            }],
        })
    }

    fn stage_id(&self, text: &str) -> Option<String> {
        let n = normalise(text);
        self.ctx
            .stages
            .iter()
            .find(|s| s.id == text || normalise(&s.en) == n || normalise(&s.vi) == n)
            .map(|s| s.id.clone())
    }

    /// The account id for a name: existing, created earlier in this import, or new.
    fn account_for(&mut self, name: &str, docs: &mut Vec<Doc>) -> Result<String, Vec<RowError>> {
        let key = normalise(name);
        if let Some(id) = self.ctx.accounts.get(&key) {
            return Ok(id.clone());
        }
        let account = Account {
            name: name.to_string(),
            industry: String::new(),
            segment: String::new(),
            city: String::new(),
            region: String::new(),
            owner: String::new(),
            source: String::new(),
            extra: Default::default(),
        };
        let doc = self.doc("a", &account)?;
        let id = doc.id.clone();
        docs.push(doc);
        self.ctx.accounts.insert(key, id.clone());
        self.new_accounts += 1;
        Ok(id)
    }

    fn contact(&mut self, i: usize, errors: &mut Vec<RowError>) -> Result<Vec<Doc>, Vec<RowError>> {
        let email = self.cell(i, "email").to_string();
        if !email.is_empty() && !is_email(&email) {
            errors.push(RowError {
                field: "email",
                problem: Problem::InvalidEmail,
            });
        }
        let stage_text = self.cell(i, "stage").to_string();
        let stage = if stage_text.is_empty() {
            None
        } else {
            self.stage_id(&stage_text)
        };
        if !stage_text.is_empty() && stage.is_none() {
            errors.push(RowError {
                field: "stage",
                problem: Problem::UnknownStage,
            });
        }
        let landing = self.cell(i, "landing_page").to_string();
        let mut source = None;
        if !landing.is_empty() {
            match WebUrl::parse(&landing) {
                Ok(u) => source = Some(source_of_visit(&u, None, self.ctx.now)),
                Err(_) => errors.push(RowError {
                    field: "landing_page",
                    problem: Problem::BadUrl,
                }),
            }
        }
        let (src, med, camp) = (
            self.cell(i, "source").to_string(),
            self.cell(i, "medium").to_string(),
            self.cell(i, "campaign").to_string(),
        );
        if !src.is_empty() || !med.is_empty() || !camp.is_empty() {
            let s = source.get_or_insert_with(|| LeadSource {
                captured_at: self.ctx.now,
                ..Default::default()
            });
            if !src.is_empty() {
                s.source = src.to_lowercase();
            }
            if !med.is_empty() {
                s.medium = med.to_lowercase();
            }
            if !camp.is_empty() {
                s.campaign = camp;
            }
        }
        if !errors.is_empty() {
            return Ok(Vec::new());
        }
        let mut docs = Vec::new();
        let account_name = self.cell(i, "account").to_string();
        let account_id = if account_name.is_empty() {
            None
        } else {
            Some(self.account_for(&account_name, &mut docs)?)
        };
        let contact = Contact {
            name: self.cell(i, "name").into(),
            account_id: account_id.clone(),
            email: email.clone(),
            phone: self.cell(i, "phone").into(),
            title: self.cell(i, "title").into(),
            role: self.cell(i, "role").into(),
            persona_id: None,
            consents: vec![],
            owner: self.cell(i, "owner").into(),
            source,
            last_source: None,
            extra: Default::default(),
        };
        let doc = self.doc("c", &contact)?;
        let id = doc.id.clone();
        docs.push(doc);
        if !email.is_empty() {
            self.ctx
                .contacts
                .insert(email.to_lowercase(), (id.clone(), account_id.clone()));
        }
        if let Some(stage) = stage {
            let t = StageTransition {
                subject: TransitionSubject::Contact,
                subject_id: id,
                account_id,
                from_stage: None,
                to_stage: stage,
                occurred_at: self.ctx.now,
                by: self.ctx.author.clone(),
                extra: Default::default(),
            };
            docs.push(self.doc("j", &t)?);
        }
        Ok(docs)
    }

    fn account(&mut self, i: usize) -> Result<Vec<Doc>, Vec<RowError>> {
        let a = Account {
            name: self.cell(i, "name").into(),
            industry: self.cell(i, "industry").into(),
            segment: self.cell(i, "segment").into(),
            city: self.cell(i, "city").into(),
            region: self.cell(i, "region").into(),
            owner: self.cell(i, "owner").into(),
            source: String::new(),
            extra: Default::default(),
        };
        if a.name.is_empty() {
            return Ok(Vec::new());
        }
        let doc = self.doc("a", &a)?;
        self.ctx.accounts.insert(normalise(&a.name), doc.id.clone());
        Ok(vec![doc])
    }

    fn deal(&mut self, i: usize, errors: &mut Vec<RowError>) -> Result<Vec<Doc>, Vec<RowError>> {
        let pipeline_name = self.cell(i, "pipeline");
        let pipeline = if pipeline_name.is_empty() {
            self.ctx.pipelines.first()
        } else {
            let n = normalise(pipeline_name);
            self.ctx
                .pipelines
                .iter()
                .find(|(id, p)| id == pipeline_name || normalise(&p.name) == n)
        }
        .cloned();
        let Some((pipeline_id, pipeline)) = pipeline else {
            errors.push(RowError {
                field: "pipeline",
                problem: Problem::UnknownPipeline,
            });
            return Ok(Vec::new());
        };
        let stage_text = self.cell(i, "stage");
        let n = normalise(stage_text);
        let stage = pipeline
            .stages
            .iter()
            .find(|s| s.id == stage_text || normalise(&s.name) == n)
            .map(|s| s.id.clone());
        if stage.is_none() && !stage_text.is_empty() {
            errors.push(RowError {
                field: "stage",
                problem: Problem::UnknownStage,
            });
        }
        let currency = match self.cell(i, "currency") {
            "" => Some(self.ctx.currency),
            c => c.parse::<Currency>().ok(),
        };
        if currency.is_none() {
            errors.push(RowError {
                field: "currency",
                problem: Problem::UnknownCurrency,
            });
        }
        let raw = self.cell(i, "value");
        let value = currency.and_then(|cur| {
            let other = match self.ctx.locale {
                NumberLocale::Vi => NumberLocale::En,
                NumberLocale::En => NumberLocale::Vi,
            };
            Money::parse(raw, cur, self.ctx.locale)
                .or_else(|_| Money::parse(raw, cur, other))
                .ok()
        });
        if value.is_none() && !raw.is_empty() && currency.is_some() {
            errors.push(RowError {
                field: "value",
                problem: Problem::NotANumber,
            });
        }
        let close_text = self.cell(i, "expected_close");
        let expected_close = parse_date(close_text);
        if !close_text.is_empty() && expected_close.is_none() {
            errors.push(RowError {
                field: "expected_close",
                problem: Problem::NotADate,
            });
        }
        let email = self.cell(i, "contact_email").to_lowercase();
        let contact = self.ctx.contacts.get(&email).cloned();
        if !email.is_empty() && contact.is_none() {
            errors.push(RowError {
                field: "contact_email",
                problem: Problem::UnknownContact,
            });
        }
        let (Some(stage), Some(value)) = (stage, value) else {
            return Ok(Vec::new());
        };
        if !errors.is_empty() {
            return Ok(Vec::new());
        }
        let mut docs = Vec::new();
        let account_name = self.cell(i, "account").to_string();
        let account_id = if account_name.is_empty() {
            contact.as_ref().and_then(|c| c.1.clone())
        } else {
            Some(self.account_for(&account_name, &mut docs)?)
        };
        let deal = Deal {
            title: self.cell(i, "title").into(),
            pipeline_id,
            stage_id: stage,
            status: DealStatus::Open,
            value,
            probability: None,
            account_id,
            contact_id: contact.map(|c| c.0),
            owner: self.cell(i, "owner").into(),
            expected_close,
            stage_entered_at: self.ctx.now,
            lost_reason: None,
            support_lead: None,
            rank: None,
            extra: Default::default(),
        };
        docs.push(self.doc("d", &deal)?);
        Ok(docs)
    }

    fn activity(
        &mut self,
        i: usize,
        errors: &mut Vec<RowError>,
    ) -> Result<Vec<Doc>, Vec<RowError>> {
        let kind_text = self.cell(i, "kind");
        let kind = parse_kind(kind_text);
        if kind.is_none() && !kind_text.is_empty() {
            errors.push(RowError {
                field: "kind",
                problem: Problem::UnknownKind,
            });
        }
        let when_text = self.cell(i, "occurred_at");
        let when = parse_date(when_text);
        if when.is_none() && !when_text.is_empty() {
            errors.push(RowError {
                field: "occurred_at",
                problem: Problem::NotADate,
            });
        }
        let stage_text = self.cell(i, "stage").to_string();
        let stage = self.stage_id(&stage_text);
        if stage.is_none() && !stage_text.is_empty() {
            errors.push(RowError {
                field: "stage",
                problem: Problem::UnknownStage,
            });
        }
        let channel_text = self.cell(i, "channel");
        let channel = if channel_text.is_empty() {
            kind.map(default_channel)
        } else {
            parse_channel(channel_text)
        };
        if channel.is_none() && !channel_text.is_empty() {
            errors.push(RowError {
                field: "channel",
                problem: Problem::UnknownChannel,
            });
        }
        let emotion_text = self.cell(i, "emotion");
        let emotion = if emotion_text.is_empty() {
            Some(0)
        } else {
            emotion_text
                .trim_start_matches('+')
                .parse::<i8>()
                .ok()
                .filter(|e| (-2..=2).contains(e))
        };
        if emotion.is_none() {
            errors.push(RowError {
                field: "emotion",
                problem: Problem::OutOfRange,
            });
        }
        let email = self.cell(i, "contact_email").to_lowercase();
        let contact = self.ctx.contacts.get(&email).cloned();
        if !email.is_empty() && contact.is_none() {
            errors.push(RowError {
                field: "contact_email",
                problem: Problem::UnknownContact,
            });
        }
        let account_name = self.cell(i, "account").to_string();
        let account = if account_name.is_empty() {
            None
        } else {
            self.ctx.accounts.get(&normalise(&account_name)).cloned()
        };
        if !account_name.is_empty() && account.is_none() {
            errors.push(RowError {
                field: "account",
                problem: Problem::UnknownContact,
            });
        }
        if email.is_empty() && account_name.is_empty() {
            errors.push(RowError {
                field: "contact_email",
                problem: Problem::NeedsContactOrAccount,
            });
        }
        let (Some(kind), Some(when), Some(stage), Some(channel), Some(emotion)) =
            (kind, when, stage, channel, emotion)
        else {
            return Ok(Vec::new());
        };
        if !errors.is_empty() {
            return Ok(Vec::new());
        }
        let a = Activity {
            kind,
            channel,
            journey_stage: stage,
            occurred_at: when,
            emotion,
            notes: self.cell(i, "notes").into(),
            author: match self.cell(i, "author") {
                "" => self.ctx.author.clone(),
                a => a.into(),
            },
            account_id: account.or_else(|| contact.as_ref().and_then(|c| c.1.clone())),
            contact_id: contact.map(|c| c.0),
            deal_id: None,
            reason: self.cell(i, "reason").into(),
            location: None,
            extra: Default::default(),
        };
        Ok(vec![self.doc("e", &a)?])
    }
}

fn field_key(stored: &str) -> &'static str {
    [
        "name",
        "email",
        "title",
        "value",
        "stage",
        "emotion",
        "occurred_at",
        "reason",
        "score",
    ]
    .into_iter()
    .find(|k| stored.starts_with(k))
    .unwrap_or("name")
}

/// `2026-11-26`, an ISO time, or `26/11/2026` (day first, as written in Vietnam).
pub fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Some(t) = Timestamp::parse(s) {
        return Some(t);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts[..] {
        if y.len() == 4 {
            return Timestamp::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    None
}

const KIND_WORDS: &[(&str, ActivityKind)] = &[
    ("cuộc gọi", ActivityKind::Call),
    ("gọi điện", ActivityKind::Call),
    ("phone call", ActivityKind::Call),
    ("thư", ActivityKind::Email),
    ("cuộc họp", ActivityKind::Meeting),
    ("họp", ActivityKind::Meeting),
    ("gặp trực tiếp", ActivityKind::FieldVisit),
    ("thăm khách hàng", ActivityKind::FieldVisit),
    ("visit", ActivityKind::FieldVisit),
    ("ghi chú", ActivityKind::Note),
    ("trò chuyện", ActivityKind::Chat),
    ("hội thảo", ActivityKind::Webinar),
    ("nhấp quảng cáo", ActivityKind::AdClick),
    ("xem trang", ActivityKind::PageView),
    ("mua hàng", ActivityKind::Purchase),
];

fn serde_name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An activity kind from its key (`field_visit`), English name or a Vietnamese word.
pub fn parse_kind(s: &str) -> Option<ActivityKind> {
    let n = normalise(s);
    ActivityKind::ALL
        .into_iter()
        .find(|k| normalise(&serde_name(k).replace('_', " ")) == n)
        .or_else(|| {
            KIND_WORDS
                .iter()
                .find(|(w, _)| normalise(w) == n)
                .map(|(_, k)| *k)
        })
}

/// A channel from its key (`live_chat`) or English name.
pub fn parse_channel(s: &str) -> Option<Channel> {
    let n = normalise(s);
    Channel::ALL
        .into_iter()
        .find(|c| normalise(&serde_name(c).replace('_', " ")) == n)
}

/// The usual channel of a kind.
pub fn default_channel(k: ActivityKind) -> Channel {
    match k {
        ActivityKind::Call => Channel::Phone,
        ActivityKind::Email => Channel::Email,
        ActivityKind::Meeting => Channel::Demo,
        ActivityKind::FieldVisit => Channel::Field,
        ActivityKind::Note => Channel::Support,
        ActivityKind::Chat => Channel::LiveChat,
        ActivityKind::Webinar => Channel::Webinar,
        ActivityKind::AdClick => Channel::Social,
        ActivityKind::PageView => Channel::Website,
        ActivityKind::Purchase => Channel::Store,
        ActivityKind::Churn => Channel::Support,
    }
}
