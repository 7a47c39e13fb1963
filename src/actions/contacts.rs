//! New contacts and leads: the contact, its first journey-stage transition,
//! and a later campaign touch recorded on a person who is already known.

use super::records::{new_doc, validated, SaveError};
use super::{now, Actor};
use crate::domain::records::{Contact, StageTransition, TransitionSubject};
use crate::domain::validate::email_key;
use crate::domain::Record;

/// What [`create_contact`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum Created {
    /// A new contact with this id.
    New(String),
    /// A contact with the same email already existed: the touch was recorded
    /// on it as its latest touch, and nothing else changed.
    Touched {
        /// The known contact's id.
        id: String,
        /// Its name as stored (not as typed this time).
        name: String,
    },
}

/// Creates `contact` together with its entry into `first_stage` (the first
/// journey stage, so its stage is derived like everyone's), in one transaction.
///
/// When the contact comes with a campaign touch (`contact.source`) and a
/// contact with the same email is already stored, no duplicate is made: the
/// touch becomes that contact's latest touch (its first touch is kept), with
/// a record-change event, and [`Created::Touched`] names it.
pub async fn create_contact(
    actor: &Actor,
    contact: &Contact,
    first_stage: Option<String>,
) -> Result<Created, SaveError> {
    validated(contact)?;
    let (at, by) = (now(), actor.author());
    let store = actor.store();
    if let (Some(touch), false) = (&contact.source, email_key(&contact.email).is_empty()) {
        if let Some(doc) = same_email(actor, &contact.email).await? {
            let mut known: Contact = doc.record().map_err(crate::store::StoreError::from)?;
            known.record_touch(touch.clone());
            return touch_existing(actor, doc, known).await;
        }
    }
    let doc = new_doc("c", contact, at, by)?;
    let id = doc.id.clone();
    let mut docs = vec![doc];
    if let Some(to_stage) = first_stage {
        let t = StageTransition {
            subject: TransitionSubject::Contact,
            subject_id: id.clone(),
            account_id: contact.account_id.clone(),
            from_stage: None,
            to_stage,
            occurred_at: at,
            by: by.to_string(),
            extra: Default::default(),
        };
        docs.push(new_doc("j", &t, at, by)?);
    }
    store.bulk_put(docs).await?;
    Ok(Created::New(id))
}

/// The stored contact whose email matches `email` (case and Unicode form aside).
async fn same_email(
    actor: &Actor,
    email: &str,
) -> Result<Option<crate::domain::Doc>, crate::store::StoreError> {
    let wanted = email_key(email);
    Ok(actor
        .store()
        .all_of_type(Contact::TYPE)
        .await?
        .into_iter()
        .filter(|d| !d.deleted)
        .find(|d| {
            d.body
                .get("email")
                .and_then(|v| v.as_str())
                .is_some_and(|e| email_key(e) == wanted)
        }))
}

/// Writes `known` (with its new latest touch) over `doc`, with the change
/// event, as any edit is saved.
async fn touch_existing(
    actor: &Actor,
    doc: crate::domain::Doc,
    known: Contact,
) -> Result<Created, SaveError> {
    let account = known.account_id.clone();
    super::records::save_edit(actor, &doc, &known, account, Some(doc.id.clone())).await?;
    Ok(Created::Touched {
        id: doc.id,
        name: known.name,
    })
}
