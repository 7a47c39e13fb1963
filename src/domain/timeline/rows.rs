//! Laying a timeline out for a virtualised list: day headers between items,
//! pixel offsets of every row, the rows in view, and "jump to date".

use super::TimelineItem;
use crate::domain::time::Timestamp;

const MS_PER_DAY: i64 = 86_400_000;

/// One row of the rendered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A day header: the local day's midnight, as a UTC timestamp of that civil date.
    Day(Timestamp),
    /// The item at this index of the (filtered) item list.
    Item(usize),
}

/// The civil date of `at` in a zone `offset_minutes` east of UTC, as midnight UTC of that date.
fn local_day(at: Timestamp, offset_minutes: i32) -> Timestamp {
    let local = at.0 + offset_minutes as i64 * 60_000;
    Timestamp(local.div_euclid(MS_PER_DAY) * MS_PER_DAY)
}

/// Rows for items sorted newest first: a header before the first item of each local day.
pub fn day_rows(items: &[TimelineItem], offset_minutes: i32) -> Vec<Row> {
    let mut rows = Vec::with_capacity(items.len() + items.len() / 4 + 1);
    let mut current: Option<Timestamp> = None;
    for (i, item) in items.iter().enumerate() {
        let day = local_day(item.at, offset_minutes);
        if current != Some(day) {
            rows.push(Row::Day(day));
            current = Some(day);
        }
        rows.push(Row::Item(i));
    }
    rows
}

/// Top offset of every row plus the total height as the last element.
pub fn offsets(rows: &[Row], day_height: f64, item_height: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(rows.len() + 1);
    let mut y = 0.0;
    for r in rows {
        out.push(y);
        y += match r {
            Row::Day(_) => day_height,
            Row::Item(_) => item_height,
        };
    }
    out.push(y);
    out
}

/// The rows that intersect `[scroll_top, scroll_top + height)`, widened by `overscan`
/// rows on each side, as a half-open index range.
pub fn visible_range(
    offsets: &[f64],
    scroll_top: f64,
    height: f64,
    overscan: usize,
) -> std::ops::Range<usize> {
    let n = offsets.len().saturating_sub(1);
    if n == 0 {
        return 0..0;
    }
    // First row whose bottom is below scroll_top.
    let first = offsets[1..].partition_point(|bottom| *bottom <= scroll_top);
    let last = offsets[..n].partition_point(|top| *top < scroll_top + height);
    first.saturating_sub(overscan)..(last + overscan).min(n)
}

/// The row of the header of the latest day on or before `date` (rows are newest
/// first), or the last header when every day is after it; `None` for no rows.
pub fn row_of_day(rows: &[Row], date: Timestamp) -> Option<usize> {
    let mut last_header = None;
    for (i, r) in rows.iter().enumerate() {
        if let Row::Day(d) = r {
            if *d <= date {
                return Some(i);
            }
            last_header = Some(i);
        }
    }
    last_header
}
