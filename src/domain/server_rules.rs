//! Keeps the team server's rules in step with the app: `_design/waypoint`
//! (server/waypoint-design.json, built from server/waypoint-design.js and
//! tested under Node by server/validate.test.js) must know every record type,
//! and the fixtures both sides are tested with must mean to the app what they
//! mean to the server. See docs/team-server.md.

use super::doc::Doc;
use super::records::RecordType;
use super::time::Timestamp;
use serde_json::Value;
use std::collections::BTreeSet;

const DESIGN: &str = include_str!("../../server/waypoint-design.json");
const SOURCE: &str = include_str!("../../server/waypoint-design.js");
const VALID: &str = include_str!("../../server/fixtures/valid-docs.json");
const INVALID: &str = include_str!("../../server/fixtures/invalid-docs.json");
const NOT_MIRRORED: &str = include_str!("../../server/fixtures/not-mirrored.json");

/// The `validate_doc_update` source as installed.
fn validate_fn() -> String {
    let design: Value = serde_json::from_str(DESIGN).expect("waypoint-design.json is JSON");
    assert_eq!(design["_id"], "_design/waypoint");
    design["validate_doc_update"]
        .as_str()
        .expect("validate_doc_update is a string")
        .to_owned()
}

/// The strings of the array literal `var <name> = [...]` in `src`.
fn js_list(src: &str, name: &str) -> BTreeSet<String> {
    let head = format!("var {name} = [");
    let start = src.find(&head).unwrap_or_else(|| panic!("no {head}")) + head.len() - 1;
    let end = start + src[start..].find(']').expect("the list ends");
    serde_json::from_str::<Vec<String>>(&src[start..=end])
        .unwrap_or_else(|e| panic!("{name} is a list of strings: {e}"))
        .into_iter()
        .collect()
}

fn docs(text: &str) -> Vec<Value> {
    serde_json::from_str(text).expect("fixture is a JSON list")
}

/// Does not compile when a record type is added: add it to `RecordType::ALL`,
/// to `RECORD_TYPES` in server/waypoint-design.js (with its field checks), and
/// a document of it to server/fixtures/valid-docs.json.
fn listed(t: RecordType) -> bool {
    match t {
        RecordType::Account
        | RecordType::Contact
        | RecordType::Deal
        | RecordType::Pipeline
        | RecordType::Activity
        | RecordType::StageTransition
        | RecordType::Ticket
        | RecordType::SurveyResponse
        | RecordType::Persona
        | RecordType::JourneyMap
        | RecordType::Settings
        | RecordType::RecordChange
        | RecordType::Follow
        | RecordType::MapSnapshot
        | RecordType::Period => RecordType::ALL.contains(&t),
    }
}

#[test]
fn the_server_knows_every_record_type_and_no_other() {
    let known = js_list(&validate_fn(), "RECORD_TYPES");
    let app: BTreeSet<String> = RecordType::ALL
        .into_iter()
        .inspect(|t| assert!(listed(*t)))
        .map(|t| t.as_str().to_owned())
        .collect();
    for t in &app {
        assert!(
            known.contains(t),
            "_design/waypoint does not know the type {t:?}"
        );
    }
    assert_eq!(known, app);
}

#[test]
fn admin_only_types_are_settings_pipelines_and_members() {
    let admin = js_list(&validate_fn(), "ADMIN_TYPES");
    let expected: BTreeSet<String> = [
        RecordType::Settings.as_str(),
        RecordType::Pipeline.as_str(),
        "members",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(admin, expected);
    assert!(
        RecordType::parse("members").is_none(),
        "members became a record type: check its rules"
    );
}

#[test]
fn the_design_document_is_built_from_the_source() {
    // The same check as `node server/build-design.js --check`, for the function.
    let f = validate_fn();
    let body = f
        .strip_prefix("function(newDoc, oldDoc, userCtx, secObj) {")
        .expect("an anonymous function of CouchDB's four arguments");
    let in_source =
        format!("function validate_doc_update(newDoc, oldDoc, userCtx, secObj) {{{body}");
    assert!(
        SOURCE.contains(&in_source),
        "server/waypoint-design.json is stale: run node server/build-design.js"
    );
    let design: Value = serde_json::from_str(DESIGN).unwrap();
    let version = design["version"].as_str().expect("a version");
    assert!(SOURCE.contains(&format!("var version = {version:?};")));
}

#[test]
fn valid_fixtures_are_valid_to_the_app_and_cover_every_type() {
    let mut types = BTreeSet::new();
    for json in docs(VALID) {
        assert!(
            json["updated_by"].is_string(),
            "every revision names its author"
        );
        let doc = Doc::from_json(json).expect("a document");
        doc.validate()
            .unwrap_or_else(|e| panic!("{}: the app refuses it: {e}", doc.id));
        if !doc.deleted {
            types.insert(doc.record_type().expect("a known type"));
        }
    }
    assert_eq!(
        types.len(),
        RecordType::ALL.len(),
        "one valid document per type"
    );
}

#[test]
fn tombstones_carry_type_and_author_as_the_server_expects() {
    let deal = docs(VALID)
        .into_iter()
        .find(|d| d["_id"] == "deal:d1")
        .unwrap();
    let t = Doc::from_json(deal).unwrap().tombstone(Timestamp(0), "lan");
    let json = t.to_json();
    assert_eq!(json["_deleted"], true);
    assert_eq!(json["type"], "deal");
    assert_eq!(json["updated_by"], "lan");
    // `account_id` stays so that a partner's replication (selecting by it)
    // carries the deletion to the partner.
    let keys: Vec<&String> = t.body.keys().collect();
    assert_eq!(keys, ["account_id", "type", "updated_at", "updated_by"]);
    let fixture = docs(VALID)
        .into_iter()
        .find(|d| d["_deleted"] == true)
        .expect("a tombstone fixture");
    let mut fixture_keys: Vec<&str> = fixture
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|k| !k.starts_with('_'))
        .collect();
    fixture_keys.sort_unstable();
    assert_eq!(
        fixture_keys,
        ["account_id", "type", "updated_at", "updated_by"]
    );
}

#[test]
fn invalid_fixtures_are_refused_by_the_app_too() {
    for case in docs(INVALID) {
        let field = case["field"].as_str().unwrap();
        let doc = Doc::from_json(case["doc"].clone()).expect("a document");
        assert!(
            doc.validate().is_err(),
            "{} ({field}): the server refuses it but the app accepts it",
            doc.id
        );
    }
}

#[test]
fn what_the_server_does_not_check_the_app_still_refuses() {
    // server/fixtures/not-mirrored.json: accepted by the server (tested under
    // Node), refused here, as listed in the function's comment.
    for case in docs(NOT_MIRRORED) {
        let doc = Doc::from_json(case["doc"].clone()).expect("a document");
        assert!(doc.validate().is_err(), "{}", case["why"]);
    }
}
