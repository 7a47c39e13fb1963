//! Hostile input (issue "Benchmarks and hardening"): every parser that reads
//! what a person, a CSV file or a server sends gets arbitrary input and must
//! answer with a value or a clear error, never a panic (a panic in wasm stops
//! the whole app). Property tests with proptest; shapes near the valid ones
//! (documents, `_changes` pages, CSV files with real headers) reach deeper code
//! than uniform noise would.

use crate::domain::import::{self, guess_mapping, Context, ImportKind, Planner};
use crate::domain::money::{Currency, Money, NumberLocale};
use crate::domain::{replication, Doc, Timestamp};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Strings with the characters that break naive parsers: separators, quotes,
/// multi-byte letters, combining marks, RTL overrides, zero-width characters.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[ -~]{0,6}",
        Just("ệ".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just("\r\n".to_string()),
        Just(":".to_string()),
        Just("-".to_string()),
        Just("%".to_string()),
        Just("<script>".to_string()),
        "[0-9]{1,12}",
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

/// Any JSON value, a few levels deep, with CouchDB's special keys likely.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        nasty().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        let key = prop_oneof![
            "[a-z_]{1,10}",
            Just("_id".to_string()),
            Just("_rev".to_string()),
            Just("_deleted".to_string()),
            Just("_revisions".to_string()),
            Just("type".to_string()),
            Just("ok".to_string()),
            Just("docs".to_string()),
            Just("results".to_string()),
            Just("changes".to_string()),
            Just("seq".to_string()),
            Just("last_seq".to_string()),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A document-shaped object: a typed id and type, then arbitrary fields.
fn doc_like() -> impl Strategy<Value = Value> {
    let types = prop::sample::select(
        crate::domain::RecordType::ALL
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>(),
    );
    (types, nasty(), json_value(), json_value()).prop_map(|(t, local, a, b)| {
        let mut m = match a {
            Value::Object(m) => m,
            other => Map::from_iter([("x".to_string(), other)]),
        };
        m.insert("_id".into(), json!(format!("{t}:{local}")));
        m.insert("type".into(), json!(t));
        m.insert("schema".into(), json!(1));
        m.insert("name".into(), b);
        Value::Object(m)
    })
}

fn context() -> Context {
    Context::empty(Timestamp::from_ymd(2026, 11, 26).unwrap(), "fuzz")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_bytes_never_panic_and_rows_are_padded(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(t) = import::parse(&bytes) {
            prop_assert_eq!(t.rows.len(), t.lines.len());
            for row in &t.rows {
                prop_assert!(row.len() >= t.headers.len());
            }
        }
    }

    #[test]
    fn every_import_kind_plans_any_table_without_panicking(
        kind in prop::sample::select(ImportKind::ALL.to_vec()),
        cells in prop::collection::vec(prop::collection::vec(nasty(), 6), 0..8),
    ) {
        let headers = import::fields(kind).iter().map(|f| f.key).take(6).collect::<Vec<_>>().join(",");
        let mut csv = headers + "\n";
        for row in &cells {
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            csv.push_str(&quoted.join(","));
            csv.push('\n');
        }
        if let Ok(table) = import::parse(csv.as_bytes()) {
            let mapping = guess_mapping(kind, &table.headers);
            let mut n = 0;
            let p = Planner::new(&table, kind, mapping, context(), move |prefix| {
                n += 1;
                format!("{prefix}{n}")
            })
            .all();
            // Every row is either accepted or rejected with its reasons.
            prop_assert_eq!(p.accepted + p.rejected.len(), table.rows.len());
            for d in &p.docs {
                prop_assert!(d.validate().is_ok(), "an accepted row made an invalid document");
            }
        }
    }

    #[test]
    fn urls_and_queries_never_panic(s in nasty(), prefix in prop::sample::select(vec!["", "http://", "https://x.vn/?", "https://a.b/p?utm_source=", "javascript:"])) {
        let input = format!("{prefix}{s}");
        if let Ok(u) = crate::domain::lead_source::WebUrl::parse(&input) {
            let _ = crate::domain::lead_source::has_campaign_params(&u);
            let _ = crate::domain::lead_source::source_of_visit(&u, None, Timestamp(0));
        }
        let _ = crate::domain::lead_source::parse_query(&input);
    }

    #[test]
    fn documents_from_a_server_never_panic(v in prop_oneof![doc_like(), json_value()]) {
        if let Ok(doc) = Doc::from_json(v) {
            let _ = doc.validate();
            let _ = doc.record_type();
            // What was accepted reads back the same.
            prop_assert!(Doc::from_json(doc.to_json()).is_ok());
        }
    }

    #[test]
    fn replication_replies_never_panic(v in json_value()) {
        let _ = replication::parse_changes(&v);
        let _ = replication::parse_revs_diff(&v);
        let _ = replication::parse_bulk_get(&v);
        let _ = replication::parse_revision(&v);
    }

    #[test]
    fn typed_values_never_panic(s in nasty()) {
        let _ = Timestamp::parse(&s);
        let _ = import::parse_date(&s);
        let _ = import::parse_channel(&s);
        let _ = import::parse_kind(&s);
        let _ = import::parse_survey_kind(&s);
        for cur in [Currency::Vnd, Currency::Usd] {
            for l in [NumberLocale::Vi, NumberLocale::En] {
                let _ = Money::parse(&s, cur, l);
                let _ = crate::domain::growth::parse_number(&s, l);
            }
        }
        let _ = crate::domain::sla::parse_offset(&s);
        let _ = crate::domain::sla::parse_hhmm(&s);
        let _ = crate::domain::sla::parse_hours(&s);
        let _ = crate::domain::search::normalise(&s);
    }
}
