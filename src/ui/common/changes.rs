//! The one way a screen learns that data changed: it declares what it reads
//! ([`Reads`]: record types, single documents, device-local settings), and
//! every committed write — from this tab, another tab or sync, local settings
//! included — that touches any of it reaches the screen.

use super::Workspace;
use crate::domain::RecordType;
use crate::store::{ChangeEvent, StoreError};
use leptos::prelude::*;

/// What a screen reads. A change touches it when it writes a document of one
/// of its types, one of its documents, one of its settings, or clears the
/// workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reads {
    types: Vec<RecordType>,
    ids: Vec<String>,
    settings: Vec<&'static str>,
    everything: bool,
}

impl Reads {
    /// Documents of these types.
    pub fn types(types: &[RecordType]) -> Self {
        Reads {
            types: types.to_vec(),
            ..Reads::default()
        }
    }

    /// Every document, whatever its type (counts of the whole workspace, sync
    /// state); not device-local settings, which are named one by one.
    pub fn everything() -> Self {
        Reads {
            everything: true,
            ..Reads::default()
        }
    }

    /// Nothing but what is added next.
    pub fn nothing() -> Self {
        Reads::default()
    }

    /// Also the document `id`.
    pub fn doc(mut self, id: impl Into<String>) -> Self {
        self.ids.push(id.into());
        self
    }

    /// Also the device-local setting `key`.
    pub fn setting(mut self, key: &'static str) -> Self {
        self.settings.push(key);
        self
    }

    /// Whether `event` changed anything this reads.
    pub fn touched_by(&self, event: &ChangeEvent) -> bool {
        if event.cleared || (self.everything && !event.ids.is_empty()) {
            return true;
        }
        event
            .settings
            .iter()
            .any(|k| self.settings.contains(&k.as_str()))
            || event
                .ids
                .iter()
                .any(|id| self.ids.contains(id) || self.types.iter().any(|t| is_of(id, *t)))
    }
}

/// Whether `id` is the id of a document of type `t` (`deal:…` for deals).
fn is_of(id: &str, t: RecordType) -> bool {
    id.strip_prefix(t.as_str())
        .is_some_and(|rest| rest.starts_with(':'))
}

impl Workspace {
    /// A counter that bumps after every committed change touching `reads`.
    pub fn changes(self, reads: Reads) -> Signal<u64> {
        let bump = RwSignal::new(0u64);
        self.on_change(reads, move |_| bump.update(|v| *v += 1));
        bump.into()
    }

    /// Calls `f` with every committed change touching `reads` (for screens that
    /// update in place, such as the board). Changes made before the call are
    /// not replayed.
    pub fn on_change(self, reads: Reads, f: impl Fn(&ChangeEvent) + 'static) {
        let last = self.last_change;
        Effect::new(move |seen: Option<()>| {
            last.with(|c| {
                if let (Some(event), Some(())) = (c, seen) {
                    if reads.touched_by(event) {
                        f(event);
                    }
                }
            });
        });
    }

    /// A resource that reads with `f` from the open store, and again after
    /// every committed change touching `reads`; a missing store reads as
    /// [`StoreError::Unavailable`].
    pub fn read<T, F, Fut>(self, reads: Reads, f: F) -> LocalResource<Result<T, StoreError>>
    where
        T: 'static,
        F: Fn(crate::store::Store) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<T, StoreError>> + 'static,
    {
        let changed = self.changes(reads);
        LocalResource::new(move || {
            changed.track();
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn event(ids: &[&str], settings: &[&str]) -> ChangeEvent {
        ChangeEvent {
            seq: 1,
            ids: ids.iter().map(|s| s.to_string()).collect(),
            cleared: false,
            settings: settings.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[wasm_bindgen_test]
    fn a_change_touches_the_types_documents_and_settings_a_screen_reads() {
        let board = Reads::types(&[RecordType::Deal, RecordType::Pipeline]);
        assert!(board.touched_by(&event(&["deal:d1"], &[])));
        assert!(
            !board.touched_by(&event(&["deal_note:x"], &[])),
            "a prefix is not a type"
        );
        assert!(!board.touched_by(&event(&["contact:c1"], &[])));
        let map = Reads::nothing().doc("journey_map:m1");
        assert!(map.touched_by(&event(&["journey_map:m1"], &[])));
        assert!(!map.touched_by(&event(&["journey_map:m2"], &[])));
        let inbox = Reads::types(&[RecordType::Follow]).setting("inbox-seen");
        assert!(inbox.touched_by(&event(&[], &["inbox-seen"])));
        assert!(!inbox.touched_by(&event(&[], &["sync"])));
    }

    #[wasm_bindgen_test]
    fn everything_means_every_document_and_clearing_touches_all() {
        let all = Reads::everything();
        assert!(all.touched_by(&event(&["ticket:t1"], &[])));
        assert!(
            !all.touched_by(&event(&[], &["sync"])),
            "settings are named one by one"
        );
        let cleared = ChangeEvent {
            cleared: true,
            ..event(&[], &[])
        };
        assert!(Reads::nothing().doc("deal:d1").touched_by(&cleared));
    }
}
