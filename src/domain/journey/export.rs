//! A journey map's exports: CSV for spreadsheets, the open JSON format, and a
//! standalone SVG picture. The UI only downloads what these functions return.
//!
//! # The open JSON format
//!
//! One JSON object; keys (every one written by [`to_json`]):
//!
//! - `format`: always `"waypoint-journey-map"`.
//! - `version`: always `1` (an integer); readers refuse other versions.
//! - `title`: the map's title.
//! - `persona`: the persona the map is for: `id` (its document id) plus, when
//!   known, the persona's fields `name`, `segment`, `role`, `location`,
//!   `age_group`, `industry`, `goals`, `needs`, `barriers`, `motivations`,
//!   `interests` (lists of strings) and `rule` (`segments`, `industries`,
//!   `roles`). The avatar image is never exported.
//! - `columns`: the columns in order, each `{ "id", "stage", "label"?,
//!   "hidden"?, "steps"?: [{ "id", "name" }] }` (keys with a `?` are left
//!   out when empty / false). Hidden columns are exported with their content.
//! - `lanes`: the rows in order, each `{ "id", "kind", "title"?, "live"? }`;
//!   `kind` is one of `mindset`, `emotion`, `touchpoints`, `channels`,
//!   `pains`, `opportunities`, `departments`, `metrics`, `custom`.
//! - `cells`: object `"lane id/column id"` → cell text (paragraphs, `- `
//!   bullet lines, `**strong**`, `*emphasis*`).
//! - `emotion`: object curve point → integer −2..=2 for the as-is emotion
//!   curve; a curve point is `column id` or, for a column with steps,
//!   `column id/step id`.
//! - `emotion_to_be`: the same for the to-be curve (may be empty).
//! - `comments`: list of `{ "id", "cell", "text", "by", "at", "resolved" }`
//!   (`at` an ISO-8601 UTC timestamp).
//! - `figures`: the persona's computed figures when exported
//!   ([`PersonaFigures`] as JSON: `members`, `stages`, `nps`, `csat`, `ces`,
//!   `range`; each figure is `{ "value": number | null, "based_on" }`), or
//!   `null`.
//! - `exported_at`: when the file was written, ISO-8601 UTC timestamp
//!   (`2026-11-22T19:20:52.000Z`).
//!
//! Any other top-level key is a field of the map this version of Waypoint does
//! not know: it is written back as it was read. Readers also accept a
//! top-level `persona_id` string in place of `persona.id`.

use super::edit::{slots, Slot};
use super::metrics::PersonaFigures;
use super::rich;
use crate::domain::csv_out;
use crate::domain::records::{JourneyMap, LaneKind, MapColumn, Persona, Record};
use crate::domain::time::Timestamp;
use crate::domain::validate::ValidationErrors;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The `format` value of the open JSON format.
pub const FORMAT: &str = "waypoint-journey-map";
/// The `version` value [`to_json`] writes and [`from_json`] reads.
pub const VERSION: u64 = 1;

/// Top-level keys of the format; a map's unknown fields with these names are not exported.
const RESERVED: [&str; 13] = [
    "format",
    "version",
    "title",
    "persona",
    "columns",
    "lanes",
    "cells",
    "emotion",
    "emotion_to_be",
    "comments",
    "figures",
    "exported_at",
    "persona_id",
];

/// What the reader sees, already in their language: prepared by the UI.
#[derive(Clone, Debug)]
pub struct MapView<'a> {
    /// The map.
    pub map: &'a JourneyMap,
    /// The persona's name, shown under the title.
    pub persona_name: String,
    /// Titles of the visible (not hidden) columns, in order, same length as visible columns.
    pub column_titles: Vec<String>,
    /// Title of each lane in map.lanes order.
    pub lane_titles: Vec<String>,
    /// Computed text for live cells (cell key → lines already formatted by the
    /// UI, e.g. "Email 12\nCall 4"); shown under the hand-written text.
    pub live: HashMap<String, String>,
    /// Labels for the emotion lane rows in CSV: ("As-is", "To-be").
    pub curve_names: (String, String),
}

