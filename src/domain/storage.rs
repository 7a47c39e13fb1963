//! How much of the browser's storage quota the workspace uses, and how to say it.

use super::money::NumberLocale;

/// Share of the quota from which Settings warns that the device is nearly full.
pub const WARN_PER_MILLE: u64 = 800;

/// The browser's storage estimate for this site (`navigator.storage.estimate()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUse {
    /// Bytes in use.
    pub used: u64,
    /// Bytes the browser allows this site.
    pub quota: u64,
}

impl StorageUse {
    /// Used share of the quota in per mille, rounded down (1000 when the quota is 0).
    pub fn per_mille(self) -> u64 {
        match self.quota {
            0 => 1000,
            q => (u128::from(self.used) * 1000 / u128::from(q)).min(1000) as u64,
        }
    }

    /// True from 80% of the quota: time to warn before writes start failing.
    pub fn nearly_full(self) -> bool {
        self.per_mille() >= WARN_PER_MILLE
    }
}

/// A byte count for people: `512 B`, `1.5 KB`, `12.3 MB`, `2.1 GB` (decimal
/// units, like the browsers' own storage pages), with the locale's decimal mark.
pub fn format_bytes(bytes: u64, locale: NumberLocale) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let decimal = locale.separators().1;
    format!(
        "{} {}",
        text.replace('.', &decimal.to_string()),
        UNITS[unit]
    )
}

/// Percent of the quota in use, one decimal: `12.5%` / `12,5%`.
pub fn format_percent(per_mille: u64, locale: NumberLocale) -> String {
    let decimal = locale.separators().1;
    format!("{}{decimal}{}%", per_mille / 10, per_mille % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_down_and_warn_from_eighty_percent() {
        let at = |used, quota| StorageUse { used, quota };
        assert_eq!(at(0, 1000).per_mille(), 0);
        assert_eq!(at(799_999, 1_000_000).per_mille(), 799);
        assert!(!at(799_999, 1_000_000).nearly_full());
        assert!(at(800_000, 1_000_000).nearly_full());
        assert_eq!(at(5, 0).per_mille(), 1000, "no quota at all is full");
        assert_eq!(at(2_000, 1_000).per_mille(), 1000);
        assert_eq!(at(u64::MAX, u64::MAX).per_mille(), 1000, "no overflow");
    }

    #[test]
    fn bytes_read_like_a_browser_storage_page_in_either_language() {
        assert_eq!(format_bytes(512, NumberLocale::En), "512 B");
        assert_eq!(format_bytes(1_500, NumberLocale::En), "1.5 KB");
        assert_eq!(format_bytes(12_345_678, NumberLocale::Vi), "12,3 MB");
        assert_eq!(format_bytes(999_999, NumberLocale::En), "1.0 MB");
        assert_eq!(format_bytes(2_100_000_000, NumberLocale::En), "2.1 GB");
        assert_eq!(format_percent(125, NumberLocale::Vi), "12,5%");
        assert_eq!(format_percent(800, NumberLocale::En), "80.0%");
    }
}
