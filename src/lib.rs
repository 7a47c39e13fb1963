//! Waypoint: a browser-only CRM. See README.md for the architecture.
pub mod domain;
