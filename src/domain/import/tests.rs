use super::*;
use crate::domain::money::{Currency, NumberLocale};
use crate::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, Deal, Pipeline, StageTransition,
};
use crate::domain::stages::StageSetPreset;
use crate::domain::{Doc, RecordType, Timestamp};
use std::collections::HashMap;

fn ctx() -> Context {
    let pipeline: Pipeline = serde_json::from_value(serde_json::json!({
        "name": "Bán hàng B2B",
        "stages": [{"id": "lead", "name": "Tiềm năng", "probability": 10}, {"id": "proposal", "name": "Báo giá", "probability": 50}]
    }))
    .unwrap();
    Context {
        accounts: HashMap::from([(
            crate::domain::search::normalise("Công ty Phát Đạt"),
            "account:a1".to_string(),
        )]),
        contacts: HashMap::from([(
            "an@phatdat.vn".to_string(),
            ("contact:c1".to_string(), Some("account:a1".to_string())),
        )]),
        stages: StageSetPreset::Classic.stages(),
        pipelines: vec![("pipeline:p1".into(), pipeline)],
        currency: Currency::Vnd,
        locale: NumberLocale::Vi,
        now: Timestamp::from_ymd(2026, 11, 26).unwrap(),
        author: "lan".into(),
    }
}

fn run(kind: ImportKind, csv: &str) -> (Table, Vec<Doc>, Vec<Rejected>, usize) {
    let table = parse(csv.as_bytes()).unwrap();
    let mapping = guess_mapping(kind, &table.headers);
    let (docs, rejected, new_accounts) = {
        let mut n = 0;
        let p = Planner::new(&table, kind, mapping, ctx(), move |prefix| {
            n += 1;
            format!("{prefix}{n}")
        })
        .all();
        (p.docs, p.rejected, p.new_accounts)
    };
    (table, docs, rejected, new_accounts)
}

#[test]
fn reads_bom_vietnamese_quotes_newlines_and_blank_lines() {
    let csv = "\u{feff}Họ tên,Ghi chú\r\n\"Nguyễn Văn An\",\"Hà Nội, Việt Nam\"\r\n\r\n\"Trần \"\"Bé\"\" Bình\",\"dòng 1\ndòng 2\"\r\nChỉ tên\r\n";
    let t = parse(csv.as_bytes()).unwrap();
    assert_eq!(t.headers, vec!["Họ tên", "Ghi chú"]);
    assert_eq!(t.rows[0], vec!["Nguyễn Văn An", "Hà Nội, Việt Nam"]);
    assert_eq!(t.rows[1], vec!["Trần \"Bé\" Bình", "dòng 1\ndòng 2"]);
    assert_eq!(t.rows[2], vec!["Chỉ tên", ""], "short rows are padded");
    assert_eq!(
        t.lines,
        vec![2, 4, 6],
        "line numbers count the blank line and the newline inside quotes"
    );
}

#[test]
fn guesses_the_delimiter_and_refuses_broken_files() {
    let t = parse("name;email\nAn;an@x.vn\n".as_bytes()).unwrap();
    assert_eq!(t.rows[0], vec!["An", "an@x.vn"]);
    let tabs = parse("name\temail\nAn\tan@x.vn\n".as_bytes()).unwrap();
    assert_eq!(tabs.rows[0][1], "an@x.vn");
    assert_eq!(parse(b""), Err(TableError::Empty));
    assert_eq!(parse(b"name,email\n\n"), Err(TableError::Empty));
    assert_eq!(
        parse(b"name\nAn\nB\xe0i\n"),
        Err(TableError::NotUtf8 { line: 3 }),
        "a Windows-1258 file"
    );
    assert_eq!(
        parse(b"name,Name\nx,y\n"),
        Err(TableError::DuplicateHeader("Name".into()))
    );
}

