//! What the support screens read: every ticket, and the names of the people
//! and accounts they are about.

use crate::domain::records::{Account, Contact, Ticket};
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// One contact a ticket can be opened for.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Contact document id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Their account's document id.
    pub account_id: Option<String>,
}

/// Tickets plus the names to show beside them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SupportData {
    /// Every live ticket (document id, ticket).
    pub tickets: Vec<(String, Ticket)>,
    /// Contact and account names by document id.
    pub names: HashMap<String, String>,
    /// Contacts sorted by name, for choosing whom a ticket is for.
    pub people: Vec<Person>,
}

impl SupportData {
    /// The name of the ticket's customer: "contact · account", or either alone.
    pub fn customer(&self, t: &Ticket) -> String {
        let name = |id: &Option<String>| id.as_ref().and_then(|i| self.names.get(i)).cloned();
        match (name(&t.contact_id), name(&t.account_id)) {
            (Some(c), Some(a)) => format!("{c} · {a}"),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => String::new(),
        }
    }
}

/// Reads tickets, contacts and accounts.
pub async fn load_support(store: Store) -> Result<SupportData, StoreError> {
    let tickets = store.records_of::<Ticket>().await?;
    let contacts = store.records_of::<Contact>().await?;
    let accounts = store.records_of::<Account>().await?;
    let mut names = HashMap::new();
    for (id, a) in &accounts {
        names.insert(id.clone(), a.name.clone());
    }
    let mut people: Vec<Person> = contacts
        .into_iter()
        .map(|(id, c)| {
            names.insert(id.clone(), c.name.clone());
            Person {
                id,
                name: c.name,
                account_id: c.account_id,
            }
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(SupportData {
        tickets,
        names,
        people,
    })
}
