//! Team use cases on the server: sharing accounts with a partner, after giving
//! every record that lacks its account the one it belongs to (see
//! [`crate::domain::account_of`]), so the server's partner replication, which
//! selects by `account_id`, leaves none of the partner's records behind.

use super::{now, Actor};
use crate::domain::account_of::{missing_accounts, with_account};
use crate::domain::team::Role;
use crate::domain::RecordType;
use crate::store::StoreError;
use crate::sync::{share_with_partner, Remote, SyncError};

/// The record types that can belong to an account, and accounts themselves.
const TYPES: [RecordType; 8] = [
    RecordType::Account,
    RecordType::Contact,
    RecordType::Deal,
    RecordType::StageTransition,
    RecordType::Activity,
    RecordType::Ticket,
    RecordType::SurveyResponse,
    RecordType::RecordChange,
];

/// Gives each record stored without its account the account it belongs to, in
/// one transaction; returns how many records changed.
pub async fn give_records_their_account(actor: &Actor) -> Result<usize, StoreError> {
    let mut docs = Vec::new();
    for t in TYPES {
        docs.extend(actor.store().all_of_type(t).await?);
    }
    let missing = missing_accounts(&docs);
    if missing.is_empty() {
        return Ok(0);
    }
    let (at, by) = (now(), actor.author());
    // A record this version would refuse (an old or imported one that no longer
    // fits) is left as it is rather than keep every other from its account.
    let writes: Vec<_> = missing
        .iter()
        .filter_map(|(id, account)| {
            let doc = docs.iter().find(|d| &d.id == id)?;
            Some(with_account(doc, account, at, by)).filter(|d| d.validate().is_ok())
        })
        .collect();
    let n = writes.len();
    actor.store().bulk_put(writes).await?;
    Ok(n)
}

/// Shares `accounts` with `partner` (see [`share_with_partner`]) once every
/// record names its account; returns how many records were given one, which
/// reach the partner after this device's next sync.
pub async fn share(
    actor: &Actor,
    remote: &Remote,
    partner: &Role,
    accounts: &[String],
    password: &str,
) -> Result<usize, SyncError> {
    let given = give_records_their_account(actor).await?;
    share_with_partner(remote, partner, accounts, password).await?;
    Ok(given)
}
