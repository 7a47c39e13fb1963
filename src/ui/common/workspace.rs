//! The workspace context (typed, as in thaw): the open store, its status, the
//! settings document, and a version counter that bumps on every committed change
//! (from this tab or another) so screens re-read what they show.

use crate::domain::records::WorkspaceSettings;
use crate::domain::{Doc, Record, Timestamp};
use crate::store::{Store, StoreError, Subscription};
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
    /// Bumps after every committed change.
    pub version: RwSignal<u64>,
    /// The last committed change (ids written), for screens that update incrementally.
    pub last_change: RwSignal<Option<crate::store::ChangeEvent>>,
    /// The workspace settings document's content.
    pub settings: RwSignal<WorkspaceSettings>,
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

    /// Reads the settings document into [`Workspace::settings`] when it differs.
    pub async fn reload_settings(&self) {
        let Some(store) = self.store() else { return };
        let id = WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID);
        if let Ok(Some(doc)) = store.get(&id).await {
            if let Ok(s) = doc.record::<WorkspaceSettings>() {
                if s != self.settings.get_untracked() {
                    self.settings.set(s);
                }
            }
        }
    }

    /// Saves the settings document through the store (a new revision), then applies it.
    pub async fn save_settings(&self, next: WorkspaceSettings) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable)?;
        let id = WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID);
        let now = now();
        let doc = match store.get(&id).await? {
            Some(mut doc) => {
                doc.set_record(&next, now, "me")
                    .map_err(crate::domain::WriteError::from)?;
                doc
            }
            None => Doc::new(WorkspaceSettings::LOCAL_ID, &next, now, "me")
                .map_err(crate::domain::WriteError::from)?,
        };
        store.put(doc).await?;
        self.settings.set(next);
        Ok(())
    }
}

impl Workspace {
    /// A resource that re-reads from the store after every committed change:
    /// `f` gets the open store; a missing store reads as [`StoreError::Unavailable`].
    pub fn read<T, F, Fut>(self, f: F) -> LocalResource<Result<T, StoreError>>
    where
        T: 'static,
        F: Fn(Store) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, StoreError>> + 'static,
    {
        LocalResource::new(move || {
            self.version.track();
            let pending = self.store().map(&f);
            async move {
                match pending {
                    Some(fut) => fut.await,
                    None => Err(StoreError::Unavailable),
                }
            }
        })
    }
}

/// The current time from the browser clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
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
        version: RwSignal::new(0),
        last_change: RwSignal::new(None),
        settings: RwSignal::new(WorkspaceSettings::default()),
        live: StoredValue::new_local(None),
        sync_status: RwSignal::new(None),
        read_only: false,
    };
    spawn_local(async move {
        let blocked = ws.blocked;
        match Store::open_watching(&db_name, move || blocked.set(true)).await {
            Ok(store) => {
                ws.blocked.set(false);
                let version = ws.version;
                let last_change = ws.last_change;
                let settings_id = WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID);
                let sub = store.subscribe(move |event| {
                    last_change.set(Some(event.clone()));
                    version.update(|v| *v += 1);
                    ws.wake_sync();
                    // Another tab (or handle) may have changed the settings: follow it.
                    if event.ids.contains(&settings_id) {
                        spawn_local(async move { ws.reload_settings().await });
                    }
                });
                ws.subscription.set_value(Some(sub));
                ws.store.set_value(Some(store));
                ws.reload_settings().await;
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
    /// Clears the local database and writes a freshly generated sample workspace,
    /// reporting `(written, total)` into `progress` after every committed batch.
    pub async fn replace_with_sample(
        &self,
        progress: RwSignal<Option<(usize, usize)>>,
    ) -> Result<(), StoreError> {
        use crate::domain::sample::{generate_at, SampleSize};
        let store = self.store().ok_or(StoreError::Unavailable)?;
        let today = now();
        let day = Timestamp::from_ymd(today.ymd().0, today.ymd().1, today.ymd().2).unwrap_or(today);
        let mut docs = generate_at(2026, day, today, SampleSize::FULL);
        // Keep the user's language and currency choices.
        let mine = self.settings.get_untracked();
        if let Some(settings_doc) = docs
            .iter_mut()
            .find(|d| d.id == WorkspaceSettings::TYPE.doc_id(WorkspaceSettings::LOCAL_ID))
        {
            settings_doc
                .set_record(&mine, today, "sample")
                .map_err(crate::domain::WriteError::from)?;
        }
        self.turn_off_live_sync().await;
        store.clear().await?;
        let result = crate::store::write_in_batches(&store, docs, 2_000, |done, total| {
            progress.set(Some((done, total)));
        })
        .await;
        progress.set(None);
        result.map(|_| ())
    }

    /// Erases every local record (after the user confirmed). The workspace settings
    /// (language, currency, stages) are written back, so preferences survive.
    pub async fn erase(&self) -> Result<(), StoreError> {
        let store = self.store().ok_or(StoreError::Unavailable)?;
        let keep = self.settings.get_untracked();
        self.turn_off_live_sync().await;
        store.clear().await?;
        self.save_settings(keep).await
    }
}

/// A new document-local id: `prefix` + time + randomness, unique across devices in practice.
pub fn new_local_id(prefix: &str) -> String {
    let r = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{prefix}{:x}-{r:08x}", js_sys::Date::now() as i64)
}

/// The name this device writes as author: the sync user when one is configured.
pub async fn current_user(store: &Store) -> String {
    match crate::sync::SyncConfig::load(store).await {
        Ok(Some(cfg)) if !cfg.user.trim().is_empty() => cfg.user.trim().to_string(),
        _ => String::new(),
    }
}