impl MapView<'_> {
    /// The visible columns with their titles (a missing title falls back to the label, then the id).
    fn columns(&self) -> Vec<(&MapColumn, String)> {
        self.map
            .columns
            .iter()
            .filter(|c| !c.hidden)
            .enumerate()
            .map(|(i, c)| {
                let title = match self.column_titles.get(i) {
                    Some(t) => t.clone(),
                    None if !c.label.trim().is_empty() => c.label.clone(),
                    None => c.id.clone(),
                };
                (c, title)
            })
            .collect()
    }

    /// Lane `i`'s title (falls back to its own title, then its id).
    fn lane_title(&self, i: usize) -> String {
        let lane = &self.map.lanes[i];
        match self.lane_titles.get(i) {
            Some(t) => t.clone(),
            None if !lane.title.trim().is_empty() => lane.title.clone(),
            None => lane.id.clone(),
        }
    }

    /// Hand text (plain) and live text of a cell, each possibly empty.
    fn cell_parts(&self, lane: &str, column: &str) -> (String, String) {
        let key = super::edit::cell_key(lane, column);
        let hand = self
            .map
            .cells
            .get(&key)
            .map(|t| rich::plain(t))
            .unwrap_or_default();
        let live = self
            .live
            .get(&key)
            .map(|t| t.trim().to_string())
            .unwrap_or_default();
        (hand, live)
    }

    /// A cell as one text: hand text, then the live text on the next line.
    fn cell_text(&self, lane: &str, column: &str) -> String {
        let (hand, live) = self.cell_parts(lane, column);
        match (hand.is_empty(), live.is_empty()) {
            (_, true) => hand,
            (true, false) => live,
            (false, false) => format!("{hand}\n{live}"),
        }
    }
}

/// Whether any visible curve point has a to-be value.
fn has_to_be(map: &JourneyMap, slots: &[Slot]) -> bool {
    slots.iter().any(|s| map.emotion_to_be.contains_key(&s.key))
}

