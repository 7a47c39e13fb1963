//! Money as integer minor units plus an ISO-4217 currency. VND has no minor unit.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Currencies a workspace can use. Unknown codes are rejected at the edge.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Currency {
    /// Vietnamese đồng (no minor unit).
    #[default]
    #[serde(rename = "VND")]
    Vnd,
    /// US dollar (cents).
    #[serde(rename = "USD")]
    Usd,
    /// Euro (cents).
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// Every supported currency, for pickers.
    pub const ALL: [Currency; 3] = [Currency::Vnd, Currency::Usd, Currency::Eur];

    /// ISO-4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Vnd => "VND",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }

    /// Digits after the decimal separator.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Vnd => 0,
            Currency::Usd | Currency::Eur => 2,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::Vnd => "₫",
            Currency::Usd => "$",
            Currency::Eur => "€",
        }
    }
}

impl FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown currency {s:?}"))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in minor units of a currency (đồng for VND, cents for USD).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Minor units; never a float.
    pub amount: i64,
    /// ISO currency.
    pub currency: Currency,
}

/// Number formatting conventions of a UI locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberLocale {
    /// `1.234.567,89` with the symbol after: `1.234.567 ₫`.
    Vi,
    /// `1,234,567.89` with the symbol before: `₫1,234,567`.
    En,
}

impl NumberLocale {
    /// (group separator, decimal separator).
    pub fn separators(self) -> (char, char) {
        match self {
            NumberLocale::Vi => ('.', ','),
            NumberLocale::En => (',', '.'),
        }
    }

    /// A whole number with digit grouping: `20.000` (vi), `20,000` (en).
    pub fn format_count(self, n: u64) -> String {
        group_digits(n as u128, self.separators().0)
    }

    /// A number rounded to `places` decimals with the locale's separators:
    /// `-1.234,5` (vi), `-1,234.5` (en).
    pub fn format_decimal(self, v: f64, places: usize) -> String {
        let (group, point) = self.separators();
        let text = format!("{:.*}", places, v.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let sign = if v < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        let int = group_digits(int.parse().unwrap_or(0), group);
        if frac.is_empty() {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}{point}{frac}")
        }
    }
}

fn group_digits(n: u128, group: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    out
}

