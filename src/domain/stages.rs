//! Journey stage sets (docs/domain.md#journey-stages) and the stage history that derives a
//! customer's current stage from transition events.

use serde::{Deserialize, Serialize};

/// One journey stage with labels in both UI languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyStage {
    /// Stable id stored on activities and transitions.
    pub id: String,
    /// English label.
    pub en: String,
    /// Vietnamese label.
    pub vi: String,
}

impl JourneyStage {
    fn new(id: &str, en: &str, vi: &str) -> Self {
        JourneyStage {
            id: id.into(),
            en: en.into(),
            vi: vi.into(),
        }
    }

    /// The label in a language (`"vi"` or anything else for English).
    pub fn label(&self, lang: &str) -> &str {
        if lang == "vi" {
            &self.vi
        } else {
            &self.en
        }
    }
}

/// The preset stage vocabularies a workspace can start from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageSetPreset {
    /// Awareness → Consideration → Decision → Retention → Advocacy.
    #[default]
    Classic,
    /// Reach → Acquisition → Conversion → Retention → Loyalty.
    Lifecycle,
    /// Classic with Onboarding and Value realisation for SaaS.
    Saas,
}

impl StageSetPreset {
    /// All presets, for the settings picker.
    pub const ALL: [StageSetPreset; 3] = [
        StageSetPreset::Classic,
        StageSetPreset::Lifecycle,
        StageSetPreset::Saas,
    ];

    /// Stable key used in settings and i18n.
    pub fn key(self) -> &'static str {
        match self {
            StageSetPreset::Classic => "classic",
            StageSetPreset::Lifecycle => "lifecycle",
            StageSetPreset::Saas => "saas",
        }
    }

    /// The stages of this preset in lifecycle order.
    pub fn stages(self) -> Vec<JourneyStage> {
        let s = JourneyStage::new;
        match self {
            StageSetPreset::Classic => vec![
                s("awareness", "Awareness", "Nhận biết"),
                s("consideration", "Consideration", "Cân nhắc"),
                s("decision", "Decision", "Quyết định"),
                s("retention", "Retention", "Duy trì"),
                s("advocacy", "Advocacy", "Ủng hộ"),
            ],
            StageSetPreset::Lifecycle => vec![
                s("reach", "Reach", "Tiếp cận"),
                s("acquisition", "Acquisition", "Mua hàng"),
                s("conversion", "Conversion", "Chuyển đổi"),
                s("retention", "Retention", "Giữ chân"),
                s("loyalty", "Loyalty", "Trung thành"),
            ],
            StageSetPreset::Saas => vec![
                s("awareness", "Awareness", "Nhận biết"),
                s("consideration", "Consideration", "Cân nhắc"),
                s("decision", "Decision", "Quyết định"),
                s("onboarding", "Onboarding", "Làm quen"),
                s("value_realisation", "Value realisation", "Hiểu rõ giá trị"),
                s("advocacy", "Advocacy", "Ủng hộ"),
            ],
        }
    }
}

/// A customer's stage transitions, oldest first, from which the current stage is derived.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StagePath {
    /// `(stage id, entered at)` in time order; repeats and back-moves are kept.
    pub steps: Vec<(String, super::Timestamp)>,
}

impl StagePath {
    /// Builds the path from unordered transitions `(to_stage, at)`.
    pub fn from_transitions(mut t: Vec<(String, super::Timestamp)>) -> Self {
        t.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        StagePath { steps: t }
    }

    /// The stage entered last, if any.
    pub fn current(&self) -> Option<&str> {
        self.steps.last().map(|(s, _)| s.as_str())
    }

    /// The stage the customer was in at `at` (the last one entered at or before it).
    pub fn stage_at(&self, at: super::Timestamp) -> Option<&str> {
        let n = self.steps.partition_point(|(_, t)| *t <= at);
        n.checked_sub(1).map(|i| self.steps[i].0.as_str())
    }

    /// Days spent in the current stage until `now`.
    pub fn days_in_current(&self, now: super::Timestamp) -> Option<i64> {
        self.steps.last().map(|(_, t)| t.days_until(now))
    }

    /// Number of moves back to an earlier stage of `order`.
    pub fn back_moves(&self, order: &[JourneyStage]) -> usize {
        let pos = |id: &str| order.iter().position(|s| s.id == id);
        self.steps
            .windows(2)
            .filter(|w| matches!((pos(&w[0].0), pos(&w[1].0)), (Some(a), Some(b)) if b < a))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Timestamp;

    #[test]
    fn presets_have_bilingual_labels_and_unique_ids() {
        for p in StageSetPreset::ALL {
            let stages = p.stages();
            let mut ids: Vec<_> = stages.iter().map(|s| s.id.clone()).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), stages.len(), "{p:?}");
            assert!(stages.iter().all(|s| !s.vi.is_empty() && !s.en.is_empty()));
        }
        assert_eq!(StageSetPreset::Classic.stages()[0].label("vi"), "Nhận biết");
    }

    #[test]
    fn current_stage_comes_from_history_not_a_field() {
        let t = |d| Timestamp::from_ymd(2026, 1, d).unwrap();
        let path = StagePath::from_transitions(vec![
            ("decision".into(), t(9)),
            ("awareness".into(), t(1)),
            ("consideration".into(), t(5)),
            ("consideration".into(), t(12)),
        ]);
        assert_eq!(path.current(), Some("consideration"));
        assert_eq!(path.back_moves(&StageSetPreset::Classic.stages()), 1);
    }
}
