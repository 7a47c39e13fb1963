//! Figures of one calendar month entered by hand (docs/domain.md#metrics): acquisition
//! spend and revenue for CAC and LTV, recurring revenue per account for net
//! revenue retention. One document per month, `period:YYYY-MM`.

use super::{local_today, Extra, Record, RecordType};
use crate::domain::money::{Currency, Money, NumberLocale};
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the business spent and earned in one month (workspace local time).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodFigures {
    /// The month, `YYYY-MM`; also the document's local id.
    pub month: String,
    /// Marketing and sales spend on winning new customers, when entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquisition_spend: Option<Money>,
    /// Revenue of the month, when entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Money>,
    /// Recurring revenue of the month per account document id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub recurring_revenue: BTreeMap<String, Money>,
    /// Unknown fields, preserved.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PeriodFigures {
    /// Empty figures for `month` (`YYYY-MM`).
    pub fn new(month: &str) -> Self {
        PeriodFigures {
            month: month.to_string(),
            ..Default::default()
        }
    }

    /// The document's local id: the month, so there is one document per month.
    pub fn local_id(&self) -> &str {
        &self.month
    }

    /// `(year, month 1..=12)` of a `YYYY-MM` string; `None` when malformed.
    pub fn parse_month(s: &str) -> Option<(i32, u32)> {
        let b = s.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !s[..4]
                .bytes()
                .chain(s[5..].bytes())
                .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = s[..4].parse().ok()?;
        let month: u32 = s[5..].parse().ok()?;
        (1..=12).contains(&month).then_some((year, month))
    }
}

impl PeriodFigures {
    /// Sets (`Some`) or removes (`None`) one account's recurring revenue for
    /// the month, keeping every other account's entry and the other figures.
    pub fn set_recurring(&mut self, account_id: &str, amount: Option<Money>) {
        match amount {
            Some(m) => {
                self.recurring_revenue.insert(account_id.to_owned(), m);
            }
            None => {
                self.recurring_revenue.remove(account_id);
            }
        }
    }
}

/// One account's recurring revenue per month, newest month first, from
/// every month's figures (months without an entry for it are left out).
pub fn recurring_of<'a>(
    periods: impl IntoIterator<Item = &'a PeriodFigures>,
    account_id: &str,
) -> Vec<(String, Money)> {
    let mut out: Vec<(String, Money)> = periods
        .into_iter()
        .filter_map(|p| Some((p.month.clone(), *p.recurring_revenue.get(account_id)?)))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Reads a month's recurring revenue as typed: `month` is `YYYY-MM`, not
/// after the workspace's current month (a month not yet lived has no
/// revenue); `amount` is 0 or more in `currency` (0 = the account pays
/// nothing any more, which net revenue retention counts as lost revenue).
/// Errors name `month` (`Required`, `InvalidId` when not `YYYY-MM`,
/// `OutOfRange` when in the future) and `amount` (`Required`, `OutOfRange`
/// when not an amount in the currency, `Negative`).
pub fn recurring_entry(
    month: &str,
    amount: &str,
    currency: Currency,
    locale: NumberLocale,
    now: Timestamp,
    utc_offset_min: i32,
) -> Result<(String, Money), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let month = month.trim();
    let this_month = &local_today(now, utc_offset_min)[..7];
    if month.is_empty() {
        e.push("month", ErrorCode::Required);
    } else if PeriodFigures::parse_month(month).is_none() {
        e.push("month", ErrorCode::InvalidId);
    } else if month > this_month {
        e.push("month", ErrorCode::OutOfRange);
    }
    let money = match amount.trim() {
        "" => {
            e.push("amount", ErrorCode::Required);
            None
        }
        t => match Money::parse(t, currency, locale) {
            Ok(m) if m.amount < 0 => {
                e.push("amount", ErrorCode::Negative);
                None
            }
            Ok(m) => Some(m),
            Err(_) => {
                e.push("amount", ErrorCode::OutOfRange);
                None
            }
        },
    };
    match money {
        Some(m) if e.is_empty() => Ok((month.to_owned(), m)),
        _ => Err(e),
    }
}