impl Money {
    /// Builds an amount from minor units.
    pub fn new(amount: i64, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// An amount computed in major units (an average, a projection), rounded
    /// to `currency`'s minor units: `7.142…` USD is `$7.14`, VND whole đồng.
    pub fn from_major(value: f64, currency: Currency) -> Self {
        let scale = 10f64.powi(currency.minor_digits() as i32);
        Money::new((value * scale).round() as i64, currency)
    }

    /// Parses a user-typed major-unit amount such as `1.500.000` (vi), `1,500,000` or `12.50` (en).
    pub fn parse(input: &str, currency: Currency, locale: NumberLocale) -> Result<Self, String> {
        let (group, decimal) = locale.separators();
        let cleaned: String = input
            .trim()
            .chars()
            .filter(|c| *c != group && !c.is_whitespace())
            .collect();
        let (neg, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (int_part, frac_part) = match digits.split_once(decimal) {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || !all_digits(int_part) || !all_digits(frac_part) {
            return Err(format!("not an amount: {input:?}"));
        }
        let places = currency.minor_digits() as usize;
        if frac_part.len() > places {
            return Err(format!(
                "{} allows {places} decimal places: {input:?}",
                currency.code()
            ));
        }
        let scale = 10i64.pow(places as u32);
        let int: i64 = int_part
            .parse()
            .map_err(|_| format!("amount too large: {input:?}"))?;
        let frac: i64 = if frac_part.is_empty() {
            0
        } else {
            format!("{frac_part:0<places$}").parse().unwrap_or(0)
        };
        let minor = int
            .checked_mul(scale)
            .and_then(|v| v.checked_add(frac))
            .ok_or_else(|| format!("amount too large: {input:?}"))?;
        Ok(Money::new(if neg { -minor } else { minor }, currency))
    }

    /// The amount alone, as a user types it back: `1.500.000` (vi), `-12.50` (en).
    /// [`Money::parse`] reads it back to the same value.
    pub fn format_amount(&self, locale: NumberLocale) -> String {
        let sign = if self.amount < 0 { "-" } else { "" };
        format!("{sign}{}", self.unsigned_digits(locale))
    }

    fn unsigned_digits(&self, locale: NumberLocale) -> String {
        let (group, decimal) = locale.separators();
        let places = self.currency.minor_digits();
        let scale = 10u64.pow(places) as u128;
        let abs = (self.amount as i128).unsigned_abs();
        let mut grouped = group_digits(abs / scale, group);
        if places > 0 {
            grouped.push(decimal);
            grouped.push_str(&format!("{:0width$}", abs % scale, width = places as usize));
        }
        grouped
    }

    /// Formats for display in a UI locale, e.g. `1.500.000 ₫` or `$12.50`.
    pub fn format(&self, locale: NumberLocale) -> String {
        let grouped = self.unsigned_digits(locale);
        let sign = if self.amount < 0 { "-" } else { "" };
        let sym = self.currency.symbol();
        match locale {
            NumberLocale::Vi => format!("{sign}{grouped} {sym}"),
            NumberLocale::En => format!("{sign}{sym}{grouped}"),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn decimals_follow_the_locale() {
        assert_eq!(NumberLocale::Vi.format_decimal(-1234.56, 1), "-1.234,6");
        assert_eq!(NumberLocale::En.format_decimal(12.0, 0), "12");
        assert_eq!(NumberLocale::En.format_decimal(-0.04, 1), "0.0");
    }

    use super::*;

    #[test]
    fn vnd_has_no_decimals_in_either_locale() {
        let m = Money::new(1_234_567, Currency::Vnd);
        assert_eq!(m.format(NumberLocale::Vi), "1.234.567 ₫");
        assert_eq!(m.format(NumberLocale::En), "₫1,234,567");
    }

    #[test]
    fn computed_amounts_keep_their_currencys_decimals() {
        let avg = Money::from_major(100.0 / 14.0, Currency::Usd);
        assert_eq!(avg.format(NumberLocale::En), "$7.14");
        assert_eq!(avg.format(NumberLocale::Vi), "7,14 $");
        let vnd = Money::from_major(100_000_000.0 / 14.0, Currency::Vnd);
        assert_eq!(vnd.format(NumberLocale::Vi), "7.142.857 ₫");
    }

    #[test]
    fn counts_are_grouped_per_locale() {
        assert_eq!(NumberLocale::Vi.format_count(20_000), "20.000");
        assert_eq!(NumberLocale::En.format_count(1_234_567), "1,234,567");
        assert_eq!(NumberLocale::En.format_count(999), "999");
    }

    #[test]
    fn usd_keeps_cents() {
        assert_eq!(
            Money::new(123_456, Currency::Usd).format(NumberLocale::En),
            "$1,234.56"
        );
        assert_eq!(
            Money::new(-5, Currency::Usd).format(NumberLocale::Vi),
            "-0,05 $"
        );
    }

    #[test]
    fn the_plain_amount_parses_back() {
        for (m, locale, text) in [
            (
                Money::new(1_500_000, Currency::Vnd),
                NumberLocale::Vi,
                "1.500.000",
            ),
            (Money::new(-1250, Currency::Usd), NumberLocale::En, "-12.50"),
        ] {
            assert_eq!(m.format_amount(locale), text);
            assert_eq!(Money::parse(text, m.currency, locale), Ok(m));
        }
    }

    #[test]
    fn parses_typed_amounts() {
        assert_eq!(
            Money::parse("1.500.000", Currency::Vnd, NumberLocale::Vi),
            Ok(Money::new(1_500_000, Currency::Vnd))
        );
        assert_eq!(
            Money::parse("12.5", Currency::Usd, NumberLocale::En),
            Ok(Money::new(1250, Currency::Usd))
        );
        assert!(Money::parse("12,5", Currency::Vnd, NumberLocale::Vi).is_err());
        assert!(Money::parse("abc", Currency::Usd, NumberLocale::En).is_err());
        assert!(Money::parse("99999999999999999999", Currency::Usd, NumberLocale::En).is_err());
    }

    #[test]
    fn serialises_as_minor_units_and_iso_code() {
        let json = serde_json::to_string(&Money::new(250, Currency::Eur)).unwrap();
        assert_eq!(json, r#"{"amount":250,"currency":"EUR"}"#);
        assert_eq!("vnd".parse::<Currency>(), Ok(Currency::Vnd));
        assert!("XYZ".parse::<Currency>().is_err());
    }
}
