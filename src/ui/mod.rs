//! Leptos components: `common/` is the UI kit and what screens share; every
//! other folder is one screen, named like its route. Screens read through the
//! workspace context and write only through the use cases in `crate::actions`.

pub mod board;
pub mod common;
pub mod conflicts;
pub mod customers;
pub mod dashboard;
pub mod import;
pub mod inbox;
pub mod journey;
pub mod settings;
pub mod support;
pub mod survey;
pub mod timeline;
