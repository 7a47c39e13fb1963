//! Waypoint: a browser-only CRM. See docs/architecture.md for the architecture.
//!
//! `domain` is pure and compiles everywhere; `store`, `ui` and the app shell are
//! browser code and compile for `wasm32` only.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
leptos_i18n_macro::load_locales!();

#[cfg(target_arch = "wasm32")]
pub use app::App;