/// One column's curve values: "v", or "step name: v; step name: v" for a
/// column with steps (steps without a value left out); "" when none.
fn curve_cell(c: &MapColumn, curve: &BTreeMap<String, i8>) -> String {
    if c.steps.is_empty() {
        return curve.get(&c.id).map(|v| v.to_string()).unwrap_or_default();
    }
    c.steps
        .iter()
        .filter_map(|s| {
            let v = curve.get(&format!("{}/{}", c.id, s.id))?;
            let name = if s.name.trim().is_empty() {
                &s.id
            } else {
                &s.name
            };
            Some(format!("{name}: {v}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// CSV: one row per lane (lanes × visible stages); first column the lane
/// title, header row "" + column titles. Cell = `rich::plain(hand text)` +
/// (if live text) "\n" + live text. The emotion lane gives one row for the
/// as-is curve ("lane title — as-is name") and, when any visible curve point
/// has a to-be value, one for the to-be curve; per column, the values of its
/// slots (a column with steps → "step name: v; step name: v", else "v";
/// missing → empty). When the emotion lane also has hand or live text, a row
/// with that text comes first. Hidden columns are left out. Written by
/// [`csv_out`]: UTF-8 BOM, CRLF, formula-like cells defused (so a negative
/// value alone in a cell reads `'-1`).
pub fn to_csv(view: &MapView) -> String {
    let (headers, rows) = to_rows(view);
    csv_out::to_csv(&headers, rows)
}

/// The map as a table, lanes × visible stages, exactly as the CSV holds it:
/// the header row (an empty corner, then stage titles) and one row per lane
/// (the emotion lane: its text, if any, then one row per curve).
pub fn to_rows(view: &MapView) -> (Vec<String>, Vec<Vec<String>>) {
    let map = view.map;
    let columns = view.columns();
    let mut headers = vec![String::new()];
    headers.extend(columns.iter().map(|(_, t)| t.clone()));
    let curve_slots = slots(map);
    let mut rows = Vec::new();
    for (li, lane) in map.lanes.iter().enumerate() {
        let title = view.lane_title(li);
        let texts: Vec<String> = columns
            .iter()
            .map(|(c, _)| view.cell_text(&lane.id, &c.id))
            .collect();
        let row = |label: String, cells: Vec<String>| {
            let mut r = vec![label];
            r.extend(cells);
            r
        };
        if lane.kind != LaneKind::Emotion {
            rows.push(row(title, texts));
            continue;
        }
        if texts.iter().any(|t| !t.is_empty()) {
            rows.push(row(title.clone(), texts));
        }
        let label = |name: &str| {
            if title.trim().is_empty() {
                name.to_string()
            } else {
                format!("{title} — {name}")
            }
        };
        let curve_row = |curve: &BTreeMap<String, i8>| -> Vec<String> {
            columns.iter().map(|(c, _)| curve_cell(c, curve)).collect()
        };
        rows.push(row(label(&view.curve_names.0), curve_row(&map.emotion)));
        if has_to_be(map, &curve_slots) {
            rows.push(row(
                label(&view.curve_names.1),
                curve_row(&map.emotion_to_be),
            ));
        }
    }
    (headers, rows)
}

/// The open JSON format (see the module documentation for every key).
/// `persona_id` is written as `persona.id`; `persona`'s fields (except the
/// avatar) are added when given; `figures` is `null` when not given. The map's
/// unknown fields are written as extra top-level keys unless their name is
/// one of the format's keys.
pub fn to_json(
    map: &JourneyMap,
    persona_id: &str,
    persona: Option<&Persona>,
    figures: Option<&PersonaFigures>,
    exported_at: Timestamp,
) -> Value {
    let to = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
    let mut p = match persona.map(serde_json::to_value) {
        Some(Ok(Value::Object(o))) => o,
        _ => Map::new(),
    };
    p.remove("avatar");
    p.insert("id".into(), Value::String(persona_id.to_string()));

    let mut out = Map::new();
    for (k, v) in &map.extra {
        if !RESERVED.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    out.insert("format".into(), FORMAT.into());
    out.insert("version".into(), VERSION.into());
    out.insert("title".into(), map.title.clone().into());
    out.insert("persona".into(), Value::Object(p));
    out.insert("columns".into(), to(serde_json::to_value(&map.columns)));
    out.insert("lanes".into(), to(serde_json::to_value(&map.lanes)));
    out.insert("cells".into(), to(serde_json::to_value(&map.cells)));
    out.insert("emotion".into(), to(serde_json::to_value(&map.emotion)));
    out.insert(
        "emotion_to_be".into(),
        to(serde_json::to_value(&map.emotion_to_be)),
    );
    out.insert("comments".into(), to(serde_json::to_value(&map.comments)));
    out.insert(
        "figures".into(),
        figures.map_or(Value::Null, |f| to(serde_json::to_value(f))),
    );
    out.insert("exported_at".into(), exported_at.to_string().into());
    Value::Object(out)
}

/// Why a document could not be read as a journey map.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportMapError {
    /// The document is not a JSON object.
    #[error("a journey map file must hold a JSON object")]
    NotAnObject,
    /// `format` is missing or not `"waypoint-journey-map"` (holds what was found).
    #[error("not a Waypoint journey map: format is {0}, expected \"waypoint-journey-map\"")]
    WrongFormat(String),
    /// `version` is missing or not one this version of Waypoint reads (holds what was found).
    #[error("unsupported journey map version {0}: this version of Waypoint reads version 1")]
    UnsupportedVersion(String),
    /// A key holds a value of the wrong shape.
    #[error("journey map key {key:?} is malformed: {message}")]
    Malformed {
        /// The top-level key.
        key: String,
        /// What the JSON reader said.
        message: String,
    },
    /// The map read but fails validation (missing title or persona, duplicate
    /// column ids, emotion out of −2..=2, overlong cell…).
    #[error("invalid journey map: {0}")]
    Invalid(ValidationErrors),
}

/// Reads one key (missing or `null` → the default).
fn field<T: DeserializeOwned + Default>(
    o: &Map<String, Value>,
    key: &str,
) -> Result<T, ImportMapError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => T::deserialize(v).map_err(|e| ImportMapError::Malformed {
            key: key.to_string(),
            message: e.to_string(),
        }),
    }
}

/// Reads a document in the open format back into a map (for round trip and
/// for other tools' files). `persona.id` becomes the map's `persona_id`
/// (a top-level `persona_id` string is accepted when `persona.id` is absent);
/// `figures` and `exported_at` are not part of the map and are ignored;
/// other unknown top-level keys are kept in the map's `extra`. Errors for a
/// wrong `format` or `version`, a key of the wrong shape, or a map that fails
/// [`JourneyMap`]'s validation.
pub fn from_json(v: &Value) -> Result<JourneyMap, ImportMapError> {
    let o = v.as_object().ok_or(ImportMapError::NotAnObject)?;
    let found = |key: &str| match o.get(key) {
        None => "missing".to_string(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(other) => other.to_string(),
    };
    if o.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportMapError::WrongFormat(found("format")));
    }
    if o.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(ImportMapError::UnsupportedVersion(found("version")));
    }
    let persona: Map<String, Value> = field(o, "persona")?;
    let persona_id = match persona.get("id") {
        None | Some(Value::Null) => field(o, "persona_id")?,
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            return Err(ImportMapError::Malformed {
                key: "persona".into(),
                message: "persona.id must be a string".into(),
            })
        }
    };
    let extra = o
        .iter()
        .filter(|(k, _)| !RESERVED.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let map = JourneyMap {
        title: field(o, "title")?,
        persona_id,
        columns: field(o, "columns")?,
        lanes: field(o, "lanes")?,
        cells: field(o, "cells")?,
        emotion: field(o, "emotion")?,
        emotion_to_be: field(o, "emotion_to_be")?,
        comments: field(o, "comments")?,
        extra,
    };
    map.validate()
        .into_result()
        .map_err(ImportMapError::Invalid)?;
    Ok(map)
}

// ---------------------------------------------------------------- SVG

/// Width of the lane-title column.
const LEFT: u32 = 180;
/// Width of one map column.
const COL_W: u32 = 200;
/// Characters per line in a cell.
const WRAP: usize = 32;
/// Characters per line in a column header (larger, bold font).
const HEAD_WRAP: usize = 26;
/// Characters per line in the lane-title column.
const LANE_WRAP: usize = 24;
/// Line height of cell text.
const LINE: u32 = 14;
/// Padding inside a cell.
const PAD: u32 = 8;
/// Height of the emotion chart.
const CHART_H: u32 = 120;

/// Drops control characters and the code points XML forbids.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

/// Text for XML content or attributes: control characters removed, `& < > " '` escaped.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Wraps text into lines of at most `width` characters; each input line
/// starts a new line, blank lines are dropped, words longer than `width` are
/// broken.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.lines() {
        let mut line: Vec<char> = Vec::new();
        for word in para.split_whitespace() {
            let mut rest: Vec<char> = clean(word).chars().collect();
            if rest.is_empty() {
                continue;
            }
            if !line.is_empty() && line.len() + 1 + rest.len() > width {
                out.push(line.drain(..).collect());
            }
            if !line.is_empty() {
                line.push(' ');
            }
            // Only a word longer than a whole line gets here with a non-empty rest.
            while line.len() + rest.len() > width {
                let take = width - line.len();
                line.extend(rest.drain(..take));
                out.push(line.drain(..).collect());
            }
            line.extend(rest);
        }
        if !line.is_empty() {
            out.push(line.into_iter().collect());
        }
    }
    out
}

