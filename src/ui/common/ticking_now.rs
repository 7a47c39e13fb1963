//! A "now" that moves on by itself, so SLA badges count down while a screen is open.

use super::now;
use crate::domain::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

/// The current time, refreshed every 30 seconds until the calling component is gone.
pub fn use_ticking_now() -> ReadSignal<Timestamp> {
    let (read, write) = signal(now());
    if let Ok(handle) = set_interval_with_handle(move || write.set(now()), Duration::from_secs(30))
    {
        on_cleanup(move || handle.clear());
    }
    read
}
