//! Board filters and their URL form, so a filtered view can be bookmarked or shared.

use crate::domain::money::{Currency, Money, NumberLocale};
use crate::domain::records::Deal;
use crate::domain::search::Query;
use crate::domain::time::Timestamp;

/// What the board shows: pipeline, filters and search, as held in the URL query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoardQuery {
    /// Pipeline document id; `None` = the first pipeline.
    pub pipeline: Option<String>,
    /// Only deals of this owner.
    pub owner: Option<String>,
    /// Only deals of this account (document id).
    pub account: Option<String>,
    /// Only deals worth at least this much (same currency only).
    pub min: Option<Money>,
    /// Only deals worth at most this much (same currency only).
    pub max: Option<Money>,
    /// Expected close on or after this day.
    pub close_from: Option<Timestamp>,
    /// Expected close on or before this day (inclusive, whole day).
    pub close_to: Option<Timestamp>,
    /// Only rotting deals.
    pub rotting: bool,
    /// Diacritic-insensitive text search over title, account and contact.
    pub text: String,
}

/// A URL parameter that could not be read; the rest of the view still applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadParam {
    /// Parameter name.
    pub key: String,
    /// The value given.
    pub value: String,
}

impl BoardQuery {
    /// Reads URL query pairs. Unknown keys are ignored; unreadable values are
    /// returned as [`BadParam`]s and left out of the view.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<BadParam>) {
        let mut q = BoardQuery::default();
        let mut bad = Vec::new();
        let mut cur: Option<Currency> = None;
        let mut min_raw = None;
        let mut max_raw = None;
        for (k, v) in pairs {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            let mut fail = || {
                bad.push(BadParam {
                    key: k.into(),
                    value: v.into(),
                })
            };
            match k {
                "pipeline" => q.pipeline = Some(v.into()),
                "owner" => q.owner = Some(v.into()),
                "account" => q.account = Some(v.into()),
                "q" => q.text = v.into(),
                "rotting" => match v {
                    "1" | "true" => q.rotting = true,
                    "0" | "false" => q.rotting = false,
                    _ => fail(),
                },
                "cur" => match v.parse() {
                    Ok(c) => cur = Some(c),
                    Err(_) => fail(),
                },
                "min" => min_raw = Some(v.to_string()),
                "max" => max_raw = Some(v.to_string()),
                "from" | "to" => match Timestamp::parse(v) {
                    Some(t) if k == "from" => q.close_from = Some(t),
                    Some(t) => q.close_to = Some(t),
                    None => fail(),
                },
                _ => {}
            }
        }
        let cur = cur.unwrap_or(Currency::Vnd);
        for (key, raw, slot) in [("min", min_raw, &mut q.min), ("max", max_raw, &mut q.max)] {
            if let Some(raw) = raw {
                match Money::parse(&raw, cur, NumberLocale::En) {
                    Ok(m) if m.amount >= 0 => *slot = Some(m),
                    _ => bad.push(BadParam {
                        key: key.into(),
                        value: raw,
                    }),
                }
            }
        }
        (q, bad)
    }

    /// The URL query pairs of this view (empty values left out), in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut push = |k: &'static str, v: Option<String>| {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                out.push((k, v));
            }
        };
        push("pipeline", self.pipeline.clone());
        push("owner", self.owner.clone());
        push("account", self.account.clone());
        let cur = self.min.or(self.max).map(|m| m.currency);
        push("min", self.min.map(plain_amount));
        push("max", self.max.map(plain_amount));
        push("cur", cur.map(|c| c.code().to_string()));
        push("from", self.close_from.map(|t| t.date_string()));
        push("to", self.close_to.map(|t| t.date_string()));
        push("rotting", self.rotting.then(|| "1".to_string()));
        push("q", Some(self.text.clone()));
        out
    }

    /// True when any filter (not the pipeline choice) is set.
    pub fn is_filtered(&self) -> bool {
        let plain = BoardQuery {
            pipeline: self.pipeline.clone(),
            ..BoardQuery::default()
        };
        *self != plain
    }
}

/// A major-unit amount with `.` decimals and no grouping, as used in URLs.
fn plain_amount(m: Money) -> String {
    let digits = m.currency.minor_digits();
    if digits == 0 {
        return m.amount.to_string();
    }
    let scale = 10i64.pow(digits);
    format!(
        "{}.{:0w$}",
        m.amount / scale,
        m.amount % scale,
        w = digits as usize
    )
}

/// A query prepared for matching many deals.
#[derive(Clone, Debug)]
pub struct Matcher {
    query: BoardQuery,
    words: Query,
}

impl Matcher {
    /// Prepares `query`.
    pub fn new(query: &BoardQuery) -> Self {
        Matcher {
            words: Query::new(&query.text),
            query: query.clone(),
        }
    }

    /// True when the deal passes every filter. `search` is the deal's normalised
    /// search text; `rotting` says whether it is rotting today.
    pub fn matches(&self, deal: &Deal, search: &str, rotting: bool) -> bool {
        let q = &self.query;
        if q.owner.as_ref().is_some_and(|o| *o != deal.owner) {
            return false;
        }
        if q.account.is_some() && q.account != deal.account_id {
            return false;
        }
        let v = deal.value;
        if q.min
            .is_some_and(|m| m.currency != v.currency || v.amount < m.amount)
        {
            return false;
        }
        if q.max
            .is_some_and(|m| m.currency != v.currency || v.amount > m.amount)
        {
            return false;
        }
        if q.close_from.is_some() || q.close_to.is_some() {
            let Some(close) = deal.expected_close else {
                return false;
            };
            if q.close_from.is_some_and(|f| close < f) {
                return false;
            }
            if q.close_to.is_some_and(|t| close >= t.plus_days(1)) {
                return false;
            }
        }
        if q.rotting && !rotting {
            return false;
        }
        self.words.is_empty() || self.words.matches_normalised(search)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_round_trip() {
        let q = BoardQuery {
            pipeline: Some("pipeline:new".into()),
            owner: Some("Lan".into()),
            account: None,
            min: Some(Money::new(1_000_000, Currency::Vnd)),
            max: None,
            close_from: Timestamp::from_ymd(2026, 12, 1),
            close_to: Timestamp::from_ymd(2026, 12, 31),
            rotting: true,
            text: "nguyen".into(),
        };
        let pairs = q.to_pairs();
        let (back, bad) = BoardQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert!(bad.is_empty());
        assert_eq!(back, q);
        let usd = BoardQuery {
            max: Some(Money::new(12_345, Currency::Usd)),
            ..Default::default()
        };
        let pairs = usd.to_pairs();
        assert!(pairs.contains(&("max", "123.45".into())));
        let (back, _) = BoardQuery::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, usd);
    }

    #[test]
    fn bad_values_are_reported_and_skipped() {
        let (q, bad) = BoardQuery::from_pairs([
            ("min", "lots"),
            ("from", "2026-02-30"),
            ("owner", "An"),
            ("rotting", "maybe"),
        ]);
        assert_eq!(q.owner.as_deref(), Some("An"));
        assert_eq!(q.min, None);
        let keys: Vec<&str> = bad.iter().map(|b| b.key.as_str()).collect();
        assert_eq!(keys, ["from", "rotting", "min"]);
    }
}
