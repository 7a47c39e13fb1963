//! Where to sync: kept on this device only (never replicated); the password is
//! never stored.

use super::{Auth, Remote};
use crate::domain::replication::{valid_db_name, valid_server_url};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};

/// The sync target as the user entered it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncConfig {
    /// Server address, e.g. `https://acme.cloudant.com`.
    pub server: String,
    /// Database name.
    pub database: String,
    /// User name for Basic authentication; empty for none.
    #[serde(default)]
    pub user: String,
    /// Keep in sync continuously (live sync) instead of only on "sync now".
    #[serde(default)]
    pub live: bool,
}

const KEY: &str = "sync";

impl SyncConfig {
    /// True when the address and database name are usable.
    pub fn is_valid(&self) -> bool {
        valid_server_url(self.server.trim()) && valid_db_name(self.database.trim())
    }

    /// The remote this config points at, with `password` used for Basic auth when a user is set.
    pub fn remote(&self, password: &str) -> Remote {
        let auth = if self.user.trim().is_empty() {
            Auth::None
        } else {
            Auth::Basic {
                user: self.user.trim().into(),
                password: password.into(),
            }
        };
        Remote::new(self.server.trim(), self.database.trim(), auth)
    }

    /// Reads the saved config of this device.
    pub async fn load(store: &Store) -> Result<Option<SyncConfig>, StoreError> {
        Ok(store
            .local_setting(KEY)
            .await?
            .and_then(|v| serde_json::from_value(v).ok()))
    }

    /// Saves it on this device.
    pub async fn save(&self, store: &Store) -> Result<(), StoreError> {
        let v = serde_json::to_value(self).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store.set_local_setting(KEY, &v).await
    }
}
