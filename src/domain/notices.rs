//! The follower's inbox: changes others made to followed records (edits field by
//! field, stage moves), newest first, including changes that arrived by sync later.

use crate::domain::records::{FieldChange, Follow, RecordChange, StageTransition};
use crate::domain::{Doc, RecordType, Timestamp};
use std::collections::HashMap;

/// What happened to a followed record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Fields were edited.
    Edited(Vec<FieldChange>),
    /// It moved between stages.
    Moved {
        /// Stage left.
        from: Option<String>,
        /// Stage entered.
        to: String,
    },
    /// Support flagged this opportunity and it was assigned to the follower
    /// (a record change whose `support_lead` field went from empty to the note).
    SupportLead {
        /// What support heard.
        note: String,
    },
}

/// One inbox entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The event document's id (also the read marker's key).
    pub key: String,
    /// The followed record.
    pub subject_id: String,
    /// When it happened.
    pub at: Timestamp,
    /// Who did it.
    pub by: String,
    /// What happened.
    pub kind: NoticeKind,
}

/// Notices for `follows` among event documents `docs` (record changes and stage
/// transitions; others are ignored). A change by the follower, or from before the
/// follow, is not news.
pub fn notices(follows: &[Follow], docs: &[Doc]) -> Vec<Notice> {
    let by_subject: HashMap<&str, &Follow> =
        follows.iter().map(|f| (f.subject_id.as_str(), f)).collect();
    let news = |subject: &str, at: Timestamp, by: &str| {
        by_subject
            .get(subject)
            .is_some_and(|f| at >= f.since && by != f.follower)
    };
    let mut out = Vec::new();
    for d in docs.iter().filter(|d| !d.deleted) {
        match d.record_type() {
            Some(RecordType::RecordChange) => {
                if let Ok(c) = d.record::<RecordChange>() {
                    if news(&c.subject_id, c.occurred_at, &c.by) {
                        let lead = c
                            .changes
                            .iter()
                            .find(|f| f.field == "support_lead" && f.from.is_empty());
                        let kind = match lead {
                            Some(f) => NoticeKind::SupportLead { note: f.to.clone() },
                            None => NoticeKind::Edited(c.changes),
                        };
                        out.push(Notice {
                            key: d.id.clone(),
                            subject_id: c.subject_id,
                            at: c.occurred_at,
                            by: c.by,
                            kind,
                        });
                    }
                }
            }
            Some(RecordType::StageTransition) => {
                if let Ok(t) = d.record::<StageTransition>() {
                    // A first entry is the record's creation, not a move.
                    if t.from_stage.is_some() && news(&t.subject_id, t.occurred_at, &t.by) {
                        out.push(Notice {
                            key: d.id.clone(),
                            subject_id: t.subject_id,
                            at: t.occurred_at,
                            by: t.by,
                            kind: NoticeKind::Moved {
                                from: t.from_stage,
                                to: t.to_stage,
                            },
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.key.cmp(&a.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::TransitionSubject;

    fn t(d: u32) -> Timestamp {
        Timestamp::from_ymd(2026, 11, d).unwrap()
    }

    /// A value edit (`change`) or a move from lead to proposal (`moved`) of a
    /// record, stored as document `local`: by nobody on the 1st until set.
    struct Event {
        local: String,
        subject: String,
        moved: bool,
        by: String,
        day: u32,
    }

    fn change(local: &str, subject: &str) -> Event {
        Event {
            local: local.into(),
            subject: subject.into(),
            moved: false,
            by: String::new(),
            day: 1,
        }
    }

    fn moved(local: &str, subject: &str) -> Event {
        Event {
            moved: true,
            ..change(local, subject)
        }
    }

    impl Event {
        fn by(mut self, who: &str) -> Self {
            self.by = who.into();
            self
        }

        /// On this day of November 2026.
        fn on(mut self, day: u32) -> Self {
            self.day = day;
            self
        }

        fn doc(self) -> Doc {
            let at = t(self.day);
            if self.moved {
                let m = StageTransition {
                    subject: TransitionSubject::Deal,
                    subject_id: self.subject,
                    from_stage: Some("lead".into()),
                    to_stage: "proposal".into(),
                    occurred_at: at,
                    by: self.by.clone(),
                    ..Default::default()
                };
                Doc::new(&self.local, &m, at, &self.by).unwrap()
            } else {
                let c = RecordChange {
                    subject_id: self.subject,
                    changes: vec![FieldChange {
                        field: "value".into(),
                        from: "1".into(),
                        to: "2".into(),
                    }],
                    occurred_at: at,
                    by: self.by.clone(),
                    ..Default::default()
                };
                Doc::new(&self.local, &c, at, &self.by).unwrap()
            }
        }
    }

    #[test]
    fn only_others_changes_to_followed_records_after_following() {
        let follows = vec![Follow {
            subject_id: "deal:d1".into(),
            follower: "lan".into(),
            since: t(10),
            extra: Default::default(),
        }];
        let docs = vec![
            change("x1", "deal:d1").by("minh").on(12).doc(),
            change("x2", "deal:d1").by("lan").on(13).doc(),
            change("x3", "deal:d2").by("minh").on(14).doc(),
            change("x4", "deal:d1").by("minh").on(9).doc(),
            moved("m1", "deal:d1").by("minh").on(15).doc(),
            moved("m2", "deal:d1").on(16).doc(),
        ];
        let n = notices(&follows, &docs);
        let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "stage_transition:m2",
                "stage_transition:m1",
                "record_change:x1"
            ]
        );
        assert!(matches!(&n[1].kind, NoticeKind::Moved { to, .. } if to == "proposal"));
        assert!(notices(&[], &docs).is_empty());
    }

    #[test]
    fn a_flagged_lead_is_its_own_notice_and_a_first_entry_is_none() {
        let follows = vec![Follow {
            subject_id: "deal:d9".into(),
            follower: "minh".into(),
            since: t(10),
            extra: Default::default(),
        }];
        let mut flagged = change("x9", "deal:d9").by("lan").on(10).doc();
        let mut c = flagged.record::<RecordChange>().unwrap();
        c.changes = vec![FieldChange {
            field: "support_lead".into(),
            from: String::new(),
            to: "20 more seats".into(),
        }];
        flagged.set_record(&c, t(10), "lan").unwrap();
        let mut created = moved("m9", "deal:d9").by("lan").on(10).doc();
        let mut m = created.record::<StageTransition>().unwrap();
        m.from_stage = None;
        created.set_record(&m, t(10), "lan").unwrap();
        let n = notices(&follows, &[flagged, created]);
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].kind,
            NoticeKind::SupportLead {
                note: "20 more seats".into()
            }
        );
    }
}
