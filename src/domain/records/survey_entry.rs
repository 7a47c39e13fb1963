//! A survey answer recorded by hand (given on paper, on the phone, in a
//! meeting): what the person typed, checked field by field, and the
//! [`SurveyResponse`] it becomes.
//!
//! The day is a calendar day in the workspace's local time (its UTC offset,
//! as the dashboard counts days). An answer dated today is stamped now; one
//! dated earlier is stamped at local noon of that day, so it falls inside that
//! day for every reader near the workspace's zone. A day after today is refused.

use super::{Channel, Record, SurveyKind, SurveyResponse};
use crate::domain::stages::StagePath;
use crate::domain::time::Timestamp;
use crate::domain::validate::{ErrorCode, ValidationErrors};

/// What the "Record a survey answer" form holds, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyEntry {
    /// NPS, CSAT or CES.
    pub kind: SurveyKind,
    /// The score as typed; must be a whole number on the kind's scale.
    pub score: String,
    /// The customer's comment (trimmed; may be empty).
    pub comment: String,
    /// The day it was answered, `YYYY-MM-DD` in the workspace's local calendar.
    pub date: String,
    /// The journey stage id chosen; `None` = the stage the contact was in on
    /// that day (see [`SurveyEntry::default_stage`]).
    pub stage: Option<String>,
    /// The touchpoint's channel, when known.
    pub channel: Option<Channel>,
    /// The ticket the answer follows (a CSAT after a case), if any.
    pub ticket_id: Option<String>,
}

/// Who answered, and what the workspace knows, for checking an entry.
#[derive(Clone, Copy, Debug)]
pub struct EntryContext<'a> {
    /// The contact's document id.
    pub contact_id: &'a str,
    /// Their account's document id.
    pub account_id: Option<&'a str>,
    /// The contact's stage history.
    pub path: &'a StagePath,
    /// The workspace's journey stage ids.
    pub stage_ids: &'a [&'a str],
    /// The workspace's offset from UTC in minutes (+07:00 = 420).
    pub utc_offset_min: i32,
    /// The current instant.
    pub now: Timestamp,
}

const MINUTE_MS: i64 = 60_000;

/// Today in the workspace's calendar, `YYYY-MM-DD` (the form's default date
/// and the latest date it accepts).
pub fn local_today(now: Timestamp, utc_offset_min: i32) -> String {
    now.plus_ms(i64::from(utc_offset_min) * MINUTE_MS)
        .date_string()
}

/// The instant an answer dated `date` (`YYYY-MM-DD`, local) is stamped with:
/// `now` for today, local noon for an earlier day. `Required` when empty,
/// `OutOfRange` for something that is not a date or a day after today.
pub fn answered_at(
    date: &str,
    utc_offset_min: i32,
    now: Timestamp,
) -> Result<Timestamp, ErrorCode> {
    let date = date.trim();
    if date.is_empty() {
        return Err(ErrorCode::Required);
    }
    let day = (date.len() == 10)
        .then(|| Timestamp::parse(date))
        .flatten()
        .ok_or(ErrorCode::OutOfRange)?;
    let today = local_today(now, utc_offset_min);
    match date.cmp(today.as_str()) {
        std::cmp::Ordering::Greater => Err(ErrorCode::OutOfRange),
        std::cmp::Ordering::Equal => Ok(now),
        std::cmp::Ordering::Less => {
            Ok(day.plus_ms((12 * 60 - i64::from(utc_offset_min)) * MINUTE_MS))
        }
    }
}

/// Reads a score typed for `kind`: a whole number on its scale.
/// `Required` when empty, `OutOfRange` otherwise when it is not one.
pub fn parse_score(kind: SurveyKind, typed: &str) -> Result<u8, ErrorCode> {
    let t = typed.trim();
    if t.is_empty() {
        return Err(ErrorCode::Required);
    }
    let (lo, hi) = kind.range();
    t.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| t.parse::<u8>().ok())
        .flatten()
        .filter(|s| (lo..=hi).contains(s))
        .ok_or(ErrorCode::OutOfRange)
}

impl SurveyEntry {
    /// A blank entry of `kind` dated today.
    pub fn new(kind: SurveyKind, now: Timestamp, utc_offset_min: i32) -> Self {
        SurveyEntry {
            kind,
            score: String::new(),
            comment: String::new(),
            date: local_today(now, utc_offset_min),
            stage: None,
            channel: None,
            ticket_id: None,
        }
    }

    /// The stage the form proposes for the entry's date: the stage the
    /// contact was in then, else (a date before their first recorded stage,
    /// or a date not yet valid) their current stage.
    pub fn default_stage(&self, cx: &EntryContext) -> Option<String> {
        answered_at(&self.date, cx.utc_offset_min, cx.now)
            .ok()
            .and_then(|at| cx.path.stage_at(at))
            .or_else(|| cx.path.current())
            .map(str::to_owned)
    }

