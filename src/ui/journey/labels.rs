//! Names of lanes, metrics and map-level things in the reader's language.

use crate::domain::journey::compare::Metric;
use crate::domain::records::{Lane, LaneKind};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// A lane's title: the custom title, or the built-in lane's name.
pub fn lane_title(i18n: I18nContext<Locale>, lane: &Lane) -> String {
    match lane.kind {
        LaneKind::Mindset => t_string!(i18n, journey.lane_mindset),
        LaneKind::Emotion => t_string!(i18n, journey.lane_emotion),
        LaneKind::Touchpoints => t_string!(i18n, journey.lane_touchpoints),
        LaneKind::Channels => t_string!(i18n, journey.lane_channels),
        LaneKind::Pains => t_string!(i18n, journey.lane_pains),
        LaneKind::Opportunities => t_string!(i18n, journey.lane_opportunities),
        LaneKind::Departments => t_string!(i18n, journey.lane_departments),
        LaneKind::Metrics => t_string!(i18n, journey.lane_metrics),
        LaneKind::Custom => return lane.title.clone(),
    }
    .to_string()
}

/// A metric's name.
pub fn metric_label(i18n: I18nContext<Locale>, m: Metric) -> String {
    match m {
        Metric::Members => t_string!(i18n, journey.jm_members),
        Metric::Reached => t_string!(i18n, journey.jm_reached),
        Metric::Conversion => t_string!(i18n, journey.jm_conversion),
        Metric::MedianDays => t_string!(i18n, journey.jm_median_days),
        Metric::Nps => t_string!(i18n, common.jm_nps),
        Metric::Csat => t_string!(i18n, common.jm_csat),
        Metric::Ces => t_string!(i18n, common.jm_ces),
        Metric::MeanEmotion => t_string!(i18n, journey.jm_mean_emotion),
        Metric::Backward => t_string!(i18n, journey.jm_backward),
        Metric::Repeated => t_string!(i18n, journey.jm_repeated),
        Metric::Skipped => t_string!(i18n, journey.jm_skipped),
    }
    .to_string()
}

/// A metric's value as shown: shares and CSAT as percentages, days and CES with one decimal.
pub fn metric_value(i18n: I18nContext<Locale>, m: Metric, v: Option<f64>) -> String {
    let Some(v) = v else {
        return "—".to_string();
    };
    let nl = crate::ui::common::number_locale(i18n);
    match m {
        Metric::Conversion | Metric::Backward | Metric::Repeated | Metric::Skipped => {
            format!("{}%", nl.format_decimal(v * 100.0, 0))
        }
        Metric::Csat => format!("{}%", nl.format_decimal(v, 0)),
        Metric::Nps => format!("{:+}", v.round() as i64),
        Metric::MedianDays | Metric::Ces | Metric::MeanEmotion => nl.format_decimal(v, 1),
        Metric::Members | Metric::Reached => nl.format_count(v.round() as u64),
    }
}
