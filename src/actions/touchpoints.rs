//! Logging a touchpoint: a call, a visit, a note, a churn… on the timeline of
//! the people it concerns, with a visit's photo in the same transaction.

use super::records::{new_doc, SaveError};
use super::{new_local_id, now, Actor};
use crate::domain::records::Activity;

/// Logs `activity` (its author is the actor). With `people`, one touchpoint is
/// written on each person's timeline, tied together by a shared visit id.
/// `blobs` are attachment bytes `(digest, Blob)` the activity names, stored in
/// the same transaction. `stage_ids` are the workspace's journey stages, which
/// the activity's stage must be one of. Returns the ids written.
pub async fn log(
    actor: &Actor,
    mut activity: Activity,
    people: Vec<String>,
    stage_ids: &[&str],
    blobs: &[(String, web_sys::Blob)],
) -> Result<Vec<String>, SaveError> {
    activity.author = actor.author().to_string();
    let mut records = Vec::new();
    if people.is_empty() {
        records.push(activity);
    } else {
        activity
            .extra
            .insert("visit".into(), new_local_id("v").into());
        for c in people {
            let mut a = activity.clone();
            a.contact_id = Some(c);
            records.push(a);
        }
    }
    // Each touchpoint as written must hold, whoever it lands with.
    for a in &records {
        let errors = a.validate_in(stage_ids);
        if !errors.is_empty() {
            return Err(SaveError::Invalid(errors));
        }
    }
    let at = now();
    let docs = records
        .iter()
        .map(|a| new_doc("q", a, at, actor.author()))
        .collect::<Result<Vec<_>, _>>()?;
    let ids = docs.iter().map(|d| d.id.clone()).collect();
    actor.store().bulk_put_with_blobs(docs, blobs).await?;
    Ok(ids)
}
