//! Comparing a map with a snapshot of it: which parts of the document changed
//! (to highlight them) and which figures moved (to list them).

use super::metrics::{Figure, PersonaFigures, StageFigures};
use crate::domain::records::{JourneyMap, LaneKind, MapColumn};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Adds `prefix + key` for every key whose value differs between `a` and `b`
/// (present in only one of them counts as different).
fn diff_maps<V: PartialEq>(
    out: &mut BTreeSet<String>,
    prefix: &str,
    a: &BTreeMap<String, V>,
    b: &BTreeMap<String, V>,
) {
    for k in a.keys().chain(b.keys()) {
        if a.get(k) != b.get(k) {
            out.insert(format!("{prefix}{k}"));
        }
    }
}

/// Keys that differ between two maps: cell keys ("lane/column") whose text
/// differs (present in either), "emotion/<slot key>" and
/// "emotion_to_be/<slot key>" whose value differs, "column/<id>" for a column
/// added, removed, renamed, re-tied to another stage, hidden/shown or whose
/// steps changed, "lane/<id>" for a lane added/removed/renamed (or whose
/// kind changed). Moves, live-mode switches, the title and comments are not
/// reported.
pub fn changed_keys(before: &JourneyMap, after: &JourneyMap) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    diff_maps(&mut out, "", &before.cells, &after.cells);
    diff_maps(&mut out, "emotion/", &before.emotion, &after.emotion);
    diff_maps(
        &mut out,
        "emotion_to_be/",
        &before.emotion_to_be,
        &after.emotion_to_be,
    );
    fn columns(m: &JourneyMap) -> BTreeMap<String, &MapColumn> {
        m.columns.iter().map(|c| (c.id.clone(), c)).collect()
    }
    diff_maps(&mut out, "column/", &columns(before), &columns(after));
    fn lanes(m: &JourneyMap) -> BTreeMap<String, (LaneKind, &str)> {
        m.lanes
            .iter()
            .map(|l| (l.id.clone(), (l.kind, l.title.as_str())))
            .collect()
    }
    diff_maps(&mut out, "lane/", &lanes(before), &lanes(after));
    out
}

/// A metric of [`PersonaFigures`] / [`StageFigures`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Contacts covered by the persona (persona-wide only).
    Members,
    /// Contacts that reached the stage.
    Reached,
    /// Share that went on to the next stage.
    Conversion,
    /// Median days in the stage.
    MedianDays,
    /// NPS.
    Nps,
    /// CSAT.
    Csat,
    /// CES.
    Ces,
    /// Mean emotion of activities.
    MeanEmotion,
    /// Share that came back from a later stage.
    Backward,
    /// Share that re-entered the stage.
    Repeated,
    /// Share that skipped the stage.
    Skipped,
}

impl Metric {
    /// The per-stage metrics, in the order [`metric_deltas`] lists them.
    pub const STAGE: [Metric; 10] = [
        Metric::Reached,
        Metric::Conversion,
        Metric::MedianDays,
        Metric::Nps,
        Metric::Csat,
        Metric::Ces,
        Metric::MeanEmotion,
        Metric::Backward,
        Metric::Repeated,
        Metric::Skipped,
    ];

    /// This metric's figure in a stage's figures (`None` for [`Metric::Members`]).
    pub fn of_stage(self, s: &StageFigures) -> Option<&Figure> {
        Some(match self {
            Metric::Members => return None,
            Metric::Reached => &s.reached,
            Metric::Conversion => &s.conversion,
            Metric::MedianDays => &s.median_days,
            Metric::Nps => &s.nps,
            Metric::Csat => &s.csat,
            Metric::Ces => &s.ces,
            Metric::MeanEmotion => &s.mean_emotion,
            Metric::Backward => &s.backward,
            Metric::Repeated => &s.repeated,
            Metric::Skipped => &s.skipped,
        })
    }
}

/// One metric's change at one stage (stage "" = whole persona).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricDelta {
    /// The stage id, or "" for a persona-wide metric.
    pub stage: String,
    /// Which metric.
    pub metric: Metric,
    /// The value before (`None` = no data, or stage not present).
    pub before: Option<f64>,
    /// The value after.
    pub after: Option<f64>,
}

