//! [`JourneyIndex`]: the records the journey figures need, read once after a
//! load into compact per-contact arrays (contacts as `u32`, stages as `u8`,
//! times as `i64` milliseconds, kinds, channels and churn reasons as small ints).

use crate::domain::doc::Doc;
use crate::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, PersonaRule, Record, StageTransition,
    SurveyKind, SurveyResponse, TransitionSubject,
};
use crate::domain::search::normalise;
use crate::domain::stages::JourneyStage;
use std::collections::HashMap;

/// Stage index of a stage id that is not one of the workspace's stages.
pub(super) const NO_STAGE: u8 = u8::MAX;
/// Reason index of an activity that is not a churn.
pub(super) const NO_REASON: u32 = u32::MAX;

/// One entry of a contact's stage path.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Step {
    /// Entered at (ms).
    pub(super) at: i64,
    /// Stage entered, or [`NO_STAGE`].
    pub(super) stage: u8,
}

/// One activity of a contact, at a known stage.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Act {
    /// Occurred at (ms).
    pub(super) at: i64,
    /// Interned normalised churn reason, or [`NO_REASON`] for anything but a churn.
    pub(super) reason: u32,
    /// Stage index.
    pub(super) stage: u8,
    /// Index in [`ActivityKind::ALL`].
    pub(super) kind: u8,
    /// Index in [`Channel::ALL`].
    pub(super) channel: u8,
    /// −2..=2.
    pub(super) emotion: i8,
}

/// One survey answer of a contact.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Answer {
    /// Answered at (ms).
    pub(super) at: i64,
    /// The stage it is counted at, or [`NO_STAGE`].
    pub(super) stage: u8,
    /// 0 = NPS, 1 = CSAT, 2 = CES.
    pub(super) kind: u8,
    /// Score, within the kind's range.
    pub(super) score: u8,
}

