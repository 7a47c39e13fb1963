use super::*;
use crate::domain::money::{Currency, NumberLocale};
use crate::domain::records::{
    Account, Activity, ActivityKind, Channel, Contact, Deal, Pipeline, StageTransition, SurveyKind,
    SurveyResponse,
};
use crate::domain::stages::StageSetPreset;
use crate::domain::{Doc, RecordType, Timestamp};
use std::collections::{HashMap, HashSet};

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
        contact_names: HashMap::from([
            (
                "nguyen van an".to_string(),
                vec![("contact:c1".to_string(), Some("account:a1".to_string()))],
            ),
            (
                "tran thi binh".to_string(),
                vec![("contact:c2".to_string(), None)],
            ),
            (
                "le chi".to_string(),
                vec![
                    ("contact:c3".to_string(), None),
                    ("contact:c4".to_string(), Some("account:a1".to_string())),
                ],
            ),
        ]),
        tickets: HashSet::from(["ticket:t1".to_string()]),
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

#[test]
fn survey_kinds_are_read_from_keys_names_and_vietnamese_words() {
    assert_eq!(parse_survey_kind("nps"), Some(SurveyKind::Nps));
    assert_eq!(parse_survey_kind("Net Promoter"), Some(SurveyKind::Nps));
    assert_eq!(
        parse_survey_kind("Net Promoter Score"),
        Some(SurveyKind::Nps)
    );
    assert_eq!(parse_survey_kind("CSAT"), Some(SurveyKind::Csat));
    assert_eq!(parse_survey_kind("Mức hài lòng"), Some(SurveyKind::Csat));
    assert_eq!(parse_survey_kind("muc do hai long"), Some(SurveyKind::Csat));
    assert_eq!(
        parse_survey_kind("Mức hài lòng (CSAT)"),
        Some(SurveyKind::Csat)
    );
    assert_eq!(
        parse_survey_kind("Customer Effort Score"),
        Some(SurveyKind::Ces)
    );
    assert_eq!(parse_survey_kind("mức độ nỗ lực"), Some(SurveyKind::Ces));
    assert_eq!(parse_survey_kind("NPS / CSAT"), None, "two kinds at once");
    assert_eq!(parse_survey_kind("loyalty"), None);
    assert_eq!(parse_survey_kind("cesar"), None, "not a word match");
}

#[test]
fn survey_answers_import_with_vietnamese_headers_and_contacts_by_email_or_name() {
    let csv = "Loại khảo sát,Điểm,Khách hàng,Ngày trả lời,Giai đoạn,Kênh,Nhận xét,Phiếu hỗ trợ\n\
        Net Promoter,9,AN@phatdat.vn,26/11/2026,Duy trì,email,Rất hài lòng,\n\
        mức hài lòng,4,TRAN THI BINH,2026-11-20,,live_chat,,ticket:t1\n\
        CES,7,Trần Thị Bính,2026-11-21T08:00:00Z,advocacy,,\"Nhanh, gọn\",t1\n\
        nps,0,nguyễn văn an,01/12/2026,,,,\n";
    let table = parse(csv.as_bytes()).unwrap();
    assert_eq!(
        guess_mapping(ImportKind::Surveys, &table.headers),
        vec![
            Some(0),
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(6),
            Some(7)
        ]
    );
    let (_, docs, rejected, new_accounts) = run(ImportKind::Surveys, csv);
    assert_eq!(rejected, vec![]);
    assert_eq!(new_accounts, 0);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "survey_response:s1",
            "survey_response:s2",
            "survey_response:s3",
            "survey_response:s4"
        ]
    );
    let got: Vec<SurveyResponse> = docs.iter().map(|d| d.record().unwrap()).collect();
    let answer = |kind, score, contact: &str, account: Option<&str>, at| SurveyResponse {
        kind,
        score,
        contact_id: contact.to_string(),
        account_id: account.map(str::to_string),
        ticket_id: None,
        answered_at: at,
        journey_stage: None,
        channel: None,
        comment: String::new(),
        extra: Default::default(),
    };
    let day = |y, m, d| Timestamp::from_ymd(y, m, d).unwrap();
    assert_eq!(
        got[0],
        SurveyResponse {
            journey_stage: Some("retention".into()),
            channel: Some(Channel::Email),
            comment: "Rất hài lòng".into(),
            ..answer(
                SurveyKind::Nps,
                9,
                "contact:c1",
                Some("account:a1"),
                day(2026, 11, 26)
            )
        },
        "found by email in another case; the account comes from the contact"
    );
    assert_eq!(
        got[1],
        SurveyResponse {
            channel: Some(Channel::LiveChat),
            ticket_id: Some("ticket:t1".into()),
            ..answer(SurveyKind::Csat, 4, "contact:c2", None, day(2026, 11, 20))
        },
        "found by name without diacritics"
    );
    assert_eq!(
        got[2],
        SurveyResponse {
            journey_stage: Some("advocacy".into()),
            ticket_id: Some("ticket:t1".into()),
            comment: "Nhanh, gọn".into(),
            ..answer(
                SurveyKind::Ces,
                7,
                "contact:c2",
                None,
                day(2026, 11, 21).plus_ms(8 * 3_600_000)
            )
        },
        "found by name with other diacritics (Bính for Bình); a bare ticket id"
    );
    assert_eq!(
        got[3],
        answer(
            SurveyKind::Nps,
            0,
            "contact:c1",
            Some("account:a1"),
            day(2026, 12, 1)
        ),
        "0 is a valid NPS score"
    );
}

