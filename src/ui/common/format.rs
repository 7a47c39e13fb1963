//! Numbers, money, dates and times in the app's language: the one formatter
//! every screen uses.

use crate::domain::{Money, Timestamp};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The number locale matching the UI language.
pub fn number_locale(i18n: I18nContext<Locale>) -> crate::domain::money::NumberLocale {
    match i18n.get_locale() {
        Locale::vi => crate::domain::money::NumberLocale::Vi,
        Locale::en => crate::domain::money::NumberLocale::En,
    }
}

/// Money in the UI locale.
pub fn money(i18n: I18nContext<Locale>, m: Money) -> String {
    m.format(number_locale(i18n))
}

/// A calendar date in the UI locale: `22/11/2026` (vi) or `2026-11-22` (en).
pub fn date(i18n: I18nContext<Locale>, t: Timestamp) -> String {
    let (y, m, d) = t.ymd();
    match i18n.get_locale() {
        Locale::vi => format!("{d:02}/{m:02}/{y}"),
        Locale::en => format!("{y}-{m:02}-{d:02}"),
    }
}

/// A month heading: `11/2026` (vi) or `2026-11` (en).
pub fn month(i18n: I18nContext<Locale>, (y, m): (i64, u32)) -> String {
    match i18n.get_locale() {
        Locale::vi => format!("{m:02}/{y}"),
        Locale::en => format!("{y}-{m:02}"),
    }
}

/// Time of day `HH:MM` in the browser's zone.
pub fn clock(at: Timestamp) -> String {
    let local = at.plus_ms(offset_minutes() as i64 * 60_000);
    let ms = local.0.rem_euclid(86_400_000);
    format!("{:02}:{:02}", ms / 3_600_000, (ms / 60_000) % 60)
}

/// The browser zone's offset east of UTC, in minutes (UTC+7 → 420).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
