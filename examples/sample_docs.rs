//! Prints a sample workspace of about N documents as a CouchDB `_bulk_docs`
//! body (`{"docs": [...]}`), for loading a server database that Waypoint then
//! pulls. The sample's full size (`SampleSize::FULL`, about 35,000 documents)
//! is scaled up or down in every record type alike.
//!
//! `cargo run --example sample_docs -- 50000 > docs.json`

use std::io::Write;
use waypoint::domain::sample::{generate, SampleSize};
use waypoint::domain::Timestamp;

/// Documents in a full-size sample, near enough to pick a scale.
const FULL_DOCS: f64 = 35_000.0;

fn scaled(n: usize, f: f64) -> usize {
    ((n as f64 * f).round() as usize).max(1)
}

fn main() {
    let wanted: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(FULL_DOCS);
    let f = wanted / FULL_DOCS;
    let full = SampleSize::FULL;
    let size = SampleSize {
        accounts: scaled(full.accounts, f),
        contacts: scaled(full.contacts, f),
        deals: scaled(full.deals, f),
        activities: scaled(full.activities, f),
        tickets: scaled(full.tickets, f),
        surveys: scaled(full.surveys, f),
    };
    let today = Timestamp::parse("2026-11-22T00:00:00Z").expect("a fixed date");
    let docs: Vec<_> = generate(7, today, size)
        .iter()
        .map(|d| d.to_json())
        .collect();
    let body = serde_json::json!({ "docs": docs });
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &body).expect("stdout");
    out.write_all(b"\n").expect("stdout");
}
