//! Leptos components, one folder per screen. Components render signals and call
//! store functions; they never build IndexedDB transactions themselves.

pub mod board;
pub mod common;
pub mod conflicts;
pub mod dashboard;
pub mod import;
pub mod inbox;
pub mod journey;
pub mod records;
pub mod settings;
pub mod support;
pub mod survey;
pub mod timeline;
