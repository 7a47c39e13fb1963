//! What each kind of import can fill, and which CSV column probably holds each
//! field (header names in English or Vietnamese, with or without diacritics).

use crate::domain::search::normalise;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// People.
    Contacts,
    /// Companies.
    Accounts,
    /// Sales opportunities.
    Deals,
    /// Touchpoints.
    Activities,
    /// NPS, CSAT and CES answers.
    Surveys,
}

impl ImportKind {
    /// Every kind, in menu order.
    pub const ALL: [ImportKind; 5] = [
        ImportKind::Contacts,
        ImportKind::Accounts,
        ImportKind::Deals,
        ImportKind::Activities,
        ImportKind::Surveys,
    ];
}

/// One importable field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Field key (also the label key in the UI).
    pub key: &'static str,
    /// A row without it is rejected.
    pub required: bool,
    /// Header names that mean this field (compared after normalisation).
    pub synonyms: &'static [&'static str],
}

const fn f(key: &'static str, required: bool, synonyms: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        key,
        required,
        synonyms,
    }
}

const CONTACT: &[FieldSpec] = &[
    f(
        "name",
        true,
        &[
            "name",
            "full name",
            "contact",
            "contact name",
            "họ tên",
            "họ và tên",
            "tên",
            "người liên hệ",
        ],
    ),
    f(
        "email",
        false,
        &["email", "e-mail", "email address", "thư điện tử"],
    ),
    f(
        "phone",
        false,
        &[
            "phone",
            "mobile",
            "phone number",
            "điện thoại",
            "số điện thoại",
            "sđt",
            "di động",
        ],
    ),
    f(
        "title",
        false,
        &["title", "job title", "position", "chức vụ", "chức danh"],
    ),
    f("role", false, &["role", "vai trò"]),
    f(
        "account",
        false,
        &[
            "account",
            "company",
            "organisation",
            "organization",
            "công ty",
            "doanh nghiệp",
            "tổ chức",
        ],
    ),
    f(
        "owner",
        false,
        &["owner", "sales rep", "người phụ trách", "phụ trách"],
    ),
    f(
        "stage",
        false,
        &[
            "stage",
            "journey stage",
            "lifecycle stage",
            "giai đoạn",
            "giai đoạn hành trình",
        ],
    ),
    f(
        "source",
        false,
        &["utm_source", "source", "lead source", "nguồn"],
    ),
    f("medium", false, &["utm_medium", "medium", "phương tiện"]),
    f(
        "campaign",
        false,
        &["utm_campaign", "campaign", "chiến dịch"],
    ),
    f(
        "landing_page",
        false,
        &[
            "landing page",
            "landing_page",
            "landing url",
            "url",
            "trang đích",
        ],
    ),
];

const ACCOUNT: &[FieldSpec] = &[
    f(
        "name",
        true,
        &[
            "name",
            "account",
            "account name",
            "company",
            "công ty",
            "tên",
            "tên công ty",
            "doanh nghiệp",
        ],
    ),
    f(
        "industry",
        false,
        &["industry", "ngành", "ngành nghề", "lĩnh vực"],
    ),
    f("segment", false, &["segment", "phân khúc"]),
    f(
        "city",
        false,
        &["city", "province", "thành phố", "tỉnh thành", "tỉnh/thành"],
    ),
    f("region", false, &["region", "khu vực", "vùng"]),
    f("owner", false, &["owner", "người phụ trách", "phụ trách"]),
];

const DEAL: &[FieldSpec] = &[
    f(
        "title",
        true,
        &["title", "deal", "deal name", "name", "tên cơ hội", "cơ hội"],
    ),
    f(
        "value",
        true,
        &["value", "amount", "deal value", "giá trị", "số tiền"],
    ),
    f("currency", false, &["currency", "tiền tệ"]),
    f("pipeline", false, &["pipeline", "quy trình"]),
    f("stage", true, &["stage", "deal stage", "giai đoạn", "bước"]),
    f(
        "account",
        false,
        &["account", "company", "công ty", "doanh nghiệp"],
    ),
    f(
        "contact_email",
        false,
        &["contact email", "email", "email liên hệ"],
    ),
    f("owner", false, &["owner", "người phụ trách", "phụ trách"]),
    f(
        "expected_close",
        false,
        &["expected close", "close date", "ngày chốt", "ngày dự kiến"],
    ),
];

