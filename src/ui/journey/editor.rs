//! The map editor's shared state: the working copy, saving it (one save at a
//! time, the latest edit always wins, a concurrent change elsewhere merged
//! rather than lost), undo, the computed figures and what is selected.
//! Provided as a typed context to the grid, curve and panels.

use crate::actions::journeys::{save_map, MapSave};
use crate::domain::journey::edit::merge;
use crate::domain::journey::metrics::{JourneyIndex, PersonaFigures};
use crate::domain::records::{JourneyMap, MapColumn, Persona, Record};
use crate::domain::Doc;
use crate::i18n::*;
use crate::ui::common::{store_error_message, use_workspace, Workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_i18n::I18nContext;
use std::sync::Arc;

/// Undo keeps this many earlier versions of the map.
const UNDO_DEPTH: usize = 50;

/// What a drill-down shows: a title and the contacts behind a figure.
#[derive(Clone, Debug)]
pub struct Drill {
    /// "Conversion — Decision".
    pub title: String,
    /// Contact indexes into `index`.
    pub contacts: Vec<u32>,
    /// The index the figure was computed from (a newer one may number contacts differently).
    pub index: Arc<JourneyIndex>,
}

impl PartialEq for Drill {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title
            && self.contacts == other.contacts
            && Arc::ptr_eq(&self.index, &other.index)
    }
}

/// The editor's state; `Copy`, so closures capture it freely.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The map as shown (saved, or being saved).
    pub map: RwSignal<JourneyMap>,
    /// The last saved document (its revision is the base of the next save).
    pub doc: RwSignal<Option<Doc>>,
    /// The persona the map is for.
    pub persona: RwSignal<Option<(String, Persona)>>,
    /// Earlier versions, newest last.
    pub undo: RwSignal<Vec<JourneyMap>>,
    /// The last save's outcome.
    pub status: RwSignal<Option<Result<String, String>>>,
    /// The figures' index, once loaded.
    pub index: RwSignal<Option<Arc<JourneyIndex>>>,
    /// The persona's contacts in the index.
    pub members: Memo<Option<Arc<Vec<u32>>>>,
    /// Figures for the persona and date range.
    pub figures: Memo<Option<Arc<PersonaFigures>>>,
    /// The focused cell (`lane/column`), for comments.
    pub selected: RwSignal<Option<String>>,
    /// The open drill-down.
    pub drill: RwSignal<Option<Drill>>,
    /// The column whose options menu is open.
    pub open_menu: RwSignal<Option<String>>,
    /// Cell, curve, column and lane keys that differ from the snapshot being compared.
    pub changed: RwSignal<std::collections::BTreeSet<String>>,
    saving: StoredValue<bool>,
    /// A document that arrived while a save was running, adopted after it.
    pending: StoredValue<Option<Doc>>,
    ws: Workspace,
    i18n: I18nContext<Locale>,
}

impl Editor {
    /// A new editor over the page's index, members and figures.
    pub fn new(
        index: RwSignal<Option<Arc<JourneyIndex>>>,
        persona: RwSignal<Option<(String, Persona)>>,
        members: Memo<Option<Arc<Vec<u32>>>>,
        figures: Memo<Option<Arc<PersonaFigures>>>,
    ) -> Self {
        Editor {
            map: RwSignal::new(crate::domain::journey::edit::new_map("", "", &[])),
            doc: RwSignal::new(None),
            persona,
            undo: RwSignal::new(Vec::new()),
            status: RwSignal::new(None),
            index,
            members,
            figures,
            selected: RwSignal::new(None),
            drill: RwSignal::new(None),
            open_menu: RwSignal::new(None),
            changed: RwSignal::new(Default::default()),
            saving: StoredValue::new(false),
            pending: StoredValue::new(None),
            ws: use_workspace(),
            i18n: use_i18n(),
        }
    }

    /// A column's title in the reader's language; safe in event handlers
    /// (the workspace is captured, not looked up).
    pub fn column_title(self, c: &MapColumn) -> String {
        let lang = super::grid::lang(self.i18n);
        self.ws.settings.with_untracked(|s| {
            crate::domain::journey::edit::column_title(c, &s.journey_stages, lang)
        })
    }

    /// The workspace's journey stages.
    pub fn stages(self) -> Vec<crate::domain::stages::JourneyStage> {
        self.ws
            .settings
            .with_untracked(|s| s.journey_stages.clone())
    }

    /// Applies `f` to the map without saving (a drag in progress).
    pub fn preview(self, f: impl FnOnce(&mut JourneyMap)) {
        self.map.update(f);
    }

    /// Applies `f`, remembers the previous map for undo, and saves.
    pub fn commit(self, f: impl FnOnce(&mut JourneyMap)) {
        let Some(before) = self.map.try_get_untracked() else {
            return;
        };
        let mut next = before.clone();
        f(&mut next);
        self.commit_from(before, next);
    }

