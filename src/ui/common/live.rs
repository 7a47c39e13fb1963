//! Live sync wiring: starts, restarts and stops the sync runner for the workspace,
//! and keeps [`Workspace::sync_status`] current.

use super::workspace::Workspace;
use crate::store::Store;
use crate::sync::{LiveSync, Remote, SyncConfig};
use leptos::prelude::*;

impl Workspace {
    /// Starts live sync with `config` (and the in-memory `password`), replacing any
    /// running one; stops it when `config` does not ask for live sync.
    pub fn apply_sync(&self, config: &SyncConfig, password: &str) {
        self.live.set_value(None); // dropping the old runner stops it
        let Some(store) = self.sync_store() else {
            return;
        };
        if !(config.live && config.is_valid()) {
            self.sync_status.set(None);
            return;
        }
        self.start_live(store, config.remote(password));
    }

    /// Starts live sync of `store` with `remote`, replacing any running one.
    pub(in crate::ui::common) fn start_live(&self, store: Store, remote: Remote) {
        let status = self.sync_status;
        let lock = format!("waypoint-sync:{}", store.name());
        let runner = LiveSync::start(store, remote, &lock, move |s| status.set(Some(s)));
        self.live.set_value(Some(runner));
    }

    /// Live sync with `remote` for an embedded view (credentials from the host page).
    pub fn start_embedded_sync(&self, remote: Remote) {
        self.live.set_value(None);
        if let Some(store) = self.sync_store() {
            self.start_live(store, remote);
        }
    }

    /// Restarts live sync at start-up when this device has it turned on.
    pub async fn resume_sync(&self) {
        let Some(store) = self.sync_store() else {
            return;
        };
        if let Ok(Some(config)) = SyncConfig::load(&store).await {
            let password = SyncConfig::password(&store).await;
            self.apply_sync(&config, &password);
        }
    }

    /// Stops the running live sync in this tab (its remote never signs in
    /// again), leaving the device's setting as it is.
    pub fn stop_live_sync(&self) {
        self.live.set_value(None);
        self.sync_status.set(None);
    }

    /// Asks the running live sync for a round soon (after a local change).
    pub fn wake_sync(&self) {
        self.live.with_value(|l| {
            if let Some(l) = l {
                l.wake();
            }
        });
    }

    /// Stops live sync and turns it off on this device (before the local data is
    /// replaced or erased, so the old and the new data are not mixed by a sync).
    pub async fn turn_off_live_sync(&self) {
        self.stop_live_sync();
        let Some(store) = self.sync_store() else {
            return;
        };
        if let Ok(Some(mut config)) = SyncConfig::load(&store).await {
            if config.live {
                config.live = false;
                let _ = config.save(&store).await;
            }
        }
    }
}