/// Per-contact slices of one flat array: contact `i` owns `items[start[i]..start[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(super) struct PerContact<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> PerContact<T> {
    /// Groups `(contact, item)` pairs, already sorted by contact, for `n` contacts.
    fn from_sorted(n: usize, pairs: &[(u32, T)]) -> Self {
        let mut start = vec![0u32; n + 1];
        for &(c, _) in pairs {
            start[c as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        PerContact {
            start,
            items: pairs.iter().map(|&(_, t)| t).collect(),
        }
    }

    /// Contact `c`'s items.
    pub(super) fn of(&self, c: u32) -> &[T] {
        let c = c as usize;
        &self.items[self.start[c] as usize..self.start[c + 1] as usize]
    }
}

/// Everything the journey figures need, indexed once after a load; rebuilding
/// is only needed when records change.
#[derive(Clone, Debug, Default)]
pub struct JourneyIndex {
    ids: Vec<String>,
    names: Vec<String>,
    /// Assigned persona id per contact (`None` also for an empty one).
    personas: Vec<Option<String>>,
    /// Normalised account segment, account industry and contact role per contact.
    segments: Vec<String>,
    industries: Vec<String>,
    roles: Vec<String>,
    stage_ids: Vec<String>,
    /// Stage paths, each in time order (ties by stage id, like `StagePath`).
    pub(super) paths: PerContact<Step>,
    /// Activities at known stages, each contact's in time order.
    pub(super) acts: PerContact<Act>,
    /// Survey answers with a valid score, each contact's in time order.
    pub(super) answers: PerContact<Answer>,
    /// Churn reason labels by interned index (the earliest spelling of each normalised reason).
    pub(super) reasons: Vec<String>,
}

impl JourneyIndex {
    /// Indexes `docs` for the workspace's journey `stages` (in lifecycle
    /// order; a repeated id and stages past the 255th are left out). Skips
    /// deleted docs and docs that fail to parse. Only contact stage
    /// transitions (`TransitionSubject::Contact`) count; transitions,
    /// activities and answers of contacts not in `docs` are dropped, and so
    /// are activities at stages outside `stages`.
    pub fn build(docs: &[Doc], stages: &[JourneyStage]) -> Self {
        let mut ix = JourneyIndex::default();
        let mut keys = Keys::default();
        for s in stages {
            if ix.stage_ids.len() < usize::from(NO_STAGE) && !keys.stages.contains_key(&*s.id) {
                keys.stages.insert(&s.id, ix.stage_ids.len() as u8);
                ix.stage_ids.push(s.id.clone());
            }
        }
        let accounts: HashMap<&str, Account> = live::<Account>(docs).collect();
        for (id, c) in live::<Contact>(docs) {
            if !keys.contacts.contains_key(id) {
                keys.contacts.insert(id, ix.ids.len() as u32);
                ix.add_contact(id, c, &accounts);
            }
        }
        let n = ix.ids.len();
        ix.paths = paths(docs, &keys, n);
        (ix.acts, ix.reasons) = activities(docs, &keys, n);
        ix.answers = answers(docs, &keys, &ix.paths, n);
        ix
    }

    fn add_contact(&mut self, id: &str, c: Contact, accounts: &HashMap<&str, Account>) {
        let account = c.account_id.as_deref().and_then(|a| accounts.get(a));
        self.ids.push(id.to_string());
        self.names.push(c.name);
        self.personas.push(c.persona_id.filter(|p| !p.is_empty()));
        self.segments
            .push(account.map(|a| normalise(&a.segment)).unwrap_or_default());
        self.industries
            .push(account.map(|a| normalise(&a.industry)).unwrap_or_default());
        self.roles.push(normalise(&c.role));
    }

    /// Contact indexes covered by a persona, ascending: contacts whose
    /// `persona_id` is `persona_id`, plus contacts with no persona whose fields
    /// match `rule` — every non-empty list of the rule must contain the value
    /// (segments: the contact's account segment; industries: its industry;
    /// roles: the contact's role), compared case- and diacritic-insensitively.
    /// Blank entries are ignored; a rule with no entries matches nobody.
    pub fn members(&self, persona_id: &str, rule: &PersonaRule) -> Vec<u32> {
        let rule = rule.matcher();
        (0..self.ids.len())
            .filter(|&i| match &self.personas[i] {
                Some(p) => p == persona_id,
                None => rule.fits(&self.segments[i], &self.industries[i], &self.roles[i]),
            })
            .map(|i| i as u32)
            .collect()
    }

    /// Document id of contact index `i`.
    pub fn contact_id(&self, i: u32) -> &str {
        &self.ids[i as usize]
    }

    /// Display name of contact index `i`.
    pub fn contact_name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    /// Number of contacts indexed.
    pub fn contact_count(&self) -> usize {
        self.ids.len()
    }

    /// The workspace's stage ids, in lifecycle order.
    pub fn stage_ids(&self) -> &[String] {
        &self.stage_ids
    }
}

/// Workspace stage ids and contact ids to their compact indexes.
#[derive(Default)]
struct Keys<'a> {
    stages: HashMap<&'a str, u8>,
    contacts: HashMap<&'a str, u32>,
}

impl Keys<'_> {
    fn stage(&self, id: &str) -> u8 {
        self.stages.get(id).copied().unwrap_or(NO_STAGE)
    }

    fn contact(&self, id: &str) -> Option<u32> {
        self.contacts.get(id).copied()
    }
}

/// The readable records of type `R` among the live documents, with their ids.
fn live<R: Record>(docs: &[Doc]) -> impl Iterator<Item = (&str, R)> {
    docs.iter()
        .filter(|d| !d.deleted && d.record_type() == Some(R::TYPE))
        .filter_map(|d| Some((d.id.as_str(), read::<R>(d)?)))
}

/// Reads a document's record straight from its body, without copying it
/// (the envelope's keys land in the record's `extra`, which is not used here).
fn read<R: Record>(d: &Doc) -> Option<R> {
    R::deserialize(&d.body).ok()
}

