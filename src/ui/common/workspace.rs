//! The workspace context (typed, as in thaw): the open store, its status, the
//! settings document, who this device writes as, and the last committed change
//! (from this tab or another), which screens follow through `changes.rs`.

use crate::actions::{self, Actor};
use crate::domain::records::WorkspaceSettings;
use crate::store::{ChangeEvent, Store, StoreError, Subscription};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where opening the local database stands.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreStatus {
    /// Opening or migrating.
    Opening,
    /// Ready to read and write.
    Ready,
    /// Could not be opened; the error says why.
    Failed(StoreError),
}

/// Handle to the current workspace; `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct Workspace {
    store: StoredValue<Option<Store>, LocalStorage>,
    subscription: StoredValue<Option<Subscription>, LocalStorage>,
    /// Opening status.
    pub status: RwSignal<StoreStatus>,
    /// Opening waits for another tab that holds the database at an older version.
    pub blocked: RwSignal<bool>,
    /// The last committed change; screens follow it through [`Workspace::read`],
    /// [`Workspace::changes`] and [`Workspace::on_change`].
    pub(in crate::ui::common) last_change: RwSignal<Option<ChangeEvent>>,
    /// The name this device writes as (the signed-in sync user, when set).
    pub author: RwSignal<String>,
    /// The workspace settings document's content.
    pub settings: RwSignal<WorkspaceSettings>,
    /// The language chosen on this device, when one was (see [`Workspace::locale`]).
    pub language: RwSignal<Option<String>>,
    /// Live sync, when the user turned it on (see `live.rs`).
    pub(in crate::ui::common) live: StoredValue<Option<crate::sync::LiveSync>, LocalStorage>,
    /// What live sync is doing; `None` when it is off.
    pub sync_status: RwSignal<Option<crate::sync::LiveStatus>>,
    /// This handle's store refuses writes (an embed in read-only mode).
    read_only: bool,
}

/// The database every tab of this origin shares.
pub const DB_NAME: &str = "waypoint";

impl Workspace {
    /// The open store, once ready (a read-only handle when this workspace handle is).
    pub fn store(&self) -> Option<Store> {
        let store = self.store.get_value()?;
        Some(match self.read_only {
            true => store.read_only(),
            false => store,
        })
    }

    /// The store as sync writes to it, whatever this handle may do.
    pub(in crate::ui::common) fn sync_store(&self) -> Option<Store> {
        self.store.get_value()
    }

    /// Whether screens must offer no edits (the store refuses them anyway).
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// The same workspace, seen through a handle that refuses writes.
    pub fn as_read_only(self) -> Self {
        Workspace {
            read_only: true,
            ..self
        }
    }

    /// Who writes, for the use cases in `crate::actions`: the open store (a
    /// read-only handle when this workspace handle is) and this device's author.
    pub fn actor(&self) -> Option<Actor> {
        Some(Actor::new(self.store()?, self.author.get_untracked()))
    }

    /// Reads the settings document into [`Workspace::settings`] when it differs.
    pub async fn reload_settings(&self) {
        let Some(store) = self.store() else { return };
        if let Ok(Some(s)) = actions::settings::load(&store).await {
            if s != self.settings.get_untracked() {
                self.settings.set(s);
            }
        }
    }

    /// The language to show (tracked): this device's choice, else the workspace's.
    pub fn locale(&self) -> String {
        self.language
            .get()
            .unwrap_or_else(|| self.settings.read().locale.clone())
    }

    /// Shows `lang` on this device at once, and keeps the choice on this device
    /// (best-effort when the store is not open yet).
    pub fn choose_language(&self, lang: &str) {
        self.language.set(Some(lang.to_string()));
        let Some(store) = self.store() else { return };
        let lang = lang.to_string();
        spawn_local(async move {
            let _ = actions::settings::set_device_language(&store, &lang).await;
        });
    }

    /// Reads this device's language choice into [`Workspace::language`].
    async fn reload_language(&self) {
        let Some(store) = self.store() else { return };
        if let Ok(lang) = actions::settings::device_language(&store).await {
            if lang != self.language.get_untracked() {
                self.language.set(lang);
            }
        }
    }

    /// Reads who this device writes as into [`Workspace::author`].
    async fn reload_author(&self) {
        let Some(store) = self.store() else { return };
        let name = Actor::author_of(&store).await;
        if name != self.author.get_untracked() {
            self.author.set(name);
        }
    }

