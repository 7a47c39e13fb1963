//! The customers list: one row per account or contact with what the list shows,
//! filters (segment, persona, lifecycle stage, owner, source group), search that
//! ignores diacritics, sorting, and export of exactly the rows a view shows.

use crate::domain::lead_source::{classify, SourceRule};
use crate::domain::records::{Account, Contact, Persona, StageTransition, TransitionSubject};
use crate::domain::search::{normalise, Query};
use crate::domain::stages::StagePath;
use serde::Serialize;
use std::collections::HashMap;

/// One list row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CustomerRow {
    /// Document id.
    pub id: String,
    /// Name of the account or person.
    pub name: String,
    /// The contact's account name (empty for accounts).
    pub account: String,
    /// Email (contacts).
    pub email: String,
    /// Phone (contacts).
    pub phone: String,
    /// City (of the account).
    pub city: String,
    /// Segment (of the account).
    pub segment: String,
    /// Persona name (contacts).
    pub persona: String,
    /// Current journey stage id, derived from transitions (contacts).
    pub stage: String,
    /// Owner (the contact's own, else its account's).
    pub owner: String,
    /// Source group id of the first touch.
    pub source_group: String,
    /// Number of contacts (accounts).
    pub contacts: usize,
    #[serde(skip)]
    haystack: String,
}

/// Which filters apply; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Free-text search.
    pub query: String,
    /// Segment.
    pub segment: String,
    /// Persona name.
    pub persona: String,
    /// Journey stage id.
    pub stage: String,
    /// Owner.
    pub owner: String,
    /// Source group id.
    pub source_group: String,
}

/// Sortable columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// By name (diacritic-insensitive).
    #[default]
    Name,
    /// By account name.
    Account,
    /// By journey stage, in the workspace's stage order.
    Stage,
    /// By owner.
    Owner,
    /// By source group.
    Source,
    /// By segment.
    Segment,
}

fn paths(transitions: &[StageTransition]) -> HashMap<&str, StagePath> {
    let mut by: HashMap<&str, Vec<(String, crate::domain::Timestamp)>> = HashMap::new();
    for t in transitions
        .iter()
        .filter(|t| t.subject == TransitionSubject::Contact)
    {
        by.entry(t.subject_id.as_str())
            .or_default()
            .push((t.to_stage.clone(), t.occurred_at));
    }
    by.into_iter()
        .map(|(k, v)| (k, StagePath::from_transitions(v)))
        .collect()
}

