//! The what-if calculator's inputs as a person types them (locale numbers,
//! rates in percent), turned into [`GrowthInputs`] or the first wrong field.

use super::{GrowthInputs, MAX_PERIODS};
use crate::domain::money::{Currency, NumberLocale};
use crate::domain::three_way;

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
    /// Referral rate without support investment, percent.
    Referral,
    /// Referral rate with support investment, percent.
    ReferralWithSupport,
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
    /// Referrals per customer per period without support, percent.
    pub referral: String,
    /// Referrals per customer per period with support, percent.
    pub referral_with_support: String,
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
            referral_rate_with_support: pct(
                &self.referral_with_support,
                GrowthField::ReferralWithSupport,
            )?,
            periods: periods as u32,
            starting_customers: num(&self.starting, GrowthField::Starting)?,
        })
    }
}

/// Figures measured in the workspace that the form can start from.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Measured {
    /// Monthly churn rate (0..1) measured over the workspace's customers.
    pub churn: Option<f64>,
    /// CAC measured from entered acquisition spend, in the workspace
    /// currency's major units.
    pub cac: Option<f64>,
    /// Customers active at the end of the dashboard's range.
    pub customers: Option<u32>,
}

/// Round starting amounts where nothing is measured, in `currency`'s major
/// units: (budget, CAC, support investment) per period. The same plan in
/// every currency (budget = 20 × CAC, support = a fifth of the budget), so
/// the comparison reads alike whatever the workspace counts in.
pub fn default_amounts(currency: Currency) -> (f64, f64, f64) {
    match currency {
        Currency::Vnd => (100_000_000.0, 5_000_000.0, 20_000_000.0),
        Currency::Usd | Currency::Eur => (5_000.0, 250.0, 1_000.0),
    }
}

impl GrowthForm {
    /// The form filled from what was measured, with [`default_amounts`] in
    /// the workspace `currency`, 5 % churn (halved with support), no
    /// referrals without support and 1 % with it, 24 periods and 100
    /// customers where nothing is.
    pub fn prefilled(m: Measured, currency: Currency, locale: NumberLocale) -> Self {
        let n = |v: f64, p| format_number(v, p, locale);
        let (budget, cac, support) = default_amounts(currency);
        let churn = m.churn.map_or(5.0, |c| c * 100.0);
        GrowthForm {
            budget: n(budget, 0),
            cac: n(m.cac.unwrap_or(cac), 0),
            churn: n(churn, 2),
            churn_with_support: n(churn / 2.0, 2),
            support_cost: n(support, 0),
            referral: n(0.0, 2),
            referral_with_support: n(1.0, 2),
            periods: "24".into(),
            starting: n(f64::from(m.customers.unwrap_or(100)), 0),
        }
    }

    /// `self` moved on to a new prefill: each field the person has not edited
    /// (still as `before`, the values last filled in) takes its value from
    /// `after`; a field they typed in keeps what they typed.
    pub fn refill(&self, before: &GrowthForm, after: &GrowthForm) -> GrowthForm {
        let pick = |mine, was, next| three_way::pick(was, mine, next);
        GrowthForm {
            budget: pick(&self.budget, &before.budget, &after.budget),
            cac: pick(&self.cac, &before.cac, &after.cac),
            churn: pick(&self.churn, &before.churn, &after.churn),
            churn_with_support: pick(
                &self.churn_with_support,
                &before.churn_with_support,
                &after.churn_with_support,
            ),
            support_cost: pick(
                &self.support_cost,
                &before.support_cost,
                &after.support_cost,
            ),
            referral: pick(&self.referral, &before.referral, &after.referral),
            referral_with_support: pick(
                &self.referral_with_support,
                &before.referral_with_support,
                &after.referral_with_support,
            ),
            periods: pick(&self.periods, &before.periods, &after.periods),
            starting: pick(&self.starting, &before.starting, &after.starting),
        }
    }

