//! Chart geometry with no DOM: round axis ticks and SVG path data.

/// A value axis: its ends and the round values to label.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    /// Lowest value shown.
    pub min: f64,
    /// Highest value shown.
    pub max: f64,
    /// Labelled values, ascending, from `min` to `max`.
    pub ticks: Vec<f64>,
}

impl Scale {
    /// An axis covering `lo..=hi` with about `count` round steps (1, 2 or 5
    /// × a power of ten). An empty or flat range is widened so a line still
    /// has room.
    pub fn nice(lo: f64, hi: f64, count: usize) -> Scale {
        let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        if (hi - lo).abs() < f64::EPSILON {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            lo -= pad;
            hi += pad;
        }
        let raw = (hi - lo) / count.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude);
        let min = (lo / step).floor() * step;
        let max = (hi / step).ceil() * step;
        let n = ((max - min) / step).round() as usize;
        let ticks = (0..=n).map(|i| clean(min + step * i as f64)).collect();
        Scale { min, max, ticks }
    }

    /// Where `v` lands between `bottom` (at `min`) and `top` (at `max`).
    pub fn place(&self, v: f64, bottom: f64, top: f64) -> f64 {
        let span = self.max - self.min;
        if span <= 0.0 {
            return bottom;
        }
        bottom + (v - self.min) / span * (top - bottom)
    }
}

/// Rounds away float noise (0.30000000000000004 → 0.3).
fn clean(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// SVG path data through the points `(x(i), y(v))`; a missing value breaks the
/// line (no value is drawn as zero), so each run of values is its own segment.
pub fn line_path(
    values: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> String {
    let mut out = String::new();
    let mut drawing = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let cmd = if drawing { 'L' } else { 'M' };
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!("{cmd}{:.1} {:.1}", x(i), y(*v)));
                drawing = true;
            }
            None => drawing = false,
        }
    }
    out
}

/// The length of a bar of `value` when the largest bar, `max`, spans `span`:
/// proportional, never negative or past `span`, and at least a sliver (1.5)
/// for any value above zero so a small count still shows.
pub fn bar_length(value: f64, max: f64, span: f64) -> f64 {
    if value.is_nan() || max.is_nan() || value <= 0.0 || max <= 0.0 {
        return 0.0;
    }
    (value / max * span).clamp(1.5, span)
}

/// `text` cut to at most `max` characters, with "…" when cut (SVG text does
/// not wrap; the full text stays in the tooltip and the table).
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    // `ui` compiles for wasm32 only: run with
    // `cargo test --target wasm32-unknown-unknown --lib -- chart::scale`.
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let s = Scale::nice(0.0, 97.0, 5);
        assert_eq!(s.ticks, [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let s = Scale::nice(-100.0, 100.0, 4);
        assert_eq!(s.ticks, [-100.0, -50.0, 0.0, 50.0, 100.0]);
        let s = Scale::nice(0.1, 0.35, 5);
        assert_eq!(s.ticks, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
        // A flat line still gets a range around it.
        let s = Scale::nice(42.0, 42.0, 4);
        assert!(s.min < 42.0 && s.max > 42.0);
        let s = Scale::nice(f64::NAN, 1.0, 4);
        assert_eq!((s.min, s.max), (0.0, 1.0));
    }

    #[test]
    fn placing_maps_min_to_bottom_and_max_to_top() {
        let s = Scale::nice(0.0, 100.0, 5);
        assert_eq!(s.place(0.0, 200.0, 0.0), 200.0);
        assert_eq!(s.place(100.0, 200.0, 0.0), 0.0);
        assert_eq!(s.place(25.0, 200.0, 0.0), 150.0);
    }

    #[test]
    fn a_gap_breaks_the_line() {
        let p = line_path(
            &[Some(1.0), Some(2.0), None, Some(3.0)],
            |i| i as f64 * 10.0,
            |v| v,
        );
        assert_eq!(p, "M0.0 1.0 L10.0 2.0 M30.0 3.0");
        assert_eq!(line_path(&[None, None], |i| i as f64, |v| v), "");
    }

    #[test]
    fn bars_scale_to_the_largest_and_small_ones_still_show() {
        assert_eq!(bar_length(50.0, 100.0, 400.0), 200.0);
        assert_eq!(bar_length(100.0, 100.0, 400.0), 400.0);
        assert_eq!(bar_length(0.01, 100.0, 400.0), 1.5);
        assert_eq!(bar_length(0.0, 100.0, 400.0), 0.0);
        assert_eq!(bar_length(5.0, 0.0, 400.0), 0.0);
        assert_eq!(bar_length(f64::NAN, 1.0, 400.0), 0.0);
        assert_eq!(bar_length(200.0, 100.0, 400.0), 400.0);
    }

    #[test]
    fn long_labels_are_clipped_with_an_ellipsis() {
        assert_eq!(clip("Giá cao", 10), "Giá cao");
        assert_eq!(clip("Khách hàng chuyển sang đối thủ", 12), "Khách hàng…");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
