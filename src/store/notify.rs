//! Change notifications: to listeners in this tab and, over a BroadcastChannel,
//! to other tabs and other store handles on the same database.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What changed in one committed transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeEvent {
    /// The local sequence after the transaction.
    pub seq: u64,
    /// Ids of the documents written.
    pub ids: Vec<String>,
    /// True when the whole workspace was cleared.
    #[serde(default)]
    pub cleared: bool,
    /// Device-local settings written (keys), which are not documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
}

type Listener = Rc<dyn Fn(&ChangeEvent)>;

/// Fans change events out to subscribers; one per store handle.
pub struct Notifier {
    listeners: Rc<RefCell<Vec<(u64, Listener)>>>,
    next_id: RefCell<u64>,
    channel: Option<web_sys::BroadcastChannel>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// Keeps a subscription alive; dropping it unsubscribes.
pub struct Subscription {
    id: u64,
    listeners: std::rc::Weak<RefCell<Vec<(u64, Listener)>>>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(l) = self.listeners.upgrade() {
            l.borrow_mut().retain(|(id, _)| *id != self.id);
        }
    }
}

fn dispatch(listeners: &RefCell<Vec<(u64, Listener)>>, event: &ChangeEvent) {
    // Clone first so a listener may subscribe or unsubscribe while being called.
    let current: Vec<Listener> = listeners.borrow().iter().map(|(_, l)| l.clone()).collect();
    for l in current {
        l(event);
    }
}

impl Notifier {
    /// A notifier for database `db_name`; without BroadcastChannel it still serves this handle.
    pub fn new(db_name: &str) -> Self {
        let listeners: Rc<RefCell<Vec<(u64, Listener)>>> = Rc::default();
        let channel = web_sys::BroadcastChannel::new(&format!("waypoint-changes:{db_name}")).ok();
        let on_message = channel.as_ref().map(|ch| {
            let target = listeners.clone();
            let cb = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |m: web_sys::MessageEvent| {
                    let Some(text) = m.data().as_string() else {
                        return;
                    };
                    if let Ok(event) = serde_json::from_str::<ChangeEvent>(&text) {
                        dispatch(&target, &event);
                    }
                },
            );
            ch.set_onmessage(Some(cb.as_ref().unchecked_ref()));
            cb
        });
        Notifier {
            listeners,
            next_id: RefCell::new(0),
            channel,
            _on_message: on_message,
        }
    }

    /// Calls `f` for every change, from this handle or any other.
    pub fn subscribe(&self, f: impl Fn(&ChangeEvent) + 'static) -> Subscription {
        let mut next = self.next_id.borrow_mut();
        *next += 1;
        self.listeners.borrow_mut().push((*next, Rc::new(f)));
        Subscription {
            id: *next,
            listeners: Rc::downgrade(&self.listeners),
        }
    }

    /// Announces a committed change here and to other handles and tabs.
    pub fn publish(&self, event: &ChangeEvent) {
        dispatch(&self.listeners, event);
        if let (Some(ch), Ok(text)) = (&self.channel, serde_json::to_string(event)) {
            let _ = ch.post_message(&JsValue::from_str(&text));
        }
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        if let Some(ch) = &self.channel {
            ch.set_onmessage(None);
            ch.close();
        }
    }
}