    /// The answer to store, or every field to fix (`score`, `answered_at`,
    /// `journey_stage`, named as in [`SurveyResponse`]).
    pub fn response(&self, cx: &EntryContext) -> Result<SurveyResponse, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let score = parse_score(self.kind, &self.score)
            .map_err(|c| errors.push("score", c))
            .ok();
        let at = answered_at(&self.date, cx.utc_offset_min, cx.now)
            .map_err(|c| errors.push("answered_at", c))
            .ok();
        let stage = match &self.stage {
            Some(s) if !cx.stage_ids.contains(&s.as_str()) => {
                errors.push("journey_stage", ErrorCode::UnknownStage);
                None
            }
            Some(s) => Some(s.clone()),
            None => self.default_stage(cx),
        };
        let (Some(score), Some(answered_at)) = (score, at) else {
            return Err(errors);
        };
        let answer = SurveyResponse {
            kind: self.kind,
            score,
            contact_id: cx.contact_id.to_owned(),
            account_id: cx.account_id.map(str::to_owned),
            ticket_id: self.ticket_id.clone().filter(|t| !t.trim().is_empty()),
            answered_at,
            journey_stage: stage,
            channel: self.channel,
            comment: self.comment.trim().to_owned(),
            extra: Default::default(),
        };
        errors.0.extend(answer.validate().0);
        if errors.is_empty() {
            Ok(answer)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-26 18:41 UTC = 2026-11-27 01:41 in Hà Nội (+07:00).
    fn now() -> Timestamp {
        Timestamp::parse("2026-11-26T18:41:00Z").unwrap()
    }

    const HANOI: i32 = 420;

    fn path() -> StagePath {
        StagePath::from_transitions(vec![
            (
                "awareness".into(),
                Timestamp::parse("2026-03-01T03:00:00Z").unwrap(),
            ),
            (
                "decision".into(),
                Timestamp::parse("2026-06-10T03:00:00Z").unwrap(),
            ),
            (
                "retention".into(),
                Timestamp::parse("2026-09-01T03:00:00Z").unwrap(),
            ),
        ])
    }

    const STAGES: [&str; 5] = [
        "awareness",
        "consideration",
        "decision",
        "retention",
        "advocacy",
    ];

    fn check(entry: &SurveyEntry) -> Result<SurveyResponse, ValidationErrors> {
        let p = path();
        let cx = EntryContext {
            contact_id: "contact:c1",
            account_id: Some("account:a1"),
            path: &p,
            stage_ids: &STAGES,
            utc_offset_min: HANOI,
            now: now(),
        };
        entry.response(&cx)
    }

    /// A blank entry of `kind` dated today in Hà Nội.
    fn entry(kind: SurveyKind) -> SurveyEntry {
        SurveyEntry::new(kind, now(), HANOI)
    }

    /// Chainable settings of a test entry, as typed.
    trait EntryFixture {
        fn score(self, score: &str) -> Self;
        fn date(self, date: &str) -> Self;
    }

    impl EntryFixture for SurveyEntry {
        fn score(mut self, score: &str) -> Self {
            self.score = score.into();
            self
        }
        fn date(mut self, date: &str) -> Self {
            self.date = date.into();
            self
        }
    }

    #[test]
    fn scores_must_be_whole_numbers_on_the_kinds_scale() {
        use SurveyKind::*;
        for (kind, ok, bad) in [
            (Nps, ["0", "10", " 7 "], ["11", "-1", "9.5"]),
            (Csat, ["1", "5", "4"], ["0", "6", "bốn"]),
            (Ces, ["1", "7", "3"], ["0", "8", "300"]),
        ] {
            for s in ok {
                assert!(parse_score(kind, s).is_ok(), "{kind:?} {s}");
            }
            for s in bad {
                assert_eq!(
                    parse_score(kind, s),
                    Err(ErrorCode::OutOfRange),
                    "{kind:?} {s}"
                );
            }
            assert_eq!(parse_score(kind, "  "), Err(ErrorCode::Required));
        }
        let e = check(&entry(Nps).score("11").date("2026-11-20")).unwrap_err();
        assert_eq!(e.get("score"), Some(ErrorCode::OutOfRange));
        assert_eq!(e.0.len(), 1, "{e:?}");
    }

    #[test]
    fn today_is_the_workspaces_day_and_later_days_are_refused() {
        // Already the 27th in Hà Nội while it is still the 26th in UTC.
        assert_eq!(local_today(now(), HANOI), "2026-11-27");
        assert_eq!(local_today(now(), 0), "2026-11-26");
        assert_eq!(answered_at("2026-11-27", HANOI, now()), Ok(now()));
        assert_eq!(
            answered_at("2026-11-28", HANOI, now()),
            Err(ErrorCode::OutOfRange)
        );
        assert_eq!(
            answered_at("2026-11-27", 0, now()),
            Err(ErrorCode::OutOfRange),
            "tomorrow in UTC"
        );
        // An earlier day: noon there, which is 05:00 UTC in Hà Nội.
        assert_eq!(
            answered_at("2026-10-05", HANOI, now()),
            Ok(Timestamp::parse("2026-10-05T05:00:00Z").unwrap())
        );
        assert_eq!(answered_at("", HANOI, now()), Err(ErrorCode::Required));
        for bad in [
            "2026-02-30",
            "05/10/2026",
            "2026-10-05T05:00:00Z",
            "hôm qua",
        ] {
            assert_eq!(
                answered_at(bad, HANOI, now()),
                Err(ErrorCode::OutOfRange),
                "{bad}"
            );
        }
        let e = check(&entry(SurveyKind::Csat).score("6").date("2027-01-01")).unwrap_err();
        assert_eq!(e.get("answered_at"), Some(ErrorCode::OutOfRange));
        assert_eq!(e.get("score"), Some(ErrorCode::OutOfRange));
    }

    #[test]
    fn the_stage_defaults_to_the_one_the_contact_was_in_that_day() {
        let p = path();
        let cx = EntryContext {
            contact_id: "contact:c1",
            account_id: None,
            path: &p,
            stage_ids: &STAGES,
            utc_offset_min: HANOI,
            now: now(),
        };
        let on = |date: &str| {
            entry(SurveyKind::Nps)
                .score("9")
                .date(date)
                .default_stage(&cx)
        };
        assert_eq!(on("2026-07-01").as_deref(), Some("decision"));
        assert_eq!(on("2026-03-01").as_deref(), Some("awareness"));
        assert_eq!(on("2026-11-27").as_deref(), Some("retention"));
        // Before the first recorded stage, or while the date is not valid: the current one.
        assert_eq!(on("2025-12-31").as_deref(), Some("retention"));
        assert_eq!(on("2099-01-01").as_deref(), Some("retention"));
        let a = check(&entry(SurveyKind::Nps).score("9").date("2026-07-01")).unwrap();
        assert_eq!(a.journey_stage.as_deref(), Some("decision"));
        // A stage chosen by hand wins; one outside the workspace's set is refused.
        let mut chosen = entry(SurveyKind::Nps).score("9").date("2026-07-01");
        chosen.stage = Some("advocacy".into());
        assert_eq!(
            check(&chosen).unwrap().journey_stage.as_deref(),
            Some("advocacy")
        );
        chosen.stage = Some("loyalty".into());
        assert_eq!(
            check(&chosen).unwrap_err().get("journey_stage"),
            Some(ErrorCode::UnknownStage)
        );
        let none = StagePath::default();
        let cx = EntryContext { path: &none, ..cx };
        assert_eq!(
            entry(SurveyKind::Ces)
                .score("2")
                .date("2026-07-01")
                .default_stage(&cx),
            None,
            "nobody knows their stage"
        );
    }

    #[test]
    fn a_valid_entry_becomes_the_answer_to_store() {
        let mut e = entry(SurveyKind::Csat).score(" 4 ").date("2026-10-05");
        e.comment = "  Nhân viên nhiệt tình  ".into();
        e.channel = Some(Channel::Phone);
        e.ticket_id = Some("ticket:k1".into());
        let a = check(&e).unwrap();
        assert_eq!(a.kind, SurveyKind::Csat);
        assert_eq!(a.score, 4);
        assert_eq!(a.contact_id, "contact:c1");
        assert_eq!(a.account_id.as_deref(), Some("account:a1"));
        assert_eq!(a.ticket_id.as_deref(), Some("ticket:k1"));
        assert_eq!(a.channel, Some(Channel::Phone));
        assert_eq!(a.comment, "Nhân viên nhiệt tình");
        assert_eq!(a.journey_stage.as_deref(), Some("retention"));
        assert_eq!(
            a.answered_at,
            Timestamp::parse("2026-10-05T05:00:00Z").unwrap()
        );
        assert!(a.validate().is_empty());
        let empty = SurveyEntry::new(SurveyKind::Nps, now(), HANOI);
        assert_eq!(empty.date, "2026-11-27");
        assert_eq!(
            check(&empty).unwrap_err().get("score"),
            Some(ErrorCode::Required)
        );
    }
}
