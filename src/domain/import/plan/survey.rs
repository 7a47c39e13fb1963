//! Survey answers (NPS, CSAT, CES) from a file: each row names its contact by
//! email or by name, and the account comes from that contact.

use super::{parse_channel, parse_date, Planner, Problem, RowError};
use crate::domain::records::{SurveyKind, SurveyResponse};
use crate::domain::search::normalise;
use crate::domain::Doc;

/// Words a file may use for each survey kind (compared after normalisation).
const SURVEY_WORDS: &[(&str, SurveyKind)] = &[
    ("nps", SurveyKind::Nps),
    ("net promoter", SurveyKind::Nps),
    ("net promoter score", SurveyKind::Nps),
    ("promoter score", SurveyKind::Nps),
    ("chỉ số giới thiệu", SurveyKind::Nps),
    ("điểm giới thiệu", SurveyKind::Nps),
    ("mức sẵn lòng giới thiệu", SurveyKind::Nps),
    ("mức độ sẵn lòng giới thiệu", SurveyKind::Nps),
    ("csat", SurveyKind::Csat),
    ("customer satisfaction", SurveyKind::Csat),
    ("customer satisfaction score", SurveyKind::Csat),
    ("satisfaction", SurveyKind::Csat),
    ("hài lòng", SurveyKind::Csat),
    ("mức hài lòng", SurveyKind::Csat),
    ("mức độ hài lòng", SurveyKind::Csat),
    ("sự hài lòng", SurveyKind::Csat),
    ("ces", SurveyKind::Ces),
    ("customer effort", SurveyKind::Ces),
    ("customer effort score", SurveyKind::Ces),
    ("effort", SurveyKind::Ces),
    ("nỗ lực", SurveyKind::Ces),
    ("mức nỗ lực", SurveyKind::Ces),
    ("mức độ nỗ lực", SurveyKind::Ces),
    ("mức độ dễ dàng", SurveyKind::Ces),
];

/// A survey kind from its key (`nps`), its English name (`Net Promoter Score`)
/// or a Vietnamese phrase (`mức hài lòng`); a label that spells out its
/// abbreviation, like `Mức hài lòng (CSAT)`, is read by that abbreviation.
pub fn parse_survey_kind(s: &str) -> Option<SurveyKind> {
    let n = normalise(s);
    if let Some((_, k)) = SURVEY_WORDS.iter().find(|(w, _)| normalise(w) == n) {
        return Some(*k);
    }
    let mut named = n.split(' ').filter_map(|w| match w {
        "nps" => Some(SurveyKind::Nps),
        "csat" => Some(SurveyKind::Csat),
        "ces" => Some(SurveyKind::Ces),
        _ => None,
    });
    match (named.next(), named.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    }
}

impl Planner<'_> {
    /// The (contact id, account id) a cell names: an email, or a name matched
    /// without regard to case or diacritics.
    fn contact_named(&self, text: &str) -> Result<(String, Option<String>), Problem> {
        if text.contains('@') {
            return self
                .ctx
                .contacts
                .get(&text.to_lowercase())
                .cloned()
                .ok_or(Problem::NoContactMatches);
        }
        let key = normalise(text);
        match self.ctx.contact_names.get(&key).map(Vec::as_slice) {
            _ if key.is_empty() => Err(Problem::NoContactMatches),
            Some([one]) => Ok(one.clone()),
            Some([_, _, ..]) => Err(Problem::AmbiguousContact),
            _ => Err(Problem::NoContactMatches),
        }
    }

    pub(super) fn survey(
        &mut self,
        i: usize,
        errors: &mut Vec<RowError>,
    ) -> Result<Vec<Doc>, Vec<RowError>> {
        let mut fail = |field: &'static str, problem: Problem| {
            errors.push(RowError { field, problem });
        };
        let kind_text = self.cell(i, "survey_kind");
        let kind = parse_survey_kind(kind_text);
        if kind.is_none() && !kind_text.is_empty() {
            fail("survey_kind", Problem::UnknownSurveyKind);
        }
        // The scale depends on the kind: with an unknown kind the score is not judged.
        let score_text = self.cell(i, "score");
        let score = kind.and_then(|k| {
            let (lo, hi) = k.range();
            let score = score_text
                .parse::<u8>()
                .ok()
                .filter(|s| (lo..=hi).contains(s));
            if score.is_none() && !score_text.is_empty() {
                fail("score", Problem::ScoreOutOfRange { lo, hi });
            }
            score
        });
        let contact_text = self.cell(i, "contact");
        let contact = if contact_text.is_empty() {
            None
        } else {
            self.contact_named(contact_text)
                .map_err(|p| fail("contact", p))
                .ok()
        };
        let when_text = self.cell(i, "answered_at");
        let when = parse_date(when_text);
        if when.is_none() && !when_text.is_empty() {
            fail("answered_at", Problem::NotADate);
        }
        let stage_text = self.cell(i, "stage");
        let stage = self.stage_id(stage_text);
        if stage.is_none() && !stage_text.is_empty() {
            fail("stage", Problem::UnknownStage);
        }
        let channel_text = self.cell(i, "channel");
        let channel = parse_channel(channel_text);
        if channel.is_none() && !channel_text.is_empty() {
            fail("channel", Problem::UnknownChannel);
        }
        let ticket_text = self.cell(i, "ticket");
        let ticket = if ticket_text.is_empty() {
            None
        } else {
            let id = if ticket_text.starts_with("ticket:") {
                ticket_text.to_string()
            } else {
                format!("ticket:{ticket_text}")
            };
            if !self.ctx.tickets.contains(&id) {
                fail("ticket", Problem::UnknownTicket);
            }
            Some(id)
        };
        let (Some(kind), Some(score), Some((contact_id, account_id)), Some(when)) =
            (kind, score, contact, when)
        else {
            return Ok(Vec::new());
        };
        if !errors.is_empty() {
            return Ok(Vec::new());
        }
        let r = SurveyResponse {
            kind,
            score,
            contact_id,
            account_id,
            ticket_id: ticket,
            answered_at: when,
            journey_stage: stage,
            channel,
            comment: self.cell(i, "comment").into(),
            extra: Default::default(),
        };
        Ok(vec![self.doc("s", &r)?])
    }
}
