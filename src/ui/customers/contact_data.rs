//! What a contact page shows, read in one go.

use crate::domain::doc::typed_records;
use crate::domain::lead_source::classify;
use crate::domain::records::{
    Account, Contact, Deal, Persona, StageTransition, Ticket, TransitionSubject,
};
use crate::domain::stages::StagePath;
use crate::domain::{Doc, RecordType};
use crate::store::{Store, StoreError};

/// A contact with everything around it.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactData {
    /// The stored document.
    pub doc: Doc,
    /// Its record.
    pub contact: Contact,
    /// The account, when the contact has one.
    pub account: Option<(String, Account)>,
    /// Journey path from the stage transitions.
    pub path: StagePath,
    /// Deals whose main contact this is.
    pub deals: Vec<(String, Deal)>,
    /// Tickets this contact opened.
    pub tickets: Vec<(String, Ticket)>,
    /// Every persona, for assignment.
    pub personas: Vec<(String, Persona)>,
    /// Source group of the first touch.
    pub source_group: String,
}

/// Reads contact `id` and its surroundings; `Ok(None)` when it does not exist (or was deleted).
pub async fn load_contact(
    store: Store,
    id: String,
    rules: Vec<crate::domain::lead_source::SourceRule>,
) -> Result<Option<ContactData>, StoreError> {
    let Some(doc) = store.get(&id).await? else {
        return Ok(None);
    };
    if doc.deleted {
        return Ok(None);
    }
    let Ok(contact) = doc.record::<Contact>() else {
        return Ok(None);
    };
    let (related, account) = match &contact.account_id {
        Some(a) => {
            let acc = store
                .get(a)
                .await?
                .and_then(|d| d.record::<Account>().ok())
                .map(|r| (a.clone(), r));
            (store.by_account(a).await?, acc)
        }
        None => {
            let mut all = Vec::new();
            for t in [
                RecordType::StageTransition,
                RecordType::Deal,
                RecordType::Ticket,
            ] {
                all.extend(store.all_of_type(t).await?);
            }
            (all, None)
        }
    };
    let path = StagePath::from_transitions(
        typed_records::<StageTransition>(&related)
            .into_iter()
            .filter(|(_, t)| t.subject == TransitionSubject::Contact && t.subject_id == id)
            .map(|(_, t)| (t.to_stage, t.occurred_at))
            .collect(),
    );
    let deals = typed_records::<Deal>(&related)
        .into_iter()
        .filter(|(_, d)| d.contact_id.as_deref() == Some(&id))
        .collect();
    let tickets = typed_records::<Ticket>(&related)
        .into_iter()
        .filter(|(_, t)| t.contact_id.as_deref() == Some(&id))
        .collect();
    let personas = store.records_of::<Persona>().await?;
    let source_group = classify(contact.source.as_ref(), &rules);
    Ok(Some(ContactData {
        doc,
        contact,
        account,
        path,
        deals,
        tickets,
        personas,
        source_group,
    }))
}

/// What a contact's page reads (the contact, their account, deals, tickets,
/// stage path, personas and source).
pub fn contact_reads() -> crate::ui::common::Reads {
    use crate::domain::RecordType;
    crate::ui::common::Reads::types(&[
        RecordType::Contact,
        RecordType::Account,
        RecordType::Deal,
        RecordType::Ticket,
        RecordType::StageTransition,
        RecordType::Persona,
    ])
}
