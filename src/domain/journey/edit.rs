//! Building a map and the edits its editor makes: columns (stages) and their
//! steps, lanes, cells, the emotion curves and comments. Each edit is a plain
//! function on [`JourneyMap`], so the editor stays thin and undo is "keep the
//! previous value".

use super::rich::CELL_MAX_CHARS;
use crate::domain::records::{JourneyMap, Lane, LaneKind, MapColumn, MapComment, MapStep};
use crate::domain::stages::JourneyStage;
use crate::domain::three_way::pick;
use crate::domain::time::Timestamp;

/// A new map over `stages` with the eight built-in lanes; the metrics,
/// touchpoints and channels lanes start in live-data mode.
pub fn new_map(title: &str, persona_id: &str, stages: &[JourneyStage]) -> JourneyMap {
    JourneyMap {
        title: title.trim().to_string(),
        persona_id: persona_id.to_string(),
        columns: stages
            .iter()
            .map(|s| MapColumn {
                id: s.id.clone(),
                stage: s.id.clone(),
                label: String::new(),
                hidden: false,
                steps: Vec::new(),
            })
            .collect(),
        lanes: LaneKind::BUILT_IN
            .iter()
            .map(|k| Lane {
                id: k.as_str().to_string(),
                kind: *k,
                title: String::new(),
                live: matches!(
                    k,
                    LaneKind::Touchpoints | LaneKind::Channels | LaneKind::Metrics
                ),
            })
            .collect(),
        cells: Default::default(),
        emotion: Default::default(),
        emotion_to_be: Default::default(),
        comments: Vec::new(),
        extra: Default::default(),
    }
}

/// The key of a cell.
pub fn cell_key(lane: &str, column: &str) -> String {
    format!("{lane}/{column}")
}

/// One point of the emotion curve: a visible column, or one of its steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Key in `emotion` / `emotion_to_be`: `column` or `column/step`.
    pub key: String,
    /// Index into `map.columns`.
    pub column: usize,
    /// Index into that column's steps.
    pub step: Option<usize>,
}

/// The curve's points, left to right: one per step, or one per stage without steps.
pub fn slots(map: &JourneyMap) -> Vec<Slot> {
    let mut out = Vec::new();
    for (ci, c) in map.columns.iter().enumerate().filter(|(_, c)| !c.hidden) {
        if c.steps.is_empty() {
            out.push(Slot {
                key: c.id.clone(),
                column: ci,
                step: None,
            });
        } else {
            out.extend(c.steps.iter().enumerate().map(|(si, s)| Slot {
                key: format!("{}/{}", c.id, s.id),
                column: ci,
                step: Some(si),
            }));
        }
    }
    out
}

/// A column's title: its label, else the stage's name in `lang`, else its id.
pub fn column_title(c: &MapColumn, stages: &[JourneyStage], lang: &str) -> String {
    if !c.label.trim().is_empty() {
        return c.label.clone();
    }
    stages
        .iter()
        .find(|s| s.id == c.stage)
        .map(|s| s.label(lang).to_string())
        .unwrap_or_else(|| c.id.clone())
}

