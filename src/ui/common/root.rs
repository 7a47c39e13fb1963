//! Where the UI is rendered: the page itself, or an embed's shadow root. Lookups
//! by id, selector or point must search there, since a page's `document` cannot
//! see into a shadow root.

use leptos::prelude::*;
use web_sys::{Element, ShadowRoot};

/// The root the current UI tree renders under; `Copy`, captured at setup time
/// (contexts are not reachable from timers and animation frames).
#[derive(Clone, Copy)]
pub struct UiRoot(Option<StoredValue<ShadowRoot, LocalStorage>>);

impl UiRoot {
    /// A root for a tree rendered inside `shadow` (provide it as context).
    pub fn shadow(shadow: ShadowRoot) -> Self {
        UiRoot(Some(StoredValue::new_local(shadow)))
    }

    /// The root of the calling component: an embed's shadow root, else the document.
    pub fn current() -> Self {
        use_context::<UiRoot>().unwrap_or(UiRoot(None))
    }

    /// The first element matching a CSS selector.
    pub fn query(&self, selector: &str) -> Option<Element> {
        match self.0.and_then(|s| s.try_get_value()) {
            Some(shadow) => shadow.query_selector(selector).ok().flatten(),
            None => document().query_selector(selector).ok().flatten(),
        }
    }

    /// The element with this id.
    pub fn by_id(&self, id: &str) -> Option<Element> {
        match self.0.and_then(|s| s.try_get_value()) {
            Some(shadow) => shadow.get_element_by_id(id),
            None => document().get_element_by_id(id),
        }
    }

    /// The topmost element at a viewport point.
    pub fn element_from_point(&self, x: f64, y: f64) -> Option<Element> {
        match self.0.and_then(|s| s.try_get_value()) {
            Some(shadow) => shadow.element_from_point(x as f32, y as f32),
            None => document().element_from_point(x as f32, y as f32),
        }
    }

    /// Whether keyboard focus is in this UI: always for the page itself; for an
    /// embed, when its shadow root holds the focused element.
    pub fn has_focus(&self) -> bool {
        match self.0.and_then(|s| s.try_get_value()) {
            Some(shadow) => shadow.active_element().is_some(),
            None => true,
        }
    }
}