impl Record for PeriodFigures {
    const TYPE: RecordType = RecordType::Period;
    fn validate(&self) -> ValidationErrors {
        let mut e = ValidationErrors::default();
        if self.month.trim().is_empty() {
            e.push("month", ErrorCode::Required);
        } else if Self::parse_month(&self.month).is_none() {
            e.push("month", ErrorCode::InvalidId);
        }
        let mut amount = |field: String, m: &Money| {
            if m.amount < 0 {
                e.push(field, ErrorCode::Negative);
            }
        };
        if let Some(m) = &self.acquisition_spend {
            amount("acquisition_spend.amount".into(), m);
        }
        if let Some(m) = &self.revenue {
            amount("revenue.amount".into(), m);
        }
        for (account, m) in &self.recurring_revenue {
            amount(format!("recurring_revenue.{account}.amount"), m);
        }
        for account in self.recurring_revenue.keys() {
            let local = account.strip_prefix("account:").unwrap_or("");
            if local.trim().is_empty() {
                e.push(format!("recurring_revenue.{account}"), ErrorCode::InvalidId);
            }
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::doc::Doc;

    fn vnd(n: i64) -> Money {
        Money::new(n, Currency::Vnd)
    }

    #[test]
    fn months_must_be_yyyy_mm() {
        for ok in ["2026-01", "1999-12"] {
            assert!(PeriodFigures::new(ok).validate().is_empty(), "{ok}");
        }
        assert_eq!(PeriodFigures::parse_month("2026-03"), Some((2026, 3)));
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "2026-01-01",
            "２０２６-01",
        ] {
            let e = PeriodFigures::new(bad).validate();
            assert_eq!(e.get("month"), Some(ErrorCode::InvalidId), "{bad}");
        }
        assert_eq!(
            PeriodFigures::new(" ").validate().get("month"),
            Some(ErrorCode::Required)
        );
    }

    #[test]
    fn amounts_must_not_be_negative_and_accounts_must_be_account_ids() {
        let mut p = PeriodFigures::new("2026-02");
        p.acquisition_spend = Some(vnd(-1));
        p.revenue = Some(vnd(0));
        p.recurring_revenue.insert("account:a1".into(), vnd(-5));
        p.recurring_revenue.insert("contact:c1".into(), vnd(5));
        let e = p.validate();
        assert_eq!(e.get("acquisition_spend.amount"), Some(ErrorCode::Negative));
        assert_eq!(e.get("revenue.amount"), None);
        assert_eq!(
            e.get("recurring_revenue.account:a1.amount"),
            Some(ErrorCode::Negative)
        );
        assert_eq!(
            e.get("recurring_revenue.contact:c1"),
            Some(ErrorCode::InvalidId)
        );
        assert_eq!(e.0.len(), 3);
    }

    #[test]
    fn setting_one_accounts_revenue_keeps_the_rest_of_the_month() {
        let mut p = PeriodFigures::new("2026-02");
        p.revenue = Some(vnd(900));
        p.recurring_revenue.insert("account:a1".into(), vnd(10));
        p.set_recurring("account:a2", Some(vnd(20)));
        p.set_recurring("account:a1", Some(vnd(12)));
        assert_eq!(p.revenue, Some(vnd(900)));
        assert_eq!(p.recurring_revenue["account:a1"], vnd(12));
        assert_eq!(p.recurring_revenue["account:a2"], vnd(20));
        p.set_recurring("account:a1", None);
        assert_eq!(p.recurring_revenue.len(), 1);
        p.set_recurring("account:a9", None);
        assert_eq!(p.recurring_revenue.len(), 1);
    }

    #[test]
    fn an_accounts_revenue_is_listed_newest_month_first() {
        let mut jan = PeriodFigures::new("2026-01");
        jan.set_recurring("account:a1", Some(vnd(10)));
        let mut mar = PeriodFigures::new("2026-03");
        mar.set_recurring("account:a1", Some(vnd(0)));
        mar.set_recurring("account:a2", Some(vnd(30)));
        let feb = PeriodFigures::new("2026-02");
        let got = recurring_of([&jan, &mar, &feb], "account:a1");
        assert_eq!(
            got,
            vec![
                ("2026-03".to_string(), vnd(0)),
                ("2026-01".to_string(), vnd(10))
            ]
        );
        assert!(recurring_of([&feb], "account:a1").is_empty());
    }

    #[test]
    fn a_typed_entry_needs_a_past_or_current_month_and_an_amount() {
        // 2026-11-30 20:00 UTC is already December in Hà Nội (+07:00).
        let now = Timestamp::parse("2026-11-30T20:00:00Z").unwrap();
        let read = |month: &str, amount: &str, cur, locale| {
            recurring_entry(month, amount, cur, locale, now, 420)
        };
        use NumberLocale::{En, Vi};
        assert_eq!(
            read("2026-12", "15.000.000", Currency::Vnd, Vi),
            Ok(("2026-12".into(), vnd(15_000_000)))
        );
        assert_eq!(
            read(" 2025-12 ", "1,250.50", Currency::Usd, En),
            Ok(("2025-12".into(), Money::new(125_050, Currency::Usd)))
        );
        assert_eq!(
            read("2026-01", "0", Currency::Vnd, Vi),
            Ok(("2026-01".into(), vnd(0)))
        );
        let err = |month: &str, amount: &str, cur| {
            let e = read(month, amount, cur, En).unwrap_err();
            (e.get("month"), e.get("amount"))
        };
        assert_eq!(
            err("2027-01", "100", Currency::Vnd),
            (Some(ErrorCode::OutOfRange), None)
        );
        assert_eq!(
            err("2026-13", "100", Currency::Vnd),
            (Some(ErrorCode::InvalidId), None)
        );
        assert_eq!(
            err("", "", Currency::Vnd),
            (Some(ErrorCode::Required), Some(ErrorCode::Required))
        );
        // VND has no minor unit: "12.5" is not an amount of đồng.
        assert_eq!(
            err("2026-05", "12.5", Currency::Vnd),
            (None, Some(ErrorCode::OutOfRange))
        );
        assert_eq!(
            err("2026-05", "-5", Currency::Eur),
            (None, Some(ErrorCode::Negative))
        );
        assert_eq!(
            err("2026-05", "abc", Currency::Eur),
            (None, Some(ErrorCode::OutOfRange))
        );
    }

    #[test]
    fn stored_as_a_period_document_keeping_unknown_fields() {
        let mut p = PeriodFigures::new("2026-02");
        p.revenue = Some(vnd(1_000_000));
        let at = Timestamp::from_ymd(2026, 3, 1).unwrap();
        let doc = Doc::new(p.local_id(), &p, at, "lan").unwrap();
        assert_eq!(doc.id, "period:2026-02");
        assert_eq!(doc.body["type"], "period");
        assert!(!doc.body.contains_key("recurring_revenue"));
        assert!(!doc.body.contains_key("acquisition_spend"));
        let mut doc = doc;
        doc.body.insert("note".into(), "Tết".into());
        let back: PeriodFigures = doc.record().unwrap();
        assert_eq!(back.revenue, Some(vnd(1_000_000)));
        assert_eq!(back.extra["note"], "Tết");
        assert_eq!(RecordType::parse("period"), Some(RecordType::Period));
    }
}
