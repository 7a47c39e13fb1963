//! The what-if calculator's inputs as a person types them (locale numbers,
//! rates in percent), turned into [`GrowthInputs`] or the first wrong field.

use super::{GrowthInputs, MAX_PERIODS};
use crate::domain::money::NumberLocale;

/// A field of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GrowthField {
    /// Budget per period.
    Budget,
    /// Customer acquisition cost.
    Cac,
    /// Churn rate without support investment, percent.
    Churn,
    /// Churn rate with support investment, percent.
    ChurnWithSupport,
    /// Support investment per period.
    SupportCost,
    /// Referral rate, percent.
    Referral,
    /// Number of periods.
    Periods,
    /// Customers at the start.
    Starting,
}

/// The form's text, one string per field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrowthForm {
    /// Budget per period (money, major units).
    pub budget: String,
    /// CAC (money, major units).
    pub cac: String,
    /// Churn per period without support, percent.
    pub churn: String,
    /// Churn per period with support, percent.
    pub churn_with_support: String,
    /// Support investment per period (money, major units).
    pub support_cost: String,
    /// Referrals per customer per period, percent.
    pub referral: String,
    /// Periods (whole number).
    pub periods: String,
    /// Customers at the start (whole number or decimal).
    pub starting: String,
}

/// Reads a number typed in `locale` (`1.500.000` or `2,5` in Vietnamese,
/// `1,500,000` or `2.5` in English).
/// A group separator counts only between groups of exactly three digits, so
/// `2.5` in Vietnamese (meant as 2,5) is refused rather than read as 25.
pub fn parse_number(s: &str, locale: NumberLocale) -> Option<f64> {
    let (group, decimal) = locale.separators();
    let trimmed = s.trim().trim_end_matches('%').trim();
    let int_part = trimmed.split(decimal).next().unwrap_or("");
    let int_part = int_part.trim_start_matches(['-', '+']);
    if int_part.contains(group) {
        let mut groups = int_part.split(group);
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != group && !c.is_whitespace())
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Writes `v` the way [`parse_number`] reads it back, with up to `places` decimals.
pub fn format_number(v: f64, places: usize, locale: NumberLocale) -> String {
    let s = format!("{v:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let (group, decimal) = locale.separators();
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match frac {
        "" => format!("{sign}{grouped}"),
        f => format!("{sign}{grouped}{decimal}{f}"),
    }
}

impl GrowthForm {
    /// The inputs, or the first field that is not a number of the right kind.
    /// Range checks beyond "is a number" are [`GrowthInputs::validate`]'s job.
    pub fn inputs(&self, locale: NumberLocale) -> Result<GrowthInputs, GrowthField> {
        let num = |s: &str, f| parse_number(s, locale).ok_or(f);
        let pct = |s: &str, f| num(s, f).map(|v| v / 100.0);
        let periods = num(&self.periods, GrowthField::Periods)?;
        if periods.fract() != 0.0 || !(1.0..=f64::from(MAX_PERIODS)).contains(&periods) {
            return Err(GrowthField::Periods);
        }
        Ok(GrowthInputs {
            budget_per_period: num(&self.budget, GrowthField::Budget)?,
            cac: num(&self.cac, GrowthField::Cac)?,
            churn_rate: pct(&self.churn, GrowthField::Churn)?,
            churn_rate_with_support: pct(&self.churn_with_support, GrowthField::ChurnWithSupport)?,
            support_cost_per_period: num(&self.support_cost, GrowthField::SupportCost)?,
            referral_rate: pct(&self.referral, GrowthField::Referral)?,
            periods: periods as u32,
            starting_customers: num(&self.starting, GrowthField::Starting)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> GrowthForm {
        GrowthForm {
            budget: "100.000.000".into(),
            cac: "2.000.000".into(),
            churn: "5".into(),
            churn_with_support: "2,5".into(),
            support_cost: "20.000.000".into(),
            referral: "1%".into(),
            periods: "12".into(),
            starting: "200".into(),
        }
    }

    #[test]
    fn numbers_follow_the_locale() {
        assert_eq!(
            parse_number("1.500.000", NumberLocale::Vi),
            Some(1_500_000.0)
        );
        assert_eq!(parse_number("2,5", NumberLocale::Vi), Some(2.5));
        assert_eq!(
            parse_number("1,500,000.5", NumberLocale::En),
            Some(1_500_000.5)
        );
        assert_eq!(parse_number(" 7 % ", NumberLocale::En), Some(7.0));
        assert_eq!(parse_number("abc", NumberLocale::En), None);
        assert_eq!(parse_number("inf", NumberLocale::En), None);
        // A separator that cannot be a thousands separator is a mistake, not 25.
        assert_eq!(parse_number("2.5", NumberLocale::Vi), None);
        assert_eq!(parse_number("1,50", NumberLocale::En), None);
        assert_eq!(parse_number("12.345,5", NumberLocale::Vi), Some(12_345.5));
        assert_eq!(format_number(1_500_000.0, 0, NumberLocale::Vi), "1.500.000");
        assert_eq!(format_number(2.5, 2, NumberLocale::Vi), "2,5");
        assert_eq!(format_number(-1234.567, 1, NumberLocale::En), "-1,234.6");
        for v in [0.0, 12.25, 999_999.0, 1_000.5] {
            for l in [NumberLocale::Vi, NumberLocale::En] {
                assert_eq!(parse_number(&format_number(v, 2, l), l), Some(v));
            }
        }
    }

    #[test]
    fn the_form_reads_percentages_and_names_the_wrong_field() {
        let i = form().inputs(NumberLocale::Vi).unwrap();
        assert_eq!(i.budget_per_period, 100_000_000.0);
        assert_eq!(i.churn_rate, 0.05);
        assert_eq!(i.churn_rate_with_support, 0.025);
        assert_eq!(i.referral_rate, 0.01);
        assert_eq!(i.periods, 12);
        assert!(i.validate().is_ok());
        let mut f = form();
        f.cac = "".into();
        assert_eq!(f.inputs(NumberLocale::Vi), Err(GrowthField::Cac));
        let mut f = form();
        f.periods = "2,5".into();
        assert_eq!(f.inputs(NumberLocale::Vi), Err(GrowthField::Periods));
        f.periods = "121".into();
        assert_eq!(f.inputs(NumberLocale::Vi), Err(GrowthField::Periods));
        let mut f = form();
        f.churn = "năm".into();
        assert_eq!(f.inputs(NumberLocale::Vi), Err(GrowthField::Churn));
    }
}
