//! Where to sync: kept on this device only (never replicated). The password is
//! kept in this tab's memory for the tab's life, and stored on this device only
//! when the user asks to remember it.

use super::{Auth, Remote};
use crate::domain::replication::{valid_db_name, valid_server_url};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

thread_local! {
    /// The password typed in this tab: it outlives the settings screen, and goes
    /// with the tab (or on sign-out).
    static TYPED_PASSWORD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// How Waypoint proves who the user is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignIn {
    /// HTTP Basic: the name and password go with every request.
    #[default]
    Basic,
    /// A cookie session (`POST /_session`): the password is sent once, then the
    /// browser's session cookie authenticates.
    Session,
}

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
    /// How to sign in when a user is set.
    #[serde(default)]
    pub sign_in: SignIn,
    /// Keep the password on this device (otherwise it lives in memory until the tab closes).
    #[serde(default)]
    pub remember: bool,
    /// Keep in sync continuously (live sync) instead of only on "sync now".
    #[serde(default)]
    pub live: bool,
}

/// The device-local setting that holds the sync configuration.
pub const SYNC_SETTING: &str = "sync";
const PASSWORD_KEY: &str = "sync-password";

impl SyncConfig {
    /// True when the address and database name are usable.
    pub fn is_valid(&self) -> bool {
        valid_server_url(self.server.trim()) && valid_db_name(self.database.trim())
    }

    /// The remote this config points at, signing in as the user (when one is set)
    /// with `password`; an empty password in session mode relies on the browser's cookie.
    pub fn remote(&self, password: &str) -> Remote {
        let user = self.user.trim().to_string();
        let auth = match self.sign_in {
            _ if user.is_empty() => Auth::None,
            SignIn::Basic => Auth::Basic {
                user,
                password: password.into(),
            },
            SignIn::Session => Auth::Session {
                user,
                password: (!password.is_empty()).then(|| password.into()),
            },
        };
        Remote::new(self.server.trim(), self.database.trim(), auth)
    }

    /// Reads the saved config of this device.
    pub async fn load(store: &Store) -> Result<Option<SyncConfig>, StoreError> {
        Ok(store
            .local_setting(SYNC_SETTING)
            .await?
            .and_then(|v| serde_json::from_value(v).ok()))
    }

    /// The remote this device's saved config points at, with the password this
    /// tab or device holds; `None` when sync is not set up.
    pub async fn saved_remote(store: &Store) -> Result<Option<Remote>, StoreError> {
        let Some(config) = Self::load(store).await?.filter(SyncConfig::is_valid) else {
            return Ok(None);
        };
        Ok(Some(config.remote(&Self::password(store).await)))
    }

    /// The password remembered on this device, if the user asked for that.
    pub async fn remembered_password(store: &Store) -> Result<Option<String>, StoreError> {
        Ok(store
            .local_setting(PASSWORD_KEY)
            .await?
            .and_then(|v| v.as_str().map(str::to_string)))
    }

    /// The password to sign in with: the one typed in this tab, else the one
    /// remembered on this device, else empty.
    pub async fn password(store: &Store) -> String {
        if let Some(typed) = TYPED_PASSWORD.with_borrow(Clone::clone) {
            return typed;
        }
        Self::remembered_password(store)
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Keeps `password` in this tab's memory until the tab closes; an empty one
    /// (cleared, or signed out) forgets it.
    pub fn keep_for_tab(password: &str) {
        TYPED_PASSWORD.set((!password.is_empty()).then(|| password.to_string()));
    }

    /// Remembers `password` on this device, or forgets it (`None`).
    pub async fn remember_password(
        store: &Store,
        password: Option<&str>,
    ) -> Result<(), StoreError> {
        let v = password.map_or(serde_json::Value::Null, |p| p.into());
        store.set_local_setting(PASSWORD_KEY, &v).await
    }

    /// Saves it on this device.
    pub async fn save(&self, store: &Store) -> Result<(), StoreError> {
        let v = serde_json::to_value(self).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store.set_local_setting(SYNC_SETTING, &v).await
    }
}