fn fresh_id(map: &JourneyMap, prefix: &str) -> String {
    let taken = |id: &str| {
        map.columns
            .iter()
            .any(|c| c.id == id || c.steps.iter().any(|s| s.id == id))
            || map.lanes.iter().any(|l| l.id == id)
            || map.comments.iter().any(|c| c.id == id)
            // A lane id still named by a cell or comment is not reused.
            || map.cells.keys().any(|k| k.split('/').next() == Some(id))
            || map.comments.iter().any(|c| c.cell.split('/').next() == Some(id))
    };
    (1..)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Moves column `i` by `delta` places (clamped); returns its new index.
pub fn move_column(map: &mut JourneyMap, i: usize, delta: isize) -> usize {
    move_item(&mut map.columns, i, delta)
}

/// Moves lane `i` by `delta` places (clamped); returns its new index.
pub fn move_lane(map: &mut JourneyMap, i: usize, delta: isize) -> usize {
    move_item(&mut map.lanes, i, delta)
}

fn move_item<T>(v: &mut [T], i: usize, delta: isize) -> usize {
    if i >= v.len() {
        return i;
    }
    let to = (i as isize + delta).clamp(0, v.len() as isize - 1) as usize;
    if to < i {
        v[to..=i].rotate_right(1);
    } else {
        v[i..=to].rotate_left(1);
    }
    to
}

/// Adds a column after index `after` (at the end when out of range), titled
/// `label`, tied to `stage` (may be empty); returns its id.
pub fn add_column(map: &mut JourneyMap, after: usize, label: &str, stage: &str) -> String {
    let id = if !stage.is_empty() && !map.columns.iter().any(|c| c.id == stage) {
        stage.to_string()
    } else {
        fresh_id(map, "col-")
    };
    let at = (after + 1).min(map.columns.len());
    map.columns.insert(
        at,
        MapColumn {
            id: id.clone(),
            stage: stage.to_string(),
            label: label.trim().to_string(),
            hidden: false,
            steps: Vec::new(),
        },
    );
    id
}

/// Adds a step at the end of column `c`; returns its id.
pub fn add_step(map: &mut JourneyMap, c: usize, name: &str) -> Option<String> {
    let id = fresh_id(map, "step-");
    let col = map.columns.get_mut(c)?;
    col.steps.push(MapStep {
        id: id.clone(),
        name: name.trim().to_string(),
    });
    Some(id)
}

/// Removes a step and its curve points.
pub fn remove_step(map: &mut JourneyMap, c: usize, step: usize) {
    let Some(col) = map.columns.get_mut(c) else {
        return;
    };
    if step >= col.steps.len() {
        return;
    }
    let removed = col.steps.remove(step);
    let key = format!("{}/{}", col.id, removed.id);
    map.emotion.remove(&key);
    map.emotion_to_be.remove(&key);
}

/// Adds a user-defined lane at the end; returns its id.
pub fn add_lane(map: &mut JourneyMap, title: &str) -> String {
    let id = fresh_id(map, "lane-");
    map.lanes.push(Lane {
        id: id.clone(),
        kind: LaneKind::Custom,
        title: title.trim().to_string(),
        live: false,
    });
    id
}

/// Removes a user-defined lane and its cells; built-in lanes stay.
pub fn remove_lane(map: &mut JourneyMap, i: usize) -> bool {
    if map.lanes.get(i).map(|l| l.kind) != Some(LaneKind::Custom) {
        return false;
    }
    let lane = map.lanes.remove(i);
    let prefix = format!("{}/", lane.id);
    map.cells.retain(|k, _| !k.starts_with(&prefix));
    map.comments.retain(|c| !c.cell.starts_with(&prefix));
    true
}

/// Why a cell edit was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellError {
    /// Longer than [`CELL_MAX_CHARS`].
    TooLong,
}

/// Sets a cell's text (blank removes it).
pub fn set_cell(
    map: &mut JourneyMap,
    lane: &str,
    column: &str,
    text: &str,
) -> Result<(), CellError> {
    if text.chars().count() > CELL_MAX_CHARS {
        return Err(CellError::TooLong);
    }
    let key = cell_key(lane, column);
    if text.trim().is_empty() {
        map.cells.remove(&key);
    } else {
        map.cells.insert(key, text.trim_end().to_string());
    }
    Ok(())
}

/// Sets a curve point, clamped to −2..=2.
pub fn set_emotion(map: &mut JourneyMap, key: &str, value: i8, to_be: bool) {
    let v = value.clamp(-2, 2);
    let curve = if to_be {
        &mut map.emotion_to_be
    } else {
        &mut map.emotion
    };
    curve.insert(key.to_string(), v);
}

