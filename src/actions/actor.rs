//! Who writes, and when: the one place every use case takes its author and
//! clock from.

use crate::domain::Timestamp;
use crate::store::Store;

/// The store to write to and the name every revision records as its author.
///
/// Built once by the workspace context (`Workspace::actor`) when it knows who
/// this device writes as; tests build their own with [`Actor::new`].
#[derive(Clone)]
pub struct Actor {
    store: Store,
    author: String,
}

impl Actor {
    /// An actor writing to `store` as `author`.
    pub fn new(store: Store, author: impl Into<String>) -> Self {
        Actor {
            store,
            author: author.into(),
        }
    }

    /// The store this actor writes to.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The name recorded as `updated_by` (and as the author of events).
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Who this device writes as: the sync user when one is configured, else
    /// nobody in particular (an empty name).
    pub async fn author_of(store: &Store) -> String {
        match crate::sync::SyncConfig::load(store).await {
            Ok(Some(cfg)) => cfg.user.trim().to_string(),
            _ => String::new(),
        }
    }
}

/// The current time from the browser clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A new document-local id: `prefix` + time + randomness, unique across devices in practice.
pub fn new_local_id(prefix: &str) -> String {
    let r = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{prefix}{:x}-{r:08x}", js_sys::Date::now() as i64)
}