/// Writes a multi-line `<text>` (nothing for no lines) with cell line
/// spacing; `y` is the first baseline.
fn text_block(out: &mut String, x: u32, y: u32, lines: &[String], attrs: &str) {
    text_lines(out, x, y, lines, LINE, attrs);
}

/// [`text_block`] with `line_h` between baselines.
fn text_lines(out: &mut String, x: u32, y: u32, lines: &[String], line_h: u32, attrs: &str) {
    if lines.is_empty() {
        return;
    }
    let _ = write!(out, r#"<text x="{x}" y="{y}" {attrs}>"#);
    for (i, l) in lines.iter().enumerate() {
        let dy = if i == 0 { 0 } else { line_h };
        let _ = write!(out, r#"<tspan x="{x}" dy="{dy}">{}</tspan>"#, xml(l));
    }
    out.push_str("</text>");
}

/// One cell's wrapped hand and live lines.
fn cell_lines(view: &MapView, lane: &str, column: &str) -> (Vec<String>, Vec<String>) {
    let (hand, live) = view.cell_parts(lane, column);
    (wrap(&hand, WRAP), wrap(&live, WRAP))
}

/// Height of `n` lines of cell text with padding.
fn lines_h(n: usize) -> u32 {
    n as u32 * LINE + 2 * PAD
}

/// A standalone SVG document of the whole map as drawn: title and persona
/// line at the top (wrapped to the picture's width), a header row of column titles, one row per lane (lane
/// title at left, wrapped cell text: plain hand text, then live text in
/// grey), the emotion lane drawn as a line chart across the curve points
/// (as-is solid with dots, to-be dashed, y for −2..=+2, a dashed zero line;
/// a legend with `curve_names` under the lane title; any text of the emotion
/// lane's cells below the chart). Every text is escaped for XML with control
/// characters removed; no script, no external reference, no foreignObject.
/// Width = 180 + 200 × visible columns; row heights grow with the wrapped
/// line count (32 characters per line, long words broken).
pub fn to_svg(view: &MapView) -> String {
    let map = view.map;
    let columns = view.columns();
    let n = columns.len() as u32;
    let width = LEFT + COL_W * n;
    let col_x = |i: usize| LEFT + COL_W * i as u32;
    let mut body = String::new();

    // Title and persona, wrapped to the picture's width (~10 and ~7 px a character).
    let avail = (width - 2 * PAD) as usize;
    let title = wrap(&map.title, (avail / 10).max(16));
    let persona = wrap(&view.persona_name, (avail / 7).max(20));
    let title_y = PAD + 20;
    text_lines(
        &mut body,
        PAD,
        title_y,
        &title,
        22,
        r##"font-size="18" font-weight="bold" fill="#111827""##,
    );
    let persona_y = title_y + 22 * title.len().max(1) as u32;
    text_lines(
        &mut body,
        PAD,
        persona_y,
        &persona,
        17,
        r##"font-size="13" fill="#4b5563""##,
    );
    let head_top = persona_y + 17 * persona.len().saturating_sub(1) as u32 + 14;

    // Header row.
    let head_lines: Vec<Vec<String>> = columns.iter().map(|(_, t)| wrap(t, HEAD_WRAP)).collect();
    let head_h = lines_h(head_lines.iter().map(Vec::len).max().unwrap_or(1).max(1));
    let _ = write!(
        body,
        r##"<rect x="0" y="{head_top}" width="{width}" height="{head_h}" fill="#f3f4f6"/>"##
    );
    for (i, lines) in head_lines.iter().enumerate() {
        text_block(
            &mut body,
            col_x(i) + PAD,
            head_top + PAD + 11,
            lines,
            r##"font-size="12" font-weight="bold" fill="#111827""##,
        );
    }

    // Lanes.
    let curve_slots = slots(map);
    let to_be = has_to_be(map, &curve_slots);
    let mut y = head_top + head_h;
    let mut rules = vec![head_top, y];
    for (li, lane) in map.lanes.iter().enumerate() {
        let title = wrap(&view.lane_title(li), LANE_WRAP);
        let cells: Vec<(Vec<String>, Vec<String>)> = columns
            .iter()
            .map(|(c, _)| cell_lines(view, &lane.id, &c.id))
            .collect();
        let cell_max = cells
            .iter()
            .map(|(h, l)| h.len() + l.len())
            .max()
            .unwrap_or(0);
        let emotion = lane.kind == LaneKind::Emotion;
        let (text_top, row_h) = if emotion {
            let legend = if to_be { 2 } else { 1 };
            let text_h = if cell_max > 0 { lines_h(cell_max) } else { 0 };
            let left_h = lines_h(title.len() + legend + 1);
            (y + CHART_H, (CHART_H + text_h).max(left_h))
        } else {
            (y, lines_h(cell_max.max(title.len())).max(40))
        };
        let _ = write!(
            body,
            r##"<rect x="0" y="{y}" width="{LEFT}" height="{row_h}" fill="#f9fafb"/>"##
        );
        text_block(
            &mut body,
            PAD,
            y + PAD + 11,
            &title,
            r##"font-size="12" font-weight="bold" fill="#111827""##,
        );
        for (i, (hand, live)) in cells.iter().enumerate() {
            let x = col_x(i) + PAD;
            let first = text_top + PAD + 10;
            text_block(
                &mut body,
                x,
                first,
                hand,
                r##"font-size="11" fill="#111827""##,
            );
            text_block(
                &mut body,
                x,
                first + LINE * hand.len() as u32,
                live,
                r##"font-size="11" fill="#4b5563""##,
            );
        }
        if emotion {
            let legend_y = y + PAD + 11 + LINE * title.len() as u32 + 4;
            draw_curves(&mut body, view, &curve_slots, y, width, legend_y, to_be);
        }
        y += row_h;
        rules.push(y);
    }

    // Grid.
    let mut grid = String::new();
    for r in &rules {
        let _ = write!(
            grid,
            r##"<line x1="0" y1="{r}" x2="{width}" y2="{r}" stroke="#d1d5db"/>"##
        );
    }
    for i in 0..=n {
        let x = LEFT + COL_W * i;
        let _ = write!(
            grid,
            r##"<line x1="{x}" y1="{head_top}" x2="{x}" y2="{y}" stroke="#d1d5db"/>"##
        );
    }

    let height = y + 16;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">"#
    );
    let _ = write!(out, "<title>{}</title>", xml(&map.title));
    let _ = write!(
        out,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    out.push_str(&body);
    out.push_str(&grid);
    out.push_str("</svg>");
    out
}

/// The emotion chart of the lane row starting at `top`, and its legend in the
/// lane-title column at `legend_y`.
fn draw_curves(
    out: &mut String,
    view: &MapView,
    curve_slots: &[Slot],
    top: u32,
    width: u32,
    legend_y: u32,
    to_be: bool,
) {
    let map = view.map;
    // Visible index of each column index.
    let mut visible = HashMap::new();
    for (vi, (ci, _)) in map
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.hidden)
        .enumerate()
    {
        visible.insert(ci, vi);
    }
    let (y0, y1) = (f64::from(top + 16), f64::from(top + CHART_H - 16));
    let y_of = |v: i8| y0 + (2.0 - f64::from(v)) / 4.0 * (y1 - y0);
    let x_of = |s: &Slot| {
        let vi = visible.get(&s.column).copied().unwrap_or(0) as f64;
        let (k, m) = match (s.step, map.columns.get(s.column)) {
            (Some(k), Some(c)) => (k as f64, c.steps.len().max(1) as f64),
            _ => (0.0, 1.0),
        };
        f64::from(LEFT) + f64::from(COL_W) * (vi + (k + 0.5) / m)
    };

    // Scale: zero line and labels.
    let zero = y_of(0);
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{zero:.1}" x2="{width}" y2="{zero:.1}" stroke="#9ca3af" stroke-dasharray="4 4"/>"##
    );
    for (v, label) in [(2, "+2"), (0, "0"), (-2, "−2")] {
        let _ = write!(
            out,
            r##"<text x="{}" y="{:.1}" font-size="9" fill="#9ca3af">{label}</text>"##,
            LEFT + 4,
            y_of(v) + 3.0
        );
    }

    let points = |curve: &BTreeMap<String, i8>| -> Vec<(f64, f64)> {
        curve_slots
            .iter()
            .filter_map(|s| curve.get(&s.key).map(|v| (x_of(s), y_of(*v))))
            .collect()
    };
    let polyline = |out: &mut String, pts: &[(f64, f64)], attrs: &str| {
        if pts.is_empty() {
            return;
        }
        let list: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            out,
            r#"<polyline points="{}" fill="none" {attrs}/>"#,
            list.join(" ")
        );
    };
    const AS_IS: &str = "#2563eb";
    const TO_BE: &str = "#16a34a";
    if to_be {
        let pts = points(&map.emotion_to_be);
        polyline(
            out,
            &pts,
            &format!(r#"stroke="{TO_BE}" stroke-width="2" stroke-dasharray="6 4""#),
        );
        for (x, y) in &pts {
            let _ = write!(
                out,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="#ffffff" stroke="{TO_BE}" stroke-width="1.5"/>"##
            );
        }
    }
    let pts = points(&map.emotion);
    polyline(out, &pts, &format!(r#"stroke="{AS_IS}" stroke-width="2""#));
    for (x, y) in &pts {
        let _ = write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="{AS_IS}"/>"#
        );
    }

    // Legend.
    let mut legend = vec![(view.curve_names.0.as_str(), AS_IS, "")];
    if to_be {
        legend.push((
            view.curve_names.1.as_str(),
            TO_BE,
            r#" stroke-dasharray="6 4""#,
        ));
    }
    for (i, (name, colour, dash)) in legend.into_iter().enumerate() {
        let ly = legend_y + LINE * i as u32;
        let _ = write!(
            out,
            r#"<line x1="{PAD}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2"{dash}/>"#,
            ly - 4,
            PAD + 20,
            ly - 4
        );
        text_block(
            out,
            PAD + 26,
            ly,
            &[name.to_string()],
            r##"font-size="11" fill="#4b5563""##,
        );
    }
}

#[cfg(test)]
mod tests;