#[test]
fn bad_survey_rows_are_rejected_with_their_reason_and_only_good_rows_import() {
    let csv = "survey,score,contact,date,stage,channel,comment,ticket\n\
        nps,10,an@phatdat.vn,26/11/2026,,,good 1,\n\
        nps,8,nobody@x.vn,26/11/2026,,,,\n\
        csat,6,an@phatdat.vn,26/11/2026,,,,\n\
        ces,0,an@phatdat.vn,26/11/2026,,,,\n\
        nps,7.5,an@phatdat.vn,26/11/2026,,,,\n\
        loyalty,11,an@phatdat.vn,26/11/2026,,,,\n\
        csat,5,an@phatdat.vn,26/11/26,,,,\n\
        nps,9,Lê Chi,26/11/2026,,,,\n\
        ces,3,Trần Thị Bình,26/11/2026,Mua hàng,,,\n\
        csat,5,Tran Thi Binh,2026-11-25,decision,phone,good 2,\n\
        nps,9,Nguyễn Văn An,26/11/2026,,,,ticket:nope\n\
        csat,5,an@phatdat.vn,26/11/2026,,pigeon,,\n\
        ,,,,,,only a comment,\n\
        ces,4,Phạm Vô Danh,26/11/2026,,,,\n";
    let (_, docs, rejected, _) = run(ImportKind::Surveys, csv);
    let err = |field, problem| RowError { field, problem };
    let got: Vec<(u64, Vec<RowError>)> = rejected
        .iter()
        .map(|r| (r.line, r.errors.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, vec![err("contact", Problem::NoContactMatches)]),
            (
                4,
                vec![err("score", Problem::ScoreOutOfRange { lo: 1, hi: 5 })]
            ),
            (
                5,
                vec![err("score", Problem::ScoreOutOfRange { lo: 1, hi: 7 })]
            ),
            (
                6,
                vec![err("score", Problem::ScoreOutOfRange { lo: 0, hi: 10 })]
            ),
            (7, vec![err("survey_kind", Problem::UnknownSurveyKind)],),
            (8, vec![err("answered_at", Problem::NotADate)]),
            (9, vec![err("contact", Problem::AmbiguousContact)]),
            (10, vec![err("stage", Problem::UnknownStage)]),
            (12, vec![err("ticket", Problem::UnknownTicket)]),
            (13, vec![err("channel", Problem::UnknownChannel)]),
            (
                14,
                vec![
                    err("survey_kind", Problem::Required),
                    err("score", Problem::Required),
                    err("contact", Problem::Required),
                    err("answered_at", Problem::Required),
                ]
            ),
            (15, vec![err("contact", Problem::NoContactMatches)]),
        ]
    );
    // Only lines 2 and 11 become records; nothing is written for the others.
    assert_eq!(docs.len(), 2);
    let good: Vec<SurveyResponse> = docs.iter().map(|d| d.record().unwrap()).collect();
    let summary: Vec<(SurveyKind, u8, &str, &str)> = good
        .iter()
        .map(|r| (r.kind, r.score, r.contact_id.as_str(), r.comment.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (SurveyKind::Nps, 10, "contact:c1", "good 1"),
            (SurveyKind::Csat, 5, "contact:c2", "good 2"),
        ]
    );
    assert_eq!(
        (good[1].journey_stage.as_deref(), good[1].channel),
        (Some("decision"), Some(Channel::Phone))
    );
}

#[test]
fn a_survey_file_whose_headers_match_nothing_rejects_every_row_as_missing_fields() {
    let csv = "foo,bar\n1,2\n3,4\n";
    let table = parse(csv.as_bytes()).unwrap();
    assert_eq!(
        guess_mapping(ImportKind::Surveys, &table.headers),
        vec![None; 8]
    );
    let (_, docs, rejected, _) = run(ImportKind::Surveys, csv);
    assert!(docs.is_empty());
    let missing = |r: &Rejected| -> Vec<(&'static str, Problem)> {
        r.errors.iter().map(|e| (e.field, e.problem)).collect()
    };
    let expected = vec![
        ("survey_kind", Problem::Required),
        ("score", Problem::Required),
        ("contact", Problem::Required),
        ("answered_at", Problem::Required),
    ];
    assert_eq!(rejected.len(), 2);
    assert_eq!(missing(&rejected[0]), expected);
    assert_eq!(missing(&rejected[1]), expected);
}