/// Contact stage paths, each sorted by time, then by stage id like `StagePath`.
fn paths(docs: &[Doc], keys: &Keys, n: usize) -> PerContact<Step> {
    let mut steps: Vec<(u32, i64, String)> = live::<StageTransition>(docs)
        .filter(|(_, t)| t.subject == TransitionSubject::Contact)
        .filter_map(|(_, t)| Some((keys.contact(&t.subject_id)?, t.occurred_at.0, t.to_stage)))
        .collect();
    steps.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let steps: Vec<(u32, Step)> = steps
        .iter()
        .map(|(c, at, s)| {
            (
                *c,
                Step {
                    at: *at,
                    stage: keys.stage(s),
                },
            )
        })
        .collect();
    PerContact::from_sorted(n, &steps)
}

/// Contacts' activities at workspace stages, with the churn reason labels.
fn activities(docs: &[Doc], keys: &Keys, n: usize) -> (PerContact<Act>, Vec<String>) {
    let mut reasons = Reasons::default();
    let mut acts: Vec<(u32, Act)> = Vec::new();
    for (_, a) in live::<Activity>(docs) {
        let Some(c) = a.contact_id.as_deref().and_then(|id| keys.contact(id)) else {
            continue;
        };
        let stage = keys.stage(&a.journey_stage);
        if stage == NO_STAGE {
            continue;
        }
        let reason = if a.kind == ActivityKind::Churn {
            reasons.intern(&a.reason, a.occurred_at.0)
        } else {
            NO_REASON
        };
        let act = Act {
            at: a.occurred_at.0,
            reason,
            stage,
            kind: position(&ActivityKind::ALL, a.kind),
            channel: position(&Channel::ALL, a.channel),
            emotion: a.emotion.clamp(-2, 2),
        };
        acts.push((c, act));
    }
    acts.sort_by_key(|(c, a)| (*c, a.at));
    let labels = reasons.labels.into_iter().map(|(l, _)| l).collect();
    (PerContact::from_sorted(n, &acts), labels)
}

/// Contacts' survey answers with a valid score, each at its stated stage or,
/// when none is stated, the stage its contact's path was in when answering.
fn answers(docs: &[Doc], keys: &Keys, paths: &PerContact<Step>, n: usize) -> PerContact<Answer> {
    let mut answers: Vec<(u32, Answer)> = Vec::new();
    for (_, r) in live::<SurveyResponse>(docs) {
        let Some(c) = keys.contact(&r.contact_id) else {
            continue;
        };
        let (lo, hi) = r.kind.range();
        if !(lo..=hi).contains(&r.score) {
            continue;
        }
        let at = r.answered_at.0;
        let stage = match r.journey_stage.as_deref() {
            Some(s) if !s.is_empty() => keys.stage(s),
            _ => stage_at(paths.of(c), at),
        };
        let kind = match r.kind {
            SurveyKind::Nps => 0,
            SurveyKind::Csat => 1,
            SurveyKind::Ces => 2,
        };
        answers.push((
            c,
            Answer {
                at,
                stage,
                kind,
                score: r.score,
            },
        ));
    }
    answers.sort_by_key(|(c, a)| (*c, a.at));
    PerContact::from_sorted(n, &answers)
}

/// The stage a path was in at `at`: the last step entered at or before it.
fn stage_at(path: &[Step], at: i64) -> u8 {
    let n = path.partition_point(|s| s.at <= at);
    n.checked_sub(1).map_or(NO_STAGE, |i| path[i].stage)
}

/// Index of `item` in `all` (enum lists are far shorter than 255).
fn position<T: PartialEq>(all: &[T], item: T) -> u8 {
    all.iter().position(|x| *x == item).unwrap_or(0) as u8
}

/// Churn reasons interned by their normalised form, labelled with the earliest spelling.
#[derive(Default)]
struct Reasons {
    ids: HashMap<String, u32>,
    /// (label, when that spelling was seen).
    labels: Vec<(String, i64)>,
}

impl Reasons {
    fn intern(&mut self, reason: &str, at: i64) -> u32 {
        let key = normalise(reason);
        if let Some(&id) = self.ids.get(&key) {
            let label = &mut self.labels[id as usize];
            if at < label.1 {
                *label = (reason.trim().to_string(), at);
            }
            return id;
        }
        let id = self.labels.len() as u32;
        self.ids.insert(key, id);
        self.labels.push((reason.trim().to_string(), at));
        id
    }
}