    /// `self` written again for another number locale: each field that reads
    /// as a number in `from` is formatted in `to` (`1.000` typed in Vietnamese
    /// becomes `1,000` in English, still a thousand); other text is kept.
    pub fn relocale(&self, from: NumberLocale, to: NumberLocale) -> GrowthForm {
        if from == to {
            return self.clone();
        }
        let f = |s: &String| {
            parse_number(s, from).map_or_else(|| s.clone(), |v| format_number(v, 6, to))
        };
        GrowthForm {
            budget: f(&self.budget),
            cac: f(&self.cac),
            churn: f(&self.churn),
            churn_with_support: f(&self.churn_with_support),
            support_cost: f(&self.support_cost),
            referral: f(&self.referral),
            referral_with_support: f(&self.referral_with_support),
            periods: f(&self.periods),
            starting: f(&self.starting),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefill_uses_measured_figures_and_the_workspace_currency() {
        let none = Measured::default();
        let vnd = GrowthForm::prefilled(none, Currency::Vnd, NumberLocale::Vi);
        assert_eq!(
            (
                vnd.budget.as_str(),
                vnd.cac.as_str(),
                vnd.support_cost.as_str()
            ),
            ("100.000.000", "5.000.000", "20.000.000")
        );
        assert_eq!((vnd.churn.as_str(), vnd.starting.as_str()), ("5", "100"));
        let usd = GrowthForm::prefilled(none, Currency::Usd, NumberLocale::En);
        assert_eq!(
            (
                usd.budget.as_str(),
                usd.cac.as_str(),
                usd.support_cost.as_str()
            ),
            ("5,000", "250", "1,000")
        );
        // The same plan in both currencies: the same customers at the end.
        let end = |f: &GrowthForm, l| {
            super::super::compare(&f.inputs(l).unwrap())
                .unwrap()
                .customers_end_difference
        };
        assert!((end(&vnd, NumberLocale::Vi) - end(&usd, NumberLocale::En)).abs() < 1e-6);
        let measured = Measured {
            churn: Some(0.034),
            cac: Some(1_234.4),
            customers: Some(1_480),
        };
        let eur = GrowthForm::prefilled(measured, Currency::Eur, NumberLocale::En);
        assert_eq!(eur.churn, "3.4");
        assert_eq!(eur.churn_with_support, "1.7");
        assert_eq!(eur.cac, "1,234");
        assert_eq!(eur.starting, "1,480");
        assert_eq!(eur.budget, "5,000");
    }

    #[test]
    fn a_new_prefill_keeps_what_the_person_typed() {
        let l = NumberLocale::En;
        let first = GrowthForm::prefilled(Measured::default(), Currency::Usd, l);
        let mut mine = first.clone();
        mine.cac = "400".into();
        let later = GrowthForm::prefilled(
            Measured {
                churn: Some(0.02),
                cac: Some(300.0),
                customers: Some(57),
            },
            Currency::Usd,
            l,
        );
        let got = mine.refill(&first, &later);
        assert_eq!(got.cac, "400", "typed by the person");
        assert_eq!(got.starting, "57");
        assert_eq!(got.churn, "2");
        assert_eq!(got.budget, "5,000");
        // Typing the prefilled value back counts as not edited.
        let again = got.refill(&later, &first);
        assert_eq!(again.starting, "100");
        assert_eq!(again.cac, "400");
    }

    #[test]
    fn switching_the_locale_keeps_the_typed_values() {
        let (vi, en) = (NumberLocale::Vi, NumberLocale::En);
        let mut typed = form();
        typed.cac = "1.000".into();
        typed.starting = "abc".into();
        let got = typed.relocale(vi, en);
        assert_eq!(got.cac, "1,000");
        assert_eq!(got.budget, "100,000,000");
        assert_eq!(got.churn_with_support, "2.5");
        assert_eq!(got.referral, "1");
        assert_eq!(got.starting, "abc", "not a number: kept as typed");
        let read = |f: &GrowthForm| f.inputs(en).map(|i| i.cac);
        assert_eq!(
            read(&GrowthForm {
                starting: "200".into(),
                ..got.clone()
            }),
            Ok(1_000.0)
        );
        assert_eq!(got.relocale(en, vi).cac, "1.000");
        assert_eq!(typed.relocale(vi, vi), typed);
    }

    fn form() -> GrowthForm {
        GrowthForm {
            budget: "100.000.000".into(),
            cac: "2.000.000".into(),
            churn: "5".into(),
            churn_with_support: "2,5".into(),
            support_cost: "20.000.000".into(),
            referral: "1%".into(),
            referral_with_support: "3%".into(),
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
        assert_eq!(i.referral_rate_with_support, 0.03);
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