    /// Like [`Editor::commit`] when the map already shows `next` (after a
    /// preview) and `before` is what it was when the gesture started.
    pub fn commit_from(self, before: JourneyMap, next: JourneyMap) {
        if next == before && self.saved().as_ref() == Some(&next) {
            return;
        }
        self.undo.update(|u| {
            u.push(before);
            if u.len() > UNDO_DEPTH {
                u.remove(0);
            }
        });
        self.map.set(next);
        self.save();
    }

    /// Goes back to the previous version (saved as a new revision).
    pub fn undo(self) {
        let Some(prev) = self.undo.try_update(|u| u.pop()).flatten() else {
            return;
        };
        self.map.set(prev);
        self.save();
        self.status.set(Some(Ok(
            t_string!(self.i18n, journey.map_undone).to_string()
        )));
    }

    /// The map as last saved.
    fn saved(self) -> Option<JourneyMap> {
        self.doc
            .try_with_untracked(|d| d.as_ref().and_then(|d| d.record::<JourneyMap>().ok()))
            .flatten()
    }

    /// Adopts a document read from the store (first load, another tab, sync).
    /// An unsaved local edit is merged over it, never dropped.
    pub fn adopt(self, doc: Doc) {
        if self.saving.try_get_value() != Some(false) {
            self.pending.set_value(Some(doc));
            return;
        }
        let known = self
            .doc
            .with_untracked(|d| d.as_ref().map(|d| d.rev.clone()));
        // The same revision, or an older one read before our last save landed.
        let older = match (&known, &doc.rev) {
            (Some(Some(k)), Some(r)) => r.pos < k.pos,
            _ => false,
        };
        if known == Some(doc.rev.clone()) || older {
            return;
        }
        let Ok(theirs) = doc.record::<JourneyMap>() else {
            return;
        };
        let first = known.is_none();
        let base = self.saved();
        let ours = self.map.get_untracked();
        let merged = match &base {
            Some(b) if *b != ours => merge(b, &ours, &theirs),
            _ => theirs.clone(),
        };
        if !first {
            // Undo steps were taken against the old version; replaying them would undo the other change.
            self.undo.set(Vec::new());
        }
        self.doc.set(Some(doc));
        let resave = merged != theirs;
        self.map.set(merged);
        if resave {
            self.save();
        }
    }

    /// Saves the working copy; while a save runs, later edits wait and the
    /// newest one is saved next, so revisions never race each other. The map
    /// revision is the record of the edit (maps are not followed, so no
    /// field-by-field change event is written).
    fn save(self) {
        if self.saving.try_get_value() != Some(false) {
            return;
        }
        self.saving.set_value(true);
        let (ws, i18n) = (self.ws, self.i18n);
        spawn_local(async move {
            let Some(actor) = ws.actor() else {
                let _ = self.saving.try_set_value(false);
                return;
            };
            // The page may be gone by any await: every access is a `try_`.
            while let (Some(next), Some(Some(base)), Some(old)) = (
                self.map.try_get_untracked(),
                self.doc.try_get_untracked(),
                self.saved(),
            ) {
                if old == next {
                    break;
                }
                let errors = next.validate();
                if let Some(e) = errors.0.first() {
                    let what = crate::ui::common::error_text(i18n, e.code);
                    let _ = self.status.try_set(Some(Err(format!(
                        "{}: {what}",
                        t_string!(i18n, journey.map_not_saved)
                    ))));
                    break;
                }
                match save_map(&actor, &base, &old, &next).await {
                    Ok(MapSave::Saved(doc)) => {
                        let _ = self.doc.try_set(Some(doc));
                        let _ = self
                            .status
                            .try_set(Some(Ok(t_string!(i18n, common.saved).to_string())));
                    }
                    Ok(MapSave::Merged { latest, merged }) => {
                        // Saved elsewhere first: our edit, merged over theirs, is saved next.
                        let _ = self.doc.try_set(Some(latest));
                        let _ = self.map.try_set(merged);
                        let _ = self.undo.try_set(Vec::new());
                        let _ = self
                            .status
                            .try_set(Some(Ok(t_string!(i18n, journey.map_merged).to_string())));
                    }
                    Err(e) => {
                        // The edit stays on screen and in undo; the saved document is unchanged.
                        let _ = self.status.try_set(Some(Err(format!(
                            "{}: {}",
                            t_string!(i18n, journey.map_not_saved),
                            store_error_message(i18n, &e)
                        ))));
                        break;
                    }
                }
            }
            let _ = self.saving.try_set_value(false);
            if let Some(Some(doc)) = self.pending.try_update_value(|p| p.take()) {
                self.adopt(doc);
            }
        });
    }
}

/// The editor of the map being shown.
pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}