#[test]
fn maps_english_and_vietnamese_headers() {
    let headers: Vec<String> = [
        "Họ và tên",
        "Email",
        "SĐT",
        "Cong ty",
        "utm_source",
        "Ghi chu",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let m = guess_mapping(ImportKind::Contacts, &headers);
    let at = |key: &str| {
        m[fields(ImportKind::Contacts)
            .iter()
            .position(|f| f.key == key)
            .unwrap()]
    };
    assert_eq!(at("name"), Some(0));
    assert_eq!(at("email"), Some(1));
    assert_eq!(at("phone"), Some(2));
    assert_eq!(at("account"), Some(3));
    assert_eq!(at("source"), Some(4));
    assert_eq!(at("title"), None);
}

#[test]
fn three_bad_rows_are_reported_exactly_and_the_rest_planned() {
    let csv = "name,email,company,stage,utm_source,utm_medium\n\
        Nguyễn Văn An,an2@x.vn,Công ty Phát Đạt,Cân nhắc,facebook,cpc\n\
        ,missing@x.vn,,,,\n\
        Trần Bình,not-an-email,Acme,,,\n\
        Lê Chi,chi@x.vn,Acme,Purchase,,\n\
        Phạm Dũng,dung@x.vn,acme,awareness,,\n\
        Võ Em,em@x.vn,Acme,,,\n";
    let (_, docs, rejected, new_accounts) = run(ImportKind::Contacts, csv);
    let lines: Vec<u64> = rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 4, 5]);
    assert_eq!(
        rejected[0].errors,
        vec![RowError {
            field: "name",
            problem: Problem::Required
        }]
    );
    assert_eq!(
        rejected[1].errors,
        vec![RowError {
            field: "email",
            problem: Problem::InvalidEmail
        }]
    );
    assert_eq!(
        rejected[2].errors,
        vec![RowError {
            field: "stage",
            problem: Problem::UnknownStage
        }]
    );
    // Two contacts, each with a stage transition, plus one new account "Acme" (once).
    let types: Vec<RecordType> = docs.iter().filter_map(|d| d.record_type()).collect();
    assert_eq!(
        types,
        vec![
            RecordType::Contact,
            RecordType::StageTransition,
            RecordType::Account,
            RecordType::Contact,
            RecordType::StageTransition,
            RecordType::Contact
        ]
    );
    assert_eq!(new_accounts, 1);
    let an: Contact = docs[0].record().unwrap();
    assert_eq!(
        an.account_id.as_deref(),
        Some("account:a1"),
        "an existing account, matched without diacritics"
    );
    assert_eq!(
        an.source
            .as_ref()
            .map(|s| (s.source.as_str(), s.medium.as_str())),
        Some(("facebook", "cpc"))
    );
    let to: StageTransition = docs[1].record().unwrap();
    assert_eq!(to.to_stage, "consideration", "a Vietnamese stage label");
    let acme: Account = docs[2].record().unwrap();
    let dung: Contact = docs[3].record().unwrap();
    let em: Contact = docs[5].record().unwrap();
    assert_eq!(
        acme.name, "acme",
        "made for the first valid row that names it"
    );
    assert_eq!(dung.account_id.as_ref(), Some(&docs[2].id));
    assert_eq!(
        em.account_id.as_ref(),
        Some(&docs[2].id),
        "'Acme' reuses the account made for 'acme'"
    );
}

#[test]
fn rejected_rows_download_with_their_reasons() {
    let csv = "name,email\n,x@y.vn\n\"Bình, Trần\",bad\n";
    let (table, _, rejected, _) = run(ImportKind::Contacts, csv);
    let out = rejected_csv(
        &table,
        &rejected,
        |e| format!("{}: {:?}", e.field, e.problem),
        "Lỗi",
    );
    assert_eq!(out, "\u{feff}name,email,Lỗi\r\n,x@y.vn,name: Required\r\n\"Bình, Trần\",bad,email: InvalidEmail\r\n");
}