/// Rows for contacts.
pub fn contact_rows(
    contacts: &[(String, Contact)],
    accounts: &[(String, Account)],
    transitions: &[StageTransition],
    personas: &[(String, Persona)],
    rules: &[SourceRule],
) -> Vec<CustomerRow> {
    let accounts: HashMap<&str, &Account> =
        accounts.iter().map(|(id, a)| (id.as_str(), a)).collect();
    let names: HashMap<&str, &str> = personas
        .iter()
        .map(|(id, p)| (id.as_str(), p.name.as_str()))
        .collect();
    let paths = paths(transitions);
    let persona_rules: Vec<(&str, crate::domain::records::RuleMatcher)> = personas
        .iter()
        .map(|(_, p)| (p.name.as_str(), p.rule.matcher()))
        .collect();
    contacts
        .iter()
        .map(|(id, c)| {
            let acc = c
                .account_id
                .as_deref()
                .and_then(|a| accounts.get(a))
                .copied();
            let mut row = CustomerRow {
                id: id.clone(),
                name: c.name.clone(),
                account: acc.map(|a| a.name.clone()).unwrap_or_default(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                city: acc.map(|a| a.city.clone()).unwrap_or_default(),
                segment: acc.map(|a| a.segment.clone()).unwrap_or_default(),
                // A persona chosen by hand, else the first whose rule covers the contact.
                persona: match c.persona_id.as_deref().filter(|p| !p.is_empty()) {
                    Some(p) => names.get(p).copied().unwrap_or(""),
                    None => {
                        let (seg, ind) = acc.map_or(("", ""), |a| (&a.segment, &a.industry));
                        let (seg, ind, role) = (normalise(seg), normalise(ind), normalise(&c.role));
                        persona_rules
                            .iter()
                            .find(|(_, r)| r.fits(&seg, &ind, &role))
                            .map_or("", |(name, _)| name)
                    }
                }
                .to_string(),
                stage: paths
                    .get(id.as_str())
                    .and_then(|p| p.current())
                    .unwrap_or("")
                    .to_string(),
                owner: if c.owner.is_empty() {
                    acc.map(|a| a.owner.clone()).unwrap_or_default()
                } else {
                    c.owner.clone()
                },
                source_group: classify(c.source.as_ref(), rules),
                contacts: 0,
                haystack: String::new(),
            };
            row.haystack = normalise(&format!(
                "{} {} {} {} {}",
                row.name, row.account, row.email, row.phone, row.city
            ));
            row
        })
        .collect()
}

/// Rows for accounts; an account's source group is that of its earliest first touch.
pub fn account_rows(
    accounts: &[(String, Account)],
    contacts: &[(String, Contact)],
    rules: &[SourceRule],
) -> Vec<CustomerRow> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut first: HashMap<&str, &crate::domain::lead_source::LeadSource> = HashMap::new();
    for (_, c) in contacts {
        if let Some(a) = c.account_id.as_deref() {
            *count.entry(a).or_default() += 1;
            if let Some(s) = &c.source {
                let e = first.entry(a).or_insert(s);
                if s.captured_at < e.captured_at {
                    *e = s;
                }
            }
        }
    }
    accounts
        .iter()
        .map(|(id, a)| {
            let mut row = CustomerRow {
                id: id.clone(),
                name: a.name.clone(),
                city: a.city.clone(),
                segment: a.segment.clone(),
                owner: a.owner.clone(),
                source_group: classify(first.get(id.as_str()).copied(), rules),
                contacts: count.get(id.as_str()).copied().unwrap_or(0),
                ..Default::default()
            };
            row.haystack = normalise(&format!("{} {} {} {}", a.name, a.city, a.industry, a.owner));
            row
        })
        .collect()
}

/// Indices of the rows `filter` keeps, sorted by `key` (stage order from `stage_order`).
pub fn select(
    rows: &[CustomerRow],
    filter: &ListFilter,
    key: SortKey,
    descending: bool,
    stage_order: &[&str],
) -> Vec<usize> {
    let q = Query::new(&filter.query);
    let eq = |want: &str, have: &str| want.is_empty() || want == have;
    let mut out: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            (q.is_empty() || q.matches_normalised(&r.haystack))
                && eq(&filter.segment, &r.segment)
                && eq(&filter.persona, &r.persona)
                && eq(&filter.stage, &r.stage)
                && eq(&filter.owner, &r.owner)
                && eq(&filter.source_group, &r.source_group)
        })
        .map(|(i, _)| i)
        .collect();
    let stage_pos = |s: &str| {
        stage_order
            .iter()
            .position(|x| *x == s)
            .unwrap_or(usize::MAX)
    };
    let text = |r: &CustomerRow| -> String {
        match key {
            SortKey::Name => r.haystack.clone(),
            SortKey::Account => normalise(&r.account),
            SortKey::Owner => normalise(&r.owner),
            SortKey::Source => r.source_group.clone(),
            SortKey::Segment => normalise(&r.segment),
            SortKey::Stage => String::new(),
        }
    };
    let keys: HashMap<usize, (usize, String, String)> = out
        .iter()
        .map(|&i| {
            (
                i,
                (
                    if key == SortKey::Stage {
                        stage_pos(&rows[i].stage)
                    } else {
                        0
                    },
                    text(&rows[i]),
                    rows[i].haystack.clone(),
                ),
            )
        })
        .collect();
    out.sort_by(|a, b| {
        let o = keys[a].cmp(&keys[b]);
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    out
}

/// Distinct non-empty values of one column, sorted, for a filter's options.
pub fn distinct(rows: &[CustomerRow], get: fn(&CustomerRow) -> &str) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .map(get)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    v.sort_by_key(|s| normalise(s));
    v.dedup();
    v
}

#[cfg(test)]
mod tests;