/// Pins a comment to a cell; returns its id.
pub fn add_comment(
    map: &mut JourneyMap,
    cell: &str,
    text: &str,
    by: &str,
    at: Timestamp,
) -> String {
    let id = fresh_id(map, "c-");
    map.comments.push(MapComment {
        id: id.clone(),
        cell: cell.to_string(),
        text: text.trim().to_string(),
        by: by.to_string(),
        at,
        resolved: false,
    });
    id
}

/// Removes a comment.
pub fn delete_comment(map: &mut JourneyMap, id: &str) {
    map.comments.retain(|c| c.id != id);
}

/// Three-way merge of two edits of the same map: for each cell, curve point
/// and comment the side that changed it since `base` wins (ours when both did);
/// title, columns and lanes likewise as wholes. Used when another tab or a sync
/// saved the map while this editor had an unsaved edit, so neither is lost.
pub fn merge(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> JourneyMap {
    fn keyed<V: PartialEq + Clone>(
        b: &std::collections::BTreeMap<String, V>,
        o: &std::collections::BTreeMap<String, V>,
        t: &std::collections::BTreeMap<String, V>,
    ) -> std::collections::BTreeMap<String, V> {
        let mut out = t.clone();
        for k in b.keys().chain(o.keys()) {
            let (bv, ov) = (b.get(k), o.get(k));
            if bv != ov {
                match ov {
                    Some(v) => out.insert(k.clone(), v.clone()),
                    None => out.remove(k),
                };
            }
        }
        out
    }
    let by_id = |m: &JourneyMap| -> std::collections::BTreeMap<String, MapComment> {
        m.comments
            .iter()
            .map(|c| (c.id.clone(), c.clone()))
            .collect()
    };
    let comments = keyed(&by_id(base), &by_id(ours), &by_id(theirs));
    let mut order: Vec<MapComment> = comments.into_values().collect();
    order.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    JourneyMap {
        title: pick(&base.title, &ours.title, &theirs.title),
        persona_id: pick(&base.persona_id, &ours.persona_id, &theirs.persona_id),
        columns: pick(&base.columns, &ours.columns, &theirs.columns),
        lanes: pick(&base.lanes, &ours.lanes, &theirs.lanes),
        cells: keyed(&base.cells, &ours.cells, &theirs.cells),
        emotion: keyed(&base.emotion, &ours.emotion, &theirs.emotion),
        emotion_to_be: keyed(
            &base.emotion_to_be,
            &ours.emotion_to_be,
            &theirs.emotion_to_be,
        ),
        comments: order,
        extra: theirs.extra.clone(),
    }
}

/// Marks a comment resolved or open again.
pub fn set_resolved(map: &mut JourneyMap, id: &str, resolved: bool) {
    if let Some(c) = map.comments.iter_mut().find(|c| c.id == id) {
        c.resolved = resolved;
    }
}

/// Open (unresolved) comments on a cell.
pub fn open_comments(map: &JourneyMap, cell: &str) -> usize {
    map.comments
        .iter()
        .filter(|c| c.cell == cell && !c.resolved)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::Record;
    use crate::domain::stages::StageSetPreset;

    fn map() -> JourneyMap {
        new_map("M", "persona:p1", &StageSetPreset::Classic.stages())
    }

    #[test]
    fn a_new_map_has_every_stage_and_the_eight_lanes() {
        let m = map();
        assert_eq!(m.columns.len(), 5);
        assert_eq!(m.lanes.len(), 8);
        assert!(m.validate().is_empty());
        assert_eq!(slots(&m).len(), 5);
    }

    #[test]
    fn steps_split_the_curve_and_hidden_columns_leave_it() {
        let mut m = map();
        let s1 = add_step(&mut m, 1, "Đọc đánh giá").unwrap();
        add_step(&mut m, 1, "Xem demo").unwrap();
        m.columns[0].hidden = true;
        let keys: Vec<String> = slots(&m).into_iter().map(|s| s.key).collect();
        assert_eq!(keys[0], format!("consideration/{s1}"));
        assert_eq!(keys.len(), 2 + 3);
        set_emotion(&mut m, &keys[0], 5, false);
        assert_eq!(m.emotion[&keys[0]], 2);
        remove_step(&mut m, 1, 0);
        assert!(m.emotion.is_empty());
    }

    #[test]
    fn columns_and_lanes_move_add_and_remove() {
        let mut m = map();
        assert_eq!(move_column(&mut m, 4, -2), 2);
        assert_eq!(m.columns[2].id, "advocacy");
        assert_eq!(move_column(&mut m, 0, -1), 0);
        let id = add_column(&mut m, 0, "Onboarding", "");
        assert_eq!(m.columns[1].id, id);
        let lane = add_lane(&mut m, "Quy trình nội bộ");
        set_cell(&mut m, &lane, "awareness", "- a").unwrap();
        assert!(!remove_lane(&mut m, 0), "built-in lanes stay");
        assert!(remove_lane(&mut m, 8));
        assert!(m.cells.is_empty());
        assert!(m.validate().is_empty());
    }

    #[test]
    fn cells_refuse_overlong_text_and_blank_clears() {
        let mut m = map();
        set_cell(&mut m, "pains", "decision", "Giá").unwrap();
        assert_eq!(
            set_cell(&mut m, "pains", "decision", &"x".repeat(CELL_MAX_CHARS + 1)),
            Err(CellError::TooLong)
        );
        assert_eq!(m.cells["pains/decision"], "Giá");
        set_cell(&mut m, "pains", "decision", "  ").unwrap();
        assert!(m.cells.is_empty());
    }

    #[test]
    fn merge_keeps_both_sides_edits() {
        let base = map();
        let mut ours = base.clone();
        set_cell(&mut ours, "pains", "decision", "Giá").unwrap();
        set_emotion(&mut ours, "awareness", -1, false);
        let mut theirs = base.clone();
        set_cell(&mut theirs, "mindset", "awareness", "Chưa biết").unwrap();
        set_cell(&mut theirs, "pains", "decision", "Price").unwrap();
        theirs.title = "Renamed".into();
        let m = merge(&base, &ours, &theirs);
        assert_eq!(
            m.cells["pains/decision"], "Giá",
            "ours wins where both changed"
        );
        assert_eq!(m.cells["mindset/awareness"], "Chưa biết");
        assert_eq!(m.emotion["awareness"], -1);
        assert_eq!(m.title, "Renamed");
        let mut removed = ours.clone();
        set_cell(&mut removed, "pains", "decision", "").unwrap();
        assert!(!merge(&ours, &removed, &ours)
            .cells
            .contains_key("pains/decision"));
    }

    #[test]
    fn a_removed_lanes_comments_go_with_it_and_its_id_is_not_reused() {
        let mut m = map();
        let lane = add_lane(&mut m, "Nội bộ");
        let at = Timestamp::from_ymd(2026, 11, 1).unwrap();
        add_comment(&mut m, &format!("{lane}/awareness"), "x", "an", at);
        assert!(remove_lane(&mut m, 8));
        assert!(m.comments.is_empty());
        set_cell(&mut m, "lane-1", "awareness", "left over").unwrap();
        assert_ne!(add_lane(&mut m, "Khác"), "lane-1");
    }

    #[test]
    fn comments_resolve() {
        let mut m = map();
        let at = Timestamp::from_ymd(2026, 11, 1).unwrap();
        let c = add_comment(&mut m, "pains/decision", "Kiểm tra lại", "an", at);
        assert_eq!(open_comments(&m, "pains/decision"), 1);
        set_resolved(&mut m, &c, true);
        assert_eq!(open_comments(&m, "pains/decision"), 0);
    }
}