impl MetricDelta {
    /// `after − before` when both exist.
    pub fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// Values equal within 1e-9 (or both missing) are the same.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9,
        _ => false,
    }
}

/// Every metric whose value differs (values equal within 1e-9 are the same),
/// persona-wide first (Members, Nps, Csat, Ces with stage ""), then per stage
/// in `after`'s stage order (stages only in `before` after those), each
/// stage's metrics in [`Metric::STAGE`] order. A stage present on one side
/// only compares against "no value".
pub fn metric_deltas(before: &PersonaFigures, after: &PersonaFigures) -> Vec<MetricDelta> {
    let mut out = Vec::new();
    let mut push = |stage: &str, metric: Metric, b: Option<f64>, a: Option<f64>| {
        if !same(b, a) {
            out.push(MetricDelta {
                stage: stage.to_string(),
                metric,
                before: b,
                after: a,
            });
        }
    };
    push(
        "",
        Metric::Members,
        Some(f64::from(before.members)),
        Some(f64::from(after.members)),
    );
    for (m, b, a) in [
        (Metric::Nps, &before.nps, &after.nps),
        (Metric::Csat, &before.csat, &after.csat),
        (Metric::Ces, &before.ces, &after.ces),
    ] {
        push("", m, b.value, a.value);
    }
    fn find<'a>(figs: &'a PersonaFigures, id: &str) -> Option<&'a StageFigures> {
        figs.stages.iter().find(|s| s.stage == id)
    }
    let mut ids: Vec<&str> = Vec::new();
    for s in after.stages.iter().chain(&before.stages) {
        if !ids.contains(&s.stage.as_str()) {
            ids.push(&s.stage);
        }
    }
    for id in ids {
        let (b, a) = (find(before, id), find(after, id));
        for m in Metric::STAGE {
            let value = |s: Option<&StageFigures>| s.and_then(|s| m.of_stage(s)?.value);
            push(id, m, value(b), value(a));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::journey::edit::{add_lane, new_map, set_cell, set_emotion};
    use crate::domain::stages::StageSetPreset;

    fn map() -> JourneyMap {
        new_map("M", "persona:p1", &StageSetPreset::Classic.stages())
    }

    fn keys(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn identical_maps_have_no_changes() {
        let m = map();
        assert!(changed_keys(&m, &m.clone()).is_empty());
    }

    #[test]
    fn cell_edits_added_changed_and_removed() {
        let mut a = map();
        set_cell(&mut a, "pains", "decision", "Giá cao").unwrap();
        set_cell(&mut a, "mindset", "awareness", "Tò mò").unwrap();
        let mut b = a.clone();
        set_cell(&mut b, "pains", "decision", "Giá quá cao").unwrap();
        set_cell(&mut b, "mindset", "awareness", "").unwrap();
        set_cell(&mut b, "channels", "retention", "Zalo").unwrap();
        assert_eq!(
            changed_keys(&a, &b),
            keys(&["pains/decision", "mindset/awareness", "channels/retention"])
        );
    }

    #[test]
    fn emotion_drags_on_both_curves() {
        let mut a = map();
        set_emotion(&mut a, "awareness", 1, false);
        set_emotion(&mut a, "decision", -1, false);
        let mut b = a.clone();
        set_emotion(&mut b, "awareness", -2, false);
        set_emotion(&mut b, "decision", -1, false); // unchanged
        set_emotion(&mut b, "decision", 2, true);
        assert_eq!(
            changed_keys(&a, &b),
            keys(&["emotion/awareness", "emotion_to_be/decision"])
        );
    }

    #[test]
    fn column_rename_hide_steps_and_add() {
        let a = map();
        let mut b = a.clone();
        b.columns[0].label = "Nhận biết".into();
        b.columns[2].hidden = true;
        crate::domain::journey::edit::add_step(&mut b, 3, "Gia hạn");
        let added = crate::domain::journey::edit::add_column(&mut b, 4, "Advocacy+", "");
        b.columns.swap(1, 4); // a move is not a change
        let mut moved_only = a.clone();
        moved_only.columns.swap(1, 4);
        assert!(changed_keys(&a, &moved_only).is_empty());
        let ids: Vec<String> = a.columns.iter().map(|c| c.id.clone()).collect();
        assert_eq!(
            changed_keys(&a, &b),
            [
                format!("column/{}", ids[0]),
                format!("column/{}", ids[2]),
                format!("column/{}", ids[3]),
                format!("column/{added}"),
            ]
            .into_iter()
            .collect::<BTreeSet<_>>()
        );
        // Removing a column is a change too.
        let mut c = a.clone();
        c.columns.remove(1);
        assert_eq!(changed_keys(&a, &c), keys(&[&format!("column/{}", ids[1])]));
    }

    #[test]
    fn lane_add_rename_and_remove() {
        let a = map();
        let mut b = a.clone();
        let lane = add_lane(&mut b, "Quy trình nội bộ");
        b.lanes[2].live = !b.lanes[2].live; // live mode is not a change
        assert_eq!(changed_keys(&a, &b), keys(&[&format!("lane/{lane}")]));
        let mut c = b.clone();
        c.lanes.last_mut().unwrap().title = "Nội bộ".into();
        assert_eq!(changed_keys(&b, &c), keys(&[&format!("lane/{lane}")]));
        assert_eq!(changed_keys(&c, &a), keys(&[&format!("lane/{lane}")]));
    }

    fn fig(v: Option<f64>) -> Figure {
        Figure {
            value: v,
            based_on: 3,
            contacts: vec![1, 2],
        }
    }

    /// A stage `reached` by this many contacts, with no NPS.
    fn stage(id: &str, reached: f64) -> StageFigures {
        StageFigures {
            stage: id.into(),
            reached: fig(Some(reached)),
            nps: fig(None),
            ..Default::default()
        }
    }

    #[test]
    fn metric_deltas_in_order_with_tolerance() {
        let before = PersonaFigures {
            members: 10,
            nps: fig(Some(20.0)),
            csat: fig(Some(80.0)),
            ces: fig(None),
            stages: vec![
                stage("awareness", 10.0),
                StageFigures {
                    nps: fig(Some(10.0)),
                    ..stage("decision", 4.0)
                },
                stage("gone", 2.0),
            ],
            ..Default::default()
        };
        let mut after = before.clone();
        after.members = 12;
        after.csat = fig(Some(80.0 + 1e-12)); // same within 1e-9
        after.ces = fig(Some(3.5));
        after.stages = vec![
            StageFigures {
                conversion: fig(Some(0.5)),
                nps: fig(Some(-5.0)),
                ..stage("decision", 4.0)
            },
            stage("awareness", 11.0),
            stage("new", 1.0),
        ];
        let d = metric_deltas(&before, &after);
        let got: Vec<(&str, Metric, Option<f64>, Option<f64>)> = d
            .iter()
            .map(|d| (d.stage.as_str(), d.metric, d.before, d.after))
            .collect();
        assert_eq!(
            got,
            vec![
                ("", Metric::Members, Some(10.0), Some(12.0)),
                ("", Metric::Ces, None, Some(3.5)),
                ("decision", Metric::Conversion, None, Some(0.5)),
                ("decision", Metric::Nps, Some(10.0), Some(-5.0)),
                ("awareness", Metric::Reached, Some(10.0), Some(11.0)),
                ("new", Metric::Reached, None, Some(1.0)),
                ("gone", Metric::Reached, Some(2.0), None),
            ]
        );
        assert_eq!(d[0].delta(), Some(2.0));
        assert_eq!(d[3].delta(), Some(-15.0));
        assert_eq!(d[1].delta(), None);
        assert!(metric_deltas(&after, &after).is_empty());
        let json = serde_json::to_value(&d[2]).unwrap();
        assert_eq!(json["metric"], "conversion");
        assert_eq!(json["stage"], "decision");
    }
}
