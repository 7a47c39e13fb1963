//! The account a record belongs to, for records stored without one. A partner's
//! database is filled on the server by a Mango selector on `account_id` (see
//! [`super::team::partner_selector`]): a deal, touchpoint, ticket, survey answer,
//! stage move or edit that lacks it would never reach the partner. Records
//! written by earlier versions, imported or synced from elsewhere may lack it;
//! it is derived here from what they name (their deal, ticket or contact, or the
//! record an edit or a move is about), the same way for every record type.

use super::doc::Doc;
use super::Timestamp;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Record types that belong to an account through `account_id`.
const BELONGING: [&str; 7] = [
    "contact",
    "deal",
    "stage_transition",
    "activity",
    "ticket",
    "survey_response",
    "record_change",
];

/// Fields naming another record, in the order they decide the account.
const REFERENCES: [&str; 4] = ["deal_id", "ticket_id", "contact_id", "subject_id"];

fn text<'a>(body: &'a Map<String, Value>, field: &str) -> Option<&'a str> {
    body.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn kind(id: &str) -> &str {
    id.split_once(':').map_or("", |(t, _)| t)
}

/// Each record without an account that can be given one, with that account's id.
pub fn missing_accounts(docs: &[Doc]) -> Vec<(String, String)> {
    let by_id: HashMap<&str, &Map<String, Value>> = docs
        .iter()
        .filter(|d| !d.deleted)
        .map(|d| (d.id.as_str(), &d.body))
        .collect();
    // A contact's account is stored; a deal's or a ticket's is stored or its contact's.
    let account_of = |id: &str| -> Option<String> {
        match kind(id) {
            "account" => return by_id.contains_key(id).then(|| id.to_string()),
            "contact" | "deal" | "ticket" => {}
            _ => return None,
        }
        let body = by_id.get(id)?;
        if let Some(a) = text(body, "account_id") {
            return Some(a.to_string());
        }
        let contact = text(body, "contact_id").filter(|_| kind(id) != "contact")?;
        text(by_id.get(contact)?, "account_id").map(str::to_string)
    };
    docs.iter()
        .filter(|d| !d.deleted && BELONGING.contains(&kind(&d.id)))
        .filter(|d| text(&d.body, "account_id").is_none())
        .filter_map(|d| {
            let account = REFERENCES
                .iter()
                .filter_map(|field| text(&d.body, field))
                .find_map(&account_of)?;
            Some((d.id.clone(), account))
        })
        .collect()
}

/// The next revision of `doc` with its account `account`, by `by` at `now`.
pub fn with_account(doc: &Doc, account: &str, now: Timestamp, by: &str) -> Doc {
    let mut next = doc.clone();
    next.body.insert("account_id".into(), account.into());
    next.body
        .insert("updated_at".into(), now.to_string().into());
    next.body.insert("updated_by".into(), by.into());
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Doc {
        Doc::from_json(v).unwrap()
    }

    fn workspace() -> Vec<Doc> {
        vec![
            doc(json!({"_id": "account:a1", "type": "account", "name": "Hưng Thịnh"})),
            doc(
                json!({"_id": "contact:c1", "type": "contact", "name": "Lan", "account_id": "account:a1"}),
            ),
            doc(json!({"_id": "contact:c2", "type": "contact", "name": "Minh"})),
            // A deal stored without its account, through its contact.
            doc(
                json!({"_id": "deal:d1", "type": "deal", "title": "Gói 1", "contact_id": "contact:c1"}),
            ),
        ]
    }

    #[test]
    fn each_record_gets_the_account_of_what_it_names() {
        let mut docs = workspace();
        docs.extend([
            doc(json!({"_id": "activity:t1", "type": "activity", "deal_id": "deal:d1"})),
            doc(json!({"_id": "ticket:k1", "type": "ticket", "contact_id": "contact:c1"})),
            doc(
                json!({"_id": "survey_response:s1", "type": "survey_response",
                       "contact_id": "contact:c2", "ticket_id": "ticket:k1"}),
            ),
            doc(
                json!({"_id": "stage_transition:m1", "type": "stage_transition",
                       "subject_id": "deal:d1"}),
            ),
            doc(json!({"_id": "record_change:e1", "type": "record_change",
                       "subject_id": "account:a1"})),
        ]);
        let mut got = missing_accounts(&docs);
        got.sort();
        let want: Vec<(String, String)> = [
            "activity:t1",
            "deal:d1",
            "record_change:e1",
            "stage_transition:m1",
            "survey_response:s1",
            "ticket:k1",
        ]
        .iter()
        .map(|id| (id.to_string(), "account:a1".to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn records_with_an_account_or_none_to_find_are_left_alone() {
        let mut docs = workspace();
        docs.extend([
            doc(
                json!({"_id": "activity:t2", "type": "activity", "contact_id": "contact:c1",
                       "account_id": "account:other"}),
            ),
            doc(json!({"_id": "activity:t3", "type": "activity", "contact_id": "contact:c2"})),
            doc(json!({"_id": "activity:t4", "type": "activity", "contact_id": "contact:gone"})),
            doc(
                json!({"_id": "persona:p1", "type": "persona", "name": "Chủ cửa hàng",
                       "contact_id": "contact:c1"}),
            ),
            doc(json!({"_id": "record_change:e2", "type": "record_change",
                       "subject_id": "account:gone"})),
        ]);
        let got = missing_accounts(&docs);
        assert_eq!(got, vec![("deal:d1".to_string(), "account:a1".to_string())]);
    }

    #[test]
    fn tombstones_are_neither_given_an_account_nor_used_to_find_one() {
        let mut docs = workspace();
        docs[1].deleted = true;
        let mut gone = doc(json!({"_id": "activity:t5", "type": "activity", "deal_id": "deal:d1"}));
        gone.deleted = true;
        docs.push(gone);
        assert!(missing_accounts(&docs).is_empty());
    }
}