    /// Saves the settings document (a new revision), then applies it.
    pub async fn save_settings(&self, next: WorkspaceSettings) -> Result<(), StoreError> {
        let actor = self.actor().ok_or(StoreError::Unavailable)?;
        actions::settings::save(&actor, &next).await?;
        self.settings.set(next);
        Ok(())
    }
}

/// Creates the workspace context and starts opening the database.
pub fn provide_workspace() -> Workspace {
    provide_workspace_at(DB_NAME)
}

/// Like [`provide_workspace`], on database `db_name` (tests and benchmarks use their own).
pub fn provide_workspace_at(db_name: &str) -> Workspace {
    let ws = open_workspace(db_name, true);
    provide_context(ws);
    ws
}

/// Creates a workspace handle on database `db_name` and starts opening it; with
/// `resume`, live sync restarts as this device's saved settings say.
pub fn open_workspace(db_name: &str, resume: bool) -> Workspace {
    let db_name = db_name.to_string();
    let ws = Workspace {
        store: StoredValue::new_local(None),
        subscription: StoredValue::new_local(None),
        status: RwSignal::new(StoreStatus::Opening),
        blocked: RwSignal::new(false),
        last_change: RwSignal::new(None),
        author: RwSignal::new(String::new()),
        settings: RwSignal::new(WorkspaceSettings::default()),
        language: RwSignal::new(None),
        live: StoredValue::new_local(None),
        sync_status: RwSignal::new(None),
        read_only: false,
    };
    spawn_local(async move {
        let blocked = ws.blocked;
        match Store::open_watching(&db_name, move || blocked.set(true)).await {
            Ok(store) => {
                ws.blocked.set(false);
                let last_change = ws.last_change;
                let settings_id = actions::settings::settings_id();
                let sub = store.subscribe(move |event| {
                    last_change.set(Some(event.clone()));
                    if !event.ids.is_empty() || event.cleared {
                        ws.wake_sync();
                    }
                    // Another tab (or handle) may have changed the settings: follow it.
                    if event.ids.contains(&settings_id) {
                        spawn_local(async move { ws.reload_settings().await });
                    }
                    if event
                        .settings
                        .iter()
                        .any(|k| k == actions::settings::LANGUAGE_SETTING)
                    {
                        spawn_local(async move { ws.reload_language().await });
                    }
                    // A new sync sign-in changes who this device writes as.
                    if event
                        .settings
                        .iter()
                        .any(|k| k == crate::sync::SYNC_SETTING)
                    {
                        spawn_local(async move { ws.reload_author().await });
                    }
                });
                ws.subscription.set_value(Some(sub));
                ws.store.set_value(Some(store));
                ws.reload_settings().await;
                ws.reload_language().await;
                ws.reload_author().await;
                ws.status.set(StoreStatus::Ready);
                if resume {
                    ws.resume_sync().await;
                }
            }
            Err(e) => ws.status.set(StoreStatus::Failed(e)),
        }
    });
    ws
}

/// The workspace context; panics outside [`provide_workspace`]'s tree (a programming error).
pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

impl Workspace {
    /// Clears the local database and writes a freshly generated sample workspace
    /// (keeping this person's settings), reporting `(written, total)` into
    /// `progress` after every committed batch. Live sync stops first.
    pub async fn replace_with_sample(
        &self,
        progress: RwSignal<Option<(usize, usize)>>,
    ) -> Result<(), StoreError> {
        let actor = self.actor().ok_or(StoreError::Unavailable)?;
        let keep = self.settings.get_untracked();
        self.turn_off_live_sync().await;
        let result = actions::workspace::replace_with_sample(&actor, &keep, |done, total| {
            progress.set(Some((done, total)));
        })
        .await;
        progress.set(None);
        result.map(|_| ())
    }

    /// Erases every local record (after the user confirmed); the workspace
    /// settings (language, currency, stages) are kept. Live sync stops first.
    pub async fn erase(&self) -> Result<(), StoreError> {
        let actor = self.actor().ok_or(StoreError::Unavailable)?;
        let keep = self.settings.get_untracked();
        self.turn_off_live_sync().await;
        actions::workspace::erase(&actor, &keep).await?;
        self.settings.set(keep);
        Ok(())
    }
}