#[test]
fn deals_read_amounts_written_either_way_and_pipeline_stage_names() {
    let csv = "title,value,stage,contact email,expected close\n\
        Gói A,1.500.000,Tiềm năng,an@phatdat.vn,31/12/2026\n\
        Gói B,\"2,000,000\",proposal,,2027-01-15\n\
        Gói C,abc,Báo giá,,\n\
        Gói D,100,Won,nobody@x.vn,32/01/2026\n";
    let (_, docs, rejected, _) = run(ImportKind::Deals, csv);
    let a: Deal = docs[0].record().unwrap();
    assert_eq!((a.value.amount, a.stage_id.as_str()), (1_500_000, "lead"));
    assert_eq!(a.contact_id.as_deref(), Some("contact:c1"));
    assert_eq!(
        a.account_id.as_deref(),
        Some("account:a1"),
        "the contact's account"
    );
    assert_eq!(a.expected_close, Timestamp::from_ymd(2026, 12, 31));
    let b: Deal = docs[1].record().unwrap();
    assert_eq!(b.value.amount, 2_000_000);
    assert_eq!(rejected.len(), 2);
    assert_eq!(
        rejected[0].errors,
        vec![RowError {
            field: "value",
            problem: Problem::NotANumber
        }]
    );
    let problems: Vec<Problem> = rejected[1].errors.iter().map(|e| e.problem).collect();
    assert_eq!(
        problems,
        vec![
            Problem::UnknownStage,
            Problem::NotADate,
            Problem::UnknownContact
        ]
    );
}

#[test]
fn activities_need_a_kind_a_date_a_stage_and_someone() {
    let csv = "kind,date,stage,emotion,contact email,company,notes\n\
        Cuộc gọi,26/11/2026,decision,+2,an@phatdat.vn,,Chốt lịch demo\n\
        field_visit,2026-11-20T09:30:00Z,retention,-1,,Công ty Phát Đạt,\n\
        dance,2026-11-20,retention,0,an@phatdat.vn,,\n\
        call,2026-11-20,retention,5,,,\n";
    let (_, docs, rejected, _) = run(ImportKind::Activities, csv);
    assert_eq!(docs.len(), 2);
    let a: Activity = docs[0].record().unwrap();
    assert_eq!(
        (a.kind, a.channel, a.emotion),
        (ActivityKind::Call, Channel::Phone, 2)
    );
    assert_eq!(a.account_id.as_deref(), Some("account:a1"));
    let b: Activity = docs[1].record().unwrap();
    assert_eq!(
        (b.kind, b.channel, b.contact_id.as_deref()),
        (ActivityKind::FieldVisit, Channel::Field, None)
    );
    assert_eq!(
        rejected[0].errors,
        vec![RowError {
            field: "kind",
            problem: Problem::UnknownKind
        }]
    );
    let p: Vec<Problem> = rejected[1].errors.iter().map(|e| e.problem).collect();
    assert_eq!(p, vec![Problem::OutOfRange, Problem::NeedsContactOrAccount]);
    assert_eq!(parse_kind("Field visit"), Some(ActivityKind::FieldVisit));
    assert_eq!(parse_channel("Live chat"), Some(Channel::LiveChat));
}

#[test]
fn a_churn_row_needs_its_reason() {
    let csv = "kind,date,stage,contact email,reason\n\
        churn,26/11/2026,retention,an@phatdat.vn,Giá cao\n\
        churn,26/11/2026,retention,an@phatdat.vn,\n";
    let (_, docs, rejected, _) = run(ImportKind::Activities, csv);
    assert_eq!(docs.len(), 1);
    let a: Activity = docs[0].record().unwrap();
    assert_eq!(
        (a.kind, a.reason.as_str()),
        (ActivityKind::Churn, "Giá cao")
    );
    assert_eq!(
        rejected[0].errors,
        vec![RowError {
            field: "reason",
            problem: Problem::Required
        }]
    );
}
