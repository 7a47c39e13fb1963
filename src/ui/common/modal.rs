//! A modal `<dialog>`'s open state, shared by the "New …" dialogs: the content
//! is only rendered while open (so each opening starts fresh), and the
//! element's own modal behaviour (focus trap, Escape, backdrop) does the rest.

use leptos::prelude::*;

/// A dialog element and whether it is open; `Copy`.
#[derive(Clone, Copy)]
pub struct Modal {
    /// Bind to the `<dialog>`'s `node_ref`.
    pub node: NodeRef<leptos::html::Dialog>,
    /// Whether it is open (render the content only while true).
    pub open: RwSignal<bool>,
}

impl Modal {
    /// A closed dialog.
    pub fn new() -> Self {
        Modal {
            node: NodeRef::new(),
            open: RwSignal::new(false),
        }
    }

    /// Opens it as a modal.
    pub fn show(self) {
        self.open.set(true);
        if let Some(d) = self.node.get_untracked() {
            let _ = d.show_modal();
        }
    }

    /// Closes it.
    pub fn close(self) {
        self.open.set(false);
        if let Some(d) = self.node.get_untracked() {
            d.close();
        }
    }
}

impl Default for Modal {
    fn default() -> Self {
        Self::new()
    }
}
