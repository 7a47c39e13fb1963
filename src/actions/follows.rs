//! Following a record, and marking the notification inbox read.

use super::{now, Actor};
use crate::domain::records::Follow;
use crate::domain::{Doc, Record};
use crate::store::{Store, StoreError};

/// The device-local setting that lists the inbox notices already seen.
pub const INBOX_SEEN: &str = "inbox-seen";

/// The actor's live follow of `subject_id`, if any.
pub async fn my_follow(actor: &Actor, subject_id: &str) -> Result<Option<Doc>, StoreError> {
    let id = Follow::TYPE.doc_id(&Follow::local_id(subject_id, actor.author()));
    Ok(actor.store().get(&id).await?.filter(|d| !d.deleted))
}

/// Follows `subject_id`, or stops following it when the actor already does.
/// Returns whether the actor follows it now.
pub async fn toggle(actor: &Actor, subject_id: &str) -> Result<bool, StoreError> {
    let (at, me) = (now(), actor.author());
    match my_follow(actor, subject_id).await? {
        Some(doc) => {
            actor.store().put(doc.tombstone(at, me)).await?;
            Ok(false)
        }
        None => {
            let f = Follow {
                subject_id: subject_id.to_string(),
                follower: me.to_string(),
                since: at,
                extra: Default::default(),
            };
            let doc = Doc::new(&Follow::local_id(subject_id, me), &f, at, me)?;
            actor.store().put(doc).await?;
            Ok(true)
        }
    }
}

/// The notice keys this device has marked read.
pub async fn seen(store: &Store) -> Result<Vec<String>, StoreError> {
    Ok(store
        .local_setting(INBOX_SEEN)
        .await?
        .and_then(|v| serde_json::from_value::<Vec<String>>(v).ok())
        .unwrap_or_default())
}

/// Marks `keys` read, with every key already read (a device-local setting:
/// notices are this device's, and are never synced).
pub async fn mark_read(store: &Store, keys: Vec<String>) -> Result<(), StoreError> {
    let mut all = seen(store).await?;
    all.extend(keys);
    all.sort();
    all.dedup();
    store
        .set_local_setting(INBOX_SEEN, &serde_json::json!(all))
        .await
}
