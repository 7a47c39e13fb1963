//! Figures of one calendar month entered by hand (DOMAIN.md §5): acquisition
//! spend and revenue for CAC and LTV, recurring revenue per account for net
//! revenue retention. One document per month, `period:YYYY-MM`.

use super::{Extra, Record, RecordType};
use crate::domain::money::Money;
use crate::domain::validate::{ErrorCode, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the business spent and earned in one month (workspace local time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
            acquisition_spend: None,
            revenue: None,
            recurring_revenue: BTreeMap::new(),
            extra: Extra::new(),
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
    use crate::domain::money::Currency;
    use crate::domain::Timestamp;

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