const ACTIVITY: &[FieldSpec] = &[
    f(
        "kind",
        true,
        &["kind", "type", "activity", "loại", "hoạt động"],
    ),
    f(
        "occurred_at",
        true,
        &["date", "occurred at", "time", "when", "ngày", "thời gian"],
    ),
    f("stage", true, &["stage", "journey stage", "giai đoạn"]),
    f("channel", false, &["channel", "kênh"]),
    f("emotion", false, &["emotion", "mood", "cảm xúc"]),
    f(
        "notes",
        false,
        &["notes", "note", "description", "ghi chú", "nội dung"],
    ),
    f(
        "reason",
        false,
        &["reason", "churn reason", "lý do", "lý do rời bỏ"],
    ),
    f("author", false, &["author", "by", "người ghi"]),
    f(
        "contact_email",
        false,
        &["contact email", "email", "email liên hệ"],
    ),
    f(
        "account",
        false,
        &["account", "company", "công ty", "doanh nghiệp"],
    ),
];

const SURVEY: &[FieldSpec] = &[
    f(
        "survey_kind",
        true,
        &[
            "survey",
            "survey kind",
            "survey type",
            "kind",
            "type",
            "metric",
            "khảo sát",
            "loại khảo sát",
            "loại",
            "chỉ số",
        ],
    ),
    f(
        "score",
        true,
        &["score", "rating", "answer", "điểm", "điểm số", "đánh giá"],
    ),
    f(
        "contact",
        true,
        &[
            "contact",
            "customer",
            "respondent",
            "contact email",
            "email",
            "contact name",
            "name",
            "khách hàng",
            "người liên hệ",
            "liên hệ",
            "người trả lời",
            "email liên hệ",
            "họ tên",
            "họ và tên",
        ],
    ),
    f(
        "answered_at",
        true,
        &[
            "date",
            "answered at",
            "answered on",
            "response date",
            "submitted at",
            "time",
            "ngày",
            "ngày trả lời",
            "ngày khảo sát",
            "thời gian",
        ],
    ),
    f(
        "stage",
        false,
        &[
            "stage",
            "journey stage",
            "giai đoạn",
            "giai đoạn hành trình",
        ],
    ),
    f(
        "channel",
        false,
        &["channel", "touchpoint", "kênh", "điểm chạm"],
    ),
    f(
        "comment",
        false,
        &[
            "comment",
            "comments",
            "feedback",
            "notes",
            "note",
            "nhận xét",
            "bình luận",
            "góp ý",
            "ý kiến",
            "ghi chú",
        ],
    ),
    f(
        "ticket",
        false,
        &[
            "ticket",
            "ticket id",
            "phiếu",
            "phiếu hỗ trợ",
            "mã phiếu",
            "yêu cầu hỗ trợ",
        ],
    ),
];

/// The fields of a kind, in form order.
pub fn fields(kind: ImportKind) -> &'static [FieldSpec] {
    match kind {
        ImportKind::Contacts => CONTACT,
        ImportKind::Accounts => ACCOUNT,
        ImportKind::Deals => DEAL,
        ImportKind::Activities => ACTIVITY,
        ImportKind::Surveys => SURVEY,
    }
}

/// For each field of `kind`, the column that probably holds it. A column is used
/// for one field at most; a header matching no synonym is left unmapped.
pub fn guess_mapping(kind: ImportKind, headers: &[String]) -> Vec<Option<usize>> {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut used = vec![false; headers.len()];
    fields(kind)
        .iter()
        .map(|field| {
            let wanted: Vec<String> = std::iter::once(field.key)
                .chain(field.synonyms.iter().copied())
                .map(normalise)
                .collect();
            let col = norm
                .iter()
                .enumerate()
                .find(|(i, h)| !used[*i] && wanted.contains(h))
                .map(|(i, _)| i);
            if let Some(i) = col {
                used[i] = true;
            }
            col
        })
        .collect()
}
