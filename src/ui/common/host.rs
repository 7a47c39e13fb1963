//! What screens tell a page that embeds them (a partner portal): the record a
//! person picked, and so on. Absent in the app itself, where nothing listens.

use leptos::prelude::*;
use serde_json::Value;

/// Delivers one event: its name and JSON detail.
type Deliver = Box<dyn Fn(&str, Value)>;

/// Sends named events with JSON details to the embedding page.
#[derive(Clone, Copy)]
pub struct HostEvents(StoredValue<Deliver, LocalStorage>);

impl HostEvents {
    /// Events go to `send(name, detail)`.
    pub fn new(send: impl Fn(&str, Value) + 'static) -> Self {
        HostEvents(StoredValue::new_local(Box::new(send)))
    }

    /// The embedding page's listener, when there is one (call at setup time).
    pub fn current() -> Option<Self> {
        use_context::<HostEvents>()
    }

    /// Sends one event.
    pub fn emit(&self, name: &str, detail: Value) {
        self.0.with_value(|send| send(name, detail));
    }
}
