//! How dashboard numbers read: counts, shares, scores, days and money in the
//! UI locale, and "—" where there is nothing to compute from.

use crate::domain::dashboard::{MoneyStat, Month, Stat};
use crate::domain::Currency;
use crate::i18n::*;
use crate::ui::common::{decimal_count, money, number_locale};
use leptos_i18n::I18nContext;

/// The mark for "no data" (never 0).
pub const NONE: &str = "—";

/// A whole count.
pub fn count(i18n: I18nContext<Locale>, v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| {
        number_locale(i18n).format_count(v.round().max(0.0) as u64)
    })
}

/// The whole count that [`count`] shows, for a plural message's `count` (0 for none).
pub fn whole(v: Option<f64>) -> u64 {
    v.map_or(0, |v| v.round().max(0.0) as u64)
}

/// A share 0..=1 as a percentage with one decimal.
pub fn pct(i18n: I18nContext<Locale>, v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| {
        format!("{} %", number_locale(i18n).format_decimal(v * 100.0, 1))
    })
}

/// A percentage already on 0..=100 (CSAT), one decimal.
pub fn pct100(i18n: I18nContext<Locale>, v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| {
        format!("{} %", number_locale(i18n).format_decimal(v, 1))
    })
}

/// NPS as a signed whole number (−100..=+100).
pub fn nps(v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| {
        let r = v.round() as i64;
        if r > 0 {
            format!("+{r}")
        } else if r < 0 {
            format!("−{}", -r)
        } else {
            "0".into()
        }
    })
}

/// A mean score with one decimal (CES).
pub fn score(i18n: I18nContext<Locale>, v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| number_locale(i18n).format_decimal(v, 1))
}

/// A number of days with one decimal.
pub fn days(i18n: I18nContext<Locale>, v: Option<f64>) -> String {
    v.map_or(NONE.into(), |v| {
        let n = number_locale(i18n).format_decimal(v, 1);
        t_string!(i18n, dashboard.days, count = decimal_count(v, 1), n = n)
    })
}

/// Money per currency: the workspace currency first, others after "+".
pub fn money_stat(i18n: I18nContext<Locale>, m: &MoneyStat, currency: Currency) -> String {
    if m.amounts.is_empty() {
        return NONE.into();
    }
    let mut parts: Vec<String> = m
        .in_currency(currency)
        .map(|x| money(i18n, x))
        .into_iter()
        .collect();
    parts.extend(m.others(currency).into_iter().map(|x| money(i18n, x)));
    parts.join(" + ")
}

/// The workspace-currency amount as a plain number (for charts), major units.
pub fn major(m: &MoneyStat, currency: Currency) -> Option<f64> {
    m.in_currency(currency)
        .map(|x| x.amount as f64 / 10f64.powi(currency.minor_digits() as i32))
}

/// What a figure counts, for "based on N …".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Answers,
    Customers,
    CustomerMonths,
    Deals,
    ClosedDeals,
    Tickets,
    Accounts,
}

/// The unit's name for `count` of them ("1 answer", "2 answers").
fn unit_name(i18n: I18nContext<Locale>, unit: Unit, count: u64) -> String {
    match unit {
        Unit::Answers => t_string!(i18n, dashboard.u_answers, count = count),
        Unit::Customers => t_string!(i18n, dashboard.u_customers, count = count),
        Unit::CustomerMonths => t_string!(i18n, dashboard.u_customer_months, count = count),
        Unit::Deals => t_string!(i18n, dashboard.u_deals, count = count),
        Unit::ClosedDeals => t_string!(i18n, dashboard.u_closed, count = count),
        Unit::Tickets => t_string!(i18n, dashboard.u_tickets, count = count),
        Unit::Accounts => t_string!(i18n, dashboard.u_accounts, count = count),
    }
}

/// "based on N …" with the figure's unit.
pub fn based(i18n: I18nContext<Locale>, s: &Stat, unit: Unit) -> String {
    based_on(i18n, u64::from(s.based_on), unit)
}

/// "based on N …" for money figures.
pub fn based_money(i18n: I18nContext<Locale>, m: &MoneyStat, unit: Unit) -> String {
    based_on(i18n, u64::from(m.based_on), unit)
}

fn based_on(i18n: I18nContext<Locale>, count: u64, unit: Unit) -> String {
    let n = number_locale(i18n).format_count(count);
    let unit = unit_name(i18n, unit, count);
    t_string!(i18n, dashboard.based, n = n, unit = unit)
}

/// A month label: `11/2026` (vi) or `2026-11` (en).
pub fn month(i18n: I18nContext<Locale>, m: Month) -> String {
    crate::ui::common::month(i18n, (i64::from(m.year()), m.month()))
}

/// A large amount shortened for a chart axis in the UI locale: `1.5B`, `35M`,
/// `120k` (en); `1,5 tỷ`, `35 tr`, `120 nghìn` (vi). One decimal under ten
/// units, dropped when it is zero.
pub fn compact(i18n: I18nContext<Locale>, v: f64) -> String {
    let nl = number_locale(i18n);
    let a = v.abs();
    let (n, scale) = if a >= 1e9 {
        (v / 1e9, 3)
    } else if a >= 1e6 {
        (v / 1e6, 2)
    } else if a >= 1e3 {
        (v / 1e3, 1)
    } else {
        return nl.format_decimal(v, 0);
    };
    let places = if n.abs() < 10.0 && (n * 10.0).round() % 10.0 != 0.0 {
        1
    } else {
        0
    };
    let n = nl.format_decimal(n, places);
    match scale {
        3 => t_string!(i18n, dashboard.chart_billion, n = n),
        2 => t_string!(i18n, dashboard.chart_million, n = n),
        _ => t_string!(i18n, dashboard.chart_thousand, n = n),
    }
}
