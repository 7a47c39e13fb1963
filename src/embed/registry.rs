//! One workspace (one store, one set of signals, one live sync) per workspace
//! name, shared by every element on the page that names it. The handles live
//! under an owner of their own, so unmounting one element leaves the others'.

use crate::ui::common::{open_workspace, StoreStatus, Workspace};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    // A root of its own, not a child of whichever element's view asks first.
    // `new_root` also makes itself the current owner: put back what was.
    static OWNER: Owner = {
        let previous = Owner::current();
        let root = Owner::new_root(None);
        match previous {
            Some(p) => p.set(),
            None => root.clone().unset(),
        }
        root
    };
    static OPEN: RefCell<HashMap<String, Workspace>> = RefCell::default();
}

/// The shared, writable workspace on database `db_name`, opened on first use.
pub fn workspace(db_name: &str) -> Workspace {
    if let Some(ws) = OPEN.with(|o| o.borrow().get(db_name).copied()) {
        // One that failed to open (storage blocked, say) is tried again.
        if !matches!(ws.status.get_untracked(), StoreStatus::Failed(_)) {
            return ws;
        }
    }
    // Embedded workspaces never resume the app's saved sync settings: the host
    // page says where to sync.
    let ws = OWNER.with(|owner| owner.with(|| open_workspace(db_name, false)));
    OPEN.with(|o| o.borrow_mut().insert(db_name.to_string(), ws));
    ws
}
